"""Human review of coded events: accept, reject or correct, stored and applied everywhere.

A reviewer looks at an event with its evidence and either accepts it, rejects it, or
corrects some of its fields (type, mode, sources, targets, claimed_by, date,
quantities). Every review is one row of the ``reviews`` table, never updated or
deleted: the table is the audit log (who, when, what changed, and why).

The effective state of an event is its coded version with its reviews replayed in
order (:func:`reviewed_event`):

* corrections accumulate; a later correction of a field wins;
* the last review gives the status: ``accepted``, ``rejected`` or ``corrected``;
* a reviewed event carries ``review: {status, reviewer, time, note, fields, reviews}``
  (``fields``: the corrected contract fields; ``reviews``: how many reviews it has).

:func:`apply_reviews` is the one call the query, export and API code make: rejected
events are dropped and corrected ones come back with their fields replaced.
:func:`export_gold` writes the reviewed articles as a gold file for
``shared/eval/score.py``.

Table ``reviews`` (created with ``CREATE TABLE IF NOT EXISTS`` by
:func:`ensure_reviews_table`, so no schema migration is needed):

=============  ==========  ==============================================================
review_id      VARCHAR     ``<UTC time>-<random>``: sorts in the order reviews were made
event_id       VARCHAR     the reviewed event
article_id     VARCHAR     its article
action         VARCHAR     ``accept``, ``reject`` or ``correct``
reviewer       VARCHAR     who (free text, required)
note           VARCHAR     why (free text, optional)
time           TIMESTAMP   when (UTC)
changes        JSON        corrections: ``{field: {"from": old, "to": new}}``; derived
                           fields (``cameo``, ``quad_class``, ``goldstein``,
                           ``date_precision`` ...) are listed too, so replaying a review
                           needs nothing but this row
=============  ==========  ==============================================================
"""

from __future__ import annotations

import json
import math
import os
import re
import secrets
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..errors import EventwireError

if TYPE_CHECKING:
    from .database import Database

__all__ = [
    "ACTIONS",
    "CORRECTABLE",
    "EventNotFound",
    "QUALIFIERS",
    "QUANTITY_KINDS",
    "ReviewError",
    "apply_reviews",
    "ensure_reviews_table",
    "export_gold",
    "gold_record",
    "has_reviews",
    "iter_reviewed",
    "record_review",
    "reviewed_event",
    "reviews_for",
    "reviews_version",
]

ACTIONS = ("accept", "reject", "correct")
STATUS = {"accept": "accepted", "reject": "rejected", "correct": "corrected"}
#: Contract fields a reviewer may correct.
CORRECTABLE = ("type", "mode", "sources", "targets", "claimed_by", "date", "quantities")
QUANTITY_KINDS = ("dead", "injured", "arrested", "size")
QUALIFIERS = ("exact", "approx", "at_least", "more_than", "at_most", "range")

#: Limits on what one review may hold (reviews come from a web form or the REST API).
MAX_REVIEWER = 100
MAX_NOTE = 2000
MAX_TEXT = 300
MAX_ITEMS = 20

#: Events looked up per query by :func:`iter_reviewed`.
BATCH = 1000

_TABLE_SQL = (
    "CREATE TABLE IF NOT EXISTS reviews ("
    "review_id VARCHAR PRIMARY KEY, event_id VARCHAR NOT NULL, article_id VARCHAR, "
    "action VARCHAR NOT NULL, reviewer VARCHAR NOT NULL, note VARCHAR, "
    "time TIMESTAMP NOT NULL, changes JSON)"
)
_CODE_RE = re.compile(r"^[A-Z][A-Z0-9-]{0,11}$")
_SECTOR_RE = re.compile(r"^[A-Z]{2,6}$")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ReviewError(EventwireError, ValueError):
    """A review is not valid; ``param`` names the offending field (``changes.date`` ...)."""

    def __init__(self, message: str, *, param: str) -> None:
        super().__init__(message)
        self.param = param


class EventNotFound(EventwireError, LookupError):
    """No stored event has this id."""

    def __init__(self, event_id: str) -> None:
        super().__init__(
            f"No event with id {event_id!r}. List event ids with: eventwire query --format json"
        )
        self.event_id = event_id


# -- the table -------------------------------------------------------------------------


def _table_exists(db: Database) -> bool:
    rows = db.con.execute(
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_name = 'reviews' AND table_schema = 'main'"
    ).fetchall()
    return bool(rows[0][0])


def ensure_reviews_table(db: Database) -> bool:
    """Create the ``reviews`` table when it is missing; False for a read-only database."""
    if _table_exists(db):
        return True
    if db.read_only:
        return False
    db.con.execute(_TABLE_SQL)
    return True


def has_reviews(db: Database) -> bool:
    """Whether the database holds at least one review."""
    if not _table_exists(db):
        return False
    return bool(db.con.execute("SELECT count(*) FROM reviews").fetchall()[0][0])


def reviews_version(db: Database) -> tuple[int, str | None]:
    """A cheap fingerprint of the reviews table (count, last review id); changes on write."""
    if not _table_exists(db):
        return (0, None)
    count, last = db.con.execute("SELECT count(*), max(review_id) FROM reviews").fetchall()[0]
    return (int(count), last)


def _review_from_row(row: Sequence[Any]) -> dict[str, Any]:
    review_id, event_id, article_id, action, reviewer, note, time, changes = row
    return {
        "review_id": review_id,
        "event_id": event_id,
        "article_id": article_id,
        "action": action,
        "status": STATUS.get(action, action),
        "reviewer": reviewer,
        "note": note,
        "time": _iso(time),
        "changes": json.loads(changes) if changes else {},
    }


_SELECT = (
    "SELECT review_id, event_id, article_id, action, reviewer, note, time, changes FROM reviews"
)


def reviews_for(db: Database, event_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    """The reviews of these events, oldest first, by event id (events without: absent)."""
    ids = sorted(set(event_ids))
    if not ids or not _table_exists(db):
        return {}
    out: dict[str, list[dict[str, Any]]] = {}
    rows = db.con.execute(
        f"{_SELECT} WHERE list_contains(?, event_id) ORDER BY review_id", [ids]
    ).fetchall()
    for row in rows:
        review = _review_from_row(row)
        out.setdefault(review["event_id"], []).append(review)
    return out


def all_reviews(db: Database) -> dict[str, list[dict[str, Any]]]:
    """Every review, oldest first, by event id."""
    if not _table_exists(db):
        return {}
    out: dict[str, list[dict[str, Any]]] = {}
    for row in db.con.execute(f"{_SELECT} ORDER BY review_id").fetchall():
        review = _review_from_row(row)
        out.setdefault(review["event_id"], []).append(review)
    return out


# -- applying --------------------------------------------------------------------------


def reviewed_event(
    event: Mapping[str, Any], reviews: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """The event with its reviews (oldest first) replayed; rejected ones are kept.

    Returns a new dict; without reviews, a copy of ``event`` with no ``review`` key.
    """
    out = dict(event)
    if not reviews:
        return out
    fields: list[str] = []
    for review in reviews:
        for name, change in (review.get("changes") or {}).items():
            if isinstance(change, Mapping) and "to" in change:
                out[name] = change["to"]
                if name not in fields:
                    fields.append(name)
    last = reviews[-1]
    out["review"] = {
        "status": STATUS.get(last["action"], last["action"]),
        "reviewer": last["reviewer"],
        "time": last["time"],
        "note": last.get("note"),
        "fields": fields,
        "reviews": len(reviews),
    }
    return out


def iter_reviewed(
    db: Database, events: Iterable[Mapping[str, Any]], *, keep_rejected: bool = False
) -> Iterator[dict[str, Any]]:
    """Stream events with their reviews applied (rejected ones dropped unless asked).

    Looks reviews up in batches of :data:`BATCH` events; costs one query when the
    database has no reviews at all.
    """
    if not has_reviews(db):
        for event in events:
            yield dict(event)
        return
    batch: list[Mapping[str, Any]] = []

    def flush() -> Iterator[dict[str, Any]]:
        found = reviews_for(db, (str(e.get("event_id")) for e in batch))
        for event in batch:
            reviews = found.get(str(event.get("event_id")), [])
            out = reviewed_event(event, reviews)
            if keep_rejected or out.get("review", {}).get("status") != "rejected":
                yield out

    for event in events:
        batch.append(event)
        if len(batch) >= BATCH:
            yield from flush()
            batch = []
    if batch:
        yield from flush()


def apply_reviews(db: Database, events: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Events as the reviewers left them: rejected ones dropped, corrections applied.

    A corrected or accepted event carries ``review: {status, reviewer, time, note,
    fields, reviews}``. Use :func:`iter_reviewed` to stream a large export.

    Example (the one line for a query or export path)::

        events = apply_reviews(db, events)
    """
    return list(iter_reviewed(db, events))


# -- recording -------------------------------------------------------------------------


def _utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _iso(value: Any) -> str | None:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds") + "Z"
    return None if value is None else str(value)


def _clean_text(value: Any, param: str, limit: int, *, required: bool = False) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ReviewError(f"{param} is required: give a non-empty text.", param=param)
        return None
    if not isinstance(value, str):
        raise ReviewError(
            f"{param} must be a text, not {type(value).__name__} ({value!r}).", param=param
        )
    text = value.strip()
    if len(text) > limit:
        raise ReviewError(
            f"{param} is {len(text)} characters long; at most {limit} are allowed.", param=param
        )
    if _CONTROL_RE.search(text):
        raise ReviewError(f"{param} contains control characters; remove them.", param=param)
    return text


def _check_type(value: Any) -> str:
    from .query import PLOVER_TYPES, TYPE_ALIASES

    text = _clean_text(value, "changes.type", 30, required=True) or ""
    name = TYPE_ALIASES.get(text.upper(), text.upper())
    if name not in PLOVER_TYPES:
        raise ReviewError(
            f"Unknown event type {value!r} for changes.type. Allowed values: "
            f"{', '.join(PLOVER_TYPES)}.",
            param="changes.type",
        )
    return name


def _check_mode(value: Any) -> str | None:
    from .query import PLOVER_MODES

    text = _clean_text(value, "changes.mode", 30)
    if text is None:
        return None
    if text.lower() not in PLOVER_MODES:
        raise ReviewError(
            f"Unknown mode {value!r} for changes.mode. Allowed values: "
            f"{', '.join(PLOVER_MODES)} (or empty for none).",
            param="changes.mode",
        )
    return text.lower()


def _check_date(value: Any) -> tuple[str | None, str | None]:
    text = _clean_text(value, "changes.date", 10)
    if text is None:
        return None, None
    match = _DATE_RE.match(text)
    try:
        if not match:
            raise ValueError
        year, month, day = match.groups()
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ReviewError(
            f"Invalid date {value!r} for changes.date: give YYYY-MM-DD, YYYY-MM or YYYY "
            "(for example 2024-12-19), or empty for no date.",
            param="changes.date",
        ) from None
    return text, "day" if day else "month" if month else "year"


def _find(text: str | None, event: Mapping[str, Any]) -> list[int] | None:
    """The span of ``text`` in the event's evidence sentence, when it occurs there."""
    if not text:
        return None
    for item in event.get("evidence") or ():
        if not isinstance(item, Mapping) or not isinstance(item.get("text"), str):
            continue
        start = item.get("start")
        if not isinstance(start, int):
            continue
        sentence = item["text"]
        pos = sentence.find(text)
        if pos < 0:
            pos = sentence.lower().find(text.lower())
        if pos >= 0:
            return [start + pos, start + pos + len(text)]
    return None


def _check_actor(
    value: Any, param: str, originals: Sequence[Any], event: Mapping[str, Any]
) -> dict[str, Any]:
    from .query import resolve_country

    if isinstance(value, str):
        code_part, _, text_part = value.partition(":")
        value = {"code": code_part, "text": text_part} if text_part else {"code": value}
    if not isinstance(value, Mapping):
        raise ReviewError(
            f'{param} must be an actor object such as {{"code": "USA", "text": '
            f'"the United States"}}, not {value!r}.',
            param=param,
        )
    unknown = set(value) - {"code", "text", "sector", "country", "igo", "name", "span"}
    if unknown:
        raise ReviewError(
            f"Unknown actor key(s) {sorted(unknown)!r} in {param}. Allowed keys: code, text, sector.",
            param=param,
        )
    code = _clean_text(
        value.get("code") or value.get("country") or value.get("igo"), f"{param}.code", 12
    )
    text = _clean_text(value.get("text"), f"{param}.text", MAX_TEXT)
    sector = _clean_text(value.get("sector"), f"{param}.sector", 6)
    if code is None and text is None:
        raise ReviewError(f"{param} needs a code (USA, EU ...) or a text.", param=param)
    country = igo = None
    if code is not None:
        country = resolve_country(code)
        if country is None:
            if not _CODE_RE.match(code.upper()):
                raise ReviewError(
                    f"Invalid actor code {code!r} in {param}: give an ISO 3166-1 alpha-3 "
                    "country code (PRK), a country name, or an organisation acronym (EU).",
                    param=f"{param}.code",
                )
            igo = code.upper()
    if sector is not None:
        sector = sector.upper()
        if not _SECTOR_RE.match(sector):
            raise ReviewError(
                f"Invalid sector {sector!r} in {param}: give letters such as GOV, MIL, SPY.",
                param=f"{param}.sector",
            )
    actor: dict[str, Any] = {"text": text, "country": country, "igo": igo, "sector": sector}
    # Keep the span (and name) of the coded actor it stands for, else find its words.
    for original in originals:
        if not isinstance(original, Mapping):
            continue
        same_code = (country or igo) and (country or igo) == (
            original.get("country") or original.get("igo")
        )
        same_text = text is not None and str(original.get("text") or "").lower() == text.lower()
        if (same_code and (text is None or same_text)) or (same_text and not (country or igo)):
            if text is None:
                actor["text"] = original.get("text")
            if original.get("name") is not None:
                actor["name"] = original.get("name")
            if original.get("span") is not None:
                actor["span"] = original.get("span")
            break
    else:
        span = _find(text, event)
        if span is not None:
            actor["span"] = span
    if actor["text"] is None:
        actor["text"] = country or igo
    return actor


def _check_actors(
    value: Any, param: str, originals: Any, event: Mapping[str, Any]
) -> list[dict[str, Any]]:
    if value is None:
        return []
    if isinstance(value, str | Mapping):
        value = [value]
    if not isinstance(value, list | tuple):
        raise ReviewError(f"{param} must be a list of actors, not {value!r}.", param=param)
    if len(value) > MAX_ITEMS:
        raise ReviewError(
            f"{param} has {len(value)} actors; at most {MAX_ITEMS} are allowed.", param=param
        )
    originals = originals if isinstance(originals, list) else []
    return [_check_actor(v, f"{param}[{i}]", originals, event) for i, v in enumerate(value)]


def _number(value: Any, param: str) -> float | int | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = float(value.replace(",", ""))
        except ValueError:
            raise ReviewError(f"{param} must be a number, not {value!r}.", param=param) from None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ReviewError(f"{param} must be a number, not {value!r}.", param=param)
    if value < 0 or value > 1e12:
        raise ReviewError(f"{param} must be between 0 and 10^12, not {value!r}.", param=param)
    return int(value) if float(value).is_integer() else float(value)


def _check_quantities(value: Any, originals: Any, event: Mapping[str, Any]) -> list[dict[str, Any]]:
    param = "changes.quantities"
    if value is None:
        return []
    if isinstance(value, Mapping):
        value = [value]
    if not isinstance(value, list | tuple):
        raise ReviewError(f"{param} must be a list of quantities, not {value!r}.", param=param)
    if len(value) > MAX_ITEMS:
        raise ReviewError(
            f"{param} has {len(value)} items; at most {MAX_ITEMS} are allowed.", param=param
        )
    originals = originals if isinstance(originals, list) else []
    out = []
    for i, item in enumerate(value):
        where = f"{param}[{i}]"
        if not isinstance(item, Mapping):
            raise ReviewError(
                f'{where} must be an object such as {{"kind": "dead", "value": 200, '
                f'"qualifier": "approx"}}, not {item!r}.',
                param=where,
            )
        unknown = set(item) - {"kind", "value", "qualifier", "unit", "text", "low", "high", "span"}
        if unknown:
            raise ReviewError(
                f"Unknown quantity key(s) {sorted(unknown)!r} in {where}. Allowed keys: "
                "kind, value, qualifier, unit, text, low, high.",
                param=where,
            )
        kind = str(item.get("kind") or "").strip().lower()
        if kind not in QUANTITY_KINDS:
            raise ReviewError(
                f"Unknown quantity kind {item.get('kind')!r} in {where}. Allowed values: "
                f"{', '.join(QUANTITY_KINDS)}.",
                param=f"{where}.kind",
            )
        number = _number(item.get("value"), f"{where}.value")
        if number is None:
            raise ReviewError(f"{where}.value is required: give a number.", param=f"{where}.value")
        qualifier = str(item.get("qualifier") or "exact").strip().lower()
        if qualifier not in QUALIFIERS:
            raise ReviewError(
                f"Unknown qualifier {item.get('qualifier')!r} in {where}. Allowed values: "
                f"{', '.join(QUALIFIERS)}.",
                param=f"{where}.qualifier",
            )
        quantity: dict[str, Any] = {
            "kind": kind,
            "value": number,
            "qualifier": qualifier,
            "unit": _clean_text(item.get("unit"), f"{where}.unit", 50),
            "text": _clean_text(item.get("text"), f"{where}.text", MAX_TEXT),
            "low": _number(item.get("low"), f"{where}.low"),
            "high": _number(item.get("high"), f"{where}.high"),
        }
        match = next(
            (
                q for q in originals
                if isinstance(q, Mapping) and q.get("kind") == kind and q.get("value") == number
            ),
            None,
        )  # fmt: skip
        if match is not None:
            quantity["text"] = quantity["text"] or match.get("text")
            if match.get("span") is not None:
                quantity["span"] = match.get("span")
        elif quantity["text"]:
            span = _find(quantity["text"], event)
            if span is not None:
                quantity["span"] = span
        out.append(quantity)
    return out


def _cameo_for(plover_type: str, mode: str | None, current: str | None) -> str | None:
    """A CAMEO code for a PLOVER type and mode: the current one when it fits."""
    from ..ontology import _table, plover_of

    if current:
        try:
            if plover_of(current) == (plover_type, mode):
                return current
        except KeyError:
            pass
    table = _table().values()
    for wanted_mode in (mode, None):
        codes = [c.code for c in table if c.plover == plover_type and c.mode == wanted_mode]
        if codes:
            return sorted(codes, key=lambda c: (len(c) != 3, not c.endswith("0"), c))[0]
    codes = [c.code for c in table if c.plover == plover_type]
    return sorted(codes, key=lambda c: (len(c) != 3, c))[0] if codes else current


def _modes_of(plover_type: Any) -> set[str]:
    from ..ontology import _table

    return {c.mode for c in _table().values() if c.plover == plover_type and c.mode}


def correction_changes(
    event: Mapping[str, Any], changes: Mapping[str, Any]
) -> dict[str, dict[str, Any]]:
    """Validate a correction of ``event`` (its current state) and list what it changes.

    Args:
        event: the event as it is now (with earlier reviews applied).
        changes: contract field -> new value, for fields of :data:`CORRECTABLE`.

    Returns:
        ``{field: {"from": old, "to": new}}`` for every field whose value changes,
        derived fields included (``cameo``, ``quad_class``, ``goldstein`` for a new type
        or mode; ``date_precision`` for a new date).

    Raises:
        ReviewError: an unknown field or an invalid value, named in ``param``.
    """
    from ..contract import QUAD_CLASS
    from ..ontology import goldstein

    if not isinstance(changes, Mapping) or not changes:
        raise ReviewError(
            "A correction needs changes: an object of fields to replace, such as "
            '{"type": "THREATEN"}. Correctable fields: ' + ", ".join(CORRECTABLE) + ".",
            param="changes",
        )
    unknown = [k for k in changes if k not in CORRECTABLE]
    if unknown:
        raise ReviewError(
            f"Field(s) {unknown!r} cannot be corrected. Correctable fields: {', '.join(CORRECTABLE)}.",
            param=f"changes.{unknown[0]}",
        )
    new: dict[str, Any] = {}
    if "type" in changes or "mode" in changes:
        plover_type = _check_type(changes["type"]) if "type" in changes else event.get("type")
        mode = _check_mode(changes["mode"]) if "mode" in changes else event.get("mode")
        if "mode" not in changes and mode is not None and mode not in _modes_of(plover_type):
            mode = None  # the old mode belongs to the old type
        new["type"], new["mode"] = plover_type, mode
        if plover_type in QUAD_CLASS:
            new["quad_class"] = QUAD_CLASS[plover_type]
            cameo = _cameo_for(plover_type, mode, event.get("cameo"))
            new["cameo"] = cameo
            if cameo is not None:
                try:
                    new["goldstein"] = goldstein(cameo)
                except KeyError:
                    pass
    for side in ("sources", "targets"):
        if side in changes:
            new[side] = _check_actors(changes[side], f"changes.{side}", event.get(side), event)
    if "claimed_by" in changes:
        claim = changes["claimed_by"]
        if claim in (None, "", [], {}):
            new["claimed_by"] = None
        else:
            original = event.get("claimed_by")
            new["claimed_by"] = _check_actor(
                claim, "changes.claimed_by", [original] if original else [], event
            )
    if "date" in changes:
        value, precision = _check_date(changes["date"])
        new["date"], new["date_precision"] = value, precision
        if value is None:
            new["date_text"], new["date_span"] = None, None
    if "quantities" in changes:
        new["quantities"] = _check_quantities(changes["quantities"], event.get("quantities"), event)
    diff = {
        name: {"from": event.get(name), "to": value}
        for name, value in new.items()
        if event.get(name) != value
    }
    if not diff:
        raise ReviewError(
            "The correction changes nothing: every given value equals the current one.",
            param="changes",
        )
    return diff


def record_review(
    db: Database,
    event_id: str,
    action: str,
    reviewer: str,
    *,
    note: str | None = None,
    changes: Mapping[str, Any] | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Validate and store one review of a stored event.

    Args:
        db: a database opened for writing.
        event_id: the reviewed event.
        action: ``accept``, ``reject`` or ``correct``.
        reviewer: who reviews (required).
        note: why (optional).
        changes: for ``correct`` only: contract field -> new value
            (see :func:`correction_changes`).
        now: the review time (UTC); defaults to now.

    Returns:
        The stored review (``review_id, event_id, article_id, action, status, reviewer,
        note, time, changes``).

    Raises:
        EventNotFound: no stored event has this id.
        ReviewError: an invalid action, reviewer, note or change (``param`` names it).
        StorageError: the database is read-only.
    """
    from ..errors import StorageError

    if action not in ACTIONS:
        raise ReviewError(
            f"Unknown review action {action!r}. Allowed values: {', '.join(ACTIONS)}.",
            param="action",
        )
    who = _clean_text(reviewer, "reviewer", MAX_REVIEWER, required=True)
    why = _clean_text(note, "note", MAX_NOTE)
    if action != "correct" and changes:
        raise ReviewError(
            f"changes are only allowed with action 'correct', not {action!r}.", param="changes"
        )
    if db.read_only:
        raise StorageError(
            f"{db.name} is open read-only: reviews cannot be stored. Open it for writing."
        )
    event = next(db.iter_events("e.event_id = ?", [event_id]), None)
    if event is None:
        raise EventNotFound(event_id)
    with db.transaction() as con:
        ensure_reviews_table(db)
        current = reviewed_event(event, reviews_for(db, [event_id]).get(event_id, []))
        diff = correction_changes(current, changes or {}) if action == "correct" else {}
        when = now or _utcnow()
        review_id = f"{when:%Y%m%dT%H%M%S%f}-{secrets.token_hex(4)}"
        con.execute(
            "INSERT INTO reviews VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                review_id, event_id, event.get("article_id"), action, who, why, when,
                json.dumps(diff, ensure_ascii=False) if diff else None,
            ],
        )  # fmt: skip
    return {
        "review_id": review_id,
        "event_id": event_id,
        "article_id": event.get("article_id"),
        "action": action,
        "status": STATUS[action],
        "reviewer": who,
        "note": why,
        "time": _iso(when),
        "changes": diff,
    }


# -- gold export -----------------------------------------------------------------------


def _gold_actor(actor: Any) -> dict[str, Any] | None:
    if not isinstance(actor, Mapping):
        return None
    return {
        "code": actor.get("country") or actor.get("igo") or actor.get("code"),
        "sector": actor.get("sector"),
        "text": actor.get("text"),
    }


def _gold_event(event: Mapping[str, Any]) -> dict[str, Any]:
    evidence = event.get("evidence") or []
    first = evidence[0] if evidence and isinstance(evidence[0], Mapping) else {}
    location = event.get("location")
    cameo = event.get("cameo")
    return {
        "id": event.get("event_id"),
        "type": event.get("type"),
        "mode": event.get("mode"),
        "cameo_root": str(cameo)[:2] if cameo else None,
        "sources": [a for a in map(_gold_actor, event.get("sources") or []) if a],
        "targets": [a for a in map(_gold_actor, event.get("targets") or []) if a],
        "date": event.get("date"),
        "claimed_by": _gold_actor(event.get("claimed_by")),
        "quantities": [
            {k: q.get(k) for k in ("kind", "value", "qualifier", "unit")}
            for q in event.get("quantities") or []
            if isinstance(q, Mapping)
        ],
        "location": (
            {
                "text": location.get("text") or location.get("name"),
                "country": location.get("country"),
            }
            if isinstance(location, Mapping)
            else None
        ),
        "evidence": first.get("text"),
    }


def gold_record(
    article: Mapping[str, Any] | None, article_id: str, events: Iterable[Mapping[str, Any]]
) -> dict[str, Any]:
    """One gold line: reviewed events required, unreviewed ones optional, rejected ones
    listed under ``not_events``.

    Args:
        article: the stored article record (for ``published`` and ``headline``), or None.
        article_id: its id.
        events: its events with reviews applied and rejected ones kept
            (``iter_reviewed(..., keep_rejected=True)``).
    """
    gold_events, not_events = [], []
    for event in events:
        review = event.get("review")
        item = _gold_event(event)
        if review is None:
            item["optional"] = True
            item["review"] = None
        else:
            item["review"] = {k: review.get(k) for k in ("status", "reviewer", "time", "note")}
        if review is not None and review.get("status") == "rejected":
            not_events.append(item)
        else:
            gold_events.append(item)
    return {
        "article_id": article_id,
        "published": (article or {}).get("published"),
        "headline": (article or {}).get("headline"),
        "notes": "Exported by eventwire from human reviews: accepted and corrected events "
        "are required, unreviewed ones optional, rejected ones under not_events.",
        "events": gold_events,
        "not_events": not_events,
    }


@contextmanager
def _text_out(out: str | os.PathLike[str] | IO[str] | None) -> Iterator[IO[str]]:
    if out is None or out == "-":
        yield sys.stdout
        return
    if hasattr(out, "write"):
        yield out  # type: ignore[misc]
        return
    path = Path(out)  # type: ignore[arg-type]
    if not path.parent.is_dir():
        raise EventwireError(
            f"Cannot write {str(path)!r}: the directory {str(path.parent)!r} does not exist."
        )
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export_gold(
    db: Database,
    out: str | os.PathLike[str] | IO[str] | None = None,
    *,
    all_articles: bool = False,
) -> int:
    """Write a gold file that ``shared/eval/score.py --gold`` reads; returns articles written.

    One JSON object per article (by article id): ``{"article_id", "published",
    "headline", "notes", "events": [...], "not_events": [...]}``. Events accepted or
    corrected by a reviewer are required gold events; the article's unreviewed events
    are ``optional`` (neither found nor missed when scoring); rejected events go to
    ``not_events``. Each event: ``id, type, mode, cameo_root, sources, targets (each
    {code, sector, text}), date, claimed_by, quantities ({kind, value, qualifier,
    unit}), location ({text, country}), evidence (the sentence), review``.

    Args:
        db: an open database (read-only is fine).
        out: a file path (written to a temporary name, then renamed), an open text
            file, or None / ``"-"`` for stdout.
        all_articles: every article, not only those with at least one review.
    """
    reviewed_ids: list[str] = []
    if _table_exists(db):
        reviewed_ids = [
            r[0]
            for r in db.con.execute(
                "SELECT DISTINCT e.article_id FROM reviews r JOIN events e ON e.event_id = r.event_id "
                "ORDER BY 1"
            ).fetchall()
        ]
    if all_articles:
        article_ids = [
            r[0] for r in db.con.execute("SELECT article_id FROM articles ORDER BY 1").fetchall()
        ]
    else:
        article_ids = reviewed_ids
    n = 0
    with _text_out(out) as fh:
        for article_id in article_ids:
            events = iter_reviewed(
                db, db.iter_events("e.article_id = ?", [article_id]), keep_rejected=True
            )
            record = gold_record(db.get_article(article_id), article_id, events)
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n
