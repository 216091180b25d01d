"""Where an event happened: a place named in the trigger's sentence, read from the parse.

:func:`event_location` looks at the place names of one sentence (spaCy GPE/LOC/FAC
entities, plus names the entity recogniser labelled otherwise or missed but the gazetteer
knows) and keeps the one that fills a *locative slot* of the event:

- the object of a locative preposition ("in", "at", "near", "outside (of)", "inside",
  "across", "around", "throughout", "within", "along", "through", "into", "off") or of
  "on" with a place noun or an attack word ("on the outskirts of X", "an attack on X");
- the X of a place noun: "the besieged Bosnian town of X", "the province of X",
  "the capital X", "a X refugee camp" take the slot of the noun phrase they sit in;
- for movements (send, deploy, dispatch, return, extradite, ...), the destination
  "to X": troops sent to X are in X, so the destination is the event's location;
- for departures (evacuate, withdraw, pull out, ship out, ...), the origin "from X" /
  "out of X": the evacuation happens where the people are taken from;
- the object of a verb that acts on a place ("shelled X", "stormed X", "visited X",
  "shut down X"), even when that place is also the event's target.

Not locations: places that are the actors ("Moscow said", "Washington and Seoul agreed"
are subjects, never in a locative slot; an actor's possessive, "at Moscow's request", is
skipped too), places inside organisation names ("Bank of England"), demonyms and
adjectives ("Russian forces"), "from"/"to" of other verbs, and places in another clause:
a conjoined clause with its own subject, a relative clause with its own subject ("the
minister, who visited X, said"), the subject phrase of another verb, or the reporting
clause of "officials in X said ..." when the trigger sits in what they said (unless the
one speaking is the event's own actor: a demand voiced in X was made in X).

Among the places that qualify, the one closest to the trigger in the dependency tree
wins; each clause boundary crossed and each hop into the subject's phrase costs extra.
"X, Y" qualifiers ("Long Beach, CA", "Bam, Iran", "Williamsport, Pa.") resolve X inside Y.
A name the gazetteer does not know still yields a :class:`Location` with its text and span
and no coordinates. Two exceptions: "X, Iran" keeps X's text and takes Iran's country and
position (precision "country"); in "the village of X near Kandahar" the known place inside
X's own phrase is returned instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..geo import Gazetteer, Place
from ..model import Location, Span

__all__ = ["NAME", "event_location"]

NAME = "location.syntax.v1"

# -- word lists (lemmas, lower case) ------------------------------------------------------

# Prepositions whose object is where something happens.
LOCATIVE_PREPS = frozenset(
    "in at near outside inside across around throughout within along through into "
    "off amid beside nearby".split()
)
# Words that make "X of Y" locative: "outside of Y", "50 km north of Y".
LOCATIVE_OF_HEADS = frozenset(
    "outside inside north south east west northeast northwest southeast southwest".split()
)
# Nouns that pass their slot down to "of Y" / their appositive / compound place name:
# "the town of Y", "the outskirts of Y", "the capital Y", "a Y refugee camp".
PLACE_NOUNS = frozenset(
    """town city village hamlet province region district state county governorate
    prefecture oblast capital enclave port area areas suburb suburbs outskirts outskirt
    edge centre center heart part parts sector zone zones neighborhood neighbourhood
    quarter island islands peninsula coast border borders vicinity municipality territory
    territories strip valley street streets camp settlement environs north south east west
    north-east north-west south-east south-west northeast northwest southeast southwest
    downtown countryside frontier republic kingdom emirate stronghold base""".split()
)
# Geographic nouns kept in a place's text when they follow its name: "Kursk region".
ADMIN_NOUNS = frozenset(
    "province region district state county governorate prefecture oblast municipality "
    "territory".split()
)
CITY_NOUNS = frozenset("town city village hamlet capital port suburb suburbs downtown".split())
FEATURE_NOUNS = ADMIN_NOUNS | frozenset("peninsula island islands valley strip coast".split())
# Direction words stripped for lookup, kept in the text: "south Lebanon".
DIRECTIONS = frozenset(
    """north south east west northern southern eastern western central northeast
    northwest southeast southwest northeastern northwestern southeastern southwestern
    north-east north-west south-east south-west north-eastern north-western
    south-eastern south-western upper lower far""".split()
)
# Movement words whose destination ("to X") is the event's location.
MOVEMENT_WORDS = frozenset(
    """send deploy dispatch return extradite deport transfer deliver ship fly airlift
    travel go come move arrive head rush march drive bring take repatriate smuggle
    redeploy station post despatch visit trip journey mission deployment flight
    voyage tour expand spread advance push""".split()
)
# Departure words whose origin ("from X", "out of X") is the event's location.
DEPARTURE_WORDS = frozenset(
    """evacuate evacuation withdraw withdrawal pull retreat ship airlift rescue evict
    eviction oust drive force flee escape exodus remove removal dislodge chase""".split()
)
# Verbs (and nouns, via "on") whose object place is where the event happened.
PLACE_VERBS = frozenset(
    """attack bomb shell strike hit raid storm invade enter occupy capture seize retake
    recapture besiege blockade surround encircle overrun liberate visit tour rock shake
    paralyze paralyse shut close block bombard pound target patrol control reach
    cross infiltrate annex take evacuate flood sweep ransack loot torch burn""".split()
)
# Nouns whose "of X" is the place acted on: "control of X", "the siege of X".
OF_PLACE_NOUNS = frozenset(
    """control capture siege occupation seizure fall liberation recapture blockade
    evacuation bombing shelling bombardment invasion encirclement storming sack
    destruction""".split()
)
ATTACK_NOUNS = frozenset(
    """attack strike raid assault offensive bombardment bombing march airstrike
    air-strike incursion push advance onslaught shelling fire barrage""".split()
)
# Reporting verbs: a trigger inside what they report is not located by their clause.
SPEECH_VERBS = frozenset(
    """say tell report announce state claim add quote confirm deny insist warn note
    write declare disclose reveal explain argue allege assert""".split()
)
CLAUSE_DEPS = frozenset({"advcl", "relcl", "acl", "xcomp", "ccomp", "pcomp", "csubj"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent"})
MODIFIER_DEPS = frozenset({"compound", "poss", "nmod", "amod"})
CLIMB_DEPS = MODIFIER_DEPS | {"appos", "npadvmod"}

# Words that make a name an organisation's, not a place's ("University of Texas").
ORG_WORDS = frozenset(
    """university college school institute academy bank council committee commission
    ministry department agency party front army force forces brigade militia movement
    company corporation corp inc ltd group union association federation league club
    court church mosque museum hospital times news post radio television tv press
    airlines airways foundation fund organisation organization authority board office
    embassy consulate parliament assembly senate congress government administration
    cabinet team fc""".split()
)
# Proper nouns that are dates, not places, when the NER leaves them unlabelled.
CALENDAR_WORDS = frozenset(
    """january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday""".split()
)
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entity labels that can never be a place name, whatever the gazetteer says.
NON_PLACE_LABELS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "LANGUAGE", "LAW"}
)

# -- costs --------------------------------------------------------------------------------
# Set by hand on invented sentences, then checked on the PLOVER development sentences
# (benchmarks/geo_gold_check.py). A candidate costs one per dependency edge between the
# trigger and the word its locative phrase attaches to, plus these:
PP_EDGE_COST = 0.5  # a prep/pobj edge (other edges cost 1)
CLAUSE_COST = 1.0  # each clause boundary crossed (advcl, relcl, xcomp, ...)
SUBJECT_COST = 1.0  # the place describes the subject ("police in Jericho arrested ...")
OBJECT_SLOT_COST = 0.5  # object of a place verb ("shelled X") rather than a locative PP
# a possessive/compound of another noun ("in Greece's trial", "outside the U.S. embassy
# in Manila"): more than one edge, so that a place nested in the same phrase wins
MODIFIER_COST = 1.5
WEAK_MENTION_COST = 0.25  # a name the NER did not label as a place
MAX_COST = 8.0  # beyond this the place is too far from the trigger to be its location

_SPECIFICITY = {"city": 0, "admin1": 1, "country": 2}


@dataclass(slots=True)
class _Mention:
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    strong: bool  # labelled GPE/LOC/FAC by the NER
    qualifier: str | None = None
    text_start: int = 0
    text_end: int = 0
    lookup: str = ""
    admin_text: bool = False  # "Kursk region", "the province of Herat"


@dataclass(slots=True)
class _Slot:
    kind: str  # "loc", "dest", "origin" or "object"
    attach: Any  # the token the locative phrase hangs from
    modifier: bool
    via_admin: bool
    noun: str | None = None  # the first place noun above the name ("town", "province")


@dataclass(slots=True)
class _Candidate:
    cost: float
    mention: _Mention
    slot: _Slot
    place: Place | None
    qualifier_place: Place | None

    def rank(self) -> tuple[float, int, int]:
        """Cheapest first; then the most specific place (city, admin1, country, unknown);
        then the first in the sentence."""
        known = self.place or self.qualifier_place
        specificity = _SPECIFICITY.get(known.feature, 3) if known else 3
        return (self.cost, specificity, self.mention.start)


# -- mentions -----------------------------------------------------------------------------


def _is_det(token: Any) -> bool:
    return token.lower_ in ("the", "a", "an") or token.dep_ in ("det", "case")


def _collect_mentions(sent: Any, gazetteer: Gazetteer) -> list[_Mention]:
    doc = sent.doc
    mentions: list[_Mention] = []
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.start < sent.start or ent.end > sent.end:
            continue
        if ent.label_ in NON_PLACE_LABELS:
            continue  # its proper nouns are still looked at below ("Aleppo overnight", TIME)
        covered.update(range(ent.start, ent.end))
        start, end = ent.start, ent.end
        while start < end and _is_det(doc[start]):
            start += 1
        while end > start and doc[end - 1].dep_ == "case":  # "East Timor's"
            end -= 1
        if start >= end:
            continue
        strong = ent.label_ in PLACE_LABELS
        if any(doc[i].lower_ in ORG_WORDS for i in range(start, end)):
            # "the University of Texas" (GeoNames even has a hamlet of that name), but not
            # a region named with such a word ("West Bank")
            known = gazetteer.lookup(doc[start:end].text)
            if not any(p.feature in ("country", "admin1") for p in known):
                continue
        if ent.label_ == "NORP" and not gazetteer.lookup(
            doc[start:end].text, main_names_only=True
        ):
            continue  # a demonym ("the Thai border"), not a place the NER took for one
        if not strong and (doc[start].pos_ == "ADJ" or not doc[start].text[:1].isupper()):
            # A person or organisation label on a capitalised word ("Samarra") may be a
            # place the NER got wrong: event_location keeps it when the gazetteer knows
            # it, a place noun introduces it ("the town of X") or a qualifier follows it.
            continue
        mentions.append(_Mention(start, end, strong))
    # proper-noun runs the NER missed
    i = sent.start
    while i < sent.end:
        if doc[i].pos_ == "PROPN" and i not in covered:
            j = i
            while j < sent.end and doc[j].pos_ == "PROPN" and j not in covered:
                j += 1
            words = [doc[k].lower_ for k in range(i, j)]
            if (
                doc[i].text[:1].isupper()
                and not any(word in CALENDAR_WORDS for word in words)
                and gazetteer.lookup(doc[i:j].text)
            ):
                mentions.append(_Mention(i, j, False))
            i = j
        else:
            i += 1
    mentions.sort(key=lambda m: m.start)
    return mentions


def _attach_qualifiers(
    doc: Any, mentions: list[_Mention], gazetteer: Gazetteer
) -> list[_Mention]:
    """Turn "X, Y" (Y a country or US state) into X qualified by Y; drop Y as a place."""
    by_start = {m.start: m for m in mentions}
    dropped: set[int] = set()
    for m in mentions:
        if m.start in dropped or m.end + 1 >= len(doc) or doc[m.end].text != ",":
            continue
        first = doc[m.end + 1]
        y = by_start.get(first.i)
        if y is not None:
            y_end = y.end
        elif first.pos_ == "PROPN" or first.is_upper or first.text.endswith("."):
            y_end = first.i + 1
            # "W.Va." or "N.Y." are one token; "New Mexico" needs both
            while y_end < len(doc) and doc[y_end].pos_ == "PROPN" and y_end - first.i < 3:
                y_end += 1
        else:
            continue
        qualifier = doc[first.i : y_end].text
        # a list of places ("Georgia, Armenia and Azerbaijan") is not a qualifier
        nxt = doc[y_end] if y_end < len(doc) else None
        after = doc[y_end + 1] if y_end + 1 < len(doc) else None
        if nxt is not None and (
            nxt.lower_ in ("and", "or")
            or (nxt.text == "," and after is not None and after.lower_ in ("and", "or"))
        ):
            continue
        if any(p.feature == "country" for p in gazetteer.lookup(doc[m.start : m.end].text)[:1]):
            continue
        if not gazetteer.qualifier_constraints(qualifier):
            continue
        m.qualifier = qualifier
        if y is not None:
            dropped.add(y.start)
    return [m for m in mentions if m.start not in dropped]


def _shape_text(doc: Any, m: _Mention) -> None:
    """Text span (with a leading direction word and a trailing admin noun) and lookup name."""
    start, end = m.start, m.end
    m.lookup = doc[start:end].text
    if end - start > 1 and doc[end - 1].lower_ in ADMIN_NOUNS:
        m.admin_text = True  # "Kursk Region" inside the entity
    # a direction word just before: "in south Lebanon", "eastern Beirut"
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.lower_ in DIRECTIONS and start <= before.head.i < end:
        start -= 1
    # a geographic noun just after, that the name modifies: "the Jaffna peninsula"
    if end < len(doc) and doc[end].lower_ in FEATURE_NOUNS and doc[end - 1].head.i == end:
        m.admin_text = m.admin_text or doc[end].lower_ in ADMIN_NOUNS
        end += 1
    m.text_start, m.text_end = start, end


def _resolve(
    m: _Mention, gazetteer: Gazetteer, context: Sequence[str], prefer: str | None
) -> tuple[Place | None, Place | None]:
    """(place, qualifier place): the mention resolved, with direction words dropped."""
    qualifier_place = gazetteer.resolve_qualifier(m.qualifier) if m.qualifier else None
    for candidate in _lookup_variants(m.lookup):
        place = gazetteer.resolve(
            candidate, context_countries=context, qualifier=m.qualifier, prefer_feature=prefer
        )
        if place is not None:
            return place, qualifier_place
    # unknown, or known only outside the qualifier: the qualifier is all we have
    return None, qualifier_place


def _lookup_variants(name: str) -> Iterable[str]:
    """The name, then without a trailing feature noun ("Kursk Region" but not "Ivory
    Coast" when that is known), then without leading direction words ("Western Cambodia")."""
    yield name
    words = name.split()
    if len(words) > 1 and words[-1].lower() in FEATURE_NOUNS:
        words = words[:-1]
        yield " ".join(words)
    while len(words) > 1 and words[0].lower() in DIRECTIONS:
        words = words[1:]
        yield " ".join(words)


# -- slots --------------------------------------------------------------------------------


def _slot(root: Any, sent: Any) -> _Slot | None:
    """Which locative slot (if any) the phrase headed by ``root`` fills.

    Climbs from the name through modifiers, appositions, coordination and the "of" of
    place nouns ("the besieged town of X") to the word that decides: a locative
    preposition, "to"/"from" of a movement/departure, or a verb acting on a place.
    """
    cur = root
    modifier = False
    via_place_noun = False
    via_admin = False
    noun: str | None = None

    def slot(kind: str, attach: Any) -> _Slot:
        return _Slot(kind, attach, modifier, via_admin, noun)

    def origin(head: Any) -> _Slot | None:
        return slot("origin", head) if _governs(head, DEPARTURE_WORDS) else None

    for _ in range(12):
        dep = cur.dep_
        head = cur.head
        if head.i == cur.i or not (sent.start <= head.i < sent.end):
            return None
        if dep in CLIMB_DEPS and head.pos_ in ("NOUN", "PROPN", "NUM"):
            if dep == "poss" or (dep in MODIFIER_DEPS and head.lower_ not in PLACE_NOUNS):
                modifier = True  # "Kenya's capital", "the U.S. embassy" (not "X province")
            if head.lower_ in PLACE_NOUNS:
                via_place_noun = True
                via_admin = via_admin or head.lower_ in ADMIN_NOUNS
                noun = noun or head.lower_
            cur = head
            continue
        if dep == "conj" and cur.pos_ in ("PROPN", "NOUN") and head.pos_ in ("PROPN", "NOUN"):
            cur = head
            continue
        if dep == "pobj" or (dep == "dative" and head.pos_ == "ADP"):
            prep = head
            word = prep.lower_
            if word == "of":
                of_head = prep.head
                if of_head.lower_ in PLACE_NOUNS and of_head.pos_ in ("NOUN", "PROPN"):
                    via_place_noun = True
                    via_admin = via_admin or of_head.lower_ in ADMIN_NOUNS
                    noun = noun or of_head.lower_
                    cur = of_head
                    continue
                if of_head.lower_ in LOCATIVE_OF_HEADS:
                    return slot("loc", of_head.head)
                if of_head.lower_ == "out":
                    return origin(of_head.head)
                if of_head.lemma_.lower() in OF_PLACE_NOUNS:
                    return slot("object", of_head)
                return None
            if word in LOCATIVE_PREPS:
                return slot("loc", prep.head)
            if word == "on":
                if via_place_noun or prep.head.lemma_.lower() in ATTACK_NOUNS | PLACE_VERBS:
                    return slot("loc", prep.head)
                return None
            if word in ("to", "toward", "towards"):
                if _governs(prep.head, MOVEMENT_WORDS):
                    return slot("dest", prep.head)
                return None
            if word == "from":
                return origin(prep.head)
            return None
        if dep in ("dobj", "nsubjpass") and head.lemma_.lower() in PLACE_VERBS:
            return slot("object", head)
        return None
    return None


def _governs(token: Any, words: frozenset[str]) -> bool:
    """``token`` (or the verb whose object it is) is one of ``words``."""
    if token.lemma_.lower() in words or token.lower_ in words:
        return True
    return token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_.lower() in words


# -- distance from the trigger ------------------------------------------------------------


def _ancestors(token: Any) -> list[Any]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 64:
        chain.append(chain[-1].head)
    return chain


def _has_own_subject(token: Any) -> bool:
    return any(child.dep_ in ("nsubj", "nsubjpass", "expl") for child in token.children)


def _path_cost(trigger: Any, attach: Any, actors: frozenset[int] = frozenset()) -> float | None:
    """Edges from the trigger to ``attach``, with clause crossings; None when unrelated.

    ``actors`` (token indices of the event's actors) let a place describing the speaker
    or subject of an outer clause count when that speaker is the event's own actor: "the
    Red Cross operating in Iraq said forces must ensure security" is a demand made in Iraq.
    """
    if attach.i == trigger.i:
        return 0.0
    up = _ancestors(trigger)
    down = _ancestors(attach)
    up_ids = {t.i: n for n, t in enumerate(up)}
    lca_pos_down = next((n for n, t in enumerate(down) if t.i in up_ids), None)
    if lca_pos_down is None:
        return None
    lca = down[lca_pos_down]
    up_path = up[: up_ids[lca.i]]  # tokens below the LCA on the trigger's side
    down_path = down[:lca_pos_down]  # tokens below the LCA on the place's side
    if lca.i != trigger.i and lca.lemma_.lower() in SPEECH_VERBS and up_path:
        # the trigger is inside what somebody said; the place is about the saying, unless
        # the one saying it is the event's actor
        if up_path[-1].dep_ in ("ccomp", "parataxis", "conj", "advcl", "xcomp"):
            if not any(c.dep_ in SUBJECT_DEPS and c.i in actors for c in lca.children):
                return None
    # an edge costs 1, but half inside prepositional phrases: a place nested in the
    # locative phrase ("at a jail in Dili") is as close as the phrase itself
    path = (*up_path, *down_path)
    cost = sum(PP_EDGE_COST if t.dep_ in ("prep", "pobj") else 1.0 for t in path)
    for token in down_path:
        if token.dep_ == "relcl" and _has_own_subject(token):
            return None  # "the minister, who visited Kabul, said ...": another event
    if _in_coordinated_clause(down_path):
        return None  # "led protests but is unwilling to seek asylum in X": another event
    for token in path:
        dep = token.dep_
        if dep == "parataxis":
            return None
        if dep == "conj" and token.pos_ in ("VERB", "AUX") and _has_own_subject(token):
            return None
        if dep in CLAUSE_DEPS:
            cost += CLAUSE_COST
    subject = next((token for token in down_path if token.dep_ in SUBJECT_DEPS), None)
    if subject is not None:
        if subject.i not in actors and any(t.dep_ not in ("conj", "xcomp") for t in up_path):
            # the place describes the subject of another verb than the trigger (or than
            # the verbs it shares its subject with): "a spokesman at X's ministry said it,
            # as others condemned ..." does not put the condemnation in X
            return None
        cost += SUBJECT_COST
    return cost


def _in_coordinated_clause(down_path: Sequence[Any]) -> bool:
    """Is the place inside a clause that hangs on a coordinated verb: "X led protests but is
    unwilling to seek asylum in Y" (not "arrested and beat protesters in Y", where the
    place is the coordinated verb's own)?"""
    verbs = [n for n, t in enumerate(down_path) if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX")]
    return any(t.dep_ in ("xcomp", "ccomp", "advcl") for t in down_path[: verbs[-1]]) if verbs else False


def _event_head(trigger: Any) -> Any:
    """An auxiliary or particle stands for its verb; a compound for its noun."""
    token = trigger
    for _ in range(3):
        if token.dep_ in ("aux", "auxpass", "prt", "neg", "compound") and token.head.i != token.i:
            token = token.head
        else:
            break
    return token


# -- the stage function -------------------------------------------------------------------


def event_location(
    sent: Any,
    trigger: Any,
    *,
    article_countries: Sequence[str] = (),
    actor_countries: Sequence[str] = (),
    actor_token_ids: set[int] | frozenset[int] = frozenset(),
    gazetteer: Gazetteer | None = None,
    base: int = 0,
) -> Location | None:
    """The place where the event triggered by ``trigger`` happened, or ``None``.

    ``sent`` is a spaCy sentence ``Span`` and ``trigger`` one of its tokens. The span of
    the returned :class:`Location` is ``token.idx``-based character offsets into the
    ``Doc``'s text plus ``base`` (the Doc's offset in the article). ``actor_countries``
    and ``article_countries`` (ISO3) steer the gazetteer towards the story's countries;
    ``actor_token_ids`` are ``Doc`` token indices of the event's actors.
    """
    gazetteer = gazetteer or Gazetteer.default()
    doc = sent.doc
    head = _event_head(trigger)
    context = list(dict.fromkeys(c for c in (*actor_countries, *article_countries) if c))

    mentions = _collect_mentions(sent, gazetteer)
    mentions = _attach_qualifiers(doc, mentions, gazetteer)
    actors = frozenset(actor_token_ids)

    candidates: list[_Candidate] = []
    for m in mentions:
        if m.start <= head.i < m.end:
            continue  # the trigger is inside the name
        root = doc[m.start : m.end].root
        slot = _slot(root, sent)
        if slot is None:
            continue
        if slot.modifier and actors.issuperset(range(m.start, m.end)):
            continue  # "at Moscow's request": Moscow is an actor, not a place
        _shape_text(doc, m)
        if m.admin_text or slot.via_admin:
            prefer: str | None = "admin1"
        else:
            prefer = "city" if slot.noun in CITY_NOUNS else None
        place, qualifier_place = _resolve(m, gazetteer, context, prefer)
        if not m.strong and place is None:
            if not (m.qualifier or slot.via_admin or _via_place_noun(root)):
                continue  # an unknown word the NER did not call a place is not one
        cost = _path_cost(head, slot.attach, actors)
        if cost is None:
            continue
        if slot.kind == "object":
            cost += OBJECT_SLOT_COST
        if slot.modifier:
            cost += MODIFIER_COST
        if not m.strong:
            cost += WEAK_MENTION_COST
        if cost <= MAX_COST:
            candidates.append(_Candidate(cost, m, slot, place, qualifier_place))

    if not candidates:
        return None
    candidates.sort(key=_Candidate.rank)
    best = candidates[0]
    if best.place is None and best.qualifier_place is None:
        # an unknown name: prefer a known place inside its own phrase ("X near Kandahar")
        phrase = {t.i for t in _phrase_of(doc[best.mention.start : best.mention.end].root).subtree}
        for other in candidates[1:]:
            if other.place is not None and other.slot.attach.i in phrase:
                best = other
                break
    return _build_location(doc, best, base)


def _via_place_noun(root: Any) -> bool:
    """The name is the X of "the town of X" / "the capital X" (a cue for unknown names)."""
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of":
        return head.head.lower_ in PLACE_NOUNS
    if root.dep_ == "appos":
        return head.lower_ in PLACE_NOUNS
    return root.dep_ == "compound" and head.lower_ in ADMIN_NOUNS | CITY_NOUNS


def _phrase_of(root: Any) -> Any:
    """The noun phrase a place name stands in: its place noun or itself."""
    token = root
    for _ in range(4):
        if token.dep_ in CLIMB_DEPS or (token.dep_ == "pobj" and token.head.lower_ == "of"):
            token = token.head if token.dep_ != "pobj" else token.head.head
        else:
            break
    return token


def _build_location(doc: Any, best: _Candidate, base: int) -> Location:
    m = best.mention
    start_char = doc[m.text_start].idx
    end_char = doc[m.text_end - 1].idx + len(doc[m.text_end - 1].text)
    text = doc.text[start_char:end_char]
    span = Span(start_char + base, end_char + base)
    place = best.place
    if place is not None:
        precision = place.feature
        if (m.admin_text or best.slot.via_admin) and place.feature == "city":
            precision = "admin1"  # "Kursk region" resolved through the city of Kursk
    elif best.qualifier_place is not None:
        # "Smalltown, Iran": the place is unknown, the country (or US state) is not
        place = best.qualifier_place
        precision = place.feature
    else:
        return Location(text=text, span=span)
    return Location(
        text=text,
        span=span,
        country=place.country,
        admin1=place.admin1,
        lat=place.lat,
        lon=place.lon,
        geonameid=place.geonameid,
        feature=place.feature,
        precision=precision,
        name=place.name,
    )
