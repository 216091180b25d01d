"""Query parameters: the event filters, checked the same way for the API and the pages.

The filter names are those of :class:`eventwire.store.EventFilter` (``actor source
target type mode quad since until country text article``), plus ``q`` as another name
for ``text`` (the search box). A filter may be repeated (``?type=ACCUSE&type=THREATEN``:
either type). Limits keep one request cheap: at most :data:`MAX_VALUES` values per
filter and :data:`MAX_VALUE_CHARS` characters per value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Annotated, Any

from fastapi import Query, Request

from ..store.query import EventFilter
from .errors import ApiError

__all__ = [
    "FILTER_NAMES",
    "MAX_VALUES",
    "MAX_VALUE_CHARS",
    "api_filter",
    "build_filter",
    "check_known",
    "filter_values",
    "page_filter",
]

FILTER_NAMES = ("actor", "source", "target", "type", "mode", "quad", "since", "until", "country", "text", "article")
SINGLE = ("since", "until")
MAX_VALUES = 20
MAX_VALUE_CHARS = 200

_DOC = {
    "actor": "Source or target: a code (PRK, EU), a country name or words of the actor's text.",
    "source": "Source actor, as actor.",
    "target": "Target actor, as actor.",
    "type": "PLOVER event type, e.g. ACCUSE (older names such as FIGHT are accepted).",
    "mode": "PLOVER mode, e.g. disapprove.",
    "quad": "Quad class 1-4 (1 verbal cooperation ... 4 material conflict).",
    "since": "First event date: YYYY, YYYY-MM or YYYY-MM-DD.",
    "until": "Last event date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD.",
    "country": "Where it happened: a country code or name.",
    "text": "Words that the evidence sentence contains (case-insensitive).",
    "article": "Article id.",
    "q": "Search: same as text.",
}


def filter_values(values: Mapping[str, Sequence[str]], *, strict: bool) -> dict[str, list[str]]:
    """Check filter values (count, length); blank values are dropped.

    Raises:
        ApiError: 422 naming the parameter.
    """
    out: dict[str, list[str]] = {}
    for name, raw in values.items():
        key = "text" if name == "q" else name
        items = [v.strip() for v in raw if v is not None and v.strip()]
        if len(items) > MAX_VALUES:
            raise ApiError(
                422,
                f"Too many values for parameter {name!r}: {len(items)}; at most {MAX_VALUES} are allowed.",
                param=name,
            )
        for item in items:
            if len(item) > MAX_VALUE_CHARS:
                raise ApiError(
                    422,
                    f"Invalid value for parameter {name!r}: {len(item)} characters long; "
                    f"at most {MAX_VALUE_CHARS} are allowed.",
                    param=name,
                )
        if key in SINGLE and len(items) > 1:
            raise ApiError(422, f"Parameter {name!r} takes one value, not {len(items)}.", param=name)
        if items:
            out.setdefault(key, []).extend(items)
    return out


def build_filter(values: Mapping[str, Sequence[str]], *, strict: bool = True) -> EventFilter:
    checked = filter_values(values, strict=strict)
    mapping: dict[str, Any] = {}
    for key, items in checked.items():
        mapping[key] = items[0] if key in SINGLE else items
    return EventFilter.from_mapping(mapping)


def check_known(request: Request, allowed: Iterable[str]) -> None:
    """Refuse query parameters the endpoint does not know (catches typos such as ``actors``)."""
    allowed = set(allowed)
    for name in request.query_params:
        if name not in allowed:
            raise ApiError(
                422,
                f"Unknown parameter {name!r}. Allowed parameters: {', '.join(sorted(allowed))}.",
                param=name,
            )


def api_filter(
    request: Request,
    actor: Annotated[list[str] | None, Query(description=_DOC["actor"])] = None,
    source: Annotated[list[str] | None, Query(description=_DOC["source"])] = None,
    target: Annotated[list[str] | None, Query(description=_DOC["target"])] = None,
    type: Annotated[list[str] | None, Query(description=_DOC["type"])] = None,  # noqa: A002
    mode: Annotated[list[str] | None, Query(description=_DOC["mode"])] = None,
    quad: Annotated[list[str] | None, Query(description=_DOC["quad"])] = None,
    since: Annotated[str | None, Query(description=_DOC["since"])] = None,
    until: Annotated[str | None, Query(description=_DOC["until"])] = None,
    country: Annotated[list[str] | None, Query(description=_DOC["country"])] = None,
    text: Annotated[list[str] | None, Query(description=_DOC["text"])] = None,
    article: Annotated[list[str] | None, Query(description=_DOC["article"])] = None,
    q: Annotated[str | None, Query(description=_DOC["q"])] = None,
) -> EventFilter:
    """FastAPI dependency: the event filters of a request (documented in OpenAPI)."""
    del actor, source, target, type, mode, quad, since, until, country, text, article, q
    params = request.query_params
    values = {name: params.getlist(name) for name in (*FILTER_NAMES, "q") if name in params}
    return build_filter(values)


def page_filter(request: Request) -> tuple[EventFilter, dict[str, str]]:
    """The filters of a page request, and the form values to show again.

    Unknown parameters are ignored on pages (old bookmarks keep working).
    """
    params = request.query_params
    values = {name: params.getlist(name) for name in (*FILTER_NAMES, "q") if name in params}
    form = {name: (params.get(name) or "") for name in (*FILTER_NAMES, "q")}
    return build_filter(values, strict=False), form
