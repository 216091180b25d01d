"""Query and export levels (clusters by default, events on request) and human reviews
applied in every query and export format; text filters bound as parameters."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.cli.store import _estimates
from eventwire.export import GDELT_COLUMNS, gdelt_event_id, read_parquet_events
from eventwire.store import open_database
from eventwire.store.clusters import recluster
from eventwire.store.query import (
    _where,
    has_clusters,
    query_clusters,
    query_events,
    where_sql,
)
from eventwire.store.reviews import record_review

# -- hand-made articles: one market strike told three times, and one accusation ----------

CAMEO = {
    "ASSAULT": ("190", None, 4, -10.0),
    "ACCUSE": ("111", "disapprove", 3, -2.0),
}
KOSTIANTYNIVKA = {
    "text": "Kostiantynivka", "name": "Kostiantynivka", "country": "UKR", "admin1": None,
    "lat": 48.53, "lon": 37.71, "geonameid": None, "feature": "city", "precision": None,
}  # fmt: skip


def _actor(spec: str, sentence: str) -> dict[str, Any]:
    """``"Russian:RUS/MIL"`` -> an actor dict with its span in the sentence."""
    text, _, code = spec.rpartition(":")
    code, _, sector = code.partition("/")
    at = max(sentence.find(text), 0)
    return {"text": text, "country": code or None, "igo": None, "sector": sector or None,
            "name": None, "span": [at, at + len(text)]}  # fmt: skip


def _dead(value: int, qualifier: str, text: str) -> dict[str, Any]:
    return {"kind": "dead", "value": value, "qualifier": qualifier, "unit": "people",
            "text": text, "low": None, "high": None}  # fmt: skip


def _event(
    article_id: str, sentence: str, trigger: str, *, type: str, sources: tuple[str, ...],
    targets: tuple[str, ...] = (), date: str, date_text: str, published: str,
    publisher: str, location: dict[str, Any] | None = None,
    quantities: tuple[dict[str, Any], ...] = (),
) -> dict[str, Any]:  # fmt: skip
    cameo, mode, quad, goldstein = CAMEO[type]
    at = sentence.index(trigger)
    return {
        "article_id": article_id,
        "event_id": f"{article_id}-e0",
        "type": type,
        "mode": mode,
        "cameo": cameo,
        "quad_class": quad,
        "goldstein": goldstein,
        "sources": [_actor(s, sentence) for s in sources],
        "targets": [_actor(t, sentence) for t in targets],
        "date": date,
        "date_precision": "day",
        "date_text": date_text,
        "date_span": None,
        "location": location,
        "quantities": list(quantities),
        "claimed_by": None,
        "polarity": "asserted",
        "hedged": False,
        "evidence": [{"text": sentence, "start": 0, "end": len(sentence),
                      "trigger": [at, at + len(trigger)], "trigger_text": trigger}],  # fmt: skip
        "confidence": 0.8,
        "rule": "test",
        "coder": "test 0",
        "published": published,
        "publisher": publisher,
    }


LEDGER = _event(
    "ledger",
    "Russian missiles struck a crowded market in Kostiantynivka on Monday, killing 12 "
    "civilians, the Ukrainian defence ministry said.",
    "struck", type="ASSAULT", sources=("Russian:RUS/MIL",), targets=("civilians:UKR/CVL",),
    date="2025-03-10", date_text="on Monday", location=KOSTIANTYNIVKA,
    quantities=(_dead(12, "exact", "12 civilians"),), published="2025-03-10T18:05:00",
    publisher="Northern Ledger",
)  # fmt: skip
HARBOUR = _event(
    "harbour",
    "At least 15 people were killed when a Russian strike hit the central market of "
    "Kostiantynivka on Monday morning, a conflict monitoring group said.",
    "strike", type="ASSAULT", sources=("Russian:RUS/MIL",), date="2025-03-10",
    date_text="on Monday morning", location=KOSTIANTYNIVKA,
    quantities=(_dead(15, "at_least", "At least 15 people"),),
    published="2025-03-11T07:30:00", publisher="Harbour Times",
)  # fmt: skip
MERIDIAN = _event(
    "meridian",
    "About 20 people died in Monday's Russian bombardment of the market in Kostiantynivka, "
    "local officials told reporters.",
    "bombardment", type="ASSAULT", sources=("Russian:RUS",),
    targets=("Kostiantynivka:UKR",), date="2025-03-10", date_text="Monday's",
    location=KOSTIANTYNIVKA, quantities=(_dead(20, "approx", "About 20 people"),),
    published="2025-03-11T12:40:00", publisher="Radio Meridian",
)  # fmt: skip
ACCUSATION = _event(
    "pyongyang",
    "North Korea denounced the United States on Tuesday over its drills.",
    "denounced", type="ACCUSE", sources=("North Korea:PRK/GOV",),
    targets=("the United States:USA",), date="2025-03-11", date_text="on Tuesday",
    published="2025-03-11T09:00:00", publisher="Northern Ledger",
)  # fmt: skip
EVENTS = [LEDGER, HARBOUR, MERIDIAN, ACCUSATION]


def _article(event: dict[str, Any]) -> dict[str, Any]:
    text = event["evidence"][0]["text"]
    return {
        "id": event["article_id"], "url": f"https://example.org/{event['article_id']}",
        "source": event["publisher"], "headline": None, "published": event["published"],
        "language": "en", "paragraphs": [[0, len(text)]], "text": text,
    }  # fmt: skip


def _build(path: Path, *, cluster: bool = True) -> str:
    with open_database(path) as db:
        for event in EVENTS:
            db.store_article(_article(event), [event])
        if cluster:
            recluster(db)
    return str(path)


@pytest.fixture
def dbfile(tmp_path: Path) -> str:
    return _build(tmp_path / "events.duckdb")


@pytest.fixture
def reviewed(tmp_path: Path) -> str:
    """The same database with three reviews: the ledger report accepted, the harbour
    report rejected, the accusation corrected to THREATEN."""
    path = _build(tmp_path / "reviewed.duckdb")
    with open_database(path) as db:
        record_review(db, LEDGER["event_id"], "accept", "ana")
        record_review(db, HARBOUR["event_id"], "reject", "ana", note="not a new report")
        record_review(db, ACCUSATION["event_id"], "correct", "ben", changes={"type": "THREATEN"})
    return path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str) -> Any:
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result


def lines(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines()]


STRIKE_IDS = {"ledger-e0", "harbour-e0", "meridian-e0"}


def _members(cluster: dict[str, Any]) -> set[str]:
    return {m["event_id"] for m in cluster["members"]}


# -- clusters are the default level ------------------------------------------------------


def test_the_three_strike_reports_form_one_cluster(dbfile):
    with open_database(dbfile, read_only=True) as db:
        assert has_clusters(db)
        clusters = list(query_clusters(db).rows())
    assert sorted(map(_members, clusters), key=len) == [{"pyongyang-e0"}, STRIKE_IDS]


def test_query_defaults_to_clusters(runner, dbfile):
    result = run(runner, "query", "--db", dbfile)
    clusters = lines(result.stdout)
    assert result.stderr == ""
    assert [c["num_articles"] for c in clusters] == [3, 1]  # by first report
    assert [c["type"] for c in clusters] == ["ASSAULT", "ACCUSE"]
    assert all(c["cluster_id"].startswith("c") for c in clusters)


def test_query_level_events_gives_events(runner, dbfile):
    events = lines(run(runner, "query", "--db", dbfile, "--level", "events").stdout)
    assert [e["event_id"] for e in events] == ["harbour-e0", "ledger-e0", "meridian-e0",
                                              "pyongyang-e0"]  # fmt: skip
    assert events[1] == LEDGER


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--type", "ASSAULT"], [STRIKE_IDS]),
        (["--type", "FIGHT"], [STRIKE_IDS]),  # the older name
        (["--quad", "3"], [{"pyongyang-e0"}]),
        (["--mode", "disapprove"], [{"pyongyang-e0"}]),
        (["--since", "2025-03-11"], [{"pyongyang-e0"}]),
        (["--until", "2025-03-10"], [STRIKE_IDS]),
        (["--country", "Ukraine"], [STRIKE_IDS]),
        (["--country", "kostiantynivka"], [STRIKE_IDS]),
        (["--actor", "North Korea"], [{"pyongyang-e0"}]),
        (["--target", "UKR"], [STRIKE_IDS]),
        (["--text", "central market"], [STRIKE_IDS]),  # one member's words
        (["--article", "meridian"], [STRIKE_IDS]),
        (["--source", "RUS", "--type", "ACCUSE"], []),
    ],
    ids=["type", "old-type", "quad", "mode", "since", "until", "country", "place", "actor",
         "target", "text", "article", "none"],
)  # fmt: skip
def test_query_filters_clusters(runner, dbfile, args, expected):
    clusters = lines(run(runner, "query", "--db", dbfile, *args).stdout)
    assert [_members(c) for c in clusters] == expected


def test_query_counts_clusters(runner, dbfile):
    result = run(runner, "query", "--db", dbfile, "--count-by", "month,type", "-f", "csv")
    assert result.stdout.splitlines() == [
        "month,type,clusters,events,articles,goldstein_sum,goldstein_mean,quad1,quad2,quad3,quad4",
        "2025-03,ACCUSE,1,1,1,-2.0,-2.0,0,0,1,0",
        "2025-03,ASSAULT,1,3,3,-10.0,-10.0,0,0,0,1",
    ]
    dyads = lines(run(runner, "query", "--db", dbfile, "--count-by", "source,target").stdout)
    assert [(r["source"], r["target"], r["clusters"]) for r in dyads] == [
        ("PRK", "USA", 1), ("RUS", "UKR", 1),
    ]  # fmt: skip
    events = lines(
        run(runner, "query", "--db", dbfile, "--level", "events", "--count-by", "type").stdout
    )
    assert [(r["type"], r["events"]) for r in events] == [("ACCUSE", 1), ("ASSAULT", 3)]


def test_query_cluster_count_by_an_event_only_key(runner, dbfile):
    result = runner.invoke(cli, ["query", "--db", dbfile, "--count-by", "publisher"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "Error: Invalid value for '--count-by': Unknown count-by column 'publisher' for "
        "clusters. Allowed values: month, year, day, source, target, type, mode, quad, cameo, "
        "country. publisher counts events only: query --level events."
    )


def test_query_cluster_table(runner, dbfile):
    result = run(runner, "query", "--db", dbfile, "-f", "table")
    text = result.stdout
    assert "2 cluster(s)" in text
    for column in ("num_articles", "num_sources", "estimates", "cluster_id"):
        assert column in text
    assert "dead 15" in text
    # best figure, then the claimants' range
    assert _estimates({"dead": {"low": 12, "best": 15, "high": 20}, "injured": {"best": 3.0},
                       "size": {"best": None}}) == "dead 15 (12-20); injured 3"  # fmt: skip


def test_query_cluster_parquet_and_limit(runner, dbfile, tmp_path):
    out = tmp_path / "clusters.parquet"
    run(runner, "query", "--db", dbfile, "-f", "parquet", "-o", str(out), "--limit", "1")
    table = pq.read_table(out)
    assert table.num_rows == 1
    assert table.column("num_articles").to_pylist() == [3]
    assert json.loads(table.column("members").to_pylist()[0])[0]["event_id"] == "ledger-e0"


def test_export_defaults_to_clusters_for_jsonl_csv_and_parquet(runner, dbfile, tmp_path):
    clusters = lines(run(runner, "export", "--db", dbfile, "-f", "jsonl").stdout)
    assert [c["num_articles"] for c in clusters] == [3, 1]
    rows = list(csv.DictReader(io.StringIO(run(runner, "export", "--db", dbfile, "-f", "csv")
                                           .stdout)))  # fmt: skip
    assert [r["num_articles"] for r in rows] == ["3", "1"]
    out = tmp_path / "clusters"
    run(runner, "export", "--db", dbfile, "-f", "parquet", "-o", str(out))
    assert pq.read_table(out / "part-0.parquet").num_rows == 2


def test_export_level_events_and_event_only_formats(runner, dbfile):
    events = lines(run(runner, "export", "--db", dbfile, "-f", "jsonl", "--level", "events")
                   .stdout)  # fmt: skip
    assert {e["event_id"] for e in events} == STRIKE_IDS | {"pyongyang-e0"}
    gdelt = run(runner, "export", "--db", dbfile, "-f", "gdelt").stdout.splitlines()
    assert gdelt and all(len(line.split("\t")) == 61 for line in gdelt)
    bad = runner.invoke(cli, ["export", "--db", dbfile, "-f", "polecat", "--level", "clusters"])
    assert bad.exit_code == 1
    assert bad.stderr == (
        "Error: --level clusters works with jsonl, csv, parquet, not 'polecat'. "
        "Export --level events for GDELT, POLECAT or gold rows.\n"
    )


# -- a database clustered before clustering existed ----------------------------------------


def test_without_clusters_query_and_export_fall_back_to_events_with_a_note(runner, tmp_path):
    path = _build(tmp_path / "old.duckdb", cluster=False)
    note = (
        f"note: {path} has no clusters yet, so this shows events; to cluster them run: "
        f"eventwire cluster --db {path}\n"
    )
    for command in (["query"], ["export", "-f", "jsonl"]):
        result = run(runner, *command, "--db", path)
        assert result.stderr == note
        assert len(lines(result.stdout)) == 4
        assert all("event_id" in e for e in lines(result.stdout))
    assert run(runner, "query", "--db", path, "--level", "events").stderr == ""
    assert run(runner, "export", "--db", path, "-f", "gdelt").stderr == ""
    with open_database(path, read_only=True) as db:
        assert not has_clusters(db)
        assert list(query_clusters(db).rows()) == []
    run(runner, "cluster", "--db", path)
    assert len(lines(run(runner, "query", "--db", path).stdout)) == 2


# -- reviews everywhere --------------------------------------------------------------------


def test_query_events_apply_reviews(runner, reviewed):
    events = lines(run(runner, "query", "--db", reviewed, "--level", "events").stdout)
    assert [e["event_id"] for e in events] == ["ledger-e0", "meridian-e0", "pyongyang-e0"]
    threat = events[2]
    assert (threat["type"], threat["cameo"], threat["quad_class"]) == ("THREATEN", "130", 3)
    assert threat["review"]["status"] == "corrected" and threat["review"]["reviewer"] == "ben"
    assert events[0]["review"]["status"] == "accepted"
    assert "review" not in events[1]
    # filters and counts see the corrected values
    found = lines(run(runner, "query", "--db", reviewed, "--level", "events", "--type",
                      "THREATEN").stdout)  # fmt: skip
    assert [e["event_id"] for e in found] == ["pyongyang-e0"]
    assert run(runner, "query", "--db", reviewed, "--level", "events", "--type",
               "ACCUSE").stdout == ""  # fmt: skip
    counts = lines(run(runner, "query", "--db", reviewed, "--level", "events", "--count-by",
                       "type").stdout)  # fmt: skip
    assert [(r["type"], r["events"]) for r in counts] == [("ASSAULT", 2), ("THREATEN", 1)]
    limited = lines(run(runner, "query", "--db", reviewed, "--level", "events", "--limit",
                        "2").stdout)  # fmt: skip
    assert [e["event_id"] for e in limited] == ["ledger-e0", "meridian-e0"]
    with open_database(reviewed, read_only=True) as db:
        coded = query_events(db, reviews=False)
        assert [e["type"] for e in coded.rows()] == ["ASSAULT"] * 3 + ["ACCUSE"]


def test_query_clusters_apply_reviews(runner, reviewed):
    clusters = lines(run(runner, "query", "--db", reviewed).stdout)
    strike, threat = clusters
    assert _members(strike) == {"ledger-e0", "meridian-e0"}
    assert (strike["num_articles"], strike["estimates"]["dead"]["high"]) == (2, 20)
    assert strike["review"]["rejected_events"] == ["harbour-e0"]
    assert {m["event_id"]: m.get("review") for m in strike["members"]} == {
        "ledger-e0": "accepted", "meridian-e0": None,
    }  # fmt: skip
    assert threat["type"] == "THREATEN"
    found = lines(run(runner, "query", "--db", reviewed, "--type", "THREATEN").stdout)
    assert [c["cluster_id"] for c in found] == [threat["cluster_id"]]
    assert run(runner, "query", "--db", reviewed, "--article", "harbour").stdout == ""
    counts = run(runner, "query", "--db", reviewed, "--count-by", "type", "-f", "csv").stdout
    assert counts.splitlines()[1:] == [
        "ASSAULT,1,2,2,-10.0,-10.0,0,0,0,1",
        "THREATEN,1,1,1,-4.4,-4.4,0,0,1,0",
    ]


def test_a_correction_that_breaks_the_link_splits_the_cluster(tmp_path, runner):
    path = _build(tmp_path / "split.duckdb")
    with open_database(path) as db:
        record_review(db, "meridian-e0", "correct", "ana", changes={"type": "PROTEST"})
    clusters = lines(run(runner, "query", "--db", path).stdout)
    assert sorted(map(_members, clusters), key=sorted) == [
        {"harbour-e0", "ledger-e0"}, {"meridian-e0"}, {"pyongyang-e0"},
    ]  # fmt: skip
    protest = next(c for c in clusters if c["type"] == "PROTEST")
    source = next(c for c in clusters if _members(c) == {"harbour-e0", "ledger-e0"})
    assert protest["review"]["rebuilt_from"] == source["review"]["rebuilt_from"]
    assert protest["review"]["reviewed_events"] == ["meridian-e0"]
    exported = lines(run(runner, "export", "--db", path, "-f", "jsonl").stdout)
    assert exported == clusters


def test_exports_apply_reviews(runner, reviewed, tmp_path):
    events = lines(run(runner, "export", "--db", reviewed, "-f", "jsonl", "--level",
                       "events").stdout)  # fmt: skip
    assert [e["event_id"] for e in events] == ["ledger-e0", "meridian-e0", "pyongyang-e0"]
    assert events[2]["type"] == "THREATEN" and events[2]["review"]["status"] == "corrected"
    assert lines(run(runner, "export", "--db", reviewed, "-f", "jsonl").stdout) == lines(
        run(runner, "query", "--db", reviewed).stdout
    )
    rows = list(csv.DictReader(io.StringIO(
        run(runner, "export", "--db", reviewed, "-f", "csv", "--level", "events").stdout
    )))  # fmt: skip
    assert [(r["event_id"], r["type"]) for r in rows] == [
        ("ledger-e0", "ASSAULT"), ("meridian-e0", "ASSAULT"), ("pyongyang-e0", "THREATEN"),
    ]  # fmt: skip
    assert json.loads(rows[2]["extra"])["review"]["status"] == "corrected"
    out = tmp_path / "dataset"
    run(runner, "export", "--db", reviewed, "-f", "parquet", "--level", "events", "-o", str(out))
    assert read_parquet_events(out) == events
    gdelt = run(runner, "export", "--db", reviewed, "-f", "gdelt").stdout.splitlines()
    names = [name for name, _ in GDELT_COLUMNS]
    gdelt_rows = [dict(zip(names, line.split("\t"), strict=True)) for line in gdelt]
    ids = {r["GlobalEventID"] for r in gdelt_rows}
    assert str(gdelt_event_id("harbour-e0")) not in ids
    threat_id = str(gdelt_event_id("pyongyang-e0"))
    threat = next(r for r in gdelt_rows if r["GlobalEventID"] == threat_id)
    assert (threat["EventCode"], threat["GoldsteinScale"]) == ("130", "-4.4")
    polecat = run(runner, "export", "--db", reviewed, "-f", "polecat").stdout.splitlines()
    assert [line.split("\t")[:3] for line in polecat[1:]] == [
        ["ledger-e0", "2025-03-10", "ASSAULT"], ["meridian-e0", "2025-03-10", "ASSAULT"],
        ["pyongyang-e0", "2025-03-11", "THREATEN"],
    ]  # fmt: skip


def test_gold_export_lists_reviewed_events(runner, reviewed, tmp_path):
    out = tmp_path / "gold.jsonl"
    result = run(runner, "export", "--db", reviewed, "-f", "gold", "-o", str(out))
    assert result.stderr == f"3 row(s) written to {out}.\n"
    gold = {r["article_id"]: r for r in lines(out.read_text())}
    assert sorted(gold) == ["harbour", "ledger", "pyongyang"]
    required = [e["id"] for r in gold.values() for e in r["events"] if not e.get("optional")]
    assert sorted(required) == ["ledger-e0", "pyongyang-e0"]
    assert [e["id"] for e in gold["harbour"]["not_events"]] == ["harbour-e0"]
    assert gold["pyongyang"]["events"][0]["type"] == "THREATEN"
    bad = runner.invoke(cli, ["export", "--db", reviewed, "-f", "gold", "--level", "clusters"])
    assert bad.exit_code == 1


def test_gold_export_is_scored_by_the_shared_scorer(runner, reviewed, tmp_path, shared_dir):
    script = shared_dir / "eval" / "score.py"
    if not script.exists():
        pytest.skip(f"no scorer at {script}")
    spec = importlib.util.spec_from_file_location("shared_score", script)
    assert spec is not None and spec.loader is not None
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    gold, pred = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    run(runner, "export", "--db", reviewed, "-f", "gold", "-o", str(gold))
    run(runner, "export", "--db", reviewed, "-f", "jsonl", "--level", "events", "-o", str(pred))
    result = scorer.score(scorer.load_jsonl(str(gold)), scorer.load_jsonl(str(pred)))
    assert (result["tp"], result["fp"], result["fn"]) == (2, 0, 0)
    assert result["f1"] == 1.0
    # The events as coded miss the correction and keep the rejected report.
    coded = tmp_path / "coded.jsonl"
    with open_database(reviewed, read_only=True) as db:
        coded.write_text("".join(json.dumps(e) + "\n" for e in db.iter_events()))
    result = scorer.score(scorer.load_jsonl(str(gold)), scorer.load_jsonl(str(coded)))
    assert (result["tp"], result["fp"], result["fn"]) == (1, 2, 1)


def test_without_reviews_the_gold_file_is_empty_with_a_note(runner, dbfile):
    result = run(runner, "export", "--db", dbfile, "-f", "gold")
    assert result.stdout == ""
    assert result.stderr.startswith(f"note: no event in {dbfile} has been reviewed yet")


# -- text filters --------------------------------------------------------------------------

EVIL = [
    "'; DROP TABLE events; --",
    "\") OR 1=1 --",
    "' OR '1'='1",
    "%",
    "_",
    "\\",
    "%' ESCAPE '",
    "?",
]


@pytest.mark.parametrize("value", EVIL)
@pytest.mark.parametrize("option", ["--text", "--actor", "--source", "--country", "--article"])
def test_sql_looking_filter_values_are_plain_text(runner, dbfile, option, value):
    for level in ("clusters", "events"):
        result = run(runner, "query", "--db", dbfile, "--level", level, option, value)
        assert result.stdout == ""  # no sentence, actor or place contains these characters
    with open_database(dbfile, read_only=True) as db:
        assert db.con.execute("SELECT count(*) FROM events").fetchall()[0][0] == 4


def test_text_filters_are_bound_parameters(dbfile):
    value = "'; DROP TABLE events; --"
    with open_database(dbfile, read_only=True) as db:
        for name in ("text", "actor", "country"):
            sql, params = where_sql(db, {name: value})
            assert value not in sql and value in params
            assert "contains(lower(" in sql and "LIKE" not in sql
        assert _where(db, {"text": ["Kostiantynivka"]}) == where_sql(db, {"text": "Kostiantynivka"})
        hits = query_events(db, {"text": "CENTRAL market", "actor": "russian"}, reviews=False)
        assert [e["event_id"] for e in hits.rows()] == ["harbour-e0"]
