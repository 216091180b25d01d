"""The FastAPI application: REST API under ``/api``, server-rendered pages elsewhere.

Build it with :func:`create_app` (``eventwire serve`` does)::

    from eventwire.api import create_app
    app = create_app("events.duckdb")                  # or an open Database
    # uvicorn.run(app, host="127.0.0.1", port=8000)

Security model (see also ``eventwire serve --help``):

* Every string from the database or the request reaches HTML only through Jinja with
  autoescape; highlighted text is cut into segments that are escaped one by one.
* ``Content-Security-Policy`` forbids scripts outright: the pages have no JavaScript.
* Writes (review POSTs) are refused with 403 in read-only mode, need the review token
  when one is set (``Authorization: Bearer TOKEN`` for the API, the form field on the
  pages), need ``Content-Type: application/json`` on the API (so a cross-site form
  cannot post there), and a same-origin ``Origin`` plus the per-process CSRF field on
  the pages.
* ``trusted_hosts`` (set by ``eventwire serve`` on loopback) refuses other ``Host``
  headers, which defeats DNS-rebinding attacks on a local server.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..store.database import Database
from .errors import ApiError, error_body, install_handlers
from .service import EventService, Session

__all__ = ["AppConfig", "Context", "MAX_BODY", "create_app", "get_ctx", "get_session"]

#: The largest request body accepted (a review is a few kilobytes at most).
MAX_BODY = 64 * 1024

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


@dataclass(slots=True)
class AppConfig:
    """How the server behaves.

    Attributes:
        read_only: refuse every write (review POSTs answer 403).
        review_token: when set, review writes need it.
        trusted_hosts: accepted ``Host`` header names (without port); None accepts any.
        title: shown in the page header.
    """

    read_only: bool = False
    review_token: str | None = None
    trusted_hosts: Sequence[str] | None = None
    title: str = "eventwire"


@dataclass(slots=True)
class Context:
    """What every request needs: the service, the settings, the templates."""

    service: EventService
    config: AppConfig
    templates: Any
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    owns_db: bool = False

    @property
    def writable(self) -> bool:
        return not self.config.read_only and not self.service.db.read_only

    def check_token(self, supplied: str | None) -> None:
        """Raise 401 unless the review token (when one is set) was supplied."""
        token = self.config.review_token
        if not token:
            return
        if not supplied or not hmac.compare_digest(supplied.encode(), token.encode()):
            raise ApiError(
                401,
                "A valid review token is required to store reviews: send it as "
                "'Authorization: Bearer TOKEN' (API) or in the token field (pages).",
                param="token",
            )

    def check_writable(self) -> None:
        if self.config.read_only:
            raise ApiError(
                403, "This server is read-only (--read-only): reviews cannot be stored.", code="read_only"
            )
        if self.service.db.read_only:
            raise ApiError(
                403,
                "The database is open read-only: reviews cannot be stored. Serve it without "
                "--read-only to review.",
                code="read_only",
            )


def get_ctx(request: Request) -> Context:
    return request.app.state.ew


def get_session(request: Request) -> Iterator[Session]:
    """One DuckDB cursor per request (connections are not shared between threads)."""
    session = get_ctx(request).service.session()
    try:
        yield session
    finally:
        session.close()


def _templates() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined  # noqa: F401

    from ..web import TEMPLATES_DIR
    from .pages import install_filters

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,  # every template, whatever its name
        trim_blocks=True,
        lstrip_blocks=True,
    )
    install_filters(env)
    return env


def create_app(db: Database | str | Path, config: AppConfig | None = None) -> FastAPI:
    """The eventwire web application over an open database or a database file.

    Args:
        db: an open :class:`~eventwire.store.Database` (the caller closes it) or a path,
            opened here (read-only when ``config.read_only``) and closed at shutdown.
        config: the server settings; the defaults allow reviews without a token.
    """
    from ..web import STATIC_DIR

    config = config or AppConfig()
    owns = not isinstance(db, Database)
    if owns:
        from ..store import open_database

        db = open_database(db, read_only=config.read_only)
    assert isinstance(db, Database)
    ctx = Context(service=EventService(db), config=config, templates=_templates(), owns_db=owns)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        ctx.service.close()
        if ctx.owns_db:
            ctx.service.db.close()

    app = FastAPI(
        title="eventwire",
        version=__version__,
        description=(
            "Political event data from news, every field traced to its words. Errors share "
            'one shape: {"ok": false, "status", "error", "message", "param"}. This page '
            "needs no network: /openapi.json is the machine-readable spec."
        ),
        docs_url=None,  # FastAPI's Swagger page loads its JavaScript from a CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.ew = ctx
    install_handlers(app)

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        hosts = ctx.config.trusted_hosts
        if hosts is not None:
            host = request.headers.get("host", "")
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            name = name.strip("[]").lower()
            if name not in {h.strip("[]").lower() for h in hosts}:
                response: Response = JSONResponse(
                    error_body(400, f"Host {host[:100]!r} is not served here.", param="host"),
                    status_code=400,
                )
                response.headers.update(SECURITY_HEADERS)
                return response
        if request.method in ("POST", "PUT", "PATCH", "DELETE"):
            length = request.headers.get("content-length")
            if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
                response = JSONResponse(
                    error_body(413, f"The request body is larger than {MAX_BODY} bytes.", param="body"),
                    status_code=413,
                )
                response.headers.update(SECURITY_HEADERS)
                return response
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.url.path.startswith("/api"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    from . import pages, routes

    app.include_router(routes.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    return app
