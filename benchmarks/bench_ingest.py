"""Benchmark storing coded articles: articles/s into an empty database and into databases
that already hold 20,000 and 100,000 articles.

What it does:

1. Codes the shared news sample once with ``eventwire.pipeline.Coder`` and keeps the
   ``CodedArticle``\\ s (pickled into the work directory, so that every measurement
   process gets exactly the same ones).
2. Makes the corpus to store: ``--articles`` (default 2048) copies of the coded articles
   with distinct ids (``<id>~<k>``, event ids re-hashed), each published two hours after
   the one before from 2030-01-01 on. Copies of one article are then weeks apart, so that
   they do not all fall into one cluster; ``--undated`` leaves the publication times out
   (undated events then overlap every other event in time, see below).
3. Builds each base database once: ``--existing`` synthetic articles (such copies,
   published from 2000-01-01 on), written straight through Arrow and then clustered with
   ``eventwire.store.clusters.recluster``, as ingest would have left them.
4. Times ``store_coded(db, corpus)`` on a fresh copy of each base database, in a fresh
   process per measurement, in each of ``--modes``:

   - ``ingest``: with the clustering hook, as ``eventwire ingest --from-parquet`` stores
     (and ``eventwire ingest`` once the articles are coded);
   - ``store``: without the hook, the database writes alone;
   - ``rerun``: the same corpus a second time (every article unchanged);
   - ``replace``: changed versions of the corpus (every article replaced, the old
     versions moved to the history tables).

``--baseline-src DIR`` measures another source tree as well (for example ``src`` of an
earlier checkout), alternating the two in the same run, and prints the speed-up (baseline
seconds / new seconds) of each measurement. The coded sample and the base databases are
then made with that tree, so that both can open them.

Without publication times (``--undated``), clustering dominates and slows down as the
database grows: every undated event may join every stored event with its type and actors,
so the clustering update re-clusters whole families of copies each batch.

Usage::

    .venv/bin/python benchmarks/bench_ingest.py [--articles 2048] [--existing 0,20000,100000]
        [--modes ingest,store] [--undated] [--commit-every N] [--repeat 1]
        [--baseline-src DIR] [--workdir DIR] [--json]

Not a test: it prints timings and exits 0. The work directory (a temporary one unless
``--workdir`` is given) keeps the coded sample and the base databases for later runs;
building the 100,000-article one takes a few minutes.
"""

# ruff: noqa: T201 - a benchmark script prints its timings

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = ROOT.parent / "shared" / "bench" / "news-sample.jsonl"
#: the benchmark corpus is published from here on, one article every two hours
CORPUS_START = datetime(2030, 1, 1, tzinfo=UTC)
#: the synthetic articles of the base databases are published from here on
SYNTHETIC_START = datetime(2000, 1, 1, tzinfo=UTC)
STEP = timedelta(hours=2)


# -- the coded corpus ------------------------------------------------------------------------


def code_sample(source: Path, out: Path) -> None:
    """Code every record of ``source`` once and pickle the CodedArticles."""
    from eventwire.pipeline import Coder

    started = time.perf_counter()
    coded = list(Coder().code_inputs([str(source)]))
    seconds = time.perf_counter() - started
    with out.open("wb") as fh:
        pickle.dump(coded, fh)
    n_events = sum(len(c.events) for c in coded)
    print(f"coded {len(coded)} articles ({n_events} events) in {seconds:.1f}s", file=sys.stderr)


def clone(coded: Any, article_id: str, published: datetime | None) -> Any:
    """A coded article under another id (its event ids re-hashed), published then."""
    import dataclasses
    import hashlib

    assert coded.article is not None
    stamp = None if published is None else published.isoformat()  # as contract.py writes it
    events = []
    for event in coded.events:
        eid = hashlib.sha1(f"{article_id}\x1f{event['event_id']}".encode()).hexdigest()[:20]
        copy = {**event, "article_id": article_id, "event_id": eid, "published": stamp}
        if published is not None:
            copy["date"] = _shift_year(event.get("date"), published.year)
        events.append(copy)
    article = dataclasses.replace(coded.article, id=article_id, published=published)
    return dataclasses.replace(coded, article=article, events=events)


def make_corpus(sample_path: Path, n_articles: int, undated: bool) -> list[Any]:
    """``n_articles`` distinct coded articles: the coded sample repeated.

    Copy ``k`` of an article gets the id ``<id>~<k>``; each article is published two
    hours after the one before (from 2030-01-01), unless ``undated``.
    """
    with sample_path.open("rb") as fh:
        sample = [c for c in pickle.load(fh) if c.article is not None]
    corpus = []
    for k in range(n_articles):
        item = sample[k % len(sample)]
        when = None if undated else CORPUS_START + k * STEP
        corpus.append(clone(item, f"{item.article.id}~{k // len(sample)}", when))
    return corpus


# -- synthetic base databases ----------------------------------------------------------------


def _shift_year(value: Any, year: int) -> Any:
    """A contract date ``YYYY[-MM[-DD]]`` moved to ``year`` (Feb 29 becomes Feb 28)."""
    if not isinstance(value, str) or len(value) < 4 or not value[:4].isdigit():
        return value
    rest = value[4:]
    if rest.startswith("-02-29"):
        rest = "-02-28" + rest[6:]
    return f"{year:04d}{rest}"


def build_base(sample_path: Path, n_existing: int, undated: bool, out: Path) -> None:
    """A database with ``n_existing`` synthetic articles, clustered.

    Article ``j`` is a copy of a coded sample article with the id ``syn-<j>``, published
    two hours after article ``j - 1`` from 2000-01-01 on (unless ``undated``). The rows go
    in through Arrow, many thousand at a time, with their ``changes`` rows.
    """
    from eventwire.contract import article_to_json
    from eventwire.store import open_database, schema
    from eventwire.store.clusters import recluster

    with sample_path.open("rb") as fh:
        sample = [c for c in pickle.load(fh) if c.article is not None and c.events]
    started = time.perf_counter()
    tmp = out.with_name(out.name + ".part")
    tmp.unlink(missing_ok=True)
    now = datetime(2024, 1, 1)
    with open_database(tmp) as db:
        chunk = 5000
        for first in range(0, n_existing, chunk):
            articles, actors, evidence, changes = [], [], [], []
            batch = [
                clone(
                    sample[j % len(sample)],
                    f"syn-{j:07d}",
                    None if undated else SYNTHETIC_START + j * STEP,
                )
                for j in range(first, min(n_existing, first + chunk))
            ]
            events = [schema.event_row(e) for c in batch for e in c.events]
            for row, key in zip(events, db._event_keys(len(events)), strict=True):
                row["event_key"] = key
                contract = schema.event_from_row(row)
                actors += schema.actor_rows(contract, key)
                evidence += schema.evidence_rows(contract)
            for c in batch:
                row = schema.article_row(
                    article_to_json(c.article), coder=c.events[0]["coder"],
                    settings_hash="synthetic", n_events=len(c.events), run_id="synthetic",
                )  # fmt: skip
                row["stored_at"] = now
                articles.append(row)
                changes.append(_change(now, c.article.id, None))
                changes += [_change(now, c.article.id, e["event_id"]) for e in c.events]
            with db.transaction():
                db._insert("articles", schema.ARTICLE_COLUMNS, articles)
                db._insert("events", schema.EVENT_COLUMNS, events)
                db._insert("actors", schema.ACTOR_COLUMNS, actors)
                db._insert("evidence", schema.EVIDENCE_COLUMNS, evidence)
                db._insert("changes", schema.CHANGE_COLUMNS, changes)
        report = recluster(db) if n_existing else None
        db.con.execute("CHECKPOINT")
    tmp.rename(out)
    clusters = f", {report.n_clusters} clusters" if report else ""
    print(
        f"built a base database of {n_existing} articles{clusters} in "
        f"{time.perf_counter() - started:.1f}s",
        file=sys.stderr,
    )


def _change(now: datetime, article_id: str, event_id: str | None) -> dict[str, Any]:
    return {
        "time": now, "run_id": "synthetic", "article_id": article_id, "event_id": event_id,
        "change": "added",
    }  # fmt: skip


# -- one measurement (in its own process) ----------------------------------------------------


def measure(
    sample_path: Path, options: dict[str, Any], base: Path | None, work: Path
) -> dict[str, Any]:
    """Time ``store_coded`` of the corpus into a copy of ``base`` (or an empty database)."""
    import eventwire.store.writer as writer
    from eventwire.store import open_database, store_coded

    corpus = make_corpus(sample_path, options["articles"], options["undated"])
    db_path = work / f"measure-{os.getpid()}.duckdb"
    db_path.unlink(missing_ok=True)
    if base is not None:
        shutil.copyfile(base, db_path)
    mode = options["mode"]
    if mode == "store":
        writer.clusters_module = lambda: None  # type: ignore[assignment]
    else:
        writer.clusters_module()  # import the clustering before the clock starts
    kwargs = {} if options["commit_every"] is None else {"commit_every": options["commit_every"]}
    try:
        with open_database(db_path) as db:  # migrations, if any, before the clock starts
            if mode in ("rerun", "replace"):  # stored once before the clock starts
                store_coded(db, corpus, **kwargs)
            if mode == "replace":  # every article changed: its old version goes to history
                corpus = [_changed(c) for c in corpus]
            cpu = time.process_time()
            started = time.perf_counter()
            report = store_coded(db, corpus, **kwargs)
            seconds = time.perf_counter() - started
            cpu = time.process_time() - cpu
            counts = db.counts()
    finally:
        for leftover in (db_path, db_path.with_name(db_path.name + ".wal")):
            leftover.unlink(missing_ok=True)
    return {
        "articles": len(corpus),
        "added": report.n_added,
        "replaced": report.n_replaced,
        "unchanged": report.n_unchanged,
        "events": report.n_events,
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu, 3),
        "articles_per_s": round(len(corpus) / seconds, 1),
        "db_articles": counts["articles"],
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def _changed(coded: Any) -> Any:
    """The same coded article with one more sentence (its spans still hold)."""
    import dataclasses

    article = dataclasses.replace(coded.article, text=coded.article.text + " Updated.")
    return dataclasses.replace(coded, article=article)


def _run_worker(src: Path | None, args: list[str]) -> Any:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(src), env.get("PYTHONPATH")) if p)
    result = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--worker", json.dumps(args)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise SystemExit(f"benchmark worker {args[0]} failed:\n{result.stderr}")
    if result.stderr.strip():
        print(result.stderr.strip(), file=sys.stderr)
    out = result.stdout.strip().splitlines()
    return json.loads(out[-1]) if out else None


def _worker(args: list[Any]) -> Any:
    task, *rest = args
    if task == "code":
        code_sample(Path(rest[0]), Path(rest[1]))
        return None
    if task == "base":
        build_base(Path(rest[0]), int(rest[1]), bool(rest[2]), Path(rest[3]))
        return None
    sample, options, base, work = rest
    return measure(Path(sample), options, None if base is None else Path(base), Path(work))


# -- main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT, help="a JSON Lines file")
    parser.add_argument("--articles", type=int, default=2048, help="articles stored per measure")
    parser.add_argument(
        "--existing", default="0,20000,100000",
        help="comma-separated sizes of the databases stored into (default: %(default)s)",
    )  # fmt: skip
    parser.add_argument(
        "--modes", default="ingest,store",
        help="ingest: store_coded with the clustering hook; store: the writes alone; "
        "rerun: the same articles again (all unchanged); replace: changed versions of "
        "them (all replaced); the last two with the hook (default: %(default)s)",
    )  # fmt: skip
    parser.add_argument(
        "--undated", action="store_true",
        help="no publication times (undated events then overlap every other one in time)",
    )  # fmt: skip
    parser.add_argument("--commit-every", type=int, help="default: store_coded's default")
    parser.add_argument("--repeat", type=int, default=1, help="keep the best of N runs")
    parser.add_argument("--baseline-src", type=Path, help="also measure this source tree")
    parser.add_argument("--workdir", type=Path, help="keep the coded sample and databases here")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        print(json.dumps(_worker(json.loads(args.worker))))
        return 0

    if not args.input.is_file():
        parser.error(f"{args.input}: no such file; give --input PATH")
    work = args.workdir or Path(tempfile.mkdtemp(prefix="eventwire-bench-ingest-"))
    work.mkdir(parents=True, exist_ok=True)
    baseline = args.baseline_src.resolve() if args.baseline_src else None
    sample = work / f"coded-{args.input.stem}.pickle"
    if not sample.exists():
        _run_worker(baseline, ["code", str(args.input), str(sample)])
    dating = "undated" if args.undated else "dated"
    sizes = [int(s) for s in args.existing.split(",") if s.strip()]
    bases: dict[int, str | None] = {}
    for size in sizes:
        if not size:
            bases[size] = None
            continue
        base = work / f"base-{size}-{dating}-{args.input.stem}.duckdb"
        if not base.exists():
            _run_worker(baseline, ["base", str(sample), size, args.undated, str(base)])
        bases[size] = str(base)
    trees: list[tuple[str, Path | None]] = [("new", None)]
    if baseline:
        trees.insert(0, ("baseline", baseline))
    results: list[dict[str, Any]] = []
    for size in sizes:
        for mode in [m.strip() for m in args.modes.split(",") if m.strip()]:
            options = {
                "articles": args.articles, "undated": args.undated, "mode": mode,
                "commit_every": args.commit_every,
            }  # fmt: skip
            best: dict[str, dict[str, Any]] = {}
            for _ in range(max(1, args.repeat)):
                for name, src in trees:
                    task = ["measure", str(sample), options, bases[size], str(work)]
                    out = _run_worker(src, task)
                    if name not in best or out["seconds"] < best[name]["seconds"]:
                        best[name] = out
            row: dict[str, Any] = {"existing": size, "mode": mode, **best["new"]}
            if "baseline" in best:
                row["baseline"] = best["baseline"]
                row["speedup"] = round(best["baseline"]["seconds"] / best["new"]["seconds"], 2)
            results.append(row)
            if not args.json:
                line = (
                    f"{mode:6s} into {size:>7,d} existing: {row['articles_per_s']:8.1f} articles/s"
                    f" ({row['seconds']:.2f}s, cpu {row['cpu_seconds']:.2f}s)"
                )
                if "baseline" in row:
                    old = row["baseline"]
                    line += (
                        f"   baseline {old['articles_per_s']:8.1f} articles/s "
                        f"({old['seconds']:.2f}s, cpu {old['cpu_seconds']:.2f}s)"
                        f"   speed-up x{row['speedup']}"
                    )
                print(line, flush=True)
    if args.json:
        print(json.dumps(results, indent=2))
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
