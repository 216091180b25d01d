"""The event contract: the JSON that ``eventwire code`` prints, one object per event.

See ``DESIGN.md`` in the shared folder. Fields may be added; a field's meaning never
changes. This module is the only place that turns model objects into contract JSON.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from . import CODER
from .model import Article, Event

__all__ = ["article_to_json", "event_id", "event_to_json", "quad_class"]

# PLOVER type -> quad class (1 verbal coop, 2 material coop, 3 verbal conflict,
# 4 material conflict), from the "quad" of each PLOVER type in the shared ontology
# (so PROTEST is material conflict, unlike GDELT's CAMEO-root lookup).
QUAD_CLASS = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip


def quad_class(plover_type: str) -> int:
    return QUAD_CLASS[plover_type]


def _actor_key(actor: Any) -> str:
    return f"{actor.country or ''}/{actor.igo or ''}/{actor.sector or ''}/{actor.text.lower()}"


def event_id(article_id: str, event: Event) -> str:
    """A content hash of what defines the event: same input, same id, in any run."""
    parts = [
        article_id,
        event.type,
        event.cameo,
        f"{event.trigger.start}:{event.trigger.end}",
        "|".join(sorted(_actor_key(a) for a in event.sources)),
        "|".join(sorted(_actor_key(a) for a in event.targets)),
    ]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def event_to_json(article: Article, event: Event) -> dict[str, Any]:
    """The contract object for one event of one article."""
    from .ontology import goldstein

    text = article.text
    evidence = {
        "text": event.sentence.slice(text),
        "start": event.sentence.start,
        "end": event.sentence.end,
        "trigger": event.trigger.as_list(),
        "trigger_text": event.trigger.slice(text),
    }
    extra = [
        {"text": span.slice(text), "start": span.start, "end": span.end}
        for span in event.mentions
    ]
    return {
        "article_id": article.id,
        "event_id": event_id(article.id, event),
        "type": event.type,
        "mode": event.mode,
        "cameo": event.cameo,
        "quad_class": quad_class(event.type),
        "goldstein": goldstein(event.cameo),
        "sources": [a.to_json() for a in event.sources],
        "targets": [a.to_json() for a in event.targets],
        "date": event.date,
        "date_precision": event.date_precision,
        "date_text": event.date_text,
        "date_span": event.date_span.as_list() if event.date_span else None,
        "location": event.location.to_json() if event.location else None,
        "quantities": [q.to_json() for q in event.quantities],
        "claimed_by": event.claimed_by.to_json() if event.claimed_by else None,
        "polarity": event.polarity,
        "hedged": event.hedged,
        "evidence": [evidence, *extra],
        "confidence": round(event.confidence, 3),
        "rule": event.rule,
        "coder": CODER,
        "published": article.published.isoformat() if article.published else None,
        "publisher": article.source or article.wire,
    }


def article_to_json(article: Article) -> dict[str, Any]:
    """The article record as stored and exported (metadata plus normalised text)."""
    return {
        "id": article.id,
        "url": article.url,
        "source": article.source,
        "wire": article.wire,
        "headline": article.headline,
        "published": article.published.isoformat() if article.published else None,
        "language": article.language,
        "tags": list(article.tags),
        "captions": [{"text": c.text, "credit": c.credit} for c in article.captions],
        "paragraphs": [p.as_list() for p in article.paragraphs],
        "text": article.text,
        "content_hash": hashlib.sha1(article.text.encode("utf-8")).hexdigest(),
        "origin": article.origin,
    }


def dumps(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))
