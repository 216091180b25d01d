"""``eventwire ingest / query / export / changes``: output, exit codes, exact error lines,
and a real ``kill -9`` in the middle of an ingest."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.store import SCHEMA_VERSION, open_database
from test_store import make_article, make_event, table_rows, troops_event

_SCRIPT = Path(sys.executable).with_name("eventwire")
#: the console script beside this Python, or the same entry point through ``-c``
EVENTWIRE = (
    [str(_SCRIPT)]
    if _SCRIPT.exists()
    else [sys.executable, "-c", "from eventwire.cli import main; main()"]
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def dbfile(tmp_path: Path) -> str:
    path = tmp_path / "events.duckdb"
    with open_database(path) as db:
        db.store_article(make_article("a1"), [make_event("a1"), troops_event("a1")])
        agree = make_event(
            "a2", 0, type="AGREE", cameo="057", quad_class=1, goldstein=8.0, date="2024-12-20"
        )
        db.store_article(make_article("a2"), [agree])
    return str(path)


def run(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(cli, list(args), catch_exceptions=False)


def last_line(output: str) -> str:
    return output.strip().splitlines()[-1]


# -- query -----------------------------------------------------------------------------------


def test_query_json_lines_are_contract_events(runner, dbfile):
    result = run(runner, "query", "--db", dbfile, "--source", "North Korea")
    assert result.exit_code == 0
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert [e["event_id"] for e in events] == ["a1-e0", "a2-e0"]
    assert events[0] == make_event("a1")


def test_query_count_by_csv(runner, dbfile):
    result = run(runner, "query", "--db", dbfile, "--count-by", "month,source,target", "-f", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "month,source,target,events,goldstein_sum,goldstein_mean,quad1,quad2,quad3,quad4",
        "2024-11,RUS,,1,-7.2,-7.2,0,0,0,1",
        "2024-12,PRK,USA,2,6.0,3.0,1,0,1,0",
    ]


def test_query_table_output(runner, dbfile):
    result = run(runner, "query", "--db", dbfile, "--type", "MOBILIZE,AGREE", "-f", "table")
    assert result.exit_code == 0
    assert "2 event(s)" in result.stdout
    assert "MOBILIZE" in result.stdout and "Russia (RUS)" in result.stdout


def test_query_parquet_output(runner, dbfile, tmp_path):
    out = tmp_path / "q.parquet"
    result = run(runner, "query", "--db", dbfile, "--quad", "3", "-f", "parquet", "-o", str(out))
    assert result.exit_code == 0
    table = pq.read_table(out)
    assert table.column("event_id").to_pylist() == ["a1-e0"]


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--type", "ATTACK"],
         "Error: Invalid value for '--type': Unknown event type 'ATTACK'. Allowed values: AGREE, "
         "CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, "
         "PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT."),
        (["--quad", "7"],
         "Error: Invalid value for '--quad': Unknown quad class '7'. Allowed values: 1, 2, 3, 4."),
        (["--count-by", "colour"],
         "Error: Invalid value for '--count-by': Unknown count-by column 'colour'. Allowed values: "
         "month, year, day, source, target, type, mode, quad, cameo, country, publisher, article."),
        (["--since", "yesterday"],
         "Error: Invalid value for '--since': Invalid date 'yesterday' for since: give YYYY, "
         "YYYY-MM or YYYY-MM-DD (for example 2024-12-19)."),
        (["-f", "parquet"],
         "Error: Invalid value for '--format': parquet output needs a file: give -o PATH."),
    ],
    ids=["type", "quad", "count-by", "since", "parquet"],
)  # fmt: skip
def test_query_bad_values_exit_2_with_one_line(runner, dbfile, args, error):
    result = runner.invoke(cli, ["query", "--db", dbfile, *args])
    assert result.exit_code == 2
    assert last_line(result.stderr) == error


# -- bad databases ---------------------------------------------------------------------------


def test_not_a_database_file(runner, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello\n" * 1000)
    result = runner.invoke(cli, ["query", "--db", str(path)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {path} is not an eventwire database (it is not a DuckDB file). "
        "Give another --db path, or move that file away.\n"
    )
    assert path.read_text() == "hello\n" * 1000


def test_newer_schema(runner, dbfile):
    with open_database(dbfile) as db:
        db.con.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
    result = runner.invoke(cli, ["export", "--db", dbfile, "-f", "jsonl"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {dbfile} was written by schema version 7, newer than this eventwire "
        f"(version {SCHEMA_VERSION}). Upgrade eventwire: pip install -U eventwire.\n"
    )


def test_missing_database(runner, tmp_path):
    path = tmp_path / "none.duckdb"
    result = runner.invoke(cli, ["changes", "--db", str(path)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: No eventwire database at {path}. "
        f"Create one with: eventwire ingest INPUT --db {path}\n"
    )
    assert not path.exists()


def test_ingest_into_unwritable_directory(runner, tmp_path):
    from test_store import _unwritable_dir

    directory = _unwritable_dir(tmp_path)
    path = directory / "events.duckdb"
    result = runner.invoke(cli, ["ingest", "whatever.txt", "--db", str(path)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: Cannot create {path}: the directory {str(directory)!r} is not writable. "
        "Give a --db path in a writable directory.\n"
    )
    assert not path.exists()


# -- export and changes ----------------------------------------------------------------------


def test_export_gdelt_to_stdout(runner, dbfile):
    result = run(runner, "export", "--db", dbfile, "--format", "gdelt")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 3 and all(len(line.split("\t")) == 61 for line in lines)


def test_export_polecat_to_file(runner, dbfile, tmp_path):
    out = tmp_path / "polecat.tsv"
    result = run(runner, "export", "--db", dbfile, "--format", "polecat", "-o", str(out))
    assert result.exit_code == 0
    assert result.stderr == f"3 row(s) written to {out}.\n"
    assert out.read_text().splitlines()[0].startswith("Event ID\tEvent Date\tEvent Type")


def test_export_parquet_partitions(runner, dbfile, tmp_path):
    out = tmp_path / "ds"
    result = run(
        runner, "export", "--db", dbfile, "--format", "parquet", "--level", "events", "-o", str(out)
    )
    assert result.exit_code == 0
    assert sorted(p.parent.name for p in out.rglob("*.parquet")) == ["month=11", "month=12"]


def test_export_parquet_into_a_non_empty_directory(runner, dbfile, tmp_path):
    out = tmp_path / "full"
    out.mkdir()
    (out / "x").write_text("x")
    result = runner.invoke(
        cli, ["export", "--db", dbfile, "--format", "parquet", "--level", "events", "-o", str(out)]
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: Cannot write the Parquet dataset to {str(out)!r}: it exists and is not an "
        "empty directory. Remove it or give another -o.\n"
    )


def test_export_help_explains_the_default_level(runner):
    result = run(runner, "export", "--help")
    text = " ".join(result.stdout.split())
    assert "Default: clusters for jsonl, csv and parquet; events for gdelt, polecat" in text
    assert "A database without clusters yet exports events, with a note." in text


def test_changes_since(runner, dbfile):
    result = run(runner, "changes", "--db", dbfile)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["article_id"], r["event_id"], r["change"]) for r in rows] == [
        ("a1", None, "added"), ("a1", "a1-e0", "added"), ("a1", "a1-e1", "added"),
        ("a2", None, "added"), ("a2", "a2-e0", "added"),
    ]  # fmt: skip
    later = run(runner, "changes", "--db", dbfile, "--since", "2999-01-01")
    assert later.stdout == ""
    bad = runner.invoke(cli, ["changes", "--db", dbfile, "--since", "last tuesday"])
    assert bad.exit_code == 2
    assert last_line(bad.stderr) == (
        "Error: Invalid value for '--since': 'last tuesday' is not an ISO 8601 date or time; for "
        "example 2024-12-19 or 2024-12-19T10:00 (UTC unless it has an offset)."
    )


# -- ingest with the real coder ----------------------------------------------------------------


def test_ingest_stores_good_inputs_and_reports_rejects(runner, shared_dir, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "ok", "text": "Russia condemned Ukraine on Monday."}\n{"id": 5, \n')
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    db = tmp_path / "x.duckdb"
    result = runner.invoke(
        cli,
        ["ingest", str(shared_dir / "corpus" / "seed.txt"), str(bad), str(empty), "--db", str(db)],
    )
    assert result.exit_code == 1
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: rejected")]
    assert len(warnings) == 2
    assert all("\n" not in w for w in warnings)
    assert "article(s) read: 2 added, 0 replaced, 0 unchanged, 2 rejected;" in result.stderr
    with open_database(db, read_only=True) as database:
        assert [a["id"] for a in database.iter_articles()] == ["ok", "seed"]
        assert database.counts()["rejects"] == 2


def _content(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored row except times, run ids and internal integer keys."""
    drop = ("stored_at", "run_id", "time", "event_key")
    with open_database(path, read_only=True) as db:
        return {
            table: table_rows(db, table, drop)
            for table in ("articles", "events", "actors", "evidence", "changes", "rejects",
                          "articles_history", "events_history")
        }  # fmt: skip


@pytest.mark.parametrize(
    "n_articles",
    [pytest.param(40, id="first-40"), pytest.param(None, id="all-163", marks=pytest.mark.slow)],
)
def test_ingest_killed_with_sigkill_then_rerun_equals_a_clean_run(shared_dir, tmp_path, n_articles):
    sample = shared_dir / "bench" / "news-sample.jsonl"
    if n_articles is not None:  # the default run takes the first articles only, for time
        subset = tmp_path / "news-subset.jsonl"
        subset.write_text(
            "".join(sample.read_text("utf-8").splitlines(keepends=True)[:n_articles]), "utf-8"
        )
        sample = subset
    total = sum(1 for line in sample.read_text("utf-8").splitlines() if line.strip())
    clean_db, killed_db = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # The clean run and the run to be killed go side by side to save time.
    clean = subprocess.Popen(
        [*EVENTWIRE, "ingest", str(sample), "--db", str(clean_db)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    victim = subprocess.Popen(
        [*EVENTWIRE, "ingest", str(sample), "--db", str(killed_db), "--commit-every", "2", "-v"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = victim.stderr.readline()
            if not line or line.startswith("committed:"):
                break
        assert line.startswith("committed:"), "the ingest never committed a batch"
        # Land inside one of the next batches: ingest is fast, so strike soon after a commit.
        time.sleep(random.uniform(0.0, 0.1))
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait(30)
        assert victim.returncode == -signal.SIGKILL
    finally:
        if victim.poll() is None:
            victim.kill()
    with open_database(killed_db, read_only=True) as db:
        partial = db.counts()["articles"]
        running = db.con.execute("SELECT status FROM runs").fetchall()
    assert 0 < partial < total
    assert running == [("running",)]

    rerun = subprocess.run(
        [*EVENTWIRE, "ingest", str(sample), "--db", str(killed_db)],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert rerun.returncode == 0, rerun.stderr
    assert f"{partial} unchanged" in rerun.stderr
    _, clean_err = clean.communicate(timeout=300)
    assert clean.returncode == 0, clean_err

    assert _content(killed_db) == _content(clean_db)
    with open_database(killed_db, read_only=True) as db:
        statuses = [
            r[0] for r in db.con.execute("SELECT status FROM runs ORDER BY started_at").fetchall()
        ]
        assert db.counts()["articles"] == total
    assert statuses == ["interrupted", "done"]
