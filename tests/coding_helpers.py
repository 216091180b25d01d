"""Helpers the sentence-level coder tests share: code one text, pick one event, name actors."""

from __future__ import annotations

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
