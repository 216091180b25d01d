"""`eventwire ingest --from-parquet DIR` stores exactly what `eventwire batch` coded."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from eventwire.cli import cli

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_ingest_from_parquet_stores_the_batch_events(tmp_path):
    runner = CliRunner()
    out = tmp_path / "coded"
    batch = runner.invoke(cli, ["batch", str(EXAMPLES / "protest.jsonl"), "--out", str(out),
                                "--workers", "1", "-q"])  # fmt: skip
    assert batch.exit_code == 0, batch.output
    db = tmp_path / "events.duckdb"
    stored = runner.invoke(cli, ["ingest", "--from-parquet", str(out), "--db", str(db)])
    assert stored.exit_code == 0, stored.output
    coded = runner.invoke(cli, ["code", str(EXAMPLES / "protest.jsonl")])
    expected = {json.loads(line)["event_id"] for line in coded.stdout.splitlines() if line}
    listed = runner.invoke(cli, ["query", "--db", str(db), "--level", "events", "-f", "json"])
    got = {json.loads(line)["event_id"] for line in listed.stdout.splitlines() if line}
    assert expected and got == expected


def test_ingest_needs_inputs_or_parquet(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2
    assert "--from-parquet DIR" in result.output
