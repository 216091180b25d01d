"""The event contract: the JSON object ``eventwire code`` prints for every event."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from datetime import datetime

import pytest

from eventwire import CODER
from eventwire.contract import QUAD_CLASS, dumps, event_id, event_to_json
from eventwire.ontology import PLOVER_TYPES
from eventwire.pipeline import Coder
from eventwire.readers import build_article

PUBLISHED = datetime(2024, 12, 19, 10, 0)

# The keys of the example object in DESIGN.md, "The event contract".
CONTRACT_KEYS = {
    "article_id", "event_id", "type", "mode", "cameo", "quad_class", "goldstein", "sources",
    "targets", "date", "date_precision", "date_text", "location", "quantities", "claimed_by",
    "polarity", "hedged", "evidence", "confidence", "coder",
}  # fmt: skip
ACTOR_KEYS = {"text", "country", "igo", "sector", "span"}
QUANTITY_KEYS = {"kind", "value", "qualifier", "unit", "text"}
CLAIM_KEYS = {"text", "country", "sector"}
LOCATION_KEYS = {"text", "country", "lat", "lon"}
EVIDENCE_KEYS = {"text", "start", "end", "trigger"}

PARAGRAPHS = [
    "Ukraine's military intelligence said that Russian drones attacked Kharkiv on Wednesday, "
    "killing about 20 civilians.",
    "South Korea condemned North Korea on Monday over the deployment.",
    "Russia sent 5,000 troops to Belarus, the Polish defence ministry said.",
]


@pytest.fixture(scope="module")
def article():
    return build_article(id="contract", headline=None, paragraphs=PARAGRAPHS, published=PUBLISHED)


@pytest.fixture(scope="module")
def events(coder, article) -> list[dict]:
    (result,) = coder.code_articles([article])
    assert result.reject is None
    assert len(result.events) >= 3
    return result.events


def test_contract_every_key_present(events):
    for event in events:
        assert CONTRACT_KEYS <= set(event), CONTRACT_KEYS - set(event)
        assert event["coder"] == CODER
        for actor in event["sources"] + event["targets"]:
            assert ACTOR_KEYS <= set(actor)
        for quantity in event["quantities"]:
            assert QUANTITY_KEYS <= set(quantity)
        if event["claimed_by"] is not None:
            assert CLAIM_KEYS <= set(event["claimed_by"])
        if event["location"] is not None:
            assert LOCATION_KEYS <= set(event["location"])
        assert event["evidence"] and EVIDENCE_KEYS <= set(event["evidence"][0])


def test_contract_nested_values_are_present(events):
    """The fixture article fills a claimant, a quantity and a location somewhere."""
    assert any(e["claimed_by"] for e in events)
    assert any(e["quantities"] for e in events)
    assert any(e["location"] for e in events)
    assert any(e["date"] for e in events)


def test_contract_value_types(events):
    for event in events:
        assert event["type"] in PLOVER_TYPES
        assert re.fullmatch(r"\d{2,4}", event["cameo"])
        assert event["quad_class"] in {1, 2, 3, 4}
        assert isinstance(event["goldstein"], float) and -10 <= event["goldstein"] <= 10
        assert event["polarity"] in {"asserted", "negated", "hypothetical", "future", "requested"}
        assert isinstance(event["hedged"], bool)
        assert 0 <= event["confidence"] <= 1
        assert event["date"] is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", event["date"])
        for actor in event["sources"] + event["targets"]:
            assert actor["country"] is None or re.fullmatch(r"[A-Z]{3}", actor["country"])


def test_contract_dumps_round_trips(events):
    for event in events:
        line = dumps(event)
        assert "\n" not in line
        assert json.loads(line) == event


def test_contract_event_id_stable_across_runs(article, events):
    again = list(Coder().code_articles([article]))[0].events
    assert [e["event_id"] for e in again] == [e["event_id"] for e in events]


def test_contract_event_id_unique_per_event(events):
    ids = [e["event_id"] for e in events]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[0-9a-f]{20}", i) for i in ids)


def test_contract_event_id_depends_on_what_defines_the_event(coder, article):
    event = coder.code_document(article).events[0]
    base = event_id("contract", event)
    assert event_id("contract", event) == base
    assert event_id("other-article", event) != base
    assert event_id("contract", replace(event, cameo="112")) != base
    assert event.targets
    assert event_id("contract", replace(event, targets=())) != base
    # Fields that do not define the event leave the id alone.
    assert event_id("contract", replace(event, confidence=0.11)) == base


def test_contract_event_id_stable_in_a_new_process(tmp_path, events):
    path = tmp_path / "contract.jsonl"
    path.write_text(
        json.dumps({"id": "contract", "text": "\n\n".join(PARAGRAPHS),
                    "published": PUBLISHED.isoformat()}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    proc = subprocess.run(
        [sys.executable, "-c", "from eventwire.cli import main; main()", "code", str(path)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    other = [json.loads(line) for line in proc.stdout.splitlines()]
    assert sorted(e["event_id"] for e in other) == sorted(e["event_id"] for e in events)


def test_contract_event_to_json_slices_evidence(coder, article):
    for event in coder.code_document(article).events:
        obj = event_to_json(article, event)
        ev = obj["evidence"][0]
        assert article.text[ev["start"] : ev["end"]] == ev["text"]
        start, end = ev["trigger"]
        assert article.text[start:end] == ev["trigger_text"]


def test_contract_design_example_keys(shared_dir):
    """The example object of DESIGN.md has no key this test does not know about."""
    design = (shared_dir / "DESIGN.md").read_text("utf-8")
    block = re.search(r"## The event contract.*?```json\n(.*?)```", design, re.S)
    assert block, "DESIGN.md has no ```json block under 'The event contract'"
    example = json.loads(block.group(1))
    assert set(example) == CONTRACT_KEYS
    assert set(example["sources"][0]) == ACTOR_KEYS
    assert set(example["quantities"][0]) == QUANTITY_KEYS
    assert set(example["claimed_by"]) == CLAIM_KEYS
    assert set(example["location"]) == LOCATION_KEYS
    assert set(example["evidence"][0]) == EVIDENCE_KEYS


QUADS = {"VERBAL COOPERATION": 1, "MATERIAL COOPERATION": 2, "VERBAL CONFLICT": 3,
         "MATERIAL CONFLICT": 4}  # fmt: skip


@pytest.mark.parametrize(
    "plover",
    list(PLOVER_TYPES),
)
def test_contract_quad_class_follows_plover(shared_dir, plover):
    types = json.loads((shared_dir / "ontology" / "plover_event_types_modes.json").read_text())
    quads = {t["event"]: QUADS[t["quad"]] for t in types}
    assert QUAD_CLASS[plover] == quads[plover]
