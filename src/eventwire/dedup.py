"""Corpus-level clustering: events from different articles that describe one real event.

This is the ``cluster`` stage of the pipeline (``dedup.cluster.v1``). It is pure: it maps
contract event dicts (what ``eventwire code`` prints) to cluster dicts and does no I/O.
``eventwire.store.clusters`` persists the result and runs it incrementally.

How two events are judged to be one
-----------------------------------
Two events are *linked* when all of these hold (each is recorded in ``joined_by``):

- **type**: the same type family (``ClusterConfig.families``; by default each PLOVER type
  is its own family except ACCUSE/REJECT and AID/MOBILIZE, which coders confuse).
- **actors**: per side, one set of (country or IGO, sector) atoms covers the other: the
  same countries and sectors, or one side more specific (``[USA, KOR, EU]`` covers
  ``[USA]``; ``USA/GOV`` covers ``USA``; ``USA/GOV`` and ``USA/MIL`` conflict). An empty
  side is the least specific. For symmetric types (CONSULT, COOPERATE, AGREE, ASSAULT)
  the sides may be swapped. Actors without a country or IGO code do not constrain.
- **date**: both day-precise and the same day; otherwise (month, year or no date) the
  possible-date intervals overlap and the publication dates are at most
  ``pub_window_days`` apart. An undated event is taken to have happened in the
  ``undated_lookback_days`` before its publication.
- **location**: unknown on either side, or the same country and one place within the
  other (a country contains its cities), or the same place (same name, or coordinates at
  most ``location_km`` apart).
- **polarity**: the same (an asserted event never joins a negated one).
- **anchor**: the two share an actor code, the same day or the same place. Wording alone
  (two undated reports of unnamed actors in no named place) never joins events.
- **wording**: the Dice overlap of stemmed content words around the trigger (actor and
  place names left out, common news paraphrases mapped to one concept) is at least
  ``wording_min``, lowered by ``same_day_relief`` when both dates are the same day and by
  ``same_place_relief`` when both name the same place (below country level); and at
  least ``min_shared_words`` words are shared (one suffices on the same day and place).

Algorithm (deterministic and order independent)
-----------------------------------------------
1. Each event gets blocking keys: ``(family, source code, target code)`` for every
   source x target pair (codes sorted for symmetric types), so ``[USA, KOR, EU]`` and
   ``[USA]`` meet under ``(ACCUSE, USA, PRK)``. Events with an empty side own a *star*
   key ``(family, code, *)``; every event with that code is a guest there, and a pair is
   compared only if one of them owns the key. Events with no coded actor at all own
   ``(family, *, *, location country)``.
2. Inside a block, events are swept in date order and compared only when their date
   intervals overlap, so comparisons grow with block density, not with corpus size.
3. The connected components of the link graph are the unit of work. In each component
   the links are taken best first (score, then event ids) and merged like Kruskal's
   algorithm, refusing a merge that would put two events of one article together (the
   merge stage owns within-article identity), leave the members without a common
   possible date (so an undated or month-precise report cannot chain two different days),
   or join incompatible locations. Everything is sorted by event id first, so any input
   order gives the same clusters.
4. Because a component depends only on its own events, re-clustering only the
   components that new events touch gives the same result as a full run.

Claims (UCDP style)
-------------------
A claimant is the event's ``claimed_by`` (text, country, IGO, sector) or, when absent,
the article's publisher. A claimant's figure for a kind (dead, injured, arrested, size)
is its latest-published one. Across claimants, per kind: ``low`` is the lowest figure
(a quantity's own ``low`` when it gives a range), ``high`` the highest (its ``high``),
and ``best`` the value reported by more claimants than any other value, or else the
median of the claimants' values (the lower middle one for an even count, so ``best`` is
always a figure that someone reported).

The cluster record
------------------
::

    {"cluster_id": "c" + 16 hex (hash of the earliest report's event_id: stable as later
                    reports join, independent of input order),
     "type", "mode", "cameo", "quad_class", "goldstein":  the most common type among the
                    members (ties: higher summed confidence), its most common CAMEO code,
     "sources", "targets": [{"text", "country", "igo", "sector", "name", "support"}]: the
                    union of the members' coded actors (symmetric types oriented like the
                    member naming most actors); support = members naming it,
     "date", "date_precision", "date_text", "date_support": the most precise member date
                    (the members share a possible day, so it is unique); support = members
                    whose date agrees with it,
     "location": the most specific member location (then the most reported) + "support",
     "polarity", "hedged" (all members hedged), "confidence" (the highest),
     "num_events", "num_mentions" (evidence entries), "num_sources" (distinct publishers;
                    an unknown publisher counts once per article), "num_articles",
     "first_reported", "last_reported": the members' publication times,
     "publishers": [...],
     "members": [{"event_id", "article_id", "publisher", "published", "type", "cameo",
                  "date", "date_precision", "location", "claimed_by", "hedged",
                  "confidence", "evidence": [...],
                  "joined_by": {"with": event_id, "type", "actors", "date", "location",
                                "wording"} or null for a lone report}],
     "claims": [{"claimant": {"text", "country", "igo", "sector", "via": "claimed_by" |
                 "publisher"}, "event_ids": [...], "figures": [{"kind", "value",
                 "qualifier", "unit", "text", "low", "high", "event_id", "article_id",
                 "published"}], "current": {kind: value}}],
     "estimates": {kind: {"low", "best", "high", "claimants", "unit"}},
     "method": "dedup.cluster.v1"}

``joined_by`` is the member's strongest link inside its cluster, for example
``{"with": "9f2c...", "type": "ASSAULT", "actors": "RUS<->UKR", "date": "same day
2025-03-10", "location": "Kostiantynivka", "wording": 0.43}``.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

__all__ = [
    "METHOD",
    "ClusterConfig",
    "Component",
    "Profile",
    "blocking_keys",
    "cluster_components",
    "cluster_events",
    "date_interval",
    "profile_event",
]

METHOD = "dedup.cluster.v1"

# Older PLOVER names still met in data, mapped to the current ones (DESIGN.md).
_LEGACY_TYPES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """Settings of ``dedup.cluster.v1``. Change a default only with a new version name.

    The wording thresholds were set on hand-written report pairs (tests/test_dedup.py,
    ``CALIBRATION``): differently worded reports of one event score 0.36-0.5 on the trigger
    window, different events with compatible actors on the same day 0.13-0.15 (one shared
    word, usually the trigger's concept). With the 5-10 content words of a window, one
    shared word gives ~0.15 and two ~0.3, so the bar asks for about two shared concepts:
    0.3 with no anchor; a same-day date or a shared place each make a coincidental match
    less likely and lower it by 0.05 (0.2 with both). ``min_shared_words`` stops a single
    shared concept from passing on short windows (2 of 5 words would score 0.4): coding
    the shared news sample (bench/news-sample.jsonl) with fake close publication dates
    joined unrelated "meeting to discuss" reports on one shared word before it.
    """

    #: groups of PLOVER types that count as one family (other types are their own family).
    families: tuple[tuple[str, ...], ...] = (("ACCUSE", "REJECT"), ("AID", "MOBILIZE"))
    #: types whose sources and targets may be swapped ("A met B" = "B met A").
    symmetric: tuple[str, ...] = ("AGREE", "ASSAULT", "CONSULT", "COOPERATE")
    #: publication dates at most this many days apart count as "close" (imprecise dates).
    pub_window_days: int = 3
    #: an undated event happened at most this many days before its publication.
    undated_lookback_days: int = 7
    #: two places with coordinates at most this far apart are the same place.
    location_km: float = 30.0
    #: a place whose region is unknown is taken to lie in a region this close to its centre.
    region_km: float = 250.0
    #: tokens either side of the trigger whose words are compared.
    wording_window: int = 12
    #: shared words needed (one is enough when the day and the place are the same).
    min_shared_words: int = 2
    #: wording overlap (Dice of stemmed content words) needed with no date or place anchor.
    wording_min: float = 0.3
    #: how much a same-day date lowers the wording bar.
    same_day_relief: float = 0.05
    #: how much a shared place (below country level) lowers the wording bar.
    same_place_relief: float = 0.05


# --------------------------------------------------------------------------------------
# Event profiles: what the comparisons read, computed once per event.
# --------------------------------------------------------------------------------------

_NEG_INF = -(10**9)
_POS_INF = 10**9


_Atom = tuple[str, str | None]  # (country or IGO code, sector)
_Side = tuple[_Atom, ...]
_Json = dict[str, Any]


@dataclass(frozen=True, slots=True)
class _Location:
    country: str | None
    admin1: str | None
    name: str
    lat: float | None
    lon: float | None
    level: int  # 0 country, 1 first-level region, 2 place
    label: str


@dataclass(slots=True)
class Profile:
    """The normalised view of one event used for blocking and comparison."""

    event: dict[str, Any]
    event_id: str
    article_id: str
    type: str
    family: str
    symmetric: bool
    sources: _Side
    targets: _Side
    day: int | None
    lo: int
    hi: int
    pub: datetime | None
    pub_day: int | None
    location: _Location | None
    polarity: str
    words: frozenset[str]
    publisher: str | None


def _family_table(config: ClusterConfig) -> dict[str, str]:
    table: dict[str, str] = {}
    for group in config.families:
        name = "/".join(sorted(group))
        for member in group:
            table[member] = name
    return table


def _parse_published(value: Any) -> datetime | None:
    if not value or not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


def date_interval(
    value: str | None, precision: str | None, pub_day: int | None, config: ClusterConfig
) -> tuple[int | None, int, int]:
    """The event's possible dates as day ordinals: ``(day or None, first, last)``.

    Day precision gives one day; a month or a year its whole span; no date gives the
    ``undated_lookback_days`` before publication, or everything when that is unknown too.
    """
    if value:
        try:
            parts = [int(p) for p in value[:10].split("-")]
        except ValueError:
            parts = []
        precision = precision or {3: "day", 2: "month", 1: "year"}.get(len(parts))
        try:
            if len(parts) >= 3 and precision == "day":
                ordinal = date(parts[0], parts[1], parts[2]).toordinal()
                return ordinal, ordinal, ordinal
            if len(parts) >= 2 and precision in ("day", "month"):
                last = calendar.monthrange(parts[0], parts[1])[1]
                return (
                    None,
                    date(parts[0], parts[1], 1).toordinal(),
                    date(parts[0], parts[1], last).toordinal(),
                )
            if parts:
                return None, date(parts[0], 1, 1).toordinal(), date(parts[0], 12, 31).toordinal()
        except ValueError:
            pass  # an impossible date is treated as no date
    if pub_day is None:
        return None, _NEG_INF, _POS_INF
    return None, pub_day - config.undated_lookback_days, pub_day


def _norm_name(text: str | None) -> str:
    if not text:
        return ""
    words = re.findall(r"\w+", text.lower())
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _location(loc: Any) -> _Location | None:
    if not isinstance(loc, dict):
        return None
    country = loc.get("country") or None
    admin1 = loc.get("admin1") or None
    name = _norm_name(loc.get("name") or loc.get("text"))
    lat, lon = loc.get("lat"), loc.get("lon")
    if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
        lat = lon = None
    # feature is eventwire.geo's "country" / "admin1" / "city" (GeoNames codes also work)
    kind = {str(loc.get("feature") or "").lower(), str(loc.get("precision") or "").lower()}
    if kind & {"country", "pcli", "pcl"} or (not name and not admin1):
        level = 0
    elif kind & {"admin1", "adm1", "region", "state", "province"}:
        level = 1
    else:
        level = 2
    if not name and not country:
        return None
    label = loc.get("name") or loc.get("text") or country or ""
    return _Location(country, admin1, name, lat, lon, level, label)


_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
_STOP_WORDS = """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers him his how i if in into is it its
    itself just me more most my no nor not now of off on once only or other our ours out over
    own same she should so some such than that the their theirs them then there these they
    this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours
    said says say saying told tells according reported reports report reportedly added
    reporters reporter journalists morning afternoon evening night
    statement statements officials official spokesperson spokesman spokeswoman news agency
    media monday tuesday wednesday thursday friday saturday sunday today yesterday week
    weekend month year last earlier later since least around nearly almost approximately
    people
"""
_STOP = frozenset(_STOP_WORDS.split())
_SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ied", "ies", "ed", "es", "ly", "s")


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:6]


# Words that news reports use for the same thing, mapped to one concept so that
# paraphrases ("killed"/"dead", "struck"/"shelled", "condemned"/"denounced") overlap.
_CONCEPTS_RAW = {
    "~kill": "kill killed killing kills dead death deaths died die dies dying fatal fatalities "
    "toll perished slain lives",
    "~injure": "injured injuring injure wounded wounding wounds hurt injuries",
    "~strike": "strike strikes struck attack attacks attacked hit hits bombed bombing bombs "
    "bombardment shelled shelling shells raid raids airstrike airstrikes pounded blast blasts "
    "explosion explosions exploded",
    "~missile": "missile missiles rocket rockets projectile projectiles",
    "~condemn": "condemn condemned condemning condemnation denounce denounced denouncing "
    "criticize criticized criticizing criticise criticised criticism slam slammed rebuke "
    "rebuked censure censured decry decried",
    "~cooperate": "cooperation cooperative cooperate cooperating partnership partnerships ties "
    "alliance alignment collaboration relations",
    "~military": "military army troops troop forces soldiers armed servicemen",
    "~meet": "met meet meets meeting meetings talks discuss discussed discussions summit conferred",
    "~protest": "protest protests protested protesters protestors demonstrators demonstration "
    "demonstrations rally rallies marched",
    "~arrest": "arrest arrests arrested detained detain detention custody",
    "~agree": "agreement agreements deal deals accord accords pact treaty",
    "~sanction": "sanction sanctions sanctioned embargo penalties",
    "~civilian": "civilian civilians residents locals inhabitants",
    "~threat": "threat threats threaten threatened threatening menace",
}


def _build_concepts() -> dict[str, str]:
    table: dict[str, str] = {}
    for concept, words in _CONCEPTS_RAW.items():
        for word in words.split():
            table[word] = concept
            table.setdefault(_stem(word), concept)
    return table


_CONCEPTS = _build_concepts()


@lru_cache(maxsize=1 << 18)
def _term(word: str) -> str:
    return _CONCEPTS.get(word) or _CONCEPTS.get(_stem(word)) or _stem(word)


def _named_words(event: dict[str, Any]) -> set[str]:
    """Lower-cased words of the actor and place names: checked elsewhere, not wording."""
    words: set[str] = set()
    for side in ("sources", "targets"):
        for actor in event.get(side) or ():
            if isinstance(actor, dict) and actor.get("text"):
                words.update(w.lower() for w in _TOKEN.findall(actor["text"]))
    location = event.get("location")
    if isinstance(location, dict) and location.get("text"):
        words.update(w.lower() for w in _TOKEN.findall(location["text"]))
    return words


def _words(event: dict[str, Any], window: int) -> frozenset[str]:
    evidence = event.get("evidence") or []
    first = evidence[0] if evidence and isinstance(evidence[0], dict) else {}
    text = first.get("text") or ""
    tokens = [(m.start(), m.group().lower()) for m in _TOKEN.finditer(text)]
    trigger = first.get("trigger")
    start = first.get("start")
    if tokens and isinstance(trigger, (list, tuple)) and len(trigger) == 2 and start is not None:
        position = trigger[0] - start
        if 0 <= position <= len(text):
            centre = min(range(len(tokens)), key=lambda i: (abs(tokens[i][0] - position), i))
            tokens = tokens[max(0, centre - window) : centre + window + 1]
    named = _named_words(event)
    words = {_term(w) for _, w in tokens if len(w) > 2 and w not in _STOP and w not in named}
    trigger_text = first.get("trigger_text")
    if trigger_text:
        words.update(_term(w.lower()) for w in _TOKEN.findall(trigger_text) if len(w) > 2)
    return frozenset(words)


def _atoms(actors: Any) -> _Side:
    atoms = set()
    for actor in actors or ():
        if not isinstance(actor, dict):
            continue
        code = actor.get("country") or actor.get("igo")
        if code:
            atoms.add((str(code), actor.get("sector") or None))
    return tuple(sorted(atoms, key=lambda a: (a[0], a[1] or "")))


def profile_event(event: dict[str, Any], config: ClusterConfig | None = None) -> Profile:
    """The normalised comparison view of one contract event dict."""
    config = config or ClusterConfig()
    families = _family_table(config)
    return _profile(event, config, families)


def _profile(event: dict[str, Any], config: ClusterConfig, families: dict[str, str]) -> Profile:
    etype = str(event.get("type") or "")
    etype = _LEGACY_TYPES.get(etype, etype)
    pub = _parse_published(event.get("published"))
    pub_day = pub.toordinal() if pub else None
    day, lo, hi = date_interval(event.get("date"), event.get("date_precision"), pub_day, config)
    return Profile(
        event=event,
        event_id=str(event["event_id"]),
        article_id=str(event.get("article_id") or ""),
        type=etype,
        family=families.get(etype, etype),
        symmetric=etype in config.symmetric,
        sources=_atoms(event.get("sources")),
        targets=_atoms(event.get("targets")),
        day=day,
        lo=lo,
        hi=hi,
        pub=pub,
        pub_day=pub_day,
        location=_location(event.get("location")),
        polarity=str(event.get("polarity") or "asserted"),
        words=_words(event, config.wording_window),
        publisher=event.get("publisher") or None,
    )


# --------------------------------------------------------------------------------------
# Blocking
# --------------------------------------------------------------------------------------

STAR = "*"


def blocking_keys(profile: Profile) -> list[tuple[str, bool]]:
    """The event's blocking keys, each with whether the event *owns* it.

    Two events are compared when they share a key that at least one of them owns (and
    their date intervals overlap). Pair keys are owned by everyone; star keys reach
    events with an empty side from events that name that side.
    """
    if profile.lo == _NEG_INF and profile.hi == _POS_INF:
        # No date and no publication time: the report cannot be placed in time, so it is
        # compared with nothing (and costs nothing however large the corpus grows).
        return []
    fam = profile.family
    src = sorted({code for code, _ in profile.sources})
    tgt = sorted({code for code, _ in profile.targets})
    keys: dict[str, bool] = {}

    def add(parts: tuple[str, ...], owner: bool) -> None:
        key = "\x1f".join((fam, *parts))
        keys[key] = keys.get(key, False) or owner

    if profile.symmetric:
        if src and tgt:
            for s in src:
                for t in tgt:
                    add(tuple(sorted((s, t))), True)
        for code in sorted(set(src) | set(tgt)):
            add((code, STAR), not (src and tgt))
    else:
        if src and tgt:
            for s in src:
                for t in tgt:
                    add((s, t), True)
        for s in src:
            add((s, STAR), not tgt)
        for t in tgt:
            add((STAR, t), not src)
    country = profile.location.country if profile.location else None
    if not src and not tgt:
        add((STAR, STAR, country or "?"), True)
    elif country:
        add((STAR, STAR, country), False)
    return sorted(keys.items())


def _candidate_pairs(
    profiles: list[Profile], keys: list[list[tuple[str, bool]]]
) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) that share a key one of them owns and whose dates overlap."""
    blocks: dict[str, list[tuple[int, bool]]] = defaultdict(list)
    for index, event_keys in enumerate(keys):
        for key, owner in event_keys:
            blocks[key].append((index, owner))
    seen: set[tuple[int, int]] = set()
    for key in sorted(blocks):
        members = blocks[key]
        if len(members) < 2 or not any(owner for _, owner in members):
            continue
        members.sort(key=lambda m: (profiles[m[0]].lo, m[0]))
        for position, (i, owner_i) in enumerate(members):
            hi = profiles[i].hi
            for j, owner_j in members[position + 1 :]:
                if profiles[j].lo > hi:
                    break
                if not (owner_i or owner_j):
                    continue
                pair = (i, j) if i < j else (j, i)
                if pair not in seen:
                    seen.add(pair)
                    yield pair


# --------------------------------------------------------------------------------------
# Pairwise comparison
# --------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Link:
    a: int
    b: int
    score: float
    why: dict[str, Any]


def _covers(big: _Side, small: _Side) -> bool:
    for code, sector in small:
        for other_code, other_sector in big:
            if code == other_code and (
                sector is None or other_sector is None or sector == other_sector
            ):
                break
        else:
            return False
    return True


def _side_ok(a: _Side, b: _Side) -> bool:
    return _covers(a, b) or _covers(b, a)


def _actors_match(a: Profile, b: Profile) -> str | None:
    """'direct' or 'swapped' when the actors are compatible, else None."""
    if _side_ok(a.sources, b.sources) and _side_ok(a.targets, b.targets):
        return "direct"
    if a.symmetric and _side_ok(a.sources, b.targets) and _side_ok(a.targets, b.sources):
        return "swapped"
    return None


def _shared_label(x: _Side, y: _Side) -> str:
    small, big = (x, y) if len(x) <= len(y) else (y, x)
    if not _covers(big, small):
        small = x
    codes = sorted({code for code, _ in small})
    return "+".join(codes) if codes else STAR


def _actor_label(a: Profile, b: Profile, orientation: str) -> str:
    if orientation == "direct":
        arrow = "<->" if a.symmetric else "->"
        return f"{_shared_label(a.sources, b.sources)}{arrow}{_shared_label(a.targets, b.targets)}"
    return f"{_shared_label(a.sources, b.targets)}<->{_shared_label(a.targets, b.sources)}"


def _km(a: _Location, b: _Location) -> float | None:
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _locations_match(
    a: _Location | None, b: _Location | None, config: ClusterConfig
) -> tuple[bool, str | None, bool]:
    """(compatible, description, same specific place)."""
    if a is None and b is None:
        return True, None, False
    if a is None or b is None:
        known = a or b
        assert known is not None
        return True, f"{known.label} (one report only)", False
    if a.country and b.country and a.country != b.country:
        return False, None, False
    if a.level == 0 or b.level == 0:
        if a.level == 0 and b.level == 0:
            return True, a.label, False
        inner, outer = (b, a) if a.level == 0 else (a, b)
        return True, f"{inner.label} in {outer.label}", False
    if a.name and a.name == b.name:
        return True, a.label, True
    distance = _km(a, b)
    if a.level == 1 and b.level == 1:
        same = a.admin1 is not None and _norm_name(a.admin1) == _norm_name(b.admin1)
        return (True, f"{a.label} = {b.label}", True) if same else (False, None, False)
    if a.level == 1 or b.level == 1:
        region, place = (a, b) if a.level == 1 else (b, a)
        if place.admin1:
            if _norm_name(place.admin1) in (region.name, _norm_name(region.admin1)):
                return True, f"{place.label} in {region.label}", False
            return False, None, False
        if distance is not None and distance > config.region_km:
            return False, None, False
        return True, f"{place.label} in {region.label}?", False
    if distance is not None and distance <= config.location_km:
        return True, f"{a.label} ~ {b.label} ({distance:.0f} km)", True
    return False, None, False


def _dates_match(a: Profile, b: Profile, config: ClusterConfig) -> str | None:
    if a.day is not None and b.day is not None:
        if a.day == b.day:
            return f"same day {date.fromordinal(a.day).isoformat()}"
        return None
    if a.lo > b.hi or b.lo > a.hi:
        return None
    if a.pub_day is None or b.pub_day is None:
        return None
    apart = abs(a.pub_day - b.pub_day)
    if apart > config.pub_window_days:
        return None
    da = a.event.get("date") or "undated"
    db = b.event.get("date") or "undated"
    what = da if da == db else f"{da} ~ {db}"
    return f"{what}, published {apart} day{'s' if apart != 1 else ''} apart"


def _share_a_code(a: Profile, b: Profile) -> bool:
    codes = {code for code, _ in a.sources} | {code for code, _ in a.targets}
    return any(code in codes for code, _ in b.sources + b.targets)


def _compare(a: Profile, b: Profile, config: ClusterConfig) -> _Link | None:
    """The link between two events, or None when they cannot be one event."""
    if a.family != b.family or a.polarity != b.polarity or a.article_id == b.article_id:
        return None
    orientation = _actors_match(a, b)
    if orientation is None:
        return None
    when = _dates_match(a, b, config)
    if when is None:
        return None
    ok, where, same_place = _locations_match(a.location, b.location, config)
    if not ok:
        return None
    same_day = a.day is not None and a.day == b.day
    if not (same_day or same_place or _share_a_code(a, b)):
        return None  # nothing but wording ties them: too weak
    shared = len(a.words & b.words)
    if shared < (1 if same_day and same_place else config.min_shared_words):
        return None
    wording = 2.0 * shared / (len(a.words) + len(b.words))
    required = config.wording_min
    if same_day:
        required -= config.same_day_relief
    if same_place:
        required -= config.same_place_relief
    if wording + 1e-9 < required:
        return None
    score = wording + (config.same_day_relief if same_day else 0.0)
    score += config.same_place_relief if same_place else 0.0
    why = {
        "type": a.type if a.type == b.type else "~".join(sorted((a.type, b.type))),
        "actors": _actor_label(a, b, orientation),
        "date": when,
        "location": where,
        "wording": round(wording, 2),
    }
    return _Link(0, 0, round(score, 6), why)


# --------------------------------------------------------------------------------------
# Linking
# --------------------------------------------------------------------------------------


class _Groups:
    """Union-find whose roots carry what a merge must keep consistent."""

    def __init__(self, profiles: list[Profile], config: ClusterConfig) -> None:
        self.parent = list(range(len(profiles)))
        self.articles = [{p.article_id} for p in profiles]
        self.window = [(p.lo, p.hi) for p in profiles]
        self.places = [{p.location} if p.location else set() for p in profiles]
        self.config = config

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def try_union(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        if not self.articles[ri].isdisjoint(self.articles[rj]):
            return False
        lo = max(self.window[ri][0], self.window[rj][0])
        hi = min(self.window[ri][1], self.window[rj][1])
        if lo > hi:
            return False
        for x in self.places[ri]:
            for y in self.places[rj]:
                if not _locations_match(x, y, self.config)[0]:
                    return False
        if len(self.articles[ri]) < len(self.articles[rj]):
            ri, rj = rj, ri
        self.parent[rj] = ri
        self.articles[ri] |= self.articles[rj]
        self.window[ri] = (lo, hi)
        self.places[ri] |= self.places[rj]
        return True


@dataclass(slots=True)
class Component:
    """A connected component of the link graph and the clusters cut from it."""

    component_id: str
    event_ids: list[str]
    clusters: list[dict[str, Any]] = field(default_factory=list)
    #: ``(event_id, key, owner, first day, last day)`` for each blocking key of its events
    keys: list[tuple[str, str, bool, int, int]] = field(default_factory=list)


def _hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def _dedupe(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events sorted by id; a repeated id keeps one copy whatever the input order."""
    by_id: dict[str, dict[str, Any]] = {}
    for event in events:
        eid = str(event["event_id"])
        other = by_id.get(eid)
        if other is None or (
            other is not event
            and json.dumps(event, sort_keys=True, default=str)
            < json.dumps(other, sort_keys=True, default=str)
        ):
            by_id[eid] = event
    return [by_id[k] for k in sorted(by_id)]


def cluster_components(
    events: Iterable[dict[str, Any]], config: ClusterConfig | None = None
) -> list[Component]:
    """Cluster events and return the link-graph components with their clusters.

    The store uses the components to re-cluster incrementally. Components come sorted
    by id, clusters inside each by id.
    """
    config = config or ClusterConfig()
    families = _family_table(config)
    profiles = [_profile(e, config, families) for e in _dedupe(events)]
    keys = [blocking_keys(p) for p in profiles]
    links: list[_Link] = []
    comp = list(range(len(profiles)))

    def find(i: int) -> int:
        while comp[i] != i:
            comp[i] = comp[comp[i]]
            i = comp[i]
        return i

    for i, j in _candidate_pairs(profiles, keys):
        link = _compare(profiles[i], profiles[j], config)
        if link is None:
            continue
        link.a, link.b = i, j
        links.append(link)
        ri, rj = find(i), find(j)
        if ri != rj:
            comp[max(ri, rj)] = min(ri, rj)

    by_component: dict[int, list[int]] = defaultdict(list)
    for index in range(len(profiles)):
        by_component[find(index)].append(index)
    links_by_component: dict[int, list[_Link]] = defaultdict(list)
    for link in links:
        links_by_component[find(link.a)].append(link)

    groups = _Groups(profiles, config)
    components = []
    for root, indices in by_component.items():
        comp_links = sorted(links_by_component.get(root, ()), key=lambda k: (-k.score, k.a, k.b))
        for link in comp_links:
            groups.try_union(link.a, link.b)
        members: dict[int, list[int]] = defaultdict(list)
        for index in indices:
            members[groups.find(index)].append(index)
        joined: dict[int, dict[str, Any]] = {}
        for link in comp_links:
            if groups.find(link.a) != groups.find(link.b):
                continue
            for this, other in ((link.a, link.b), (link.b, link.a)):
                if this not in joined:
                    joined[this] = {"with": profiles[other].event_id, **link.why}
        component = Component(
            component_id="k" + _hash(profiles[indices[0]].event_id),
            event_ids=[profiles[i].event_id for i in indices],
            keys=[
                (profiles[i].event_id, key, owner, profiles[i].lo, profiles[i].hi)
                for i in indices
                for key, owner in keys[i]
            ],
        )
        for group in members.values():
            component.clusters.append(_build_cluster([profiles[i] for i in group], joined, group))
        component.clusters.sort(key=lambda c: c["cluster_id"])
        components.append(component)
    components.sort(key=lambda c: c.component_id)
    return components


def cluster_events(
    events: Iterable[dict[str, Any]], config: ClusterConfig | None = None
) -> list[dict[str, Any]]:
    """Group contract event dicts into cluster dicts, one per real-world event.

    Every event lands in exactly one cluster (a lone report is a cluster of one). The
    result does not depend on the order of ``events``; clusters come sorted by
    ``(first_reported, cluster_id)``.

    Args:
        events: contract dicts as printed by ``eventwire code`` (each needs
            ``event_id``; ``published`` and ``publisher`` are read when present).
        config: thresholds; the defaults are ``dedup.cluster.v1``.

    Returns:
        Cluster dicts (the module docstring shows their shape).
    """
    clusters = [c for comp in cluster_components(events, config) for c in comp.clusters]
    clusters.sort(key=_cluster_order)
    return clusters


def _cluster_order(cluster: dict[str, Any]) -> tuple[str, str]:
    return (cluster["first_reported"] or "\uffff", cluster["cluster_id"])


# --------------------------------------------------------------------------------------
# Building the cluster record
# --------------------------------------------------------------------------------------


def _member_order(p: Profile) -> tuple[int, datetime, str, str]:
    return (p.pub is None, p.pub or datetime.min, p.article_id, p.event_id)


def _top(counter: Counter[Any], tie: Any = None) -> Any:
    """The most common key; ties go to the smallest ``tie(key)`` (or the key itself)."""
    return min(counter, key=lambda k: (-counter[k], tie(k) if tie else k))


def _canonical_side(members: list[tuple[Profile, list[dict[str, Any]]]]) -> list[dict[str, Any]]:
    support: Counter[str] = Counter()
    sectors: dict[str, Counter[str]] = defaultdict(Counter)
    texts: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, tuple[str | None, str | None]] = {}
    uncoded: Counter[tuple[str, str]] = Counter()
    uncoded_text: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for _, actors in members:
        seen: set[str] = set()
        for actor in actors:
            if not isinstance(actor, dict):
                continue
            code = actor.get("country") or actor.get("igo")
            text = actor.get("text") or ""
            if not code:
                key = (actor.get("sector") or "", _norm_name(text))
                uncoded[key] += 1
                uncoded_text[key][text] += 1
                continue
            if code not in seen:
                support[code] += 1
                seen.add(code)
            kinds[code] = (actor.get("country"), actor.get("igo"))
            if actor.get("sector"):
                sectors[code][actor["sector"]] += 1
            if text:
                texts[code][text] += 1
            if actor.get("name"):
                names[code][actor["name"]] += 1
    out = []
    for code in sorted(support, key=lambda c: (-support[c], c)):
        country, igo = kinds[code]
        out.append(
            {
                "text": _top(texts[code], lambda t: (len(t), t)) if texts[code] else code,
                "country": country,
                "igo": igo,
                "sector": _top(sectors[code]) if sectors[code] else None,
                "name": _top(names[code]) if names[code] else None,
                "support": support[code],
            }
        )
    if not out:
        for key in sorted(uncoded, key=lambda k: (-uncoded[k], k)):
            out.append(
                {
                    "text": _top(uncoded_text[key], lambda t: (len(t), t)),
                    "country": None,
                    "igo": None,
                    "sector": key[0] or None,
                    "name": None,
                    "support": uncoded[key],
                }
            )
    return out


def _canonical_actors(profiles: list[Profile]) -> tuple[list[_Json], list[_Json]]:
    reference = min(
        profiles,
        key=lambda p: (
            -(len(p.sources) + len(p.targets)),
            -float(p.event.get("confidence") or 0),
            p.event_id,
        ),
    )
    src: list[tuple[Profile, list[Any]]] = []
    tgt: list[tuple[Profile, list[Any]]] = []
    for p in profiles:
        sources, targets = p.event.get("sources") or [], p.event.get("targets") or []
        if p is not reference and p.symmetric and _actors_match(reference, p) == "swapped":
            sources, targets = targets, sources
        src.append((p, sources))
        tgt.append((p, targets))
    return _canonical_side(src), _canonical_side(tgt)


_PRECISION_RANK = {"day": 3, "month": 2, "year": 1}


def _canonical_date(profiles: list[Profile]) -> dict[str, Any]:
    dated = [p for p in profiles if p.event.get("date")]
    if not dated:
        return {"date": None, "date_precision": None, "date_text": None, "date_support": 0}

    def precision(p: Profile) -> str:
        value = p.event["date"]
        return p.event.get("date_precision") or {10: "day", 7: "month", 4: "year"}.get(
            len(value), "day"
        )

    best = max(_PRECISION_RANK.get(precision(p), 0) for p in dated)
    chosen = Counter(p.event["date"] for p in dated if _PRECISION_RANK.get(precision(p), 0) == best)
    value = _top(chosen)
    chosen_p = next(p for p in dated if p.event["date"] == value)
    texts = Counter(
        p.event.get("date_text")
        for p in dated
        if p.event["date"] == value and p.event.get("date_text")
    )
    support = sum(1 for p in dated if p.lo <= chosen_p.lo and chosen_p.hi <= p.hi)
    return {
        "date": value,
        "date_precision": precision(chosen_p),
        "date_text": _top(texts) if texts else None,
        "date_support": support,
    }


def _canonical_location(profiles: list[Profile]) -> dict[str, Any] | None:
    located = [p for p in profiles if p.location is not None]
    if not located:
        return None
    support: Counter[tuple[int, str, str]] = Counter()
    first: dict[tuple[int, str, str], Profile] = {}
    for p in located:
        loc = p.location
        assert loc is not None
        key = (loc.level, loc.country or "", loc.name)
        support[key] += 1
        first.setdefault(key, p)
    key = min(support, key=lambda k: (-k[0], -support[k], k))
    raw = dict(first[key].event["location"])
    raw.pop("span", None)
    raw["support"] = support[key]
    return raw


def _evidence(event: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in event.get("evidence") or [] if isinstance(e, dict)]


def _claimant(p: Profile) -> tuple[tuple[str, ...], _Json]:
    claimed = p.event.get("claimed_by")
    if isinstance(claimed, dict) and (claimed.get("text") or claimed.get("country")):
        who = {
            "text": claimed.get("text"),
            "country": claimed.get("country"),
            "igo": claimed.get("igo"),
            "sector": claimed.get("sector"),
            "via": "claimed_by",
        }
        key = ("claimed_by", who["country"] or who["igo"] or "", who["sector"] or "",
               _norm_name(who["text"]))  # fmt: skip
        return key, who
    who = {"text": p.publisher, "country": None, "igo": None, "sector": None, "via": "publisher"}
    return ("publisher", p.publisher or f"article:{p.article_id}"), who


def _figure_low(q: dict[str, Any]) -> float:
    low = q.get("low")
    return low if isinstance(low, (int, float)) else q["value"]


def _figure_high(q: dict[str, Any]) -> float:
    high = q.get("high")
    return high if isinstance(high, (int, float)) else q["value"]


def _claims(profiles: list[Profile]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    claimants: dict[tuple[str, ...], _Json] = {}
    for p in sorted(profiles, key=_member_order):
        key, who = _claimant(p)
        entry = claimants.setdefault(key, {"claimant": who, "event_ids": [], "figures": []})
        entry["event_ids"].append(p.event_id)
        for q in p.event.get("quantities") or []:
            if not isinstance(q, dict) or not isinstance(q.get("value"), (int, float)):
                continue
            entry["figures"].append(
                {
                    "kind": q.get("kind"),
                    "value": q["value"],
                    "qualifier": q.get("qualifier"),
                    "unit": q.get("unit"),
                    "text": q.get("text"),
                    "low": q.get("low"),
                    "high": q.get("high"),
                    "event_id": p.event_id,
                    "article_id": p.article_id,
                    "published": p.event.get("published"),
                }
            )
    per_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    claims = []
    for key in sorted(claimants, key=lambda k: tuple(str(x) for x in k)):
        entry = claimants[key]
        latest: dict[str, dict[str, Any]] = {}
        for figure in entry["figures"]:  # member order is publication order: last wins
            kind = figure["kind"]
            same_time = kind in latest and latest[kind]["published"] == figure["published"]
            if same_time and figure["value"] <= latest[kind]["value"]:
                continue
            latest[kind] = figure
        entry["current"] = {kind: latest[kind]["value"] for kind in sorted(latest)}
        for kind, figure in latest.items():
            per_kind[kind].append(figure)
        claims.append(entry)
    estimates = {}
    for kind in sorted(per_kind):
        figures = per_kind[kind]
        values = sorted(f["value"] for f in figures)
        counts = Counter(values)
        top = max(counts.values())
        modal = [v for v, c in counts.items() if c == top]
        best = modal[0] if top > 1 and len(modal) == 1 else values[(len(values) - 1) // 2]
        units = Counter(f["unit"] for f in figures if f["unit"])
        estimates[kind] = {
            "low": min(_figure_low(f) for f in figures),
            "best": best,
            "high": max(_figure_high(f) for f in figures),
            "claimants": len(figures),
            "unit": _top(units) if units else None,
        }
    return claims, estimates


def _build_cluster(
    profiles: list[Profile],
    joined: dict[int, dict[str, Any]],
    indices: list[int],
) -> dict[str, Any]:
    order = sorted(range(len(profiles)), key=lambda k: _member_order(profiles[k]))
    profiles = [profiles[k] for k in order]
    indices = [indices[k] for k in order]
    earliest = profiles[0]
    types = Counter(p.type for p in profiles)
    conf = {p.event_id: float(p.event.get("confidence") or 0) for p in profiles}
    ctype = min(
        types,
        key=lambda t: (-types[t], -sum(conf[p.event_id] for p in profiles if p.type == t), t),
    )
    typed = [p for p in profiles if p.type == ctype]
    cameos = Counter(str(p.event.get("cameo")) for p in typed if p.event.get("cameo"))
    cameo = _top(cameos, lambda c: (-len(c), c)) if cameos else None
    with_cameo = next((p for p in typed if str(p.event.get("cameo")) == cameo), typed[0])
    modes = Counter(p.event.get("mode") for p in typed if p.event.get("mode"))
    sources, targets = _canonical_actors(profiles)
    published = [p for p in profiles if p.pub is not None]  # in publication order
    latest = max(published, key=lambda p: (p.pub, p.article_id, p.event_id), default=None)
    publishers = {p.publisher or f"article:{p.article_id}" for p in profiles}
    claims, estimates = _claims(profiles)
    members = []
    for p, index in zip(profiles, indices, strict=True):
        event = p.event
        members.append(
            {
                "event_id": p.event_id,
                "article_id": p.article_id,
                "publisher": p.publisher,
                "published": event.get("published"),
                "type": p.type,
                "cameo": event.get("cameo"),
                "date": event.get("date"),
                "date_precision": event.get("date_precision"),
                "location": (event.get("location") or {}).get("text"),
                "claimed_by": event.get("claimed_by"),
                "hedged": bool(event.get("hedged")),
                "confidence": event.get("confidence"),
                "evidence": _evidence(event),
                "joined_by": joined.get(index),
            }
        )
    cluster = {
        "cluster_id": "c" + _hash(earliest.event_id),
        "type": ctype,
        "mode": _top(modes) if modes else None,
        "cameo": cameo,
        "quad_class": with_cameo.event.get("quad_class"),
        "goldstein": with_cameo.event.get("goldstein"),
        "sources": sources,
        "targets": targets,
        **_canonical_date(profiles),
        "location": _canonical_location(profiles),
        "polarity": earliest.polarity,
        "hedged": all(bool(p.event.get("hedged")) for p in profiles),
        "confidence": round(max(conf.values()), 3),
        "num_events": len(profiles),
        "num_mentions": sum(max(1, len(_evidence(p.event))) for p in profiles),
        "num_sources": len(publishers),
        "num_articles": len({p.article_id for p in profiles}),
        "first_reported": published[0].event.get("published") if published else None,
        "last_reported": latest.event.get("published") if latest else None,
        "publishers": sorted(p for p in {q.publisher for q in profiles} if p),
        "members": members,
        "claims": claims,
        "estimates": estimates,
        "method": METHOD,
    }
    return cluster
