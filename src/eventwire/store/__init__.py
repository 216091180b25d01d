"""The event database: a DuckDB file of articles, events, actors and evidence.

Quick start::

    from eventwire.store import open_database, query_events

    with open_database("eventwire.duckdb") as db:        # created and migrated as needed
        df = db.events_df()                              # every event, pandas
        result = query_events(db, {"source": "North Korea", "since": "2024-12"},
                              count_by="month,target")
        for row in result.rows(): ...

API for other parts of eventwire (clustering, REST API, web UI)
---------------------------------------------------------------

``open_database(path, read_only=False) -> Database``
    Opens or creates the file, runs migrations, and raises ``SchemaMismatch`` for a
    database written by a newer eventwire and ``StorageError`` (one-line message with
    the fix) for anything else that is wrong. ``":memory:"`` gives a scratch database.

``Database``
    ``.con``         the DuckDB connection. Not thread-safe: ``db.cursor()`` gives a
                     ``Database`` over a new cursor, one per thread. DuckDB 2 refuses a
                     ``con.sql(...)`` while an ``execute()`` result is unread
                     (``fetchone()`` leaves it unread): prefer ``fetchall()``,
                     ``db.rows(sql, params)`` (dicts) or ``db.arrow(sql, params)``.
    ``.path``        the file (``None`` in memory); ``.read_only``.
    ``.transaction()`` context manager: commit on success, rollback on error; nested
                     uses join the outer one. Use it for every multi-statement write.
    ``.iter_events(where_sql="", params=())`` contract dicts of stored events, ordered
                     by article_id, event_id; ``where_sql`` is a condition on ``events``
                     with alias ``e`` and ``?`` placeholders, e.g. ``"e.article_id = ?"``.
    ``.iter_articles(where_sql="", params=())`` article records
                     (``contract.article_to_json`` form), alias ``a``.
    ``.get_article(id)``, ``.events_table()`` (pyarrow), ``.events_df()`` (pandas),
    ``.store_article(article, events)`` (one transaction: the article with all its
    events, old version to history, ``changes`` rows), ``.delete_article(id)``,
    ``.changes(since)``, ``.counts()``.

``query_events(db, filters, count_by=None, limit=None, offset=0) -> QueryResult``
    The query behind ``eventwire query``: filters as an ``EventFilter`` or a dict
    (``actor source target type mode quad since until country text article``), values
    bound as SQL parameters. ``InvalidFilter`` (a ``ValueError``) names the allowed
    values; the API should answer it with HTTP 400. ``result.rows()`` yields contract
    dicts (events) or group dicts (counts); ``result.table`` is Arrow.

``ingest(db, inputs, config=...)``, ``store_coded(db, coded_articles, ...)``
    Code and store, or store already coded ``CodedArticle``\\ s, as one run.

Clustering hook: after each committed batch of articles, ingest calls
``eventwire.store.clusters.update_clusters(db, article_ids)`` (added or replaced
article ids) when that module exists; ``eventwire export --level clusters`` calls
``eventwire.store.clusters.iter_clusters(db)``.

Tables (see ``schema.py`` for every column)
-------------------------------------------

``meta`` (key, value: ``schema_version``) · ``articles`` (one row per article id:
metadata, normalised text, content_hash, coder, settings_hash, run_id) · ``events`` (one
row per event: every contract field, nested ones as JSON, unknown ones in ``extra``;
derived ``event_day``, ``location_country``; ``event_key``, an internal integer for
joins that changes when the event is re-stored) · ``actors`` (event_id, event_key, role
source/target/claimed_by, code, text, country, igo, sector, span, first_code) · ``evidence``
(event_id, idx, text, offsets, trigger) · ``runs`` · ``rejects`` · ``changes`` (time,
run_id, article_id, event_id (null: the article itself), change added/replaced/deleted)
· ``articles_history``, ``events_history`` (old versions, with replaced_at).
"""

from __future__ import annotations

from .database import Database, open_database
from .query import EventFilter, InvalidFilter, QueryResult, query_events
from .schema import SCHEMA_VERSION
from .writer import IngestReport, ingest, store_coded

__all__ = [
    "Database",
    "EventFilter",
    "IngestReport",
    "InvalidFilter",
    "QueryResult",
    "SCHEMA_VERSION",
    "ingest",
    "open_database",
    "query_events",
    "store_coded",
]
