"""One error shape for the whole API, and HTML error pages for the UI.

Every error the REST API returns is a JSON object of this shape::

    {"ok": false, "status": 422, "error": "invalid_parameter",
     "message": "Invalid value for parameter 'limit': ...", "param": "limit"}

``error`` is a stable machine-readable code; ``message`` says what was wrong, the
offending value and the fix; ``param`` names the parameter (or body field) at fault,
or is null. Pages (paths outside ``/api``) render the same facts as an HTML page.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import EventwireError, StorageError
from ..store.query import InvalidFilter
from ..store.reviews import EventNotFound, ReviewError

__all__ = ["ApiError", "error_body", "install_handlers"]

log = logging.getLogger("eventwire.api")

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_parameter",
    500: "internal_error",
    503: "unavailable",
}


class ApiError(Exception):
    """An error answered in the shared shape."""

    def __init__(self, status: int, message: str, *, param: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.param = param
        self.code = code or _CODES.get(status, "error")


def error_body(status: int, message: str, *, param: str | None = None, code: str | None = None) -> dict[str, Any]:
    return {
        "ok": False,
        "status": status,
        "error": code or _CODES.get(status, "error"),
        "message": message,
        "param": param,
    }


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api") or path == "/openapi.json"


def render_error(request: Request, error: ApiError) -> Response:
    headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else None
    if _wants_json(request):
        return JSONResponse(
            error_body(error.status, error.message, param=error.param, code=error.code),
            status_code=error.status,
            headers=headers,
        )
    from .pages import render_error_page

    return render_error_page(request, error)


def _param_name(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("query", "path", "body", "header")]
    name = ".".join(parts) if parts else "body"
    return name


def install_handlers(app: FastAPI) -> None:
    """Route every error through :func:`render_error`."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return render_error(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        errors = exc.errors()
        first = errors[0] if errors else {"loc": (), "msg": "invalid request"}
        loc = tuple(first.get("loc") or ())
        param = _param_name(loc)
        if first.get("type") == "json_invalid":
            param = "body"
            message = f"The request body is not valid JSON: {first.get('msg')}."
        elif first.get("type") == "missing":
            message = f"Missing required parameter {param!r}."
        else:
            value = first.get("input")
            shown = repr(value)
            if len(shown) > 80:
                shown = shown[:77] + "..."
            message = f"Invalid value for parameter {param!r}: {first.get('msg')} (got {shown})."
            if param == "limit" and first.get("type") == "less_than_equal":
                message = message[:-1] + "; that is the maximum page size: follow next for more."
        return render_error(request, ApiError(422, message, param=param))

    @app.exception_handler(InvalidFilter)
    async def _invalid_filter(request: Request, exc: InvalidFilter) -> Response:
        param = getattr(exc, "param", None) or "filter"
        message = str(exc)
        if f"'{param}'" not in message:
            message = f"Invalid value for parameter {param!r}: {message}"
        return render_error(request, ApiError(422, message, param=param))

    @app.exception_handler(ReviewError)
    async def _review_error(request: Request, exc: ReviewError) -> Response:
        message = str(exc)
        if f"{exc.param}" not in message:
            message = f"Invalid value for {exc.param!r}: {message}"
        return render_error(request, ApiError(422, message, param=exc.param))

    @app.exception_handler(EventNotFound)
    async def _not_found(request: Request, exc: EventNotFound) -> Response:
        return render_error(request, ApiError(404, f"No event with id {exc.event_id!r}.", param="id"))

    @app.exception_handler(StorageError)
    async def _storage(request: Request, exc: StorageError) -> Response:
        log.warning("storage error: %s", exc)
        return render_error(request, ApiError(503, " ".join(str(exc).split())))

    @app.exception_handler(EventwireError)
    async def _eventwire(request: Request, exc: EventwireError) -> Response:
        return render_error(request, ApiError(400, " ".join(str(exc).split())))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            message = f"Nothing at {request.url.path!r}. See /docs for the API and / for the pages."
        elif exc.status_code == 405:
            message = f"Method {request.method} is not allowed on {request.url.path!r}."
        else:
            message = str(exc.detail)
        return render_error(request, ApiError(exc.status_code, message))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return render_error(
            request, ApiError(500, "Internal server error; the server log has the details.")
        )
