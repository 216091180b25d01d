"""merge.article.v1: one event per real event within an article.

The headline and the body, or two sentences of the body, often report the same event.
Two events of one article merge when they have the same PLOVER type, share a source and
a target (either way round for symmetric events such as talks or clashes, or when one
side is empty), and nothing tells them apart: their dates, places and casualty counts
agree, their triggers name no two different kinds of action ("detained" and "sentenced",
"raided" and "ambushed"), and the later one is not marked as another event ("in a separate
strike", "another attack", "Israel also struck", "condemned again"). A sector named once
with a country and once without ("Police arrest ..." over "Kenyan police arrested ...")
is one actor, but two body sentences must also name one actor alike (by code or in the
same words). An event that names no source merges only when its victims are a side of the
other (a target, or either side of a clash) and it gives the same casualty count ("12
killed" and "at least 12 killed"), or when it follows an attack in the body and counts only
casualties of another kind ("Another 20 soldiers were wounded" after "12 were killed").
The event with more grounding (a date, quantities, the article's own voice rather than a
party's claim, more actors, body rather than headline) is kept; the other's actors, date
and quantities fill its gaps, and its trigger is kept as extra evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..config import CoderConfig
from ..model import Actor, Document, Event, Location, Quantity

__all__ = ["merge_events", "same_event", "told_apart"]

NAME = "merge.article.v1"


def _key(actor: Actor) -> str:
    """Who an actor is: its country or organisation, else its sector ("villagers" and
    "residents" are both civilians), else its words."""
    if actor.code:
        return actor.code
    return f"sector:{actor.sector}" if actor.sector else actor.text.lower()


def _keys(actors: tuple[Actor, ...]) -> set[str]:
    return {_key(a) for a in actors}


# Sectors of one country that are never the same party: the opposition is not the
# government, nor are rebels or civilians the state's forces.
APART = {frozenset(pair) for pair in (
    ("OPP", "GOV"), ("REB", "GOV"), ("REB", "MIL"), ("REB", "COP"),
    ("CVL", "GOV"), ("CVL", "MIL"), ("CVL", "COP"),
)}  # fmt: skip


def _same_actor(x: Actor, y: Actor) -> bool:
    """One actor named twice: the same code, or a sector named once with its country and
    once without ("Police arrest ..." in the headline, "Kenyan police arrested ..." below).
    Two parties of one country in sectors that oppose each other ("opposition leaders" and
    "the president") are two actors."""
    if x.code and y.code:
        return x.code == y.code and frozenset((x.sector, y.sector)) not in APART
    if x.code or y.code:
        return bool(x.sector) and x.sector == y.sector
    return _key(x) == _key(y)


def _named_alike(a: Event, b: Event) -> bool:
    """The two events name one of their actors alike, by code or in the same words; a
    sector alone ("3,000 people" in Sydney, "protesters" in Hong Kong) is too little to
    join two sentences of the body."""
    return any(
        x.code == y.code if x.code or y.code else x.text.lower() == y.text.lower()
        for x in a.sources + a.targets
        for y in b.sources + b.targets
    )


def _share(a: tuple[Actor, ...], b: tuple[Actor, ...]) -> bool:
    return any(_same_actor(x, y) for x in a for y in b)


def _sides_meet(a: tuple[Actor, ...], b: tuple[Actor, ...]) -> bool:
    if not a or not b:
        return True
    return _share(a, b)


def _dates_agree(a: Event, b: Event) -> bool:
    if not a.date or not b.date:
        return True
    short, long = sorted((a.date, b.date), key=len)
    return long.startswith(short)


# A meeting, and the same meeting told with its third-country venue ("met in Geneva").
PLACED_MEETINGS = {"040", "044"}


def _codes_agree(a: Event, b: Event, headline_end: int) -> bool:
    """CAMEO codes that name the same action: equal to three digits; a headline's general
    wording ("agree", "attack") may stand for the body's more specific one."""
    if a.cameo[:3] == b.cameo[:3] or {a.cameo[:3], b.cameo[:3]} <= PLACED_MEETINGS:
        return True
    in_headline = a.sentence.start < headline_end or b.sentence.start < headline_end
    return in_headline and (a.cameo[2:3] == "0" or b.cameo[2:3] == "0")


# The casualty kinds whose counts tell two events apart; crowd sizes are estimates that
# differ between the police and the organisers of one march.
COUNTED = {"dead", "injured", "arrested"}


def _count_range(q: Quantity) -> tuple[float, float]:
    """The values a count allows: "at least 10" is 10 and up, "about 20" is 16 to 25."""
    if q.low is not None or q.high is not None:
        low = q.low if q.low is not None else q.value
        return (low, q.high if q.high is not None else float("inf"))
    return {
        "approx": (q.value * 0.8, q.value * 1.25),
        "at_least": (q.value, float("inf")),
        "more_than": (q.value + 1, float("inf")),
        "at_most": (0, q.value),
    }.get(q.qualifier, (q.value, q.value))


def _counts_agree(a: Event, b: Event) -> bool:
    """"Killing 10 people" and "killing four militants" are two strikes; "at least 10
    dead" and "12 dead" may be one."""
    for qa in a.quantities:
        for qb in b.quantities:
            if qa.kind == qb.kind and qa.kind in COUNTED:
                (lo_a, hi_a), (lo_b, hi_b) = _count_range(qa), _count_range(qb)
                if hi_a < lo_b or hi_b < lo_a:
                    return False
    return True


def _same_count(a: Event, b: Event) -> bool:
    """Both events give one exact casualty count: "four soldiers were wounded" twice."""
    return any(
        qa.kind == qb.kind and qa.kind in COUNTED and qa.value == qb.value and qa.value > 0
        for qa in a.quantities
        for qb in b.quantities
    )


def _victims(event: Event) -> tuple[Actor, ...]:
    """The sides an event's casualties may be on: its targets, or both sides of a clash."""
    return event.targets + event.sources if event.symmetric else event.targets


# How far (in characters, about three sentences) a casualty report may follow its attack.
FOLLOW_UP_REACH = 600


def _follow_up(a: Event, b: Event, headline_end: int) -> bool:
    """A casualty report with no attacker that follows an attack in the body and counts
    other casualties: "At least 12 soldiers were killed when ... troops clashed" and, later,
    "Another 20 soldiers were wounded". The report counts only kinds the attack lacks."""
    attack, report = sorted((a, b), key=lambda e: e.trigger.start)
    if report.sources or not attack.sources or attack.sentence.start < headline_end:
        return False
    if report.sentence.start - attack.sentence.end > FOLLOW_UP_REACH:
        return False  # a count far down the story is another incident's, or a running total
    counted = {q.kind for q in attack.quantities if q.kind in COUNTED}
    kinds = {q.kind for q in report.quantities}
    return bool(counted) and bool(kinds) and kinds <= COUNTED - counted


def _place_agree(a: Location | None, b: Location | None) -> bool:
    """Places that can hold one event: the same city, or a city and its region or country;
    Hebron and Jenin, or Syria and Iraq, cannot. Unresolved place names are no evidence."""
    if a is None or b is None or not a.country or not b.country:
        return True
    if a.country != b.country:
        return False
    if a.feature == b.feature == "city":
        return a.geonameid == b.geonameid if a.geonameid and b.geonameid else a.name == b.name
    if a.admin1 and b.admin1:
        return a.admin1 == b.admin1
    return True


# Trigger lemmas of one CAMEO code that still name different actions: a detention and the
# sentence passed months later, a raid and an ambush. Lemmas not listed ("attack", "kill",
# "strike") are general and may stand for any of them.
KINDS = {
    **dict.fromkeys(("arrest", "detain", "detention", "capture"), "custody"),
    **dict.fromkeys(("charge", "prosecute", "indict", "sentence", "convict", "imprison"), "court"),
    **dict.fromkeys(("invade", "invasion", "incursion", "storm", "raid", "occupy", "occupation"),
                    "ground"),  # fmt: skip
    **dict.fromkeys(("clash", "battle", "fight", "fighting", "combat", "war", "firefight",
                     "gunfight", "shootout", "hostility"), "battle"),  # fmt: skip
    "ambush": "ambush",
}


def _kind(event: Event) -> str | None:
    """The kind of action of a trigger, read from its rule ("events.rules.v1:V:raid:...")."""
    parts = event.rule.split(":")
    return KINDS.get(parts[2]) if len(parts) > 2 else None


def _kinds_agree(a: Event, b: Event) -> bool:
    ka, kb = _kind(a), _kind(b)
    return ka is None or kb is None or ka == kb


def told_apart(a: Event, b: Event, headline_end: int = 0) -> bool:
    """Two events of one type and one dyad that are still two: their dates, places,
    casualty counts or kinds of action disagree. A headline's count is a summary ("Strikes
    kill 14") and does not tell it apart from the body."""
    in_headline = a.sentence.start < headline_end or b.sentence.start < headline_end
    return not (
        _dates_agree(a, b)
        and _place_agree(a.location, b.location)
        and (in_headline or _counts_agree(a, b))
        and _kinds_agree(a, b)
    )


def same_event(a: Event, b: Event, headline_end: int = 0) -> bool:
    if a.type != b.type or told_apart(a, b, headline_end) or not _codes_agree(a, b, headline_end):
        return False
    if a.claimed_by and b.claimed_by and (a.claimed_by.country or a.claimed_by.text) != (
        b.claimed_by.country or b.claimed_by.text
    ):
        return False
    if not (a.sources and b.sources):
        # "Four soldiers were wounded", told twice with no attacker named.
        if not _share(_victims(a), _victims(b)):
            return False
        return _same_count(a, b) or _follow_up(a, b, headline_end)
    forward = _sides_meet(a.sources, b.sources) and _sides_meet(a.targets, b.targets)
    backward = _sides_meet(a.sources, b.targets) and _sides_meet(a.targets, b.sources)
    if not (a.targets or b.targets):
        return False
    both_sides = forward and _share(a.sources, b.sources)
    swapped = (a.symmetric or b.symmetric) and backward and _share(a.sources, b.targets) and _share(
        a.targets, b.sources
    )
    if not (both_sides or swapped):
        return False
    in_headline = a.sentence.start < headline_end or b.sentence.start < headline_end
    return in_headline or _named_alike(a, b)


# Words that make a mention a new event: "another attack", "a second strike", "in a
# separate raid"; on the trigger verb, "Israel also struck", "Iran again condemned".
ANOTHER = {"another", "separate", "second", "third", "fourth", "further", "fresh", "new",
           "earlier", "previous", "prior", "similar", "other"}  # fmt: skip
AGAIN = {"again", "also"}
ELSEWHERE = {"separately", "elsewhere"}


def _marked(token) -> bool:
    """A trigger told as one more event: "another attack killed", "Police also arrested",
    "In a separate strike, jets hit a car, killing four", "Separately, police detained"."""
    if any(c.dep_ in {"amod", "det"} and c.lower_ in ANOTHER for c in token.children):
        return True
    if any(c.dep_ == "advmod" and c.lower_ in AGAIN for c in token.children):
        return True
    heads = [token, token.head] if token.dep_ in {"advcl", "xcomp", "conj", "acl"} else [token]
    for head in heads:
        for child in head.children:
            if child.dep_ == "advmod" and child.lower_ in ELSEWHERE:
                return True
            if child.dep_ == "prep" and child.lower_ in {"in", "during"} and any(
                m.dep_ in {"amod", "det"} and m.lower_ in ANOTHER
                for obj in child.children if obj.dep_ == "pobj"
                for m in obj.children
            ):  # fmt: skip
                return True
    return False


def _marked_triggers(doc: Document) -> set[int]:
    """The trigger offsets of the events that a marker tells apart from earlier ones."""
    starts = {e.trigger.start for e in doc.events}
    marked = set()
    for sentence in doc.sentences:
        if sentence.doc is None:
            continue
        for token in sentence.doc:
            if sentence.base + token.idx in starts and _marked(token):
                marked.add(sentence.base + token.idx)
    return marked


@dataclass
class _Group:
    """A merged event and the events it was built from."""

    event: Event
    members: list[Event]

    def takes(self, event: Event, headline_end: int, marked: set[int]) -> bool:
        """Whether ``event`` is this group's event. A marker sets a mention apart from the
        body before it, not from the headline: "Israel launched fresh strikes" in the lead
        is what the headline tells."""
        if not same_event(self.event, event, headline_end):
            return False
        for member in self.members:
            if told_apart(member, event, headline_end):
                return False
            first, later = sorted((member, event), key=lambda e: e.trigger.start)
            if later.trigger.start in marked and first.sentence.start >= headline_end:
                return False
        return True

    @property
    def first(self) -> int:
        return min(m.trigger.start for m in self.members)


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
    extra = tuple(x for x in b if _key(x) not in keys and x.code)
    return a + extra


def _combine(keep: Event, drop: Event) -> Event:
    swapped = not _share(keep.sources, drop.sources) and _share(keep.sources, drop.targets)
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
    marked = _marked_triggers(doc)
    groups: list[_Group] = []
    for event in sorted(doc.events, key=lambda e: _weight(e, headline_end), reverse=True):
        takers = [g for g in groups if g.takes(event, headline_end, marked)]
        # A headline tells the story's first event: the lead's, not a later one's.
        if event.sentence.start < headline_end:
            takers.sort(key=lambda g: g.first)
        group = takers[0] if takers else None
        if group is None:
            groups.append(_Group(event, [event]))
        else:
            group.event = _combine(group.event, event)
            group.members.append(event)
    merged = sorted((g.event for g in groups), key=lambda e: (e.sentence.start, e.trigger.start))
    return replace(doc, events=tuple(merged))
