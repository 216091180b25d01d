"""Benchmark the event store: a dyad-by-month aggregation over synthetic events.

Generates N synthetic events (default 1,000,000) with their actors, inserts them through
Arrow into a fresh DuckDB database, then times ``query_events(db, count_by="source,
target,month")`` (source country, target country, month -> count, Goldstein sum) and a
filtered variant. Target: under one second for a million events.

Usage::

    .venv/bin/python benchmarks/bench_store.py [--events 1000000] [--db PATH] [--repeat 3]

Not a test: it prints timings and exits 0.
"""

# ruff: noqa: T201 - a benchmark script prints its timings

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa

from eventwire.store import open_database, query_events, schema

COUNTRIES = (
    "USA", "RUS", "CHN", "UKR", "PRK", "KOR", "ISR", "PSE", "IRN", "SYR", "TUR", "GBR", "FRA",
    "DEU", "IND", "PAK", "AFG", "IRQ", "SAU", "YEM", "SDN", "ETH", "NGA", "MLI", "VEN", "COL",
    "MEX", "BRA", "JPN", "TWN",
)  # fmt: skip
TYPES = (
    ("ACCUSE", "111", 3, -2.0), ("CONSULT", "040", 1, 1.0), ("ASSAULT", "190", 4, -10.0),
    ("AID", "070", 2, 7.0), ("THREATEN", "130", 3, -4.4), ("AGREE", "030", 1, 4.0),
    ("PROTEST", "140", 3, -6.5), ("COERCE", "170", 4, -7.0),
)  # fmt: skip
SECTORS = ("GOV", "MIL", None, "CVL", "REB")


def synthetic_tables(n: int, seed: int = 7) -> tuple[pa.Table, pa.Table]:
    """The ``events`` and ``actors`` rows of n synthetic events, as Arrow tables."""
    rng = np.random.default_rng(seed)
    countries = np.array(COUNTRIES, dtype=object)
    article_ids = np.array([f"art{i // 4:07d}" for i in range(n)], dtype=object)
    event_ids = np.array([f"{i:020x}" for i in range(n)], dtype=object)
    kind = rng.integers(0, len(TYPES), n)
    src = rng.integers(0, len(COUNTRIES), n)
    tgt = rng.integers(0, len(COUNTRIES), n)
    second_src = rng.random(n) < 0.1  # one event in ten has two sources
    src2 = rng.integers(0, len(COUNTRIES), n)
    start = date(2020, 1, 1).toordinal()
    days = rng.integers(0, 5 * 365, n) + start
    undated = rng.random(n) < 0.15
    dates = [
        None if u else date.fromordinal(int(d)).isoformat()
        for d, u in zip(days, undated, strict=True)
    ]
    sector = rng.integers(0, len(SECTORS), n)

    def actor_json(code: str, sec: str | None) -> str:
        sec_json = "null" if sec is None else f'"{sec}"'
        return (
            f'{{"text":"{code}","country":"{code}","igo":null,"sector":{sec_json},'
            '"name":null,"span":[0,3]}'
        )

    sources = [
        "["
        + actor_json(countries[s], SECTORS[k])
        + ("," + actor_json(countries[s2], None) if two else "")
        + "]"
        for s, s2, two, k in zip(src, src2, second_src, sector, strict=True)
    ]
    targets = ["[" + actor_json(countries[t], None) + "]" for t in tgt]
    types = np.array([t[0] for t in TYPES], dtype=object)[kind]
    cameos = np.array([t[1] for t in TYPES], dtype=object)[kind]
    quads = np.array([t[2] for t in TYPES], dtype=np.int32)[kind]
    gold = np.array([t[3] for t in TYPES])[kind]
    events = {
        "article_id": pa.array(article_ids, pa.string()),
        "event_id": pa.array(event_ids, pa.string()),
        "type": pa.array(types, pa.string()),
        "cameo": pa.array(cameos, pa.string()),
        "quad_class": pa.array(quads, pa.int32()),
        "goldstein": pa.array(gold, pa.float64()),
        "sources": pa.array(sources, pa.string()),
        "targets": pa.array(targets, pa.string()),
        "date": pa.array(dates, pa.string()),
        "date_precision": pa.array([None if d is None else "day" for d in dates], pa.string()),
        "polarity": pa.array(["asserted"] * n, pa.string()),
        "hedged": pa.array(np.zeros(n, dtype=bool)),
        "evidence": pa.array(['[{"text":"synthetic","start":0,"end":9}]'] * n, pa.string()),
        "confidence": pa.array(np.full(n, 0.8)),
        "coder": pa.array(["bench"] * n, pa.string()),
        "event_day": pa.array(
            [None if d is None else date.fromisoformat(d) for d in dates], pa.date32()
        ),
    }
    events_table = pa.table(events)
    # actors: one source row per event, a second one for 10%, one target row per event
    two = np.nonzero(second_src)[0]
    ev_idx = np.concatenate([np.arange(n), two, np.arange(n)])
    roles = np.array(["source"] * n + ["source"] * len(two) + ["target"] * n, dtype=object)
    idx = np.concatenate(
        [np.zeros(n, np.int32), np.ones(len(two), np.int32), np.zeros(n, np.int32)]
    )
    codes = np.concatenate([countries[src], countries[src2[two]], countries[tgt]])
    actors_table = pa.table({
        "event_id": pa.array(event_ids[ev_idx], pa.string()),
        "article_id": pa.array(article_ids[ev_idx], pa.string()),
        "role": pa.array(roles, pa.string()),
        "idx": pa.array(idx, pa.int32()),
        "code": pa.array(codes, pa.string()),
        "text": pa.array(codes, pa.string()),
        "country": pa.array(codes, pa.string()),
        # a second source with the same code as the first is not a new dyad
        "first_code": pa.array(
            np.concatenate([np.ones(n, bool), src2[two] != src[two], np.ones(n, bool)])
        ),
    })  # fmt: skip
    return events_table, actors_table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", help="database file (default: a temporary one)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    tmp = tempfile.TemporaryDirectory()
    path = Path(args.db) if args.db else Path(tmp.name) / "bench.duckdb"
    t0 = time.perf_counter()
    events, actors = synthetic_tables(args.events)
    t1 = time.perf_counter()
    print(f"generated {events.num_rows:,} events and {actors.num_rows:,} actors in {t1 - t0:.1f} s")

    with open_database(path) as db:
        with db.transaction() as con:
            con.register("_bench_events", events)
            con.execute(
                "INSERT INTO events BY NAME "
                "SELECT *, nextval('event_key_seq') AS event_key FROM _bench_events"
            )
            con.register("_bench_actors", actors)
            con.execute(
                "INSERT INTO actors BY NAME SELECT a.*, e.event_key FROM _bench_actors a "
                "JOIN events e ON e.event_id = a.event_id"
            )
            con.unregister("_bench_events")
            con.unregister("_bench_actors")
        db.con.execute("CHECKPOINT")
        t2 = time.perf_counter()
        print(f"inserted through Arrow in {t2 - t1:.1f} s ({path.stat().st_size / 1e6:.0f} MB)")
        assert {c.name for c in schema.EVENT_COLUMNS} >= set(events.column_names)

    # Time the query on a freshly opened database, as a user would run it.
    with open_database(path, read_only=True) as db:
        for label, filters, count_by in (
            ("dyad x month (source, target, month)", {}, "source,target,month"),
            ("dyad x month, source RUS, 2023",
             {"source": "RUS", "since": "2023", "until": "2023"}, "source,target,month"),
            ("quad classes by month", {}, "month"),
        ):  # fmt: skip
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                result = query_events(db, filters, count_by=count_by)
                times.append(time.perf_counter() - start)
            total = sum(r["events"] for r in result.rows())
            print(
                f"{label}: {len(result):,} groups, {total:,} event-dyads; "
                f"first {times[0]:.3f} s, best {min(times):.3f} s"
            )
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
