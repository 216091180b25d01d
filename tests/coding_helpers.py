"""Helpers the sentence-level coder tests share: code one text, pick one event, name actors."""

from __future__ import annotations

from datetime import datetime

from eventwire.model import Article, Event, Span
from eventwire.pipeline import Coder


def code(coder: Coder, text: str) -> list[Event]:
    """The events of ``text`` coded as a one-paragraph article without a date."""
    article = Article(id="t", text=text, paragraphs=(Span(0, len(text)),))
    return list(coder.code_document(article).events)


def names(actors) -> list[str]:
    """Actors by code, or by their lower-cased words when they have none."""
    return sorted(a.code or a.text.lower() for a in actors)


def only(events: list[Event], type_: str) -> Event:
    found = [e for e in events if e.type == type_]
    assert len(found) == 1, f"expected one {type_}, got {[(e.type, e.cameo) for e in events]}"
    return found[0]


PUBLISHED = datetime(2024, 12, 19, 10, 0)  # a Thursday


def code_article(coder: Coder, *paragraphs: str, published: datetime | None = PUBLISHED) -> list[Event]:
    """The events of an article made of ``paragraphs`` (published on a Thursday by default)."""
    text = "\n\n".join(paragraphs)
    spans, start = [], 0
    for para in paragraphs:
        spans.append(Span(start, start + len(para)))
        start += len(para) + 2
    article = Article(id="t", text=text, paragraphs=tuple(spans), published=published)
    return list(coder.code_document(article).events)


def types(events: list[Event]) -> list[str]:
    return [e.type for e in events]
