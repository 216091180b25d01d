"""The eventwire REST API and web UI (FastAPI, server-rendered Jinja2 pages).

Start it with ``eventwire serve --db events.duckdb`` or build the ASGI app yourself::

    from eventwire.api import AppConfig, create_app
    app = create_app("events.duckdb", AppConfig(read_only=True))

REST routes (JSON; errors share one shape, see :mod:`eventwire.api.errors`):

``GET /api/events``                 filters, cursor paging (``limit`` 1-500, ``cursor``)
``GET /api/events/{id}``            the event as reviewed, as coded, its reviews
``POST /api/events/{id}/review``    accept, reject or correct (JSON body)
``GET /api/clusters``, ``GET /api/clusters/{id}``
``GET /api/articles/{id}``          the article text and its events
``GET /api/actors``                 actors with event counts
``GET /api/stats``                  counts by day, month, type and quad class
``GET /api/network``                source -> target edges with mean Goldstein
``GET /openapi.json``               the OpenAPI spec; ``GET /docs`` renders it (offline)

Pages: ``/`` (events and clusters), ``/events/{id}``, ``/clusters/{id}``,
``/articles/{id}``, ``/timeline``, ``/network``, ``/map``, ``/docs``.
"""

from __future__ import annotations

from .app import AppConfig, create_app

__all__ = ["AppConfig", "create_app"]
