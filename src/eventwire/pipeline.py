"""Build the stage list and run articles through it.

The per-article pipeline is::

    read -> nlp -> events (actors, attribution, dates, quantities, location) -> merge

``Coder`` loads the spaCy model once and codes articles in batches with
``nlp.pipe``; each later stage is a plain function ``Document -> Document``.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from .config import CoderConfig
from .contract import event_to_json
from .errors import MissingRequirement, StageFailed
from .model import Article, Document, Reject

__all__ = ["CodedArticle", "Coder", "Stage", "STAGES"]


@dataclass(frozen=True, slots=True)
class Stage:
    """A named, versioned per-article stage with its declared contract."""

    name: str
    func: Callable[[Document, CoderConfig], Document]
    requires: frozenset[str]
    provides: frozenset[str]


@dataclass(slots=True)
class CodedArticle:
    """What coding one input record produced: its events, or a reject."""

    article: Article | None
    events: list[dict[str, Any]] = field(default_factory=list)
    reject: Reject | None = None
    warnings: tuple[str, ...] = ()


def _events_stage(doc: Document, config: CoderConfig) -> Document:
    from .stages.events import code_events

    return code_events(doc, config)


def _merge_stage(doc: Document, config: CoderConfig) -> Document:
    from .stages.merge import merge_events

    return merge_events(doc, config)


STAGES: tuple[Stage, ...] = (
    Stage("events.rules.v1", _events_stage, frozenset({"sentences"}),
          frozenset({"events", "actors", "dates", "quantities", "claims", "locations"})),
    Stage("merge.article.v1", _merge_stage, frozenset({"events"}), frozenset({"merged"})),
)  # fmt: skip


def check_stages(stages: Iterable[Stage], provided: Iterable[str] = ("sentences",)) -> None:
    """Raise MissingRequirement when a stage needs what no earlier stage provides."""
    have = set(provided)
    for stage in stages:
        missing = stage.requires - have
        if missing:
            field_name = sorted(missing)[0]
            raise MissingRequirement(
                f"Stage {stage.name!r} requires {field_name!r}, which no earlier stage "
                f"provides. Put a stage that provides it before {stage.name!r}."
            )
        have |= stage.provides


class Coder:
    """The per-article pipeline with its spaCy model loaded once."""

    def __init__(self, config: CoderConfig | None = None, *, nlp: Any = None) -> None:
        self.config = config or CoderConfig()
        self.stages = STAGES
        check_stages(self.stages)
        self._nlp = nlp

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from .stages.nlp import load_model

            self._nlp = load_model(self.config.model)
        return self._nlp

    # -- parsing -------------------------------------------------------------------------
    def parse(self, articles: list[Article]) -> list[Document]:
        """Sentences and parses for a batch of articles, one ``nlp.pipe`` call."""
        from .stages.nlp import parse_articles

        return parse_articles(self.nlp, articles, batch_size=self.config.batch_size)

    def run_stages(self, doc: Document) -> Document:
        for stage in self.stages:
            try:
                doc = stage.func(doc, self.config)
            except Exception as exc:
                raise StageFailed(
                    f"Stage {stage.name!r} failed on article {doc.article.id!r}: "
                    f"{type(exc).__name__}: {exc}",
                    stage=stage.name,
                    article_id=doc.article.id,
                ) from exc
            doc = replace(doc, done=doc.done | {stage.name})
        return doc

    def code_document(self, article: Article) -> Document:
        return self.run_stages(self.parse([article])[0])

    def code_articles(self, articles: Iterable[Article | Reject]) -> Iterator[CodedArticle]:
        """Code articles in batches; a failure becomes a reject, never an exception."""
        batch: list[Article] = []
        for item in articles:
            if isinstance(item, Reject):
                yield from self._flush(batch)
                batch = []
                yield CodedArticle(article=None, reject=item)
                continue
            batch.append(item)
            if len(batch) >= self.config.batch_size:
                yield from self._flush(batch)
                batch = []
        yield from self._flush(batch)

    def _flush(self, batch: list[Article]) -> Iterator[CodedArticle]:
        if not batch:
            return
        try:
            docs = self.parse(batch)
        except Exception:
            # One article broke the batch parse: parse them one by one to isolate it.
            docs = []
            for article in batch:
                try:
                    docs.extend(self.parse([article]))
                except Exception as exc:
                    docs.append(_reject_doc(article, "nlp", exc))
        for doc in docs:
            if isinstance(doc, CodedArticle):
                yield doc
                continue
            try:
                done = self.run_stages(doc)
            except StageFailed as exc:
                yield _reject_doc(doc.article, exc.stage, exc.__cause__ or exc)
                continue
            yield CodedArticle(
                article=done.article,
                events=[event_to_json(done.article, e) for e in done.events],
                warnings=done.warnings,
            )

    def code_inputs(
        self, inputs: Iterable[str], *, published: datetime | None = None, **read_options: Any
    ) -> Iterator[CodedArticle]:
        from .readers import read_inputs

        yield from self.code_articles(read_inputs(inputs, published=published, **read_options))


def _reject_doc(article: Article, stage: str, exc: BaseException) -> CodedArticle:
    message = f"{article.id}: {stage} failed with {type(exc).__name__}: {exc}"
    if not str(exc):
        message += " " + "".join(traceback.format_exception_only(exc)).strip()
    return CodedArticle(
        article=article,
        reject=Reject(
            source=article.origin or article.id,
            stage=stage,
            error=type(exc).__name__,
            message=message,
            article_id=article.id,
        ),
    )
