"""Server-rendered pages (Jinja2, autoescaped, no JavaScript).

``/`` events and clusters with filters and search · ``/events/{id}`` and
``/clusters/{id}`` with highlighted evidence and review forms · ``/articles/{id}`` ·
``/timeline`` · ``/network`` · ``/map`` · ``/docs`` (the API reference, offline).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Annotated, Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ..store.query import PLOVER_MODES, PLOVER_TYPES
from ..store.reviews import CORRECTABLE, QUALIFIERS, QUANTITY_KINDS, ReviewError, record_review
from . import charts
from .app import MAX_BODY, Context, get_ctx, get_session
from .errors import ApiError
from .highlight import LEGEND, Segment, event_spans, highlight_events, segments
from .params import page_filter
from .service import DEFAULT_LIMIT, MAX_LIMIT, Session

__all__ = ["install_filters", "render_error_page", "router"]

router = APIRouter(include_in_schema=False)

NAV = (("/", "Events"), ("/timeline", "Timeline"), ("/network", "Network"), ("/map", "Map"), ("/docs", "API"))
REVIEWER_COOKIE = "ew_reviewer"
#: Events whose full article text a cluster page shows.
MAX_CLUSTER_ARTICLES = 20


# -- formatting (Jinja filters) ----------------------------------------------------------


def actor_text(actor: Any) -> str:
    if not isinstance(actor, Mapping):
        return ""
    code = actor.get("country") or actor.get("igo")
    sector = actor.get("sector")
    text = str(actor.get("text") or actor.get("name") or code or "?")
    extra = "/".join(str(p) for p in (code, sector) if p)
    return f"{text} ({extra})" if extra else text


def actors_text(actors: Any) -> str:
    if not isinstance(actors, list) or not actors:
        return "—"
    return "; ".join(actor_text(a) for a in actors)


def quantity_text(q: Any) -> str:
    if not isinstance(q, Mapping):
        return ""
    qualifier = str(q.get("qualifier") or "").replace("_", " ")
    if qualifier == "exact":
        qualifier = ""
    value = q.get("value")
    if q.get("qualifier") == "range" and q.get("low") is not None and q.get("high") is not None:
        value = f"{q.get('low')}–{q.get('high')}"
    number = f"{value:,}" if isinstance(value, int) else str(value)
    parts = [p for p in (qualifier, number, q.get("unit")) if p]
    return f"{q.get('kind')}: {' '.join(str(p) for p in parts)}"


def path_quote(value: Any) -> str:
    return quote(str(value), safe="")


def short(value: Any, size: int = 160) -> str:
    text = " ".join(str(value or "").split())
    return text if len(text) <= size else text[: size - 1] + "…"


def install_filters(env: Any) -> None:
    env.filters.update(
        actor=actor_text,
        actors=actors_text,
        quantity=quantity_text,
        pq=path_quote,
        short=short,
        gcolour=charts.goldstein_colour,
        dump=lambda value: json.dumps(value, ensure_ascii=False),
    )
    env.globals.update(
        NAV=NAV,
        LEGEND=LEGEND,
        QUAD_NAMES=charts.QUAD_NAMES,
        QUAD_COLOURS=charts.QUAD_COLOURS,
        PLOVER_TYPES=PLOVER_TYPES,
        PLOVER_MODES=PLOVER_MODES,
        QUANTITY_KINDS=QUANTITY_KINDS,
        QUALIFIERS=QUALIFIERS,
    )


# -- rendering --------------------------------------------------------------------------


def _base(request: Request, ctx: Context, **extra: Any) -> dict[str, Any]:
    reviewer = unquote(request.cookies.get(REVIEWER_COOKIE, ""))[:100]
    return {
        "request_path": request.url.path,
        "title": ctx.config.title,
        "writable": ctx.writable,
        "read_only": ctx.config.read_only,
        "token_required": bool(ctx.config.review_token),
        "csrf": ctx.csrf,
        "reviewer": reviewer,
        **extra,
    }


def render(request: Request, name: str, status: int = 200, **values: Any) -> HTMLResponse:
    ctx: Context = request.app.state.ew
    html = ctx.templates.get_template(name).render(**_base(request, ctx, **values))
    return HTMLResponse(html, status_code=status)


def render_error_page(request: Request, error: ApiError) -> Response:
    try:
        return render(request, "error.html", status=error.status, error=error, page_title=f"Error {error.status}")
    except Exception:  # noqa: BLE001 - the error page must not fail in turn
        from html import escape

        return HTMLResponse(f"<h1>Error {error.status}</h1><p>{escape(error.message)}</p>", status_code=error.status)


def _query(form: Mapping[str, str], **changes: Any) -> str:
    items = [(k, v) for k, v in form.items() if v and k not in changes]
    items += [(k, str(v)) for k, v in changes.items() if v not in (None, "")]
    return urlencode(items)


def _int_arg(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(422, f"Invalid value for parameter {name!r}: {raw[:40]!r} is not a whole number.", param=name) from None
    if not low <= value <= high:
        raise ApiError(
            422, f"Invalid value for parameter {name!r}: {value} is out of range; give {low} to {high}.", param=name
        )
    return value


def evidence_segments(event: Mapping[str, Any]) -> list[Segment]:
    """The evidence sentence alone, with the event's spans inside it."""
    evidence = event.get("evidence") or []
    if not evidence or not isinstance(evidence[0], Mapping):
        return []
    first = evidence[0]
    text, start = first.get("text"), first.get("start")
    if not isinstance(text, str):
        return []
    if not isinstance(start, int):
        return [Segment(text)]
    spans = [
        type(s)(s.start - start, s.end - start, s.role, s.label)
        for s in event_spans(event, start + len(text))
        if s.role != "evidence" and s.start >= start
    ]
    return segments(text, spans)


def _status(event: Mapping[str, Any]) -> str | None:
    review = event.get("review")
    return review.get("status") if isinstance(review, Mapping) else None


# -- lists ------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def index(request: Request, session: Annotated[Session, Depends(get_session)]) -> HTMLResponse:
    flt, form = page_filter(request)
    view = request.query_params.get("view", "events")
    if view not in ("events", "clusters"):
        raise ApiError(422, f"Invalid value for parameter 'view': {view[:40]!r}; give events or clusters.", param="view")
    limit = _int_arg(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    cursor = request.query_params.get("cursor") or None
    values: dict[str, Any] = {"form": form, "view": view, "modes": session.modes(), "limit": limit}
    if view == "clusters":
        clusters, next_cursor, total = session.list_clusters(flt, limit=limit, cursor=cursor)
        values.update(clusters=clusters, total=total, has_clusters=session.has_clusters())
    else:
        page = session.list_events(flt, limit=limit, cursor=cursor, total=cursor is None)
        next_cursor, total = page.next_cursor, page.total
        articles = session.articles_brief(e["article_id"] for e in page.events)
        rows = [{"event": e, "article": articles.get(e["article_id"]), "evidence": evidence_segments(e)} for e in page.events]
        values.update(rows=rows, total=total)
    keep = {**form, "view": view if view != "events" else "", "limit": str(limit) if limit != DEFAULT_LIMIT else ""}
    values["next_url"] = "/?" + _query(keep, cursor=next_cursor) if next_cursor else None
    values["first_url"] = "/?" + _query(keep) if cursor else None
    values["events_url"] = "/?" + _query(form)
    values["clusters_url"] = "/?" + _query(form, view="clusters")
    return render(request, "index.html", page_title="Events" if view == "events" else "Clusters", **values)


# -- event detail and reviews -----------------------------------------------------------


def actor_line(actor: Any) -> str:
    if not isinstance(actor, Mapping):
        return ""
    code = actor.get("country") or actor.get("igo") or ""
    parts = [str(code), str(actor.get("text") or ""), str(actor.get("sector") or "")]
    while parts and not parts[-1]:
        parts.pop()
    return " | ".join(parts)


def quantity_line(q: Any) -> str:
    if not isinstance(q, Mapping):
        return ""
    parts = [str(q.get("kind") or ""), str(q.get("qualifier") or "exact"), str(q.get("value") if q.get("value") is not None else ""), str(q.get("unit") or "")]
    while parts and not parts[-1]:
        parts.pop()
    return " | ".join(parts)


def correction_form(event: Mapping[str, Any]) -> dict[str, str]:
    """The correction form's fields, filled with the event as it is now."""
    return {
        "type": str(event.get("type") or ""),
        "mode": str(event.get("mode") or ""),
        "sources": "\n".join(actor_line(a) for a in event.get("sources") or []),
        "targets": "\n".join(actor_line(a) for a in event.get("targets") or []),
        "claimed_by": actor_line(event.get("claimed_by")),
        "date": str(event.get("date") or ""),
        "quantities": "\n".join(quantity_line(q) for q in event.get("quantities") or []),
    }


_CODE_LIKE = re.compile(r"^[A-Z][A-Z0-9-]{1,11}$")


def _parse_actor(line: str) -> dict[str, Any]:
    parts = [p.strip() for p in line.split("|")]
    if len(parts) == 1:
        return {"code": parts[0]} if _CODE_LIKE.match(parts[0]) else {"text": parts[0]}
    out: dict[str, Any] = {"code": parts[0] or None, "text": parts[1] or None}
    if len(parts) > 2 and parts[2]:
        out["sector"] = parts[2]
    return out


def _parse_quantity(line: str, index: int) -> dict[str, Any]:
    parts = [p.strip() for p in line.split("|")]
    if len(parts) < 3:
        raise ReviewError(
            f"Quantity line {index + 1} ({line!r}) must read 'kind | qualifier | value | unit', "
            "for example 'dead | approx | 200 | soldiers'.",
            param=f"changes.quantities[{index}]",
        )
    out: dict[str, Any] = {"kind": parts[0], "qualifier": parts[1] or "exact", "value": parts[2]}
    if len(parts) > 3 and parts[3]:
        out["unit"] = parts[3]
    return out


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _parsed(field: str, text: str) -> Any:
    if field in ("sources", "targets"):
        return [_parse_actor(line) for line in _lines(text)]
    if field == "claimed_by":
        lines = _lines(text)
        return _parse_actor(lines[0]) if lines else None
    if field == "quantities":
        return [_parse_quantity(line, i) for i, line in enumerate(_lines(text))]
    return text.strip() or None


def _normal(text: str) -> list[str]:
    return [" | ".join(p.strip() for p in line.split("|")) for line in _lines(text)]


def form_changes(event: Mapping[str, Any], form: Mapping[str, str]) -> dict[str, Any]:
    """The fields of a submitted correction form whose text differs from the event's."""
    shown = correction_form(event)
    return {
        field: _parsed(field, form[field])
        for field in CORRECTABLE
        if field in form and _normal(form[field]) != _normal(shown[field])
    }


def _event_page(
    request: Request, session: Session, event_id: str, *, status: int = 200, form_error: ApiError | None = None,
    form_values: Mapping[str, str] | None = None,
) -> HTMLResponse:
    found = session.get_event(event_id)
    if found is None:
        raise ApiError(404, f"No event with id {event_id!r}.", param="id")
    event, coded, reviews = found
    article = session.get_article(event["article_id"])
    text = (article or {}).get("text") or ""
    others = [e for e in session.article_events(event["article_id"]) if e["event_id"] != event_id]
    saved = request.query_params.get("saved")
    return render(
        request,
        "event.html",
        status=status,
        page_title=f"{event.get('type')} event {event_id}",
        event=event,
        coded=coded,
        reviews=reviews,
        article=article,
        segments=highlight_events(text, [event]),
        others=others,
        cluster_id=session.cluster_of(event_id),
        correction=dict(form_values) if form_values else correction_form(event),
        form_error=form_error,
        saved=saved if saved in ("accept", "reject", "correct") else None,
        modes=session.modes(),
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(event_id: str, request: Request, session: Annotated[Session, Depends(get_session)]) -> HTMLResponse:
    return _event_page(request, session, event_id)


def _same_origin(request: Request) -> bool:
    """A browser's form POST from one of our own pages (Origin or Referer host matches)."""
    host = request.headers.get("host", "")
    origin = request.headers.get("origin")
    if origin and origin != "null":
        return urlsplit(origin).netloc == host
    referer = request.headers.get("referer")
    if referer:
        return urlsplit(referer).netloc == host
    return request.headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")


def _safe_next(value: str | None, default: str) -> str:
    """Only local paths of our own pages: no open redirects."""
    if value and re.fullmatch(r"/(events|clusters|articles)/[^/?#\\]+", value):
        return value
    return default


async def _read_form(request: Request) -> dict[str, str]:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        raise ApiError(415, "Send the review form as application/x-www-form-urlencoded.", param="content-type")
    body = await request.body()
    if len(body) > MAX_BODY:
        raise ApiError(413, f"The form is larger than {MAX_BODY} bytes.", param="body")
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=40, strict_parsing=False)
    except (UnicodeDecodeError, ValueError):
        raise ApiError(400, "The form could not be read (not UTF-8, or too many fields).", param="body") from None
    form: dict[str, str] = {}
    for key, value in pairs:
        form.setdefault(key, value)
    return form


@router.post("/events/{event_id}/review", response_class=HTMLResponse)
async def review_form(event_id: str, request: Request, ctx: Annotated[Context, Depends(get_ctx)]) -> Response:
    """The review buttons and the correction form of the pages post here."""
    if not _same_origin(request):
        raise ApiError(403, "Cross-site form posts are refused. Use the form on this server's page.", code="csrf")
    form = await _read_form(request)
    if not secrets_equal(form.get("csrf", ""), ctx.csrf):
        raise ApiError(
            403, "The form has expired (the server was restarted). Reload the page and submit it again.", code="csrf"
        )
    ctx.check_writable()
    ctx.check_token(form.get("token") or None)
    action = form.get("action", "")
    target = _safe_next(form.get("next"), f"/events/{path_quote(event_id)}")

    def work() -> Response:
        with ctx.service.session() as session:
            try:
                changes = None
                if action == "correct":
                    found = session.get_event(event_id)
                    if found is None:
                        raise ApiError(404, f"No event with id {event_id!r}.", param="id")
                    changes = form_changes(found[0], form)
                    if not changes:
                        raise ReviewError(
                            "The correction changes nothing: edit at least one field before saving.", param="changes"
                        )
                record_review(
                    session.db, event_id, action, form.get("reviewer", ""), note=form.get("note") or None, changes=changes
                )
            except ReviewError as exc:
                if target.startswith("/events/"):
                    values = {k: form.get(k, "") for k in CORRECTABLE} if action == "correct" else None
                    return _event_page(
                        request, session, event_id, status=422,
                        form_error=ApiError(422, str(exc), param=exc.param), form_values=values,
                    )  # fmt: skip
                raise
        ctx.service.invalidate()
        sep = "&" if "?" in target else "?"
        response = RedirectResponse(f"{target}{sep}saved={action}", status_code=303)
        reviewer = form.get("reviewer", "").strip()[:100]
        if reviewer:
            response.set_cookie(
                REVIEWER_COOKIE, quote(reviewer), max_age=30 * 86400, httponly=True, samesite="strict"
            )
        return response

    return await run_in_threadpool(work)


def secrets_equal(a: str, b: str) -> bool:
    import hmac

    return hmac.compare_digest(a.encode(), b.encode())


# -- clusters and articles --------------------------------------------------------------


@router.get("/clusters/{cluster_id}", response_class=HTMLResponse)
def cluster_page(cluster_id: str, request: Request, session: Annotated[Session, Depends(get_session)]) -> HTMLResponse:
    cluster = session.get_cluster(cluster_id)
    if cluster is None:
        raise ApiError(404, f"No cluster with id {cluster_id!r}.", param="id")
    member_ids = [m.get("event_id") for m in cluster.get("members") or [] if isinstance(m, Mapping)]
    events = session.events_by_id(i for i in member_ids if i)
    members = []
    for event_id in member_ids[:MAX_CLUSTER_ARTICLES]:
        event = events.get(event_id)
        if event is None:
            continue
        article = session.get_article(event["article_id"])
        text = (article or {}).get("text") or ""
        members.append({"event": event, "article": article, "segments": highlight_events(text, [event])})
    return render(
        request,
        "cluster.html",
        page_title=f"Cluster {cluster_id}",
        cluster=cluster,
        members=members,
        hidden=max(0, len(member_ids) - MAX_CLUSTER_ARTICLES),
        saved=request.query_params.get("saved") in ("accept", "reject"),
    )


def _safe_url(value: Any) -> str | None:
    """Only http(s) URLs become links (no javascript: or data: URLs)."""
    if isinstance(value, str) and urlsplit(value.strip()).scheme in ("http", "https"):
        return value.strip()
    return None


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(article_id: str, request: Request, session: Annotated[Session, Depends(get_session)]) -> HTMLResponse:
    article = session.get_article(article_id)
    if article is None:
        raise ApiError(404, f"No article with id {article_id!r}.", param="id")
    events = session.article_events(article_id)
    live = [e for e in events if _status(e) != "rejected"]
    text = article.get("text") or ""
    return render(
        request,
        "article.html",
        page_title=str(article.get("headline") or article_id),
        article=article,
        link=_safe_url(article.get("url")),
        events=events,
        segments=highlight_events(text, live, with_prefix=True),
    )


# -- charts -----------------------------------------------------------------------------


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, session: Annotated[Session, Depends(get_session)]) -> HTMLResponse:
    flt, form = page_filter(request)
    stats = session.stats(flt)
    chart = charts.timeline_chart(stats["by_day"], stats["by_month"])
    return render(request, "timeline.html", page_title="Timeline", form=form, stats=stats, chart=chart, modes=session.modes())


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, session: Annotated[Session, Depends(get_session)]) -> HTMLResponse:
    flt, form = page_filter(request)
    edges = session.network(flt, limit=400)
    chart = charts.network_chart(edges)
    return render(request, "network.html", page_title="Network", form=form, edges=edges[:60], chart=chart, modes=session.modes())


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, session: Annotated[Session, Depends(get_session)]) -> HTMLResponse:
    flt, form = page_filter(request)
    points = session.map_points(flt)
    chart = charts.map_chart(points)
    return render(request, "map.html", page_title="Map", form=form, points=points[:40], chart=chart, modes=session.modes())


# -- API reference ----------------------------------------------------------------------


def _schema_type(schema: Mapping[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_schema_type(s) for s in schema["anyOf"])
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    kind = schema.get("type", "")
    if kind == "array":
        return f"list of {_schema_type(schema.get('items') or {})}"
    if "enum" in schema:
        return " | ".join(repr(v) for v in schema["enum"])
    if "const" in schema:
        return repr(schema["const"])
    bounds = []
    if "minimum" in schema:
        bounds.append(f"≥ {schema['minimum']}")
    if "maximum" in schema:
        bounds.append(f"≤ {schema['maximum']}")
    return f"{kind} {' '.join(bounds)}".strip()


def _operations(spec: Mapping[str, Any]) -> list[dict[str, Any]]:
    ops = []
    for path, methods in (spec.get("paths") or {}).items():
        for method, op in methods.items():
            params = [
                {
                    "name": p.get("name"),
                    "where": p.get("in"),
                    "required": p.get("required", False),
                    "type": _schema_type(p.get("schema") or {}),
                    "description": p.get("description") or (p.get("schema") or {}).get("description") or "",
                }
                for p in op.get("parameters") or []
            ]
            body = None
            content = ((op.get("requestBody") or {}).get("content") or {}).get("application/json")
            if content:
                body = _schema_type(content.get("schema") or {})
            ops.append({
                "method": method.upper(), "path": path, "summary": op.get("summary") or "",
                "description": op.get("description") or "", "params": params, "body": body,
                "responses": sorted((op.get("responses") or {}).items()),
            })  # fmt: skip
    return ops


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    schemas = (spec.get("components") or {}).get("schemas") or {}
    models = []
    for name in sorted(schemas):
        if name in ("HTTPValidationError", "ValidationError"):
            continue
        props = schemas[name].get("properties") or {}
        required = set(schemas[name].get("required") or [])
        models.append({
            "name": name,
            "fields": [
                {"name": k, "type": _schema_type(v), "required": k in required, "description": v.get("description", "")}
                for k, v in props.items()
            ],
        })  # fmt: skip
    return render(request, "docs.html", page_title="API reference", spec=spec, operations=_operations(spec), models=models)
