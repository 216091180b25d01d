"""Benchmark the REST API: p95 latency of filtered ``GET /api/events`` over 1,000,000 events.

Builds a database of N synthetic events (default 1,000,000, ten per article) with
DuckDB SQL straight into the store's tables (events, actors, evidence, articles: a few
seconds), optionally adds reviews (which the API answers through its overlay), then
sends a mix of filtered list requests in process (httpx over ASGI, the full FastAPI
stack: parameter checks, SQL, JSON) and prints latency percentiles per kind of query
and overall. Target: p95 under 300 ms.

Usage::

    .venv/bin/python benchmarks/bench_api.py [--events 1000000] [--requests 300]
        [--reviews 500] [--db PATH] [--json]

Not a test: it prints timings and exits 0 (1 when the target is missed).
"""

# ruff: noqa: T201 - a benchmark script prints its timings

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from eventwire.store import open_database, schema

TARGET_MS = 300.0

COUNTRIES = (
    "USA", "RUS", "CHN", "UKR", "PRK", "KOR", "ISR", "PSE", "IRN", "SYR", "TUR", "GBR", "FRA",
    "DEU", "IND", "PAK", "AFG", "IRQ", "SAU", "YEM", "SDN", "ETH", "NGA", "MLI", "VEN", "COL",
    "MEX", "BRA", "JPN", "TWN",
)  # fmt: skip
NAMES = {
    "USA": "the United States", "RUS": "Russia", "CHN": "China", "UKR": "Ukraine",
    "PRK": "North Korea", "KOR": "South Korea", "ISR": "Israel", "PSE": "Palestinians",
    "IRN": "Iran", "SYR": "Syria",
}  # fmt: skip
# (type, mode, cameo, quad, goldstein, trigger word)
TYPES = (
    ("ACCUSE", "disapprove", "111", 3, -2.0, "denounced"), ("CONSULT", "visit", "042", 1, 1.9, "visited"),
    ("ASSAULT", None, "190", 4, -10.0, "shelled"), ("AID", None, "070", 2, 7.0, "sent aid to"),
    ("THREATEN", None, "130", 3, -4.4, "threatened"), ("AGREE", None, "030", 1, 4.0, "agreed with"),
    ("PROTEST", "demo", "141", 3, -6.5, "protested against"), ("MOBILIZE", "troops", "154", 4, -7.2, "sent troops to"),
)  # fmt: skip

# Each kind of request the mix sends (query string of /api/events).
QUERIES: dict[str, list[str]] = {
    "no filter": ["limit=50"],
    "actor code": ["actor=PRK", "actor=UKR&limit=100", "actor=SYR"],
    "actor name": ["actor=Russia", "actor=North Korea", "actor=China"],
    "dyad": ["source=USA&target=RUS", "source=ISR&target=PSE", "source=RUS&target=UKR"],
    "type + period": ["type=ASSAULT&since=2020-01&until=2020-12", "type=ACCUSE&since=2022", "type=AID&until=2019"],
    "quad + country": ["quad=4&country=UKR", "quad=1&country=FRA", "quad=3&country=SYR"],
    "mode": ["mode=troops", "mode=visit&actor=CHN"],
    "text search": ["q=shelled", "q=troops&since=2023", "text=visited"],
    "max page": ["limit=500", "type=PROTEST&limit=500"],
    "next page": [],  # filled by following next links
}


def build(path: Path, n: int) -> None:
    """N synthetic events with actors, evidence and articles, inserted by SQL."""
    db = open_database(path)
    con = db.con
    countries = ", ".join(f"'{c}'" for c in COUNTRIES)
    names = ", ".join(f"'{NAMES.get(c, c.title())}'" for c in COUNTRIES)
    types = ", ".join(f"'{t[0]}'" for t in TYPES)
    modes = ", ".join("NULL" if t[1] is None else f"'{t[1]}'" for t in TYPES)
    cameos = ", ".join(f"'{t[2]}'" for t in TYPES)
    quads = ", ".join(str(t[3]) for t in TYPES)
    golds = ", ".join(str(t[4]) for t in TYPES)
    words = ", ".join(f"'{t[5]}'" for t in TYPES)
    nc = len(COUNTRIES)
    # A skewed choice of country (a few are in most of the news) from a hash of i.
    pick = "((hash(i * 7 + {salt}) % 1000)::DOUBLE / 1000) ^ 2.2 * {nc}"
    con.execute(
        f"""
        CREATE TEMP TABLE syn AS
        SELECT i,
               'art' || lpad((i // 10)::VARCHAR, 7, '0') AS article_id,
               substr(md5(i::VARCHAR), 1, 20) AS event_id,
               (hash(i) % {len(TYPES)})::INTEGER + 1 AS t,
               ({pick.format(salt=1, nc=nc)})::INTEGER + 1 AS s,
               ({pick.format(salt=2, nc=nc)})::INTEGER + 1 AS g,
               CASE WHEN hash(i * 3) % 100 < 15 THEN NULL
                    ELSE DATE '2015-01-01' + (hash(i * 5) % 3650)::INTEGER END AS day,
               hash(i * 11) % 100 < 40 AS located
        FROM range({n}) r(i)
        """
    )
    con.execute(
        f"""
        CREATE TEMP TABLE syn2 AS
        SELECT *, CASE WHEN g = s THEN g % {nc} + 1 ELSE g END AS tg,
               [{countries}][s] AS src, [{names}][s] AS src_name,
               [{types}][t] AS type, [{modes}][t] AS mode, [{cameos}][t] AS cameo,
               [{quads}][t] AS quad, [{golds}][t] AS gold, [{words}][t] AS word
        FROM syn
        """
    )
    con.execute(
        f"""
        CREATE TEMP TABLE syn3 AS
        SELECT *, [{countries}][tg] AS tgt, [{names}][tg] AS tgt_name,
               src_name || ' ' || word || ' ' || [{names}][tg] || ' on Monday, officials said.' AS sentence
        FROM syn2
        """
    )
    con.execute(
        """
        INSERT INTO events BY NAME
        SELECT article_id, event_id, type, mode, cameo, quad AS quad_class, gold AS goldstein,
          json_array(json_object('text', src_name, 'country', src, 'igo', NULL, 'sector', 'GOV',
                                 'span', json_array(0, length(src_name)))) AS sources,
          json_array(json_object('text', tgt_name, 'country', tgt, 'igo', NULL, 'sector', NULL,
                                 'span', json_array(length(src_name) + length(word) + 2,
                                                    length(src_name) + length(word) + 2 + length(tgt_name)))) AS targets,
          strftime(day, '%Y-%m-%d') AS date, CASE WHEN day IS NULL THEN NULL ELSE 'day' END AS date_precision,
          NULL AS date_text, NULL AS date_span,
          CASE WHEN located THEN json_object('text', tgt_name, 'name', tgt_name, 'country', tgt,
               'lat', ((hash(i * 13) % 12000) / 100.0 - 60), 'lon', ((hash(i * 17) % 34000) / 100.0 - 170))
               ELSE NULL END AS location,
          '[]' AS quantities, NULL AS claimed_by, 'asserted' AS polarity, false AS hedged,
          json_array(json_object('text', sentence, 'start', 0, 'end', length(sentence),
                     'trigger', json_array(length(src_name) + 1, length(src_name) + 1 + length(word)),
                     'trigger_text', word)) AS evidence,
          0.8 AS confidence, 'bench' AS rule, 'eventwire bench' AS coder,
          '2024-01-01T00:00:00' AS published, NULL AS publisher, NULL AS extra,
          day AS event_day, CASE WHEN located THEN tgt ELSE NULL END AS location_country,
          i + 1 AS event_key
        FROM syn3
        """
    )
    actor_cols = {c.name for c in schema.ACTOR_COLUMNS}
    first_code = ", true AS first_code" if "first_code" in actor_cols else ""
    key = ", i + 1 AS event_key" if "event_key" in actor_cols else ""
    con.execute(
        f"""
        INSERT INTO actors BY NAME
        SELECT event_id, article_id, 'source' AS role, 0 AS idx, src AS code, src_name AS text,
               src AS country, NULL AS igo, 'GOV' AS sector, src_name AS name,
               0 AS span_start, length(src_name) AS span_end{key}{first_code}
        FROM syn3
        UNION ALL
        SELECT event_id, article_id, 'target', 0, tgt, tgt_name, tgt, NULL, NULL, tgt_name,
               length(src_name) + length(word) + 2, length(src_name) + length(word) + 2 + length(tgt_name){key}{first_code}
        FROM syn3
        """
    )
    con.execute(
        """
        INSERT INTO evidence BY NAME
        SELECT event_id, article_id, 0 AS idx, sentence AS text, 0 AS start_offset,
               length(sentence) AS end_offset, length(src_name) + 1 AS trigger_start,
               length(src_name) + 1 + length(word) AS trigger_end, word AS trigger_text
        FROM syn3
        """
    )
    con.execute(
        """
        INSERT INTO articles BY NAME
        SELECT article_id, 'Synthetic article ' || article_id AS headline,
               '2024-01-01T00:00:00' AS published, 'en' AS language,
               string_agg(sentence, '\n\n' ORDER BY i) AS text, n_events: count(*)::INTEGER
        FROM syn3 GROUP BY article_id
        """
    )
    if "event_key_seq" in {r[0] for r in con.execute("SELECT sequence_name FROM duckdb_sequences()").fetchall()}:
        con.execute(f"SELECT setval('event_key_seq', {n + 1})")
    con.execute("CHECKPOINT")
    db.close()


def add_reviews(path: Path, count: int, rng: random.Random) -> None:
    from eventwire.store.reviews import record_review

    db = open_database(path)
    rows = db.con.execute(f"SELECT event_id, type FROM events USING SAMPLE {count} ROWS").fetchall()
    for i, (event_id, old_type) in enumerate(rows):
        if i % 3 == 0:
            record_review(db, event_id, "reject", "bench")
        elif i % 3 == 1:
            new_type = rng.choice([t for t in ("THREATEN", "AID", "CONSULT") if t != old_type])
            record_review(db, event_id, "correct", "bench", changes={"type": new_type})
        else:
            record_review(db, event_id, "accept", "bench")
    db.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


async def measure(path: Path, requests: int, rng: random.Random) -> dict[str, list[float]]:
    import httpx

    from eventwire.api import AppConfig, create_app

    db = open_database(path, read_only=False)
    app = create_app(db, AppConfig())
    timings: dict[str, list[float]] = {kind: [] for kind in QUERIES}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1", timeout=60) as client:
        # warm-up: first queries load column segments from disk
        for kind, queries in QUERIES.items():
            for q in queries:
                (await client.get(f"/api/events?{q}")).raise_for_status()
        kinds = [k for k, qs in QUERIES.items() if qs]
        for _ in range(requests):
            kind = rng.choice(kinds)
            query = rng.choice(QUERIES[kind])
            start = time.perf_counter()
            response = await client.get(f"/api/events?{query}")
            elapsed = (time.perf_counter() - start) * 1000
            response.raise_for_status()
            timings[kind].append(elapsed)
            body = response.json()
            if body["next"] and rng.random() < 0.3:
                start = time.perf_counter()
                nxt = await client.get(body["next"])
                timings["next page"].append((time.perf_counter() - start) * 1000)
                nxt.raise_for_status()
    db.close()
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--reviews", type=int, default=500, help="reviews to add (0: none)")
    parser.add_argument("--db", help="keep the database here (default: a temporary directory)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-api-") as tmp:
        path = Path(args.db) if args.db else Path(tmp) / "bench.duckdb"
        if path.exists():
            print(f"{path} exists; give a new --db path", file=sys.stderr)
            return 2
        start = time.perf_counter()
        build(path, args.events)
        built = time.perf_counter() - start
        start = time.perf_counter()
        if args.reviews:
            add_reviews(path, args.reviews, rng)
        reviewed = time.perf_counter() - start
        timings = asyncio.run(measure(path, args.requests, rng))
    every = [t for values in timings.values() for t in values]
    result = {
        "events": args.events,
        "reviews": args.reviews,
        "build_seconds": round(built, 1),
        "review_seconds": round(reviewed, 1),
        "requests": len(every),
        "p50_ms": round(statistics.median(every), 1),
        "p95_ms": round(percentile(every, 95), 1),
        "max_ms": round(max(every), 1),
        "by_kind": {
            kind: {"n": len(v), "p50_ms": round(statistics.median(v), 1), "p95_ms": round(percentile(v, 95), 1)}
            for kind, v in timings.items()
            if v
        },
        "target_ms": TARGET_MS,
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{args.events:,} events ({built:.1f}s to build), {args.reviews} reviews; "
              f"{len(every)} GET /api/events requests in process")  # fmt: skip
        for kind, row in result["by_kind"].items():
            print(f"  {kind:<16} n={row['n']:<4} p50={row['p50_ms']:>7.1f} ms  p95={row['p95_ms']:>7.1f} ms")
        print(f"overall: p50={result['p50_ms']} ms  p95={result['p95_ms']} ms  max={result['max_ms']} ms "
              f"(target p95 < {TARGET_MS:.0f} ms)")  # fmt: skip
    return 0 if result["p95_ms"] < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
