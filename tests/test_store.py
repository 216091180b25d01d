"""The event database: schema, migrations, idempotent writes, history, queries, errors."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.errors import SchemaMismatch, StorageError
from eventwire.model import Article, Reject
from eventwire.pipeline import CodedArticle
from eventwire.store import (
    SCHEMA_VERSION,
    EventFilter,
    InvalidFilter,
    open_database,
    query_events,
    schema,
    store_coded,
)
from eventwire.store import database as database_module
from eventwire.store import writer as ingest_module

# -- factories ---------------------------------------------------------------------------

TEXT = "North Korea denounced the United States on Thursday. Russia sent troops to Kursk."


def make_article(article_id: str = "a1", text: str = TEXT, **overrides: Any) -> dict[str, Any]:
    record = {
        "id": article_id,
        "url": f"https://example.org/{article_id}",
        "source": "Example News",
        "wire": None,
        "headline": None,
        "published": "2024-12-19T10:00:00+09:00",
        "language": "en",
        "tags": ["Korea"],
        "captions": [],
        "paragraphs": [[0, len(text)]],
        "text": text,
        "content_hash": hashlib.sha1(text.encode()).hexdigest(),
        "origin": f"{article_id}.txt",
    }
    record.update(overrides)
    return record


def actor(text: str, country: str | None = None, igo: str | None = None, sector: str | None = None,
          span: tuple[int, int] = (0, 1)) -> dict[str, Any]:  # fmt: skip
    return {"text": text, "country": country, "igo": igo, "sector": sector, "name": None,
            "span": list(span)}  # fmt: skip


def make_event(article_id: str = "a1", n: int = 0, **overrides: Any) -> dict[str, Any]:
    event = {
        "article_id": article_id,
        "event_id": f"{article_id}-e{n}",
        "type": "ACCUSE",
        "mode": "disapprove",
        "cameo": "111",
        "quad_class": 3,
        "goldstein": -2.0,
        "sources": [actor("North Korea", "PRK", sector="GOV", span=(0, 11))],
        "targets": [actor("the United States", "USA", span=(22, 39))],
        "date": "2024-12-19",
        "date_precision": "day",
        "date_text": "on Thursday",
        "date_span": [40, 51],
        "location": None,
        "quantities": [],
        "claimed_by": None,
        "polarity": "asserted",
        "hedged": False,
        "evidence": [
            {
                "text": TEXT[:52],
                "start": 0,
                "end": 52,
                "trigger": [12, 21],
                "trigger_text": "denounced",
            }
        ],  # fmt: skip
        "confidence": 0.9,
        "rule": "test",
        "coder": "eventwire 0.1.0",
        "published": "2024-12-19T10:00:00+09:00",
        "publisher": "Example News",
    }
    event.update(overrides)
    return event


def troops_event(article_id: str = "a1", n: int = 1, **overrides: Any) -> dict[str, Any]:
    return make_event(
        article_id, n, type="MOBILIZE", mode="troops", cameo="154", quad_class=4,
        goldstein=-7.2, sources=[actor("Russia", "RUS", span=(53, 59))],
        targets=[actor("Kursk residents", None, span=(75, 80))], date="2024-11",
        date_precision="month", location={"text": "Kursk", "country": "RUS", "lat": 51.7,
                                          "lon": 36.2, "feature": "city"},
        quantities=[{"kind": "size", "value": 10000, "qualifier": "more_than", "text": "10,000"}],
        evidence=[{"text": TEXT[53:], "start": 53, "end": len(TEXT), "trigger": [60, 64]}],
        **overrides,
    )  # fmt: skip


@pytest.fixture
def db(tmp_path: Path):
    database = open_database(tmp_path / "events.duckdb")
    yield database
    database.close()


def table_rows(db: Any, table: str, drop: tuple[str, ...] = ()) -> list[tuple[Any, ...]]:
    columns = [
        r[0]
        for r in db.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "ORDER BY ordinal_position",
            [table],
        ).fetchall()
        if r[0] not in drop
    ]
    cols = ", ".join(f'"{c}"' for c in columns)
    return db.con.execute(f"SELECT {cols} FROM {table} ORDER BY ALL").fetchall()


# -- schema and round trip -----------------------------------------------------------------


def test_open_database_creates_every_table_at_the_current_version(db):
    tables = {
        r[0] for r in db.con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    assert set(schema.TABLES) <= tables
    assert db.schema_version == SCHEMA_VERSION
    assert db.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall() == [
        (str(SCHEMA_VERSION),)
    ]


def test_migrations_build_exactly_the_described_tables(db):
    """Adding a Column without a migration (or the reverse) fails here."""
    for table, (columns, _) in schema.TABLES.items():
        found = db.con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = ? ORDER BY ordinal_position",
            [table],
        ).fetchall()
        assert found == [(c.name, c.sql) for c in columns], table


def test_store_article_round_trips_article_and_events(db):
    article = make_article()
    events = [make_event(), troops_event()]
    assert db.store_article(article, events, settings_hash="s1") == "added"
    assert db.get_article("a1") == article
    assert list(db.iter_articles()) == [article]
    assert list(db.iter_events()) == sorted(events, key=lambda e: e["event_id"])
    assert db.counts()["actors"] == 4
    assert db.counts()["evidence"] == 2


def test_store_keeps_unknown_contract_fields_in_extra(db):
    event = make_event(cluster_hint={"a": [1, None, "ü"]}, score=0.5)
    event["sources"][0]["wikidata"] = "Q423"
    db.store_article(make_article(), [event])
    (stored,) = db.iter_events()
    assert stored == event
    extra = db.con.execute("SELECT extra FROM events").fetchall()[0][0]
    assert extra == '{"cluster_hint":{"a":[1,null,"ü"]},"score":0.5}'


def test_store_derives_query_columns(db):
    db.store_article(make_article(), [make_event(), troops_event()])
    rows = db.con.execute(
        "SELECT event_id, event_day, location_country FROM events ORDER BY event_id"
    ).fetchall()
    assert [(r[0], str(r[1]), r[2]) for r in rows] == [
        ("a1-e0", "2024-12-19", None),
        ("a1-e1", "2024-11-01", "RUS"),
    ]
    actors = db.con.execute(
        "SELECT role, code, text FROM actors WHERE event_id = 'a1-e1' ORDER BY role"
    ).fetchall()
    assert actors == [("source", "RUS", "Russia"), ("target", None, "Kursk residents")]


def test_store_article_unchanged_writes_nothing(db):
    db.store_article(make_article(), [make_event()], settings_hash="s1")
    before = {t: table_rows(db, t) for t in ("articles", "events", "actors", "evidence", "changes")}
    assert db.store_article(make_article(), [make_event()], settings_hash="s1") == "unchanged"
    assert {t: table_rows(db, t) for t in before} == before


def test_changed_article_replaces_events_and_keeps_history(db):
    db.store_article(make_article(), [make_event(n=0), troops_event(n=1)], settings_hash="s1")
    new_text = TEXT + " Updated."
    changed = make_article(text=new_text, paragraphs=[[0, len(new_text)]])
    new_events = [make_event(n=0, confidence=0.5), make_event(n=2, type="THREATEN", cameo="13")]
    assert db.store_article(changed, new_events, settings_hash="s1") == "replaced"
    assert db.get_article("a1") == changed
    assert [e["event_id"] for e in db.iter_events()] == ["a1-e0", "a1-e2"]
    assert db.con.execute("SELECT count(*) FROM articles_history").fetchall() == [(1,)]
    history = db.con.execute("SELECT event_id FROM events_history ORDER BY event_id").fetchall()
    assert history == [("a1-e0",), ("a1-e1",)]
    changes = [(c["article_id"], c["event_id"], c["change"]) for c in db.changes()]
    assert changes == [
        ("a1", None, "added"),
        ("a1", "a1-e0", "added"),
        ("a1", "a1-e1", "added"),
        ("a1", None, "replaced"),
        ("a1", "a1-e0", "replaced"),
        ("a1", "a1-e1", "deleted"),
        ("a1", "a1-e2", "added"),
    ]
    assert db.counts()["actors"] == 4  # the old version's actors are gone


def test_changes_since_filters_by_time(db):
    db.store_article(make_article("a1"), [make_event("a1")])
    time.sleep(0.01)
    cut = database_module.utcnow()
    db.store_article(make_article("a2"), [make_event("a2")])
    assert {c["article_id"] for c in db.changes(cut)} == {"a2"}
    assert len(db.changes()) == 4


def test_delete_article_moves_it_to_history(db):
    db.store_article(make_article(), [make_event()])
    assert db.delete_article("a1") is True
    assert db.delete_article("a1") is False
    assert db.counts()["articles"] == 0 and db.counts()["events"] == 0
    assert [(c["event_id"], c["change"]) for c in db.changes()][-2:] == [
        (None, "deleted"),
        ("a1-e0", "deleted"),
    ]


def test_same_event_id_twice_in_one_article_is_stored_once(db):
    db.store_article(make_article(), [make_event(), make_event()])
    assert db.counts()["events"] == 1


def test_bad_value_raises_storage_error_and_writes_nothing(db):
    bad = make_event(n=1, quad_class="three")
    with pytest.raises(StorageError) as info:
        db.store_article(make_article(), [make_event(), bad])
    assert str(info.value) == (
        "Event 'a1-e1': field 'quad_class' must be a 32-bit integer or null, not 'three' (str). "
        "Fix the code that produced it."
    )
    assert db.counts()["articles"] == 0 and db.counts()["events"] == 0


def test_event_id_used_by_another_article_is_refused(db):
    db.store_article(make_article("a1"), [make_event("a1")])
    clash = make_event("a2", event_id="a1-e0")
    with pytest.raises(StorageError) as info:
        db.store_article(make_article("a2"), [clash])
    assert str(info.value) == (
        "Event id 'a1-e0' of article 'a2' is already used by article 'a1'. Event ids must be "
        "unique across articles: build them with eventwire.contract.event_id, which hashes "
        "the article id."
    )
    assert db.counts()["articles"] == 1


def test_event_of_another_article_is_refused(db):
    with pytest.raises(StorageError, match="Store each article with its own events"):
        db.store_article(make_article("a1"), [make_event("a2")])


def test_transaction_rolls_back_on_error(db):
    with pytest.raises(RuntimeError), db.transaction():
        db.store_article(make_article(), [make_event()])
        raise RuntimeError("boom")
    assert db.counts()["articles"] == 0


def test_iter_events_pages_see_views_and_open_transactions(db, monkeypatch):
    monkeypatch.setattr(database_module, "PAGE_ROWS", 2)
    for i in range(3):
        db.store_article(make_article(f"a{i}"), [make_event(f"a{i}", n) for n in range(2)])
    assert len(list(db.iter_events())) == 6
    import pyarrow as pa

    db.con.register("_wanted", pa.table({"article_id": ["a0", "a2"]}))
    got = [
        e["event_id"] for e in db.iter_events("e.article_id IN (SELECT article_id FROM _wanted)")
    ]
    assert got == ["a0-e0", "a0-e1", "a2-e0", "a2-e1"]
    with db.transaction():
        db.store_article(make_article("a9"), [make_event("a9")])
        assert [e["event_id"] for e in db.iter_events("e.article_id = ?", ["a9"])] == ["a9-e0"]
        # other queries between two rows of the iteration are fine
        for _ in db.iter_events():
            db.con.execute("SELECT 1").fetchone()


def test_events_table_and_df(db):
    db.store_article(make_article(), [make_event(), troops_event()])
    table = db.events_table()
    assert table.num_rows == 2
    assert table.column("event_id").to_pylist() == ["a1-e0", "a1-e1"]
    df = db.events_df()
    assert list(df["type"]) == ["ACCUSE", "MOBILIZE"]


# -- hypothesis: contract dicts -> DuckDB -> contract dicts ----------------------------------

_text = st.text(max_size=12)
_opt_text = st.none() | _text
_span = st.none() | st.lists(st.integers(0, 10**7), min_size=2, max_size=2)
_scalar = (
    st.none() | st.booleans() | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False) | _text
)  # fmt: skip
_json = st.recursive(
    _scalar, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=6,
)  # fmt: skip
_code = st.none() | st.sampled_from(["PRK", "USA", "RUS", "UKR", "EU", "ÄÖÜ"])
_actor = st.fixed_dictionaries(
    {"text": _text, "country": _code, "igo": _code, "sector": _opt_text, "name": _opt_text,
     "span": _span},
    optional={"wikidata": _json},
)  # fmt: skip
_known = {c.contract_key for c in schema.EVENT_COLUMNS}


@st.composite
def contract_events(draw: Any, article_id: str) -> list[dict[str, Any]]:
    ids = draw(st.lists(st.text(min_size=1, max_size=8), min_size=0, max_size=4, unique=True))
    events = []
    for local_id in ids:
        event_id = f"{article_id}/{local_id}"
        event = {
            "article_id": article_id,
            "event_id": event_id,
            "type": draw(_opt_text),
            "mode": draw(_opt_text),
            "cameo": draw(_opt_text),
            "quad_class": draw(st.none() | st.integers(1, 4)),
            "goldstein": draw(st.none() | st.floats(-10, 10)),
            "sources": draw(st.none() | st.lists(_actor, max_size=3)),
            "targets": draw(st.lists(_actor, max_size=3)),
            "date": draw(st.none() | st.dates().map(str) | _text),
            "date_precision": draw(_opt_text),
            "date_text": draw(_opt_text),
            "date_span": draw(_span),
            "location": draw(st.none() | st.dictionaries(_text, _json, max_size=4)),
            "quantities": draw(st.lists(st.dictionaries(_text, _json, max_size=3), max_size=2)),
            "claimed_by": draw(st.none() | _actor),
            "polarity": draw(_opt_text),
            "hedged": draw(st.none() | st.booleans()),
            "evidence": draw(st.lists(st.dictionaries(_text, _json, max_size=4), max_size=2)),
            "confidence": draw(st.none() | st.floats(0, 1)),
            "rule": draw(_opt_text),
            "coder": draw(_opt_text),
            "published": draw(_opt_text),
            "publisher": draw(_opt_text),
        }
        extra = draw(st.dictionaries(_text.filter(lambda k: k not in _known), _json, max_size=2))
        event.update(extra)
        events.append(event)
    return events


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_property_events_round_trip_through_duckdb(data):
    db = open_database(":memory:")
    try:
        expected = []
        for article_id in ("a", "ü\x00b"):
            events = data.draw(contract_events(article_id))
            article = make_article(
                article_id,
                text=data.draw(st.text(max_size=40)),
                headline=data.draw(_opt_text),
                tags=data.draw(st.lists(_text)),
            )
            db.store_article(article, events)
            assert db.get_article(article_id) == article
            expected += events
        assert list(db.iter_events()) == sorted(
            expected, key=lambda e: (e["article_id"], e["event_id"])
        )
    finally:
        db.close()


# -- migrations and bad files ----------------------------------------------------------------


def test_older_database_is_migrated_on_open(tmp_path, monkeypatch):
    path = tmp_path / "old.duckdb"
    with open_database(path) as db:
        db.store_article(make_article(), [make_event(score=1.5)])

    def add_score_column(con: Any) -> None:
        schema.promote_extra_key(con, "events", "score", "DOUBLE")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, add_score_column])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", len(schema.MIGRATIONS) + 1)
    with open_database(path) as db:
        assert db.schema_version == SCHEMA_VERSION + 1
        assert db.con.execute("SELECT score, extra FROM events").fetchall() == [(1.5, None)]


def test_newer_database_raises_schema_mismatch(tmp_path):
    path = tmp_path / "x.duckdb"
    with open_database(path) as db:
        db.con.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
    with pytest.raises(SchemaMismatch) as info:
        open_database(path)
    assert str(info.value) == (
        f"{path} was written by schema version 7, newer than this eventwire "
        f"(version {SCHEMA_VERSION}). Upgrade eventwire: pip install -U eventwire."
    )


def test_not_a_duckdb_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("just some notes, not a database\n" * 200)
    before = path.read_bytes()
    with pytest.raises(StorageError) as info:
        open_database(path)
    assert str(info.value) == (
        f"{path} is not an eventwire database (it is not a DuckDB file). "
        "Give another --db path, or move that file away."
    )
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.duckdb"]


def test_other_duckdb_database_is_refused(tmp_path):
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE sales (id INTEGER)")
    con.close()
    with pytest.raises(StorageError) as info:
        open_database(path)
    assert str(info.value) == (
        f"{path} is a DuckDB database but not an eventwire one (it has no meta table). "
        "Give another --db path."
    )


def _unwritable_dir(tmp_path: Path) -> Path:
    """A directory this process cannot create files in (root ignores chmod: use /sys)."""
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o555)
        return locked
    sysfs = Path("/sys")
    try:
        tempfile.TemporaryFile(dir=sysfs).close()
    except OSError:
        return sysfs
    pytest.skip("running as root with no read-only directory to test with")


def test_unwritable_directory_is_refused_without_leftovers(tmp_path):
    directory = _unwritable_dir(tmp_path)
    path = directory / "events.duckdb"
    with pytest.raises(StorageError) as info:
        open_database(path)
    assert str(info.value) == (
        f"Cannot create {path}: the directory {str(directory)!r} is not writable. "
        "Give a --db path in a writable directory."
    )
    assert not path.exists()


def test_read_only_open_of_missing_file(tmp_path):
    path = tmp_path / "missing.duckdb"
    with pytest.raises(StorageError) as info:
        open_database(path, read_only=True)
    assert str(info.value) == (
        f"No eventwire database at {path}. Create one with: eventwire ingest INPUT --db {path}"
    )
    assert not path.exists()


def test_directory_as_database_path(tmp_path):
    with pytest.raises(StorageError) as info:
        open_database(tmp_path)
    assert (
        str(info.value)
        == f"{tmp_path} is a directory, not a database file. Give a file path to --db."
    )


def test_database_in_use_by_another_process(tmp_path):
    path = tmp_path / "busy.duckdb"
    open_database(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ok', flush=True); "
         "time.sleep(30)", str(path)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StorageError) as info:
            open_database(path, read_only=True)
        assert str(info.value) == (
            f"{path} is in use by another process (PID {holder.pid}). "
            "Wait for it to finish or stop it, then try again."
        )
    finally:
        holder.kill()
        holder.wait()


# -- store_coded: batches, rejects, the clusters hook ---------------------------------------


def _coded(
    article_id: str, events: list[dict[str, Any]] | None = None, text: str = TEXT
) -> CodedArticle:
    article = Article(id=article_id, text=text, origin=f"{article_id}.txt")
    return CodedArticle(
        article=article, events=events if events is not None else [make_event(article_id)]
    )


class _FakeConfig:
    model = "fake-model"

    def settings_hash(self) -> str:
        return "fakehash"


class _FakeCoder:
    config = _FakeConfig()


def test_store_coded_stores_good_articles_and_records_rejects(db):
    reject = Reject(source="bad.txt", stage="read", error="UnreadableArticle",
                    message="bad.txt: empty file", article_id=None)  # fmt: skip
    items = [
        _coded("a1"),
        CodedArticle(article=None, reject=reject),
        _coded("a2", [make_event("a2", goldstein=float("nan"))]),
        _coded("a3"),
    ]
    seen: list[Reject] = []
    report = store_coded(db, items, coder=_FakeCoder(), commit_every=2, on_reject=seen.append)
    assert (report.n_read, report.n_added, report.n_rejected) == (4, 2, 2)
    assert [r.source for r in seen] == ["bad.txt", "a2.txt"]
    assert db.con.execute("SELECT article_id FROM articles ORDER BY 1").fetchall() == [
        ("a1",),
        ("a3",),
    ]
    rejects = db.con.execute("SELECT source, stage FROM rejects ORDER BY source").fetchall()
    assert rejects == [("a2.txt", "store"), ("bad.txt", "read")]
    run = db.con.execute(
        "SELECT status, model, settings_hash, n_added, n_rejected FROM runs"
    ).fetchall()
    assert run == [("done", "fake-model", "fakehash", 2, 2)]


def test_store_coded_twice_is_idempotent(db):
    items = [_coded("a1"), _coded("a2", [make_event("a2"), troops_event("a2")])]
    store_coded(db, items, coder=_FakeCoder())
    tables = ("articles", "events", "actors", "evidence", "changes")
    drop = ("stored_at", "run_id", "time")
    before = {t: table_rows(db, t, drop) for t in tables}
    report = store_coded(db, items, coder=_FakeCoder())
    assert (report.n_added, report.n_unchanged) == (0, 2)
    assert {t: table_rows(db, t, drop) for t in tables} == before
    assert db.counts()["runs"] == 2


def test_store_coded_same_article_twice_in_one_batch_keeps_the_last(db):
    changed = TEXT + " More."
    items = [_coded("a1"), _coded("a1", [make_event("a1", 5)], text=changed)]
    report = store_coded(db, items, coder=_FakeCoder())
    assert (report.n_added, report.n_replaced) == (1, 1)
    assert db.get_article("a1")["text"] == changed
    assert [e["event_id"] for e in db.iter_events()] == ["a1-e5"]


def test_store_coded_force_rewrites_unchanged_articles(db):
    store_coded(db, [_coded("a1")], coder=_FakeCoder())
    report = store_coded(db, [_coded("a1")], coder=_FakeCoder(), force=True)
    assert report.n_replaced == 1
    assert [c["change"] for c in db.changes()][-1:] == ["replaced"]  # the article; event same


def test_cursor_gives_a_database_for_another_thread(db):
    import threading

    db.store_article(make_article(), [make_event()])
    found: list[int] = []

    def work() -> None:
        view = db.cursor()
        try:
            found.append(len(query_events(view, {"type": "ACCUSE"})))
        finally:
            view.close()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert found == [1]
    assert db.counts()["events"] == 1  # the original connection is still open


def test_clusters_hook_gets_each_committed_batch(db, monkeypatch):
    calls: list[tuple[Any, list[str]]] = []

    class FakeClusters:
        @staticmethod
        def update_clusters(database: Any, article_ids: list[str]) -> None:
            calls.append((database, list(article_ids)))

    monkeypatch.setattr(ingest_module, "clusters_module", lambda: FakeClusters)
    store_coded(db, [_coded(f"a{i}") for i in range(5)], coder=_FakeCoder(), commit_every=2)
    assert calls == [(db, ["a0", "a1"]), (db, ["a2", "a3"]), (db, ["a4"])]


def test_clusters_module_import_errors_other_than_missing_module_propagate(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def fake_import(
        name: str, globals: Any = None, locals: Any = None, fromlist: Any = (), level: int = 0
    ) -> Any:
        if level == 1 and fromlist and "clusters" in fromlist:
            raise ImportError("No module named 'sklearn'", name="sklearn")
        return real_import(name, globals, locals, fromlist, level)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(ImportError, match="sklearn"):
        ingest_module.clusters_module()


# -- queries ---------------------------------------------------------------------------------


@pytest.fixture
def filled(db):
    db.store_article(make_article("a1"), [make_event("a1"), troops_event("a1")])
    db.store_article(
        make_article("a2", published="2025-01-03T00:00:00"),
        [make_event("a2", 0, type="ASSAULT", cameo="190", quad_class=4, goldstein=-10.0,
                    sources=[actor("Ukrainian forces", "UKR", sector="MIL")],
                    targets=[actor("Russian troops", "RUS", sector="MIL"),
                             actor("North Korean soldiers", "PRK", sector="MIL")],
                    date="2025-01-02"),
         make_event("a2", 1, type="AGREE", mode=None, cameo="057", quad_class=1, goldstein=8.0,
                    sources=[actor("the EU", igo="EU", sector="IGO")], targets=[], date=None,
                    evidence=[{"text": "The EU signed a deal.", "start": 0, "end": 21}])],
    )  # fmt: skip
    return db


def ids(result: Any) -> list[str]:
    return [e["event_id"] for e in result.rows()]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["a1-e1", "a1-e0", "a2-e0", "a2-e1"]),
        ({"type": "accuse"}, ["a1-e0"]),
        ({"type": "FIGHT"}, ["a2-e0"]),
        ({"type": ["ACCUSE", "AGREE"]}, ["a1-e0", "a2-e1"]),
        ({"mode": "troops"}, ["a1-e1"]),
        ({"quad": 4}, ["a1-e1", "a2-e0"]),
        ({"since": "2024-12"}, ["a1-e0", "a2-e0"]),
        ({"until": "2024-12"}, ["a1-e1", "a1-e0"]),
        ({"since": "2024-12-20", "until": "2025"}, ["a2-e0"]),
        ({"source": "North Korea"}, ["a1-e0"]),
        ({"source": "PRK"}, ["a1-e0"]),
        ({"target": "North Korea"}, ["a2-e0"]),
        ({"actor": "Russia"}, ["a1-e1", "a2-e0"]),
        ({"actor": "russian"}, ["a2-e0"]),
        ({"actor": "US"}, ["a1-e0"]),
        ({"actor": "EU"}, ["a2-e1"]),
        ({"actor": "European Union"}, ["a2-e1"]),
        ({"actor": "kursk RESIDENTS"}, ["a1-e1"]),
        ({"country": "Russia"}, ["a1-e1"]),
        ({"country": "kursk"}, ["a1-e1"]),
        ({"text": "DEAL"}, ["a2-e1"]),
        ({"text": "100%_'; DROP TABLE events; --"}, []),
        ({"article": "a2"}, ["a2-e0", "a2-e1"]),
        ({"source": "UKR", "target": "PRK", "quad": "4"}, ["a2-e0"]),
    ],
    ids=lambda v: str(v),
)
def test_query_events_filters(filled, filters, expected):
    assert ids(query_events(filled, filters)) == expected
    assert filled.counts()["events"] == 4  # nothing was dropped by an injection attempt


def test_query_events_count_by_dyad_and_month(filled):
    result = query_events(filled, {}, count_by="source,target,month")
    rows = list(result.rows())
    assert result.kind == "counts"
    assert [
        (r["source"], r["target"], r["month"], r["events"], r["goldstein_sum"]) for r in rows
    ] == [
        ("EU", None, None, 1, 8.0),
        ("PRK", "USA", "2024-12", 1, -2.0),
        ("RUS", None, "2024-11", 1, -7.2),
        ("UKR", "PRK", "2025-01", 1, -10.0),
        ("UKR", "RUS", "2025-01", 1, -10.0),
    ]


def test_query_events_count_by_type_gives_quad_counts(filled):
    rows = list(query_events(filled, {"since": "2024"}, count_by=["type"]).rows())
    assert rows == [
        {"type": "ACCUSE", "events": 1, "goldstein_sum": -2.0, "goldstein_mean": -2.0,
         "quad1": 0, "quad2": 0, "quad3": 1, "quad4": 0},
        {"type": "ASSAULT", "events": 1, "goldstein_sum": -10.0, "goldstein_mean": -10.0,
         "quad1": 0, "quad2": 0, "quad3": 0, "quad4": 1},
        {"type": "MOBILIZE", "events": 1, "goldstein_sum": -7.2, "goldstein_mean": -7.2,
         "quad1": 0, "quad2": 0, "quad3": 0, "quad4": 1},
    ]  # fmt: skip


def test_query_events_limit_and_offset(filled):
    assert ids(query_events(filled, {}, limit=2, offset=1)) == ["a1-e0", "a2-e0"]


def test_query_binds_every_user_value(filled):
    result = query_events(filled, {"actor": "x' OR 1=1 --", "since": "2024"})
    assert "x'" not in result.sql and "2024" not in result.sql
    assert len(result) == 0


@pytest.mark.parametrize(
    ("filters", "count_by", "message"),
    [
        ({"type": "ATTACK"}, None,
         "Unknown event type 'ATTACK'. Allowed values: AGREE, CONSULT, SUPPORT, CONCEDE, "
         "COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, "
         "MOBILIZE, COERCE, ASSAULT."),
        ({"quad": 7}, None, "Unknown quad class '7'. Allowed values: 1, 2, 3, 4."),
        ({}, "month,colour",
         "Unknown count-by column 'colour'. Allowed values: month, year, day, source, target, "
         "type, mode, quad, cameo, country, publisher, article."),
        ({"since": "last week"}, None,
         "Invalid date 'last week' for since: give YYYY, YYYY-MM or YYYY-MM-DD (for example "
         "2024-12-19)."),
        ({"colour": "red"}, None,
         "Unknown filter 'colour'. Allowed filters: actor, source, target, type, mode, quad, "
         "since, until, country, text, article."),
    ],
    ids=["type", "quad", "count_by", "since", "filter"],
)  # fmt: skip
def test_query_events_unknown_values_name_the_allowed_ones(filled, filters, count_by, message):
    with pytest.raises(InvalidFilter) as info:
        query_events(filled, filters, count_by=count_by)
    assert str(info.value) == message


def test_query_events_mode_error_lists_modes(filled):
    with pytest.raises(InvalidFilter) as info:
        query_events(filled, {"mode": "shouting"})
    assert str(info.value).startswith("Unknown mode 'shouting'. Allowed values: abduct, access,")
    assert info.value.param == "mode"


def test_event_filter_from_mapping_accepts_scalars_and_lists():
    flt = EventFilter.from_mapping(
        {"type": "ACCUSE", "quad": [3, 4], "since": "2024", "actor": None}
    )
    assert flt == EventFilter(type=("ACCUSE",), quad=("3", "4"), since="2024")


# -- end to end with the real coder (idempotence only) ----------------------------------------


def test_ingest_seed_twice_gives_same_rows_and_ids(shared_dir, tmp_path):
    from eventwire.store import ingest

    seed = shared_dir / "corpus" / "seed.txt"
    tables = ("articles", "events", "actors", "evidence", "changes", "rejects")
    drop = ("stored_at", "run_id", "time")
    with open_database(tmp_path / "seed.duckdb") as db:
        first = ingest(db, [str(seed)])
        assert (first.n_added, first.n_rejected) == (1, 0)
        before = {t: table_rows(db, t, drop) for t in tables}
        event_ids = [e["event_id"] for e in db.iter_events()]
        second = ingest(db, [str(seed)])
        assert (second.n_added, second.n_unchanged, second.n_events) == (0, 1, 0)
        assert {t: table_rows(db, t, drop) for t in tables} == before
        assert [e["event_id"] for e in db.iter_events()] == event_ids
    with open_database(tmp_path / "again.duckdb") as other:  # a fresh run: the same ids
        ingest(other, [str(seed)])
        assert [e["event_id"] for e in other.iter_events()] == event_ids
