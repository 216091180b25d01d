"""The shared data model: frozen, slotted dataclasses and nothing else.

Every stage reads and returns these types. Offsets (``Span``) always point into
``Article.text``, the normalised text of the article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .errors import ModelError

__all__ = [
    "Actor",
    "Article",
    "Caption",
    "Claim",
    "Document",
    "Event",
    "Location",
    "Quantity",
    "Reject",
    "Sentence",
    "Span",
]


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Character offsets ``[start, end)`` into an article's normalised text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end <= self.start:
            raise ModelError(
                f"Invalid span [{self.start}, {self.end}): a span needs 0 <= start < end."
            )

    def slice(self, text: str) -> str:
        if self.end > len(text):
            raise ModelError(
                f"Span [{self.start}, {self.end}) runs past the end of a text of "
                f"{len(text)} characters."
            )
        return text[self.start : self.end]

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def as_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass(frozen=True, slots=True)
class Caption:
    """A photo caption with its bracketed credit; metadata, never body text."""

    text: str
    credit: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from its source, with its normalised text.

    ``text`` is the headline (when there is one) followed by the body paragraphs,
    separated by blank lines. ``paragraphs`` holds the span of each of those blocks,
    the headline first when ``headline`` is set.
    """

    id: str
    text: str
    paragraphs: tuple[Span, ...] = ()
    headline: str | None = None
    published: datetime | None = None
    url: str | None = None
    source: str | None = None
    wire: str | None = None
    captions: tuple[Caption, ...] = ()
    tags: tuple[str, ...] = ()
    language: str | None = None
    origin: str | None = None

    def __post_init__(self) -> None:
        for span in self.paragraphs:
            if span.end > len(self.text):
                raise ModelError(
                    f"Article {self.id!r}: paragraph span [{span.start}, {span.end}) is past "
                    f"the end of its text ({len(self.text)} characters)."
                )

    @property
    def body_paragraphs(self) -> tuple[Span, ...]:
        return self.paragraphs[1:] if self.headline else self.paragraphs

    @property
    def headline_span(self) -> Span | None:
        return self.paragraphs[0] if self.headline and self.paragraphs else None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the article; ``doc`` is the parsed spaCy ``Span`` (not serialised).

    ``base`` is the article offset of character 0 of the spaCy ``Doc`` the sentence
    belongs to, so a token's article offset is ``base + token.idx``.
    """

    span: Span
    paragraph: int
    is_headline: bool = False
    base: int = 0
    doc: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Actor:
    """A mention resolved to a country / organisation and a sector."""

    text: str
    span: Span
    country: str | None = None
    igo: str | None = None
    sector: str | None = None
    name: str | None = None
    by: str = ""

    @property
    def code(self) -> str | None:
        return self.country or self.igo

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "country": self.country,
            "igo": self.igo,
            "sector": self.sector,
            "name": self.name,
            "span": self.span.as_list(),
        }


@dataclass(frozen=True, slots=True)
class Quantity:
    """How many: ``kind`` is dead, injured, arrested or size."""

    kind: str
    value: int
    qualifier: str
    text: str
    span: Span
    unit: str | None = None
    low: int | None = None
    high: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "value": self.value,
            "qualifier": self.qualifier,
            "unit": self.unit,
            "text": self.text,
            "low": self.low,
            "high": self.high,
            "span": self.span.as_list(),
        }


@dataclass(frozen=True, slots=True)
class Claim:
    """Who the article says makes the claim ("according to ...", "X said that ...")."""

    text: str
    span: Span
    country: str | None = None
    igo: str | None = None
    sector: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "country": self.country,
            "igo": self.igo,
            "sector": self.sector,
            "span": self.span.as_list(),
        }


@dataclass(frozen=True, slots=True)
class Location:
    """Where the event happened, resolved against the gazetteer when possible."""

    text: str
    span: Span
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str | None = None
    precision: str | None = None
    name: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
            "feature": self.feature,
            "precision": self.precision,
            "span": self.span.as_list(),
        }


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event with everything that grounds it in the text."""

    type: str
    mode: str | None
    cameo: str
    trigger: Span
    sentence: Span
    sources: tuple[Actor, ...] = ()
    targets: tuple[Actor, ...] = ()
    date: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    date_span: Span | None = None
    location: Location | None = None
    quantities: tuple[Quantity, ...] = ()
    claimed_by: Claim | None = None
    polarity: str = "asserted"
    hedged: bool = False
    confidence: float = 0.5
    rule: str = ""
    mentions: tuple[Span, ...] = ()
    symmetric: bool = False


@dataclass(frozen=True, slots=True)
class Document:
    """An article on its way through the pipeline: what each stage has added so far."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = ()
    done: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Reject:
    """An input that could not be read or coded: kept as a record, never silently lost.

    ``source`` names the input (a path, ``path:line`` for JSON Lines, or ``-``),
    ``stage`` where it failed (``read``, ``nlp``, ``events`` ...), ``error`` the exception
    class name and ``message`` the one-line explanation with the fix.
    """

    source: str
    stage: str
    error: str
    message: str
    article_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "article_id": self.article_id,
            "stage": self.stage,
            "error": self.error,
            "message": self.message,
        }
