"""bench: how fast is eventwire next to spaCy alone, on the same texts, in one run.

:func:`run_bench` reads the inputs once, then measures, each in a fresh process (so that
the peak memory of one measurement is that process's RSS high-water mark and nothing
is shared between them):

(a) ``spacy``      the spaCy pipeline alone: ``nlp.pipe`` over exactly the paragraph texts
                   that eventwire parses (each paragraph block is its own ``Doc``), with
                   the same model, all its default pipes and the same ``batch_size``;
(b) ``eventwire``  the whole per-article pipeline, ``Coder.code_articles`` over the same
                   articles: parse, events, actors, dates, quantities, locations, merge,
                   contract JSON.

Both load their model and warm up on a few texts before the clock starts; reading the
inputs is timed once, apart. With ``repeat`` > 1 the measurements take turns (a, b,
batch runs, a, b, ...) so that a busy machine slows them alike, and the best run of each
is kept. ``ratio`` is (b)'s articles per second over (a)'s; ``ratio_cpu`` the same on CPU
time, which a shared machine disturbs less.

``workers=(1, 2)`` also runs ``eventwire batch`` on a local Dask cluster of that many
worker processes and reports its articles per second while coding (after the workers
have loaded the model; reading, shipping and writing Parquet included), its speed-up
over (b), the cores it actually got and its CPU efficiency next to (b).
"""

from __future__ import annotations

import math
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from . import CODER
from .config import CoderConfig
from .errors import InputError
from .model import Article

__all__ = ["default_inputs", "format_report", "run_bench"]

#: Paragraphs parsed before the clock starts, in each measurement.
WARM_UP_PARAGRAPHS = 20


def default_inputs() -> list[str]:
    """The project's examples/ folder (.txt and .jsonl articles) of a source checkout."""
    folder = Path(__file__).resolve().parents[2] / "examples"
    if not folder.is_dir():
        raise InputError(
            "No input given, and the examples/ folder of the eventwire checkout is not "
            f"there ({folder}). Give the articles to time, e.g. eventwire bench news.jsonl."
        )
    return [str(folder)]


def paragraph_texts(articles: Sequence[Article]) -> list[str]:
    """The texts eventwire's nlp stage parses: every paragraph block of every article."""
    return [p.slice(a.text) for a in articles for p in a.paragraphs]


# -- the measured processes (module-level so that spawn can import them) -----------------


def _peak_rss() -> int:
    from .batch import _peak_rss as peak

    return peak()


def _measure_spacy(model: str, texts: list[str], batch_size: int) -> dict[str, Any]:
    from .stages.nlp import load_model

    start = time.perf_counter()
    nlp = load_model(model)
    for _ in nlp.pipe(texts[:WARM_UP_PARAGRAPHS], batch_size=batch_size):
        pass
    loaded = time.perf_counter()
    cpu = time.process_time()
    n_docs = 0
    for _ in nlp.pipe(texts, batch_size=batch_size):
        n_docs += 1
    return {
        "seconds": time.perf_counter() - loaded,
        "cpu_seconds": time.process_time() - cpu,
        "load_seconds": loaded - start,
        "peak_rss": _peak_rss(),
        "docs": n_docs,
        "pid": os.getpid(),
        "pipes": list(nlp.pipe_names),
        "model_version": nlp.meta.get("version"),
    }


def _measure_eventwire(config: CoderConfig, articles: list[Article]) -> dict[str, Any]:
    from .batch import warm_up
    from .pipeline import Coder

    start = time.perf_counter()
    coder = Coder(config)
    warm_up(coder)
    loaded = time.perf_counter()
    cpu = time.process_time()
    n_events = n_rejects = 0
    for result in coder.code_articles(articles):
        n_events += len(result.events)
        n_rejects += result.reject is not None
    return {
        "seconds": time.perf_counter() - loaded,
        "cpu_seconds": time.process_time() - cpu,
        "load_seconds": loaded - start,
        "peak_rss": _peak_rss(),
        "events": n_events,
        "rejects": n_rejects,
        "pid": os.getpid(),
    }


def _in_child(func: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """Run one measurement in a fresh (spawned) process."""
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(func, *args).result()


def _rates(run: dict[str, Any], n_articles: int, n_words: int) -> dict[str, Any]:
    seconds = run["seconds"]
    return {
        **{k: round(v, 3) if isinstance(v, float) else v for k, v in run.items()},
        "articles_per_second": round(n_articles / seconds, 3) if seconds else None,
        "words_per_second": round(n_words / seconds, 1) if seconds else None,
        "articles_per_cpu_second": (
            round(n_articles / run["cpu_seconds"], 3) if run["cpu_seconds"] else None
        ),
        "peak_rss_mb": round(run["peak_rss"] / 2**20, 1),
        "cores_used": round(run["cpu_seconds"] / seconds, 2) if seconds else None,
    }


# -- the benchmark -----------------------------------------------------------------------


def run_bench(
    inputs: Sequence[str | Path] | None = None,
    *,
    config: CoderConfig | None = None,
    workers: Sequence[int] = (),
    repeat: int = 1,
    shard_size: int | None = None,
    published: Any = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Time spaCy alone (a) and the whole pipeline (b) on the same texts; see the module.

    Args:
        inputs: files or directories; the project's examples/ when None.
        config: coder settings; its ``model`` and ``batch_size`` are used for (a) too.
        workers: also time ``eventwire batch`` with a local cluster of each size.
        repeat: measure (a), (b) and each batch this many times, in turn; keep the best.
        shard_size: shard size of the batch runs (default: about 8 shards per worker).
        published: publication time for articles without one (as ``eventwire code``).
        progress: called with a line of text before each measurement.

    Returns:
        A JSON-ready dict: the corpus (articles, paragraphs, words), ``spacy`` and
        ``eventwire`` (seconds, articles/s, words/s, peak RSS, all runs), ``ratio``
        (b's articles/s over a's, best runs), ``ratio_cpu`` (the same on CPU time),
        ``batch`` (one entry per worker count: articles/s while coding, ``speedup`` over
        (b), ``cores_used`` and ``cpu_efficiency``, worker peak RSS) and the machine's
        load. ``cores_used`` (CPU seconds over wall seconds) shows how much of the machine
        a run got; on a shared machine it explains a low speed-up.
    """
    from .readers import read_inputs

    config = config or CoderConfig()
    names = [str(i) for i in (inputs or default_inputs())]
    say = progress or (lambda _msg: None)
    start = time.perf_counter()
    items = list(read_inputs(names, published=published))
    read_seconds = time.perf_counter() - start
    articles = [i for i in items if isinstance(i, Article)]
    if not articles:
        raise InputError(f"No article could be read from {', '.join(names)}.")
    texts = paragraph_texts(articles)
    n_words = sum(len(t.split()) for t in texts)
    n = len(articles)
    pipe_batch = config.batch_size * 8  # what eventwire.stages.nlp.parse_articles uses

    runs: dict[str, list[dict[str, Any]]] = {"spacy": [], "eventwire": []}
    batch_runs: dict[int, list[dict[str, Any]]] = {w: [] for w in workers}
    for r in range(repeat):
        say(f"(a) spaCy alone, {n} articles, run {r + 1}/{repeat} ...")
        runs["spacy"].append(_in_child(_measure_spacy, config.model, texts, pipe_batch))
        say(f"(b) eventwire pipeline, {n} articles, run {r + 1}/{repeat} ...")
        runs["eventwire"].append(_in_child(_measure_eventwire, config, articles))
        for n_workers in workers:
            size = shard_size or max(1, min(200, math.ceil(len(items) / (8 * n_workers))))
            say(f"eventwire batch, {n_workers} worker(s), shards of {size}, run {r + 1}/{repeat} ...")
            batch_runs[n_workers].append(_measure_batch(names, config, n_workers, size, published))
    best = {k: min(v, key=lambda run: run["seconds"]) for k, v in runs.items()}
    a = _rates(best["spacy"], n, n_words)
    b = _rates(best["eventwire"], n, n_words)
    a["runs"] = [_rates(x, n, n_words)["articles_per_second"] for x in runs["spacy"]]
    b["runs"] = [_rates(x, n, n_words)["articles_per_second"] for x in runs["eventwire"]]
    report: dict[str, Any] = {
        "inputs": names,
        "coder": CODER,
        "model": config.model,
        "model_version": best["spacy"].get("model_version"),
        "pipes": best["spacy"].get("pipes"),
        "batch_size": pipe_batch,
        "articles": n,
        "read_rejects": len(items) - n,
        "paragraphs": len(texts),
        "words": n_words,
        "read_seconds": round(read_seconds, 3),
        "spacy": a,
        "eventwire": b,
        "ratio": round(b["articles_per_second"] / a["articles_per_second"], 3),
        "ratio_cpu": round(b["articles_per_cpu_second"] / a["articles_per_cpu_second"], 3),
        "ratios": [
            round(x["seconds"] and y["seconds"] / x["seconds"], 3)
            for x, y in zip(runs["eventwire"], runs["spacy"], strict=True)
        ],
        "batch": [],
        "machine": {"cores": _cores(), "load_average": [round(x, 2) for x in os.getloadavg()]},
    }
    for n_workers, measured in batch_runs.items():
        run = dict(max(measured, key=lambda m: m["articles_per_second"]))
        run["runs"] = [m["articles_per_second"] for m in measured]
        run["speedup"] = round(run["articles_per_second"] / b["articles_per_second"], 3)
        # Speed-up per CPU second: below 1 is the cost of Dask and of shipping the results;
        # times the cores the run got, it predicts the speed-up on an idle machine.
        run["cpu_efficiency"] = round(
            run["articles_per_cpu_second"] / b["articles_per_cpu_second"], 3
        )
        report["batch"].append(run)
    return report


def _measure_batch(names: list[str], config: CoderConfig, n_workers: int, shard_size: int,
                   published: Any) -> dict[str, Any]:  # fmt: skip
    from .batch import run_batch

    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
        manifest = run_batch(names, Path(tmp) / "out", config=config, workers=n_workers,
                             shard_size=shard_size, published=published)  # fmt: skip
    t, c = manifest["timings"], manifest["counts"]
    rss = [v for v in (manifest.get("memory") or {}).get("worker_peak_rss", {}).values() if v]
    wall, cpu = t["coding_wall_seconds"], t["worker_cpu_seconds"]
    return {
        "workers": n_workers,
        "shard_size": shard_size,
        "shards": c["shards"],
        "records": c["records"],
        "events": c["events"],
        "coding_wall_seconds": wall,
        "worker_cpu_seconds": cpu,
        "cores_used": round(cpu / wall, 2) if wall else None,
        "model_load_seconds": t.get("model_load_seconds"),
        "wall_seconds": t["wall_seconds"],
        "articles_per_second": t.get("articles_per_second") or 0.0,
        "articles_per_cpu_second": round(c["records"] / cpu, 3) if cpu else 0.0,
        "worker_peak_rss_mb": [round(v / 2**20, 1) for v in rss],
    }


def _cores() -> int:
    from .batch import _cores as cores

    return cores()


def format_report(report: dict[str, Any]) -> str:
    """The report as a small text table."""
    lines = [
        (
            f"{report['articles']} articles, {report['paragraphs']} paragraphs, "
            f"{report['words']:,} words ({', '.join(report['inputs'])}); model "
            f"{report['model']} {report.get('model_version') or ''} "
            f"({', '.join(report.get('pipes') or [])}), nlp.pipe batch_size "
            f"{report['batch_size']}; read in {report['read_seconds']:.2f} s"
        ),
        "",
        (
            f"{'':28}{'articles/s':>12}{'words/s':>12}{'seconds':>10}{'CPU s':>9}"
            f"{'peak RSS':>11}{'cores':>7}"
        ),
    ]
    for key, label in (("spacy", "(a) spaCy alone"), ("eventwire", "(b) eventwire pipeline")):
        m = report[key]
        lines.append(
            f"{label:28}{m['articles_per_second']:>12.2f}{m['words_per_second']:>12,.0f}"
            f"{m['seconds']:>10.2f}{m['cpu_seconds']:>9.2f}{m['peak_rss_mb']:>8.0f} MB"
            f"{m.get('cores_used') or 0:>7.2f}"
        )
    lines.append("")
    lines.append(
        f"ratio (b)/(a): {report['ratio']:.2f} by wall time, {report['ratio_cpu']:.2f} by CPU "
        f"time (target >= 0.8)"
        + (f"; per run {report['ratios']}" if len(report["ratios"]) > 1 else "")
    )
    for run in report.get("batch", []):
        rss = ", ".join(f"{v:.0f} MB" for v in run["worker_peak_rss_mb"])
        lines.append(
            f"eventwire batch, {run['workers']} worker(s): {run['articles_per_second']:.2f} "
            f"articles/s while coding ({run['records']} records, {run['shards']} shards of "
            f"{run['shard_size']}), {run['speedup']:.2f}x (b); "
            f"{run.get('cores_used') or 0:.2f} cores used, CPU efficiency "
            f"{run.get('cpu_efficiency') or 0:.2f} of (b); worker peak RSS {rss}"
        )
    load = report["machine"]["load_average"]
    lines.append(f"machine: {report['machine']['cores']} cores, load average {load}")
    return "\n".join(lines)
