"""The DuckDB event database: open (with migrations), read, and write whole articles."""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from ..errors import SchemaMismatch, StorageError
from . import schema

if TYPE_CHECKING:
    import pandas
    import pyarrow

__all__ = ["Database", "StoreOutcome", "open_database", "utcnow"]

MEMORY = ":memory:"
#: rows per page of iter_events / iter_articles
PAGE_ROWS = 5000
#: ``column IN_LIST`` with a Python list bound to the ``?``: a hash semi-join, one scan
#: of the column whatever the length of the list (``list_contains`` compares each row
#: with every element of the list, which gets slow for the lists of a large batch).
IN_LIST = "IN (SELECT unnest(?))"


def utcnow() -> datetime:
    """Now, as the naive UTC datetime stored in TIMESTAMP columns."""
    return datetime.now(UTC).replace(tzinfo=None)


class StoreOutcome(str):
    """What storing one article did: ``added``, ``replaced`` or ``unchanged``."""

    __slots__ = ()


ADDED, REPLACED, UNCHANGED = (
    StoreOutcome("added"),
    StoreOutcome("replaced"),
    StoreOutcome("unchanged"),
)


class Database:
    """An open eventwire database. Create it with :func:`open_database`.

    Attributes:
        con: the DuckDB connection, for SQL of your own. It is not thread-safe: give
            each thread its own :meth:`cursor`.
        path: the database file (``None`` for an in-memory database).
        read_only: whether the database was opened read-only.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path | None, read_only: bool) -> None:
        self.con = con
        self.path = path
        self.read_only = read_only
        self._depth = 0

    # -- lifecycle -----------------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"<eventwire Database {str(self.path or MEMORY)!r} {mode}>"

    def cursor(self) -> Database:
        """The same database over a new cursor of ``con``: give each thread its own.

        Close it when done; closing it leaves this one open.
        """
        view = Database(self.con.cursor(), self.path, self.read_only)
        return view

    @property
    def name(self) -> str:
        return str(self.path) if self.path else MEMORY

    @property
    def schema_version(self) -> int:
        return _read_version(self.con) or 0

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """``with db.transaction() as con:`` commits on success, rolls back on any error.

        Nested uses join the outer transaction (DuckDB has no savepoints).
        """
        if self._depth:
            self._depth += 1
            try:
                yield self.con
            finally:
                self._depth -= 1
            return
        self.con.execute("BEGIN TRANSACTION")
        self._depth = 1
        try:
            yield self.con
        except BaseException:
            self._depth = 0
            with suppress(duckdb.Error):  # the failed statement may have ended the transaction
                self.con.execute("ROLLBACK")
            raise
        try:
            self.con.execute("COMMIT")
        except duckdb.Error:
            with suppress(duckdb.Error):
                self.con.execute("ROLLBACK")
            raise
        finally:
            self._depth = 0

    # -- reading -------------------------------------------------------------------------
    def arrow(self, sql: str, params: Sequence[Any] = ()) -> pyarrow.Table:
        """Run a query on ``con`` and return its whole result as an Arrow table."""
        self.con.complete()  # DuckDB refuses new work while an execute() result is unread
        return self.con.sql(sql, params=list(params)).to_arrow_table()

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a query on ``con``; its rows as dicts."""
        rel = self.con.execute(sql, list(params))
        names = [d[0] for d in rel.description]
        return [dict(zip(names, values, strict=True)) for values in rel.fetchall()]

    def _pages(
        self,
        table: str,
        alias: str,
        keys: Sequence[str],
        where_sql: str,
        params: Sequence[Any],
        columns: Sequence[schema.Column],
    ) -> Iterator[dict[str, Any]]:
        """Contract records of rows in key order, one page query at a time (keyset
        pagination).

        Every page is a complete query on ``con``: other queries may run between two
        rows, views registered on ``con`` are visible, and so are the uncommitted
        writes of an open transaction.
        """
        last: tuple[Any, ...] | None = None
        order = ", ".join(f"{alias}.{k}" for k in keys)
        while True:
            clauses = [f"({where_sql})"] if where_sql.strip() else []
            page_params = list(params)
            if last is not None:
                # (k1, k2) > (v1, v2) spelled out: k1 > v1 OR (k1 = v1 AND k2 > v2)
                ors = []
                for i, key in enumerate(keys):
                    eqs = [f"{alias}.{k} = ?" for k in keys[:i]]
                    ors.append("(" + " AND ".join([*eqs, f"{alias}.{key} > ?"]) + ")")
                    page_params += [*last[:i], last[i]]
                clauses.append("(" + " OR ".join(ors) + ")")
            where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
            sql = (
                f"SELECT {alias}.* FROM {table} {alias} {where} ORDER BY {order} LIMIT {PAGE_ROWS}"
            )
            page = self.arrow(sql, page_params)
            if page.num_rows:
                last = tuple(page.column(k)[page.num_rows - 1].as_py() for k in keys)
            yield from _records(page, columns)
            if page.num_rows < PAGE_ROWS:
                return

    def iter_events(
        self, where_sql: str = "", params: Sequence[Any] = ()
    ) -> Iterator[dict[str, Any]]:
        """Contract dicts of the stored events, ordered by article_id, event_id.

        Args:
            where_sql: an SQL condition on the ``events`` table (alias ``e``), with ``?``
                placeholders; for example ``"e.article_id = ?"``.
            params: the values bound to the placeholders.
        """
        yield from self._pages(
            "events", "e", ("article_id", "event_id"), where_sql, params, schema.EVENT_COLUMNS
        )

    def iter_articles(
        self, where_sql: str = "", params: Sequence[Any] = ()
    ) -> Iterator[dict[str, Any]]:
        """Contract article records (``article_to_json`` form), ordered by id.

        ``where_sql`` is a condition on the ``articles`` table (alias ``a``).
        """
        yield from self._pages(
            "articles", "a", ("article_id",), where_sql, params, schema.ARTICLE_COLUMNS
        )

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        """The stored article record with this id, or None."""
        return next(self.iter_articles("a.article_id = ?", [article_id]), None)

    def events_table(self) -> pyarrow.Table:
        """Every event as an Arrow table (nested contract fields as JSON text)."""
        return self.arrow("SELECT * FROM events ORDER BY article_id, event_id")

    def events_df(self) -> pandas.DataFrame:
        """Every event as a pandas DataFrame (nested contract fields as JSON text)."""
        return self.events_table().to_pandas()

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        return {
            name: _scalar(self.con, f"SELECT count(*) FROM {name}")
            for name in ("articles", "events", "actors", "evidence", "rejects", "changes", "runs")
        }

    # -- writing -------------------------------------------------------------------------
    def _insert(
        self, table: str, columns: Sequence[schema.Column], rows: Sequence[Mapping[str, Any]]
    ) -> None:
        if not rows:
            return
        arrow = schema.to_arrow(columns, rows)
        view = f"_ew_rows_{table}"
        self.con.register(view, arrow)
        try:
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {view}")
        finally:
            self.con.unregister(view)

    def is_current(
        self, article_id: str, content_hash: str, coder: str, settings_hash: str
    ) -> bool:
        """Whether this article is stored with this text, coder and settings."""
        row = _first(
            self.con,
            "SELECT content_hash, coder, settings_hash FROM articles WHERE article_id = ?",
            [article_id],
        )
        return row is not None and tuple(row) == (content_hash, coder, settings_hash)

    def versions(self, article_ids: Sequence[str]) -> dict[str, tuple[str, str, str]]:
        """``article_id -> (content_hash, coder, settings_hash)`` of the stored ones.

        One query for the whole list: what :meth:`is_current` tells for one article,
        for a batch of them.
        """
        if not article_ids:
            return {}
        rows = self.con.execute(
            "SELECT article_id, content_hash, coder, settings_hash FROM articles "
            f"WHERE article_id {IN_LIST}",
            [list(article_ids)],
        ).fetchall()
        return {r[0]: (r[1], r[2], r[3]) for r in rows}

    def store_article(
        self,
        article: Mapping[str, Any],
        events: Sequence[Mapping[str, Any]],
        *,
        coder: str | None = None,
        settings_hash: str | None = None,
        run_id: str | None = None,
        force: bool = False,
        now: datetime | None = None,
    ) -> StoreOutcome:
        """Store one article with all its events, replacing an older version.

        Runs in its own transaction, or joins the caller's ``db.transaction()``.
        An article stored with the same ``content_hash``, ``coder`` and
        ``settings_hash`` is left alone (``unchanged``) unless ``force``. Otherwise the
        old version moves to ``articles_history`` / ``events_history`` and ``changes``
        records what was added, replaced and deleted.

        Args:
            article: the contract article record (:func:`eventwire.contract.article_to_json`).
            events: its contract event dicts (:func:`eventwire.contract.event_to_json`).
            coder: the coder name and version; defaults to the events' ``coder``.
            settings_hash: ``CoderConfig.settings_hash()`` of the run.

        Raises:
            StorageError: a value cannot be stored (named in the message); nothing is
                written then.
        """
        return self.store_many(
            [(article, events)],
            coder=coder,
            settings_hash=settings_hash,
            run_id=run_id,
            force=force,
            now=now,
        )[0]

    def store_many(
        self,
        pairs: Iterable[tuple[Mapping[str, Any], Sequence[Mapping[str, Any]]]],
        *,
        coder: str | None = None,
        settings_hash: str | None = None,
        run_id: str | None = None,
        force: bool = False,
        now: datetime | None = None,
    ) -> list[StoreOutcome]:
        """Store many ``(article, events)`` pairs in one transaction, in bulk.

        Each pair is what :meth:`store_article` takes, with the same outcome, but the
        whole list costs a handful of statements and one commit. An article id that
        comes twice replaces its first version. All or nothing: when one pair cannot be
        stored (``StorageError``), nothing is written. ``eventwire ingest`` writes its
        batches this way (through :meth:`prepare` and :meth:`write_prepared`, so that a
        bad article becomes a reject instead of failing its batch).

        Returns:
            One :class:`StoreOutcome` per pair, in order.
        """
        prepared = [
            self.prepare(article, events, coder=coder, settings_hash=settings_hash, run_id=run_id)
            for article, events in pairs
        ]
        return self.write_prepared(prepared, force=force, now=now)

    def prepare(
        self,
        article: Mapping[str, Any],
        events: Sequence[Mapping[str, Any]],
        *,
        coder: str | None = None,
        settings_hash: str | None = None,
        run_id: str | None = None,
    ) -> _Prepared:
        """Convert and check an article and its events before any write."""
        article_id = article.get("id")
        if coder is None:
            coder = next((e.get("coder") for e in events if isinstance(e.get("coder"), str)), None)
        rows = []
        seen: set[str] = set()
        for event in events:
            if event.get("article_id") != article_id:
                raise StorageError(
                    f"Event {event.get('event_id')!r} has article_id {event.get('article_id')!r}, "
                    f"but it is stored with article {article_id!r}. Store each article with "
                    "its own events."
                )
            row = schema.event_row(event)
            if row["event_id"] in seen:  # same article, type, cameo, trigger and actors
                continue
            seen.add(row["event_id"])
            rows.append((row, schema.event_from_row(row), event))
        article_row = schema.article_row(
            article,
            coder=coder,
            settings_hash=settings_hash,
            n_events=len(rows),
            run_id=run_id,
        )
        return _Prepared(article_row, rows)

    def write_prepared(
        self,
        items: Sequence[_Prepared],
        *,
        force: bool = False,
        now: datetime | None = None,
        check_ids: bool = True,
    ) -> list[StoreOutcome]:
        """Write prepared articles (see :meth:`prepare`) in one transaction.

        A handful of bulk statements per call, whatever the number of articles; an
        article id that comes twice replaces its first version.

        ``check_ids=False`` leaves the check that no other stored article uses one of
        the new event ids (a scan of ``events``) to the primary key: a clash then
        raises ``duckdb.ConstraintException`` instead of a ``StorageError`` naming
        the event. The ingest writer does so and, when a batch fails, writes its
        articles again one by one with the check.
        """
        now = now or utcnow()
        outcomes: list[StoreOutcome] = []
        start = 0
        seen: set[str] = set()
        with self.transaction():
            for i, item in enumerate(items):
                if item.article_id in seen:  # a repeated id: write what came before first
                    outcomes += self._write_unique(
                        items[start:i], force=force, now=now, check_ids=check_ids
                    )
                    start, seen = i, set()
                seen.add(item.article_id)
            outcomes += self._write_unique(items[start:], force=force, now=now, check_ids=check_ids)
        return outcomes

    def _write_unique(
        self, items: Sequence[_Prepared], *, force: bool, now: datetime, check_ids: bool
    ) -> list[StoreOutcome]:
        if not items:
            return []
        with self.transaction() as con:
            old = self.versions([item.article_id for item in items])
            outcomes: list[StoreOutcome] = []
            writes: list[_Prepared] = []
            for item in items:
                row = item.article_row
                key = (row["content_hash"], row["coder"], row["settings_hash"])
                if item.article_id not in old:
                    outcomes.append(ADDED)
                elif old[item.article_id] == key and not force:
                    outcomes.append(UNCHANGED)
                    continue
                else:
                    outcomes.append(REPLACED)
                writes.append(item)
            self._check_event_ids(writes, in_database=check_ids)
            replaced = [item.article_id for item in writes if item.article_id in old]
            old_events: dict[str, dict[str, dict[str, Any]]] = {}
            if replaced:
                for event in self.iter_events(f"e.article_id {IN_LIST}", [replaced]):
                    old_events.setdefault(event["article_id"], {})[event["event_id"]] = event
                self._move_to_history(replaced, now, writes[0].article_row["run_id"])
            changes: list[dict[str, Any]] = []
            for item in writes:
                article_id, run_id = item.article_id, item.article_row["run_id"]
                new_events = {row["event_id"]: contract for row, contract, _ in item.events}
                if article_id not in old:
                    changes.append(_change(now, run_id, article_id, None, "added"))
                    changes += [
                        _change(now, run_id, article_id, eid, "added") for eid in new_events
                    ]
                    continue
                before = old_events.get(article_id, {})
                changes.append(_change(now, run_id, article_id, None, "replaced"))
                for eid, contract in new_events.items():
                    if eid not in before:
                        changes.append(_change(now, run_id, article_id, eid, "added"))
                    elif before[eid] != contract:
                        changes.append(_change(now, run_id, article_id, eid, "replaced"))
                changes += [
                    _change(now, run_id, article_id, eid, "deleted")
                    for eid in before
                    if eid not in new_events
                ]
            event_rows = [row for item in writes for row, _, _ in item.events]
            contracts = [contract for item in writes for _, contract, _ in item.events]
            keys = self._event_keys(len(event_rows))
            self._insert(
                "articles",
                schema.ARTICLE_COLUMNS,
                [{**item.article_row, "stored_at": now} for item in writes],
            )
            self._insert(
                "events",
                schema.EVENT_COLUMNS,
                [{**row, "event_key": key} for row, key in zip(event_rows, keys, strict=True)],
            )
            self._insert(
                "actors",
                schema.ACTOR_COLUMNS,
                [
                    a
                    for c, key in zip(contracts, keys, strict=True)
                    for a in schema.actor_rows(c, key)
                ],
            )
            self._insert(
                "evidence",
                schema.EVIDENCE_COLUMNS,
                [v for c in contracts for v in schema.evidence_rows(c)],
            )
            self._insert("changes", schema.CHANGE_COLUMNS, changes)
            if writes:
                con.execute(
                    f"DELETE FROM rejects WHERE article_id {IN_LIST}",
                    [[item.article_id for item in writes]],
                )
        return outcomes

    def _event_keys(self, n: int) -> list[int]:
        if not n:
            return []
        rows = self.con.execute("SELECT nextval('event_key_seq') FROM range(?)", [n]).fetchall()
        return [r[0] for r in rows]

    def _check_event_ids(self, writes: Sequence[_Prepared], *, in_database: bool = True) -> None:
        """Event ids are unique across articles (contract.event_id hashes the article id).

        Within ``writes`` always; against the stored events when ``in_database``.
        """
        owner: dict[str, str] = {}
        for item in writes:
            for row, _, _ in item.events:
                other = owner.setdefault(row["event_id"], item.article_id)
                if other != item.article_id:
                    raise _id_clash(row["event_id"], item.article_id, other)
        if not owner or not in_database:
            return
        clash = self.rows(
            f"SELECT event_id, article_id FROM events WHERE event_id {IN_LIST} "
            f"AND article_id NOT {IN_LIST} ORDER BY event_id LIMIT 1",
            [list(owner), [item.article_id for item in writes]],
        )
        if clash:
            event_id = clash[0]["event_id"]
            raise _id_clash(event_id, owner[event_id], clash[0]["article_id"])

    def _move_to_history(self, article_ids: list[str], now: datetime, run_id: str | None) -> None:
        con = self.con
        con.execute(
            "INSERT INTO articles_history BY NAME SELECT *, ? AS replaced_at, "
            f"? AS replaced_by_run FROM articles WHERE article_id {IN_LIST}",
            [now, run_id, article_ids],
        )
        con.execute(
            "INSERT INTO events_history BY NAME SELECT *, ? AS replaced_at, "
            f"? AS replaced_by_run FROM events WHERE article_id {IN_LIST}",
            [now, run_id, article_ids],
        )
        for table in ("actors", "evidence", "events", "articles"):
            con.execute(f"DELETE FROM {table} WHERE article_id {IN_LIST}", [article_ids])

    def delete_article(self, article_id: str, *, run_id: str | None = None) -> bool:
        """Remove an article and its events (kept in the history tables). False if absent."""
        now = utcnow()
        with self.transaction() as con:
            if not _scalar(con, "SELECT count(*) FROM articles WHERE article_id = ?", [article_id]):
                return False
            event_ids = [
                r[0]
                for r in con.execute(
                    "SELECT event_id FROM events WHERE article_id = ? ORDER BY event_id",
                    [article_id],
                ).fetchall()
            ]
            self._move_to_history([article_id], now, run_id)
            changes = [_change(now, run_id, article_id, None, "deleted")]
            changes += [_change(now, run_id, article_id, eid, "deleted") for eid in event_ids]
            self._insert("changes", schema.CHANGE_COLUMNS, changes)
        return True

    def store_reject(
        self, reject: Mapping[str, Any], *, run_id: str | None = None, now: datetime | None = None
    ) -> None:
        """Record a rejected input (``Reject.to_json()``), replacing an older reject of it."""
        row = {
            "source": reject.get("source"),
            "article_id": reject.get("article_id"),
            "stage": reject.get("stage"),
            "error": reject.get("error"),
            "message": reject.get("message"),
            "run_id": run_id,
            "time": now or utcnow(),
        }
        with self.transaction() as con:
            con.execute("DELETE FROM rejects WHERE source = ?", [row["source"]])
            self._insert("rejects", schema.REJECT_COLUMNS, [row])

    def changes(self, since: datetime | None = None) -> list[dict[str, Any]]:
        """Rows of the ``changes`` table at or after ``since`` (naive = UTC), oldest first."""
        where, params = "", []
        if since is not None:
            where, params = "WHERE time >= ?", [schema.utc_naive(since)]
        rel = self.con.execute(
            "SELECT time, run_id, article_id, event_id, change FROM changes "
            f"{where} ORDER BY time, article_id, event_id NULLS FIRST, change",
            params,
        )
        names = [d[0] for d in rel.description]
        return [dict(zip(names, r, strict=True)) for r in rel.fetchall()]


def _records(page: pyarrow.Table, columns: Sequence[schema.Column]) -> list[dict[str, Any]]:
    """The contract records of a page of rows, what ``schema.event_from_row`` /
    ``article_from_row`` give for each row, decoded a column at a time."""
    n = page.num_rows
    present = set(page.column_names)
    fields: list[tuple[str, list[Any]]] = []
    extra: list[Any] = [None] * n
    for col in columns:
        if col.kind not in ("value", "json", "extra"):
            continue
        values = page.column(col.name).to_pylist() if col.name in present else [None] * n
        if col.kind == "extra":
            extra = _loads_column(values)
        elif col.kind == "json":
            fields.append((col.contract_key, _loads_column(values)))
        else:
            fields.append((col.contract_key, values))
    records = []
    for i in range(n):
        record = {key: values[i] for key, values in fields}
        if extra[i] is not None:
            record.update(extra[i])
        records.append(record)
    return records


def _loads_column(texts: list[str | None]) -> list[Any]:
    """``json.loads`` of each JSON text (None stays None), in one call for the column."""
    if not any(t is not None for t in texts):
        return texts
    try:
        values = json.loads("[" + ",".join("null" if t is None else t for t in texts) + "]")
    except ValueError:
        values = None
    if not isinstance(values, list) or len(values) != len(texts):  # not one value each
        values = [None if t is None else json.loads(t) for t in texts]
    return values


class _Prepared:
    __slots__ = ("article_row", "events")

    def __init__(
        self,
        article_row: dict[str, Any],
        events: list[tuple[dict[str, Any], dict[str, Any], Mapping[str, Any]]],
    ) -> None:
        self.article_row = article_row
        self.events = events

    @property
    def article_id(self) -> str:
        return self.article_row["article_id"]


def _id_clash(event_id: str, article_id: str, other: str) -> StorageError:
    return StorageError(
        f"Event id {event_id!r} of article {article_id!r} is already used by article "
        f"{other!r}. Event ids must be unique across articles: build them with "
        "eventwire.contract.event_id, which hashes the article id."
    )


def _first(
    con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()
) -> tuple[Any, ...] | None:
    """The first row of a query, reading the result to its end (DuckDB 2 insists)."""
    rows = con.execute(sql, list(params)).fetchall()
    return tuple(rows[0]) if rows else None


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> Any:
    row = _first(con, sql, params)
    return row[0] if row else None


def _change(
    time: datetime, run_id: str | None, article_id: str, event_id: str | None, change: str
) -> dict[str, Any]:
    return {
        "time": time,
        "run_id": run_id,
        "article_id": article_id,
        "event_id": event_id,
        "change": change,
    }


# -- opening ---------------------------------------------------------------------------

_LOCK_PID = re.compile(r"\(PID (\d+)\)")


def _read_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The schema version, or None when there is no ``meta`` table."""
    has_meta = _scalar(
        con,
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_name = 'meta' AND table_schema = 'main'",
    )
    if not has_meta:
        return None
    row = _first(con, "SELECT value FROM meta WHERE key = 'schema_version'")
    return int(row[0]) if row else None


def _user_tables(con: duckdb.DuckDBPyConnection) -> int:
    return int(
        _scalar(con, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main'")
    )


def _migrate(con: duckdb.DuckDBPyConnection, current: int, name: str) -> None:
    """Run migrations current+1 .. SCHEMA_VERSION, all in one transaction."""
    target = len(schema.MIGRATIONS)
    con.execute("BEGIN TRANSACTION")
    try:
        for number in range(current + 1, target + 1):
            schema.MIGRATIONS[number - 1](con)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(target)])
        con.execute("COMMIT")
    except Exception as exc:
        con.execute("ROLLBACK")
        raise StorageError(
            f"Cannot migrate {name} from schema version {current} to {target}: {exc}. "
            "The database was left as it was."
        ) from exc


def _check_writable_dir(path: Path, name: str) -> None:
    parent = path.parent
    if not parent.exists():
        raise StorageError(
            f"Cannot create {name}: the directory {str(parent)!r} does not exist. "
            "Create it first or give another --db path."
        )
    if not parent.is_dir():
        raise StorageError(
            f"Cannot create {name}: {str(parent)!r} is not a directory. Give another --db path."
        )
    try:
        with tempfile.TemporaryFile(dir=parent, prefix=".eventwire-probe-"):
            pass
    except OSError as exc:
        raise StorageError(
            f"Cannot create {name}: the directory {str(parent)!r} is not writable. "
            "Give a --db path in a writable directory."
        ) from exc


def _connect(path: Path, name: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        text = str(exc)
        if "not a valid DuckDB database file" in text:
            raise StorageError(
                f"{name} is not an eventwire database (it is not a DuckDB file). "
                "Give another --db path, or move that file away."
            ) from exc
        if "Conflicting lock" in text or "Could not set lock" in text:
            pid = _LOCK_PID.search(text)
            who = f" (PID {pid.group(1)})" if pid else ""
            raise StorageError(
                f"{name} is in use by another process{who}. "
                "Wait for it to finish or stop it, then try again."
            ) from exc
        if "Permission denied" in text or "Read-only file system" in text:
            fix = "" if read_only else " Open it read-only, or copy it to a writable place."
            raise StorageError(f"Cannot open {name}: permission denied.{fix}") from exc
        raise StorageError(f"Cannot open {name}: {text}") from exc


def open_database(path: str | os.PathLike[str], read_only: bool = False) -> Database:
    """Open (or create) an eventwire database, migrating an older one.

    Args:
        path: the DuckDB file, or ``":memory:"`` for a throw-away database.
        read_only: open without writing; the file must exist and be up to date.

    Returns:
        The open :class:`Database`; close it with ``.close()`` or ``with``.

    Raises:
        SchemaMismatch: the file was written by a newer eventwire.
        StorageError: the file is not an eventwire database, cannot be created or is in
            use; the message says how to fix it. Nothing is written then.
    """
    name = str(path)
    if name == MEMORY:
        con = duckdb.connect(MEMORY)
        _migrate(con, 0, MEMORY)
        return Database(con, None, read_only=False)
    file = Path(path)
    if file.is_dir():
        raise StorageError(f"{name} is a directory, not a database file. Give a file path to --db.")
    created = not file.exists()
    if created:
        if read_only:
            raise StorageError(
                f"No eventwire database at {name}. "
                f"Create one with: eventwire ingest INPUT --db {name}"
            )
        _check_writable_dir(file.absolute(), name)
    con = _connect(file, name, read_only)
    try:
        version = _read_version(con)
        if version is None and (created or _user_tables(con) == 0):
            if read_only:
                raise StorageError(
                    f"{name} is an empty DuckDB file, not yet an eventwire database. "
                    f"Create one with: eventwire ingest INPUT --db {name}"
                )
            version = 0
        elif version is None:
            raise StorageError(
                f"{name} is a DuckDB database but not an eventwire one (it has no meta table). "
                "Give another --db path."
            )
        if version > schema.SCHEMA_VERSION:
            raise SchemaMismatch(
                f"{name} was written by schema version {version}, newer than this eventwire "
                f"(version {schema.SCHEMA_VERSION}). Upgrade eventwire: pip install -U eventwire."
            )
        if version < schema.SCHEMA_VERSION:
            if read_only:
                raise StorageError(
                    f"{name} was written by schema version {version}, older than this "
                    f"eventwire (version {schema.SCHEMA_VERSION}). Open it once for writing "
                    "to migrate it (open_database(path) or eventwire ingest --db PATH)."
                )
            _migrate(con, version, name)
    except BaseException:
        con.close()
        if created:
            for leftover in (file, file.with_name(file.name + ".wal")):
                leftover.unlink(missing_ok=True)
        raise
    return Database(con, file, read_only)
