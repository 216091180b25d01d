"""Benchmark: cluster synthetic events (100,000 by default) and score against the truth.

Usage::

    .venv/bin/python benchmarks/bench_cluster.py                 # 100,000 events, pure
    .venv/bin/python benchmarks/bench_cluster.py --events 20000 --store   # + DuckDB paths

The generator makes real-world events (type, actors drawn Zipf-like from 80 countries
so that a few pairs dominate as in real news, a day in one year, a city, a bag of topic
words) and 1-8 reports of each, published 0-2 days later by 40 outlets. Reports vary as
real ones do: one drops an actor or a sector, one gives only the month or no date, one
leaves out the place, each words the event with its own subset of the topic words plus
filler, and each claimant gives its own casualty figure.

It prints the time of ``cluster_events`` and the pairwise and B-cubed precision/recall
against the generated truth. With ``--store`` it also times ``recluster`` and the
incremental path in DuckDB: 3,200 articles taken out and added back in batches of 32,
as ingest commits them, with a check that the result equals the full run. Events are
bulk-loaded into the ``events`` table, so storing articles is not part of the times.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from eventwire.dedup import cluster_events  # noqa: E402

TYPES = ("ASSAULT", "ACCUSE", "CONSULT", "COOPERATE", "PROTEST", "COERCE", "AID", "SUPPORT",
         "THREATEN", "REQUEST", "SANCTION", "MOBILIZE", "AGREE", "REJECT", "RETREAT", "CONCEDE")  # fmt: skip
TRIGGERS = {"ASSAULT": ["attacked", "struck", "shelled", "bombed"], "ACCUSE": ["condemned",
            "denounced", "criticized"], "CONSULT": ["met", "held talks with", "hosted"],
            "PROTEST": ["protested", "rallied against"], "COERCE": ["arrested", "detained"]}  # fmt: skip
SECTORS = (None, None, "GOV", "MIL", "CVL", "REB", "OPP")


def _countries(n: int = 80) -> list[str]:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return [f"{letters[i // 26]}{letters[i % 26]}X" for i in range(n)]


def _word(i: int, first: str) -> str:
    """A distinct pseudo-word (letters only, distinct in its first six letters)."""
    letters = "bcdfghjlmnprstvz"
    out = first
    for _ in range(4):
        out += letters[i % 16] + "aeiou"[i % 5]
        i //= 16
    return out


def generate(n_events: int, seed: int = 7) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Synthetic contract events and the true real-world event of each event id."""
    rnd = random.Random(seed)
    countries = _countries()
    weights = [1 / (rank + 1) for rank in range(len(countries))]
    cities = [(f"City{i}", countries[i % len(countries)], rnd.uniform(-50, 60), rnd.uniform(-120, 140))
              for i in range(600)]  # fmt: skip
    cities_of: dict[str, list[tuple]] = defaultdict(list)
    for city in cities:
        cities_of[city[1]].append(city)
    vocab = [_word(i, "k") for i in range(3000)]
    filler = [_word(i, "v") for i in range(300)]
    outlets = [f"Outlet {i}" for i in range(40)]
    start = date(2024, 1, 1)
    events: list[dict[str, Any]] = []
    truth: dict[str, int] = {}
    real = 0
    while len(events) < n_events:
        real += 1
        etype = rnd.choice(TYPES)
        src = rnd.choices(countries, weights, k=rnd.choice((1, 1, 1, 2)))
        tgt = rnd.choices(countries, weights, k=rnd.choice((1, 1, 2)))
        src = sorted(set(src))
        tgt = sorted(set(tgt) - set(src)) or [rnd.choice(countries)]
        sectors = {c: rnd.choice(SECTORS) for c in src + tgt}
        day = start + timedelta(days=rnd.randrange(365))
        city = rnd.choice(cities_of[tgt[0]]) if cities_of[tgt[0]] and rnd.random() < 0.7 else None
        topic = rnd.sample(vocab, 5)
        trigger = rnd.choice(TRIGGERS.get(etype, ["acted"]))
        dead = rnd.randint(1, 60) if etype == "ASSAULT" else None
        n_reports = min(8, 1 + int(rnd.expovariate(0.7)))
        for report in range(n_reports):
            if len(events) >= n_events:
                break
            article = f"a{real}-{report}"
            sources = list(src)
            targets = list(tgt)
            if len(sources) > 1 and rnd.random() < 0.3:
                sources = sources[:1]
            words = rnd.sample(topic, rnd.choice((3, 4, 4, 5))) + rnd.sample(
                filler, rnd.randint(2, 5)
            )
            rnd.shuffle(words)
            sentence = f"{' '.join(words[:3])} {trigger} {' '.join(words[3:])}."
            at = sentence.index(trigger)
            roll = rnd.random()
            if roll < 0.08:
                when, precision = day.isoformat()[:7], "month"
            elif roll < 0.18:
                when, precision = None, None
            else:
                when, precision = day.isoformat(), "day"
            published = day + timedelta(days=rnd.choice((0, 0, 1, 1, 2)))
            quantities = []
            if dead is not None and rnd.random() < 0.6:
                value = max(1, dead + rnd.randint(-5, 8))
                quantities.append({"kind": "dead", "value": value, "qualifier": "exact",
                                   "unit": None, "text": str(value), "low": None, "high": None})  # fmt: skip
            event_id = f"e{len(events):07d}"
            events.append(
                {
                    "article_id": article,
                    "event_id": event_id,
                    "type": etype,
                    "mode": None,
                    "cameo": "190",
                    "quad_class": 4,
                    "goldstein": -10.0,
                    "sources": [{"text": c, "country": c, "igo": None, "name": None, "span": [0, 3],
                                 "sector": sectors[c] if rnd.random() < 0.8 else None}
                                for c in sources],
                    "targets": [{"text": c, "country": c, "igo": None, "name": None, "span": [0, 3],
                                 "sector": sectors[c] if rnd.random() < 0.8 else None}
                                for c in targets],
                    "date": when,
                    "date_precision": precision,
                    "date_text": None,
                    "location": None if city is None or rnd.random() < 0.2 else {
                        "text": city[0], "name": city[0], "country": city[1], "admin1": None,
                        "lat": city[2], "lon": city[3], "feature": "city"},
                    "quantities": quantities,
                    "claimed_by": None if rnd.random() < 0.5 else {
                        "text": f"official {rnd.randrange(20)}", "country": tgt[0], "igo": None,
                        "sector": "GOV"},
                    "polarity": "asserted",
                    "hedged": False,
                    "evidence": [{"text": sentence, "start": 0, "end": len(sentence),
                                  "trigger": [at, at + len(trigger)], "trigger_text": trigger}],
                    "confidence": 0.8,
                    "published": f"{published.isoformat()}T{rnd.randrange(24):02d}:00:00",
                    "publisher": rnd.choice(outlets),
                }
            )  # fmt: skip
            truth[event_id] = real
    return events, truth


def score(clusters: list[dict[str, Any]], truth: dict[str, int]) -> dict[str, float]:
    """Pairwise and B-cubed precision and recall of clusters against the true events."""
    predicted = {m["event_id"]: c["cluster_id"] for c in clusters for m in c["members"]}
    pred_sizes = Counter(predicted.values())
    true_sizes = Counter(truth.values())
    both = Counter((predicted[e], truth[e]) for e in truth)
    same_both = sum(n * (n - 1) // 2 for n in both.values())
    same_pred = sum(n * (n - 1) // 2 for n in pred_sizes.values())
    same_true = sum(n * (n - 1) // 2 for n in true_sizes.values())
    b3p = sum(both[(predicted[e], truth[e])] / pred_sizes[predicted[e]] for e in truth) / len(truth)
    b3r = sum(both[(predicted[e], truth[e])] / true_sizes[truth[e]] for e in truth) / len(truth)
    return {
        "pair_precision": same_both / same_pred if same_pred else 1.0,
        "pair_recall": same_both / same_true if same_true else 1.0,
        "b3_precision": b3p,
        "b3_recall": b3r,
    }


def _load(db: Any, events: list[dict[str, Any]]) -> None:
    """Bulk-load events into the ``events`` table (what ingest stores, minus the rest)."""
    from eventwire.store import schema

    rows = [schema.event_row(e) for e in events]
    db.con.register("_bench_rows", schema.to_arrow(schema.EVENT_COLUMNS, rows))
    try:
        db.con.execute("INSERT INTO events BY NAME SELECT * FROM _bench_rows")
    finally:
        db.con.unregister("_bench_rows")


def _store_paths(events: list[dict[str, Any]]) -> None:
    import tempfile

    from eventwire.store import open_database
    from eventwire.store.clusters import iter_clusters, recluster, update_clusters

    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        by_article[event["article_id"]].append(event)
    articles = sorted(by_article)
    with tempfile.TemporaryDirectory() as tmp, open_database(Path(tmp) / "bench.duckdb") as db:
        _load(db, events)
        started = time.perf_counter()
        report = recluster(db)
        print(f"recluster (DuckDB, reading and writing included): "
              f"{time.perf_counter() - started:.1f}s ({report.n_clusters} clusters)")  # fmt: skip
        full = [c["cluster_id"] for c in iter_clusters(db)]
        late = articles[len(articles) // 2 :]
        random.Random(3).shuffle(late)
        late = late[:3200]  # 100 batches
        db.con.execute("DELETE FROM events WHERE list_contains(?, article_id)", [late])
        recluster(db)
        started = time.perf_counter()
        for i in range(0, len(late), 32):
            chunk = late[i : i + 32]
            _load(db, [e for a in chunk for e in by_article[a]])
            update_clusters(db, chunk)
        seconds = time.perf_counter() - started
        batches = (len(late) + 31) // 32
        print(f"incremental: {len(late)} articles in {batches} batches of 32: {seconds:.1f}s "
              f"({1000 * seconds / batches:.0f} ms per batch)")  # fmt: skip
        same = [c["cluster_id"] for c in iter_clusters(db)] == full
        print(f"incremental == full: {same}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--store", action="store_true", help="also time the DuckDB paths")
    args = parser.parse_args()
    started = time.perf_counter()
    events, truth = generate(args.events, args.seed)
    print(f"generated {len(events)} events of {len(set(truth.values()))} real events: "
          f"{time.perf_counter() - started:.1f}s")  # fmt: skip
    started = time.perf_counter()
    clusters = cluster_events(events)
    seconds = time.perf_counter() - started
    print(f"cluster_events: {seconds:.1f}s -> {len(clusters)} clusters")
    for name, value in score(clusters, truth).items():
        print(f"  {name}: {value:.3f}")
    if args.store:
        _store_paths(events)


if __name__ == "__main__":
    main()
