"""What the REST API and the pages read: events with reviews applied, pages, counts, charts.

The API is a thin shell over this module, and this module is a thin layer over
:mod:`eventwire.store`: the filters are those of :func:`eventwire.store.query_events`
(same names, same SQL), and reviews come from :mod:`eventwire.store.reviews`.

How reviews reach every answer: reviewed events are few (people make them), so the
*overlay* keeps them twice in small in-memory DuckDB databases with the store's own
``events``, ``actors`` and ``evidence`` tables: as stored (``coded``) and as reviewed
(``live``: corrections applied, rejected events left out). An answer over the events as
reviewed is the answer over the stored events, minus the one over ``coded``, plus the
one over ``live``: counts and sums are added with signs, and a page of events skips the
stored rows of reviewed events and merges in the live ones by sort key. So a corrected
type, actor or date is found by the filters, counted by the statistics and drawn in the
charts, a rejected event is nowhere, and the queries on the big table stay exactly the
store's (no anti-join with the reviews). The overlay is rebuilt when the ``reviews``
table changes.

Thread safety: a DuckDB connection must not be shared between threads, so each request
works on a :class:`Session` with its own cursor of the one open database.
"""

from __future__ import annotations

import base64
import binascii
import json
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from ..store import schema
from ..store.database import Database
from ..store.query import EventFilter, InvalidFilter
from ..store.reviews import (
    all_reviews,
    ensure_reviews_table,
    reviewed_event,
    reviews_for,
    reviews_version,
)

__all__ = [
    "MAX_LIMIT",
    "EventPage",
    "EventService",
    "InvalidCursor",
    "Session",
]

#: The largest page any list endpoint returns.
MAX_LIMIT = 500
DEFAULT_LIMIT = 50

_ORDER = "e.event_day DESC NULLS LAST, e.article_id, e.event_id"
_CLUSTER_ORDER = "c.first_reported DESC NULLS LAST, c.cluster_id"


class InvalidCursor(InvalidFilter):
    """A ``cursor`` value that this server did not hand out."""

    def __init__(self, value: str) -> None:
        super().__init__(
            f"Invalid cursor {value[:60]!r}: pass the next_cursor value of the previous page "
            "unchanged, or leave cursor out for the first page.",
            param="cursor",
        )


def _where_sql(con: Any, flt: EventFilter) -> tuple[str, list[Any]]:
    """The filter as SQL on ``events e``: the store's own filter code, so both agree."""
    from ..store import query

    builder: Callable[..., tuple[str, list[Any]]] | None = getattr(query, "where_sql", None)
    if builder is None:
        builder = query._where  # noqa: SLF001 - the store's filter SQL; see the report
    return builder(_ConHolder(con), flt)


class _ConHolder:
    """What the store's filter builder needs of a database: ``.con``."""

    __slots__ = ("con",)

    def __init__(self, con: Any) -> None:
        self.con = con


# -- cursors ---------------------------------------------------------------------------


def encode_cursor(values: Sequence[Any]) -> str:
    data = json.dumps([v.isoformat() if isinstance(v, date) else v for v in values])
    return base64.urlsafe_b64encode(data.encode()).decode().rstrip("=")


def decode_cursor(value: str, kinds: Sequence[str]) -> list[Any]:
    """Check a cursor: ``kinds`` gives each item's kind (``date``, ``str``, ``str?``)."""
    try:
        if len(value) > 2000:
            raise ValueError
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        items = json.loads(raw.decode())
        if not isinstance(items, list) or len(items) != len(kinds):
            raise ValueError
        out: list[Any] = []
        for item, kind in zip(items, kinds, strict=True):
            if item is None and kind.endswith("?"):
                out.append(None)
            elif kind.startswith("date"):
                out.append(date.fromisoformat(item))
            elif isinstance(item, str):
                out.append(item)
            else:
                raise ValueError
        return out
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError, json.JSONDecodeError):
        raise InvalidCursor(value) from None


def _event_sort_key(day: date | None, article_id: str, event_id: str) -> tuple[Any, ...]:
    """Python twin of :data:`_ORDER`: newest day first, undated last."""
    return (day is None, -(day.toordinal()) if day else 0, article_id, event_id)


def _after_event(cursor: Sequence[Any] | None) -> tuple[str, list[Any]]:
    """Rows after ``cursor`` in :data:`_ORDER`."""
    if cursor is None:
        return "", []
    day, article_id, event_id = cursor
    tie = "(e.article_id > ? OR (e.article_id = ? AND e.event_id > ?))"
    if day is None:
        return f"(e.event_day IS NULL AND {tie})", [article_id, article_id, event_id]
    return (
        f"(e.event_day < ? OR e.event_day IS NULL OR (e.event_day = ? AND {tie}))",
        [day, day, article_id, article_id, event_id],
    )


def _actor_rows(event: Mapping[str, Any], key: int) -> list[dict[str, Any]]:
    try:
        return schema.actor_rows(event, key)  # type: ignore[call-arg]
    except TypeError:  # a store without event keys
        return schema.actor_rows(event)


# -- the overlay of reviewed events ------------------------------------------------------


class _Scratch:
    """An in-memory DuckDB with the store's ``events``, ``actors`` and ``evidence`` tables."""

    def __init__(self, events: Iterable[Mapping[str, Any]]) -> None:
        self.con = duckdb.connect(":memory:")
        self.lock = threading.Lock()
        for name, columns in (
            ("events", schema.EVENT_COLUMNS),
            ("actors", schema.ACTOR_COLUMNS),
            ("evidence", schema.EVIDENCE_COLUMNS),
        ):
            body = ", ".join(f'"{c.name}" {c.sql}' for c in columns)
            self.con.execute(f"CREATE TABLE {name} ({body})")
        rows = []
        for key, event in enumerate(events, 1):
            try:
                row = schema.event_row(event)
            except Exception:  # noqa: BLE001 - an unstorable correction must not stop the server
                continue
            row["event_key"] = key  # the store joins events and actors on this integer
            rows.append((row, event))
        self.size = len(rows)
        self._insert("events", schema.EVENT_COLUMNS, [r for r, _ in rows])
        self._insert(
            "actors", schema.ACTOR_COLUMNS, [a for r, e in rows for a in _actor_rows(e, r["event_key"])]
        )
        self._insert("evidence", schema.EVIDENCE_COLUMNS, [v for _, e in rows for v in schema.evidence_rows(e)])

    def _insert(self, table: str, columns: Sequence[schema.Column], rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        arrow = schema.to_arrow(columns, rows)
        self.con.register("_rows", arrow)
        try:
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _rows")
        finally:
            self.con.unregister("_rows")

    def rows(self, build: Callable[[Any], tuple[str, list[Any]] | None]) -> list[dict[str, Any]]:
        if not self.size:
            return []
        with self.lock:
            try:
                built = build(self.con)
            except InvalidFilter:
                return []  # e.g. a mode that none of these events has
            if built is None:
                return []
            sql, params = built
            return self.con.sql(sql, params=params).to_arrow_table().to_pylist()

    def close(self) -> None:
        self.con.close()


class _Overlay:
    """The reviewed events twice: as stored (``coded``) and as reviewed (``live``).

    An answer over every event as reviewed is the answer over the stored events, minus
    the answer over ``coded``, plus the answer over ``live`` (rejected events are not
    in ``live``). So the queries on the big table stay exactly the store's, with no
    anti-join against the reviews.
    """

    def __init__(
        self, version: tuple[int, str | None], coded: dict[str, dict[str, Any]], reviewed: dict[str, dict[str, Any]]
    ) -> None:
        self.version = version
        #: every reviewed event (rejected ones included), as reviewed
        self.events = reviewed
        self.reviewed = frozenset(coded)
        self.coded = _Scratch(coded.values())
        self.live = _Scratch(e for e in reviewed.values() if (e.get("review") or {}).get("status") != "rejected")

    def close(self) -> None:
        self.coded.close()
        self.live.close()


# -- sessions --------------------------------------------------------------------------


@dataclass(slots=True)
class EventPage:
    events: list[dict[str, Any]]
    next_cursor: str | None
    total: int | None
    limit: int


def _merge(
    signed: Iterable[tuple[int, dict[str, Any]]], keys: Sequence[str], sums: Sequence[str]
) -> dict[tuple[Any, ...], dict[str, Any]]:
    """Add up signed group rows; groups whose count falls to zero disappear."""
    out: dict[tuple[Any, ...], dict[str, Any]] = {}
    for sign, row in signed:
        key = tuple(row[k] for k in keys)
        item = out.get(key)
        if item is None:
            item = out[key] = {**{k: row[k] for k in keys}, **{s: 0 for s in sums}, "_first": row}
        for name in sums:
            item[name] += sign * (row.get(name) or 0)
    return {k: v for k, v in out.items() if v[sums[0]] > 0}


class Session:
    """One request's view of the database (its own DuckDB cursor) and the overlay."""

    def __init__(self, service: EventService) -> None:
        root = service.db
        self.service = service
        self.db = root.cursor() if hasattr(root, "cursor") else Database(root.con.cursor(), root.path, root.read_only)
        self._overlay: _Overlay | None = None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def overlay(self) -> _Overlay:
        if self._overlay is None:
            self._overlay = self.service.overlay(self.db)
        return self._overlay

    # -- helpers -----------------------------------------------------------------------
    def _signed(self, build: Callable[[Any], tuple[str, list[Any]] | None]) -> list[tuple[int, dict[str, Any]]]:
        """Rows of a query over the events as reviewed: stored (+1), coded (-1), live (+1)."""
        built = build(self.db.con)
        out: list[tuple[int, dict[str, Any]]] = []
        if built is not None:
            sql, params = built
            out += [(1, r) for r in self.db.arrow(sql, params).to_pylist()]
        overlay = self.overlay
        if overlay.reviewed:
            out += [(-1, r) for r in overlay.coded.rows(build)]
            out += [(1, r) for r in overlay.live.rows(build)]
        return out

    def _filter(self, con: Any, flt: EventFilter) -> tuple[str, list[Any]]:
        where, params = _where_sql(con, flt)
        return (f"({where})" if where else ""), params

    def check_filter(self, flt: EventFilter) -> None:
        """Raise :class:`InvalidFilter` for a bad value, before any other work."""
        _where_sql(self.db.con, flt)

    # -- events ------------------------------------------------------------------------
    def list_events(
        self, flt: EventFilter, *, limit: int = DEFAULT_LIMIT, cursor: str | None = None, total: bool = True
    ) -> EventPage:
        """A page of events, newest first (undated last), with reviews applied.

        The page is chosen on the sort keys alone, then its rows are read by event id:
        a top-N over every column of a million rows costs three times as much.
        """
        # The filter's SQL on the stored events, built once: building it checks the values
        # (InvalidFilter) and, for modes, reads the modes in the database.
        where, params = self._filter(self.db.con, flt)
        after = decode_cursor(cursor, ("date?", "str", "str")) if cursor else None

        def build(select: str, n: int | None) -> Callable[[Any], tuple[str, list[Any]]]:
            def sql(con: Any) -> tuple[str, list[Any]]:
                where, params = self._filter(con, flt)
                keyset, key_params = _after_event(after)
                clauses = [c for c in (where, keyset) if c]
                text = f"SELECT {select} FROM events e"
                if clauses:
                    text += " WHERE " + " AND ".join(clauses)
                if n is None:
                    return text, params + key_params
                return text + f" ORDER BY {_ORDER} LIMIT ?", params + key_params + [n]

            return sql

        overlay = self.overlay
        # Stored rows of reviewed events are skipped, so ask for that many more.
        hidden = 0
        if overlay.reviewed:
            hidden = sum(int(r["n"]) for r in overlay.coded.rows(build("count(*) AS n", None)))
        n = limit + 1 + hidden
        keyset, key_params = _after_event(after)
        stored_total: int | None = None
        if total and where:
            # One pass of an expensive filter (text, actor names) for both the page
            # and the count: the matching keys are materialised once.
            sql = (
                f"WITH m AS MATERIALIZED (SELECT e.event_day, e.article_id, e.event_id FROM events e WHERE {where}) "
                "SELECT * FROM (SELECT e.event_day, e.article_id, e.event_id, NULL::BIGINT AS n FROM m e"
                + (f" WHERE {keyset}" if keyset else "")
                + f" ORDER BY {_ORDER} LIMIT ?) UNION ALL SELECT NULL, NULL, NULL, count(*) FROM m"
            )
            rows = self.db.arrow(sql, params + key_params + [n]).to_pylist()
            stored_total = next(int(r["n"]) for r in rows if r["n"] is not None)
            rows = [r for r in rows if r["n"] is None]
        else:
            clauses = [c for c in (where, keyset) if c]
            keys_sql = "SELECT e.event_day, e.article_id, e.event_id FROM events e"
            if clauses:
                keys_sql += " WHERE " + " AND ".join(clauses)
            keys_sql += f" ORDER BY {_ORDER} LIMIT ?"
            rows = self.db.arrow(keys_sql, params + key_params + [n]).to_pylist()
            if total:
                stored_total = int(self.db.arrow("SELECT count(*) AS n FROM events e").to_pylist()[0]["n"])
        candidates = [
            (r["event_day"], r["article_id"], r["event_id"], None) for r in rows if r["event_id"] not in overlay.reviewed
        ]
        if overlay.reviewed:
            candidates += [
                (r["event_day"], r["article_id"], r["event_id"], r)
                for r in overlay.live.rows(build("e.*", limit + 1))
            ]
        candidates.sort(key=lambda c: _event_sort_key(c[0], c[1], c[2]))
        more = len(candidates) > limit
        page = candidates[:limit]
        wanted = [c[2] for c in page if c[3] is None]
        stored: dict[str, dict[str, Any]] = {}
        if wanted:
            found = self.db.arrow("SELECT e.* FROM events e WHERE list_contains(?, e.event_id)", [wanted]).to_pylist()
            stored = {r["event_id"]: r for r in found}
        events = [
            schema.event_from_row(c[3] if c[3] is not None else stored[c[2]])
            for c in page
            if c[3] is not None or c[2] in stored
        ]
        next_cursor = None
        if more and page:
            last = page[-1]
            next_cursor = encode_cursor([last[0], last[1], last[2]])
        count = None
        if stored_total is not None:
            count = stored_total + self._overlay_count(flt)
        return EventPage(events, next_cursor, count, limit)

    def _overlay_count(self, flt: EventFilter) -> int:
        """Matching events as reviewed minus matching events as stored, among the reviewed."""
        overlay = self.overlay
        if not overlay.reviewed:
            return 0

        def build(con: Any) -> tuple[str, list[Any]]:
            where, params = self._filter(con, flt)
            return "SELECT count(*) AS n FROM events e" + (f" WHERE {where}" if where else ""), params

        live = sum(int(r["n"]) for r in overlay.live.rows(build))
        coded = sum(int(r["n"]) for r in overlay.coded.rows(build))
        return live - coded

    def count_events(self, flt: EventFilter) -> int:
        def build(con: Any) -> tuple[str, list[Any]]:
            where, params = self._filter(con, flt)
            return "SELECT count(*) AS n FROM events e" + (f" WHERE {where}" if where else ""), params

        return sum(sign * int(r["n"]) for sign, r in self._signed(build))

    def get_event(self, event_id: str) -> tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]]] | None:
        """(effective event, coded event, reviews oldest first), rejected ones included."""
        coded = next(self.db.iter_events("e.event_id = ?", [event_id]), None)
        if coded is None:
            return None
        reviews = reviews_for(self.db, [event_id]).get(event_id, [])
        return reviewed_event(coded, reviews), coded, reviews

    def article_events(self, article_id: str) -> list[dict[str, Any]]:
        """Every event of an article, reviews applied, rejected ones kept (with status)."""
        coded = list(self.db.iter_events("e.article_id = ?", [article_id]))
        found = reviews_for(self.db, (e["event_id"] for e in coded))
        return [reviewed_event(e, found.get(e["event_id"], [])) for e in coded]

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        return self.db.get_article(article_id)

    def articles_brief(self, article_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        ids = sorted(set(article_ids))
        if not ids:
            return {}
        rows = self.db.rows(
            "SELECT article_id, headline, published, source, wire FROM articles "
            "WHERE list_contains(?, article_id)",
            [ids],
        )
        return {r["article_id"]: r for r in rows}

    def events_by_id(self, event_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        ids = sorted(set(event_ids))
        if not ids:
            return {}
        coded = list(self.db.iter_events("list_contains(?, e.event_id)", [ids]))
        found = reviews_for(self.db, ids)
        return {e["event_id"]: reviewed_event(e, found.get(e["event_id"], [])) for e in coded}

    # -- clusters ----------------------------------------------------------------------
    def has_clusters(self) -> bool:
        rows = self.db.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'clusters' "
            "AND table_schema = 'main'"
        ).fetchall()
        return bool(rows[0][0])

    def list_clusters(
        self,
        flt: EventFilter,
        *,
        min_articles: int = 1,
        limit: int = DEFAULT_LIMIT,
        cursor: str | None = None,
    ) -> tuple[list[dict[str, Any]], str | None, int]:
        """A page of clusters (newest first report first) with a member matching ``flt``.

        Returns:
            (cluster records, next cursor or None, total matching).
        """
        self.check_filter(flt)
        after = decode_cursor(cursor, ("str?", "str")) if cursor else None
        if not self.has_clusters():
            return [], None, 0
        where, where_params = _where_sql(self.db.con, flt)
        clauses = ["c.num_articles >= ?"]
        all_params: list[Any] = [min_articles]
        if where:
            clauses.append(
                "EXISTS (SELECT 1 FROM cluster_members m JOIN events e ON e.event_id = m.event_id "
                f"WHERE m.cluster_id = c.cluster_id AND ({where}))"
            )
            all_params += where_params
        base = " AND ".join(clauses)
        total = int(self.db.rows(f"SELECT count(*) AS n FROM clusters c WHERE {base}", all_params)[0]["n"])
        keyset, key_params = "", []
        if after is not None:
            first, cluster_id = after
            if first is None:
                keyset = " AND c.first_reported IS NULL AND c.cluster_id > ?"
                key_params = [cluster_id]
            else:
                keyset = (
                    " AND (c.first_reported < ? OR c.first_reported IS NULL "
                    "OR (c.first_reported = ? AND c.cluster_id > ?))"
                )
                key_params = [first, first, cluster_id]
        rows = self.db.rows(
            f"SELECT c.cluster_id, c.first_reported, c.cluster FROM clusters c WHERE {base}{keyset} "
            f"ORDER BY {_CLUSTER_ORDER} LIMIT ?",
            all_params + key_params + [limit + 1],
        )
        more = len(rows) > limit
        rows = rows[:limit]
        clusters = []
        for row in rows:
            record = json.loads(row["cluster"])
            record.setdefault("cluster_id", row["cluster_id"])
            clusters.append(record)
        next_cursor = None
        if more and rows:
            next_cursor = encode_cursor([rows[-1]["first_reported"], rows[-1]["cluster_id"]])
        return clusters, next_cursor, total

    def get_cluster(self, cluster_id: str) -> dict[str, Any] | None:
        if not self.has_clusters():
            return None
        rows = self.db.rows("SELECT cluster FROM clusters WHERE cluster_id = ?", [cluster_id])
        if not rows:
            return None
        record = json.loads(rows[0]["cluster"])
        record.setdefault("cluster_id", cluster_id)
        return record

    def cluster_of(self, event_id: str) -> str | None:
        if not self.has_clusters():
            return None
        try:
            rows = self.db.rows("SELECT cluster_id FROM cluster_members WHERE event_id = ?", [event_id])
        except duckdb.Error:
            return None
        return rows[0]["cluster_id"] if rows else None

    # -- aggregates --------------------------------------------------------------------
    def actors(
        self, flt: EventFilter, *, q: str | None = None, role: str | None = None, limit: int = DEFAULT_LIMIT, offset: int = 0
    ) -> tuple[list[dict[str, Any]], int]:
        """Actors (by code, or by text when uncoded) with their event counts."""
        self.check_filter(flt)

        def build(con: Any) -> tuple[str, list[Any]]:
            where, params = self._filter(con, flt)
            clauses = [where] if where else []
            clauses.append("a.role IN ('source', 'target')")
            if role:
                clauses.append("a.role = ?")
                params.append(role)
            if q:
                clauses.append(
                    "(lower(a.code) = lower(?) OR lower(a.text) LIKE ? ESCAPE '\\' "
                    "OR lower(a.name) LIKE ? ESCAPE '\\')"
                )
                like = "%" + q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                params += [q, like, like]
            sql = (
                "SELECT coalesce(a.code, lower(a.text)) AS key, a.code AS code, "
                "mode(coalesce(a.name, a.text)) AS name, "
                "count(DISTINCT a.event_id) AS events, "
                "count(DISTINCT a.event_id) FILTER (WHERE a.role = 'source') AS as_source, "
                "count(DISTINCT a.event_id) FILTER (WHERE a.role = 'target') AS as_target "
                "FROM actors a JOIN events e ON e.event_key = a.event_key "
                f"WHERE {' AND '.join(clauses)} GROUP BY 1, 2"
            )
            return sql, params

        merged = _merge(self._signed(build), ("key", "code"), ("events", "as_source", "as_target"))
        items = [
            {"code": v["code"], "name": v["_first"]["name"], "events": v["events"], "as_source": v["as_source"], "as_target": v["as_target"], "_key": str(v["key"])}
            for v in merged.values()
        ]
        items.sort(key=lambda r: (-r["events"], r["_key"]))
        for item in items:
            del item["_key"]
        return items[offset : offset + limit], len(items)

    def stats(self, flt: EventFilter) -> dict[str, Any]:
        """Counts by day, month, type and quad class (reviews applied)."""
        self.check_filter(flt)

        def grouped(expr: str) -> dict[Any, dict[str, int]]:
            def build(con: Any) -> tuple[str, list[Any]]:
                where, params = self._filter(con, flt)
                sql = (
                    f"SELECT {expr} AS key, count(*) AS events, "
                    "count(*) FILTER (WHERE e.quad_class = 1) AS quad1, "
                    "count(*) FILTER (WHERE e.quad_class = 2) AS quad2, "
                    "count(*) FILTER (WHERE e.quad_class = 3) AS quad3, "
                    "count(*) FILTER (WHERE e.quad_class = 4) AS quad4, "
                    "sum(e.goldstein) AS goldstein_sum, count(e.goldstein) AS goldstein_n "
                    "FROM events e" + (f" WHERE {where}" if where else "") + " GROUP BY 1"
                )
                return sql, params

            sums = ("events", "quad1", "quad2", "quad3", "quad4", "goldstein_sum", "goldstein_n")
            merged = _merge(self._signed(build), ("key",), sums)
            return {k[0]: {name: v[name] for name in sums} for k, v in merged.items()}

        def listing(groups: dict[Any, dict[str, Any]], name: str) -> list[dict[str, Any]]:
            items = []
            for key in sorted(groups, key=lambda k: (k is None, str(k))):
                row = groups[key]
                n = row.pop("goldstein_n")
                total = row.pop("goldstein_sum")
                value = key.isoformat() if isinstance(key, date) else key
                items.append({name: value, **row, "goldstein_mean": round(total / n, 3) if n else None})
            return items

        days = grouped("e.event_day")
        months = grouped("strftime(e.event_day, '%Y-%m')")
        types = grouped("e.type")
        quads = grouped("e.quad_class")
        total = sum(v["events"] for v in types.values())
        return {
            "total": total,
            "undated": days.get(None, {}).get("events", 0),
            "by_day": listing({k: v for k, v in days.items() if k is not None}, "day"),
            "by_month": listing({k: v for k, v in months.items() if k is not None}, "month"),
            "by_type": [
                {"type": r["type"], "events": r["events"], "goldstein_mean": r["goldstein_mean"]}
                for r in sorted(listing(types, "type"), key=lambda r: (-r["events"], str(r["type"])))
            ],
            "by_quad": [
                {"quad_class": r["quad_class"], "events": r["events"]} for r in listing(quads, "quad_class")
            ],
        }

    def network(self, flt: EventFilter, *, limit: int = 200) -> list[dict[str, Any]]:
        """Directed edges source code -> target code: events and mean Goldstein."""
        self.check_filter(flt)

        def build(con: Any) -> tuple[str, list[Any]]:
            where, params = self._filter(con, flt)
            sql = (
                "SELECT s.code AS source, t.code AS target, count(*) AS events, "
                "sum(e.goldstein) AS goldstein_sum, count(e.goldstein) AS goldstein_n "
                "FROM events e "
                "JOIN (SELECT event_key, code FROM actors WHERE role = 'source' AND code IS NOT NULL AND first_code) s "
                "ON s.event_key = e.event_key "
                "JOIN (SELECT event_key, code FROM actors WHERE role = 'target' AND code IS NOT NULL AND first_code) t "
                "ON t.event_key = e.event_key "
                "WHERE s.code <> t.code" + (f" AND {where}" if where else "") + " GROUP BY 1, 2"
            )
            return sql, params

        merged = _merge(self._signed(build), ("source", "target"), ("events", "goldstein_sum", "goldstein_n"))
        edges = []
        for item in merged.values():
            n, total = item["goldstein_n"], item["goldstein_sum"]
            edges.append({
                "source": item["source"], "target": item["target"], "events": item["events"],
                "goldstein_mean": round(total / n, 3) if n else None,
            })  # fmt: skip
        edges.sort(key=lambda e: (-e["events"], e["source"], e["target"]))
        return edges[:limit]

    def map_points(self, flt: EventFilter, *, limit: int = 2000) -> list[dict[str, Any]]:
        """Places with coordinates and their event counts."""
        self.check_filter(flt)

        def build(con: Any) -> tuple[str, list[Any]]:
            where, params = self._filter(con, flt)
            clauses = ["e.location IS NOT NULL"]
            if where:
                clauses.append(where)
            sql = (
                "SELECT lat, lon, mode(name) AS name, mode(country) AS country, count(*) AS events, "
                "sum(goldstein) AS goldstein_sum, count(goldstein) AS goldstein_n FROM ("
                "SELECT round(TRY_CAST(json_extract_string(e.location, '$.lat') AS DOUBLE), 2) AS lat, "
                "round(TRY_CAST(json_extract_string(e.location, '$.lon') AS DOUBLE), 2) AS lon, "
                "coalesce(json_extract_string(e.location, '$.name'), json_extract_string(e.location, '$.text')) AS name, "
                "e.location_country AS country, e.goldstein AS goldstein "
                f"FROM events e WHERE {' AND '.join(clauses)}) "
                "WHERE lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180 GROUP BY 1, 2"
            )
            return sql, params

        merged = _merge(self._signed(build), ("lat", "lon"), ("events", "goldstein_sum", "goldstein_n"))
        points = []
        for item in merged.values():
            n, total = item["goldstein_n"], item["goldstein_sum"]
            points.append({
                "lat": item["lat"], "lon": item["lon"], "name": item["_first"]["name"],
                "country": item["_first"]["country"], "events": item["events"],
                "goldstein_mean": round(total / n, 3) if n else None,
            })  # fmt: skip
        points.sort(key=lambda p: (-p["events"], p["lat"], p["lon"]))
        return points[:limit]

    def modes(self) -> list[str]:
        rows = self.db.con.execute(
            "SELECT DISTINCT mode FROM events WHERE mode IS NOT NULL ORDER BY 1"
        ).fetchall()
        return [r[0] for r in rows]


class EventService:
    """The open database and the overlay of reviewed events, shared by all requests."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._overlay: _Overlay | None = None
        self._lock = threading.Lock()
        if not db.read_only:
            ensure_reviews_table(db)

    def session(self) -> Session:
        return Session(self)

    def overlay(self, db: Database) -> _Overlay:
        """The overlay for the current reviews (rebuilt when they changed)."""
        version = reviews_version(db)
        current = self._overlay
        if current is not None and current.version == version:
            return current
        with self._lock:
            current = self._overlay
            if current is not None and current.version == version:
                return current
            reviews = all_reviews(db)
            coded: dict[str, dict[str, Any]] = {}
            ids = sorted(reviews)
            for start in range(0, len(ids), 1000):
                chunk = ids[start : start + 1000]
                for event in db.iter_events("list_contains(?, e.event_id)", [chunk]):
                    coded[event["event_id"]] = event
            events = {eid: reviewed_event(event, reviews[eid]) for eid, event in coded.items()}
            self._overlay = _Overlay(version, coded, events)
            # The old overlay may still be read by a request; it is closed by the GC.
            return self._overlay

    def invalidate(self) -> None:
        with self._lock:
            self._overlay = None

    def close(self) -> None:
        if self._overlay is not None:
            self._overlay.close()
            self._overlay = None


def effective_filter(values: Mapping[str, Any]) -> EventFilter:
    """An :class:`EventFilter` from a dict of lists (query-string style)."""
    return EventFilter.from_mapping({k: v for k, v in values.items() if v not in (None, "", [], ())})
