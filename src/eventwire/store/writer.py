"""Code inputs and store them: whole articles per transaction, resumable after a crash."""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import asdict, dataclass, field
from datetime import datetime
from types import ModuleType
from typing import TYPE_CHECKING, Any

import duckdb

from .. import CODER, __version__
from ..errors import StorageError
from ..model import Article, Reject
from . import schema
from .database import ADDED, REPLACED, Database, _Prepared, utcnow

if TYPE_CHECKING:
    from ..config import CoderConfig
    from ..pipeline import CodedArticle, Coder

__all__ = ["IngestReport", "ingest", "store_coded"]

#: Articles per transaction when storing already coded articles (``store_coded``,
#: ``eventwire ingest --from-parquet``). Each batch costs a commit (an fsync) and one
#: clustering update, whose queries scan the cluster tables and which re-clusters every
#: stored component a new event may join: per article, that cost shrinks with the
#: batch. A crash loses at most one batch, which is cheap to store again.
COMMIT_EVERY = 512
#: Articles per transaction while coding (``ingest``): coding takes far longer than
#: storing, so small batches lose little coding work in a crash and cost little.
INGEST_COMMIT_EVERY = 32
#: Articles read ahead by ``ingest`` to find the unchanged ones with one query.
READ_AHEAD = 256


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did."""

    run_id: str
    n_read: int = 0
    n_added: int = 0
    n_replaced: int = 0
    n_unchanged: int = 0
    n_rejected: int = 0
    n_events: int = 0
    rejects: list[Reject] = field(default_factory=list)

    def summary(self, name: str) -> str:
        return (
            f"{self.n_read} article(s) read: {self.n_added} added, {self.n_replaced} replaced, "
            f"{self.n_unchanged} unchanged, {self.n_rejected} rejected; "
            f"{self.n_events} event(s) written to {name} (run {self.run_id})."
        )

    def counts(self) -> dict[str, int]:
        data = asdict(self)
        return {k: v for k, v in data.items() if k.startswith("n_")}


def clusters_module() -> ModuleType | None:
    """``eventwire.store.clusters`` when it exists (written by the clustering work)."""
    try:
        from . import clusters
    except ImportError as exc:
        if getattr(exc, "name", None) == f"{__package__}.clusters":
            return None
        raise
    return clusters


def _model_info(coder: Any) -> tuple[str | None, str | None]:
    config = getattr(coder, "config", None)
    model = getattr(config, "model", None)
    nlp = getattr(coder, "_nlp", None)
    meta = getattr(nlp, "meta", None)
    if isinstance(meta, dict) and meta.get("version"):
        lang, name = meta.get("lang"), meta.get("name")
        full = f"{lang}_{name}" if lang and name else model
        return full, str(meta["version"])
    if model:
        from importlib import metadata

        try:
            return model, metadata.version(model)
        except (metadata.PackageNotFoundError, ValueError):
            return model, None
    return None, None


def _settings(coder: Any) -> tuple[str | None, str | None]:
    config = getattr(coder, "config", None)
    if config is None:
        return None, None
    from dataclasses import asdict as dc_asdict

    try:
        settings = json.dumps(dc_asdict(config), sort_keys=True, default=str)
    except TypeError:
        settings = None
    return config.settings_hash(), settings


class _Run:
    """The ``runs`` row of one ingest, created at the start and finished at the end."""

    def __init__(self, db: Database, coder: Any, inputs: list[str]) -> None:
        self.db = db
        self.run_id = f"{utcnow():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
        self.settings_hash, settings = _settings(coder)
        model, model_version = _model_info(coder)
        with db.transaction() as con:
            # A run left 'running' by another process died (DuckDB allows one writer).
            con.execute(
                "UPDATE runs SET status = 'interrupted' WHERE status = 'running' AND pid <> ?",
                [os.getpid()],
            )
            db._insert("runs", schema.RUN_COLUMNS, [{
                "run_id": self.run_id, "started_at": utcnow(), "status": "running",
                "eventwire_version": __version__, "coder": CODER, "model": model,
                "model_version": model_version, "settings_hash": self.settings_hash,
                "settings": settings, "inputs": json.dumps(inputs), "pid": os.getpid(),
            }])  # fmt: skip

    def finish(self, report: IngestReport, coder: Any, status: str) -> None:
        model, model_version = _model_info(coder)
        with self.db.transaction() as con:
            con.execute(
                "UPDATE runs SET finished_at = ?, status = ?, model = ?, model_version = ?, "
                "n_read = ?, n_added = ?, n_replaced = ?, n_unchanged = ?, n_rejected = ?, "
                "n_events = ? WHERE run_id = ?",
                [utcnow(), status, model, model_version, report.n_read, report.n_added,
                 report.n_replaced, report.n_unchanged, report.n_rejected, report.n_events,
                 self.run_id],
            )  # fmt: skip


def _reject_json(reject: Reject) -> dict[str, Any]:
    return reject.to_json()


class _Writer:
    """Buffers coded articles and commits them in whole-article batches."""

    def __init__(
        self,
        db: Database,
        run: _Run,
        report: IngestReport,
        *,
        coder_name: str,
        force: bool,
        commit_every: int,
        on_reject: Callable[[Reject], None] | None,
        on_commit: Callable[[IngestReport], None] | None,
    ) -> None:
        self.db, self.run, self.report = db, run, report
        self.coder_name, self.force, self.commit_every = coder_name, force, max(1, commit_every)
        self.on_reject, self.on_commit = on_reject, on_commit
        self.batch: list[_Prepared | Reject] = []
        self.n_prepared = 0  # the _Prepared items in batch
        self.clusters = clusters_module()

    def add(self, coded: CodedArticle) -> None:
        if coded.reject is not None:
            self.batch.append(coded.reject)
        else:
            assert coded.article is not None
            from ..contract import article_to_json

            try:
                prepared = self.db.prepare(
                    article_to_json(coded.article),
                    coded.events,
                    coder=self.coder_name,
                    settings_hash=self.run.settings_hash,
                    run_id=self.run.run_id,
                )
            except StorageError as exc:
                self.batch.append(_store_reject(coded.article, exc))
            else:
                self.batch.append(prepared)
                self.n_prepared += 1
        if self.n_prepared >= self.commit_every:
            self.flush()

    def flush(self) -> None:
        """Commit the batch: its articles, rejects and clustering in one transaction.

        The clustering hook runs inside the batch's transaction, so that a crash leaves
        either the batch with its clusters or neither (never stored events that were
        not clustered, which would make the next update a full re-clustering), and a
        batch costs one commit.
        """
        if not self.batch:
            return
        batch, self.batch, self.n_prepared = self.batch, [], 0
        now = utcnow()
        try:
            with self.db.transaction():
                try:
                    # Event id clashes with other stored articles are left to the
                    # primary key here: the one-by-one retry below names them.
                    outcomes = self._write(batch, now, check_ids=False)
                except (duckdb.Error, StorageError) as exc:
                    raise _BatchFailed from exc
                self._cluster(_stored_ids(batch, outcomes))
        except _BatchFailed:
            outcomes = self._write_one_by_one(batch, now)
            with self.db.transaction():
                self._cluster(_stored_ids(batch, outcomes))
        self._account(batch, outcomes)

    def _write_one_by_one(
        self, batch: list[_Prepared | Reject], now: datetime
    ) -> list[str | Reject]:
        """One article broke the batch: write each in its own transaction to isolate it."""
        outcomes: list[str | Reject] = []
        for item in batch:
            try:
                with self.db.transaction():
                    outcomes += self._write([item], now, check_ids=True)
            except (duckdb.Error, StorageError) as exc:
                assert isinstance(item, _Prepared)
                reject = Reject(
                    source=item.article_row.get("origin") or item.article_id,
                    stage="store",
                    error=type(exc).__name__,
                    message=" ".join(f"{item.article_id}: storing failed: {exc}".split()),
                    article_id=item.article_id,
                )
                with self.db.transaction():
                    outcomes += self._write([reject], now, check_ids=True)
        return outcomes

    def _cluster(self, stored: list[str]) -> None:
        if stored and self.clusters is not None and hasattr(self.clusters, "update_clusters"):
            self.clusters.update_clusters(self.db, stored)

    def _account(self, batch: list[_Prepared | Reject], outcomes: list[str | Reject]) -> None:
        """Count a committed batch in the report and tell the callbacks."""
        for item, outcome in zip(batch, outcomes, strict=True):
            if isinstance(outcome, Reject):
                self.report.n_rejected += 1
                self.report.rejects.append(outcome)
                if self.on_reject:
                    self.on_reject(outcome)
                continue
            assert isinstance(item, _Prepared)
            if outcome == ADDED:
                self.report.n_added += 1
            elif outcome == REPLACED:
                self.report.n_replaced += 1
            else:
                self.report.n_unchanged += 1
                continue
            self.report.n_events += len(item.events)
        if self.on_commit:
            self.on_commit(self.report)

    def _write(
        self, items: list[_Prepared | Reject], now: datetime, *, check_ids: bool
    ) -> list[str | Reject]:
        """Write a batch in order: runs of prepared articles in bulk, rejects one by one."""
        outcomes: list[str | Reject] = []
        run: list[_Prepared] = []
        for item in [*items, None]:
            if isinstance(item, _Prepared):
                run.append(item)
                continue
            if run:
                outcomes += self.db.write_prepared(
                    run, force=self.force, now=now, check_ids=check_ids
                )
                run = []
            if isinstance(item, Reject):
                self.db.store_reject(_reject_json(item), run_id=self.run.run_id, now=now)
                outcomes.append(item)
        return outcomes


class _BatchFailed(Exception):
    """Writing a batch failed (its cause says why): retry it one article at a time."""


def _stored_ids(batch: list[_Prepared | Reject], outcomes: list[str | Reject]) -> list[str]:
    """The ids of the articles a batch added or replaced, in order."""
    return [
        item.article_id
        for item, outcome in zip(batch, outcomes, strict=True)
        if isinstance(item, _Prepared) and outcome in (ADDED, REPLACED)
    ]


def _store_reject(article: Article, exc: Exception) -> Reject:
    return Reject(
        source=article.origin or article.id,
        stage="store",
        error=type(exc).__name__,
        message=f"{article.id}: {exc}",
        article_id=article.id,
    )


def store_coded(
    db: Database,
    coded: Iterable[CodedArticle],
    *,
    coder: Any = None,
    inputs: Iterable[str] = (),
    force: bool = False,
    commit_every: int = COMMIT_EVERY,
    on_reject: Callable[[Reject], None] | None = None,
    on_commit: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Store already coded articles as one run (``runs`` row, rejects, changes).

    ``coder`` (a :class:`~eventwire.pipeline.Coder` or anything with a ``config``)
    only provides the run record's model name and settings hash.
    """

    def counted(report: IngestReport) -> Iterator[CodedArticle]:
        for item in coded:
            report.n_read += 1
            yield item

    return _run(
        db,
        counted,
        coder=coder,
        inputs=[str(i) for i in inputs],
        force=force,
        commit_every=commit_every,
        on_reject=on_reject,
        on_commit=on_commit,
    )


def ingest(
    db: Database,
    inputs: Iterable[str],
    *,
    config: CoderConfig | None = None,
    coder: Coder | None = None,
    published: datetime | None = None,
    force: bool = False,
    commit_every: int = INGEST_COMMIT_EVERY,
    on_reject: Callable[[Reject], None] | None = None,
    on_commit: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Read, code and store inputs (files, directories, ``-``).

    Articles already stored with the same text, coder version and settings are not
    coded again, so re-running an interrupted ingest finishes the job (they are looked
    up :data:`READ_AHEAD` at a time). Each batch of up to ``commit_every`` whole
    articles is one transaction.

    Args:
        db: an open, writable database.
        inputs: what ``eventwire code`` takes.
        config: coder settings (ignored when ``coder`` is given).
        coder: a ready :class:`~eventwire.pipeline.Coder` (its model loaded once).
        published: overrides every article's publication time.
        force: code and store every article again, even unchanged ones.
        commit_every: whole articles per transaction.
        on_reject: called with each :class:`~eventwire.model.Reject` once it is stored.
        on_commit: called with the running report after each commit.

    Returns:
        The run's :class:`IngestReport`; its rejects are in the ``rejects`` table too.
    """
    from ..pipeline import Coder
    from ..readers import read_inputs

    names = [str(i) for i in inputs]
    coder = coder or Coder(config)
    settings_hash = coder.config.settings_hash()

    def fresh(report: IngestReport) -> Iterator[Article | Reject]:
        for chunk in _chunks(read_inputs(names, published=published), READ_AHEAD):
            stored = {} if force else db.versions([i.id for i in chunk if isinstance(i, Article)])
            for item in chunk:
                report.n_read += 1
                if isinstance(item, Article) and item.id in stored:
                    content_hash = hashlib.sha1(item.text.encode("utf-8")).hexdigest()
                    if stored[item.id] == (content_hash, CODER, settings_hash):
                        report.n_unchanged += 1
                        continue
                yield item

    def coded(report: IngestReport) -> Iterator[CodedArticle]:
        return iter(coder.code_articles(fresh(report)))

    return _run(
        db,
        coded,
        coder=coder,
        inputs=names,
        force=force,
        commit_every=commit_every,
        on_reject=on_reject,
        on_commit=on_commit,
    )


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _run(
    db: Database,
    source: Callable[[IngestReport], Iterator[CodedArticle]],
    *,
    coder: Any,
    inputs: list[str],
    force: bool,
    commit_every: int,
    on_reject: Callable[[Reject], None] | None,
    on_commit: Callable[[IngestReport], None] | None,
) -> IngestReport:
    if db.read_only:
        raise StorageError(f"{db.name} is open read-only; open it for writing to ingest.")
    run = _Run(db, coder, inputs)
    report = IngestReport(run_id=run.run_id)
    writer = _Writer(
        db, run, report, coder_name=CODER, force=force, commit_every=commit_every,
        on_reject=on_reject, on_commit=on_commit,
    )  # fmt: skip
    status = "failed"
    try:
        for item in source(report):
            writer.add(item)
        writer.flush()
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        if status == "done":
            run.finish(report, coder, status)
        else:  # never hide the error that stopped the run
            with suppress(duckdb.Error):
                run.finish(report, coder, status)
    return report
