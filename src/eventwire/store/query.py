"""Filter and aggregate stored events and clusters: the query code the CLI, the export
and the API share.

``query_events`` (one row per coded event) and ``query_clusters`` (one row per
cross-article cluster) take the same filters; ``where_sql`` / ``cluster_where_sql`` give
a filter as SQL for callers that build their own queries. Both query functions apply
the human reviews by default (rejected events left out, corrections applied). Every
user value is bound as a parameter; only names from fixed tables in this module are
ever put into the SQL text.
"""

from __future__ import annotations

import heapq
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any

from ..errors import EventwireError
from . import schema

if TYPE_CHECKING:
    import pyarrow

    from .database import Database

__all__ = [
    "CLUSTER_COUNT_BY",
    "COUNT_BY",
    "EventFilter",
    "InvalidFilter",
    "QueryResult",
    "cluster_where_sql",
    "has_clusters",
    "iter_reviewed_clusters",
    "parse_period",
    "query_clusters",
    "query_events",
    "resolve_country",
    "where_sql",
]


class InvalidFilter(EventwireError, ValueError):
    """A filter or aggregate has an unknown name or value.

    Attributes:
        param: the filter's name (``type``, ``quad``, ``count_by`` ...).
        allowed: the allowed values, when there is a fixed list.
    """

    def __init__(self, message: str, *, param: str, allowed: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.param = param
        self.allowed = tuple(allowed)


PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

#: PLOVER's older type names (DESIGN.md: ontology facts).
TYPE_ALIASES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}

#: PLOVER modes (the PLOVER event types and modes in the shared ontology); a mode that is
#: present in the database is accepted too.
PLOVER_MODES = (
    "visit", "third-party", "multilateral", "phone", "withdraw", "release", "disarm",
    "ceasefire", "access", "resign", "assist", "change", "yield", "meet", "disapprove",
    "investigate", "allege", "restrict", "arrest", "relations", "expel", "territory",
    "violence", "demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize",
    "convict", "discontinue", "troops", "weapons", "police", "militia", "seize", "censor",
    "curfew", "martial-law", "deport", "withhold", "misinformation", "cyber", "abduct",
    "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
    "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
    "unconventional",
)  # fmt: skip

QUADS = ("1", "2", "3", "4")

#: count-by key -> SQL expression. Only these fixed strings reach the SQL text.
COUNT_BY: dict[str, str] = {
    "month": "strftime(e.event_day, '%Y-%m')",
    "year": "year(e.event_day)",
    "day": "e.event_day",
    "source": "src.code",
    "target": "tgt.code",
    "type": "e.type",
    "mode": "e.mode",
    "quad": "e.quad_class",
    "cameo": "e.cameo",
    "country": "e.location_country",
    "publisher": "e.publisher",
    "article": "e.article_id",
}

#: count-by keys grouped on a cheaper value and formatted after aggregation
GROUP_EXPR = {"month": "date_trunc('month', e.event_day)"}
OUTPUT_EXPR = {"month": "strftime(\"month\", '%Y-%m')"}

#: Common names that pycountry does not know (it knows "North Korea", not "Russia").
SHORT_NAMES = {
    "russia": "RUS", "us": "USA", "u.s.": "USA", "usa": "USA", "america": "USA",
    "united states of america": "USA", "uk": "GBR", "u.k.": "GBR", "britain": "GBR",
    "great britain": "GBR", "england": "GBR", "turkey": "TUR", "iran": "IRN",
    "syria": "SYR", "laos": "LAO", "moldova": "MDA", "venezuela": "VEN", "bolivia": "BOL",
    "tanzania": "TZA", "vietnam": "VNM", "north korea": "PRK", "dprk": "PRK",
    "south korea": "KOR", "korea": "KOR", "rok": "KOR", "taiwan": "TWN", "palestine": "PSE",
    "gaza": "PSE", "west bank": "PSE", "czech republic": "CZE", "ivory coast": "CIV",
    "drc": "COD", "dr congo": "COD", "democratic republic of the congo": "COD",
    "republic of the congo": "COG", "burma": "MMR", "holland": "NLD", "vatican": "VAT",
    "kosovo": "XKX", "macedonia": "MKD", "cape verde": "CPV", "swaziland": "SWZ",
    "east timor": "TLS", "brunei": "BRN", "micronesia": "FSM", "uae": "ARE",
    "emirates": "ARE", "saudi": "SAU",
}  # fmt: skip

#: International organisations by name (codes as the actor stage writes them).
IGO_NAMES = {
    "european union": "EU", "united nations": "UN", "nato": "NATO", "african union": "AU",
    "asean": "ASEAN", "arab league": "ARL", "opec": "OPEC", "world health organization": "WHO",
    "international atomic energy agency": "IAEA", "iaea": "IAEA", "imf": "IMF",
    "world bank": "WB", "red cross": "ICRC", "g7": "G7", "g20": "G20", "eu": "EU", "un": "UN",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to select. Values of one filter are alternatives (OR); filters AND.

    Attributes:
        actor: a source or a target matches (a code such as ``PRK`` or ``EU``, a country
            name such as ``North Korea``, or words of the actor's text).
        source: like ``actor``, sources only.
        target: like ``actor``, targets only.
        type: PLOVER types (older names such as ``FIGHT`` are accepted).
        mode: PLOVER modes.
        quad: quad classes 1-4.
        since: first day (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) of the event date.
        until: last day, inclusive (``2024-12`` means up to 31 December).
        country: where the event happened (location country code or name).
        text: words that the evidence sentences contain (case-insensitive).
        article: article ids.
    """

    actor: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    mode: tuple[str, ...] = ()
    quad: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    country: tuple[str, ...] = ()
    text: tuple[str, ...] = ()
    article: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any] | None) -> EventFilter:
        """Build from a dict (query-string style); a single value or a list per key.

        Raises:
            InvalidFilter: an unknown key.
        """
        if values is None:
            return cls()
        if isinstance(values, EventFilter):
            return values
        names = [f.name for f in fields(cls)]
        kwargs: dict[str, Any] = {}
        for key, value in values.items():
            if key not in names:
                raise InvalidFilter(
                    f"Unknown filter {key!r}. Allowed filters: {', '.join(names)}.",
                    param="filter",
                    allowed=names,
                )
            if value is None or value == () or value == []:
                continue
            if key in ("since", "until"):
                kwargs[key] = str(value)
            elif isinstance(value, str | int):
                kwargs[key] = (str(value),)
            else:
                kwargs[key] = tuple(str(v) for v in value)
        return cls(**kwargs)


@dataclass(slots=True)
class QueryResult:
    """The answer of :func:`query_events`.

    Attributes:
        kind: ``events`` (one row per event), ``clusters`` (one row per cluster) or
            ``counts`` (one row per group).
        table: the rows as an Arrow table. For ``events`` these are the ``events``
            columns (nested fields as JSON text); for ``clusters`` the ``clusters``
            columns (the record as JSON text in ``cluster``); for ``counts`` the group
            keys then ``events`` (clusters: ``clusters``, ``events``, ``articles``),
            ``goldstein_sum``, ``goldstein_mean``, ``quad1`` .. ``quad4``.
        sql: the SQL that ran, with ``?`` placeholders.
        params: the values bound to them.
    """

    kind: str
    table: pyarrow.Table
    sql: str
    params: list[Any] = field(default_factory=list)

    def __len__(self) -> int:
        return self.table.num_rows

    def rows(self) -> Iterator[dict[str, Any]]:
        """Contract dicts for ``events``, cluster records for ``clusters``, plain dicts
        for ``counts``."""
        for batch in self.table.to_batches():
            for row in batch.to_pylist():
                if self.kind == "events":
                    yield schema.event_from_row(row)
                elif self.kind == "clusters":
                    record = json.loads(row["cluster"])
                    record.setdefault("cluster_id", row.get("cluster_id"))
                    yield record
                else:
                    yield row


def parse_period(value: str, *, end: bool = False, param: str = "since") -> date:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as its first (or, with ``end``, last) day.

    Raises:
        InvalidFilter: the value is not such a date.
    """
    match = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*", str(value))
    try:
        if not match:
            raise ValueError
        year, month, day = match.groups()
        first = date(int(year), int(month or 1), int(day or 1))
        if not end or day:
            return first
        if month:
            nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
        else:
            nxt = date(first.year + 1, 1, 1)
        return nxt - timedelta(days=1)
    except ValueError:
        raise InvalidFilter(
            f"Invalid date {value!r} for {param}: give YYYY, YYYY-MM or YYYY-MM-DD "
            "(for example 2024-12-19).",
            param=param,
        ) from None


@cache
def _country_names() -> dict[str, str]:
    import pycountry

    names = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                names[value.lower()] = country.alpha_3
    names.update(SHORT_NAMES)
    return names


@cache
def _alpha3() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX"}


def resolve_country(value: str) -> str | None:
    """An ISO 3166-1 alpha-3 code for a code or a country name; None when unknown."""
    text = value.strip()
    if text.upper() in _alpha3():
        return text.upper()
    return _country_names().get(text.lower())


#: A case-insensitive substring test with the value bound as a parameter. ``contains``
#: needs no escaping (``%`` and ``_`` are plain characters) and is about three times as
#: fast as ``lower(x) LIKE ? ESCAPE '\\'`` on actor names.
_CONTAINS = "contains(lower({}), lower(?))"


def _actor_condition(values: Sequence[str], roles: Sequence[str]) -> tuple[str, list[Any]]:
    """An EXISTS over ``actors``: any of ``values`` in any of ``roles``."""
    alternatives: list[str] = []
    params: list[Any] = list(roles)
    for value in values:
        text = value.strip()
        if not text:
            continue
        code = resolve_country(text)
        if code is None and text.isupper() and text.replace("-", "").isalnum():
            code = text  # a code typed as such: EU, NATO
        if code is None:
            code = IGO_NAMES.get(text.lower())
        if code is not None and text.upper() == text and len(text) <= 6:
            alternatives.append("a.code = ?")
            params.append(code)
        elif code is not None:
            alternatives.append(f"(a.code = ? OR {_CONTAINS.format('a.text')})")
            params += [code, text]
        else:
            alternatives.append(_CONTAINS.format("a.text"))
            params.append(text)
    if not alternatives:
        return "", []
    marks = ", ".join("?" for _ in roles)
    sql = (
        f"EXISTS (SELECT 1 FROM actors a WHERE a.event_key = e.event_key AND a.role IN ({marks}) "
        f"AND ({' OR '.join(alternatives)}))"
    )
    return sql, params


def _check_choice(
    values: Iterable[str],
    allowed: Sequence[str],
    what: str,
    param: str,
    aliases: Mapping[str, str] | None = None,
    upper: bool = False,
) -> list[str]:
    out = []
    for raw in values:
        value = raw.strip().upper() if upper else raw.strip()
        if aliases and value in aliases:
            value = aliases[value]
        if value not in allowed:
            raise InvalidFilter(
                f"Unknown {what} {raw!r}. Allowed values: {', '.join(allowed)}.",
                param=param,
                allowed=allowed,
            )
        out.append(value)
    return out


def _known_modes(db: Database) -> tuple[str, ...]:
    present = [
        r[0]
        for r in db.con.execute(
            "SELECT DISTINCT mode FROM events WHERE mode IS NOT NULL"
        ).fetchall()
    ]
    return tuple(sorted(set(PLOVER_MODES) | set(present)))


def where_sql(
    db: Database, filters: EventFilter | Mapping[str, Any] | None
) -> tuple[str, list[Any]]:
    """The filter as an SQL condition on ``events`` (alias ``e``) and its parameters.

    The condition may use the ``actors`` and ``evidence`` tables in sub-queries; it is
    empty (``""``) when nothing is filtered. Every user value is a bound parameter.
    Only ``db.con`` is used (to check modes against those in the database).

    Raises:
        InvalidFilter: an unknown filter or value, naming the allowed ones.
    """
    flt = EventFilter.from_mapping(filters)
    clauses: list[str] = []
    params: list[Any] = []
    for values, roles in (
        (flt.actor, ("source", "target")),
        (flt.source, ("source",)),
        (flt.target, ("target",)),
    ):
        if not values:
            continue
        sql, actor_params = _actor_condition(values, roles)
        if sql:
            clauses.append(sql)
            params += actor_params
    _choice_clauses(db, flt, ("e.type", "e.mode", "e.quad_class"), clauses, params)
    if flt.since:
        clauses.append("e.event_day >= ?")
        params.append(parse_period(flt.since, param="since"))
    if flt.until:
        clauses.append("e.event_day <= ?")
        params.append(parse_period(flt.until, end=True, param="until"))
    if flt.country:
        alternatives = []
        for value in flt.country:
            code = resolve_country(value)
            if code is not None:
                alternatives.append("e.location_country = ?")
                params.append(code)
            else:
                alternatives.append(
                    _CONTAINS.format("json_extract_string(e.location, '$.text')")
                    + " OR "
                    + _CONTAINS.format("json_extract_string(e.location, '$.name')")
                )
                params += [value.strip(), value.strip()]
        clauses.append("(" + " OR ".join(alternatives) + ")")
    if flt.text:
        alternatives = []
        for value in flt.text:
            alternatives.append(_CONTAINS.format("v.text"))
            params.append(value)
        clauses.append(
            "EXISTS (SELECT 1 FROM evidence v WHERE v.event_id = e.event_id AND ("
            + " OR ".join(alternatives)
            + "))"
        )
    if flt.article:
        clauses.append(f"e.article_id IN ({', '.join('?' for _ in flt.article)})")
        params += list(flt.article)
    return " AND ".join(clauses), params


#: The former private name, still imported by callers written before :func:`where_sql`.
_where = where_sql


def _parse_count_by(
    count_by: str | Sequence[str] | None,
    allowed: Mapping[str, str] = COUNT_BY,
    level: str = "events",
) -> list[str]:
    if not count_by:
        return []
    items = (
        count_by.split(",")
        if isinstance(count_by, str)
        else [part for item in count_by for part in str(item).split(",")]
    )
    keys = []
    for item in items:
        key = item.strip().lower()
        if not key:
            continue
        if key not in allowed:
            what = " for clusters" if level == "clusters" else ""
            message = (
                f"Unknown count-by column {item.strip()!r}{what}. "
                f"Allowed values: {', '.join(allowed)}."
            )
            if level == "clusters" and key in COUNT_BY:
                message += f" {key} counts events only: query --level events."
            raise InvalidFilter(message, param="count_by", allowed=tuple(allowed))
        if key not in keys:
            keys.append(key)
    return keys


# -- clusters ----------------------------------------------------------------------------

def _day_of(column: str) -> str:
    """The first day a date column (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) covers, as
    ``event_day`` is for events."""
    return (
        f"TRY_CAST(CASE length({column}) WHEN 4 THEN {column} || '-01-01' "
        f"WHEN 7 THEN {column} || '-01' ELSE {column} END AS DATE)"
    )


_CLUSTER_DAY = _day_of("c.date")


def _codes(json_text: str) -> str:
    """The distinct actor codes (country, else IGO) of a JSON list of actors."""
    return (
        f"list_distinct(list_filter(list_transform(CAST(CAST({json_text} AS JSON) AS JSON[]), "
        "lambda x: coalesce(x->>'country', x->>'igo')), lambda y: y IS NOT NULL))"
    )


#: count-by key for clusters -> expression on the per-cluster columns of
#: :func:`_cluster_count_inner`. Only these fixed strings reach the SQL text.
CLUSTER_COUNT_BY: dict[str, str] = {
    "month": "_day",
    "year": "year(_day)",
    "day": "_day",
    "source": "_source",
    "target": "_target",
    "type": "_type",
    "mode": "_mode",
    "quad": "_quad",
    "cameo": "_cameo",
    "country": "_country",
}
_CLUSTER_GROUP_EXPR = {"month": "date_trunc('month', _day)"}
#: count-by key -> the per-cluster column it needs, when not ``_<key>``
_CLUSTER_KEY_COLUMN = {"month": "_day", "year": "_day", "source": "_src", "target": "_tgt"}

#: per-cluster column -> (JSON path in the cluster record, how to read the text)
_CLUSTER_JSON = {
    "_mode": ("$.mode", "{}"),
    "_quad": ("$.quad_class", "TRY_CAST({} AS INTEGER)"),
    "_cameo": ("$.cameo", "{}"),
    "_country": ("$.location.country", "{}"),
    "_goldstein": ("$.goldstein", "TRY_CAST({} AS DOUBLE)"),
    "_src": ("$.sources", _codes("{}")),
    "_tgt": ("$.targets", _codes("{}")),
}
#: per-cluster column -> expression on the table's own columns (``_date`` is ``c.date``)
_CLUSTER_PLAIN = {
    "_day": _day_of("_date"),
    "_type": "_type",
    "_events": "_events",
    "_articles": "_articles",
}


def _json_value(name: str) -> str:
    """A value of the cluster record, for conditions on ``clusters c``."""
    path, read = _CLUSTER_JSON[name]
    return read.format(f"json_extract_string(c.cluster, '{path}')")


def _table_exists(con: Any, name: str) -> bool:
    rows = con.execute(
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_name = ? AND table_schema = 'main'",
        [name],
    ).fetchall()
    return bool(rows[0][0])


def has_clusters(db: Database) -> bool:
    """Whether the database holds clusters (``eventwire cluster`` or ingest made them)."""
    if not _table_exists(db.con, "clusters"):
        return False
    return bool(db.con.execute("SELECT EXISTS (SELECT 1 FROM clusters)").fetchall()[0][0])


def cluster_where_sql(
    db: Database, filters: EventFilter | Mapping[str, Any] | None
) -> tuple[str, list[Any]]:
    """The filter as an SQL condition on ``clusters`` (alias ``c``) and its parameters.

    ``type``, ``mode``, ``quad``, ``since``/``until`` and ``country`` test the cluster's
    canonical values (its type, mode, quad class, date and location); ``actor``,
    ``source``, ``target``, ``text`` and ``article`` hold when any member event matches
    (through ``cluster_members`` and the events' filter of :func:`where_sql`).

    Raises:
        InvalidFilter: an unknown filter or value, naming the allowed ones.
    """
    flt = EventFilter.from_mapping(filters)
    clauses: list[str] = []
    params: list[Any] = []
    members = EventFilter(
        actor=flt.actor, source=flt.source, target=flt.target, text=flt.text, article=flt.article
    )
    member_where, member_params = where_sql(db, members)
    if member_where:
        clauses.append(
            "c.cluster_id IN (SELECT m.cluster_id FROM cluster_members m "
            f"JOIN events e ON e.event_id = m.event_id WHERE {member_where})"
        )
        params += member_params
    _choice_clauses(
        db, flt, ("c.type", _json_value("_mode"), _json_value("_quad")), clauses, params
    )
    if flt.since:
        clauses.append(f"{_CLUSTER_DAY} >= ?")
        params.append(parse_period(flt.since, param="since"))
    if flt.until:
        clauses.append(f"{_CLUSTER_DAY} <= ?")
        params.append(parse_period(flt.until, end=True, param="until"))
    if flt.country:
        alternatives = []
        for value in flt.country:
            code = resolve_country(value)
            if code is not None:
                alternatives.append(f"{_json_value('_country')} = ?")
                params.append(code)
            else:
                alternatives.append(
                    _CONTAINS.format("json_extract_string(c.cluster, '$.location.text')")
                    + " OR "
                    + _CONTAINS.format("json_extract_string(c.cluster, '$.location.name')")
                )
                params += [value.strip(), value.strip()]
        clauses.append("(" + " OR ".join(alternatives) + ")")
    return " AND ".join(clauses), params


def _cluster_count_inner(keys: Sequence[str], where_clause: str) -> str:
    needed = {"_quad", "_goldstein", "_events", "_articles"}
    needed |= {_CLUSTER_KEY_COLUMN.get(k, f"_{k}") for k in keys}
    # The record is parsed once per cluster: one json_extract_string of every path.
    from_json = sorted(n for n in needed if n in _CLUSTER_JSON)
    paths = ", ".join(f"'{_CLUSTER_JSON[n][0]}'" for n in from_json)
    columns = [f"{_CLUSTER_PLAIN[n]} AS {n}" for n in sorted(needed) if n in _CLUSTER_PLAIN]
    columns += [
        f"{_CLUSTER_JSON[n][1].format(f'_j[{i}]')} AS {n}" for i, n in enumerate(from_json, 1)
    ]
    base = (
        f"SELECT {', '.join(columns)} FROM (SELECT c.date AS _date, c.type AS _type, "
        "c.num_events AS _events, c.num_articles AS _articles, "
        f"json_extract_string(c.cluster, [{paths}]) AS _j FROM clusters c {where_clause})"
    )
    # One unnest per level, so that source x target is a cross product (dyads); a
    # cluster without a coded actor on a side falls in the null group.
    for side, name in (("_src", "_source"), ("_tgt", "_target")):
        if side in needed:
            base = (
                f"SELECT * EXCLUDE ({side}), unnest(CASE WHEN coalesce(len({side}), 0) = 0 "
                f"THEN [NULL::VARCHAR] ELSE {side} END) AS {name} FROM ({base})"
            )
    inner_keys = ", ".join(
        f'{_CLUSTER_GROUP_EXPR.get(k, CLUSTER_COUNT_BY[k])} AS "{k}"' for k in keys
    )
    group = ", ".join(str(i + 1) for i in range(len(keys)))
    return (
        f"SELECT {inner_keys}, count(*) AS clusters, CAST(sum(_events) AS BIGINT) AS events, "
        "CAST(sum(_articles) AS BIGINT) AS articles, sum(_goldstein) AS goldstein_sum, "
        "count(_goldstein) AS goldstein_n, "
        "count(*) FILTER (WHERE _quad = 1) AS quad1, "
        "count(*) FILTER (WHERE _quad = 2) AS quad2, "
        "count(*) FILTER (WHERE _quad = 3) AS quad3, "
        "count(*) FILTER (WHERE _quad = 4) AS quad4 "
        f"FROM ({base}) GROUP BY {group}"
    )


def _event_count_inner(keys: Sequence[str], where_clause: str) -> str:
    joins = ""
    for role, alias in (("source", "src"), ("target", "tgt")):
        if role in keys:
            # first_code: an event counts once per distinct code of the role (dyads)
            joins += (
                f" LEFT JOIN (SELECT event_key, code FROM actors WHERE role = '{role}' "
                f"AND first_code) {alias} ON {alias}.event_key = e.event_key"
            )
    # Group on cheap values, format them after aggregation (strftime per row is costly).
    inner_keys = ", ".join(f'{GROUP_EXPR.get(k, COUNT_BY[k])} AS "{k}"' for k in keys)
    group = ", ".join(str(i + 1) for i in range(len(keys)))
    return (
        f"SELECT {inner_keys}, count(*) AS events, sum(e.goldstein) AS goldstein_sum, "
        "count(e.goldstein) AS goldstein_n, "
        "count(*) FILTER (WHERE e.quad_class = 1) AS quad1, "
        "count(*) FILTER (WHERE e.quad_class = 2) AS quad2, "
        "count(*) FILTER (WHERE e.quad_class = 3) AS quad3, "
        "count(*) FILTER (WHERE e.quad_class = 4) AS quad4 "
        f"FROM events e{joins} {where_clause} GROUP BY {group}"
    )


_QUADS = ("quad1", "quad2", "quad3", "quad4")


def _count_sql(inner: str, keys: Sequence[str], counts: Sequence[str], *, raw: bool) -> str:
    """Group rows with formatted keys: rounded Goldstein sum and mean, or (``raw``) the
    sum and the number of Goldstein values, for adding up partial answers."""
    outer_keys = ", ".join(
        f'{OUTPUT_EXPR[k]} AS "{k}"' if k in OUTPUT_EXPR else f'"{k}"' for k in keys
    )
    if raw:
        measures = [*counts, "goldstein_sum", "goldstein_n", *_QUADS]
    else:
        measures = [
            *counts,
            "round(goldstein_sum, 4) AS goldstein_sum",
            "round(goldstein_sum / nullif(goldstein_n, 0), 4) AS goldstein_mean",
            *_QUADS,
        ]
    return f"SELECT {outer_keys}, {', '.join(measures)} FROM ({inner})"


def _order_keys(keys: Sequence[str]) -> str:
    return ", ".join(f'"{k}" NULLS LAST' for k in keys)


def _merge_counts(
    parts: Iterable[Iterable[Mapping[str, Any]]], keys: Sequence[str], counts: Sequence[str]
) -> list[dict[str, Any]]:
    """Add up raw group rows of several answers (same keys), formatted and sorted."""
    sums = (*counts, "goldstein_sum", "goldstein_n", *_QUADS)
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for rows in parts:
        for row in rows:
            key = tuple(row[k] for k in keys)
            item = groups.get(key)
            if item is None:
                item = groups[key] = {**{k: row[k] for k in keys}, **{s: 0 for s in sums}}
            for name in sums:
                item[name] += row.get(name) or 0
    out = []
    for item in groups.values():
        n = item.pop("goldstein_n")
        total = item.pop("goldstein_sum")
        quads = {q: item.pop(q) for q in _QUADS}
        item["goldstein_sum"] = round(total, 4) if n else None
        item["goldstein_mean"] = round(total / n, 4) if n else None
        item.update(quads)
        out.append(item)
    out.sort(key=lambda r: tuple((r[k] is None, r[k]) for k in keys))
    return out


def _counts_schema(stored: pyarrow.Table, keys: Sequence[str], counts: Sequence[str]) -> Any:
    import pyarrow as pa

    fields = [stored.schema.field(k) for k in keys]
    fields += [pa.field(c, pa.int64()) for c in counts]
    fields += [pa.field("goldstein_sum", pa.float64()), pa.field("goldstein_mean", pa.float64())]
    fields += [pa.field(q, pa.int64()) for q in _QUADS]
    return pa.schema(fields)


# -- reviews -----------------------------------------------------------------------------

_IN = "IN (SELECT unnest(?))"  # membership in a list bound as one parameter


def _reviewed_ids(db: Database) -> list[str]:
    """Ids of the events with at least one review (one cheap query when there are none)."""
    from .reviews import has_reviews

    if not has_reviews(db):
        return []
    rows = db.con.execute("SELECT DISTINCT event_id FROM reviews ORDER BY 1").fetchall()
    return [r[0] for r in rows]


class _Scratch:
    """An in-memory DuckDB with the store's ``events``, ``actors`` and ``evidence``
    tables (and, given clusters, the cluster tables): the filters' SQL runs on it as on
    the database."""

    def __init__(
        self,
        events: Iterable[Mapping[str, Any]],
        clusters: Sequence[Mapping[str, Any]] | None = None,
        members: Sequence[Mapping[str, Any]] | None = None,
    ) -> None:
        import duckdb

        self.con = duckdb.connect(":memory:")
        tables = (
            ("events", schema.EVENT_COLUMNS),
            ("actors", schema.ACTOR_COLUMNS),
            ("evidence", schema.EVIDENCE_COLUMNS),
        )
        for name, columns in tables:
            body = ", ".join(f'"{c.name}" {c.sql}' for c in columns)
            self.con.execute(f"CREATE TABLE {name} ({body})")
        event_rows, actor_rows, evidence_rows = [], [], []
        for key, event in enumerate(events, 1):
            row = schema.event_row(event)
            row["event_key"] = key  # the store joins events and actors on this integer
            event_rows.append(row)
            actor_rows += schema.actor_rows(event, key)
            evidence_rows += schema.evidence_rows(event)
        for (name, columns), rows in zip(
            tables, (event_rows, actor_rows, evidence_rows), strict=True
        ):
            if rows:
                self._insert(name, schema.to_arrow(columns, rows))
        if clusters is not None:
            import pyarrow as pa

            from .clusters import ensure_tables

            ensure_tables(self)
            if clusters:
                self._insert("clusters", pa.Table.from_pylist(list(clusters), schema=_CLUSTER_ROW))
            if members:
                self._insert(
                    "cluster_members", pa.Table.from_pylist(list(members), schema=_MEMBER_ROW)
                )

    def _insert(self, table: str, arrow: Any) -> None:
        self.con.register("_ew_scratch_rows", arrow)
        try:
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _ew_scratch_rows")
        finally:
            self.con.unregister("_ew_scratch_rows")

    def arrow(self, sql: str, params: Sequence[Any] = ()) -> pyarrow.Table:
        return self.con.sql(sql, params=list(params)).to_arrow_table()

    def close(self) -> None:
        self.con.close()


def _arrow_schema(fields: Sequence[tuple[str, str]]) -> Any:
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int32()}
    return pa.schema([pa.field(name, types[kind]) for name, kind in fields])


_CLUSTER_ROW = _arrow_schema(
    [
        ("cluster_id", "str"), ("component_id", "str"), ("type", "str"), ("date", "str"),
        ("date_precision", "str"), ("num_events", "int"), ("num_articles", "int"),
        ("num_sources", "int"), ("num_mentions", "int"), ("first_reported", "str"),
        ("last_reported", "str"), ("cluster", "str"),
    ]
)  # fmt: skip
_MEMBER_ROW = _arrow_schema(
    [("event_id", "str"), ("cluster_id", "str"), ("component_id", "str"), ("article_id", "str")]
)


@dataclass(slots=True)
class _Overlay:
    """Reviewed rows to answer from ``scratch`` instead of the database.

    ``excluded``: ids (event or cluster ids) the database answer leaves out; the
    scratch database holds their reviewed versions (rejected events are not there).
    """

    excluded: list[str]
    scratch: _Scratch | None = None
    clusters: list[dict[str, Any]] = field(default_factory=list)

    def close(self) -> None:
        if self.scratch is not None:
            self.scratch.close()


def _event_overlay(db: Database) -> _Overlay | None:
    ids = _reviewed_ids(db)
    if not ids:
        return None
    from .reviews import iter_reviewed

    live = list(iter_reviewed(db, db.iter_events(f"e.event_id {_IN}", [ids])))
    return _Overlay(ids, _Scratch(live))


def _cluster_key(record: Mapping[str, Any]) -> tuple[Any, ...]:
    """Python twin of ``ORDER BY first_reported NULLS LAST, cluster_id``."""
    first = record.get("first_reported")
    return (first is None, first or "", record.get("cluster_id") or "")


def _cluster_overlay(db: Database, *, scratch: bool = True) -> _Overlay | None:
    """Clusters with a reviewed member, rebuilt from their members as reviewed.

    Rejected members leave, corrected ones come with their new fields, and the members
    left are clustered again among themselves (``dedup`` on just these events), so a
    correction that breaks a link splits the cluster. Each rebuilt cluster carries
    ``review: {rebuilt_from, reviewed_events, rejected_events}`` and its reviewed
    members ``review: <status>``.
    """
    ids = _reviewed_ids(db)
    if not ids or not has_clusters(db):
        return None
    from ..dedup import cluster_components
    from .reviews import STATUS, reviewed_event, reviews_for

    rows = db.rows(
        "SELECT cluster_id, event_id FROM cluster_members WHERE cluster_id IN "
        f"(SELECT DISTINCT cluster_id FROM cluster_members WHERE event_id {_IN}) "
        "ORDER BY cluster_id, event_id",
        [ids],
    )
    if not rows:
        return None
    by_cluster: dict[str, list[str]] = {}
    for row in rows:
        by_cluster.setdefault(row["cluster_id"], []).append(row["event_id"])
    member_ids = sorted({r["event_id"] for r in rows})
    stored = {e["event_id"]: e for e in db.iter_events(f"e.event_id {_IN}", [member_ids])}
    found = reviews_for(db, member_ids)
    rebuilt: list[dict[str, Any]] = []
    cluster_rows: list[dict[str, Any]] = []
    member_rows: list[dict[str, Any]] = []
    live_events: list[dict[str, Any]] = []
    for cluster_id, event_ids in by_cluster.items():
        events = [reviewed_event(stored[i], found.get(i, [])) for i in event_ids if i in stored]
        status = {
            e["event_id"]: e["review"]["status"] for e in events if e.get("review") is not None
        }
        rejected = sorted(i for i, s in status.items() if s == STATUS["reject"])
        live = [e for e in events if e["event_id"] not in rejected]
        live_events += live
        for component in cluster_components(live):
            for cluster in component.clusters:
                for member in cluster["members"]:
                    if member["event_id"] in status:
                        member["review"] = status[member["event_id"]]
                cluster["review"] = {
                    "rebuilt_from": cluster_id,
                    "reviewed_events": [
                        m["event_id"] for m in cluster["members"] if m["event_id"] in status
                    ],
                    "rejected_events": rejected,
                }
                rebuilt.append(cluster)
                if scratch:
                    cluster_rows.append(
                        {
                            **{k: cluster.get(k) for k in _CLUSTER_ROW.names},
                            "component_id": component.component_id,
                            "cluster": json.dumps(cluster, ensure_ascii=False),
                        }
                    )
                    member_rows += [
                        {
                            "event_id": m["event_id"],
                            "cluster_id": cluster["cluster_id"],
                            "component_id": component.component_id,
                            "article_id": m["article_id"],
                        }
                        for m in cluster["members"]
                    ]
    rebuilt.sort(key=_cluster_key)
    overlay = _Overlay(sorted(by_cluster), clusters=rebuilt)
    if scratch:
        overlay.scratch = _Scratch(live_events, cluster_rows, member_rows)
    return overlay


def iter_reviewed_clusters(db: Database, *, reviews: bool = True) -> Iterator[dict[str, Any]]:
    """Every stored cluster record, with reviews applied, by first report then id.

    Streams :func:`eventwire.store.clusters.iter_clusters`; clusters with a reviewed
    member are replaced by their rebuilt versions (see :func:`query_clusters`). Costs
    one query more than ``iter_clusters`` when the database has no reviews.
    """
    from .clusters import iter_clusters

    overlay = _cluster_overlay(db, scratch=False) if reviews else None
    if overlay is None:
        yield from iter_clusters(db)
        return
    skip = set(overlay.excluded)
    stored = (c for c in iter_clusters(db) if c.get("cluster_id") not in skip)
    yield from heapq.merge(stored, overlay.clusters, key=_cluster_key)


# -- the query functions -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Level:
    kind: str
    select: str
    order: str
    exclude: str
    counts: tuple[str, ...]
    inner: Callable[[Sequence[str], str], str]
    sort_key: Callable[[Mapping[str, Any]], tuple[Any, ...]]


def _event_key(row: Mapping[str, Any]) -> tuple[Any, ...]:
    """Python twin of ``ORDER BY e.event_day NULLS LAST, e.article_id, e.event_id``."""
    day = row.get("event_day")
    return (day is None, day or date.min, row.get("article_id") or "", row.get("event_id") or "")


_EVENTS = _Level(
    kind="events",
    select="SELECT e.* FROM events e",
    order="e.event_day NULLS LAST, e.article_id, e.event_id",
    exclude="e.event_id",
    counts=("events",),
    inner=_event_count_inner,
    sort_key=_event_key,
)
_CLUSTERS = _Level(
    kind="clusters",
    select="SELECT c.* FROM clusters c",
    order="c.first_reported NULLS LAST, c.cluster_id",
    exclude="c.cluster_id",
    counts=("clusters", "events", "articles"),
    inner=_cluster_count_inner,
    sort_key=_cluster_key,
)


def _run(
    db: Database,
    level: _Level,
    where: str,
    params: list[Any],
    keys: list[str],
    limit: int | None,
    offset: int,
    overlay: _Overlay | None,
) -> QueryResult:
    import pyarrow as pa

    offset = int(offset or 0)
    if overlay is None or overlay.scratch is None:
        where_clause = f"WHERE {where}" if where else ""
        page = ""
        page_params: list[Any] = []
        if limit is not None:
            page += " LIMIT ?"
            page_params.append(int(limit))
        if offset:
            page += " OFFSET ?"
            page_params.append(offset)
        if keys:
            sql = _count_sql(level.inner(keys, where_clause), keys, level.counts, raw=False)
            sql += f" ORDER BY {_order_keys(keys)}{page}"
        else:
            sql = f"{level.select} {where_clause} ORDER BY {level.order}{page}"
        all_params = params + page_params
        kind = "counts" if keys else level.kind
        return QueryResult(kind, db.arrow(sql, all_params), sql, all_params)
    # Reviews: the database answers for the rows nobody reviewed, the scratch database
    # (reviewed versions, rejected ones left out) for the others; the two are merged.
    stored_where = " AND ".join(
        c for c in (f"({where})" if where else "", f"{level.exclude} NOT {_IN}") if c
    )
    stored_params = [*params, overlay.excluded]
    local_where = f"WHERE {where}" if where else ""
    end = None if limit is None else offset + int(limit)
    if keys:
        sql = _count_sql(level.inner(keys, f"WHERE {stored_where}"), keys, level.counts, raw=True)
        stored = db.arrow(sql, stored_params)
        local_sql = _count_sql(level.inner(keys, local_where), keys, level.counts, raw=True)
        local = overlay.scratch.arrow(local_sql, params)
        rows = _merge_counts([stored.to_pylist(), local.to_pylist()], keys, level.counts)
        table = pa.Table.from_pylist(
            rows[offset:end], schema=_counts_schema(stored, keys, level.counts)
        )
        return QueryResult("counts", table, sql, stored_params)
    top, top_params = "", []
    if end is not None:
        top, top_params = " LIMIT ?", [end]
    sql = f"{level.select} WHERE {stored_where} ORDER BY {level.order}{top}"
    stored = db.arrow(sql, stored_params + top_params)
    local = overlay.scratch.arrow(f"{level.select} {local_where} ORDER BY {level.order}", params)
    rows = sorted(stored.to_pylist() + local.to_pylist(), key=level.sort_key)
    table = pa.Table.from_pylist(rows[offset:end], schema=stored.schema)
    return QueryResult(level.kind, table, sql, stored_params + top_params)


def query_events(
    db: Database,
    filters: EventFilter | Mapping[str, Any] | None = None,
    *,
    count_by: str | Sequence[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
    reviews: bool = True,
) -> QueryResult:
    """Select events, or count them by groups.

    Args:
        db: an open database.
        filters: an :class:`EventFilter` or a dict of its fields.
        count_by: group keys from :data:`COUNT_BY` (a list, or ``"month,source"``).
            With ``source``/``target`` an event counts once per distinct source/target
            code (dyads); events without a coded actor fall in the null group.
        limit: at most this many rows.
        offset: skip this many rows first.
        reviews: apply the human reviews (:mod:`eventwire.store.reviews`): rejected
            events are left out, corrected ones are filtered, counted and returned with
            their corrected fields and a ``review`` key (kept in the ``extra`` column
            of ``table``). False gives the events as coded. Without any review in the
            database this costs one small query.

    Returns:
        A :class:`QueryResult`: events ordered by date, article and id, or groups
        ordered by their keys. With reviews, ``sql`` is the part that ran on the
        database (the reviewed events are answered from a scratch copy).

    Raises:
        InvalidFilter: an unknown filter, value or count-by key, naming the allowed ones.
    """
    flt = EventFilter.from_mapping(filters)
    where, params = where_sql(db, flt)
    keys = _parse_count_by(count_by)
    overlay = _event_overlay(db) if reviews else None
    try:
        return _run(db, _EVENTS, where, params, keys, limit, offset, overlay)
    finally:
        if overlay is not None:
            overlay.close()


def query_clusters(
    db: Database,
    filters: EventFilter | Mapping[str, Any] | None = None,
    *,
    count_by: str | Sequence[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
    reviews: bool = True,
) -> QueryResult:
    """Select clusters (one row per real-world event), or count them by groups.

    Args:
        db: an open database with clusters (:func:`has_clusters`; ``eventwire cluster``
            makes them). Without the cluster tables the answer is empty.
        filters: as for :func:`query_events`; see :func:`cluster_where_sql` for which
            filters test the cluster's canonical values and which any member event.
        count_by: group keys from :data:`CLUSTER_COUNT_BY`: ``month``/``year``/``day``
            of the cluster date, its ``type``, ``mode``, ``quad``, ``cameo``, location
            ``country``, and ``source``/``target`` (a cluster counts once per distinct
            code of its canonical actors). Groups give ``clusters``, their ``events``
            and ``articles``, Goldstein sum and mean, and quad-class counts.
        limit: at most this many rows.
        offset: skip this many rows first.
        reviews: apply the human reviews: a cluster with a reviewed member is rebuilt
            from its members as reviewed (rejected ones left out; see
            :func:`iter_reviewed_clusters`).

    Returns:
        A :class:`QueryResult` of kind ``clusters`` (``rows()`` yields the cluster
        records, ordered by first report then id) or ``counts``.

    Raises:
        InvalidFilter: an unknown filter, value or count-by key, naming the allowed ones.
    """
    import pyarrow as pa

    flt = EventFilter.from_mapping(filters)
    where, params = cluster_where_sql(db, flt)
    keys = _parse_count_by(count_by, CLUSTER_COUNT_BY, "clusters")
    if not _table_exists(db.con, "clusters"):
        if keys:
            names = [*keys, *_CLUSTERS.counts, "goldstein_sum", "goldstein_mean", *_QUADS]
            return QueryResult("counts", pa.table({n: pa.array([]) for n in names}), "", [])
        empty = pa.table({n: pa.array([], pa.string()) for n in ("cluster_id", "cluster")})
        return QueryResult("clusters", empty, "", [])
    overlay = _cluster_overlay(db) if reviews else None
    try:
        return _run(db, _CLUSTERS, where, params, keys, limit, offset, overlay)
    finally:
        if overlay is not None:
            overlay.close()


def _choice_clauses(
    db: Database, flt: EventFilter, columns: tuple[str, str, str], clauses: list[str], params: list[Any]
) -> None:
    """The type, mode and quad filters over the given column expressions (events or clusters)."""
    type_col, mode_col, quad_col = columns
    if flt.type:
        types = _check_choice(
            flt.type, PLOVER_TYPES, "event type", "type", TYPE_ALIASES, upper=True
        )
        clauses.append(f"{type_col} IN ({', '.join('?' for _ in types)})")
        params += types
    if flt.mode:
        modes = _check_choice([m.lower() for m in flt.mode], _known_modes(db), "mode", "mode")
        clauses.append(f"{mode_col} IN ({', '.join('?' for _ in modes)})")
        params += modes
    if flt.quad:
        quads = _check_choice(flt.quad, QUADS, "quad class", "quad")
        clauses.append(f"{quad_col} IN ({', '.join('?' for _ in quads)})")
        params += [int(q) for q in quads]
