"""The storage schema, defined once: tables, columns, migrations and row conversion.

Every table of an eventwire database is described here as a tuple of :class:`Column`
and nowhere else. Contract dicts (see :mod:`eventwire.contract`) become rows with
:func:`event_row` / :func:`article_row` and come back with :func:`event_from_row` /
:func:`article_from_row`; the round trip is the identity (a property test checks it).

Conventions:

* A contract field with a scalar value (string, number, boolean) is a typed column.
* A contract field with a nested value (lists, objects: ``sources``, ``location``,
  ``evidence`` ...) is a ``JSON`` column holding exactly ``json.dumps`` of the value.
* Keys a contract dict has that this schema does not know (fields added to the contract
  after this eventwire was released) go into the ``extra`` JSON column, never dropped.
  Promoting such a key to a column of its own is a migration
  (see :func:`promote_extra_key`).
* Derived columns (``event_day``, ``location_country``, actor ``code``) are computed at
  insert time for fast filters; they are not part of the contract and are not returned
  by :func:`event_from_row`.
* Times written by eventwire (``stored_at``, ``time`` ...) are ``TIMESTAMP`` in UTC.

Schema versions: ``SCHEMA_VERSION == len(MIGRATIONS)``. The ``meta`` table holds
``schema_version``. Migration *n* (1-based) turns a version *n - 1* database into a
version *n* one; migration 1 creates the frozen version-1 tables from nothing.

To add a column (say a new contract field ``cluster_hint``): add its :class:`Column` to
the table's tuple below *and* append a migration to :data:`MIGRATIONS`, for example
``lambda con: promote_extra_key(con, "events", "cluster_hint", "VARCHAR")``. A test
checks that the migrations build exactly the tables described here.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pyarrow as pa

from ..errors import StorageError

__all__ = [
    "ACTOR_COLUMNS",
    "ARTICLE_COLUMNS",
    "CHANGE_COLUMNS",
    "Column",
    "EVENT_COLUMNS",
    "EVIDENCE_COLUMNS",
    "MIGRATIONS",
    "REJECT_COLUMNS",
    "RUN_COLUMNS",
    "SCHEMA_VERSION",
    "TABLES",
    "actor_rows",
    "arrow_schema",
    "article_from_row",
    "article_row",
    "event_day",
    "event_from_row",
    "event_row",
    "evidence_rows",
    "promote_extra_key",
    "to_arrow",
]


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table.

    Attributes:
        name: the SQL column name.
        sql: the DuckDB type.
        kind: ``value`` (a contract field with a scalar value), ``json`` (a contract
            field with a nested value, stored as JSON text), ``extra`` (unknown contract
            keys), ``derived`` (computed from contract fields, for queries) or ``meta``
            (bookkeeping written by the store).
        key: the contract key when it differs from ``name`` (``id`` for ``article_id``).
        doc: what the column holds.
    """

    name: str
    sql: str
    kind: str = "value"
    key: str | None = None
    doc: str = ""

    @property
    def contract_key(self) -> str:
        return self.key or self.name


def _c(name: str, sql: str, kind: str = "value", doc: str = "", key: str | None = None) -> Column:
    return Column(name=name, sql=sql, kind=kind, key=key, doc=doc)


# -- tables ----------------------------------------------------------------------------

ARTICLE_COLUMNS: tuple[Column, ...] = (
    _c("article_id", "VARCHAR", key="id", doc="the article id (contract key `id`)"),
    _c("url", "VARCHAR"),
    _c("source", "VARCHAR", doc="the publisher"),
    _c("wire", "VARCHAR", doc="the wire service credited, if any"),
    _c("headline", "VARCHAR"),
    _c("published", "VARCHAR", doc="publication time, ISO 8601 as in the contract"),
    _c("language", "VARCHAR"),
    _c("tags", "JSON", "json"),
    _c("captions", "JSON", "json"),
    _c("paragraphs", "JSON", "json", doc="[[start, end], ...] into `text`"),
    _c("text", "VARCHAR", doc="the normalised text every span points into"),
    _c("content_hash", "VARCHAR", doc="sha1 of `text`"),
    _c("origin", "VARCHAR", doc="where the article was read from (path, path:line, -)"),
    _c("extra", "JSON", "extra", doc="contract keys this schema does not know"),
    _c("published_at", "TIMESTAMP", "derived", doc="`published` parsed, in UTC"),
    _c("coder", "VARCHAR", "meta", doc="the coder that produced the stored events"),
    _c("settings_hash", "VARCHAR", "meta", doc="CoderConfig.settings_hash() of that run"),
    _c("n_events", "INTEGER", "meta"),
    _c("run_id", "VARCHAR", "meta", doc="the run that stored this version"),
    _c("stored_at", "TIMESTAMP", "meta", doc="when this version was stored (UTC)"),
)

EVENT_COLUMNS: tuple[Column, ...] = (
    _c("article_id", "VARCHAR"),
    _c("event_id", "VARCHAR", doc="stable content hash (contract.event_id)"),
    _c("type", "VARCHAR", doc="PLOVER event type"),
    _c("mode", "VARCHAR", doc="PLOVER mode"),
    _c("cameo", "VARCHAR"),
    _c(
        "quad_class",
        "INTEGER",
        doc="1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict",
    ),
    _c("goldstein", "DOUBLE"),
    _c("sources", "JSON", "json"),
    _c("targets", "JSON", "json"),
    _c("date", "VARCHAR", doc="date of the event (YYYY-MM-DD, YYYY-MM or YYYY), null if unknown"),
    _c("date_precision", "VARCHAR"),
    _c("date_text", "VARCHAR"),
    _c("date_span", "JSON", "json"),
    _c("location", "JSON", "json"),
    _c("quantities", "JSON", "json"),
    _c("claimed_by", "JSON", "json"),
    _c("polarity", "VARCHAR"),
    _c("hedged", "BOOLEAN"),
    _c("evidence", "JSON", "json"),
    _c("confidence", "DOUBLE"),
    _c("rule", "VARCHAR"),
    _c("coder", "VARCHAR"),
    _c("published", "VARCHAR"),
    _c("publisher", "VARCHAR"),
    _c("extra", "JSON", "extra", doc="contract keys this schema does not know"),
    _c("event_day", "DATE", "derived", doc="`date` as a DATE (first day of its month/year)"),
    _c("location_country", "VARCHAR", "derived", doc="location.country"),
    _c(
        "event_key",
        "BIGINT",
        "meta",
        doc="integer key for joins with actors (from event_key_seq); "
        "internal: a re-ingested event gets a new one, use event_id to refer to events",
    ),
)

ACTOR_COLUMNS: tuple[Column, ...] = (
    _c("event_id", "VARCHAR"),
    _c("article_id", "VARCHAR"),
    _c("role", "VARCHAR", doc="source, target or claimed_by"),
    _c("idx", "INTEGER", doc="position in the event's list"),
    _c("code", "VARCHAR", doc="country or, failing that, igo"),
    _c("text", "VARCHAR"),
    _c("country", "VARCHAR"),
    _c("igo", "VARCHAR"),
    _c("sector", "VARCHAR"),
    _c("name", "VARCHAR"),
    _c("span_start", "BIGINT"),
    _c("span_end", "BIGINT"),
    _c("event_key", "BIGINT", doc="events.event_key of the event"),
    _c(
        "first_code",
        "BOOLEAN",
        doc="first actor of its event and role with this code: "
        "count dyads on these rows so that an event counts once per code",
    ),
)

EVIDENCE_COLUMNS: tuple[Column, ...] = (
    _c("event_id", "VARCHAR"),
    _c("article_id", "VARCHAR"),
    _c("idx", "INTEGER", doc="0 is the main evidence sentence, then other mentions"),
    _c("text", "VARCHAR"),
    _c("start_offset", "BIGINT"),
    _c("end_offset", "BIGINT"),
    _c("trigger_start", "BIGINT"),
    _c("trigger_end", "BIGINT"),
    _c("trigger_text", "VARCHAR"),
)

RUN_COLUMNS: tuple[Column, ...] = (
    _c("run_id", "VARCHAR"),
    _c("started_at", "TIMESTAMP"),
    _c("finished_at", "TIMESTAMP"),
    _c("status", "VARCHAR", doc="running, done, failed or interrupted"),
    _c("eventwire_version", "VARCHAR"),
    _c("coder", "VARCHAR"),
    _c("model", "VARCHAR"),
    _c("model_version", "VARCHAR"),
    _c("settings_hash", "VARCHAR"),
    _c("settings", "JSON"),
    _c("inputs", "JSON"),
    _c("pid", "INTEGER"),
    _c("n_read", "INTEGER"),
    _c("n_added", "INTEGER"),
    _c("n_replaced", "INTEGER"),
    _c("n_unchanged", "INTEGER"),
    _c("n_rejected", "INTEGER"),
    _c("n_events", "INTEGER", doc="events written by this run"),
)

REJECT_COLUMNS: tuple[Column, ...] = (
    _c("source", "VARCHAR", doc="the input: path, path:line or -"),
    _c("article_id", "VARCHAR"),
    _c("stage", "VARCHAR"),
    _c("error", "VARCHAR"),
    _c("message", "VARCHAR"),
    _c("run_id", "VARCHAR"),
    _c("time", "TIMESTAMP"),
)

CHANGE_COLUMNS: tuple[Column, ...] = (
    _c("time", "TIMESTAMP"),
    _c("run_id", "VARCHAR"),
    _c("article_id", "VARCHAR"),
    _c("event_id", "VARCHAR", doc="null for the row about the article itself"),
    _c("change", "VARCHAR", doc="added, replaced or deleted"),
)

HISTORY_COLUMNS: tuple[Column, ...] = (
    _c("replaced_at", "TIMESTAMP", "meta"),
    _c("replaced_by_run", "VARCHAR", "meta"),
)

META_COLUMNS: tuple[Column, ...] = (_c("key", "VARCHAR"), _c("value", "VARCHAR"))

#: table name -> (columns, primary key)
TABLES: dict[str, tuple[tuple[Column, ...], tuple[str, ...]]] = {
    "meta": (META_COLUMNS, ("key",)),
    "articles": (ARTICLE_COLUMNS, ("article_id",)),
    "events": (EVENT_COLUMNS, ("event_id",)),
    "actors": (ACTOR_COLUMNS, ()),
    "evidence": (EVIDENCE_COLUMNS, ()),
    "runs": (RUN_COLUMNS, ("run_id",)),
    "rejects": (REJECT_COLUMNS, ()),
    "changes": (CHANGE_COLUMNS, ()),
    "articles_history": (ARTICLE_COLUMNS + HISTORY_COLUMNS, ()),
    "events_history": (EVENT_COLUMNS + HISTORY_COLUMNS, ()),
}

CHANGE_KINDS = ("added", "replaced", "deleted")


# -- migrations ------------------------------------------------------------------------


#: Version 1 of every table, frozen: later versions change tables only through new
#: migrations, so that a new database and a migrated one end up the same.
_V1_TABLES: dict[str, tuple[str, str]] = {
    "meta": (
        "key VARCHAR, value VARCHAR",
        "key",
    ),
    "articles": (
        "article_id VARCHAR, url VARCHAR, source VARCHAR, wire VARCHAR, headline VARCHAR, "
        "published VARCHAR, language VARCHAR, tags JSON, captions JSON, paragraphs JSON, text "
        "VARCHAR, content_hash VARCHAR, origin VARCHAR, extra JSON, published_at TIMESTAMP, "
        "coder VARCHAR, settings_hash VARCHAR, n_events INTEGER, run_id VARCHAR, stored_at "
        "TIMESTAMP",
        "article_id",
    ),
    "events": (
        "article_id VARCHAR, event_id VARCHAR, type VARCHAR, mode VARCHAR, cameo VARCHAR, "
        "quad_class INTEGER, goldstein DOUBLE, sources JSON, targets JSON, date VARCHAR, "
        "date_precision VARCHAR, date_text VARCHAR, date_span JSON, location JSON, quantities "
        "JSON, claimed_by JSON, polarity VARCHAR, hedged BOOLEAN, evidence JSON, confidence "
        "DOUBLE, rule VARCHAR, coder VARCHAR, published VARCHAR, publisher VARCHAR, extra "
        "JSON, event_day DATE, location_country VARCHAR, event_key BIGINT",
        "event_id",
    ),
    "actors": (
        "event_id VARCHAR, article_id VARCHAR, role VARCHAR, idx INTEGER, code VARCHAR, text "
        "VARCHAR, country VARCHAR, igo VARCHAR, sector VARCHAR, name VARCHAR, span_start "
        "BIGINT, span_end BIGINT, event_key BIGINT, first_code BOOLEAN",
        "",
    ),
    "evidence": (
        "event_id VARCHAR, article_id VARCHAR, idx INTEGER, text VARCHAR, start_offset "
        "BIGINT, end_offset BIGINT, trigger_start BIGINT, trigger_end BIGINT, trigger_text "
        "VARCHAR",
        "",
    ),
    "runs": (
        "run_id VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP, status VARCHAR, "
        "eventwire_version VARCHAR, coder VARCHAR, model VARCHAR, model_version VARCHAR, "
        "settings_hash VARCHAR, settings JSON, inputs JSON, pid INTEGER, n_read INTEGER, "
        "n_added INTEGER, n_replaced INTEGER, n_unchanged INTEGER, n_rejected INTEGER, "
        "n_events INTEGER",
        "run_id",
    ),
    "rejects": (
        "source VARCHAR, article_id VARCHAR, stage VARCHAR, error VARCHAR, message VARCHAR, "
        "run_id VARCHAR, time TIMESTAMP",
        "",
    ),
    "changes": (
        "time TIMESTAMP, run_id VARCHAR, article_id VARCHAR, event_id VARCHAR, change VARCHAR",
        "",
    ),
    "articles_history": (
        "article_id VARCHAR, url VARCHAR, source VARCHAR, wire VARCHAR, headline VARCHAR, "
        "published VARCHAR, language VARCHAR, tags JSON, captions JSON, paragraphs JSON, text "
        "VARCHAR, content_hash VARCHAR, origin VARCHAR, extra JSON, published_at TIMESTAMP, "
        "coder VARCHAR, settings_hash VARCHAR, n_events INTEGER, run_id VARCHAR, stored_at "
        "TIMESTAMP, replaced_at TIMESTAMP, replaced_by_run VARCHAR",
        "",
    ),
    "events_history": (
        "article_id VARCHAR, event_id VARCHAR, type VARCHAR, mode VARCHAR, cameo VARCHAR, "
        "quad_class INTEGER, goldstein DOUBLE, sources JSON, targets JSON, date VARCHAR, "
        "date_precision VARCHAR, date_text VARCHAR, date_span JSON, location JSON, quantities "
        "JSON, claimed_by JSON, polarity VARCHAR, hedged BOOLEAN, evidence JSON, confidence "
        "DOUBLE, rule VARCHAR, coder VARCHAR, published VARCHAR, publisher VARCHAR, extra "
        "JSON, event_day DATE, location_country VARCHAR, event_key BIGINT, replaced_at "
        "TIMESTAMP, replaced_by_run VARCHAR",
        "",
    ),
}


def _migration_1_initial(con: Any) -> None:
    """Version 1: the tables of :data:`_V1_TABLES` and the event key sequence."""
    for name, (columns, primary_key) in _V1_TABLES.items():
        key = f", PRIMARY KEY ({primary_key})" if primary_key else ""
        con.execute(f"CREATE TABLE {name} ({columns}{key})")
    con.execute("CREATE SEQUENCE event_key_seq START 1")


#: Migration n (1-based) upgrades a version n-1 database to version n. Append only.
MIGRATIONS: list[Callable[[Any], None]] = [_migration_1_initial]
SCHEMA_VERSION = len(MIGRATIONS)


def promote_extra_key(con: Any, table: str, key: str, sql_type: str) -> None:
    """Migration helper: give contract key ``key`` a column of its own.

    Adds the column to ``table`` and ``<table>_history``, moves each row's value of
    ``key`` out of ``extra`` into it, and leaves ``extra`` NULL when nothing remains.
    Add the matching :class:`Column` to the table's column tuple in the same release.
    """
    for name in (table, f"{table}_history"):
        con.execute(f'ALTER TABLE {name} ADD COLUMN "{key}" {sql_type}')
        json_path = "$." + json.dumps(key)
        con.execute(
            f'UPDATE {name} SET "{key}" = CAST(json_extract(extra, ?) AS {sql_type}) '
            "WHERE extra IS NOT NULL AND json_exists(extra, ?)",
            [json_path, json_path],
        )
        rows = con.execute(f"SELECT rowid, extra FROM {name} WHERE extra IS NOT NULL").fetchall()
        for rowid, extra in rows:
            data = json.loads(extra)
            if key in data:
                data.pop(key)
                con.execute(
                    f"UPDATE {name} SET extra = ? WHERE rowid = ?",
                    [_dumps(data) if data else None, rowid],
                )


# -- values ----------------------------------------------------------------------------

_ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "JSON": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
}

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def arrow_schema(columns: Sequence[Column]) -> pa.Schema:
    """The Arrow schema of a table (JSON columns are strings)."""
    return pa.schema([pa.field(c.name, _ARROW_TYPES[c.sql]) for c in columns])


def to_arrow(columns: Sequence[Column], rows: Sequence[Mapping[str, Any]]) -> pa.Table:
    """Rows (column name -> value) as an Arrow table with the table's schema."""
    schema = arrow_schema(columns)
    arrays = [
        pa.array([row.get(c.name) for row in rows], type=f.type)
        for c, f in zip(columns, schema, strict=True)
    ]
    return pa.Table.from_arrays(arrays, schema=schema)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def event_day(value: Any) -> date | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` as the first day it covers; else None."""
    if not isinstance(value, str):
        return None
    match = _DATE_RE.match(value.strip())
    if not match:
        return None
    year, month, day = match.groups()
    try:
        return date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None


def utc_naive(value: Any) -> datetime | None:
    """An ISO 8601 string or datetime as a naive UTC datetime; None when unparseable."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value


_SCALAR_CHECKS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "VARCHAR": (lambda v: isinstance(v, str), "a string"),
    "INTEGER": (
        lambda v: isinstance(v, int) and not isinstance(v, bool) and -(2**31) <= v < 2**31,
        "a 32-bit integer",
    ),
    "BIGINT": (
        lambda v: isinstance(v, int) and not isinstance(v, bool) and -(2**63) <= v < 2**63,
        "a 64-bit integer",
    ),
    "DOUBLE": (
        lambda v: isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v),
        "a finite number",
    ),
    "BOOLEAN": (lambda v: isinstance(v, bool), "true or false"),
}


def _contract_values(
    what: str, record: Mapping[str, Any], columns: Sequence[Column]
) -> dict[str, Any]:
    """Typed column values for the contract columns, plus ``extra``."""
    row: dict[str, Any] = {}
    known = set()
    for col in columns:
        if col.kind not in ("value", "json"):
            continue
        key = col.contract_key
        known.add(key)
        value = record.get(key)
        if value is None:
            row[col.name] = None
        elif col.kind == "json":
            try:
                row[col.name] = _dumps(value)
            except (TypeError, ValueError) as exc:
                raise StorageError(
                    f"{what}: field {key!r} cannot be stored as JSON ({exc}). "
                    "Give JSON values only (no NaN, infinity, sets or objects)."
                ) from exc
        else:
            check, expected = _SCALAR_CHECKS[col.sql]
            if not check(value):
                raise StorageError(
                    f"{what}: field {key!r} must be {expected} or null, not {value!r} "
                    f"({type(value).__name__}). Fix the code that produced it."
                )
            row[col.name] = float(value) if col.sql == "DOUBLE" else value
    extra = {k: v for k, v in record.items() if k not in known}
    try:
        row["extra"] = _dumps(extra) if extra else None
    except (TypeError, ValueError) as exc:
        raise StorageError(
            f"{what}: the extra fields {sorted(extra)!r} cannot be stored as JSON ({exc})."
        ) from exc
    return row


def _from_row(row: Mapping[str, Any], columns: Sequence[Column]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for col in columns:
        if col.kind == "value":
            out[col.contract_key] = row.get(col.name)
        elif col.kind == "json":
            value = row.get(col.name)
            out[col.contract_key] = None if value is None else json.loads(value)
    extra = row.get("extra")
    if extra is not None:
        out.update(json.loads(extra))
    return out


def event_row(event: Mapping[str, Any]) -> dict[str, Any]:
    """The ``events`` row of a contract event dict.

    Raises:
        StorageError: a field has a value of the wrong kind, or the event has no
            ``event_id`` / ``article_id``.
    """
    event_id = event.get("event_id")
    what = f"Event {event_id!r}"
    for key in ("event_id", "article_id"):
        if not isinstance(event.get(key), str) or not event.get(key):
            raise StorageError(
                f"{what}: {key!r} must be a non-empty string, not {event.get(key)!r}. "
                "Build events with eventwire.contract.event_to_json."
            )
    row = _contract_values(what, event, EVENT_COLUMNS)
    row["event_day"] = event_day(event.get("date"))
    location = event.get("location")
    country = location.get("country") if isinstance(location, Mapping) else None
    row["location_country"] = country if isinstance(country, str) else None
    return row


def event_from_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """The contract dict of an ``events`` row (derived and meta columns left out)."""
    return _from_row(row, EVENT_COLUMNS)


def article_row(article: Mapping[str, Any], **meta: Any) -> dict[str, Any]:
    """The ``articles`` row of a contract article dict; ``meta`` fills the meta columns."""
    article_id = article.get("id")
    if not isinstance(article_id, str) or not article_id:
        raise StorageError(
            f"Article {article_id!r}: 'id' must be a non-empty string. "
            "Build article records with eventwire.contract.article_to_json."
        )
    row = _contract_values(f"Article {article_id!r}", article, ARTICLE_COLUMNS)
    row["published_at"] = utc_naive(article.get("published"))
    for col in ARTICLE_COLUMNS:
        if col.kind == "meta":
            row[col.name] = meta.get(col.name)
    return row


def article_from_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """The contract article dict of an ``articles`` row."""
    return _from_row(row, ARTICLE_COLUMNS)


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _int_or_none(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and -(2**63) <= value < 2**63:
        return value
    return None


def _pair(value: Any) -> tuple[int | None, int | None]:
    if isinstance(value, list | tuple) and len(value) == 2:
        return _int_or_none(value[0]), _int_or_none(value[1])
    return None, None


def actor_rows(event: Mapping[str, Any], event_key: int | None = None) -> list[dict[str, Any]]:
    """One ``actors`` row per source, target and the claimant of an event."""
    rows = []
    roles: list[tuple[str, Iterable[Any]]] = [
        ("source", event.get("sources") or ()),
        ("target", event.get("targets") or ()),
        ("claimed_by", [event["claimed_by"]] if event.get("claimed_by") else ()),
    ]
    for role, actors in roles:
        if not isinstance(actors, list | tuple):
            continue
        seen: set[str | None] = set()
        for idx, actor in enumerate(actors):
            if not isinstance(actor, Mapping):
                continue
            country, igo = _str_or_none(actor.get("country")), _str_or_none(actor.get("igo"))
            start, end = _pair(actor.get("span"))
            code = country or igo
            rows.append({
                "event_id": event["event_id"],
                "article_id": event["article_id"],
                "role": role,
                "idx": idx,
                "code": code,
                "text": _str_or_none(actor.get("text")),
                "country": country,
                "igo": igo,
                "sector": _str_or_none(actor.get("sector")),
                "name": _str_or_none(actor.get("name")),
                "span_start": start,
                "span_end": end,
                "event_key": event_key,
                "first_code": code not in seen,
            })  # fmt: skip
            seen.add(code)
    return rows


def evidence_rows(event: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One ``evidence`` row per evidence entry of an event."""
    rows = []
    evidence = event.get("evidence") or ()
    if not isinstance(evidence, list | tuple):
        return rows
    for idx, item in enumerate(evidence):
        if not isinstance(item, Mapping):
            continue
        trigger_start, trigger_end = _pair(item.get("trigger"))
        rows.append({
            "event_id": event["event_id"],
            "article_id": event["article_id"],
            "idx": idx,
            "text": _str_or_none(item.get("text")),
            "start_offset": _int_or_none(item.get("start")),
            "end_offset": _int_or_none(item.get("end")),
            "trigger_start": trigger_start,
            "trigger_end": trigger_end,
            "trigger_text": _str_or_none(item.get("trigger_text")),
        })  # fmt: skip
    return rows
