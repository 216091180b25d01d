"""merge.article.v1: one event per real event within an article.

The headline and the body, or two sentences of the body, often report the same event.
Two events of one article merge when they have the same PLOVER type, share a source and
a target (either way round for symmetric events such as talks or clashes, or when one
side is empty), and their dates do not disagree. The event with more grounding (a date,
quantities, the article's own voice rather than a party's claim, more actors, body rather
than headline) is kept; the other's
actors, date and quantities fill its gaps, and its trigger is kept as extra evidence.
"""

from __future__ import annotations

from dataclasses import replace

from ..config import CoderConfig
from ..model import Actor, Document, Event

__all__ = ["merge_events"]

NAME = "merge.article.v1"


def _keys(actors: tuple[Actor, ...]) -> set[str]:
    return {a.code or a.text.lower() for a in actors}


def _sides_meet(a: tuple[Actor, ...], b: tuple[Actor, ...]) -> bool:
    if not a or not b:
        return True
    return bool(_keys(a) & _keys(b))


def _dates_agree(a: Event, b: Event) -> bool:
    if not a.date or not b.date:
        return True
    short, long = sorted((a.date, b.date), key=len)
    return long.startswith(short)


def _codes_agree(a: Event, b: Event, headline_end: int) -> bool:
    """CAMEO codes that name the same action: equal to three digits; a headline's general
    wording ("agree", "attack") may stand for the body's more specific one."""
    if a.cameo[:3] == b.cameo[:3]:
        return True
    in_headline = a.sentence.start < headline_end or b.sentence.start < headline_end
    return in_headline and (a.cameo[2:3] == "0" or b.cameo[2:3] == "0")


def same_event(a: Event, b: Event, headline_end: int = 0) -> bool:
    if a.type != b.type or not _dates_agree(a, b) or not _codes_agree(a, b, headline_end):
        return False
    if a.claimed_by and b.claimed_by and (a.claimed_by.country or a.claimed_by.text) != (
        b.claimed_by.country or b.claimed_by.text
    ):
        return False
    forward = _sides_meet(a.sources, b.sources) and _sides_meet(a.targets, b.targets)
    backward = _sides_meet(a.sources, b.targets) and _sides_meet(a.targets, b.sources)
    if not (a.sources and b.sources and (a.targets or b.targets)):
        return False
    both_sides = forward and bool(_keys(a.sources) & _keys(b.sources))
    swapped = (a.symmetric or b.symmetric) and backward and bool(_keys(a.sources) & _keys(b.targets)) and bool(
        _keys(a.targets) & _keys(b.sources)
    )
    return both_sides or swapped


def _weight(event: Event, headline_end: int) -> tuple:
    return (
        event.sentence.start >= headline_end,
        event.date is not None,
        len(event.quantities),
        event.claimed_by is None,  # told in the article's own voice beats a party's claim
        len(event.sources) + len(event.targets),
        event.confidence,
        -event.sentence.start,
    )


def _union(a: tuple[Actor, ...], b: tuple[Actor, ...], other_side: tuple[Actor, ...]) -> tuple[Actor, ...]:
    keys = _keys(a) | _keys(other_side)
    extra = tuple(x for x in b if (x.code or x.text.lower()) not in keys and x.code)
    return a + extra


def _combine(keep: Event, drop: Event) -> Event:
    swapped = not (_keys(keep.sources) & _keys(drop.sources)) and bool(
        _keys(keep.sources) & _keys(drop.targets)
    )
    d_sources, d_targets = (drop.targets, drop.sources) if swapped else (drop.sources, drop.targets)
    sources = _union(keep.sources, d_sources, keep.targets)
    targets = _union(keep.targets, d_targets, sources)
    kinds = {q.kind for q in keep.quantities}
    quantities = keep.quantities + tuple(q for q in drop.quantities if q.kind not in kinds)
    changes = dict(
        sources=sources,
        targets=targets,
        quantities=quantities,
        mentions=keep.mentions + (drop.sentence,) + drop.mentions,
        confidence=min(0.99, max(keep.confidence, drop.confidence) + 0.05),
    )
    if keep.date is None and drop.date is not None:
        changes.update(date=drop.date, date_precision=drop.date_precision,
                       date_text=drop.date_text, date_span=drop.date_span)  # fmt: skip
    # An event the article states in its own voice is not a party's claim, even if a party
    # also claims it elsewhere; the claim stays visible in the merged mention's evidence.
    if keep.location is None and drop.location is not None:
        changes.update(location=drop.location)
    return replace(keep, **changes)


def merge_events(doc: Document, config: CoderConfig) -> Document:
    headline = doc.article.headline_span
    headline_end = headline.end if headline else 0
    merged: list[Event] = []
    for event in sorted(doc.events, key=lambda e: _weight(e, headline_end), reverse=True):
        for index, kept in enumerate(merged):
            if same_event(kept, event, headline_end):
                merged[index] = _combine(kept, event)
                break
        else:
            merged.append(event)
    merged.sort(key=lambda e: (e.sentence.start, e.trigger.start))
    return replace(doc, events=tuple(merged))
