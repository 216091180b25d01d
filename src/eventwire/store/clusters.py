"""Event clusters in the database: full re-clustering and incremental updates.

``eventwire ingest`` calls :func:`update_clusters` after each committed batch;
``eventwire cluster --db PATH`` calls :func:`recluster`; ``eventwire export --level
clusters`` reads :func:`iter_clusters`. The clustering itself is :mod:`eventwire.dedup`.

Tables (created when missing, so no schema migration is needed):

- ``clusters``: one row per cluster, with its record as JSON in ``cluster`` and a few
  columns for SQL (``type``, ``date``, ``num_articles`` ...).
- ``cluster_members``: ``event_id -> cluster_id, component_id, article_id``.
- ``cluster_keys``: each event's blocking keys with its possible-date window, so that an
  update finds the stored events a new one may join without reading every event.
- ``cluster_meta``: the method and settings the stored clusters were made with.

Why the incremental result equals a full run: clusters are cut from the connected
components of the link graph, and each component is clustered from its own events only.
An update loads the new events, every stored component that shares a blocking key and a
date window with one of them, and the components of the events it replaces, and
re-clusters exactly that closed set. When the stored clusters were made with other
settings, or some stored events were never clustered, the update falls back to a full
re-clustering.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from ..dedup import (
    METHOD,
    ClusterConfig,
    Component,
    blocking_keys,
    cluster_components,
    profile_event,
)

__all__ = ["ClusterReport", "ensure_tables", "iter_clusters", "recluster", "update_clusters"]

_TABLES = {
    "clusters": (
        ("cluster_id", "VARCHAR"),
        ("component_id", "VARCHAR"),
        ("type", "VARCHAR"),
        ("date", "VARCHAR"),
        ("date_precision", "VARCHAR"),
        ("num_events", "INTEGER"),
        ("num_articles", "INTEGER"),
        ("num_sources", "INTEGER"),
        ("num_mentions", "INTEGER"),
        ("first_reported", "VARCHAR"),
        ("last_reported", "VARCHAR"),
        ("cluster", "JSON"),
    ),
    "cluster_members": (
        ("event_id", "VARCHAR"),
        ("cluster_id", "VARCHAR"),
        ("component_id", "VARCHAR"),
        ("article_id", "VARCHAR"),
    ),
    "cluster_keys": (
        ("key", "VARCHAR"),
        ("event_id", "VARCHAR"),
        ("owner", "BOOLEAN"),
        ("lo", "INTEGER"),
        ("hi", "INTEGER"),
    ),
    "cluster_meta": (("key", "VARCHAR"), ("value", "VARCHAR")),
}
_ARROW = {"VARCHAR": pa.string(), "JSON": pa.string(), "INTEGER": pa.int32(), "BOOLEAN": pa.bool_()}


@dataclass(slots=True)
class ClusterReport:
    """What a clustering run did."""

    mode: str  # "full" or "incremental"
    n_events: int = 0
    n_clusters: int = 0
    n_multi: int = 0
    n_components: int = 0
    seconds: float = 0.0
    reason: str | None = None

    def summary(self, name: str) -> str:
        what = "Re-clustered" if self.mode == "full" else "Updated clusters of"
        return (
            f"{what} {self.n_events} event(s) in {name}: {self.n_clusters} cluster(s), "
            f"{self.n_multi} reported by 2+ articles ({self.seconds:.1f}s)."
        )


def _config_hash(config: ClusterConfig) -> str:
    data = json.dumps(dataclasses.asdict(config), sort_keys=True, default=list)
    return hashlib.sha1(f"{METHOD}|{data}".encode()).hexdigest()[:12]


def ensure_tables(db: Any) -> None:
    """Create the cluster tables when they are missing."""
    for name, columns in _TABLES.items():
        body = ", ".join(f'"{c}" {t}' for c, t in columns)
        db.con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({body})")


def _insert(db: Any, table: str, rows: Sequence[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = _TABLES[table]
    arrow = pa.Table.from_arrays(
        [pa.array([r[c] for r in rows], type=_ARROW[t]) for c, t in columns],
        names=[c for c, _ in columns],
    )
    view = f"_ew_cluster_rows_{table}"
    db.con.register(view, arrow)
    try:
        db.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {view}")
    finally:
        db.con.unregister(view)


def _write(db: Any, components: list[Component]) -> None:
    cluster_rows: list[dict[str, Any]] = []
    member_rows: list[dict[str, Any]] = []
    key_rows: list[dict[str, Any]] = []
    for component in components:
        for cluster in component.clusters:
            cluster_rows.append(
                {
                    "cluster_id": cluster["cluster_id"],
                    "component_id": component.component_id,
                    "type": cluster["type"],
                    "date": cluster["date"],
                    "date_precision": cluster["date_precision"],
                    "num_events": cluster["num_events"],
                    "num_articles": cluster["num_articles"],
                    "num_sources": cluster["num_sources"],
                    "num_mentions": cluster["num_mentions"],
                    "first_reported": cluster["first_reported"],
                    "last_reported": cluster["last_reported"],
                    "cluster": json.dumps(cluster, ensure_ascii=False, separators=(",", ":")),
                }
            )
            member_rows += [
                {
                    "event_id": member["event_id"],
                    "cluster_id": cluster["cluster_id"],
                    "component_id": component.component_id,
                    "article_id": member["article_id"],
                }
                for member in cluster["members"]
            ]
        key_rows += [
            {"key": key, "event_id": eid, "owner": owner, "lo": _clip(lo), "hi": _clip(hi)}
            for eid, key, owner, lo, hi in component.keys
        ]
    _insert(db, "clusters", cluster_rows)
    _insert(db, "cluster_members", member_rows)
    _insert(db, "cluster_keys", key_rows)


def _clip(day: int) -> int:
    return max(-(2**31) + 1, min(2**31 - 1, day))


def _set_meta(db: Any, config: ClusterConfig) -> None:
    db.con.execute("DELETE FROM cluster_meta")
    db.con.execute(
        "INSERT INTO cluster_meta VALUES ('method', ?), ('config_hash', ?)",
        [METHOD, _config_hash(config)],
    )


def _report(mode: str, components: list[Component], started: float, **extra: Any) -> ClusterReport:
    clusters = [c for comp in components for c in comp.clusters]
    return ClusterReport(
        mode=mode,
        n_events=sum(len(comp.event_ids) for comp in components),
        n_clusters=len(clusters),
        n_multi=sum(1 for c in clusters if c["num_articles"] > 1),
        n_components=len(components),
        seconds=time.perf_counter() - started,
        **extra,
    )


def recluster(db: Any, config: ClusterConfig | None = None) -> ClusterReport:
    """Re-cluster every stored event from scratch (deterministic).

    Args:
        db: an open :class:`eventwire.store.Database` (anything with ``.con``,
            ``iter_events()`` and ``transaction()``).
        config: clustering settings; the defaults are ``dedup.cluster.v1``.

    Returns:
        A :class:`ClusterReport` (``summary()`` gives the one-line text).
    """
    started = time.perf_counter()
    config = config or ClusterConfig()
    components = cluster_components(db.iter_events(), config)
    with db.transaction():
        ensure_tables(db)
        for table in ("clusters", "cluster_members", "cluster_keys"):
            db.con.execute(f"DELETE FROM {table}")
        _write(db, components)
        _set_meta(db, config)
    return _report("full", components, started)


_IN = "IN (SELECT unnest(?))"  # membership in a list bound as one parameter


def _needs_full(db: Any, config: ClusterConfig, batch: list[str]) -> str | None:
    row = db.con.execute("SELECT value FROM cluster_meta WHERE key = 'config_hash'").fetchone()
    if row is None:
        others = db.con.execute(
            f"SELECT count(*) FROM events WHERE article_id NOT {_IN}", [batch]
        ).fetchone()[0]
        return "first clustering of a database with events" if others else None
    if row[0] != _config_hash(config):
        return "the stored clusters were made with other settings"
    missing = db.con.execute(
        f"SELECT count(*) FROM events e WHERE e.article_id NOT {_IN} "
        "AND NOT EXISTS (SELECT 1 FROM cluster_members m WHERE m.event_id = e.event_id)",
        [batch],
    ).fetchone()[0]
    if missing:
        return f"{missing} stored event(s) were never clustered"
    return None


def update_clusters(
    db: Any, article_ids: Iterable[str], config: ClusterConfig | None = None
) -> ClusterReport:
    """Bring the clusters up to date after the given articles were stored or replaced.

    New events join existing clusters (or start their own); events that an article no
    longer has leave theirs. Only the affected parts of the link graph are re-clustered,
    with the same result as :func:`recluster`. Members whose events have vanished (an
    article deleted without an update) are tidied up as well.

    Args:
        db: an open :class:`eventwire.store.Database`.
        article_ids: the articles just stored, replaced or deleted.
        config: clustering settings; they must match those of the stored clusters, or
            everything is re-clustered.

    Returns:
        A :class:`ClusterReport` of the re-clustered part (``mode`` is ``"full"``, with
        a ``reason``, when it fell back to :func:`recluster`).
    """
    started = time.perf_counter()
    config = config or ClusterConfig()
    ensure_tables(db)
    con = db.con
    vanished = con.execute(
        "SELECT DISTINCT m.article_id FROM cluster_members m "
        "WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = m.event_id)"
    ).fetchall()
    batch = sorted(set(article_ids) | {r[0] for r in vanished})
    reason = _needs_full(db, config, batch)
    if reason:
        report = recluster(db, config)
        report.reason = reason
        return report
    events = {e["event_id"]: e for e in db.iter_events(f"e.article_id {_IN}", [batch])}
    components = {
        r[0]
        for r in con.execute(
            f"SELECT DISTINCT component_id FROM cluster_members WHERE article_id {_IN}", [batch]
        ).fetchall()
    }
    components |= _touched_components(db, events.values(), config)
    touched = sorted(components)
    old_ids = [
        r[0]
        for r in con.execute(
            f"SELECT event_id FROM cluster_members WHERE component_id {_IN}", [touched]
        ).fetchall()
    ]
    for event in db.iter_events(f"e.event_id {_IN}", [old_ids]):
        events.setdefault(event["event_id"], event)
    result = cluster_components(events.values(), config)
    stale = sorted(set(old_ids) | set(events))
    with db.transaction():
        con.execute(f"DELETE FROM clusters WHERE component_id {_IN}", [touched])
        con.execute(f"DELETE FROM cluster_members WHERE component_id {_IN}", [touched])
        con.execute(f"DELETE FROM cluster_keys WHERE event_id {_IN}", [stale])
        _write(db, result)
        _set_meta(db, config)
    return _report("incremental", result, started)


def _touched_components(
    db: Any, events: Iterable[dict[str, Any]], config: ClusterConfig
) -> set[str]:
    """Stored components with an event that shares a key (one side owning it) and dates."""
    rows = []
    for event in events:
        profile = profile_event(event, config)
        for key, owner in blocking_keys(profile):
            rows.append((key, owner, _clip(profile.lo), _clip(profile.hi)))
    if not rows:
        return set()
    keys, owners, los, his = zip(*rows, strict=True)
    table = pa.table(
        {
            "key": pa.array(keys, type=pa.string()),
            "owner": pa.array(owners, type=pa.bool_()),
            "lo": pa.array(los, type=pa.int32()),
            "hi": pa.array(his, type=pa.int32()),
        }
    )
    db.con.register("_ew_cluster_probe", table)
    try:
        found = db.con.execute(
            "SELECT DISTINCT m.component_id FROM _ew_cluster_probe n "
            "JOIN cluster_keys k ON k.key = n.key AND (k.owner OR n.owner) "
            "AND k.lo <= n.hi AND n.lo <= k.hi "
            "JOIN cluster_members m ON m.event_id = k.event_id"
        ).fetchall()
    finally:
        db.con.unregister("_ew_cluster_probe")
    return {r[0] for r in found}


def iter_clusters(db: Any, *, min_articles: int = 1) -> Iterator[dict[str, Any]]:
    """The stored clusters as JSON-ready dicts, by first report time then cluster id.

    Args:
        db: an open :class:`eventwire.store.Database`.
        min_articles: leave out clusters reported by fewer articles.
    """
    exists = db.con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'clusters'"
    ).fetchone()[0]
    if not exists:
        return
    cursor = db.con.cursor()
    try:
        reader = cursor.sql(
            "SELECT cluster FROM clusters WHERE num_articles >= ? "
            "ORDER BY first_reported NULLS LAST, cluster_id",
            params=[min_articles],
        ).to_arrow_reader(1024)
        for batch in reader:
            for value in batch.column(0).to_pylist():
                yield json.loads(value)
    finally:
        cursor.close()
