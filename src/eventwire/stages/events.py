"""events.rules.v1: find event triggers and their arguments in the dependency parse.

For every sentence the stage

1. finds triggers: verbs and nouns in the project's lexicon (``resources/lexicon.tsv``),
   with their conditions (the object, a preposition, a modifier);
2. reads the arguments from the parse: the subject (through conjunctions, control
   verbs, participles and passives), the object or the trigger's target prepositions,
   and for nouns their possessor, "by" agent, nationality adjective and
   "between X and Y";
3. reads the modality: negation ("did not", "no"), the future and commitments
   (cooperation promised becomes AGREE, hostility promised becomes THREATEN), requests
   ("urged X to", "said X must"), and the claim frame ("X said that ...",
   "according to X") with hedging ("estimated", "reportedly");
4. resolves the date, the quantities and the location that belong to the trigger.

Every event keeps its trigger, the sentence and the rule that produced it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

from ..config import CoderConfig
from ..model import Actor, Claim, Document, Event, Location, Quantity, Sentence, Span
from ..ontology import cameo as cameo_entry
from .actors import (
    KIN_NOUNS,
    LOCAL_SECTORS,
    PERSON_NOUNS,
    QUANTITY_HEADS,
    ActorResolver,
    codebook,
    find_mentions,
    newcomer,
    story_home,
)
from .nlp import token_span

__all__ = ["Lexeme", "code_events", "lexicon"]

NAME = "events.rules.v1"

SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
FUTURE_AUX = {"will", "would", "shall", "'ll", "wo", "'d"}
STATIVE_PASSIVES = {"commit", "determine", "prepare", "oppose", "dedicate", "resolve", "set", "engage",
                    "involve"}  # fmt: skip
# Subordinate clauses that state a condition, not a fact.
CONDITION_MARKS = {"unless", "if", "until", "before", "lest", "whether"}
# Nouns of what may come, whose "of" has not happened: "the risk of war", "fears of an attack".
RISK_NOUNS = {"risk", "danger", "fear", "prospect", "possibility", "spectre", "specter", "likelihood",
              "threat", "chance", "probability", "peril"}  # fmt: skip
# Verbs that put a condition first: "demanded a truce before allowing convoys in" allowed nothing yet.
CONDITION_SETTERS = {"demand", "insist", "require", "want", "ask", "call", "seek", "wait"}
MAYBE_AUX = {"may", "might", "could"}
# Words that open a clause of time: "when they meet", "once the talks begin".
TIME_MARKS = {"when", "once", "after", "whenever"}
# Words by which a "before" clause says its action was prevented: "before he could fire".
PREVENTED_MARKERS = {"able", "could", "manage", "managed", "chance"}
OBLIGATION_AUX = {"must", "should"}
SPEAKER_PRONOUNS = {"i", "we"}
# Verbs by which a speaker puts an obligation on someone ("X insisted Y must ...").
OBLIGATION_GOVERNORS = {
    "say", "insist", "reiterate", "declare", "tell", "warn", "stress", "urge", "conclude",
    "state", "announce", "remind", "repeat", "emphasize", "emphasise", "demand", "issue",
    "add", "argue", "write", "believe", "maintain",
}  # fmt: skip
HEDGES = {
    "estimate", "reportedly", "allegedly", "claim", "suspect", "believe", "purportedly",
    "apparently", "allege", "describe", "unconfirmed", "possibly", "likely",
}  # fmt: skip
# Verbs that deny what their clause says happened.
DENIAL_VERBS = {"deny", "refute", "dispute", "reject", "dismiss"}
# Verbs and nouns whose clause is a wish, a doubt or a plan, not a fact.
WISH_VERBS = {"hope", "wish", "want", "expect", "doubt", "fear", "worry", "pray", "dream", "imagine",
              "suggest", "propose", "recommend", "question", "wonder"}  # fmt: skip
PLAN_NOUNS = {"plan", "plot", "bid", "intention", "proposal", "idea", "scheme",
              "threat", "order", "call", "demand", "request", "offer", "pledge",
              "promise", "decision", "readiness", "willingness", "right", "ability"}  # fmt: skip
# Polarities of events that did not (or not yet) happen: dropped unless asked for.
UNASSERTED = {"negated", "hypothetical", "denied", "doubted", "capable", "wanted"}
# Nouns whose infinitive is only a capacity: "has the power to arrest", "no authority to concede".
CAPACITY_NOUNS = {"authority", "power", "mandate", "capacity", "means", "opportunity"}
# Adverbs that make a present-tense clause a habit: "refugees are usually paid to protest".
HABIT_ADVERBS = {"usually", "often", "typically", "generally", "routinely", "regularly", "normally",
                 "frequently", "sometimes", "habitually", "customarily", "commonly", "always"}  # fmt: skip
# Verbs whose infinitive is advice to another, not the adviser's act: "recommended to extradite X".
ADVICE_VERBS = {"recommend", "suggest", "advocate"}
# Words that forecast their complement will not happen: "is unlikely to attack".
DOUBT_WORDS = {"unlikely", "improbable"}
# Verbs that a negation makes emphatic, not negative: "did not hesitate to strike".
UNHESITATING = {"hesitate", "stop", "cease"}
# Verbs that keep an action from happening: "foiled a plot to", "prevented X from attacking".
THWART_VERBS = {"foil", "thwart", "prevent", "avert", "frustrate", "stop", "preempt", "pre-empt",
                "deter", "block", "bar", "dissuade", "forestall"}  # fmt: skip
# Nouns whose infinitive was tried, failed or not: "an attempt to assassinate X" is an attack.
ATTEMPT_NOUNS = {"attempt"}
# Verbs whose complement is an intention, not a fact: the event is in the future.
INTENT_VERBS = {
    "plan", "intend", "prepare", "want", "hope", "expect", "aim", "seek",
    "wish", "mean", "consider", "propose", "be", "ready", "willing", "set", "schedule", "due",
}  # fmt: skip
# Verbs through which the subject of a noun trigger is its agent ("launched an attack").
LIGHT_VERBS = {
    "launch", "carry", "conduct", "stage", "hold", "mount", "make", "begin", "start",
    "continue", "resume", "wage", "impose", "sign", "reach", "give", "provide", "offer",
    "deliver", "issue", "announce", "order", "step", "intensify", "escalate", "lead",
    "organize", "organise", "have", "pursue", "engage", "join", "take", "extend", "send",
    "file", "lodge", "level", "express", "voice", "open", "hold", "go", "renew",
    "speed", "complete", "accelerate", "finish", "undertake", "stage", "spearhead",
}  # fmt: skip
# Prepositions of a protest's light verb that name what it is aimed at: "held a vigil outside
# the embassy", "staged a protest against the law".
PROTEST_AIMS = {"against", "outside"}
# Prepositions by which a noun trigger's clause subject takes part ("troops ... in clashes").
PARTICIPATION_PREPS = {"in", "during", "amid", "through", "after", "into"}
# Types coded only with a recipient: an accusation or an attack on nobody is no event.
# Verbs whose object is a topic: the parties are "with X", never the object.
TOPIC_VERBS = {"discuss", "talk", "debate", "negotiate", "consult", "confer"}
# Prepositions that refer back to an earlier event rather than report one.
BACKGROUND_PREPS = {"since", "under", "despite", "following", "after", "before", "pending",
                    "without", "per", "unlike"}  # fmt: skip
# Verbs that put someone under a measure: "placed under arrest", "put under investigation".
PLACING_VERBS = {"place", "put", "keep", "hold"}
# Damage rioters do as they protest: "rioted, setting fire to their mattresses".
RIOT_DAMAGE = {"set fire", "torch", "burn"}
# Nouns of a request, whose that-clause says what is asked: "its demand that X leave".
REQUEST_NOUNS = {"demand", "call", "appeal", "request", "plea"}
# Verbs that keep a state: "troops remained on alert", "doctors are on strike".
STATE_VERBS = {"be", "remain", "stay"}
# Prepositions of such measures, with the verbs that take them: "put its forces on alert",
# "went on strike", "used villagers as human shields".
MEASURE_PREPS = {"under": PLACING_VERBS, "on": PLACING_VERBS | STATE_VERBS | {"go"},
                 "as": {"use", "hold", "keep"}}
# Adjectives that make an event noun unreal: "a possible war", "the proposed talks".
UNREAL_ADJECTIVES = {"possible", "potential", "likely", "proposed", "planned", "future", "eventual",
                     "hypothetical", "imminent", "prospective", "upcoming", "forthcoming",
                     "impending", "scheduled", "anticipated"}  # fmt: skip
# Adjectives of attacks made in words: "a personal attack on the senator".
VERBAL_ATTACK_MODIFIERS = {"verbal", "personal", "political", "rhetorical", "scathing", "blistering",
                           "withering", "partisan", "racist", "sexist", "online"}  # fmt: skip
PERSON_PRONOUNS = {"he", "him", "his", "she", "her"}
# Words of violence that keep attacks on a person physical: "attacks on him with knives".
VIOLENCE_WORDS = {"gun", "gunman", "gunfire", "shoot", "shot", "kill", "wound", "injure", "bomb",
                  "grenade", "knife", "stab", "beat", "hospital", "armed", "militant", "rebel",
                  "troop", "soldier", "assassinate", "assassination", "acid", "explosive", "weapon",
                  "rocket", "missile", "shell", "die", "dead", "blood", "violent", "violence",
                  "physical", "suicide", "injury"}  # fmt: skip
# Types whose target may be the place where they happened ("lifted the curfew in X").
PLACE_TARGET_TYPES = {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "RETREAT", "CONCEDE", "SANCTION"}
# The PLOVER type and mode of a resignation, which stays one when announced for later.
RESIGNATION = ("RETREAT", "resign")
# PLOVER: cooperative actions of these types reported in the future tense are AGREE.
FUTURE_AGREE_TYPES = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
# Lexicon codes whose object is a person or group (the target), not a thing handed over.
# Verbs whose "from" names the party left, whatever the object: "pulled its envoys out of X".
WITHDRAW_LEMMAS = {"withdraw", "pull out", "recall", "evacuate", "pull back"}
PERSON_OBJECT_CODES = {"0841", "075", "166", "1661", "1662", "174", "043", "041", "114", "0862", "1053",
                       "173", "181", "186", "171", "1711", "1712", "192", "190"}  # fmt: skip
RECIPIENT_REQUIRED = {"AID", "SANCTION", "ACCUSE", "THREATEN", "REQUEST", "SUPPORT", "REJECT",
                      "COERCE", "ASSAULT"}  # fmt: skip
# What is fired or launched, never whom it hits: "launched artillery against X".
ARMAMENTS = {"artillery", "mortar", "rocket", "missile", "shell", "barrage", "grenade", "bomb",
             "drone", "salvo", "volley"}  # fmt: skip
# Objects that are what is sent, signed or imposed, not who receives it.
INSTRUMENTS = {
    "troop", "troops", "soldier", "force", "forces", "army", "warship", "tank", "jet",
    "battalion", "unit", "marine", "reinforcement", "aid", "assistance", "food", "supply",
    "supplies", "medicine", "relief", "weapon", "arm", "arms", "equipment", "ammunition",
    "money", "loan", "grant", "fund", "funding", "sanction", "sanctions", "embargo", "tariff",
    "curfew", "ban", "blockade", "siege", "agreement", "accord", "deal", "treaty", "pact",
    "memorandum", "declaration", "statement", "restriction", "restrictions", "vaccine",
    "material", "peacekeeper", "personnel", "contingent", "statement", "support", "reservist",
    "reserve", "conscript", "warplane", "submarine", "destroyer", "frigate", "battleship",
}  # fmt: skip
# Members of a force, which a side sends or calls up as it does troops: "mobilised thousands
# of fighters", "deployed 500 police officers".
FORCE_MEMBERS = {"fighter", "militiaman", "militia", "volunteer", "police", "policeman",
                 "officer", "gendarme", "guard", "recruit", "commando", "paramilitary"}  # fmt: skip
# Leave withheld from or granted to a party, named by "to": "refused entry to X".
PERMISSIONS = {"entry", "admittance", "admission", "access", "visa", "visas", "permission",
               "passage", "rights", "asylum", "clearance", "permit", "permits", "transit"}  # fmt: skip
COOPERATIVE_QUADS = {1, 2}
# Symmetric types: sides may be read either way when merging.
SYMMETRIC_LEMMAS = {"clash", "fight", "fighting", "battle", "combat", "war", "talk", "meet",
                    "meeting", "cooperation", "agreement", "deal", "pact", "hostility",
                    "negotiation", "cooperate", "agree", "negotiate", "summit", "truce",
                    "ceasefire", "accord", "sign", "clash", "exchange"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Lexeme:
    pos: str
    lemma: str
    conditions: tuple[tuple[str, frozenset[str]], ...]
    cameo: str
    cls: str
    target_preps: frozenset[str]
    #: PLOVER type and mode where the manual departs from the CAMEO crosswalk ("resign").
    plover: tuple[str, str | None] | None = None


@cache
def lexicon() -> dict[tuple[str, str], list[Lexeme]]:
    """(pos, lemma) -> entries, the conditional ones first."""
    text = resources.files("eventwire.resources").joinpath("lexicon.tsv").read_text("utf-8")
    table: dict[tuple[str, str], list[Lexeme]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pos, lemma, when, code, cls, preps = line.split("\t")
        conditions = []
        for part in filter(None, when.split(";")):
            key, _, values = part.partition("=")
            conditions.append((key, frozenset(values.split("|"))))
        override = None
        if ">" in code:
            code, _, target = code.partition(">")
            ptype, _, mode = target.partition(":")
            override = (ptype, mode or None)
        entry = Lexeme(pos, lemma, tuple(conditions), code, cls,
                       frozenset(filter(None, preps.split("|"))), override)
        table.setdefault((pos, lemma), []).append(entry)
    specificity = {"obj": 0, "clause": 0, "mod": 1}
    for entries in table.values():
        # The most specific condition first: an object beats a preposition beats nothing.
        entries.sort(key=lambda e: min((specificity.get(k, 2) for k, _ in e.conditions), default=3))
    return table


# -- trigger detection -------------------------------------------------------------------
@dataclass
class Trigger:
    token: Any
    lexeme: Lexeme
    phrase_end: Any  # last token of a phrasal trigger ("call on", "open fire")

    @property
    def is_verb(self) -> bool:
        return self.lexeme.pos in {"V", "A"}


# Past forms the lemmatizer leaves as they are ("retook" -> "retook").
IRREGULAR_PAST = {"retook": ("retake",), "overran": ("overrun",)}


def _lemma_forms(token: Any) -> list[str]:
    """The lemma, then guesses from the surface form when the lemmatizer slips ("staged" -> "stag")."""
    lemma, low = token.lemma_.lower(), token.lower_
    forms = [lemma, *IRREGULAR_PAST.get(low, ())]
    if low != lemma:
        for cut, add in ((1, ""), (2, ""), (3, ""), (3, "y"), (1, "e")):
            if len(low) > cut + 2 and low.endswith(("d", "s", "ed", "es", "ing", "ied")):
                forms.append(low[: len(low) - cut] + add)
    return list(dict.fromkeys(forms))


def _is_light(verb: Any) -> bool:
    return any(form in LIGHT_VERBS for form in _lemma_forms(verb))


def _named_light(trig: Trigger, verb: Any) -> bool:
    """Is this verb one the lexicon names as the noun trigger's own ("called a strike")?"""
    named = next((v for key, v in trig.lexeme.conditions if key == "lv"), frozenset())
    return bool(set(_lemma_forms(verb)) & named) and trig.token.dep_ == "dobj" and trig.token.head.i == verb.i


def _is_verbal(token: Any) -> bool:
    return token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB")


def _object(token: Any) -> Any | None:
    for child in token.children:
        if child.dep_ in {"dobj", "obj"}:
            return child
    for child in token.children:
        if child.dep_ in PASSIVE_SUBJECT_DEPS:
            return child
    return None


def _lemmas_of(token: Any | None) -> set[str]:
    if token is None:
        return set()
    out = {token.lemma_.lower(), token.lower_}
    for child in token.children:
        if child.dep_ in {"compound", "amod"}:
            out |= {child.lemma_.lower(), child.lower_}
    return out


def _object_lemmas(obj: Any) -> set[str]:
    """An object's words with what it measures: "25,000 tons of food aid" and "$5 million in
    aid" are aid, and a sum of money is money ("gave Jordan $20 million")."""
    found = _lemmas_of(obj)
    if obj.ent_type_ == "MONEY":
        found.add("money")
    for prep in obj.children:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "in"}:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    found |= _lemmas_of(pobj)
    return found


def _matches(lexeme: Lexeme, token: Any) -> bool:
    for key, values in lexeme.conditions:
        if key == "obj":
            obj = _object(token)
            if token.pos_ == "NOUN" or lexeme.pos == "N":
                # "release of prisoners": the object of a noun is its "of" phrase.
                obj = next((g for c in token.children if c.lower_ == "of"
                            for g in c.children if g.dep_ == "pobj"), None)
            found = _object_lemmas(obj) if obj is not None else set()
            if obj is not None:
                for conj in obj.conjuncts:
                    found |= _lemmas_of(conj)
            if not found & values:
                return False
        elif key == "prep":
            if not any(c.lower_ in values and not _is_time_phrase(c)
                       for c in token.children if c.dep_ in {"prep", "prt", "agent", "mark"}) \
                    and not ("for" in values and _for_clause(token) is not None) \
                    and not ("for" in values and _pressed_for(token) is not None):
                return False
        elif key == "lv":
            governor = token.head if token.dep_ in {"dobj", "nsubjpass"} else None
            if governor is None or not set(_lemma_forms(governor)) & values:
                return False
        elif key == "noobj":
            if any(c.dep_ in {"dobj", "obj"} for c in token.children):
                return False
        elif key == "clause":
            # "you've demonstrated that X": a that-clause is what is shown, no protest.
            if not any(c.dep_ == "ccomp" for c in token.children):
                return False
        elif key == "comp":
            # "asked X to leave", "asked that X leave" -- not "asked X why it failed".
            # comp=to: an infinitive or a clause with its subject ("ordered X to appear",
            # "ordered that X appear"), not a participle ("ordered them held").
            if "for" in values:
                if not _asked_for(token):  # "campaigned for X to free Y", not "for a candidate"
                    return False
            elif "inf" in values:
                if not _directs(token):
                    return False
            elif not any(c.dep_ == "xcomp" and ("to" not in values or _children(c, {"aux"}))
                       or (c.dep_ == "ccomp" and not _is_question(c)
                           and ("to" not in values or _children(c, SUBJECT_DEPS)))
                       for c in token.children):
                return False
        elif key == "inf":
            # "ordered the newspaper to close": what the object is told to do.
            if not _directs(token) or not _directed_lemmas(token) & values:
                return False
        elif key == "agent":
            # "a judge ordered X to appear": only these subjects give the verb its sense.
            if not any(_lemmas_of(h) & values for h in subject_heads(token)[0]):
                return False
        elif key in {"subj", "tgt", "tgtnot"}:
            continue  # checked once the actors are resolved (see _actor_conditions)
        elif key == "mod":
            mods = {c.lemma_.lower() for c in token.children if c.dep_ in {"amod", "compound", "nmod"}}
            mods |= {c.lower_ for c in token.children if c.dep_ in {"amod", "compound", "nmod"}}
            if not mods & values:
                return False
    return True


def _directs(verb: Any) -> bool:
    """Does the verb tell its object to do something: "told the army to attack", not
    "told reporters that the army attacked" nor "told the court to no avail"?"""
    return bool(_children(verb, {"dobj"})) and any(
        c.dep_ in {"xcomp", "ccomp", "advcl"} and c.i > verb.i and _children(c, {"aux"})
        and any(a.lower_ == "to" for a in c.children) and not _children(c, SUBJECT_DEPS)
        for c in verb.children
    )


def _directed_lemmas(verb: Any) -> set[str]:
    """The lemmas of what a verb tells its object to do: "ordered X to shut down" -> shut."""
    return {form for c in verb.children if c.dep_ in {"xcomp", "ccomp", "advcl"} and c.i > verb.i
            for form in _lemma_forms(c)}


def _for_clause(noun: Any) -> Any | None:
    """The "for X to do Y" clause of a noun ("its call for Israel to lift the blockade"),
    which the parser often hangs on the verb governing the noun."""
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return None
    hosts = [noun] + ([noun.head] if noun.dep_ == "dobj" else [])
    for host in hosts:
        for clause in host.children:
            if clause.dep_ in {"advcl", "acl", "relcl", "ccomp"} and clause.i > noun.i \
                    and _children(clause, {"nsubj"}) and any(c.lower_ == "to" for c in _children(clause, {"aux"})) \
                    and any(c.lower_ == "for" for c in _children(clause, {"mark"})):
                return clause
    return None


def _pressed_for(verb: Any) -> Any | None:
    """The "for X to do Y" clause of a verb ("pushed hard for Germany to back the plan"),
    which the parser reads as a purpose clause marked by "for"; also without its "to"
    ("lobbying for the EU lift the ban")."""
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    for clause in verb.children:
        if clause.dep_ in {"advcl", "ccomp", "xcomp"} and clause.i > verb.i and _for_infinitive(clause) \
                and _children(clause, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS):
            return clause
    return None


def _asked_for(verb: Any) -> list[Any]:
    """Who is asked in "pressed for Germany to back the plan": the subject of the "for"
    clause, or the object of "for" when the parser hangs the infinitive on the verb
    ("asked for Poland to return the paintings")."""
    clause = _pressed_for(verb)
    if clause is not None:
        return _children(clause, {"nsubj"})
    for prep in _children(verb, {"prep"}):
        objs = _pobjs(prep)
        if prep.lower_ == "for" and objs and any(
                c.dep_ in {"xcomp", "advcl"} and c.i > objs[0].i and not _children(c, SUBJECT_DEPS)
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in verb.children):
            return objs
    return []


WH_WORDS = {"why", "how", "where", "what", "when", "whether", "if", "who", "whom", "which"}


def _is_question(clause: Any) -> bool:
    return any(t.lower_ in WH_WORDS and t.i <= clause.i for t in clause.subtree
               if t.dep_ in {"advmod", "mark", "nsubj", "dobj", "attr", "det"})


def _is_time_phrase(prep: Any) -> bool:
    """"on Monday", "at noon": a preposition that dates the verb, not one that aims it."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objs) and all(o.ent_type_ in {"DATE", "TIME"} for o in objs)


def find_triggers(sent: Any) -> list[Trigger]:
    """The lexicon's triggers in a sentence, cached on its Doc: the stage asks repeatedly."""
    cache = sent.doc.user_data.setdefault("eventwire.triggers", {})
    key = (sent.start, sent.end)
    if key not in cache:
        cache[key] = _find_triggers(sent)
    return cache[key]


def _find_triggers(sent: Any) -> list[Trigger]:
    table = lexicon()
    found = []
    for token in sent:
        lemma = token.lemma_.lower()
        adjective = _first_match(table.get(("A", token.lower_), []), token) if token.dep_ == "acomp" else None
        if adjective and _is_verbal(token):
            found.append(Trigger(token, adjective, token))  # "is opposed to X", tagged a participle
        elif _is_verbal(token):
            candidates = []
            for form in _lemma_forms(token):
                for child in token.children:
                    if child.dep_ in {"prt", "prep"} and child.i == token.i + 1 or _split_particle(token, child) \
                            or _dated_particle(token, child):
                        candidates.append((f"{form} {child.lower_}", child))
                    if child.dep_ == "dobj" and child.lower_ == "fire":
                        candidates.append((f"{form} fire", child))
                    if child.dep_ == "prep" and form in MEASURE_PREPS.get(child.lower_, ()):
                        # "placed X under house arrest": the verb with its measure is the trigger
                        for obj in _children(child, {"pobj"}):
                            for deps in ({"compound"}, {"compound", "amod"}):  # "as a human shield"
                                words = [c.lemma_.lower() for c in obj.children if c.dep_ in deps]
                                candidates.append((" ".join([form, child.lower_, *words, obj.lemma_.lower()]), obj))
            candidates += [(form, token) for form in _lemma_forms(token)]
            for key, end in candidates:
                entry = _first_match(table.get(("V", key), []), token)
                if entry:
                    found.append(Trigger(token, entry, end))
                    break
        elif token.pos_ == "ADJ" and token.dep_ in {"acomp", "ROOT", "conj"}:
            entry = _first_match(table.get(("A", lemma), []) or table.get(("A", token.lower_), []), token)
            if entry:
                found.append(Trigger(token, entry, token))
        elif token.pos_ in {"NOUN", "PROPN"} and token.tag_ != "NNP":
            candidates = []
            for child in token.children:
                if child.dep_ == "compound" and child.i == token.i - 1:
                    candidates.append(f"{child.lemma_.lower()} {lemma}")
                if child.dep_ == "compound" and child.i == token.i - 2 and token.nbor(-1).text == "-":
                    candidates.append(f"{child.lemma_.lower()}-{lemma}")  # "sit-in", "walk-out"
            candidates.append(lemma)
            for key in candidates:
                entry = _first_match(table.get(("N", key), []), token)
                if entry:
                    found.append(Trigger(token, entry, token))
                    break
    return found


def _split_particle(verb: Any, child: Any) -> bool:
    """A particle after the object: "pulled its troops out", "called the strike off"."""
    if child.dep_ not in {"prt", "prep"} or child.lower_ not in {"out", "off", "back", "down", "up"}:
        return False
    objects = [o for o in verb.children if o.dep_ == "dobj" and verb.i < o.i < child.i]
    return bool(objects) and objects[0].right_edge.i == child.i - 1


def _dated_particle(verb: Any, child: Any) -> bool:
    """A particle after a date or an adverb: "called Thursday on Iran to ...", "called
    again on X to ..."."""
    if child.dep_ not in {"prt", "prep"} or child.i <= verb.i + 1:
        return False
    between = {t.i for t in verb.doc[verb.i + 1:child.i]}
    dates = [c for c in verb.children if verb.i < c.i < child.i
             and c.dep_ in {"npadvmod", "advmod", "tmod", "oprd", "dobj"}
             and (c.ent_type_ in {"DATE", "TIME"} or c.pos_ == "ADV")]
    return between == {t.i for c in dates for t in c.subtree}


def _first_match(entries: list[Lexeme], token: Any) -> Lexeme | None:
    for entry in entries:
        if _matches(entry, token):
            return entry
    return None


# -- arguments ---------------------------------------------------------------------------
def _children(token: Any, deps: set[str]) -> list[Any]:
    return [c for c in token.children if c.dep_ in deps]


def _pobjs(prep: Any) -> list[Any]:
    """Objects of a preposition; when the parse lost them, the next noun phrase's head."""
    objs = _children(prep, {"pobj", "pcomp"})
    if objs or prep.dep_ not in {"prep", "dative"}:
        return [o for o in objs if o.dep_ == "pobj"] or objs
    sent = prep.sent
    for token in sent[prep.i - sent.start + 1 :]:
        if token.pos_ in {"DET", "NUM", "ADJ", "PUNCT"} or token.dep_ in {"compound", "amod", "nummod", "det", "poss", "case"}:
            continue
        if token.pos_ in {"NOUN", "PROPN"}:
            return [token]
        break
    return []


# Acts done, not suffered, when bare: "opponents of X protested in Y" (a past tense the
# tagger may read as a headline passive).
INTRANSITIVE_ACTS = {"protest", "rally", "march", "riot"}


def _is_passive(verb: Any) -> bool:
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
        return True
    if _shares_passive(verb):
        return True
    # Headline passive: "20 activists detained in X" (a participle with a subject, no auxiliary).
    # A direct object makes it an active past tense the tagger misread: "X investigated the case".
    return (
        (verb.tag_ == "VBN" and verb.dep_ == "ROOT" or _appositive_participle(verb))
        and verb.lemma_.lower() not in INTRANSITIVE_ACTS
        and any(c.dep_ == "nsubj" for c in verb.children)
        and not any(c.dep_ in {"aux", "auxpass", "dobj"} for c in verb.children)
    )


def _appositive_participle(verb: Any) -> bool:
    """A participle set off by a comma right after its noun, read by the parser as that
    noun's verb: "Brady, shot in the head when a gunman opened fire, ..." -- Brady was shot."""
    if verb.tag_ not in {"VBN", "VBD"} or verb.dep_ == "ROOT":
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    return verb.doc[verb.i - 1].text == "," and any(s.right_edge.i in {verb.i - 2, verb.i - 1} for s in subjects)


# Verbs whose active always takes an object: one conjoined to a passive without an object
# is a participle the tagger read as a past tense ("was arrested then extradited to X").
OBJECT_VERBS = {"extradite", "deport", "expel", "arrest", "detain", "charge", "indict", "convict",
                "sentence", "jail", "imprison", "execute", "transfer", "repatriate", "interrogate",
                "torture", "kidnap", "abduct", "fine", "handcuff", "prosecute", "try"}  # fmt: skip


def _shares_passive(verb: Any) -> bool:
    """A participle conjoined to a passive shares its auxiliary: "was shot and killed",
    "was arrested in May then extradited to X" (read as a past tense)."""
    head = verb.head
    participle = verb.tag_ == "VBN" or (verb.tag_ == "VBD" and verb.lemma_.lower() in OBJECT_VERBS
                                        and not any(c.dep_ in {"dobj", "dative"} for c in verb.children))
    return (
        verb.dep_ == "conj" and participle and head is not verb
        and any(c.dep_ in {"auxpass", "nsubjpass"} for c in head.children)
        and not any(c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS | {"aux", "auxpass"} for c in verb.children)
    )  # fmt: skip


def _patients(verb: Any) -> list[Any]:
    found = _children(verb, PASSIVE_SUBJECT_DEPS)
    if not found and _is_passive(verb):
        found = _children(verb, {"nsubj"})
    return found


def subject_heads(verb: Any, depth: int = 0) -> tuple[list[Any], str]:
    """The heads of the agent of ``verb``, and how they were found."""
    if depth > 6:
        return [], ""
    subj = [_named_behind(s) for s in _children(verb, SUBJECT_DEPS)]
    if subj and not _is_passive(verb):
        return subj, "subject"
    if (verb.pos_ == "ADJ" or depth == 0) and verb.dep_ == "acomp" and verb.head is not verb:
        # "Turkey is opposed to X": the participle's subject hangs on "is".
        return subject_heads(verb.head, depth + 1)
    if _is_passive(verb):
        # "was arrested by police and charged": the conjoined participle shares the agent.
        for agent in _children(verb, {"agent"}) or (_children(verb.head, {"agent"}) if _shares_passive(verb) else []):
            objs = _children(agent, {"pobj"})
            if objs:
                return objs, "passive-agent"
        if verb.lemma_.lower() in STATIVE_PASSIVES:
            # "Vietnam is committed to ...", "Israel is opposed to ...": a state of the subject.
            patients = _children(verb, PASSIVE_SUBJECT_DEPS)
            if patients:
                return patients, "stative"
        return [], ""
    listed = _listed_before(verb)
    if listed is not None:
        return _children(listed, SUBJECT_DEPS), "listed"
    head = verb.head
    if head is verb:
        return [], ""
    dep = verb.dep_
    if dep == "conj" and _is_verbal(head):
        if _is_passive(head):
            patients = _children(head, PASSIVE_SUBJECT_DEPS)
            if patients:
                return patients, "conjunct-patient"
        return subject_heads(head, depth + 1)
    if dep == "xcomp":
        obj = _children(head, {"dobj"})
        if obj and head.lemma_.lower() in CONTROL_OBJECT_VERBS | DESIRE_VERBS:
            return obj, "object-control"
        patients = _children(head, PASSIVE_SUBJECT_DEPS) if _is_passive(head) else []
        if patients:  # "X is scheduled to attend", "X was urged by Y to leave": X does it
            return patients, "passive-control"
        return subject_heads(head, depth + 1)
    if dep == "advcl" and _is_verbal(head):
        if _planned_object(verb) is not None and head.lemma_.lower() in THWART_VERBS:
            return [], ""  # "foiled a plot to kill X", the infinitive hung on the verb
        if _is_passive(head):
            marked = any(c.dep_ == "mark" for c in verb.children)
            if not marked:  # "was attacked by X, killing 20": X did the killing
                for agent in _children(head, {"agent"}):
                    objs = _children(agent, {"pobj"})
                    if objs:
                        return objs, "adverbial-agent"
            passive = passive_patients(head)
            if passive and not _nominal_gerund(verb):  # "were killed while fighting": they fought
                return passive, "adverbial-passive"
        return subject_heads(head, depth + 1)
    if dep == "pcomp" and head.dep_ == "prep":
        governor = head.head
        if _is_verbal(governor):
            obj = _children(governor, {"dobj"})
            if obj and head.lower_ in {"for", "of"}:
                return obj, "object-control"
            return subject_heads(governor, depth + 1)
        if governor.lemma_.lower() in GUILT_ADJECTIVES and governor.dep_ in {"acomp", "oprd"}:
            # "X and Y are guilty of violating the truce": X and Y violated it.
            found, _ = subject_heads(governor.head, depth + 1)
            return (found, "guilty") if found else ([], "")
    if dep == "acl":
        if _existential_patients(verb):  # "there were ten killed by X"
            agents = [o for a in _children(verb, {"agent"}) for o in _children(a, {"pobj"})]
            return (agents, "passive-agent") if agents else ([], "")
        if verb.tag_ == "VBN":
            return [], ""  # "Brady, shot in the head": the noun is who suffered it
        noun = head
        agentive = noun.pos_ == "PROPN" or noun.ent_type_ in {"NORP", "ORG", "PERSON", "GPE"} or (
            codebook().sector_of([noun.lemma_.lower()]) is not None
        )
        if noun.dep_ in {"dobj", "pobj"} and _is_verbal(noun.head) and not agentive:
            if noun.head.lemma_.lower() in THWART_VERBS:
                return [], ""  # "police foiled an attempt to kill X": not the police
            return subject_heads(noun.head, depth + 1)  # "a statement condemning X": its issuer
        return [noun], "participle"  # "demonstrators protesting the results": they protest
    if dep == "relcl":
        return [head], "relative"
    if dep in {"ccomp", "advcl"} and _is_passive(verb) is False:
        return [], ""
    return [], ""


def _named_behind(subj: Any) -> Any:
    """The name a subject misread as a preposition stands for: the parser may tag a first
    name as one, with the surname as its object ("Barack Obama and X will meet")."""
    if subj.pos_ == "ADP":
        name = next((o for o in _children(subj, {"pobj"}) if o.pos_ == "PROPN" and o.i == subj.i + 1), None)
        if name is not None:
            return name
    return subj


# Adjectives that charge their subject with what follows: "guilty of violating the truce".
GUILT_ADJECTIVES = {"guilty", "culpable"}
CONTROL_OBJECT_VERBS = {"urge", "ask", "call", "press", "force", "order", "persuade",
                        "implore", "encourage", "allow", "help", "invite", "tell", "request",
                        "compel", "push", "pressure", "pressurise", "pressurize", "convince",
                        "advise", "instruct", "authorize", "authorise", "enable", "permit",
                        "require", "oblige", "prompt", "induce", "inspire", "warn", "beg",
                        "direct", "command", "empower", "coerce", "entice", "tempt"}  # fmt: skip
# Verbs of wanting another party to act: "would like Moscow to release X", "needs Kyiv to ...".
DESIRE_VERBS = {"want", "like", "love", "prefer", "need", "wish", "expect"}


def _wanted_of_other(clause: Any) -> bool:
    """Is this what a party wants another to do: "would like Moscow to release X", "needs
    Kyiv to sign" (parsed as a purpose clause)?"""
    return clause.dep_ in {"xcomp", "advcl"} and clause.head.lemma_.lower() in DESIRE_VERBS \
        and bool(_children(clause.head, {"dobj"})) \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _planned_object(verb: Any) -> Any | None:
    """The object an infinitive parsed as a purpose clause belongs to: "foiled a plot
    [to kill X]" -- the object ends right before its "to"."""
    if verb.dep_ != "advcl" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    for obj in _children(verb.head, {"dobj"}):
        if obj.right_edge.i + 2 == verb.i and obj.i < verb.i:
            return obj
    return None


def passive_patients(verb: Any, depth: int = 0) -> list[Any]:
    """The surface subject of a passive verb, climbing "were estimated to have been killed"."""
    found = _patients(verb)
    if found or depth > 4:
        return found
    if verb.dep_ in {"xcomp", "conj"} and verb.head is not verb:
        parent = verb.head
        patients = _children(parent, PASSIVE_SUBJECT_DEPS)
        if patients:
            return patients
        return passive_patients(parent, depth + 1)
    return []


def _fronted_with(prep: Any, verb: Any) -> bool:
    """A "with" phrase set off before the clause says how things stand, not with whom the
    verb is done: "With the signing of the truce, the two sides have agreed to ..."."""
    return prep.lower_ == "with" and prep.i < verb.i and any(
        t.text == "," for t in verb.doc[prep.i + 1:verb.i])


def _stranded_subject(verb: Any) -> Any | None:
    """The subject the parser joined to a fronted phrase: in "With the signing of the truce,
    the government and the rebels have agreed to ...", "the government and the rebels" are
    read as more things signed, and the finite verb is left with no subject; in "After the
    talks in Geneva, Iran and the US agreed", the clause's "after" makes "the talks" its
    subject. The first of those conjuncts after the phrase's comma, right before the verb,
    is its subject."""
    finite = verb.tag_ in {"VBD", "VBZ", "VBP"} or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBD", "VBZ", "VBP", "MD"} for c in verb.children)
    subjects = _children(verb, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS | {"expl"})
    marked = subjects and any(c.dep_ == "mark" and c.i < subjects[0].i for c in verb.children)
    if verb.dep_ not in {"ROOT", "ccomp"} or not finite or subjects and not marked:
        return None
    left = verb.i - 1
    while left >= verb.sent.start and verb.doc[left].head.i == verb.i and verb.doc[left].dep_ in {
            "aux", "auxpass", "neg", "advmod", "punct"}:
        left -= 1
    last = verb.doc[left]
    if left < verb.sent.start or last.pos_ not in {"NOUN", "PROPN"}:
        return None
    chain = [last]
    while chain[-1].dep_ in {"conj", "appos"} and chain[-1].head.i < chain[-1].i:
        chain.append(chain[-1].head)
    top = chain.pop()
    if subjects:
        if top.i != subjects[0].i and not subjects[0].is_ancestor(top):
            return None
    else:
        fronted = [a for a in [top, *top.ancestors] if a.head.i == verb.i and a.i != verb.i]
        if top.dep_ != "pobj" or not fronted or fronted[0].dep_ != "prep" or fronted[0].i > top.i:
            return None
    after_comma = [c for c in chain if c.left_edge.i > top.i and verb.doc[c.left_edge.i - 1].text == ","]
    return min(after_comma, key=lambda c: c.i) if after_comma else None


def _listed_before(verb: Any) -> Any | None:
    """The verb a subjectless verb follows in a list without "and", which the parser hangs
    on it as its complement: "X extended support to Y, condemned Z" (X condemned Z too)."""
    if _children(verb, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS) or verb.i == 0:
        return None
    if verb.doc[verb.i - 1].lower_ != ",":
        return None
    before = [c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i]
    if verb.dep_ == "dep" and verb.head.i < verb.i:
        before.append(verb.head)  # (or hangs it on the first verb as a loose dependent)
    return next((c for c in before if c.tag_ == verb.tag_ and _children(c, SUBJECT_DEPS)
                 and not any(t.is_quote for t in c.subtree)), None)


def nearest_left_np(verb: Any) -> Any | None:
    """Fallback for misparsed clauses: the closest noun phrase before the verb."""
    sent = verb.sent
    for token in reversed(list(sent[: verb.i - sent.start])):
        if token.ent_type_ in {"DATE", "TIME"} or token.lower_ in {"on", "in", "at", "last", "this"}:
            continue
        if token.pos_ in {"NOUN", "PROPN", "PRON"}:
            while token.dep_ == "conj" and token.head is not token:
                token = token.head
            return token
        if token.is_punct or token.pos_ in {"ADV", "DET", "ADJ", "NUM", "CCONJ", "PART"}:
            continue
        return None
    return None


# -- the stage ---------------------------------------------------------------------------
@dataclass
class _Draft:
    trigger: Trigger
    sentence: Sentence
    cameo: str
    sources: list[Actor]
    targets: list[Actor]
    source_tokens: list[Any] = field(default_factory=list)
    target_tokens: list[Any] = field(default_factory=list)
    rule: str = ""
    confidence: float = 0.8
    polarity: str = "asserted"
    hedged: bool = False
    claimed_by: Claim | None = None
    absorbed: bool = False
    location: Location | None = None


def code_events(doc: Document, config: CoderConfig) -> Document:
    """Code the events of every sentence of a parsed article."""
    article = doc.article
    book = codebook(config.model)
    resolver = ActorResolver(book, article.text, home=story_home(article))
    now = _present_year(article)
    day = _story_day(article)
    events: list[Event] = []
    for index, sentence in enumerate(doc.sentences):
        if sentence.is_headline and not config.code_headline:
            continue
        if sentence.span.slice(article.text).rstrip("\"'”’ ").endswith("?"):
            resolver.begin(index, sentence)
            continue  # a question asserts nothing
        resolver.begin(index, sentence)
        drafts = _sentence_drafts(sentence, resolver)
        found = _finish(sentence, drafts, article, resolver, config, now, day)
        if not found and index:
            _add_toll(events, doc.sentences[index - 1], sentence, article.text)
        events.extend(found)
    return replace(doc, events=tuple(events))


def _story_day(article: Any) -> datetime | None:
    """The day "on Tuesday" counts from when it is not the publication's: a dateline's
    "LAGOS, May 28 (Xinhua) --" in a story published a few days later."""
    from ..dateline import dateline_day, split_dateline

    for index, para in enumerate(article.paragraphs[:3]):
        if article.headline and index == 0:
            continue
        line = split_dateline(para.slice(article.text))
        if line is not None:
            return dateline_day(line, article.published)
    return None


TOLL_KINDS = {"dead", "injured"}
# Words that make a casualty sentence another incident's: "In a separate attack, ...".
OTHER_INCIDENT = {"separate", "another", "elsewhere", "earlier", "also", "meanwhile", "similar",
                  "previous", "last", "since", "total", "overall", "year", "month", "week"}


def _add_toll(events: list[Event], previous: Sentence, sentence: Sentence, text: str) -> None:
    """Casualties told in the sentence after an attack: "Gunmen stormed a checkpoint near
    Mosul. Two soldiers were killed and three wounded." A sentence with no event of its own
    that opens with the count gives the previous sentence's last attack the kinds it lacks."""
    attacks = [i for i, e in enumerate(events) if e.sentence == previous.span and e.type == "ASSAULT"]
    if not attacks or any(t.lower_ in OTHER_INCIDENT for t in sentence.doc):
        return
    event = events[attacks[-1]]
    tolls = [q for q in _quantities(sentence, sentence.span.slice(text)) if q.kind in TOLL_KINDS]
    opening = sentence.doc[min(4, len(sentence.doc) - 1)]
    if not tolls or tolls[0].span.start > sentence.base + opening.idx:
        return
    had = {q.kind for q in event.quantities}
    added = tuple(q for q in tolls if q.kind not in had)
    if added:
        events[attacks[-1]] = replace(event, quantities=event.quantities + added)


def _sentence_drafts(sentence: Sentence, resolver: ActorResolver) -> list[_Draft]:
    sent = sentence.doc
    triggers = find_triggers(sent)
    by_token = {t.token.i: t for t in triggers}
    reports = {t.token.i for t in triggers if t.lexeme.cls == "report"}
    drafts: list[_Draft] = []
    # Remember the sentence's subjects in order, for pronouns later in the article.
    for token in sent:
        if (token.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS or _quoted_speaker(token)) \
                and token.lower_ not in {"it", "they", "he", "she"}:  # "six soldiers were killed ... the troops"
            found = resolver.resolve_group(sentence, token)
            resolver.remember(found, token, is_subject=True)
        elif token.dep_ in {"dobj", "pobj"} and token.conjuncts and token.i < min(c.i for c in token.conjuncts):
            found = resolver.resolve_group(sentence, token)  # a named group: "they" may be them
            if len({a.code for a in found if a.code}) >= 2:
                resolver.remember(found, token, is_subject=False)
    for trig in triggers:
        if trig.lexeme.cls == "report":
            continue
        draft = _draft(trig, sentence, resolver, by_token)
        if draft is None:
            continue
        draft.claimed_by, draft.hedged = _claim(trig.token, sentence, resolver, reports)
        if draft.claimed_by is not None:
            _speak_for(draft, draft.claimed_by)
        drafts.append(draft)
    drafts.extend(_obligation_requests(sentence, resolver, by_token, reports))
    drafts.extend(_ruled_out(sentence, resolver, by_token))
    drafts.extend(_allegations(sentence, resolver, triggers, drafts))
    return drafts


# Passive verbs whose subject speaks: "X was quoted as saying he ...".
QUOTING_VERBS = {"quote", "cite"}


def _quoted_speaker(token: Any) -> bool:
    """The subject of "was quoted as saying": the "he" of what follows is this speaker."""
    return token.dep_ in PASSIVE_SUBJECT_DEPS and token.head.lemma_.lower() in QUOTING_VERBS


ALLEGING = {"claim", "allege", "charge", "assert"}


def _allegations(sentence: Sentence, resolver: ActorResolver, triggers: list[Trigger],
                 drafts: list[_Draft]) -> list[_Draft]:
    """"X claimed that Y attacked Z": besides the claimed attack, X accuses Y."""
    out = []
    for trig in triggers:
        if trig.lexeme.cls != "report" or not set(_lemma_forms(trig.token)) & ALLEGING:
            continue
        speakers, _ = subject_heads(trig.token)
        if not speakers:
            continue
        accusers = resolver.resolve_group(sentence, speakers[0])
        for draft in drafts:
            if _quad(draft.cameo) != 4 or not draft.sources:
                continue
            comps = [c for c in trig.token.children if c.dep_ in {"ccomp", "xcomp"}]
            if not any(c.i == draft.trigger.token.i or c.is_ancestor(draft.trigger.token) for c in comps):
                continue  # "the attacks were claimed by X" is a claim of responsibility
            if {a.code for a in accusers if a.code} & {a.code for a in draft.sources if a.code}:
                continue  # claiming one's own action is no accusation
            lexeme = Lexeme("V", trig.lexeme.lemma, (), "112", "plain", frozenset())
            out.append(_Draft(
                trigger=Trigger(trig.token, lexeme, trig.token), sentence=sentence, cameo="112",
                sources=accusers, targets=list(draft.sources), source_tokens=speakers,
                rule=f"V:{trig.lexeme.lemma}:allegation", confidence=0.65,
            ))  # fmt: skip
            break
    return out


def _draft(trig: Trigger, sentence: Sentence, resolver: ActorResolver, by_token: dict) -> _Draft | None:
    token, lexeme = trig.token, trig.lexeme
    code = lexeme.cameo
    rule = f"{lexeme.pos}:{lexeme.lemma}"
    confidence = 0.85 if trig.is_verb else 0.7
    if _absorbed(trig, by_token):
        return None
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if objects and all(o.lower_ in REFLEXIVES and not o.conjuncts for o in objects):
        return None  # "people kill themselves", "shot himself": no one else is acted upon
    if not trig.is_verb and _in_background(token) and _bearing_verb(token) is None:
        return None  # "since the peace accord", "after weeks of fighting": a reference, not news
    if not trig.is_verb and any(c.dep_ == "amod" and c.lower_ in UNREAL_ADJECTIVES for c in token.children):
        return None  # "a possible war", "the planned talks", "an upcoming drill": not (yet) an event
    if not trig.is_verb and token.dep_ == "compound" and token.head.lemma_.lower() in PLAN_NOUNS:
        return None  # "truce calls", "an arrest order": what is asked for has not happened
    if not trig.is_verb and not _named_light(trig, token.head) and _governed_by_other_verb(token, by_token):
        return None  # "deployed to oversee a ceasefire": a state of affairs, not an event
    if lexeme.lemma == "accuse" and _accused_as_title(token):
        return None  # "accused Ali Khan was killed": a suspect so called, no accusation made
    polarity = _polarity(token)
    if polarity == "asserted" and _in_habit(token):
        polarity = "hypothetical"  # "the US leads when NATO calls for action": a habit, no one event
    polarity = _unreal(token, trig, polarity)
    if code == "186" and _attempted(token):
        code = "185"  # "an attempt to assassinate X", "tried to assassinate X"
    sources, source_tokens, how = _sources(trig, sentence, resolver)
    own = {a.code or a.name or "" for a in sources if a.code or a.name} | {
        f"text:{a.text.lower()}" for a in sources if not a.code}
    targets, target_tokens = _targets(trig, sentence, resolver, own)
    opposed, opposed_tokens = _anti_targets(trig, sentence, resolver, own)
    if opposed:
        targets, target_tokens = opposed, opposed_tokens
        rule += ":anti-target"
    if how == "fallback":
        confidence -= 0.2
    rule += f":{how or 'none'}"
    # Modality: commitments and the future.
    embedded = _embedded(trig, by_token)
    if lexeme.cls == "commit":
        code, extra_targets = _commitment(embedded, sentence, resolver, code)
        targets = targets or extra_targets
        rule += ":commit"
        if embedded is None and not _commits_to_something(token) and not any(a.code for a in targets):
            return None  # "ready to wager", "offers four recommendations": no pledge to anyone
        if lexeme.pos == "A" and embedded is None and not targets and _awaited_readiness(token):
            return None  # "ready to implement the program once the contract is final": a plan
        if not targets and cameo_entry(code).plover == "THREATEN":
            targets = _fought_until(token, sentence, resolver, own, by_token)
            rule += ":until-target" if targets else ""
    elif lexeme.cls == "control":
        code = _request_code(embedded, code)
        rule += ":request"
    elif code == "100" and lexeme.cls == "plain":
        code = _requested_code(token, by_token, code)
    elif lexeme.lemma in {"refuse", "decline"} and _declines_comment(token):
        return None  # "declined to comment": silence, not a refusal of anyone
    elif lexeme.lemma in {"refuse", "reject", "decline", "oppose"} and embedded is not None:
        code = _reject_code(embedded, code)
        if not targets:  # "refused to provide weapons to X"
            targets, target_tokens = _targets(embedded, sentence, resolver)
    elif lexeme.lemma == "threaten" and embedded is not None:
        code = _threat_code(embedded.lexeme.cameo)
        if not targets:
            targets, target_tokens = _targets(embedded, sentence, resolver)
    elif lexeme.lemma == "agree" and embedded is not None:
        code = _agree_code(embedded.lexeme.cameo)
        if not targets:
            targets, target_tokens = _targets(embedded, sentence, resolver)
    if lexeme.lemma in {"threaten", "warn"} or polarity == "future":
        # "threatened to ban the vote if Hamas ran": the condition names whom it is aimed at.
        conditioned = _condition_targets(token, sentence, resolver, own)
        if conditioned and not any(a.code for a in conditioned) and any(a.code for a in targets):
            conditioned = []  # "will withdraw from Chad unless the president ...": the coded party stays
        if conditioned:
            targets, rule = conditioned, rule + ":condition-target"
    if cameo_entry(code).plover == "PROTEST" and not any(_is_aimed(t, resolver) for t in target_tokens):
        # "marched in X to demand Y": what the protest is about names its target, not the place
        aimed, aimed_tokens = _purpose_targets(trig, sentence, resolver, own)
        if aimed:
            targets, target_tokens = aimed, aimed_tokens
            rule += ":purpose-target"
    if not targets and lexeme.lemma not in TOPIC_VERBS and cameo_entry(code).plover != "CONSULT":
        # (a meeting's purpose is its topic: "met to discuss the vaccine" meets no vaccine)
        asked = cameo_entry(code).plover == "REQUEST"
        targets, target_tokens = _complement_targets(token, sentence, resolver, own, asked=asked)
        if _quad(code) == 4 and _own_state(targets, sources) or (
                cameo_entry(code).plover == "THREATEN" and _own_places(targets, sources, resolver)):
            targets, target_tokens = [], []  # "in a bid to extend Turkish military presence": its own aim
        if targets:
            rule += ":complement-target"
    if not targets and cameo_entry(code).plover in {"CONCEDE", "AGREE"}:
        targets, target_tokens = _negotiating_parties(token, sentence, resolver, own)
        if targets:
            rule += ":negotiated-with"
    if polarity == "negated" and _quad(code) in COOPERATIVE_QUADS and not _is_plain_negation_exempt(lexeme):
        # Refusing cooperation is an event of its own: "will not accept", "failed to agree".
        code = _reject_code_for(code)
        polarity = "asserted"
        rule += ":negated-cooperation"
    if not targets and cameo_entry(code).plover == "REJECT":
        targets, target_tokens = _proposal_targets(token, sentence, resolver, by_token, own)
        if targets:
            rule += ":proposal-target"
    if not targets and cameo_entry(code).plover == "REJECT":
        targets, target_tokens = _pressing_parties(token, sentence, resolver, own)
        if targets:
            rule += ":pressure-target"
    if lexeme.cls == "inverse":
        # "X received weapons from Y": Y gives, X receives (the parser may hang "from Y" on
        # what is received).
        heads = [token, *_children(token, {"dobj"})]
        givers = [g for h in heads for c in h.children
                  if c.dep_ == "prep" and c.lower_ in lexeme.target_preps for g in _pobjs(c)]
        given = [a for g in givers for a in resolver.resolve_group(sentence, g)]
        sources, targets = given, sources
        source_tokens, target_tokens = givers, source_tokens
        rule += ":inverse"
        if cameo_entry(code).plover == "AID" and given and all(a.sector == "BUS" for a in given):
            return None  # "receives large sums from the company": pay or trade, not aid
    if lexeme.lemma == "attack" and not trig.is_verb and _verbal_attack(token, source_tokens, target_tokens):
        code = "111"  # "Trump ramps up attacks on Clinton": words, not violence
        rule += ":verbal"
    if polarity == "hypothetical" and lexeme.cls == "plain" and _quad(code) in {3, 4} and not _feared(token) \
            and not _in_habit(token) and not _in_condition(token) and not _others_plan(token) \
            and not _kind_of_act(token):
        code = _threat_code(code)  # "may halt aid", "could strike": a threat
        polarity = "asserted"
        rule += ":conditional-threat"
    if polarity == "future" and lexeme.cls == "plain" and _has_condition(token, "unless"):
        code = _threat_code(code) if _quad(code) in {3, 4} else "131"  # a conditional sanction
        polarity = "asserted"
        rule += ":ultimatum"
    if polarity == "future" and lexeme.cls == "plain" and lexeme.plover == RESIGNATION:
        rule += ":future"  # "will step down": an announced resignation, no pledge to anyone
    elif polarity == "future" and lexeme.cls == "plain":
        code = _future_code(code)
        polarity = "asserted"
        rule += ":future"
    elif polarity == "intended" and lexeme.cls == "plain" and _quad(code) == 4 and _prepared(token):
        code = "150"  # "the army prepared to shell X": forces made ready, a show of force
        polarity = "asserted"
        rule += ":preparation"
    elif polarity == "intended" and lexeme.cls == "plain":
        code = _future_code(code)
        polarity = "asserted"
        rule += ":intent"
    return _Draft(
        trigger=trig, sentence=sentence, cameo=code, sources=sources, targets=targets,
        source_tokens=source_tokens, target_tokens=target_tokens, rule=rule,
        confidence=confidence, polarity=polarity,
    )  # fmt: skip


def _anti_targets(
    trig: Trigger, sentence: Sentence, resolver: ActorResolver, own: set[str]
) -> tuple[list[Actor], list[Any]]:
    """The coded party an "anti-X" event is aimed at, before the place it happened in:
    "held an anti-India rally in Lahore", "launched an anti-PKK operation in Iraq"."""
    token = trig.token
    nouns = [token] if not trig.is_verb else _children(token, {"dobj"})
    doc = token.doc
    for noun in nouns:
        for anti in noun.children:
            if anti.lower_ != "anti" or anti.i + 2 >= noun.i or doc[anti.i + 1].text != "-":
                continue
            opposed = doc[anti.i + 2]
            found = [a for a in resolver.opposed(sentence, opposed)
                     if a.code and not (a.sector == "GOV" and a.code in own)]  # not "Turks' anti-Turkey rally"
            if found:
                return found, [opposed]
    return [], []


def _verbal_attack(noun: Any, source_tokens: list[Any], target_tokens: list[Any]) -> bool:
    """Are "attacks" on a person words of a rival, not violence? Repeated ("attacks on
    her") or plainly verbal ("his personal attack on the senator"), by no one or by a
    person, on persons only, with no weapon or wound in the sentence."""
    repeated = noun.tag_ == "NNS" or any(
        c.dep_ == "amod" and c.lower_ in VERBAL_ATTACK_MODIFIERS for c in noun.children)
    return (
        repeated and bool(target_tokens)
        and all(_is_person(t) for t in [*target_tokens, *source_tokens])
        and not any(t.lemma_.lower() in VIOLENCE_WORDS for t in noun.sent)
    )


def _is_person(token: Any) -> bool:
    return token.lower_ in PERSON_PRONOUNS or token.ent_type_ == "PERSON"


def _accused_as_title(verb: Any) -> bool:
    """Is "accused" a suspect's title before his name ("police said accused Ali Khan was
    killed"): no subject of its own and no "of" charge?"""
    follower = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    return (
        follower is not None and follower.pos_ == "PROPN"
        and not any(c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS for c in verb.children)
        and not any(p.dep_ == "prep" and p.lower_ in {"of", "for"}
                    for t in [verb, *_children(verb, {"dobj"})] for p in t.children)
    )


def _feared(token: Any) -> bool:
    """Is a clause of "may" or "could" someone's fear or guess, not the actor's threat:
    "he worries the authorities might close the border"?"""
    node = token
    while node.dep_ == "conj" and node.head is not node:
        node = node.head
    return node.dep_ == "ccomp" and node.head.lemma_.lower() in WISH_VERBS


def _attempted(token: Any) -> bool:
    """Is the action only attempted: "an attempt to kill X", "tried to assassinate X"?"""
    if token.dep_ == "acl":
        return token.head.lemma_.lower() in ATTEMPT_NOUNS
    return token.dep_ == "xcomp" and token.head.lemma_.lower() in {"try", "attempt", "seek"}


def _prepared(token: Any) -> bool:
    """Is the action one that its agent is (verbally) preparing: "prepared to resume shelling"?"""
    node = token
    for _ in range(3):
        if node.dep_ != "xcomp":
            return False
        node = node.head
        if node.lemma_.lower() == "prepare" and node.pos_ == "VERB":
            return True
    return False


def _in_background(noun: Any) -> bool:
    """Is a noun inside a background phrase ("since the accord", "after days of fighting")?"""
    node = noun
    for _ in range(3):
        if node.dep_ != "pobj":
            return False
        prep = node.head
        if prep.lower_ in BACKGROUND_PREPS:
            return True
        if prep.lower_ != "of" or prep.head.pos_ not in {"NOUN", "PROPN"}:
            return False
        node = prep.head  # "days of fighting": climb to what the quantity phrase hangs on
    return False


# Verbs by which a plan is made known by the one who made it: "announced a plan to strike X"
# may be a threat, "described a plan to kill X" or "rejected a plan to attack X" is none.
PLAN_OWNER_VERBS = LIGHT_VERBS | {"unveil", "declare", "outline", "present", "adopt", "approve"}
# Verbs whose object is only hoped for: "hopes for better cooperation with X".
HOPE_VERBS = {"hope", "wish", "want", "pray", "dream", "long", "yearn"}
# Prepositions of the means by which something is done: "by attacking their camps".
MEANS_PREPS = {"by", "through", "via"}
# Verbs that put a duty or a ban on someone: "banks will be required to cooperate", "the deal
# requires Iran to cooperate", "officials are forbidden to meet X"; and verbs that force it,
# if what they say is to come: "the plan would force Israel to withdraw" (but "forced the
# army to retreat" is done).
OBLIGE_VERBS = {"require", "oblige", "obligate", "forbid", "prohibit"}
COMPEL_VERBS = {"force", "compel"}
# Nouns of a manner, whose relative clause is a habit, no one event: "the way he talks to them".
MANNER_NOUNS = {"way", "manner"}
# Verbs of a stance against a kind of act, with the prepositions they take it by: "opposes
# X meeting Y", "objects to troops deploying", "is against officials visiting X".
STANCE_VERBS = {"oppose", "object", "disapprove", "be", "warn", "caution", "resist"}
STANCE_PREPS = {"against", "to", "of"}
# Date words that put a present-tense clause in the schedule: "He steps down Jan. 20."
PAST_DATE_WORDS = {"last", "ago", "yesterday", "earlier", "previous", "past", "recently", "since"}
# Phrases that date a clause relative to an earlier year: "The following year a jury convicted X".
LATER_YEAR = re.compile(r"^(?:the\s+)?(?:following|next|subsequent)\s+year$"
                        r"|^(?:a|one|\w+)\s+years?\s+later$", re.IGNORECASE)
# Nouns of a past tenure: "during his time as chief minister X had written".
TENURE_NOUNS = {"time", "tenure", "term", "stint", "days", "years"}


def _unreal(token: Any, trig: Trigger, polarity: str) -> str:
    """The polarity once the trigger's setting is read: a duty ("will be required to
    cooperate") is only wanted; a kind of act ("the way he talks", "opposes leaders meeting
    X") or a hoped-for means ("hopes to win through cooperation") is no event; a dated
    present ("steps down Jan. 20") is to come."""
    if polarity in {"asserted", "future", "intended"} and _obliged(token, polarity):
        return "wanted"
    if polarity != "asserted":
        return polarity
    if _kind_of_act(token) or _wished_means(token):
        return "hypothetical"
    if trig.is_verb and _scheduled(token):
        return "future"
    return polarity


def _others_plan(token: Any) -> bool:
    """Is the trigger the aim of a plan that its planner did not make known: "describing a
    plan to kill X", "rejected a plan to hire mercenaries to attack X" (but "announced a
    plan to strike X", "issued a threat to attack X")?"""
    node = token
    for _ in range(4):
        if node.dep_ == "acl" and node.head.lemma_.lower() in PLAN_NOUNS:
            verb = node.head.head
            told = bool(set(_lemma_forms(verb)) & PLAN_OWNER_VERBS)
            return node.head.dep_ in {"dobj", "pobj", "nsubj"} and not told
        if not (_purpose_clause(node) or node.dep_ == "xcomp") or node.head is node:
            return False
        node = node.head
    return False


def _wished_means(token: Any) -> bool:
    """Is the trigger only hoped for, or the means of what someone hopes or plans to do:
    "hopes for better cooperation with X", "hopes to get results through improved cooperation
    with X", "aims to defeat the rebels by attacking their camps" (not "plans to hold talks
    with X", whose light verb makes the talks the plan)?"""
    if token.pos_ in {"NOUN", "PROPN"}:
        governor, _ = _governing_verb(token)
        if governor is None or _is_light(governor):
            return False
        if set(_lemma_forms(governor)) & HOPE_VERBS:
            return True  # "hopes for better cooperation"
    elif token.dep_ == "pcomp" and token.head.lower_ in MEANS_PREPS:
        governor = token.head.head  # "to defeat them by attacking"
    else:
        return False
    wishes = (WISH_VERBS | INTENT_VERBS) - {"be"}
    return governor.dep_ == "xcomp" and bool(set(_lemma_forms(governor.head)) & wishes)


def _obliged(token: Any, polarity: str) -> bool:
    """Is the trigger a duty or a ban put on its subject, no act or pledge of his: "banks will
    be required to cooperate with the regulator", "the plan would force Israel to withdraw"?"""
    if token.dep_ != "xcomp":
        return False
    lemmas = set(_lemma_forms(token.head))
    return bool(lemmas & OBLIGE_VERBS) or polarity != "asserted" and bool(lemmas & COMPEL_VERBS)


def _kind_of_act(token: Any) -> bool:
    """Does the trigger name a kind of act, not one done (nor threatened): "the way he talks
    to them", "opposes foreign leaders meeting X"?"""
    return _manner(token) or _stance_gerund(token)


def _manner(token: Any) -> bool:
    """Is the trigger the relative clause of a manner noun: "the way he talks to them"?"""
    return token.dep_ == "relcl" and token.head.lemma_.lower() in MANNER_NOUNS


def _stance_gerund(verb: Any) -> bool:
    """Is the trigger a gerund that names the kind of act a stance is against, not an act:
    "Beijing opposes foreign leaders meeting X", "objects to NATO troops deploying in Y",
    "is against officials visiting X" (but "condemned police beating protesters" tells of one)?"""
    if verb.tag_ != "VBG":
        return False
    if verb.dep_ == "ccomp":
        return bool(set(_lemma_forms(verb.head)) & STANCE_VERBS)
    noun = verb.head
    if verb.dep_ != "acl" or noun.dep_ != "pobj" or noun.head.lower_ not in STANCE_PREPS:
        return False
    return bool(set(_lemma_forms(noun.head.head)) & STANCE_VERBS)


def _scheduled(verb: Any) -> bool:
    """Is a simple present with a day or month of its own a schedule, not news: "He steps
    down Jan. 20.", "officials said the two leaders meet on Friday" (headlines, told in the
    present, are left alone)?"""
    last = verb.sent[-1]
    if verb.tag_ not in {"VBZ", "VBP"} or not (last.is_punct and last.text == "."):
        return False
    if verb.dep_ not in {"ROOT", "conj", "ccomp"} or any(
            c.dep_ in {"aux", "auxpass", "neg"} for c in verb.children):
        return False
    dated = [c for c in verb.children if c.dep_ in {"npadvmod", "prep", "tmod"}]
    for phrase in dated:
        words = list(phrase.subtree)
        if any(w.ent_type_ == "DATE" for w in words) and not any(
                w.lower_ in PAST_DATE_WORDS or (w.text.isdigit() and len(w.text) == 4)
                for w in words):
            return True
    return False


def _recalled(draft: _Draft) -> bool:
    """Is the event history by its own clause's time, with no year to measure it by: "The
    following year a jury convicted X", "during his time as governor X had praised Y", "when
    he was governor, X jailed Y"?"""
    for node in _clause_path(draft.trigger.token):
        for child in node.children:
            if child.dep_ in {"npadvmod", "advmod"} and LATER_YEAR.match(
                    child.doc[child.left_edge.i:child.right_edge.i + 1].text):
                return True
            if child.dep_ == "prep" and child.lower_ == "during" and any(
                    p.lemma_.lower() in TENURE_NOUNS and any(c.dep_ == "poss" for c in p.children)
                    and any(c.dep_ == "prep" and c.lower_ == "as" for c in p.children)
                    for p in child.children if p.dep_ == "pobj"):
                return True
            if child.dep_ == "advcl" and _former_role(child):
                return True
    return False


def _former_role(clause: Any) -> bool:
    """Is this a clause of the time someone held a role: "when he was governor", "while she
    was a student"?"""
    children = list(clause.children)
    return (
        clause.lemma_.lower() == "be" and clause.tag_ == "VBD"
        and any(c.dep_ in {"mark", "advmod"} and c.lower_ in {"when", "while"} for c in children)
        and any(c.dep_ == "nsubj" and c.lower_ in {"he", "she"} for c in children)
        and any(c.dep_ == "attr" and c.pos_ == "NOUN" for c in children)
    )


# Verbs that let or move someone to act without saying that he did: "authorized the army
# to strike", "encouraged supporters to march", "invited him to attend the summit".
PERMISSION_VERBS = {"authorize", "authorise", "permit", "empower", "mandate", "entitle", "license",
                    "encourage", "invite"}  # fmt: skip


def _permitted(token: Any) -> bool:
    """Is the trigger only what someone was allowed or moved to do: "parliament authorized
    the army to attack", "police were empowered to arrest"?"""
    return (
        token.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        and token.head.lemma_.lower() in PERMISSION_VERBS
    )


def _kind_named(noun: Trigger, verb: Trigger) -> bool:
    """Does a noun's modifier name an event of another type than the verb that takes it
    ("launched a nationwide strike": a labour strike, not the attack "launch" names with its
    objects; "condemned the naval exercise" and "ended mediation efforts" stay the verb's)?"""
    return (not noun.is_verb and any(key == "mod" for key, _ in noun.lexeme.conditions)
            and any(key == "obj" for key, _ in verb.lexeme.conditions) and _is_light(verb.token)
            and cameo_entry(noun.lexeme.cameo).plover != cameo_entry(verb.lexeme.cameo).plover)


def _absorbed(trig: Trigger, by_token: dict) -> bool:
    """Is this trigger part of another trigger's event?

    - a noun that is the object a lexicon verb names ("signed an agreement", "imposed
      sanctions"), or a verbal noun answered by another trigger ("rejected an offer");
    - any trigger inside the complement clause of a non-reporting trigger ("agreed to
      meet", "threatened to hold a strike", "refused to release").
    """
    token = trig.token
    if trig.is_verb and any(c.dep_ == "dobj" and c.i in by_token and _kind_named(by_token[c.i], trig)
                            for c in token.children):
        return True  # "launched a nationwide strike": the noun's event, with the verb as light verb
    if token.dep_ == "dobj":
        parent = by_token.get(token.head.i)
        if parent is not None and parent.lexeme.cls != "report" and not _kind_named(trig, parent):
            if any(key == "obj" for key, _ in parent.lexeme.conditions):
                return True
            if _quad(trig.lexeme.cameo) in {1, 3} or parent.lexeme.cls == "commit":
                return True
    if not trig.is_verb and token.dep_ == "pobj" and token.head.dep_ == "prep":
        parent = by_token.get(token.head.head.i)
        if parent is not None and (
            ("prep", token.head.lower_) in {(k, v) for k, vs in parent.lexeme.conditions for v in vs}
            and cameo_entry(parent.lexeme.cameo).plover == cameo_entry(trig.lexeme.cameo).plover
        ):
            return True  # "insisted on its demand that ...": one request
    if _asked_by_agent(token, by_token):
        return True
    if _permitted(token) or _requested(token, by_token) or _mobilized_for(token, by_token):
        return True
    if _stranded_clause(token) is not None:
        return True  # "renewed its demand that X lift the ban": nothing is lifted
    node = token
    proposed = False  # inside "a plan to ...", "an offer to ..."
    for _ in range(8):
        head = node.head
        if head is node or node.dep_ == "relcl":
            return False
        proposed = proposed or (node.dep_ == "acl" and head.lemma_.lower() in PROPOSAL_NOUNS)
        parent = by_token.get(head.i)
        if parent is not None and proposed and node.dep_ == "dobj" and (
            cameo_entry(parent.lexeme.cameo).plover == "REJECT"
        ):
            return True  # "rejected a plan to impose sanctions": nothing is imposed
        if node.dep_ in {"advcl", "xcomp"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
            # "staged rallies to demand reforms": the purpose belongs to the action.
            light_trigger = any(c.dep_ == "dobj" and c.i in by_token for c in head.children)
            if (parent is not None and parent.lexeme.cls != "report") or light_trigger:
                return True
        if node.i == token.i and node.dep_ == "advcl" and node.tag_ == "VBG" and _protests(head, by_token) \
                and cameo_entry(trig.lexeme.cameo).plover in {"REQUEST", "PROTEST"}:
            return True  # "marched through the city demanding reforms": the protest's demand
        if parent is not None:
            if parent.lexeme.cls == "report":
                return False
            if node.dep_ in {"xcomp", "ccomp"} or (node.dep_ == "acl" and parent.lexeme.pos == "N"):
                return True
        if node.dep_ not in {"xcomp", "dobj", "pobj", "prep", "acl", "pcomp", "compound", "amod"}:
            return False
        node = head
    return False


def _stranded_clause(clause: Any) -> Any | None:
    """The noun a that-clause parsed on its verb belongs to: "renewed its demand that X lift
    the ban" -> demand (not "told the meeting that X attacked": a reporting verb's own clause)."""
    verb = clause.head
    if clause.dep_ not in {"ccomp", "advcl"} or set(_lemma_forms(verb)) & REPORT_LEMMAS:
        return None
    if not any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        return None
    nouns = [c for c in _children(verb, {"dobj"})
             if c.i < clause.i and c.lemma_.lower() in REQUEST_NOUNS]
    return nouns[0] if nouns else None


def _requested(noun: Any, by_token: dict) -> bool:
    """"demanded the withdrawal of X", "called for the release of Y": what a request asks for
    has not happened; the request takes its kind from it (_requested_code)."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.dep_ == "prep":
        verb = noun.head.head
    elif noun.dep_ == "dobj":
        verb = noun.head
    else:
        return False
    parent = by_token.get(verb.i)
    return parent is not None and parent.is_verb and cameo_entry(parent.lexeme.cameo).plover == "REQUEST"


def _mobilized_for(noun: Any, by_token: dict) -> bool:
    """"mobilized troops for an offensive against X": the purpose of a mobilization is
    still to come; the mobilization takes its target from it."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "for" or noun.head.dep_ != "prep":
        return False
    parent = by_token.get(noun.head.head.i)
    return parent is not None and parent.is_verb and cameo_entry(parent.lexeme.cameo).plover == "MOBILIZE"


def _asked_by_agent(verb: Any, by_token: dict) -> bool:
    """"X was pressured by Y to resign", the infinitive parsed as a relative clause of Y:
    what Y asks for is part of the request, not an act of Y's."""
    if verb.dep_ != "relcl" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    agent = verb.head.head
    if verb.head.dep_ != "pobj" or agent.dep_ != "agent":
        return False
    parent = by_token.get(agent.head.i)
    return parent is not None and cameo_entry(parent.lexeme.cameo).plover == "REQUEST"


def _protests(verb: Any, by_token: dict) -> bool:
    """Is this verb a protest, or a light verb whose object is one ("staged a sit-in")?"""
    nodes = [verb, *_children(verb, {"dobj"})]
    return any(n.i in by_token and cameo_entry(by_token[n.i].lexeme.cameo).plover == "PROTEST" for n in nodes)


def _has_condition(token: Any, mark: str) -> bool:
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == mark for m in c.children)
        for c in token.children
    )


def _is_plain_negation_exempt(lexeme: Lexeme) -> bool:
    return False


def _reject_code_for(code: str) -> str:
    return {"03": "120", "04": "125", "05": "120", "06": "121", "07": "122", "08": "124"}.get(
        _root(code), "120"
    )


# What a source says no to when it declines to speak: no event.
SILENCE_VERBS = {"comment", "elaborate", "say", "speak", "confirm", "disclose", "identify",
                 "name", "reveal", "specify"}  # fmt: skip


def _declines_comment(token: Any) -> bool:
    """"declined to comment", "refused to say where": a spokesman's silence."""
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in SILENCE_VERBS and not _children(c, {"dobj"})
               for c in token.children)


PROPOSAL_NOUNS = {"call", "calls", "proposal", "plan", "offer", "invitation", "demand", "request",
                  "appeal", "suggestion", "idea", "bid", "initiative"}  # fmt: skip


def _proposal_targets(
    token: Any, sentence: Sentence, resolver: ActorResolver, by_token: dict, own: set[str]
) -> tuple[list[Actor], list[Any]]:
    """"rejected a call for its troops to be deployed in X", "turned down an offer of talks
    with X": the state or organisation the proposed action is aimed at."""
    for obj in _children(token, {"dobj", "nsubjpass"}):
        if obj.lemma_.lower() not in PROPOSAL_NOUNS:
            continue
        for clause in obj.children:
            infinitive = any(c.dep_ in {"aux", "auxpass"} and c.lower_ == "to" for c in clause.children)
            if clause.dep_ in {"acl", "relcl"} and infinitive and clause.i in by_token:
                found, used = _targets(by_token[clause.i], sentence, resolver, own)
                if any(a.code for a in found):
                    return found, used
        found, used = _complement_targets(obj, sentence, resolver, own)
        parties: dict[str, Actor] = {}
        for actor in found:  # "talks with X" and "X" are one party
            if actor.code:
                parties.setdefault(actor.code, actor)
        if parties:
            return list(parties.values()), used
    return [], []


# Nouns for what someone presses a party to do: "despite pressure from X", "despite calls by X".
PRESSURE_NOUNS = {"pressure", "call", "demand", "appeal", "request", "plea", "urging",
                  "protest", "ultimatum", "insistence", "warning", "criticism"}  # fmt: skip


def _pressing_parties(
    token: Any, sentence: Sentence, resolver: ActorResolver, own: set[str]
) -> tuple[list[Actor], list[Any]]:
    """Whom a refusal answers: "declined to resign despite pressure from the opposition",
    "refused, in defiance of US demands" -- the party that pressed."""
    nodes = [token, *_children(token, {"xcomp", "ccomp", "dobj"})]
    for node in nodes:
        for prep in _children(node, {"prep"}):
            nouns = _pobjs(prep) if prep.lower_ == "despite" else []
            if prep.lower_ == "in":  # "in defiance of X's demands", "in the face of pressure"
                nouns = [g for o in _pobjs(prep) if o.lemma_.lower() in {"defiance", "spite", "face"}
                         for p in _children(o, {"prep"}) if p.lower_ == "of" for g in _pobjs(p)]
            for noun in nouns:
                if noun.lemma_.lower() not in PRESSURE_NOUNS:
                    continue
                heads = [c for c in noun.children if c.dep_ == "poss"]
                heads += [g for c in noun.children if c.dep_ in {"prep", "agent"}
                          and c.lower_ in {"from", "by"} for g in _pobjs(c)]
                heads += [c for c in noun.children if c.dep_ in {"amod", "compound"} and c.i < noun.i]
                for head in heads:
                    found = [a for a in resolver.resolve_group(sentence, head)
                             if not (a.code and a.code in own) and (a.code or a.sector)]
                    if found:
                        return found, [head]
    return [], []


COMPLEMENT_PREPS = {"to", "with", "against", "on", "from", "for", "into", "toward", "towards"}


def _complement_targets(
    token: Any, sentence: Sentence, resolver: ActorResolver, own: set[str], *, asked: bool = False
) -> tuple[list[Actor], list[Any]]:
    """Targets named in the trigger's complement: "demanded that X ...", "offered to hand
    over to X", "refused to meet X", "threatened to cut off electricity to X".

    A request (``asked``) is put to the subject of its clause alone: "demanded that X free Y".
    A subjectless clause that names no party passes the search on to its own complement:
    "willing to send material to help defend X". A request made of someone the resolver
    cannot name ("urged the panel to let X's ruling stand", "asked the lawyers to explain
    the court's role") has no target below: what is to be done is no party to it."""
    frontier = [c for c in token.children if c.dep_ in {"ccomp", "xcomp", "acl", "advcl"}
                and not _side_clause(c) and not _remark_clause(c)]
    if asked:  # "urged restraint, saying Israel must halt its strikes": a named doer is asked
        frontier += [said for c in token.children if _remark_clause(c) and c.lemma_.lower() in SAYING_LEMMAS
                     for said in _children(c, {"ccomp"}) if any(
                         s.pos_ != "PRON" and any(a.code for a in resolver.resolve_group(sentence, s))
                         for s in _children(said, SUBJECT_DEPS))]
    if asked and _addressed(token, frontier):
        return [], []
    for prep in _children(token, {"prep"}):  # "insisted on its demands that X ..."
        for obj in _children(prep, {"pobj"}):
            frontier += [c for c in obj.children if c.dep_ in {"ccomp", "acl"} and not _remark_clause(c)]
    if token.pos_ == "NOUN" and token.dep_ == "dobj" and _is_verbal(token.head):
        # "staged demonstrations to demand reforms from X": the light verb's purpose clause.
        frontier += [c for c in token.head.children if c.dep_ in {"advcl", "xcomp"}]
        if asked:
            frontier += [c for c in token.head.children if _stranded_clause(c) == token]
    for _ in range(3):
        heads: list[Any] = []
        nxt = []
        for comp in frontier:
            subjects = _children(comp, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS) if _content_clause(comp) else []
            named = [h for h in subjects if asked and h.lower_ not in {"it", "they", "them"} and any(
                not (a.code and a.code in own) for a in resolver.resolve_group(sentence, h))]
            if named:
                heads.extend(named)
                continue
            if asked and any(h.pos_ in {"NOUN", "PROPN"} and not resolver.resolve_group(sentence, h)
                             for h in subjects):
                continue  # "demanded that the panel give access to X": X is asked nothing
            if _joins(comp):  # "rioted, joining demonstrators in demanding X": allies, not targets
                nxt.extend(g for p in _children(comp, {"prep"}) for g in _children(p, {"pcomp"}))
                continue
            heads.extend(subjects)
            heads.extend(h for h in _children(comp, {"dobj", "dative"}))
            for prep in _children(comp, {"prep"}):
                if prep.lower_ in COMPLEMENT_PREPS:
                    heads.extend(_children(prep, {"pobj"}))
            for obj in _children(comp, {"dobj"}):
                for prep in _children(obj, {"prep"}):
                    if prep.lower_ in COMPLEMENT_PREPS:
                        heads.extend(_children(prep, {"pobj"}))
            nxt.extend(c for c in comp.children if c.dep_ in {"xcomp", "ccomp"} or (
                c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)))
        actors, used = _named_parties(heads, sentence, resolver, own)
        if actors:
            return actors, used
        if heads and any(_children(comp, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS) for comp in frontier):
            break  # "saying he has to serve a term awarded by X": below lies another's act
        frontier = nxt
    return [], []


# Verbs whose object is a party the subject sides with: "joining thousands of protesters".
ALLY_LEMMAS = {"join", "accompany", "rejoin"}


def _joins(clause: Any) -> bool:
    """Is a participle clause the subject joining others ("joined by", "joining X in Y")?"""
    return clause.lemma_.lower() in ALLY_LEMMAS and clause.dep_ in {"advcl", "xcomp", "acl"}


def _own_state(targets: list[Actor], sources: list[Actor]) -> bool:
    """Are the parties a hostile act's complement names only the source's own state: "Turkey
    launched an operation in a bid to extend Turkish military presence in Iraq" (what it
    wants for itself, not whom the operation is aimed at)? Rebels and opponents may well act
    against their own state's government, and one official accuse another."""
    countries = {a.country for a in sources if a.country and (a.sector is None or a.sector in STATE_SECTORS)}
    return bool(targets) and all(a.country in countries and a.sector in STATE_SECTORS for a in targets)


def _own_places(targets: list[Actor], sources: list[Actor], resolver: ActorResolver) -> bool:
    """Are the parties a warning's complement names only places in the source's own country:
    "the police chief warned that Kaduna would no longer be a haven for criminals" (a
    state's threat is to whoever is there, not to its own province)?"""
    countries = {a.country for a in sources if a.country}
    return bool(targets) and all(a.country in countries and a.sector is None and a.name
                                 != resolver.book.country_names.get(a.country) for a in targets)


def _addressed(token: Any, complements: list[Any]) -> bool:
    """Is the request put to the verb's own object, whom its infinitive is for: "urged the
    panel to let the ruling stand" (not "urged a return to calm")?"""
    objects = [c for c in token.children if c.dep_ in {"dobj", "dative"} and c.pos_ in {"NOUN", "PROPN"}]
    return bool(objects) and any(c.dep_ == "xcomp" and not _children(c, SUBJECT_DEPS) for c in complements)


# Exchanges a concession or an agreement may follow: "called off the strike after talks with X".
TALK_NOUNS = {"talk", "negotiation", "deliberation", "consultation", "discussion", "meeting", "dialogue"}


def _negotiating_parties(
    token: Any, sentence: Sentence, resolver: ActorResolver, own: set[str]
) -> tuple[list[Actor], list[Any]]:
    """The other side of the talks a concession or agreement came out of: "called off a
    strike after talks with the government", "agreed to withdraw following negotiations with X"."""
    heads = [g for node in [token, *_children(token, {"xcomp"})]
             for prep in _children(node, {"prep"}) if prep.lower_ in {"after", "following"}
             for talk in _pobjs(prep) if talk.lemma_.lower() in TALK_NOUNS
             for with_ in _children(talk, {"prep"}) if with_.lower_ == "with"
             for g in _pobjs(with_)]  # fmt: skip
    return _named_parties(heads, sentence, resolver, own)


# Conjunctions that join a clause of its own, not what an action is for ("... as police
# cracked down on X", "... while Y attacked Z").
SIDE_MARKS = {"as", "while", "when", "whereas", "although", "though", "because", "since", "after", "before"}


def _side_clause(clause: Any) -> bool:
    """An adverbial clause that tells another event: "eased measures as Y cracked down on Z"."""
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in SIDE_MARKS for c in clause.children)


# Participles by which a speaker comments on what it does: "urged calm, referring to the last war".
REMARK_LEMMAS = {"refer", "say", "add", "note", "cite", "mention", "recall", "explain", "describe", "point"}
# Remarks that may say who must act: "urged restraint, saying Israel must halt its strikes".
SAYING_LEMMAS = {"say", "add"}


def _remark_clause(clause: Any) -> bool:
    """A participle clause that comments on the act, no part of it: "urged a return to
    calm, referring to the last war in X", "requested his extradition, saying he must serve
    a term" (neither X nor he is asked anything)."""
    return clause.dep_ in {"advcl", "acl"} and clause.tag_ == "VBG" and clause.lemma_.lower() in REMARK_LEMMAS


def _named_parties(
    heads: list[Any], sentence: Sentence, resolver: ActorResolver, own: set[str]
) -> tuple[list[Actor], list[Any]]:
    """The parties complement heads name, leaving out a subject pronoun and the source again."""
    actors: list[Actor] = []
    used = []
    for head in heads:
        if head.lower_ in {"it", "they", "them"} and head.dep_ in SUBJECT_DEPS:
            continue
        found = _placed(resolver.resolve_group(sentence, head), head, sentence, resolver) \
            or _inside(head, sentence, resolver, own)
        found = [a for a in found if not (a.code and a.code in own and a.by.endswith(":coref"))]
        if found:
            actors.extend(found)
            used.append(head)
    return actors, used


# Prepositions that place an event rather than aim it ("demonstrated in Kirkuk").
PLACE_PREPS = {"in", "across", "throughout", "through", "around", "near", "inside"}
# "in protest of X", "in defiance of X": a phrase that says what a protest is against.
PURPOSE_NOUNS = {"protest", "defiance", "opposition"}
# Participles that state a protest's demand: "marched demanding X", "rallied calling for X".
PURPOSE_PARTICIPLES = {"demand", "call", "urge", "protest", "press", "seek", "denounce",
                       "condemn", "oppose", "reject", "decry", "insist"}  # fmt: skip
# State sectors a protest may aim at without a country code ("demanding the police chief resign").
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "SPY"}
# Links followed down a purpose clause to the party it is aimed at.
PURPOSE_LINKS = {"dobj", "pobj", "poss", "nsubj", "nsubjpass", "dative", "prep", "agent", "acl",
                 "pcomp", "ccomp", "xcomp", "amod", "compound", "appos"}  # fmt: skip


def _purpose_phrases(trig: Trigger) -> list[Any]:
    """What a protest is for or against: its "to"-clause, a participle of demanding,
    "over X", "against X", "in protest of X" ("staged a sit-in to demand ...")."""
    token = trig.token
    holders = [token]
    if not trig.is_verb and token.dep_ == "dobj" and _is_verbal(token.head) and (
        _is_light(token.head) or _named_light(trig, token.head)
    ):
        holders.append(token.head)  # "began a hunger strike to demand ...": the light verb's clause
    out = []
    for holder in holders:
        for child in holder.children:
            if child.dep_ in {"advcl", "xcomp", "acl"} and (
                any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
                or (child.tag_ == "VBG" and set(_lemma_forms(child)) & PURPOSE_PARTICIPLES)
            ):
                out.append(child)
            elif child.dep_ == "prep" and child.lower_ in {"over", "against"}:
                out.append(child)
            elif child.dep_ == "prep" and child.lower_ == "in":
                out.extend(o for o in _pobjs(child) if o.lemma_.lower() in PURPOSE_NOUNS)
    return out


def _purpose_targets(
    trig: Trigger, sentence: Sentence, resolver: ActorResolver, own: set[str]
) -> tuple[list[Actor], list[Any]]:
    """The party a protest's purpose names, nearest first, searched below the objects:
    "to demand the resignation of X", "over a bill signed by X", "in protest of X's refusal".
    People on whose behalf it is made ("the release of jailed activists") are not its target."""
    frontier = _purpose_phrases(trig)
    for _ in range(8):
        actors: list[Actor] = []
        used, passed = [], []
        for node in frontier:
            party = resolver.resolve_group(sentence, node) if _is_party_head(node, resolver) else []
            found = [a for a in party if (a.code or (a.sector in STATE_SECTORS and node.pos_ != "PRON"))
                     and a.sector not in LOCAL_SECTORS and not _is_own(a, own)]
            if found:
                actors.extend(found)
                used.append(node)
            elif not party:
                passed.append(node)  # a thing, not a party: what it names lies below
        if actors:
            return actors, used
        frontier = [c for node in passed for c in node.children if c.dep_ in PURPOSE_LINKS]
    return [], []


def _is_aimed(target: Any, resolver: ActorResolver) -> bool:
    """Is this target the protest's own object ("against X", "protested X's ruling"), not
    the place or the thing it happened at ("in X", "blocked roads in X")?"""
    if target.dep_ == "pobj":
        return target.head.lower_ not in PLACE_PREPS
    return _is_party_head(target, resolver)


def _is_party_head(token: Any, resolver: ActorResolver) -> bool:
    """Does this head name a party ("the minister", "Kenya", "Kenyan"), not a thing it has?"""
    if token.pos_ == "PRON":
        return token.lower_ not in REFLEXIVES
    if token.pos_ == "PROPN" or token.ent_type_ in {"NORP", "GPE", "ORG", "PERSON"}:
        return True
    compounds = [c.lemma_.lower() for c in token.children if c.dep_ == "compound"]
    return resolver.book.sector_of([*compounds, token.lemma_.lower()]) is not None


def _is_own(actor: Actor, own: set[str]) -> bool:
    """Is this the source itself again ("their leader" for the protesters)?"""
    if actor.code:
        return actor.code in own and actor.by.endswith(":coref")
    return f"text:{actor.text.lower()}" in own


def _content_clause(comp: Any) -> bool:
    """A clause that says what is demanded or refused: "said that X ...", "its demand that X ..."."""
    return comp.dep_ == "ccomp" or (
        comp.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in comp.children))


# People named by their tie to someone: victims the codebook cannot place.
TIE_NOUNS = KIN_NOUNS | {"relative", "grandparent", "stepfather", "stepmother", "baby", "neighbour",
                        "neighbor", "friend", "classmate", "girlfriend", "boyfriend", "fiance",
                        "fiancee", "roommate"}  # fmt: skip


def _unnamed_victims(token: Any) -> bool:
    """Does the verb's object name people who are no actor ("shot two cousins at their
    Ohio home")? They are its target; the place where it happened is only its location."""
    for obj in _children(token, {"dobj"} | PASSIVE_SUBJECT_DEPS):
        for person in [obj, *obj.conjuncts, *_children(obj, {"appos"})]:
            lemma = person.lemma_.lower()
            if lemma in TIE_NOUNS or lemma in PERSON_NOUNS or person.ent_type_ == "PERSON":
                return True
    return False


def _placed_in_other_clause(location: Location, token: Any, sentence: Sentence) -> bool:
    """Is the event's place named in this sentence by a verb the trigger neither hangs from nor
    governs: "led protests but is unwilling to seek asylum in X" did not protest in X?"""
    place = next((t for t in token.sent if token_span(sentence, t).start == location.span.start), None)
    if place is None:
        return False
    node = place
    while node.head is not node and not _is_verbal(node.head):
        node = node.head
    verb = node.head
    if verb.dep_ in {"acl", "relcl"}:
        return False  # "blew up power lines leading into X": the clause describes a party
    anchor = token
    while not _is_verbal(anchor) and anchor.head is not anchor:
        anchor = anchor.head  # "led protests": the light verb's clause
    if not _is_verbal(verb) or verb.i == anchor.i or verb.is_ancestor(anchor):
        return False
    node = verb
    while node.i != anchor.i and node.head is not node:
        if node.dep_ == "conj" and _is_verbal(node):
            return True  # a coordinated clause tells another act
        node = node.head
    return node.i != anchor.i


def _place_targets(token: Any, sentence: Sentence, resolver: ActorResolver) -> list[Actor]:
    """Last resort: the country of "in X" where the action happened ("lifted a curfew in X")."""
    heads = []
    nodes = [token, *_children(token, {"dobj", "nsubjpass"})]
    for prep in _children(token, {"prep"}):
        nodes.extend(_children(prep, {"pobj"}))
    for node in nodes:
        for prep in _children(node, {"prep"}):
            if prep.lower_ in {"in", "on", "across", "throughout", "near", "inside"}:
                heads.extend(_pobjs(prep))
    out = []
    for head in heads:
        for actor in resolver.resolve(sentence, head):
            if actor.country:
                out.append(actor)
    return out


# What a commitment may name without another trigger: "offered aid", "promised talks".
COMMIT_OBJECTS = {
    "aid", "help", "assistance", "support", "talks", "negotiations", "ceasefire", "truce",
    "concession", "concessions", "cooperation", "funds", "money", "loan", "loans", "troops",
    "weapons", "arms", "protection", "asylum", "reforms", "reform", "release", "withdrawal",
    "compensation", "investment", "investments", "grant", "grants", "peace", "security",
    "guarantee", "guarantees", "backing", "recognition", "access", "elections", "vaccines",
    "relief", "mediation", "dialogue", "resignation", "amnesty",
}  # fmt: skip


# Political actions a commitment may name: "promised to democratize", "vowed to end".
COMMIT_VERBS = {
    "democratize", "democratise", "reform", "restore", "hold", "ensure", "guarantee",
    "protect", "respect", "uphold", "end", "stop", "halt", "reduce", "lift", "ease", "rebuild",
    "reconstruct", "implement", "review", "investigate", "resolve", "settle", "normalize",
    "normalise", "establish", "open", "abolish", "scrap", "repeal", "fight", "defeat",
    "prosecute", "punish", "retaliate", "avenge", "continue", "pursue", "resume", "expand",
}  # fmt: skip


def _commits_to_something(token: Any) -> bool:
    objects = [c for c in token.children if c.dep_ in {"dobj", "dative"}]
    comps = [c for c in token.children if c.dep_ in {"xcomp", "ccomp"}]
    comps += [g for p in _children(token, {"prep"}) if p.lower_ == "to" for g in _children(p, {"pcomp"})]
    for comp in comps:  # "vowed to end", "is committed to opening up"
        if set(_lemma_forms(comp)) & COMMIT_VERBS:
            return True
        objects += [c for c in comp.children if c.dep_ == "dobj"]
    return any(_lemmas_of(o) & COMMIT_OBJECTS for o in objects)


# Marks of a clause a readiness waits on: "once the contract is final", "as soon as it is signed".
AWAITED_MARKS = TIME_MARKS | {"if", "as"}


def _awaited_readiness(token: Any) -> bool:
    """Does a readiness wait on a step still to come: "the agency is ready to implement the
    program once the contract is finalized"? Offered to no one, it is a plan, no pledge."""
    holders = [token, *_children(token, {"xcomp"})]
    if token.dep_ == "acomp":
        holders.append(token.head)
    holders += [a for h in holders for a in _children(h, {"advmod"})]  # "as soon as ..."
    return any(any(m.dep_ == "mark" and m.lower_ in AWAITED_MARKS for m in c.children)
               for h in holders for c in _children(h, {"advcl"}))


def _unpledged_object(token: Any) -> bool:
    """Does a commitment verb offer a thing that is no pledge, whose purpose clause only
    says what the thing is for: "are offering courses to help retirees retrain"?"""
    objects = _children(token, {"dobj"})
    return token.lemma_.lower() == "offer" and bool(objects) and not any(
        _lemmas_of(o) & COMMIT_OBJECTS for o in objects)


def _embedded(trig: Trigger, by_token: dict) -> Trigger | None:
    """The trigger in this trigger's complement ("threatened to attack", "offered aid")."""
    for child in trig.token.children:
        if child.dep_ in {"xcomp", "ccomp", "dobj"} and child.i in by_token:
            return by_token[child.i]
        if child.dep_ == "advcl" and child.i in by_token and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children
        ) and not _unpledged_object(trig.token):
            return by_token[child.i]  # "have sworn to fight", parsed as a purpose clause
        if child.dep_ == "xcomp":
            for grand in child.children:
                if grand.dep_ in {"xcomp", "dobj"} and grand.i in by_token:
                    return by_token[grand.i]
    return None


def _root(code: str) -> str:
    return code[:2]


def _quad(code: str) -> int:
    from ..contract import QUAD_CLASS

    plover = cameo_entry(code).plover
    return QUAD_CLASS.get(plover or "", 0)


def _future_code(code: str) -> str:
    """What an action in the future or promised is: cooperation -> AGREE, hostility -> THREATEN."""
    quad = _quad(code)
    plover = cameo_entry(code).plover
    if plover == "AGREE":
        return code
    if quad in COOPERATIVE_QUADS:
        return _agree_code(code)  # a promise to cooperate, release or allow
    if quad in {3, 4}:
        return _threat_code(code)
    return code


def _agree_code(code: str) -> str:
    return {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035", "03": code}.get(
        _root(code), "030"
    )


# What a threat of a measure is, by the measure's code: "threatened to impose sanctions" (1312).
THREAT_CODES = {"163": "1312", "161": "1313", "162": "1311", "164": "134", "165": "134",
                "166": "136", "1723": "1323", "1724": "1324", "191": "1381", "192": "1382"}  # fmt: skip


def _threat_code(code: str) -> str:
    for prefix in (code, code[:3]):
        if prefix in THREAT_CODES:
            return THREAT_CODES[prefix]
    root = _root(code)
    if root in {"18", "19", "20", "15"}:
        return "138"
    if root == "16":
        return "131"
    if root == "17":
        return "137" if code.startswith("175") else "130"
    return "130"


# What is asked for or refused when it is a concession, by the concession's code: releasing
# people (1053 / 1243), easing sanctions, letting others in, de-escalating, reforms.
YIELD_REQUESTS = {"084": "1053", "085": "1054", "086": "1055", "087": "1056", "081": "1051",
                  "082": "1052", "083": "104"}  # fmt: skip
YIELD_REJECTIONS = {"084": "1243", "085": "1244", "086": "1245", "087": "1246", "081": "1241",
                    "082": "1242", "083": "123"}  # fmt: skip


def _request_code(embedded: Trigger | None, code: str) -> str:
    if embedded is None:
        return code
    if embedded.lexeme.cameo[:3] in YIELD_REQUESTS:
        return YIELD_REQUESTS[embedded.lexeme.cameo[:3]]
    root = _root(embedded.lexeme.cameo)
    return {"04": "106", "06": "101", "07": "103", "08": "105", "05": "102", "03": "107",
            "19": "100", "18": "100"}.get(root, code)  # fmt: skip


# Things asked for that are no event of their own: "demanded the resignation of X".
REQUESTED_CHANGES = {"resignation": "1041", "ouster": "1041", "reform": "104", "election": "104"}


def _requested_code(token: Any, by_token: dict, code: str) -> str:
    """"called for talks" (108), "demanded the release of X" (1053), "asked X for aid" (103):
    a request takes its kind from the thing asked for."""
    asked = _children(token, {"dobj"}) + [
        o for p in _children(token, {"prep"}) if p.lower_ == "for" for o in _children(p, {"pobj"})]
    for noun in asked:
        if noun.lemma_.lower() in REQUESTED_CHANGES:
            return REQUESTED_CHANGES[noun.lemma_.lower()]
        trig = by_token.get(noun.i)
        if trig is not None and trig.lexeme.cls == "plain":
            return _request_code(trig, code)
    clause = _pressed_for(token)  # "pushed for X to lift the sanctions"
    if clause is not None and clause.i in by_token:
        return _request_code(by_token[clause.i], code)
    return code


def _reject_code(embedded: Trigger, code: str) -> str:
    if embedded.lexeme.cameo[:3] in YIELD_REJECTIONS:
        return YIELD_REJECTIONS[embedded.lexeme.cameo[:3]]
    root = _root(embedded.lexeme.cameo)
    return {"04": "125", "06": "121", "07": "122", "08": "124", "03": "127"}.get(root, code)


def _commitment(
    embedded: Trigger | None, sentence: Sentence, resolver: ActorResolver, code: str
) -> tuple[str, list[Actor]]:
    if embedded is None:
        return code, []
    targets, _ = _targets(embedded, sentence, resolver)
    inner = embedded.lexeme.cameo
    if _quad(inner) in COOPERATIVE_QUADS:
        return _agree_code(inner), targets
    if _root(inner) == "09":
        return code, targets  # "promised to investigate the disappearances": a pledge, no threat
    if _quad(inner) in {3, 4}:
        return _threat_code(inner), targets
    return code, targets


def _polarity(token: Any) -> str:
    """asserted, negated, future, intended or hypothetical, read from the verb chain."""
    if _neither_nor(token):
        return "negated"
    node = token
    nominal = token.pos_ in {"NOUN", "PROPN"}
    if nominal and _risked(token):
        return "hypothetical"  # "the risk of a war with Iran": no war yet
    for _ in range(6):
        children = list(node.children)
        if _for_infinitive(node):
            return "wanted"
        if node.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in children
        ):
            if any(c.dep_ == "mark" and c.lower_ == "before" for c in children) and any(
                t.lower_ in PREVENTED_MARKERS for t in node.subtree
            ):
                return "negated"  # "was killed before he was able to attack": he never did
            return "hypothetical"  # "unless Baghdad accepted", "if it is attacked"
        if _when_clause(node):
            governing = _polarity(node.head)
            if governing in {"future", "intended"}:
                return governing  # "are due to discuss X when they meet": the meeting is to come
        if node.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ == "whether" for c in children):
            return "hypothetical"  # "asked whether Iran would attack": nothing is asserted
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in {"no", "never"}) for c in children):
            return "negated"
        if _is_verbal(node) and any(
            c.dep_ in SUBJECT_DEPS and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
            for c in children
        ):
            return "negated"  # "no armies marched"
        for child in children:
            if child.dep_ == "aux" and child.lower_ in FUTURE_AUX:
                return "future"
            if child.dep_ == "aux" and child.lower_ in MAYBE_AUX:
                return "hypothetical"
        if node.dep_ in {"pobj", "prep", "dobj", "compound", "amod", "conj"} and node.head is not node:
            head = node.head
            if nominal and _is_verbal(head) and not _is_light(head):
                break  # "would not affect the talks": the talks themselves are not denied
            node = head
            continue
        if node.dep_ in {"ccomp", "xcomp"} and node.head is not node and (
            set(_lemma_forms(node.head)) & DENIAL_VERBS
        ):
            return "denied"  # "Russia denied that its forces attacked Poland"
        if node.dep_ == "ccomp" and node.head is not node and (
            node.head.lemma_.lower() in WISH_VERBS
        ):
            return "hypothetical"  # "I hope the governments talk", "they doubt that X is committed"
        if node.dep_ == "acl" and node.tag_ in {"VBN", "VBD"} and any(
            d.dep_ == "det" and d.lower_ == "no" for d in node.head.children
        ):
            return "negated"  # "there were no soldiers killed"
        if node.dep_ == "acl" and node.head.lemma_.lower() in CAPACITY_NOUNS:
            return "capable"  # "has the authority to concede": what could be done, not what was
        if node.dep_ == "acl" and node.head.lemma_.lower() in PLAN_NOUNS:
            return "hypothetical"  # "a plan to kill X", "a bid to seize the city"
        planned = _planned_object(node)
        if planned is not None and planned.lemma_.lower() in PLAN_NOUNS:
            return "hypothetical"  # "foiled a plot to kill X", parsed as a purpose clause
        if _awaited_action(node):
            return "hypothetical"  # "demanded a truce before allowing aid in": only asked for
        if node.dep_ in {"pcomp", "xcomp"} and _is_verbal(node) and (
            set(_lemma_forms(node.head.head if node.dep_ == "pcomp" else node.head)) & THWART_VERBS
        ):
            return "negated"  # "prevented the rebels from attacking X"
        if node.dep_ in {"xcomp", "advcl"} and node.head.lemma_.lower() in ADVICE_VERBS and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in children):
            return "wanted"  # "the court recommended to the government to extradite X"
        if _wanted_of_other(node):
            return "wanted"
        if node.dep_ == "xcomp" and node.head is not node:
            lemma = node.head.lemma_.lower()
            if lemma in {"deny", "fail", "decline", "refuse", "unwilling", "unable", "reluctant"}:
                return "negated"
            if lemma in DOUBT_WORDS:
                return "doubted"  # "Iran is unlikely to attack": a forecast that it will not
            if any(c.dep_ == "neg" for c in node.head.children):
                # "it is not our job to destroy X", "does not plan to strike"; but "did not
                # hesitate to strike" struck.
                return "asserted" if lemma in UNHESITATING else "negated"
            if lemma in INTENT_VERBS:
                return "intended"
            node = node.head
            continue
        if node.dep_ == "acomp" and node.head is not node and _is_verbal(node.head):
            node = node.head  # "they weren't willing to lend": the copula carries the negation
            continue
        if _purpose_clause(node):
            node = node.head  # "an offer to send cheerleaders to support X": as unreal as the sending
            continue
        break
    return "asserted"


def _risked(node: Any) -> bool:
    """Is the noun what a risk or a fear is of: "eased fears of an attack on X"?"""
    prep = node.head
    return node.dep_ == "pobj" and prep.lower_ == "of" and prep.head is not prep \
        and prep.head.lemma_.lower() in RISK_NOUNS


def _awaited_action(node: Any) -> bool:
    """Is this a gerund after "before" or "until" that waits on a demand being met: "demanded
    a truce before allowing aid convoys in"?"""
    prep = node.head
    return node.dep_ == "pcomp" and _is_verbal(node) and prep.dep_ == "prep" \
        and prep.lower_ in {"before", "until"} and bool(set(_lemma_forms(prep.head)) & CONDITION_SETTERS)


def _purpose_clause(node: Any) -> bool:
    """Is this an infinitive of purpose, which happens only if what it hangs on does: "sent
    troops to fight X", "did not send troops to fight X"?"""
    children = list(node.children)
    return node.dep_ == "advcl" and _is_verbal(node.head) and not any(c.dep_ == "mark" for c in children) \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in children)


def _clause_path(token: Any) -> list[Any]:
    """The trigger and the heads above it up to the head of its clause."""
    path = [token]
    node = token
    while node.dep_ not in {"ROOT", "ccomp", "advcl", "relcl", "parataxis"} and node.head is not node:
        node = node.head
        path.append(node)
    return path


def _neither_nor(token: Any) -> bool:
    """Is the trigger's clause denied by "neither ... nor": "neither is the army supporting
    any party nor against it", "neither Russia nor China condemned the strike", "backed
    neither side"?"""
    return any(
        child.lower_ == "neither" or any(c.lower_ == "neither" and c.dep_ in {"det", "preconj"}
                                         for c in child.children)
        for node in _clause_path(token) for child in node.children
    )


def _for_infinitive(node: Any) -> bool:
    """Is this a "for X to V" clause, which names what is wanted or awaited, not what was
    done: "called for the president to step down", "waiting for the army to withdraw"? A
    bare verb after "for X" is one too: "lobbying for the EU lift the ban"."""
    children = list(node.children)
    return any(c.dep_ == "mark" and c.lower_ == "for" for c in children) and (any(
        c.dep_ == "aux" and c.lower_ == "to" for c in children) or node.tag_ == "VB" and not any(
        c.dep_ in {"aux", "auxpass"} for c in children) and bool(_children(node, SUBJECT_DEPS)))


def _habit_adverb(token: Any) -> bool:
    """Does an adverb of frequency make the trigger's present-tense clause a habit: "the
    refugees are usually paid to take part in protests", "rebels often attack convoys"?"""
    for node in [token, *token.ancestors]:
        present = node.tag_ in {"VBZ", "VBP"} or any(
            c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBZ", "VBP"} for c in node.children)
        if present and any(c.dep_ == "advmod" and c.lower_ in HABIT_ADVERBS for c in node.children):
            return True
        if node.dep_ in {"ROOT", "ccomp", "relcl"}:
            return False
    return False


def _habitual_when(clause: Any) -> bool:
    """Is a present-tense clause of time a habit, not news: "whenever X attacks", "the US
    takes the lead when NATO calls for help" -- not the headline's "two killed when
    gunmen attack a bus", whose main verb is past?"""
    if any(c.dep_ in {"mark", "advmod"} and c.lower_ == "whenever" for c in clause.children):
        return True
    head = clause.head
    return head.tag_ in {"VBZ", "VBP", "VB"} and not any(c.dep_ == "aux" for c in head.children)


def _in_condition(token: Any) -> bool:
    """Is the trigger the condition another's act hangs on, no threat by its own subject:
    "Iran will retaliate if Israel attacks its sites"?"""
    node = token
    for _ in range(6):
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in node.children):
            return True
        if node.dep_ not in {"conj", "xcomp", "dobj", "pobj", "prep", "compound", "amod"} or node.head is node:
            return False
        node = node.head
    return False


def _in_habit(token: Any) -> bool:
    """Does the trigger tell of a habit: in a habitual clause of time ("whenever rebels
    attack") or over one ("Russia protests when Japan holds drills")? Headlines, which
    tell news in the present, are left alone."""
    last = token.sent[-1]
    if not (last.is_punct and last.text in {".", "!", "?", '"', "'", "”"}):
        return False
    clauses = [*token.children, token, *token.ancestors]
    return any(_when_clause(n) and _habitual_when(n) for n in clauses) or _habit_adverb(token) \
        or _generic_present(token)


def _generic_present(verb: Any) -> bool:
    """Is the trigger a simple present with a bare plural subject, which tells what such
    people do, not what some did: "militants attack convoys on that road"?"""
    if verb.tag_ != "VBP" or verb.dep_ == "advcl" or any(
            c.dep_ in {"aux", "auxpass", "neg"} for c in verb.children):
        return False  # (a clause of time takes its tense from its governor: "killed when gunmen attack")
    subjects = _children(verb, SUBJECT_DEPS)
    return bool(subjects) and all(
        s.tag_ == "NNS" and not any(
            c.dep_ in {"det", "poss", "nummod", "quantmod"} or c.text[:1].isupper()
            for c in s.children)  # "Taliban gunmen", "Kenyan protesters": a named group
        for s in subjects)


def _when_clause(node: Any) -> bool:
    """A present-tense clause of time, which takes its tense from the clause it hangs on:
    "will sign the deal when they meet", "is ready to talk once the fighting stops"."""
    return node.dep_ == "advcl" and node.tag_ in {"VBP", "VBZ"} and any(
        c.dep_ in {"mark", "advmod"} and c.lower_ in TIME_MARKS for c in node.children
    )


def _sources(trig: Trigger, sentence: Sentence, resolver: ActorResolver) -> tuple[list[Actor], list[Any], str]:
    token = trig.token
    if trig.is_verb:
        heads, how = subject_heads(token)
        stranded = _stranded_subject(token) if not heads or how == "subject" else None
        if stranded is not None:
            heads, how = [stranded], "stranded-subject"
        if not heads and token.tag_ in {"VBD", "VBZ", "VBP"} and token.dep_ not in {"ccomp", "xcomp", "advcl", "acl", "relcl", "conj", "pcomp"}:
            left = nearest_left_np(token)
            if left is not None:
                heads, how = [left], "fallback"
        actors: list[Actor] = []
        for head in heads:
            actors.extend(resolver.resolve_group(sentence, head))
        if not actors and heads and how == "subject":
            # "a statement by Hamas accused X": the document speaks for its author.
            authors = _authors(heads[0])
            for head in authors:
                actors.extend(resolver.resolve_group(sentence, head))
            heads = authors if actors else heads
        if not actors and heads and how == "passive-agent":
            # "injured by stones thrown by protesters": the thrower behind the instrument.
            actors = _inside(heads[0], sentence, resolver)
        if not actors and heads and how in {"participle", "relative"}:
            noun = heads[0]
            if noun.dep_ in {"dobj", "pobj"} and _is_verbal(noun.head):
                more, how2 = subject_heads(noun.head)
                for head in more:
                    actors.extend(resolver.resolve_group(sentence, head))
        if not heads and _is_passive(token):
            # "Turkey's operation was launched": whose the launched thing is, launched it.
            owners = [c for h in passive_patients(token) if _launched_thing(h, trig.lexeme)
                      for c in _children(h, {"poss"})]
            for head in owners:
                actors.extend(resolver.resolve_group(sentence, head))
            if actors:
                heads, how = owners, "launched-owner"
        suffered = _is_passive(token) or bool(_existential_patients(token))  # "there were ten killed in X"
        if not heads and suffered and cameo_entry(trig.lexeme.cameo).plover == "ASSAULT":
            actors, heads = _attack_agents(token, sentence, resolver)
            how = "attack-agent" if actors else how
        return actors, heads, how
    # Nouns: possessor, "by" agent, nationality modifier, "between X and Y", light verb subject.
    heads = []
    how = ""
    for child in token.children:
        if child.dep_ == "poss":
            heads, how = [child], "possessor"
            break
    if not heads:
        for child in token.children:
            if child.dep_ in {"prep", "agent"} and child.lower_ in {"by", "from"}:
                if child.lower_ == "from" and _is_movement(trig):
                    continue  # "the withdrawal of its forces from Georgia": the place left
                objs = _children(child, {"pobj"})
                if objs:
                    heads, how = objs, "by-agent"
                    break
    if not heads:
        # "an attack carried out by X", "strikes launched by X": the participle's agent.
        for clause in _children(token, {"acl"}):
            if clause.tag_ == "VBN":
                objs = [o for agent in _children(clause, {"agent"}) for o in _children(agent, {"pobj"})]
                if objs:
                    heads, how = objs, "by-agent"
                    break
    if not heads and _pressers(token):
        heads, how = _pressers(token), "borne-from"
    if not heads and not _mediation(trig):
        between = _between(token)
        if between:
            return (resolver.resolve(sentence, between[0]), [between[0]], "between")
    if not heads:
        for child in token.children:
            if child.dep_ in {"amod", "compound", "nmod"} and child.i < token.i:
                found = resolver.resolve(sentence, child)
                if found and found[0].code:
                    return found, [child], "modifier"
    if not heads and cameo_entry(trig.lexeme.cameo).plover in {"MOBILIZE", "RETREAT"}:
        # "the deployment of NATO troops", "the withdrawal of Syrian forces": who moves.
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in _children(child, {"pobj"}):
                    found = resolver.resolve_group(sentence, obj)
                    if found and any(a.code for a in found) and not _named_by_place_left(found, obj, sentence, resolver):
                        return found, [obj], "moved-force"
    if not heads:
        governor, prep = _governing_verb(token)
        if governor is not None:
            lemma = governor.lemma_.lower()
            direct = token.dep_ == "pobj" and token.head.head.i == governor.i
            measured = (token.dep_ == "pobj" and token.head.lower_ == "of"
                        and token.head.head.dep_ == "dobj" and token.head.head.head.i == governor.i)
            if measured:  # "launched 10 days of war games"
                prep = None
            # A verb's subject takes part in the noun's event only when the verb is not an
            # event of another kind ("arrested 40 people during a protest": police did not protest).
            other = _trigger_types(token).get(governor.i)
            own_type = cameo_entry(trig.lexeme.cameo).plover
            participates = direct and (other is None or other == own_type) and (
                prep in PARTICIPATION_PREPS or prep == "for")
            victims = (_is_passive(governor) or (governor.dep_ == "conj" and _is_passive(governor.head))) \
                and lemma not in STATIVE_PASSIVES  # "forces were engaged in fighting": they fought
            if victims and token.lemma_.lower() not in SYMMETRIC_LEMMAS:
                participates = False  # "two were killed and 13 wounded in a shooting"
            if _object_inquiry(token, governor, prep):
                participates = False  # "opened an investigation into the killing": Kenya killed nobody
            if ((token.dep_ == "dobj" or measured) and (_is_light(governor) or _named_light(trig, governor))) \
                    or participates:
                heads, how = subject_heads(governor)
                if (not heads and _is_passive(governor) and prep in PARTICIPATION_PREPS
                        and token.lemma_.lower() in SYMMETRIC_LEMMAS):
                    # "soldiers were killed in clashes": they took part in the clashes; but
                    # "two people were killed in a shooting" names the victims, not the shooter.
                    heads, how = passive_patients(governor), "participant"
                how = f"light-verb:{how}" if heads else ""
    actors: list[Actor] = []
    for head in heads:
        actors.extend(resolver.resolve_group(sentence, head))
    # "alongside X", "together with X": co-agents.
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"alongside"}:
            for obj in _children(child, {"pobj"}):
                actors.extend(resolver.resolve_group(sentence, obj))
    return actors, heads, how


def _named_by_place_left(found: list[Actor], force: Any, sentence: Sentence, resolver: ActorResolver) -> bool:
    """Is a moved force's only country the place it leaves? In "the withdrawal of some
    troops from X" (the parse hangs "from X" on the troops) X is where they were, not whose."""
    left = {a.code for p in _children(force, {"prep"}) if p.lower_ == "from"
            for o in _pobjs(p) for a in resolver.resolve(sentence, o) if a.code}
    return bool(left) and {a.code for a in found if a.code} <= left


def _place_left(token: Any) -> list[Any]:
    """The place a force named after a movement noun leaves: "the withdrawal of some
    troops from X" (the parse hangs "from X" on the troops)."""
    return [g for p in _children(token, {"prep"}) if p.lower_ == "of" for force in _pobjs(p)
            for q in _children(force, {"prep"}) if q.lower_ == "from" for g in _pobjs(q)]


# Demands and pleas, whose "from" names who makes them: "conceded to demands from X".
DEMAND_NOUNS = {"demand", "request", "plea", "appeal", "call", "ultimatum", "pressure"}


def _demanders(head: Any) -> list[Any]:
    """Who makes the demand a response is aimed at: "conceded to demands from the rebels
    to free Y" answers the rebels, not the demand."""
    if head.lemma_.lower() not in DEMAND_NOUNS or head.pos_ != "NOUN":
        return []
    return [g for p in _children(head, {"prep", "agent"}) if p.lower_ in {"from", "by"} for g in _pobjs(p)]


def _in_name(prep: Any) -> bool:
    """Is the preposition inside a name the parse split: "the National Front for the
    Liberation of X" is one group, not a front and what is asked for it?"""
    doc = prep.doc
    return prep.ent_iob_ == "I" and prep.ent_type_ in {"ORG", "NORP", "FAC"} and prep.i > 0 \
        and doc[prep.i - 1].ent_type_ == prep.ent_type_ and doc[prep.i - 1].pos_ == "PROPN"


def _talks(trig: Trigger) -> bool:
    """Is a noun trigger a meeting or talks, whose "on" names the topic, not a party:
    "negotiations on independence for X" are not held with X."""
    return cameo_entry(trig.lexeme.cameo).plover == "CONSULT"


# Heads of parties that are abroad wherever they are: "the embassy in Kabul".
ABROAD_HEADS = {"embassy", "consulate", "envoy", "ambassador", "diplomat", "delegation", "mission"}


def _on_site(lexeme: Lexeme) -> bool:
    """Is the act done where its target is (a raid, an arrest, aid, an inspection), not
    said or agreed from afar?"""
    return cameo_entry(lexeme.cameo).plover in PLACE_TARGET_TYPES | {"AID"} or lexeme.cameo.startswith("09")


def _placed(found: list[Actor], head: Any, sentence: Sentence, resolver: ActorResolver,
            on_site: bool = False) -> list[Actor]:
    """A target named without a country takes the one its own phrase places it in: "raided
    the Daily Star in Lagos", "urged parties to the conflict in Yemen" (not a person, troops
    or aid groups, who may be foreign, nor an embassy; "settlers in X" are not X's)."""
    if len(found) != 1 or found[0].code or found[0].sector in {"MIL", "NGO", "IGO"} \
            or head.ent_type_ == "PERSON" or head.pos_ == "PRON" or head.lemma_.lower() in ABROAD_HEADS \
            or newcomer(head.lemma_) or found[0].by.endswith(":coref"):
        return found
    entry = resolver.place_of(sentence, head, on_site=on_site)
    if entry is None:
        return found
    return [replace(found[0], country=entry.country, name=found[0].name if found[0].sector else entry.name,
                    by=f"{NAME}:placed")]  # fmt: skip


def _is_movement(trig: Trigger) -> bool:
    """A troop movement ("withdrawal", "deployment"), whose "from" names a place, not an agent."""
    return cameo_entry(trig.lexeme.cameo).plover in {"MOBILIZE", "RETREAT"}


# What an author issues, and speaks through: "a report by X alleged", "a statement from X".
DOCUMENT_NOUNS = {"report", "statement", "study", "document", "communique", "communiqué", "letter",
                  "declaration", "resolution", "survey", "memo", "dossier", "paper"}  # fmt: skip


def _authors(noun: Any) -> list[Any]:
    """Who issued a document: "a report by X", "a statement from X", "a report released by X"."""
    if noun.lemma_.lower() not in DOCUMENT_NOUNS:
        return []
    holders = [noun, *(c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN")]
    return [g for h in holders for c in h.children
            if c.dep_ in {"prep", "agent"} and c.lower_ in {"by", "from"} for g in _pobjs(c)]


# Prepositions by which a harm names the attack it came in ("killed in an air strike").
ATTACK_PREPS = {"in", "during"}
# How a noun trigger names its own agent: "Israeli shelling", "an attack by rebels", "Russia's strikes".
OWN_AGENT_HOWS = {"possessor", "by-agent", "modifier"}


def _attack_agents(verb: Any, sentence: Sentence, resolver: ActorResolver) -> tuple[list[Actor], list[Any]]:
    """"were killed in an Israeli air strike", "wounded in an attack by rebels": a passive
    harm with no "by" is done by whoever the attack it came in names."""
    triggers = {t.token.i: t for t in find_triggers(verb.sent)}
    for prep in _children(verb, {"prep"}):
        if prep.lower_ not in ATTACK_PREPS:
            continue
        for obj in _pobjs(prep):
            trig = triggers.get(obj.i)
            if trig is None or trig.is_verb or cameo_entry(trig.lexeme.cameo).plover != "ASSAULT":
                continue
            actors, heads, how = _sources(trig, sentence, resolver)
            if actors and how in OWN_AGENT_HOWS:
                return actors, heads
    for gerund in _children(verb, {"advcl"}):
        trig = triggers.get(gerund.i)
        if trig is None or not _nominal_gerund(gerund) or cameo_entry(trig.lexeme.cameo).plover != "ASSAULT":
            continue
        # "killed in Israeli tank shelling", the gerund parsed as a clause: "Israeli" names it.
        for mod in verb.doc[gerund.i - 1].subtree:
            if mod.dep_ in {"amod", "compound"} and mod.i < gerund.i:
                found = resolver.resolve(sentence, mod)
                if found and found[0].code:
                    return found, [mod]
    return [], []


def _nominal_gerund(verb: Any) -> bool:
    """Is a gerund parsed as a clause really a noun: "killed in Israeli tank [shelling]"?
    It follows the object of an "in" phrase of its head, with no subject or marker of its own."""
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or verb.i == verb.sent.start:
        return False
    if any(c.dep_ in {"mark", "aux", "nsubj", "nsubjpass"} for c in verb.children):
        return False
    before = verb.doc[verb.i - 1]
    return any(p.dep_ == "prep" and p.lower_ in ATTACK_PREPS and p.head.i == verb.head.i
               and p.is_ancestor(before) for p in before.ancestors)


def _mediation(trig: Trigger) -> bool:
    """Mediation (CAMEO 045) is done by a third party for the parties it stands between."""
    return trig.lexeme.cameo.startswith("045")


def _governed_by_other_verb(noun: Any, by_token: dict) -> bool:
    """Is this noun the object of a verb that neither reports it nor carries it out?

    A noun that names its own agent ("an attack by X", "X's offensive") is reported as an
    event wherever it stands.
    """
    if noun.dep_ not in {"dobj", "pobj"}:
        return False
    if any(c.dep_ == "poss" or (c.dep_ in {"prep", "agent"} and c.lower_ == "by") for c in noun.children):
        return False
    governor, prep = _governing_verb(noun)
    if governor is None or governor.i in by_token or _is_light(governor) or _bearing_verb(noun) is not None:
        return False
    if noun.dep_ == "pobj":
        if noun.head.head.i != governor.i:
            return False  # hangs on a noun phrase, not on the verb
        return prep not in PARTICIPATION_PREPS | {"for", "against", "on", "to"}
    return True


def _trigger_types(token: Any) -> dict[int, str | None]:
    return {t.token.i: cameo_entry(t.lexeme.cameo).plover for t in find_triggers(token.sent)
            if t.lexeme.cls != "report"}


def _object_inquiry(token: Any, governor: Any, prep: str | None) -> bool:
    """Is the noun what the verb's own event-noun object looks into, hung on the verb by the
    parser: "Kenya opened an investigation into the killing of traders"?"""
    types = _trigger_types(token)
    return prep == "into" and any(obj.i != token.i and obj.i in types for obj in _children(governor, {"dobj"}))


def _governing_verb(token: Any) -> tuple[Any | None, str | None]:
    """The verb a noun hangs from, and the preposition in between (if any)."""
    node, prep = token, None
    for _ in range(4):
        head = node.head
        if head is node:
            return None, prep
        if node.dep_ == "pobj" and head.dep_ == "prep":
            prep = head.lower_
            node = head
            continue
        if _is_verbal(head):
            return head, prep
        if node.dep_ == "prep" and head.pos_ in {"NOUN", "PROPN"}:
            node = head
            continue
        return None, prep
    return None, prep


def _let_in(token: Any) -> list[Any]:
    """Whom a permission is refused or given: "was refusing admittance to X, by far the
    biggest group" (a stray object besides), "denied landing rights to X", "refused
    permission for X to visit the site"."""
    for obj in _children(token, {"dobj"}):
        if _object_lemmas(obj) & PERMISSIONS:
            clause = _for_clause(obj)
            if clause is not None and _children(clause, {"nsubj"}):
                return _children(clause, {"nsubj"})
            after = obj.doc[obj.i + 1] if obj.i + 1 < len(obj.doc) else obj
            if after.lower_ == "for" and _pobjs(after):
                return _pobjs(after)  # the parse of "permission for X to visit"
            for holder in (token, obj):
                parties = [o for p in _children(holder, {"prep", "dative"}) if p.lower_ == "to" for o in _pobjs(p)]
                if parties:
                    return parties
    return []


def _between(token: Any) -> list[Any]:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "between":
            objs = _children(child, {"pobj"})
            if objs:
                return [objs[0], *objs[0].conjuncts]
    return []


def _targets(
    trig: Trigger, sentence: Sentence, resolver: ActorResolver, own: set[str] = frozenset()
) -> tuple[list[Actor], list[Any]]:
    token, lexeme = trig.token, trig.lexeme
    heads: list[Any] = []
    places: set[int] = set()  # heads read after "in": places, not governments
    if trig.is_verb:
        stative = token.lemma_.lower() in STATIVE_PASSIVES and not _children(token, {"agent"})
        instruments: list[Any] = []
        launched: list[Any] = []
        if _is_passive(token) and not stative:  # "X is opposed to Y": X is the source
            heads = [h for h in passive_patients(token) if not _fired_weapon(h, sentence, resolver)]
            if heads and all(_launched_thing(h, lexeme) for h in heads):
                heads, launched = [], heads  # "Turkey's operation was launched": no victim
        heads = heads or ([] if launched else _existential_patients(token))
        if not heads and "to" in lexeme.target_preps:
            heads = [p for p in _let_in(token) if resolver.resolve_group(sentence, p)]
        if lexeme.lemma in {"call on", "call upon"}:
            heads = _children(trig.phrase_end, {"pobj"}) or heads
        if not heads and not _children(token, {"dobj"}):
            # "kidnapped up to 16 advisers": the object hides behind "up to".
            for prt in _children(token, {"prt", "advmod"}):
                if prt.lower_ == "up":
                    for prep in [*token.children, *prt.children]:
                        if prep.dep_ == "prep" and prep.lower_ == "to" and prep.i == prt.i + 1:
                            heads.extend(_pobjs(prep))
        if not heads:
            obj_values = next((v for key, v in lexeme.conditions if key == "obj"), frozenset())
            moved = cameo_entry(lexeme.cameo).plover in {"MOBILIZE", "AID", "RETREAT", "SANCTION"}
            thing = (bool(obj_values) or moved or lexeme.cls == "commit") and (
                lexeme.cameo not in PERSON_OBJECT_CODES)
            for h in _children(token, {"dobj", "dative"}):
                if h.pos_ == "ADP":
                    continue  # "provided aid to X": the preposition is read below
                if h.dep_ == "dobj" and lexeme.lemma in TOPIC_VERBS:
                    continue  # "discussed the crisis": what they talked about, not with whom
                if h.dep_ != "dative" and (h.lemma_.lower() in ARMAMENTS or thing and (
                    h.lemma_.lower() in INSTRUMENTS or _object_lemmas(h) & obj_values
                    or moved and _object_lemmas(h) & (INSTRUMENTS | FORCE_MEMBERS)
                    or lexeme.cls == "commit"
                )):
                    instruments.append(h)  # "imposed sanctions on X": look inside, not at it
                else:
                    heads.append(h)
            if lexeme.lemma.endswith(" fire"):
                heads = []
            if not heads and not instruments and not launched:
                heads = _shifted_objects(token)
        preps = lexeme.target_preps | {"against"}
        # "seized by gunmen from their farm": when the object names a party, only aimed
        # prepositions (against, on, at) add to it.
        direct = any(resolver.resolve_group(sentence, h) for h in heads)
        if lexeme.lemma in WITHDRAW_LEMMAS and not _own_evacuees(token, lexeme, sentence, resolver, own):
            # "withdrew its inspectors from X": those withdrawn are its own; X is the party.
            holders = [token, *_children(token, {"dobj"})]  # "its envoy from X" may hang on the object
            left = [g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in {"from", "out"}
                    for g in _pobjs(c)]  # fmt: skip
            if any(resolver.resolve_group(sentence, g) for g in left):
                heads, direct = left, True
        for child in token.children:
            if child.dep_ in {"prep", "prt", "dative"} and child.lower_ in preps:
                if direct and child.lower_ not in {"against", "on", "upon", "at"}:
                    continue
                if child.lower_ == "at" and _unnamed_victims(token):
                    continue  # "shot two cousins at their home": where, not whom
                if _fronted_with(child, token):
                    continue
                heads.extend(_pobjs(child))
                if child.lower_ == "in":
                    places.update(h.i for h in _pobjs(child))
        if any(c.dep_ == "prep" and c.lower_ == "against" and _pobjs(c) for c in token.children):
            heads = [h for h in heads if h.i not in places]  # "rallied against X in Y": Y is where
        if not heads and cameo_entry(lexeme.cameo).plover in {"ASSAULT", "MOBILIZE"}:
            heads = _nested_against(token)  # "mobilized reservists for a war against X"
        if not heads and lexeme.cls == "control":
            heads = _children(token, {"dobj"})
        if not heads and cameo_entry(lexeme.cameo).plover == "REQUEST":
            heads = [h for h in _asked_for(token) if _is_party_head(h, resolver)]
    else:
        between = _between(token)
        if between:
            # "talks between X and Y": X meets Y; "mediation between X and Y": both are helped.
            heads = between[:1] if _mediation(trig) else between[1:]  # conjuncts come along
        preps = lexeme.target_preps | {"against"} | (set() if _talks(trig) else {"on"})
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in preps and child.lower_ != "between" \
                    and not _is_time_phrase(child) and not _in_name(child):  # "fighting on Saturday"
                heads.extend(_pobjs(child))
        if not heads and cameo_entry(lexeme.cameo).plover == "PROTEST" and token.dep_ == "dobj" \
                and _is_light(token.head):
            # "staged a sit-in outside the embassy": the light verb carries the aim
            heads = [o for c in _children(token.head, {"prep"}) if c.lower_ in PROTEST_AIMS for o in _pobjs(c)]
        if not heads and _is_movement(trig):
            heads = _place_left(token)
        if not heads and _for_clause(token) is not None:
            heads = _children(_for_clause(token), {"nsubj"})  # "a call for X to withdraw": X is asked
        if not heads:
            heads = _nested_against(token)
        if not heads:
            heads = _bearers(token)
        if not heads and cameo_entry(lexeme.cameo).plover == "ASSAULT":
            heads = _casualties(token) or _engaged(token)
    if not heads and trig.is_verb:
        # "donated and delivered goods to X": a conjoined verb's recipient.
        for other in [*token.conjuncts]:
            for child in other.children:
                if child.dep_ == "prep" and child.lower_ in lexeme.target_preps:
                    heads.extend(_pobjs(child))
    if not heads and not trig.is_verb and token.dep_ == "dobj" and _is_verbal(token.head):
        # "opened investigations against X": the phrase hangs on the light verb.
        for child in token.head.children:
            if child.dep_ in {"prep", "dative"} and child.lower_ in (lexeme.target_preps | {"against"}):
                heads.extend(_pobjs(child))
    actors: list[Actor] = []
    used: list[Any] = []
    for head in [d for h in heads for d in (_demanders(h) or [h])]:
        if _root(lexeme.cameo) == "09" and head.lemma_.lower() in CLAIM_NOUNS:
            found = _claimed_against(head, sentence, resolver)
            actors.extend(found)
            used.extend([head] if found else [])
            continue
        if cameo_entry(lexeme.cameo).plover in FAULTING_TYPES and head.lemma_.lower() in CALL_NOUNS:
            found = _callers(head, sentence, resolver)
            actors.extend(found)
            used.extend([head] if found else [])
            continue
        found = _deed_parties(head, sentence, resolver)
        if not found:
            found = resolver.resolve_group(sentence, head)
            if found and _names_only_conjuncts(head, sentence, resolver):
                found = _inside(head, sentence, resolver, own) + found
        if found and head.i in places:
            found = _as_places(found)
        found = _placed(found, head, sentence, resolver, on_site=_on_site(lexeme))
        if not found and cameo_entry(lexeme.cameo).plover in FAULTING_TYPES:
            found = _faulted_stances(head, sentence, resolver)
        if not found:
            found = _aimed_placed(_inside(head, sentence, resolver, own), head, sentence, resolver, lexeme)
        if not found and cameo_entry(lexeme.cameo).plover in REACTION_TYPES:
            found = _earlier_event_agents(head, resolver, own)
        if found:
            actors.extend(found)
            used.append(head)
    if not actors and trig.is_verb:
        # "an offensive against X was launched": only what the launched thing is aimed at.
        for head in launched:
            for prep in _children(head, {"prep"}):
                if prep.lower_ in {"on", "against", "at"}:
                    for obj in _children(prep, {"pobj"}):
                        found = resolver.resolve_group(sentence, obj)
                        actors.extend(found)
                        used.extend([obj] if found else [])
        # "launched artillery, mortar and rocket fire against X": any of the listed things may aim it.
        for head in [i for h in instruments for i in (h, *h.conjuncts)]:
            found = _aimed_placed(_inside(head, sentence, resolver, own, places=True), head, sentence,
                                  resolver, lexeme)
            if found:
                actors.extend(found)
                used.append(head)
    return actors, used


# What someone claims against another: an inquiry into it is aimed at the accused.
CLAIM_NOUNS = {"allegation", "claim", "complaint", "accusation", "charge"}


def _claimed_against(claim: Any, sentence: Sentence, resolver: ActorResolver) -> list[Actor]:
    """Whom an investigated claim is against: "investigating complaints by residents against
    the army" looks into the army, never into the residents who complained (the parser may
    hang "by the residents against X" on the verb)."""
    phrases = [claim, *(p for p in _children(claim.head, {"prep", "agent"}) if p.lower_ in {"by", "from"})]
    return [a for phrase in phrases for prep in phrase.subtree if prep.dep_ == "prep" and prep.lower_ == "against"
            for obj in _pobjs(prep) for a in resolver.resolve_group(sentence, obj)]


# Requests a party may fault or turn down, which name what is asked, not who asks.
CALL_NOUNS = {"call", "demand", "appeal", "plea"}


def _callers(call: Any, sentence: Sentence, resolver: ActorResolver) -> list[Actor]:
    """Who made the calls a party criticizes or rejects: "criticized calls by X for the
    ouster of Y" faults X ("the demands of X", "X's demands", "an X appeal"); Y, whose
    ouster is asked, is no target."""
    heads = _children(call, {"poss"}) + [o for p in _children(call, {"prep", "agent"})
                                         if p.lower_ in {"by", "from", "of"} for o in _pobjs(p)]
    found = [a for h in heads for a in resolver.resolve_group(sentence, h)]
    modifiers = [c for c in call.children if c.dep_ in {"compound", "amod", "nmod"} and c.i < call.i]
    return found or [a for m in modifiers for a in resolver.resolve(sentence, m) if a.code]  # "a UN appeal"


# Types whose object may be a party's stance: "condemned the killings and the attitude of X".
FAULTING_TYPES = {"ACCUSE", "REJECT"}


def _faulted_stances(head: Any, sentence: Sentence, resolver: ActorResolver) -> list[Actor]:
    """The coded parties of the stances listed after a thing that names no one: "condemned
    the atrocities and the belligerent attitude of the Indian government" faults India (a
    stance is never a party beside others, but what one condemns may be one)."""
    return [a for c in head.conjuncts if c.i > head.i for a in resolver.resolve(sentence, c) if a.code]


def _aimed_placed(found: list[Actor], instrument: Any, sentence: Sentence, resolver: ActorResolver,
                  lexeme: Lexeme) -> list[Actor]:
    """A target an instrument is aimed at, named without a country, takes the place its own
    phrase names, as after a noun trigger: "launched a strike against an Islamic State
    target southwest of X"."""
    for prep in _children(instrument, {"prep"}):
        if prep.lower_ in {"against", "on", "at"}:
            for obj in _pobjs(prep):
                placed = _placed(found, obj, sentence, resolver, on_site=_on_site(lexeme))
                if placed is not found:
                    return placed
    return found


# Actions and measures that are launched or imposed: never whom they are aimed at.
LAUNCHED_NOUNS = {"attack", "offensive", "operation", "strike", "airstrike", "raid", "assault",
                  "incursion", "campaign", "bombardment", "sanction", "embargo", "blockade",
                  "ban", "curfew"}  # fmt: skip


def _own_evacuees(verb: Any, lexeme: Lexeme, sentence: Sentence, resolver: ActorResolver, own: set[str]) -> bool:
    """Are those evacuated the source's own people: "France evacuated its citizens from X"
    helps them, not X (unlike "withdrew its envoy from X", which is aimed at X)?"""
    if cameo_entry(lexeme.cameo).plover != "AID":
        return False
    found = [a for o in _children(verb, {"dobj"}) for a in resolver.resolve_group(sentence, o)]
    return bool(found) and all(a.code in own and a.sector == "CVL" for a in found)


def _fired_weapon(head: Any, sentence: Sentence, resolver: ActorResolver) -> bool:
    """Is a passive subject the weapon fired, owned by no one named: "Rockets were fired at
    X" (the parser may read a sentence-initial "Rockets" as a name), unlike "two Russian
    drones were shot down"?"""
    weapon = head.lemma_.lower() in ARMAMENTS or head.lower_.removesuffix("s") in ARMAMENTS
    return weapon and not any(a.code for a in resolver.resolve_group(sentence, head))


def _launched_thing(head: Any, lexeme: Lexeme) -> bool:
    """Is a passive subject what the trigger launches or imposes, not whom it is aimed at:
    "Turkey's operation was launched", "sanctions were imposed on X"?"""
    obj_values = next((v for key, v in lexeme.conditions if key == "obj"), frozenset())
    lemma = head.lemma_.lower()
    return bool(obj_values & {lemma, head.lower_}) and (lemma in ARMAMENTS or lemma in LAUNCHED_NOUNS)


# What is done to someone, aimed at whom it is done to: "the removal of X", "the release of Y".
DEED_NOUNS = {"removal", "resignation", "dismissal", "ouster", "release", "arrest", "detention",
              "extradition", "expulsion", "deportation", "execution", "killing", "murder",
              "assassination", "trial", "prosecution", "punishment", "sacking", "replacement",
              "impeachment", "overthrow"}  # fmt: skip


def _deed_parties(head: Any, sentence: Sentence, resolver: ActorResolver) -> list[Actor]:
    """The parties a deed is done to, each with its own words: "demanded the resignation of
    the Kenyan minister and the police chief" is aimed at the minister and at the chief,
    not at one "resignation" with the sector of every word in it."""
    if head.lemma_.lower() not in DEED_NOUNS or head.pos_ != "NOUN":
        return []
    for prep in _children(head, {"prep"}):
        if prep.lower_ == "of":
            for obj in _pobjs(prep):
                found = resolver.resolve_group(sentence, obj)
                if found:
                    return found + [a for c in head.conjuncts if c.i > head.i for a in resolver.resolve(sentence, c)]
    return []


def _names_only_conjuncts(head: Any, sentence: Sentence, resolver: ActorResolver) -> bool:
    """Is a party named only by the conjuncts of a head that names no one itself: "the
    removal of President X and his party" read as "removal and party"? Then what is
    inside the head is a party too."""
    return any(c.i > head.i for c in head.conjuncts) and not resolver.resolve(sentence, head)


def _shifted_objects(verb: Any) -> list[Any]:
    """An object moved behind its "as" phrase, read by the parser as an apposition:
    "denounced as a crime X's crackdown on Y"."""
    return [a for prep in _children(verb, {"prep"}) if prep.lower_ == "as"
            for obj in _pobjs(prep) for a in _children(obj, {"appos"})]  # fmt: skip


# Verbs of dying whose subject is the victim of the attack they happened in.
DYING_VERBS = {"die", "perish"}


def _casualties(noun: Any) -> list[Any]:
    """"two children died in an Israeli air strike": who died in an attack is its target."""
    governor, prep = _governing_verb(noun)
    if governor is None or prep not in ATTACK_PREPS or noun.head.head.i != governor.i:
        return []
    if not set(_lemma_forms(governor)) & DYING_VERBS:
        return []
    return _children(governor, SUBJECT_DEPS)


def _engaged(noun: Any) -> list[Any]:
    """"police engaged gunmen in a firefight": whom the subject engaged is the opponent."""
    governor, prep = _governing_verb(noun)
    if governor is None or prep != "in" or noun.head.head.i != governor.i:
        return []
    if governor.lemma_.lower() != "engage" or _is_passive(governor):
        return []
    return _children(governor, {"dobj"})


def _existential_patients(verb: Any) -> list[Any]:
    """"There were ten soldiers killed in X", "there were dozens of protesters arrested":
    the noun the participle hangs on suffered it (the counted noun below a quantity)."""
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ not in {"VBN", "VBD"}:
        return []
    counted = noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in QUANTITY_HEADS
    there = noun.head.head if counted else noun
    if there.dep_ != "attr":
        return []
    return [noun] if any(c.dep_ == "expl" for c in there.head.children) else []


def _as_places(actors: list[Actor]) -> list[Actor]:
    """"the curfew in Abidjan": a capital or country after "in" is a place, not its government."""
    return [replace(a, sector=None) if a.sector == "GOV" and a.name else a for a in actors]


# Verbs whose subject bears a request named by their object: "X faces calls to resign".
BEARING_VERBS = {"face", "feel", "confront"}


def _bearing_verb(noun: Any) -> Any | None:
    """The verb by which its subject bears pressure or criticism: "X faces pressure from Y",
    "X came under criticism from Y"."""
    if noun.lemma_.lower() not in PRESSURE_NOUNS:
        return None
    governor, prep = _governing_verb(noun)
    if governor is None:
        return None
    borne = noun.dep_ == "dobj" and governor.lemma_.lower() in BEARING_VERBS
    under = prep == "under" and noun.head.head.i == governor.i
    return governor if borne or under else None


def _bearers(noun: Any) -> list[Any]:
    """Who bears it: the subject of the bearing verb."""
    governor = _bearing_verb(noun)
    return subject_heads(governor)[0] if governor is not None else []


def _pressers(noun: Any) -> list[Any]:
    """Who presses, named on the bearing verb: "X faces pressure [from Y] to resign"."""
    governor = _bearing_verb(noun)
    if governor is None:
        return []
    return [g for c in governor.children if c.dep_ == "prep" and c.lower_ == "from" for g in _pobjs(c)]


def _nested_against(token: Any) -> list[Any]:
    """"combat alongside X against Y": the opponent hangs lower in the phrase."""
    return [g for t in token.subtree if t.dep_ == "prep" and t.lower_ == "against"
            and t.head.i != token.i and _within(t, token, 3)
            for g in _children(t, {"pobj"})]  # fmt: skip


def _within(token: Any, top: Any, depth: int) -> bool:
    node = token
    for _ in range(depth):
        if node.head.i == top.i:
            return True
        if node.dep_ in {"relcl", "ccomp", "advcl", "acl"}:
            return False
        node = node.head
    return False


# Verbal reactions whose object may be an event told earlier ("condemned the strikes").
REACTION_TYPES = {"ACCUSE", "REJECT", "SUPPORT", "REQUEST", "THREATEN"}


def _earlier_event_agents(noun: Any, resolver: ActorResolver, own: set[str]) -> list[Actor]:
    """"Egypt condemned the strikes": who carried out the strikes told before in the story."""
    if not any(c.dep_ == "det" and c.lower_ in {"the", "this", "these", "that", "those"}
               for c in noun.children):
        return []
    entries = lexicon().get(("N", noun.lemma_.lower())) or lexicon().get(("V", noun.lemma_.lower()))
    if not entries:
        return []
    wanted = {cameo_entry(e.cameo).plover for e in entries}
    for lemma, plover, sources in reversed(resolver.events):
        if plover in wanted or lemma == noun.lemma_.lower():
            found = [replace(a, by=f"{NAME}:event-coref") for a in sources
                     if not (a.code and a.code in own)]
            if found:
                return found
    return []


def _condition_targets(token: Any, sentence: Sentence, resolver: ActorResolver, own: set[str]) -> list[Actor]:
    """"X threatened to strike unless Y withdraws": the party the condition is put to."""
    nodes = [token, *[c for c in token.children if c.dep_ in {"xcomp", "ccomp"}]]
    for node in nodes:
        for clause in node.children:
            if clause.dep_ != "advcl" or not any(
                m.dep_ == "mark" and m.lower_ in {"unless", "if", "until"} for m in clause.children
            ):
                continue
            for subj in _children(clause, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS):
                found = [a for a in resolver.resolve_group(sentence, subj) if not (a.code and a.code in own)]
                if found:
                    return found
    return []


def _fought_until(
    token: Any, sentence: Sentence, resolver: ActorResolver, own: set[str], by_token: dict
) -> list[Actor]:
    """The party a hostile vow's condition names: "vowed to fight until Israel withdraws",
    "have sworn to fight until they gain control of villages in X" (their own goal: X).
    A hostile condition is a threat of its own ("until they capture X"), coded by itself."""
    nodes = [token, *[c for c in token.children if c.dep_ in {"xcomp", "advcl"} and _children(c, {"aux"})]]
    for node in nodes:
        for clause in node.children:
            hostile = clause.i in by_token and _quad(by_token[clause.i].lexeme.cameo) in {3, 4}
            if clause.dep_ != "advcl" or hostile or not any(
                    m.dep_ == "mark" and m.lower_ in {"unless", "until"} for m in clause.children):
                continue
            subjects = _children(clause, SUBJECT_DEPS)
            for word in [*subjects, *[t for t in clause.subtree if t.i > clause.i]]:
                if word.pos_ not in {"PROPN", "NOUN", "ADJ"}:
                    continue
                found = [a for a in resolver.resolve(sentence, word) if a.code and a.code not in own]
                if found:
                    return found
    return []


def _inside(
    noun: Any, sentence: Sentence, resolver: ActorResolver, own: set[str] = frozenset(),
    *, places: bool = False,
) -> list[Actor]:
    """Actors inside an object phrase: "condemned cooperation between X and Y", "X's actions"."""
    between = _between(noun)
    if between:
        out: list[Actor] = []
        for head in between:
            out.extend(resolver.resolve(sentence, head))
        return out
    for child in noun.children:  # "the attack on X by Y": Y did it
        if child.dep_ in {"prep", "agent"} and child.lower_ == "by":
            for obj in _children(child, {"pobj"}):
                found = resolver.resolve_group(sentence, obj)
                if found:
                    return found
    for child in noun.children:
        if child.dep_ == "poss":
            found = resolver.resolve(sentence, child)
            if child.tag_ == "PRP$" and found and {a.code or a.name or "" for a in found} <= own:
                # "X defended its policy": the object is X's own. Only a recipient named in
                # it counts: "reneged on his commitment to the Zambian people".
                for prep in _children(noun, {"prep"}):
                    if prep.lower_ in {"to", "toward", "towards"}:
                        for obj in _children(prep, {"pobj"}):
                            recipients = resolver.resolve_group(sentence, obj)
                            if recipients:
                                return recipients
                return []
            more = _children(noun, {"prep"})
            for prep in more:
                if prep.lower_ == "with":
                    for obj in _children(prep, {"pobj"}):
                        found = found + resolver.resolve_group(sentence, obj)
            if found:
                return found
    for child in noun.children:
        preps = {"of", "by", "with", "against", "on", "from", "to", "over", "among", "into"}
        if places:
            preps |= {"in"}
        if child.dep_ == "prep" and child.lower_ in preps:
            for obj in _children(child, {"pobj"}):
                found = resolver.resolve_group(sentence, obj)
                if found and child.lower_ == "in":
                    found = _as_places(found)
                if found:
                    return found
    for child in noun.children:
        if child.dep_ in {"amod", "compound"}:
            found = resolver.resolve(sentence, child)
            if found and found[0].code:
                return found
    for child in noun.children:
        if child.dep_ == "acl":  # "crimes committed by Croat forces"
            for agent in _children(child, {"agent"}):
                for obj in _children(agent, {"pobj"}):
                    found = resolver.resolve_group(sentence, obj)
                    if found:
                        return found
    return []


def _claim(token: Any, sentence: Sentence, resolver: ActorResolver, reports: set[int]) -> tuple[Claim | None, bool]:
    """Who claims the event (a reporting verb above it or beside it, or "according to"),
    and hedging."""
    hedged = False
    claim = None
    node = token
    modified = False  # the walk has left the event through a noun's clause
    sent = sentence.doc
    for _ in range(10):
        if node.lemma_.lower() in HEDGES or any(
            c.lemma_.lower() in HEDGES for c in node.children if c.dep_ in {"advmod", "aux"}
        ):
            hedged = True
        aside = _aside_report(node, reports)
        if aside is not None:
            claim = _claimant(aside, sentence, resolver)
            if claim is not None:
                break
        head = node.head
        if head is node:
            break
        if head.i in reports and _reports_on(node, modified):
            claim = _claimant(head, sentence, resolver)
            if claim is not None:
                break
        modified = modified or node.dep_ in {"acl", "relcl"}
        node = head
    if claim is None:
        for t in sent:
            if t.lower_ == "according" and t.i + 1 < sent.end and t.nbor().lower_ == "to":
                objs = [c for c in t.nbor().children if c.dep_ == "pobj"] or [
                    c for c in t.children if c.dep_ == "pobj"
                ]
                if not objs:
                    objs = [c for c in t.subtree if c.dep_ == "pobj"]
                if objs:
                    claim = _claim_from(resolver.resolve_group(sentence, objs[0]), objs[0], sentence, resolver)
    if any(t.lower_ in {"reportedly", "allegedly", "purportedly"} for t in sent):
        hedged = True
    return claim, hedged


def _reports_on(node: Any, modified: bool) -> bool:
    """Does the reporting verb above ``node`` report it? A clause does; an object only when
    the event is in it ("reported a total of 25 attacks"), not in a clause modifying a
    thing written ("had written a foreword praising X")."""
    return node.dep_ in {"ccomp", "xcomp", "conj", "advcl", "parataxis"} or (
        node.dep_ == "dobj" and not modified
    )


def _aside_report(node: Any, reports: set[int]) -> Any | None:
    """A reporting verb set off beside the clause, with a subject and nothing said of its
    own: "The suspect, police said, was arrested", "..., a spokesman said in Jos" (often
    parsed as a conjunct)."""
    return next((c for c in node.children if c.dep_ in {"parataxis", "conj"} and c.i in reports
                 and c.i > node.left_edge.i
                 and any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)
                 and not any(g.dep_ in {"ccomp", "dobj", "xcomp"} for g in c.children)), None)


def _claimant(report: Any, sentence: Sentence, resolver: ActorResolver) -> Claim | None:
    subjects, _ = subject_heads(report)
    if not subjects:
        return None
    return _claim_from(resolver.resolve_group(sentence, subjects[0]), subjects[0], sentence, resolver)


def _claim_from(actors: list[Actor], head: Any, sentence: Sentence, resolver: ActorResolver) -> Claim | None:
    """The claimant: the actor the head resolves to, else the bare noun phrase ("medics",
    "the centre's director"); an unresolved pronoun claims nothing."""
    if not actors and (head.pos_ not in {"NOUN", "PROPN"} or head.lower_ in CLAIM_NOT):
        return None
    first = actors[0] if actors else None
    left = min((t for t in head.subtree if t.dep_ not in {"relcl", "acl", "punct"}), key=lambda t: t.i)
    right = head
    if not actors:  # "sources close to the airline", "the director of the hospital"
        right = max((c.right_edge for c in head.rights if c.dep_ in {"prep", "amod"}),
                    key=lambda t: t.i, default=head)
    while not right.whitespace_ and right.i + 1 < len(right.doc) and (
        right.nbor().is_alpha or right.nbor().text == "-"
    ):
        right = right.nbor()  # "co-chairman", split by the tokenizer
    span = token_span(sentence, left, right)
    return Claim(
        text=span.slice(resolver.text), span=span, country=first and first.country,
        igo=first and first.igo, sector=first and first.sector,
    )  # fmt: skip


def _obligation_requests(sentence: Sentence, resolver: ActorResolver, by_token: dict, reports: set[int]) -> list[_Draft]:
    """"X said / insisted / reminded Y that Y must do Z" is a request from X to Y."""
    drafts = []
    if not any(t.lower_ in OBLIGATION_AUX for t in sentence.doc):
        return drafts
    for comp in sentence.doc:
        if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in comp.children):
            continue
        if comp.dep_ not in {"ccomp", "acl", "xcomp", "advcl"} or comp.head is comp:
            continue
        # "X must not be cornered": a passive subject suffers the act, it is not asked to do
        # it; "we should make sure": the speaker's own duty asks no one else.
        addressees = [a for a in _children(comp, SUBJECT_DEPS)
                      if a.lower_ not in SPEAKER_PRONOUNS and not _anyone_at_all(a)]
        governor = comp.head
        if not _is_verbal(governor) and governor.dep_ in {"dobj", "pobj", "attr"}:
            governor = governor.head if _is_verbal(governor.head) else governor.head.head
        be_only = comp.lemma_.lower() == "be" and not any(
            c.dep_ in {"acomp", "attr"} and c.lower_ != "able" for c in comp.children
        )
        if not _is_verbal(governor) or not addressees or be_only:
            continue
        if governor.lemma_.lower() not in OBLIGATION_GOVERNORS:
            continue
        speakers, _ = subject_heads(governor)
        if not speakers:
            continue
        sources = resolver.resolve_group(sentence, speakers[0])
        targets = resolver.resolve_group(sentence, addressees[0])
        if addressees[0].lower_ in {"it", "they", "he", "she"}:
            # "reminded Iran that it must ...": the pronoun is the party spoken to.
            for party in _spoken_to(governor, comp):
                found = resolver.resolve_group(sentence, party)
                if found:
                    targets, addressees = found, [party]
                    break
        if not sources or not targets:
            continue
        inner = by_token.get(comp.i)
        code = _request_code(inner, "100") if inner else "100"
        lexeme = Lexeme("V", comp.lemma_.lower(), (), code, "plain", frozenset())
        drafts.append(_Draft(
            trigger=Trigger(comp, lexeme, comp), sentence=sentence, cameo=code, sources=sources,
            targets=targets, source_tokens=speakers, target_tokens=addressees,
            rule=f"V:{comp.lemma_}:obligation", confidence=0.7,
        ))  # fmt: skip
    return drafts


# Words for anyone at all: "people must be patient" puts a duty on no party.
ANYONE_WORDS = {"people", "everyone", "everybody", "anyone", "anybody", "someone", "somebody", "one"}


def _anyone_at_all(head: Any) -> bool:
    """Is the subject of an obligation anyone at all, a bare "people" or "everyone"?"""
    return head.lower_ in ANYONE_WORDS and not any(c.dep_ != "punct" for c in head.children)


def _ruled_out(sentence: Sentence, resolver: ActorResolver, by_token: dict) -> list[_Draft]:
    """"X said that lifting the sanctions on Y is out of the question": X rejects it, and
    the party the excluded act concerns is the target."""
    drafts = []
    for word in sentence.doc:
        if word.lower_ != "question" or word.dep_ != "pobj" or word.head.lower_ != "of":
            continue
        out = word.head.head
        comp = out.head
        if out.lower_ != "out" or comp.lemma_.lower() != "be" or _children(comp, {"neg"}):
            continue  # "is not out of the question": still possible
        governor = comp.head
        if comp.dep_ != "ccomp" or governor.lemma_.lower() not in REPORT_LEMMAS:
            continue
        speakers, _ = subject_heads(governor)
        things = _children(comp, {"nsubj", "csubj"})
        if not speakers or not things:
            continue
        sources = resolver.resolve_group(sentence, speakers[0])
        own = {a.code or a.name or "" for a in sources}
        thing = things[0]
        objects = [thing] if not _is_verbal(thing) else _children(thing, {"dobj"}) + [
            o for p in _children(thing, {"prep"}) for o in _pobjs(p)]
        targets = next((found for o in objects if (found := _inside(o, sentence, resolver, own)
                        or [a for a in resolver.resolve_group(sentence, o) if not _is_own(a, own)])), [])
        if not sources or not targets:
            continue
        inner = by_token.get(thing.i)
        code = _reject_code(inner, "120") if inner else "120"
        lexeme = Lexeme("N", "out of the question", (), code, "plain", frozenset())
        drafts.append(_Draft(
            trigger=Trigger(out, lexeme, word), sentence=sentence, cameo=code, sources=sources,
            targets=targets, source_tokens=speakers[:1], target_tokens=[thing],
            rule="N:out of the question:speaker", confidence=0.7,
        ))  # fmt: skip
    return drafts


def _spoken_to(governor: Any, comp: Any) -> list[Any]:
    """Who a statement is addressed to: "told Iran that ...", "issued a reminder to Iran that ..."."""
    parties = []
    for node in dict.fromkeys([governor, comp.head]):
        for child in node.children:
            if child.dep_ in {"dobj", "dative"} and child.pos_ != "ADP" and child.i != comp.head.i:
                parties.append(child)
            elif child.dep_ in {"prep", "dative"} and child.lower_ == "to":
                parties.extend(_pobjs(child))
    return parties


def _finish(
    sentence: Sentence,
    drafts: list[_Draft],
    article: Any,
    resolver: ActorResolver,
    config: CoderConfig,
    now: int | None = None,
    day: datetime | None = None,
) -> list[Event]:
    from ..contract import QUAD_CLASS

    events: list[Event] = []
    sentence_text = sentence.span.slice(article.text)
    dates = _dates(sentence, sentence_text, day or article.published)
    trigger_ids = {d.trigger.token.i for d in drafts}
    reports = {t.i for t in sentence.doc if t.lemma_.lower() in REPORT_LEMMAS}
    kept: list[_Draft] = []
    obligation_ids = {d.trigger.token.i for d in drafts if d.rule.endswith(":obligation")}
    for draft in drafts:
        draft.targets = [a for a in draft.targets
                         if a.text.lower() not in REFLEXIVES and not _anyone(a, sentence)]
        draft.sources = [a for a in draft.sources if a.text.lower() not in REFLEXIVES]
        if draft.polarity in UNASSERTED and not config.keep_unasserted:
            continue
        token = draft.trigger.token
        if not draft.rule.endswith(":obligation") and any(
            i == token.i or token.doc[i].is_ancestor(token) for i in obligation_ids
        ):
            continue  # the action demanded is not an event of its own
        plover = cameo_entry(draft.cameo).plover
        if not plover or plover not in QUAD_CLASS:
            continue
        if not draft.sources and draft.cameo in {"173", "174", "090"} and (
                _is_passive(draft.trigger.token) or _existential_patients(draft.trigger.token)):
            # "was arrested in Lebanon": the state that arrests where it happened.
            draft.sources = [replace(a, sector="GOV") for a in _place_targets(draft.trigger.token, sentence, resolver)
                             if a.country and a.country not in {t.country for t in draft.targets}][:1]
            if draft.sources:
                draft.rule += ":place-source"
                draft.confidence -= 0.15
        if not draft.sources and _demobilized(draft):
            draft.sources, draft.targets = draft.targets, []  # "the militia was demobilized"
            draft.rule += ":passive-self"
        if not draft.sources and draft.trigger.is_verb:
            attack = _carrying_attack(draft.trigger.token, drafts)
            if attack is not None and cameo_entry(attack.cameo).plover == plover:
                draft.sources = list(attack.sources)  # "a bombing carried out by X killed Y"
                draft.rule += ":attack-agent"
        if not draft.sources and not _unknown_attacker(draft, plover):
            continue
        if config.locations:
            draft.location = _location(draft, sentence, resolver, config)
            if draft.location is not None and draft.location.country and not any(
                t.dep_ in PASSIVE_SUBJECT_DEPS for t in draft.source_tokens
            ):  # who acted there, not who suffered it ("children were killed in shelling in X")
                draft.sources = [_located(a, draft.location.country) for a in draft.sources]
                if plover != "CONSULT":  # (an opposition may meet abroad: "met in Geneva")
                    draft.sources = [_home_opposition(a, draft.location.country) for a in draft.sources]
            if draft.location is not None and draft.location.country and plover == "ASSAULT":
                # "children were killed in shelling in X": civilians harmed in X are X's people
                draft.targets = [_located(a, draft.location.country) for a in draft.targets]
        threatened = cameo_entry(draft.trigger.lexeme.cameo).plover  # "will extend the curfew in X"
        if not draft.targets and (plover in PLACE_TARGET_TYPES or plover == "THREATEN" and threatened in PLACE_TARGET_TYPES) \
                and not _unnamed_victims(draft.trigger.token) and not _resignation(draft):
            draft.targets = _place_targets(draft.trigger.token, sentence, resolver)
            if not draft.targets and draft.location is not None and draft.location.country \
                    and not _placed_in_other_clause(draft.location, draft.trigger.token, sentence):
                loc = draft.location
                draft.targets = [Actor(text=loc.text, span=loc.span, country=loc.country,
                                       name=loc.name, by=f"{NAME}:place")]  # fmt: skip
            if draft.targets:
                draft.rule += ":place-target"
                draft.confidence -= 0.1
        coded = list(dict.fromkeys(a.code for a in draft.sources if a.code))
        joint = len(coded) >= 2
        if not draft.targets and joint and (
            plover in {"CONSULT", "COOPERATE", "AGREE"} or draft.trigger.token.lemma_.lower() in SYMMETRIC_LEMMAS
        ):
            # "X, Y and Z met": a joint, symmetric event between the first party and the others.
            first = coded[0]
            draft.targets = [a for a in draft.sources if a.code and a.code != first]
            draft.sources = [a for a in draft.sources if a.code == first]
            draft.rule += ":joint"
        if not draft.targets and plover in RECIPIENT_REQUIRED and not joint:
            continue
        if not draft.targets and plover == "COOPERATE" and not joint:
            continue
        if _self_directed(draft, resolver) and plover not in RECIPIENT_REQUIRED:
            draft.targets = []  # "promised to democratize Serbia": a pledge with no other party
        if _self_directed(draft, resolver) or not _actor_conditions(draft):
            continue
        if not draft.targets and (plover == "CONSULT" or cameo_entry(draft.trigger.lexeme.cameo).plover == "CONSULT"):
            continue  # a meeting needs two parties, and so does one to come ("will discuss X")
        if draft.trigger.lexeme.lemma == "arrive" and any(a.sector == "MIL" for a in draft.sources):
            continue  # troops arriving is a deployment, not a visit
        if draft.trigger.lexeme.lemma in PERMIT_LEMMAS and not _grants_a_party(draft):
            continue
        if draft.trigger.lexeme.lemma == "release" and _from_hospital(draft.trigger.token):
            continue
        if _historical(draft, dates, now) or _named_by_year(draft, article, now) \
                or _recalled(draft):
            continue  # "fought the Nazis in 1943", "have fought three wars": background
        kept.append(draft)
    kept = _merge_sentence(kept)
    quantities = _quantities(sentence, sentence_text)
    assigned = _assign_quantities(kept, quantities)
    for draft in kept:
        setting = _meeting_setting(draft) if cameo_entry(draft.cameo).plover == "CONSULT" else None
        entry = cameo_entry(draft.cameo)
        override = draft.trigger.lexeme.plover if draft.cameo == draft.trigger.lexeme.cameo else None
        plover_type, plover_mode = override or (entry.plover, entry.mode)
        if setting is not None:
            plover_mode = setting
        if plover_type == "ASSAULT" and plover_mode in WEAPON_BLIND_MODES:
            plover_mode = _weapon_mode(draft.trigger.token) or plover_mode
        if plover_type == "MOBILIZE" and plover_mode in {None, "troops"} and draft.sources \
                and all(a.sector == "REB" for a in draft.sources):
            plover_mode = "militia"  # "Hezbollah mobilised its fighters": a non-state force
        token = draft.trigger.token
        trigger_span = token_span(sentence, token, draft.trigger.phrase_end
                                  if draft.trigger.phrase_end.i > token.i else None)
        date = _date_for(draft, dates, trigger_ids, reports)
        confidence = draft.confidence
        if any(a.by.endswith(":coref") for a in draft.sources + draft.targets):
            confidence -= 0.1
        if not draft.targets:
            confidence -= 0.1
        location = draft.location
        event = Event(
            type=plover_type,
            mode=plover_mode,
            cameo=draft.cameo,
            trigger=trigger_span,
            sentence=sentence.span,
            sources=tuple(draft.sources),
            targets=tuple(draft.targets),
            date=date[0] if date else None,
            date_precision=date[1] if date else None,
            date_text=date[2] if date else None,
            date_span=date[3] if date else None,
            location=location,
            quantities=tuple(assigned.get(id(draft), ())),
            claimed_by=draft.claimed_by,
            polarity=draft.polarity,
            hedged=draft.hedged,
            confidence=max(0.05, min(0.99, confidence)),
            rule=f"{NAME}:{draft.rule}",
            symmetric=token.lemma_.lower() in SYMMETRIC_LEMMAS or entry.plover in {"CONSULT", "COOPERATE"},
        )
        if event.confidence >= config.min_confidence:
            events.append(event)
            resolver.events.append((token.lemma_.lower(), plover_type, event.sources))
    return events


# Subjects of a reporting verb that name no claimant.
CLAIM_NOT = {"details", "one", "who", "which", "that", "this", "none", "all", "both", "each", "some", "others"}
REPORT_LEMMAS = {"say", "tell", "announce", "state", "claim", "report", "add", "note",
                 "declare", "confirm", "reveal", "write", "estimate", "insist"}  # fmt: skip


# Verbs whose patient, with no agent named, is the one that acts: "5,000 fighters were demobilized".
SELF_PASSIVE_LEMMAS = {"demobilize", "demobilise"}


def _demobilized(draft: _Draft) -> bool:
    """"One third of the guerrillas have been demobilized": the guerrillas stood down
    (not "were demobilized by the army", whose agent is the source)."""
    token = draft.trigger.token
    return (draft.trigger.lexeme.lemma in SELF_PASSIVE_LEMMAS and _is_passive(token)
            and not _children(token, {"agent"}))


EXILE_WORDS = {"exiled", "exile", "exiles", "diaspora", "expatriate", "expatriates", "emigre", "emigres"}


def _home_opposition(actor: Actor, country: str) -> Actor:
    """"Leaders of the X opposition bloc agreed to postpone the rally in Y": an opposition
    named without a country acts in its own (an exiled one does not: "exiled opposition
    leaders rallied in London")."""
    if actor.code or actor.sector != "OPP" or actor.by.endswith(":coref") \
            or set(re.findall(r"\w+", actor.text.lower())) & EXILE_WORDS:
        return actor
    return replace(actor, country=country, by=f"{NAME}:located")


def _resignation(draft: _Draft) -> bool:
    """Is the event someone leaving office? "The minister resigned on Sunday in X" is
    aimed at no one: the place where he quit is no party to it."""
    return draft.cameo == draft.trigger.lexeme.cameo and draft.trigger.lexeme.plover == RESIGNATION


def _located(actor: Actor, country: str) -> Actor:
    """"Prisoners rioted at a jail in X": a local group without a country is X's."""
    if actor.code or actor.sector not in LOCAL_SECTORS or actor.by.endswith(":coref") or newcomer(actor.text):
        return actor  # (settlers and tourists in X are not X's)
    return replace(actor, country=country, by=f"{NAME}:located")


CARE_VERBS = {"treat", "examine", "hospitalize", "hospitalise", "admit", "discharge"}
CARE_PLACES = {"hospital", "clinic", "care", "infirmary"}


def _from_hospital(token: Any) -> bool:
    """"treated for minor injuries and released", "released from hospital": patients
    going home, not captives set free."""
    if token.dep_ == "conj" and token.head.lemma_.lower() in CARE_VERBS:
        return True
    return any(c.dep_ == "prep" and c.lower_ == "from" and any(p.lemma_.lower() in CARE_PLACES for p in _pobjs(c))
               for c in token.children)


PERMIT_LEMMAS = {"allow", "permit", "let"}
PUBLIC_SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "IGO", "REB", "OPP", "POL"}
LEGAL_FILINGS = {"plea", "petition", "appeal", "application", "motion", "objection", "request", "bail"}


def _grants_a_party(draft: _Draft) -> bool:
    """Is a permission a concession: an authority lets another party act?

    "The ministry allowed the opposition to rally" is; "the law allows people to ask",
    "people legally allowed to use it", "allowing the crisis to spiral" and "the court
    allowed the plea" are not.
    """
    token = draft.trigger.token
    if _is_passive(token) or (token.dep_ == "acl" and token.tag_ != "VBG"):
        return False  # the permitted party is the subject: who permits is not said
    if any(c.dep_ == "dobj" and c.lemma_.lower() in LEGAL_FILINGS for c in token.children):
        return False
    grantor = any(a.sector in PUBLIC_SECTORS or (a.code and a.sector is None) for a in draft.sources)
    return grantor and any(a.code or a.sector for a in draft.targets)


def _actor_conditions(draft: _Draft) -> bool:
    """The lexicon's conditions on the resolved actors (subj=SECTORS, tgt=coded)."""
    for key, values in draft.trigger.lexeme.conditions:
        if key == "subj" and not any(
            a.sector in values or (a.sector is None and a.code and a.name and a.name.lower() in a.text.lower())
            for a in draft.sources
        ):
            return False
        if key == "tgt" and "coded" in values and not any(a.code for a in draft.targets):
            return False
        if key == "tgtnot" and any(a.sector in values for a in draft.targets):
            return False  # "ordered the troops to leave": a command to one's own forces
        if key == "tgt" and "actor" in values and (
            ":place-target" in draft.rule or not any(a.code or a.sector for a in draft.targets)
        ):
            return False  # "executed a turnabout in Libya": only a party acted upon counts
    return True


def _codes(actors: list[Actor]) -> set[tuple[str | None, str | None]]:
    return {(a.code, a.sector) for a in actors}


FIRST_PERSON = {"i", "me", "my", "we", "us", "our"}


def _speak_for(draft: _Draft, claim: Claim) -> None:
    """"'We demand access,' the ministry's spokeswoman said": "we" is the speaker's side,
    and the speaker's side is no party to its own request ("urging anyone to contact us")."""
    speaking = any(a.text.lower() in FIRST_PERSON for a in draft.sources)
    draft.sources = [_as_speaker(a, claim) for a in draft.sources]
    if speaking:
        draft.targets = [a for a in draft.targets if a.text.lower() not in FIRST_PERSON]
    else:
        draft.targets = [_as_speaker(a, claim) for a in draft.targets]


def _as_speaker(actor: Actor, claim: Claim) -> Actor:
    if actor.text.lower() not in FIRST_PERSON:
        return actor
    named = claim.text.lower() not in {"he", "she", "they", "it"}  # "he said": keep who he is
    return replace(actor, country=claim.country, igo=claim.igo, sector=claim.sector,
                   name=claim.text if named else actor.name, by=f"{NAME}:speaker")  # fmt: skip


# Attackers that are weapons, and the PLOVER mode they give an assault ("a drone struck X",
# "a suicide car bombing").
WEAPON_MODES = {"drone": "drone", "uav": "drone", "warplane": "aerial", "jet": "aerial",
                "aircraft": "aerial", "helicopter": "aerial", "bomber": "aerial", "gunship": "aerial",
                "suicide": "suicide-attack", "car": "explosives", "roadside": "explosives",
                "bomb": "explosives", "ied": "explosives"}  # fmt: skip
# Assault modes that say nothing of the weapon, or only guess it from the verb ("bombed").
WEAPON_BLIND_MODES = {None, "heavy-weapons"}


def _weapon_mode(token: Any) -> str | None:
    """"Israeli warplanes bombed X" (aerial), "a drone strike on X" (drone): the weapon named
    as the attacker, or as a modifier of the attack noun."""
    words = [c for c in token.children if c.dep_ in {"compound", "amod"}]
    for subject in _children(token, {"nsubj"}):
        words += [*_children(subject, {"compound"}), subject]  # "a suicide bomber": suicide
    for agent in _children(token, {"agent"}):
        words += _children(agent, {"pobj"})
    return next((WEAPON_MODES[w.lemma_.lower()] for w in words if w.lemma_.lower() in WEAPON_MODES), None)


# Gatherings of many parties, and the words for their fringes: "met on the sidelines of the
# G20 summit", "held talks at the Munich Security Conference".
GATHERINGS = {"summit", "conference", "assembly", "forum", "congress", "gathering", "session"}
FRINGES = {"sideline", "sidelines", "margin", "margins", "fringe", "fringes"}
SETTING_PREPS = {"at", "on", "during", "in", "ahead", "before"}


def _meeting_setting(draft: _Draft) -> str | None:
    """The PLOVER mode a meeting's setting gives it, adjusting the draft to match.

    "Met X on the sidelines of the NATO summit" is multilateral, and the alliance named
    there is the setting, not a party. "X met Y in Geneva", a place neither party's, is a
    meeting at a third location (CAMEO 044). A visit keeps its own mode.
    """
    token = draft.trigger.token
    heads = [token, token.head] if token.dep_ == "dobj" else [token]
    for head in heads:
        for prep in (p for p in _children(head, {"prep"}) if p.lower_ in SETTING_PREPS):
            for obj in _pobjs(prep):
                fringe = obj.lemma_.lower() in FRINGES or obj.lower_ in FRINGES
                if not fringe and obj.lemma_.lower() not in GATHERINGS:
                    continue
                inside = {draft.sentence.base + t.idx for t in obj.subtree}
                setting = [a for a in draft.targets if a.igo and a.span.start in inside]
                if len(setting) < len(draft.targets):
                    draft.targets = [a for a in draft.targets if a not in setting]
                return "multilateral"
    if draft.cameo != "040" or draft.location is None or not draft.location.country:
        return None
    parties = draft.sources + draft.targets
    countries = {a.country for a in parties}
    if None in countries or not draft.sources or not draft.targets:
        return None
    if draft.location.country in countries:
        return None
    draft.cameo = "044"
    return None


def _self_directed(draft: _Draft, resolver: ActorResolver) -> bool:
    """Is the event done by a party to itself ("Russia said Russia would ...")? Two parties of
    one country and sector are still two ("a lawmaker accused the president")."""
    if not draft.targets:
        return False
    sides = draft.sources + draft.targets
    names = {(a.name or a.text).lower() for a in sides}
    if len(names) == 1 and not any(a.code for a in sides) and any(a.by.endswith(":coref") for a in sides):
        return True  # "they abused us", "Percy asked that it be withdrawn": one uncoded party
    src = {a.code for a in draft.sources}
    tgt = {a.code for a in draft.targets}
    if None in src or None in tgt:
        return False
    if any(a.sector is None for a in draft.sources + draft.targets):
        return False  # a people or a place inside its own country: a domestic event
    if _codes(draft.sources) != _codes(draft.targets):
        return False
    return all(any(_same_party(s, t, draft.sentence, resolver) for s in draft.sources)
               for t in draft.targets)


def _same_party(one: Actor, other: Actor, sentence: Sentence, resolver: ActorResolver) -> bool:
    """Do two mentions of one country and sector name the same party? The state named by
    itself stands for all of its parties ("Kostunica promised to democratize Serbia"), and so
    does an organisation; one name ("Trump ... Trump"), a mention found again by coreference
    ("he", "the president") or the same words ("the government ... the Serbian government")
    is one party; anything else is two ("the governor asked a senator", "the army fought
    mutinous soldiers")."""
    if one.igo or resolver.is_state(one) or resolver.is_state(other):
        return True
    found_again = ("coref" in one.by or "coref" in other.by) and not _person_and_body(
        one, other, sentence, resolver
    )
    generic = one.name in resolver.book.country_names.values()  # "a Serbian official": Serbia
    if one.name == other.name and (not generic or found_again):
        return True
    words = _party_words(one, sentence, resolver)
    other_words = _party_words(other, sentence, resolver)
    if not (words and other_words) or not (words <= other_words or other_words <= words):
        return False
    smaller, larger = (one, other) if len(words) <= len(other_words) else (other, one)
    heads = [_party_head(smaller, sentence), _party_head(larger, sentence)]
    # "the army" and "army defectors" are two; "the president" and "President X" one
    return None not in heads and (heads[0].lemma_ == heads[1].lemma_ or heads[1].pos_ == "PROPN")


def _person_and_body(one: Actor, other: Actor, sentence: Sentence, resolver: ActorResolver) -> bool:
    """Is one a person ("I", "he") and the other a body ("the government", "parliament")?
    "'I urge the government to act,' the trade group's head said": the speaker is not the body."""
    for person, body in ((one, other), (other, one)):
        words = _party_words(body, sentence, resolver)
        speaks = person.text.lower() in PERSON_PRONOUNS | {"i", "me"}
        if speaks and words and not words & PERSON_NOUNS:
            return True
    return False


def _party_head(actor: Actor, sentence: Sentence) -> Any:
    """The head word of a party's phrase: "defectors" in "Syrian army defectors"."""
    start, end = actor.span.start - sentence.base, actor.span.end - sentence.base
    tokens = [t for t in sentence.doc if start <= t.idx < end]
    ids = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in ids or t.head is t), None)


def _party_words(actor: Actor, sentence: Sentence, resolver: ActorResolver) -> set[str]:
    """The words that tell a party from others of its country: "the Serbian government" and
    "the government" are {"government"}; "Democratic lawmakers" are {"democratic", "lawmaker"}."""
    start, end = actor.span.start - sentence.base, actor.span.end - sentence.base
    places = {i for m in find_mentions(resolver.book, sentence.doc)
              if m.entry.kind in {"country", "adjective", "capital"} for i in range(m.start, m.end)}  # fmt: skip
    return {t.lemma_.lower() for t in sentence.doc if start <= t.idx < end and not t.is_punct
            and t.dep_ not in {"det", "case"} and t.i not in places}  # fmt: skip


def _hangs_on(low: Any, high: Any) -> bool:
    """Is ``low`` an adjunct of ``high`` ("killed ... in an attack"), not a new clause?"""
    node = low
    for _ in range(5):
        if node.head is node or node.dep_ not in {"pobj", "prep", "advcl", "acl", "npadvmod", "dobj", "pcomp",
                                                  "nsubjpass"}:
            return False
        node = node.head
        if node.i == high.i:
            return True
    return False


REFLEXIVES = {"themselves", "itself", "himself", "herself", "ourselves", "myself", "yourself"}


def _anyone(actor: Actor, sentence: Sentence) -> bool:
    """Does the actor name no one in particular: "not supporting any party", "anyone"? (A
    plural names a class: "will not accept any more refugees".)"""
    words = actor.text.lower().split()
    if not words or words[0] not in {"any", "anyone", "anybody"}:
        return False
    tokens = [t for t in sentence.doc if actor.span.start <= sentence.base + t.idx < actor.span.end]
    return not any(t.tag_ in {"NNS", "NNPS"} for t in tokens)


def _carrying_attack(verb: Any, drafts: list[_Draft]) -> _Draft | None:
    """The attack noun with a named agent that a harm verb tells the outcome of: its subject
    ("a bombing carried out by X killed 12") or the noun its relative clause hangs on ("an
    attack by X in which six soldiers were killed")."""
    by_token = {d.trigger.token.i: d for d in drafts if d.sources and not d.trigger.is_verb}
    nouns = _children(verb, SUBJECT_DEPS)
    if verb.dep_ == "relcl":
        nouns.append(verb.head)
    return next((by_token[n.i] for n in nouns if n.i in by_token), None)


def _unknown_attacker(draft: _Draft, plover: str | None) -> bool:
    """"Three US servicemen were killed by a roadside bomb": an attack on a named party by
    someone the text does not name is still an event (with no source)."""
    if plover != "ASSAULT" or not draft.targets or not any(a.code for a in draft.targets):
        return False
    token = draft.trigger.token
    attempted = token.dep_ == "acl" and _attempted(token)
    if not (_is_passive(token) or _existential_patients(token) or attempted) and draft.trigger.is_verb \
            and not _weapon_subject(draft):
        return False
    draft.rule += ":unknown-attacker"
    draft.confidence -= 0.2
    return True


# What kills without being anyone: "a roadside bomb killed", "the blast wounded".
WEAPON_NOUNS = {"bomb", "bombing", "blast", "explosion", "mine", "landmine", "device", "ied",
                "missile", "rocket", "shell", "grenade", "explosive", "attack", "strike",
                "airstrike", "shelling", "bullet", "drone", "mortar", "booby-trap"}  # fmt: skip


def _weapon_subject(draft: _Draft) -> bool:
    """"A roadside bomb killed two soldiers": the subject is the weapon, its user unnamed."""
    return bool(draft.source_tokens) and not draft.sources and all(
        h.lemma_.lower() in WEAPON_NOUNS for h in draft.source_tokens)


def _participle_clause(token: Any) -> Any | None:
    """The participle clause a gerund heads or is coordinated into: "hit the district,
    targeting a home and killing 16 people" gives "targeting" for both participles."""
    node = token
    while node.dep_ == "conj" and node.head is not node and node.tag_ == "VBG":
        node = node.head
    if node.tag_ == "VBG" and node.dep_ in {"advcl", "acl"}:
        return node
    return None


def _coordinated_participles(a: Any, b: Any) -> bool:
    """Do two gerunds tell one action's parts ("hit the district, targeting a home and
    killing 16 people"), coordinated or hung side by side on one head? Finite verbs
    ("shelled X and bombed Y") are separate actions."""
    if a.tag_ != "VBG" or b.tag_ != "VBG":
        return False
    clause_a, clause_b = _participle_clause(a), _participle_clause(b)
    if clause_a is None or clause_b is None:
        return False
    return clause_a.i == clause_b.i or clause_a.head.i == clause_b.head.i


def _join_participles(drafts: list[_Draft]) -> list[_Draft]:
    """One event for gerunds of one type and source told of one action: "an Israeli strike
    hit the district, targeting a home and a mosque and killing 16 people" keeps the first
    trigger with the targets of both."""
    out: list[_Draft] = []
    for draft in drafts:
        plover = cameo_entry(draft.cameo).plover
        twin = next((o for o in out if cameo_entry(o.cameo).plover == plover
                     and o.trigger.is_verb and draft.trigger.is_verb
                     and o.polarity == draft.polarity and o.hedged == draft.hedged
                     and {x.code or x.text for x in o.sources} & {x.code or x.text for x in draft.sources}
                     and _coordinated_participles(o.trigger.token, draft.trigger.token)), None)  # fmt: skip
        if twin is None:
            out.append(draft)
            continue
        seen = {x.code or x.text for x in twin.targets}
        twin.targets = twin.targets + [x for x in draft.targets if (x.code or x.text) not in seen]
        twin.target_tokens = twin.target_tokens + [t for t in draft.target_tokens
                                                   if t.i not in {u.i for u in twin.target_tokens}]
    return out


def _fold_riot_damage(drafts: list[_Draft]) -> list[_Draft]:
    """Arson told as how a protest went is the protest's, no seizure of its own: "prisoners
    rioted, setting fire to their mattresses" is one riot."""
    protests = [d for d in drafts if cameo_entry(d.cameo).plover == "PROTEST" and d.trigger.is_verb]
    out = []
    for draft in drafts:
        clause = _participle_clause(draft.trigger.token) if draft.trigger.lexeme.lemma in RIOT_DAMAGE else None
        if clause is not None and any(
                p.trigger.token.i == clause.head.i
                and {x.code or x.text for x in p.sources} & {x.code or x.text for x in draft.sources}
                for p in protests):
            continue
        out.append(draft)
    return out


def _merge_sentence(drafts: list[_Draft]) -> list[_Draft]:
    """One event per sentence and type when two triggers share their actors ("killed while
    fighting") or one hangs on the other ("killed 46 civilians in an attack on a village")."""
    for draft in drafts:
        draft.targets = [a for a in draft.targets if a.text.lower() not in REFLEXIVES]
        draft.sources = [a for a in draft.sources if a.text.lower() not in REFLEXIVES]
    # An attack by someone unnamed folds into an attack of the same sentence that names its
    # parties: "soldiers were killed while fighting Ukrainian forces" is one event.
    named = [d for d in drafts if d.sources]
    keep = []
    for draft in drafts:
        if not draft.sources:
            victims = {a.code or a.text for a in draft.targets}
            if any(cameo_entry(o.cameo).plover == cameo_entry(draft.cameo).plover
                   and victims & {a.code or a.text for a in o.sources + o.targets} for o in named):
                continue
        keep.append(draft)
    drafts = _fold_riot_damage(_join_participles(keep))
    out: list[_Draft] = []
    for draft in drafts:
        twin = None
        for other in out:
            if cameo_entry(other.cameo).plover != cameo_entry(draft.cameo).plover:
                continue
            a, b = draft.trigger.token, other.trigger.token
            same_src = {x.code or x.text for x in draft.sources} & {x.code or x.text for x in other.sources}
            if same_src and (_hangs_on(a, b) or _hangs_on(b, a)):
                twin = other
                break
        if twin is not None:
            # Keep the governing event ("killed 23 people in an attack": the killing) and let
            # it borrow the other's coded targets when it has none of its own.
            high, low = (draft, twin) if _hangs_on(twin.trigger.token, draft.trigger.token) else (twin, draft)
            if not any(x.code for x in high.targets):
                high.targets = high.targets + [x for x in low.targets if x.code]
            out[out.index(twin)] = high
            continue
        plover = cameo_entry(draft.cameo).plover
        twin = None
        for other in out:
            if cameo_entry(other.cameo).plover != plover:
                continue
            src_a = {x.code or x.text for x in draft.sources}
            src_b = {x.code or x.text for x in other.sources}
            tgt_a = {x.code or x.text for x in draft.targets}
            tgt_b = {x.code or x.text for x in other.targets}
            if src_a & src_b and (tgt_a & tgt_b or not tgt_a or not tgt_b) and not _places_apart(draft, other):
                twin = other
                break
        if twin is None:
            out.append(draft)
            continue
        if len(draft.sources) + len(draft.targets) > len(twin.sources) + len(twin.targets):
            out[out.index(twin)] = draft
    return out


def _places_apart(one: _Draft, other: _Draft) -> bool:
    """"Shelled Kharkiv and bombed Odesa": strikes on two named places of one country are two
    events, as they are across sentences; "killed two soldiers and wounded three" is one."""
    if cameo_entry(one.cameo).plover not in PLACE_TARGET_TYPES:
        return False
    places = [{a.name for a in d.targets if a.code and a.sector is None and a.name} for d in (one, other)]
    return all(len(p) == len(d.targets) > 0 for p, d in zip(places, (one, other))) and not places[0] & places[1]


# -- dates, quantities, location ---------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _DateHit:
    start: int  # article offsets
    end: int
    text: str
    date: str | None
    precision: str | None
    anchor: Any  # the verb or noun the expression attaches to


def _dates(sentence: Sentence, sentence_text: str, published: datetime | None) -> list[_DateHit]:
    from .dates import find_dates

    hits = []
    sent = sentence.doc
    for mention in find_dates(sentence_text, published):
        start = sentence.span.start + mention.start
        end = sentence.span.start + mention.end
        tokens = [t for t in sent if start <= sentence.base + t.idx < end]
        anchor = None
        if tokens:
            root = min(tokens, key=lambda t: (t.depth if hasattr(t, "depth") else 0, t.i))
            root = next((t for t in tokens if t.head not in tokens or t.head is t), tokens[0])
            node = root
            for _ in range(4):
                if node.head is node:
                    break
                node = node.head
                if _is_verbal(node) or node.pos_ in {"NOUN", "PROPN"} and node.dep_ != "pobj":
                    break
            anchor = node
        hits.append(_DateHit(start, end, mention.text, mention.date, mention.precision, anchor))
    return hits


def _date_for(draft: _Draft, dates: list[_DateHit], trigger_ids: set[int], reports: set[int]):
    if not dates:
        return None
    token = draft.trigger.token
    usable = [d for d in dates if d.date]
    if not usable:
        return None
    own = [d for d in usable if d.anchor is not None and d.anchor.i == token.i]
    if not own and not draft.trigger.is_verb:
        governor, _ = _governing_verb(token)
        if governor is not None and _is_light(governor) and governor.i not in trigger_ids:
            own = [d for d in usable if d.anchor is not None and d.anchor.i == governor.i]
        inside = {t.i for t in token.subtree}
        own = own or [d for d in usable if d.anchor is not None and d.anchor.i in inside]
    if not own and draft.trigger.is_verb:
        ancestors = {a.i for a in token.ancestors}
        pool = []
        for d in usable:
            if d.anchor is None:
                continue
            if d.anchor.i in trigger_ids and d.anchor.i != token.i:
                continue  # belongs to another event of the sentence
            if d.anchor.i in reports and d.anchor.i in ancestors:
                continue  # the date of the report, not of the event
            if _in_other_clause(d.anchor, token):
                continue
            pool.append(d)
        trig_start = draft.sentence.base + token.idx
        own = sorted(pool, key=lambda d: abs(d.start - trig_start))[:1]
    if not own:
        return None
    best = own[0]
    return best.date, best.precision, best.text, Span(best.start, best.end)


def _in_other_clause(anchor: Any, token: Any) -> bool:
    """Is a date inside a clause apart from the event's: a relative clause ("X, who has
    worked for Y since 2002, was detained") or one with a subject of its own beside it
    ("asked the FBI for help, but tests carried out earlier this month failed")? A
    participle is not enough: the parser hangs the event's own date on it ("blocked
    roads leading to the centre on Sunday")."""
    if _is_verbal(anchor) and anchor is not token and not anchor.is_ancestor(token) \
            and not token.is_ancestor(anchor) and any(c.dep_ in {"nsubj", "nsubjpass"} for c in anchor.children):
        return True
    for node in [anchor, *anchor.ancestors]:
        if node is token or node.is_ancestor(token):
            return False
        if node.dep_ in {"relcl", "appos"}:
            return True
    return False


# Marks of a clause that comes just before or after the one it hangs on, and shares its time.
SEQUENCE_MARKS = {"after", "before"}
HISTORY_YEARS = 3  # an event dated this many years before the article's present is background
COUNTED_WARS = {"war", "wars"}
MANY = {"several", "many", "multiple", "numerous", "few"}
# A bare year: not money, a decade, a range, part of a bigger number or a count ("2000 troops").
BARE_YEAR = re.compile(r"(?<![$\d,.\-])\b(1[89]\d\d|20\d\d)\b(?![\d,.%-]\d|s\b|-|\s+[a-z]+s\b)")
THEN_TITLE = re.compile(r"\bthen-\w", re.IGNORECASE)


def _present_year(article: Any) -> int | None:
    """The article's present: its publication year, else the latest year it names, with
    or without a preposition ("in 1996", "the 1996 trial")."""
    if article.published is not None:
        return article.published.year
    from .dates import find_dates

    years = [int(m.date[:4]) for m in find_dates(article.text, None) if m.date]
    years += [int(m[1]) for m in BARE_YEAR.finditer(article.text)]  # "the 1992 riots"
    return max(years, default=None)


def _historical(draft: _Draft, dates: list[_DateHit], now: int | None) -> bool:
    """Is the event history recalled as background, not news?

    - dated by its own clause years before the article's present: "In 1992, Bush sent
      troops", "left in 1936 and fought the Nazis", "the 1992 riots";
    - a count of wars: "the two countries have fought three wars since independence";
    - an actor in office only "then": "then-President Bush sent troops".
    """
    token = draft.trigger.token
    if _counted_wars(token):
        return True
    if any(THEN_TITLE.search(t.doc[max(0, t.left_edge.i - 2):t.i + 1].text) for t in draft.source_tokens):
        return True
    if now is None:
        return False
    years = _own_years(draft, dates) or _carried_years(draft, dates)
    return bool(years) and now - max(years) >= HISTORY_YEARS


def _carried_years(draft: _Draft, dates: list[_DateHit]) -> list[int]:
    """Years of the clause that an "after" or "before" clause of the trigger hangs on, which
    date it too: "crossed the border in 1966 after organizing campus rallies"."""
    verb = draft.trigger.token
    if not draft.trigger.is_verb:
        governor, _ = _governing_verb(verb)
        if governor is None or not _is_light(governor):
            return []
        verb = governor  # "organizing rallies"
    if verb.dep_ == "pcomp" and verb.head.lower_ in SEQUENCE_MARKS and verb.head.dep_ == "prep":
        upper = verb.head.head
    elif verb.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in SEQUENCE_MARKS for c in verb.children):
        upper = verb.head
    else:
        return []
    years = []
    for hit in dates:
        tokens = [t for t in draft.sentence.doc if hit.start <= draft.sentence.base + t.idx < hit.end]
        since = hit.text.lower().startswith("since")
        if hit.date and tokens and not since and _attachment(tokens) == upper.i:
            years.append(int(hit.date[:4]))
    return years


def _counted_wars(token: Any) -> bool:
    """"three wars", "fought several wars": a tally of the past, not one event."""
    nouns = [token] if token.pos_ == "NOUN" else [c for c in token.children if c.dep_ == "dobj"]
    return any(
        n.lower_ in COUNTED_WARS and any(
            (c.dep_ == "nummod" and c.lower_ not in {"one", "1"}) or c.lower_ in MANY
            for c in n.children)
        for n in nouns
    )


def _own_years(draft: _Draft, dates: list[_DateHit]) -> list[int]:
    """Years of the dates that modify the trigger itself (not a noun phrase beside it).

    "since 2002" dates a state, not the event, and is left out; so is a date with another
    event noun between it and the trigger ("thanked him for condemning a post about the
    bombing in 1979"), since the parser often hangs it on the wrong word.
    """
    token = draft.trigger.token
    heads = {token.i}
    if token.dep_ == "conj" and _is_verbal(token):
        heads.add(token.head.i)  # "left in 1936 and fought": the shared adjunct
    if not draft.trigger.is_verb:
        governor, _ = _governing_verb(token)
        if governor is not None and _is_light(governor):
            heads.add(governor.i)  # "organized a protest on April 6, 2008"
    years = []
    for hit in dates:
        tokens = [t for t in draft.sentence.doc if hit.start <= draft.sentence.base + t.idx < hit.end]
        if not hit.date or not tokens or hit.text.lower().startswith("since"):
            continue
        low, high = sorted((token.i, tokens[0].i))
        if any(_is_event_noun(t) for t in token.doc[low + 1:high]):
            continue
        if _attachment(tokens) in heads:
            years.append(int(hit.date[:4]))
    if not draft.trigger.is_verb:
        years += _label_years(token)
    return years


def _label_years(token: Any) -> list[int]:
    """A bare year that modifies the event noun: "the 1992 riots", "the 2008 war"."""
    return [int(c.text) for c in token.children if c.dep_ in {"nummod", "compound", "amod"}
            and c.text.isdigit() and len(c.text) == 4 and 1800 <= int(c.text) <= 2100]


def _named_by_year(draft: _Draft, article: Any, now: int | None) -> bool:
    """Is the event noun named by its year, as history is ("the 1992 Los Angeles riots, for
    instance, left 58 dead")? A year is such a name only once it is over: before the article's
    present, or in an undated article, whose present is guessed from the years it names."""
    years = _label_years(draft.trigger.token)  # (a noun the tagger took for a verb too)
    return bool(years) and (article.published is None or now is None or max(years) < now)


def _is_event_noun(token: Any) -> bool:
    return token.pos_ == "NOUN" and ("N", token.lemma_.lower()) in lexicon()


def _attachment(tokens: list[Any]) -> int | None:
    """The token a date expression hangs from, through its preposition: "fought in 1943"
    is "fought", and so is "left as a boy in 1936" (a plain noun is passed through)."""
    root = next((t for t in tokens if t.head not in tokens or t.head is t), None)
    if root is None or root.head is root:
        return None
    node = root.head
    for _ in range(3):
        if node.dep_ in {"prep", "agent"} and node.head is not node:
            node = node.head
        elif node.dep_ == "pobj" and node.head.dep_ == "prep" and not _is_event_noun(node):
            node = node.head
        else:
            break
    return node.i


def _quantities(sentence: Sentence, sentence_text: str) -> list[Quantity]:
    from .quantities import find_quantities

    out = []
    for q in find_quantities(sentence_text):
        span = Span(sentence.span.start + q.start, sentence.span.start + q.end)
        out.append(Quantity(kind=q.kind, value=q.value, qualifier=q.qualifier, text=q.text,
                            span=span, unit=q.unit, low=q.low, high=q.high))
    return out


QUANTITY_TYPES = {
    "dead": {"ASSAULT", "COERCE"},
    "injured": {"ASSAULT", "COERCE", "PROTEST"},
    "arrested": {"COERCE", "PROTEST", "ASSAULT"},
    "size": {"MOBILIZE", "AID", "PROTEST", "ASSAULT", "COOPERATE", "RETREAT", "THREATEN"},
}


def _assign_quantities(drafts: list[_Draft], quantities: list[Quantity]) -> dict[int, list[Quantity]]:
    """Attach each quantity to the nearest event of a fitting type, and count the groups
    that act or suffer ("168 Liberians were deported": size 168)."""
    out: dict[int, list[Quantity]] = {}
    for q in quantities:
        # A number inside an event's own source phrase counts its agents, not its victims:
        # "Two bombers killed 23 people" has 23 dead and a size of 2.
        owner = next((d for d in drafts if d.rule.split(":")[2:3] == ["subject"]
                      and any(_covers(h, q.span, d.sentence) for h in d.source_tokens)), None)
        if owner is not None and q.kind in {"dead", "injured", "arrested"}:
            q = replace(q, kind="size")
            out.setdefault(id(owner), []).append(q)
            continue
        fits = [d for d in drafts if cameo_entry(d.cameo).plover in QUANTITY_TYPES.get(q.kind, set())]
        if not fits:
            continue
        best = min(fits, key=lambda d: abs(d.sentence.base + d.trigger.token.idx - q.span.start))
        out.setdefault(id(best), []).append(q)
    for draft in drafts:
        if out.get(id(draft)) or cameo_entry(draft.cameo).plover not in GROUP_SIZE_TYPES:
            continue
        counted = _group_size(draft)
        if counted is not None:
            out[id(draft)] = [counted]
    return out


def _covers(head: Any, span: Span, sentence: Sentence) -> bool:
    tokens = list(head.subtree)
    start = sentence.base + tokens[0].idx
    end = sentence.base + tokens[-1].idx + len(tokens[-1].text)
    return start <= span.start and span.end <= end


# Types where the number of people acting or suffering is worth counting.
GROUP_SIZE_TYPES = {"PROTEST", "MOBILIZE", "COERCE", "ASSAULT", "RETREAT", "SANCTION", "AID"}
SIZE_QUALIFIERS = {"about": "approx", "around": "approx", "some": "approx", "nearly": "approx",
                   "almost": "approx", "roughly": "approx", "approximately": "approx",
                   "over": "more_than", "more": "more_than", "least": "at_least",
                   "up": "at_most"}  # fmt: skip


def _group_size(draft: _Draft) -> Quantity | None:
    """"deported 168 Liberians", "Up to 1,000 ethnic Turks began a hunger strike": the
    number of people in the acting or targeted group, when the text counts them."""
    from .quantities import parse_number

    for head in draft.target_tokens + draft.source_tokens:
        if head.lemma_.lower() in {"country", "nation", "side", "leader", "government", "state"}:
            continue  # "the two countries": parties, not a crowd
        nums = [c for c in head.children if c.dep_ == "nummod" and c.like_num]
        if not nums:
            continue
        num = nums[0]
        words = [t for t in num.subtree]
        first, last = words[0], words[-1]
        text = head.doc[first.i : last.i + 1].text
        parsed = parse_number(num.text) or parse_number(text)
        if parsed is None:
            continue
        value, high = parsed
        mods = {t.lower_ for t in words if t.i < num.i}
        qualifier = next((SIZE_QUALIFIERS[m] for m in mods if m in SIZE_QUALIFIERS), "exact")
        base = draft.sentence.base
        span = Span(base + first.idx, base + last.idx + len(last.text))
        return Quantity(kind="size", value=value, qualifier=qualifier, text=text, span=span,
                        unit=head.lower_, low=value, high=high)  # fmt: skip
    return None


def _location(draft: _Draft, sentence: Sentence, resolver: ActorResolver, config: CoderConfig):
    try:
        from .location import event_location
    except ImportError:  # pragma: no cover - the location stage ships with the package
        return None
    actor_ids = set()
    for head in draft.source_tokens + draft.target_tokens:
        actor_ids |= {t.i for t in head.subtree}
        for conj in getattr(head, "conjuncts", ()):
            actor_ids |= {t.i for t in conj.subtree}
    countries = [a.country for a in draft.sources + draft.targets if a.country]
    return event_location(
        sentence.doc,
        draft.trigger.token,
        article_countries=sorted(resolver.article_codes),
        actor_countries=countries,
        actor_token_ids=actor_ids,
        base=sentence.base,
    )
