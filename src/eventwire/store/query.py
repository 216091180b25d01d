"""Filter and aggregate stored events: the one query function the CLI and the API share.

Every user value is bound as a parameter; only names from fixed tables in this module
are ever put into the SQL text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
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
    "COUNT_BY",
    "EventFilter",
    "InvalidFilter",
    "QueryResult",
    "parse_period",
    "query_events",
    "resolve_country",
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
        kind: ``events`` (one row per event) or ``counts`` (one row per group).
        table: the rows as an Arrow table. For ``events`` these are the ``events``
            columns (nested fields as JSON text); for ``counts`` the group keys then
            ``events``, ``goldstein_sum``, ``goldstein_mean``, ``quad1`` .. ``quad4``.
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
        """Contract dicts for ``events``; plain dicts for ``counts``."""
        for batch in self.table.to_batches():
            for row in batch.to_pylist():
                yield schema.event_from_row(row) if self.kind == "events" else row


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


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


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
            alternatives.append("(a.code = ? OR lower(a.text) LIKE ? ESCAPE '\\')")
            params += [code, _like(text)]
        else:
            alternatives.append("lower(a.text) LIKE ? ESCAPE '\\'")
            params.append(_like(text))
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


def _where(db: Database, flt: EventFilter) -> tuple[str, list[Any]]:
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
    if flt.type:
        types = _check_choice(
            flt.type, PLOVER_TYPES, "event type", "type", TYPE_ALIASES, upper=True
        )
        clauses.append(f"e.type IN ({', '.join('?' for _ in types)})")
        params += types
    if flt.mode:
        modes = _check_choice([m.lower() for m in flt.mode], _known_modes(db), "mode", "mode")
        clauses.append(f"e.mode IN ({', '.join('?' for _ in modes)})")
        params += modes
    if flt.quad:
        quads = _check_choice(flt.quad, QUADS, "quad class", "quad")
        clauses.append(f"e.quad_class IN ({', '.join('?' for _ in quads)})")
        params += [int(q) for q in quads]
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
                    "lower(json_extract_string(e.location, '$.text')) LIKE ? ESCAPE '\\' "
                    "OR lower(json_extract_string(e.location, '$.name')) LIKE ? ESCAPE '\\'"
                )
                params += [_like(value), _like(value)]
        clauses.append("(" + " OR ".join(alternatives) + ")")
    if flt.text:
        alternatives = []
        for value in flt.text:
            alternatives.append("lower(v.text) LIKE ? ESCAPE '\\'")
            params.append(_like(value))
        clauses.append(
            "EXISTS (SELECT 1 FROM evidence v WHERE v.event_id = e.event_id AND ("
            + " OR ".join(alternatives)
            + "))"
        )
    if flt.article:
        clauses.append(f"e.article_id IN ({', '.join('?' for _ in flt.article)})")
        params += list(flt.article)
    return " AND ".join(clauses), params


def _parse_count_by(count_by: str | Sequence[str] | None) -> list[str]:
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
        if key not in COUNT_BY:
            raise InvalidFilter(
                f"Unknown count-by column {item.strip()!r}. Allowed values: {', '.join(COUNT_BY)}.",
                param="count_by",
                allowed=tuple(COUNT_BY),
            )
        if key not in keys:
            keys.append(key)
    return keys


def query_events(
    db: Database,
    filters: EventFilter | Mapping[str, Any] | None = None,
    *,
    count_by: str | Sequence[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
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

    Returns:
        A :class:`QueryResult`: events ordered by date, article and id, or groups
        ordered by their keys.

    Raises:
        InvalidFilter: an unknown filter, value or count-by key, naming the allowed ones.
    """
    flt = EventFilter.from_mapping(filters)
    where, params = _where(db, flt)
    keys = _parse_count_by(count_by)
    where_sql = f"WHERE {where}" if where else ""
    page = ""
    if limit is not None:
        page += " LIMIT ?"
    if offset:
        page += " OFFSET ?"
    page_params = ([int(limit)] if limit is not None else []) + ([int(offset)] if offset else [])
    if not keys:
        sql = (
            f"SELECT e.* FROM events e {where_sql} "
            f"ORDER BY e.event_day NULLS LAST, e.article_id, e.event_id{page}"
        )
        all_params = params + page_params
        return QueryResult("events", db.arrow(sql, all_params), sql, all_params)
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
    outer_keys = ", ".join(
        f'{OUTPUT_EXPR[k]} AS "{k}"' if k in OUTPUT_EXPR else f'"{k}"' for k in keys
    )
    group = ", ".join(str(i + 1) for i in range(len(keys)))
    order = ", ".join(f'"{k}" NULLS LAST' for k in keys)
    sql = (
        f"SELECT {outer_keys}, events, round(goldstein_sum, 4) AS goldstein_sum, "
        "round(goldstein_sum / nullif(goldstein_n, 0), 4) AS goldstein_mean, "
        "quad1, quad2, quad3, quad4 FROM ("
        f"SELECT {inner_keys}, count(*) AS events, sum(e.goldstein) AS goldstein_sum, "
        "count(e.goldstein) AS goldstein_n, "
        "count(*) FILTER (WHERE e.quad_class = 1) AS quad1, "
        "count(*) FILTER (WHERE e.quad_class = 2) AS quad2, "
        "count(*) FILTER (WHERE e.quad_class = 3) AS quad3, "
        "count(*) FILTER (WHERE e.quad_class = 4) AS quad4 "
        f"FROM events e{joins} {where_sql} GROUP BY {group}) "
        f"ORDER BY {order}{page}"
    )
    all_params = params + page_params
    return QueryResult("counts", db.arrow(sql, all_params), sql, all_params)
