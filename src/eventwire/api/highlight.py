"""Evidence highlighting: cut an article's text into segments, each with the roles over it.

The segments are plain text; the templates escape each one (Jinja autoescape) and wrap
it in a ``<mark>``, so markup is never built from raw article text. Spans come from the
stored events and are checked against the text: a span that is out of range, empty or
not a pair of integers is left out rather than trusted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["LEGEND", "ROLES", "Segment", "Span", "event_spans", "segments"]

#: Roles in order of precedence: when spans overlap, the first role gives the colour.
ROLES = ("trigger", "quantity", "date", "claimant", "source", "target", "location", "evidence")

#: (role, label, what it marks), in the order the legend shows them.
LEGEND = (
    ("trigger", "Trigger", "the words that name the event"),
    ("source", "Source", "who acts"),
    ("target", "Target", "who is acted upon"),
    ("date", "Date", "when"),
    ("quantity", "Quantity", "how many"),
    ("claimant", "Claimant", "according to whom"),
    ("location", "Location", "where"),
    ("evidence", "Evidence", "the sentence the event was coded from"),
)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    role: str
    label: str


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of text with the roles of every span over it (``primary`` gives the colour)."""

    text: str
    roles: tuple[str, ...] = ()
    title: str = ""

    @property
    def primary(self) -> str | None:
        return self.roles[0] if self.roles else None


def _pair(value: Any, size: int) -> tuple[int, int] | None:
    if not isinstance(value, list | tuple) or len(value) != 2:
        return None
    start, end = value
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
        return None
    if not 0 <= start < end <= size:
        return None
    return start, end


def _actor_label(actor: Mapping[str, Any]) -> str:
    code = actor.get("country") or actor.get("igo")
    sector = actor.get("sector")
    text = str(actor.get("text") or actor.get("name") or "")
    extra = "/".join(str(p) for p in (code, sector) if p)
    return f"{text} ({extra})" if extra else text


def event_spans(event: Mapping[str, Any], size: int, *, prefix: str = "") -> list[Span]:
    """The spans of one event that fall inside a text of ``size`` characters."""
    spans: list[Span] = []

    def add(value: Any, role: str, label: str) -> None:
        pair = _pair(value, size)
        if pair is not None:
            spans.append(Span(pair[0], pair[1], role, f"{prefix}{role}: {label}"))

    evidence = event.get("evidence") or []
    if evidence and isinstance(evidence[0], Mapping):
        first = evidence[0]
        add([first.get("start"), first.get("end")], "evidence", "evidence sentence")
        mode = f" ({event.get('mode')})" if event.get("mode") else ""
        add(first.get("trigger"), "trigger", f"{event.get('type')}{mode}")
    for role, key in (("source", "sources"), ("target", "targets")):
        for actor in event.get(key) or []:
            if isinstance(actor, Mapping):
                add(actor.get("span"), role, _actor_label(actor))
    add(event.get("date_span"), "date", str(event.get("date") or "no date resolved"))
    for quantity in event.get("quantities") or []:
        if isinstance(quantity, Mapping):
            qualifier = str(quantity.get("qualifier") or "").replace("_", " ")
            label = " ".join(
                str(p) for p in (quantity.get("kind"), qualifier, quantity.get("value"), quantity.get("unit")) if p
            )
            add(quantity.get("span"), "quantity", label)
    claim = event.get("claimed_by")
    if isinstance(claim, Mapping):
        add(claim.get("span"), "claimant", _actor_label(claim))
    location = event.get("location")
    if isinstance(location, Mapping):
        add(location.get("span"), "location", str(location.get("name") or location.get("text") or ""))
    return spans


def segments(text: str, spans: Iterable[Span]) -> list[Segment]:
    """Cut ``text`` at every span boundary; each piece lists the roles covering it."""
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    if not spans:
        return [Segment(text)] if text else []
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    rank = {role: i for i, role in enumerate(ROLES)}
    out: list[Segment] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        over = [s for s in spans if s.start <= start and end <= s.end]
        if not over:
            out.append(Segment(text[start:end]))
            continue
        roles = tuple(sorted({s.role for s in over}, key=lambda r: rank.get(r, len(rank))))
        labels = list(dict.fromkeys(s.label for s in sorted(over, key=lambda s: rank.get(s.role, 99))))
        out.append(Segment(text[start:end], roles, "; ".join(labels)))
    return out


def highlight_events(text: str, events: Sequence[Mapping[str, Any]], *, with_prefix: bool = False) -> list[Segment]:
    """Segments of ``text`` with the spans of every event (article view)."""
    spans: list[Span] = []
    for event in events:
        prefix = f"{event.get('type')} · " if with_prefix else ""
        spans += event_spans(event, len(text), prefix=prefix)
    return segments(text, spans)
