"""The REST API: thin handlers over :mod:`eventwire.api.service` and the store."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from ..store.query import EventFilter
from ..store.reviews import MAX_NOTE, MAX_REVIEWER, record_review
from .app import Context, get_ctx, get_session
from .errors import ApiError
from .params import FILTER_NAMES, api_filter, check_known
from .service import DEFAULT_LIMIT, MAX_LIMIT, Session

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["api"])

EVENT_LIST_PARAMS = (*FILTER_NAMES, "q", "limit", "cursor", "total")
ID = Annotated[str, Path(min_length=1, max_length=200, description="The id.")]
Limit = Annotated[
    int,
    Query(ge=1, le=MAX_LIMIT, description=f"Page size, 1 to {MAX_LIMIT} (the maximum page size)."),
]
Cursor = Annotated[
    str | None,
    Query(max_length=2000, description="next_cursor of the previous page; leave out for the first page."),
]


def _json(data: Any, status: int = 200) -> Response:
    """JSON straight from ``json.dumps``: the data is JSON already, and FastAPI's
    ``jsonable_encoder`` would walk every nested value of a 500-event page (8x slower)."""
    body = json.dumps(data, ensure_ascii=False, allow_nan=False, default=str, separators=(",", ":"))
    return Response(body, status_code=status, media_type="application/json")


def _url(request: Request, **changes: Any) -> str:
    """This request's URL with some query parameters replaced (None removes one)."""
    items = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    items += [(k, str(v)) for k, v in changes.items() if v is not None]
    from urllib.parse import urlencode

    query = urlencode(items)
    return request.url.path + (f"?{query}" if query else "")


def _article_brief(article: dict[str, Any] | None) -> dict[str, Any] | None:
    if article is None:
        return None
    return {k: article.get(k) for k in ("id", "headline", "published", "source", "wire", "url")}


@router.get("", summary="What this API offers")
def api_index() -> dict[str, Any]:
    return {
        "ok": True,
        "endpoints": [
            "/api/events", "/api/events/{id}", "/api/events/{id}/review (POST)",
            "/api/clusters", "/api/clusters/{id}", "/api/articles/{id}", "/api/actors",
            "/api/stats", "/api/network",
        ],
        "docs": "/docs",
        "openapi": "/openapi.json",
        "max_limit": MAX_LIMIT,
    }  # fmt: skip


@router.get("/events", summary="List events (filters, cursor paging)")
def list_events(
    request: Request,
    flt: Annotated[EventFilter, Depends(api_filter)],
    session: Annotated[Session, Depends(get_session)],
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
    total: Annotated[
        bool | None,
        Query(description="Count every matching event: by default on the first page only (no cursor)."),
    ] = None,
) -> Response:
    """Events matching the filters, newest event date first (undated last), with reviews
    applied: rejected events are left out and corrected ones show their corrections and
    a ``review`` object. Follow ``next`` (or pass ``next_cursor`` as ``cursor``) for the
    next page; ``next`` is null on the last page. ``total`` counts every matching event on
    the first page (null on later pages unless ``total=true``)."""
    check_known(request, EVENT_LIST_PARAMS)
    count = total if total is not None else cursor is None
    page = session.list_events(flt, limit=limit, cursor=cursor, total=count)
    return _json({
        "ok": True,
        "events": page.events,
        "count": len(page.events),
        "total": page.total,
        "limit": limit,
        "next_cursor": page.next_cursor,
        "next": _url(request, cursor=page.next_cursor) if page.next_cursor else None,
    })  # fmt: skip


@router.get("/events/{event_id}", summary="One event, its reviews and its article")
def get_event(event_id: ID, session: Annotated[Session, Depends(get_session)]) -> Response:
    """The event as reviewed (a rejected one too, with ``review.status`` rejected), the
    event as coded (``original``), its reviews oldest first, its article and cluster."""
    found = session.get_event(event_id)
    if found is None:
        raise ApiError(404, f"No event with id {event_id!r}.", param="id")
    event, coded, reviews = found
    return _json({
        "ok": True,
        "event": event,
        "original": coded,
        "reviews": reviews,
        "article": _article_brief(session.get_article(event["article_id"])),
        "cluster_id": session.cluster_of(event_id),
    })


class ReviewIn(BaseModel):
    """A review of one event."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["accept", "reject", "correct"] = Field(description="What the reviewer decided.")
    reviewer: str = Field(min_length=1, max_length=MAX_REVIEWER, description="Who reviews.")
    note: str | None = Field(default=None, max_length=MAX_NOTE, description="Why (optional).")
    changes: dict[str, Any] | None = Field(
        default=None,
        description=(
            "For action 'correct': fields to replace, of type, mode, sources, targets, "
            "claimed_by, date, quantities. Actors are {code, text, sector}; quantities "
            "{kind, value, qualifier, unit}; date YYYY-MM-DD, YYYY-MM, YYYY or null."
        ),
        json_schema_extra={"example": {"type": "THREATEN", "date": "2024-12-18"}},
    )


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return request.headers.get("x-review-token")


def review_guard(request: Request, ctx: Annotated[Context, Depends(get_ctx)]) -> None:
    """Checks made before the body is read: read-only, token, JSON content type."""
    ctx.check_writable()
    ctx.check_token(_bearer(request))
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise ApiError(
            415, "Send the review as JSON with 'Content-Type: application/json'.", param="content-type"
        )


@router.post(
    "/events/{event_id}/review",
    status_code=201,
    summary="Accept, reject or correct an event",
    responses={
        401: {"description": "The review token is missing or wrong."},
        403: {"description": "The server is read-only."},
        404: {"description": "No such event."},
        415: {"description": "The body is not JSON."},
        422: {"description": "An invalid field; param names it."},
    },
    dependencies=[Depends(review_guard)],
)
def review_event(
    event_id: ID,
    body: ReviewIn,
    session: Annotated[Session, Depends(get_session)],
    ctx: Annotated[Context, Depends(get_ctx)],
) -> JSONResponse:
    """Store a review (who, when, what changed) and answer with the event as it is now.

    Needs ``Content-Type: application/json``, and ``Authorization: Bearer TOKEN`` when
    the server runs with a review token. Answers 403 on a read-only server."""
    review = record_review(
        session.db, event_id, body.action, body.reviewer, note=body.note, changes=body.changes
    )
    ctx.service.invalidate()
    found = session.get_event(event_id)
    event = found[0] if found else None
    return JSONResponse({"ok": True, "review": review, "event": event}, status_code=201)


@router.get("/clusters", summary="List clusters (one real event reported by N articles)")
def list_clusters(
    request: Request,
    flt: Annotated[EventFilter, Depends(api_filter)],
    session: Annotated[Session, Depends(get_session)],
    min_articles: Annotated[int, Query(ge=1, le=100000, description="Only clusters reported by at least this many articles.")] = 1,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Response:
    """Clusters with at least one member event matching the filters, most recently first
    reported first."""
    check_known(request, (*FILTER_NAMES, "q", "min_articles", "limit", "cursor"))
    clusters, next_cursor, total = session.list_clusters(flt, min_articles=min_articles, limit=limit, cursor=cursor)
    return _json({
        "ok": True,
        "clusters": clusters,
        "count": len(clusters),
        "total": total,
        "limit": limit,
        "next_cursor": next_cursor,
        "next": _url(request, cursor=next_cursor) if next_cursor else None,
    })


@router.get("/clusters/{cluster_id}", summary="One cluster with its member events and articles")
def get_cluster(cluster_id: ID, session: Annotated[Session, Depends(get_session)]) -> Response:
    cluster = session.get_cluster(cluster_id)
    if cluster is None:
        raise ApiError(404, f"No cluster with id {cluster_id!r}.", param="id")
    member_ids = [m.get("event_id") for m in cluster.get("members") or [] if isinstance(m, dict)]
    events = session.events_by_id(i for i in member_ids if i)
    articles = session.articles_brief(e["article_id"] for e in events.values())
    return _json({
        "ok": True,
        "cluster": cluster,
        "events": [events[i] for i in member_ids if i in events],
        "articles": [articles[a] for a in sorted(articles)],
    })


@router.get("/articles/{article_id}", summary="One article with its text and events")
def get_article(article_id: ID, session: Annotated[Session, Depends(get_session)]) -> Response:
    """The stored article (normalised text: every span points into it) and its events
    with reviews applied; ids of rejected events are listed apart."""
    article = session.get_article(article_id)
    if article is None:
        raise ApiError(404, f"No article with id {article_id!r}.", param="id")
    events = session.article_events(article_id)
    live = [e for e in events if (e.get("review") or {}).get("status") != "rejected"]
    rejected = [e["event_id"] for e in events if (e.get("review") or {}).get("status") == "rejected"]
    return _json({"ok": True, "article": article, "events": live, "rejected": rejected})


@router.get("/actors", summary="Actors and how many events they are in")
def list_actors(
    request: Request,
    flt: Annotated[EventFilter, Depends(api_filter)],
    session: Annotated[Session, Depends(get_session)],
    name: Annotated[str | None, Query(max_length=200, description="Code, or words of the actor's name or text.")] = None,
    role: Annotated[Literal["source", "target"] | None, Query(description="Only as source, or only as target.")] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="Skip this many actors.")] = 0,
) -> Response:
    """Actors by code (or by text when uncoded), most events first, among the events
    matching the filters."""
    check_known(request, (*FILTER_NAMES, "q", "name", "role", "limit", "offset"))
    actors, total = session.actors(flt, q=name, role=role, limit=limit, offset=offset)
    return _json({"ok": True, "actors": actors, "count": len(actors), "total": total, "limit": limit, "offset": offset})


@router.get("/stats", summary="Event counts by day, month, type and quad class")
def stats(
    request: Request,
    flt: Annotated[EventFilter, Depends(api_filter)],
    session: Annotated[Session, Depends(get_session)],
) -> Response:
    check_known(request, (*FILTER_NAMES, "q"))
    return _json({"ok": True, **session.stats(flt)})


@router.get("/network", summary="Who acts on whom: source -> target edges")
def network(
    request: Request,
    flt: Annotated[EventFilter, Depends(api_filter)],
    session: Annotated[Session, Depends(get_session)],
    limit: Annotated[int, Query(ge=1, le=2000, description="At most this many edges.")] = 200,
) -> Response:
    """Edges between actor codes: ``events`` (the weight) and ``goldstein_mean``."""
    check_known(request, (*FILTER_NAMES, "q", "limit"))
    edges = session.network(flt, limit=limit)
    return _json({"ok": True, "edges": edges, "count": len(edges)})
