"""How many were killed, injured, arrested, or took part: counts in news text.

Pure text: no spaCy. A sentence is split into tokens by one compiled regex; number
expressions are read token by token, then tied to a *kind* through a small window of
tokens around them.

Public API
----------
``find_quantities(text)``
    every count of the dead, injured, arrested, or the size of an acting group, as
    :class:`QuantityMention` (offsets into ``text``).
``parse_number(text)``
    a number expression alone ("10,000", "twenty-five", "1.5 million", "dozens",
    "10 to 20") as ``(value, high)``; ``None`` when it is not one.

Kinds
-----
========  ======================================================================
kind      signalled by
========  ======================================================================
dead      killed, killing, dead, died, deaths, death toll, fatalities, lost their
          lives, slain, perished, executed, massacred, fatally (wounded/shot), bodies
injured   wounded, injured, hurt, injuries, hospitalised, casualties (see below)
arrested  arrested, detained, jailed, imprisoned, held (passive, or with a person
          noun), rounded up, taken into custody, apprehended, arrests, detentions
size      a force or crowd noun (troops, soldiers, protesters, demonstrators, police
          officers, fighters, militants, marchers, ...) with no other kind; or a
          person noun / no noun with a deployment or gathering verb (sent, deployed,
          rallied, gathered, marched, took to the streets, "a crowd of")
========  ======================================================================

"casualties" alone is coded ``injured``: in most reports the wounded outnumber the
dead, and a death is reported with its own word ("killed", "dead"), which is always
preferred when it is tied to the same number.

How a number is tied to its kind, strongest first:

1. a kind verb right before it: "killed at least 12 people", "arrested dozens",
   "shot dead 6", "claimed the lives of 14", "sent more than 10,000 troops" (a
   deployment verb needs a force noun or none; "held" needs a person noun);
2. a kind word after it and its noun, across auxiliaries, hedges and one short
   place phrase only: "some 200 soldiers were estimated to have been killed",
   "12 people in the village were killed", "13 other people wounded", "45 deaths",
   "9 miners suffered serious injuries", "were taken into custody";
3. a toll before it: "the death toll rose to 45", "the number of people arrested
   reached 300"; a crowd: "a crowd of 5,000", "marchers, numbering about 7,000";
4. coordination: "12 soldiers and 3 civilians were killed" gives both the kind,
   as does "killed 12 soldiers and 3 civilians";
5. size from the noun alone: "a 4,000-strong contingent", and a force or crowd noun
   with nothing else ("more than 10,000 troops") unless the group undergoes rather
   than acts ("four soldiers were captured", "freed 30 hostages").

A number with no kind is not reported ("200 people", "two countries").

Qualifiers and conventions
--------------------------
==============================================  ===========  ======================
words                                           qualifier    value / low / high
==============================================  ===========  ======================
(none), a total of, exactly, only, just         exact        value
about, around, some, roughly, approximately,    approx       value
an estimated, nearly, almost, close to, or so
at least, no fewer than, a minimum of, N-plus   at_least     value
more than, over, well over, just over, above,   more_than    value
upwards of, in excess of
up to, as many as, no more than, at most,       at_most      value
fewer than, less than, a maximum of, just under
between 10 and 20, 10 to 20, 10-20              range        low, low=10, high=20
a dozen / two dozen                             approx       12 / 24
several                                         at_least     3, low 3, high 9
dozens (of)                                     at_least     24, low 24, high 99
scores (of)                                     at_least     40, low 40, high 199
hundreds (of)                                   at_least     200, low 200, high 999
thousands (of)                                  at_least     2,000 .. 9,999
tens of thousands                               at_least     20,000 .. 99,999
hundreds of thousands                           at_least     200,000 .. 999,999
millions                                        at_least     2,000,000 .. 9,999,999
==============================================  ===========  ======================

An explicit qualifier wins over the default of a vague word ("nearly two dozen" is
approx 24); ``low``/``high`` are set only for ranges and vague words.

Never counts: ages ("a 15-year-old", "aged 40"), years ("in 2014"; a four-digit
number in 1800-2100 counts only right before a person noun), clock times, money
("$5 million", "5 million dollars"), percentages, measures and durations ("5 km",
"three days"), ordinals, dates ("Dec. 16", "16 December"), labels ("page 5",
"Resolution 2231", "F-16"), "one of", "no one", and numbers glued to letters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["QuantityMention", "find_quantities", "parse_number"]


@dataclass(frozen=True, slots=True)
class QuantityMention:
    """A count: ``text`` = ``sentence[start:end]`` is the number with its qualifier."""

    kind: str
    value: int
    qualifier: str
    text: str
    start: int
    end: int
    unit: str | None
    low: int | None
    high: int | None


# --------------------------------------------------------------------------- lexicon


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


_UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_NUMBER_WORDS = frozenset(_UNITS_WORDS) | frozenset(_TENS_WORDS) | frozenset(_SCALES)

# vague words: (token sequence) -> (value, low, high, default qualifier)
_VAGUE: dict[tuple[str, ...], tuple[int, int | None, int | None, str]] = {
    ("tens", "of", "thousands"): (20_000, 20_000, 99_999, "at_least"),
    ("hundreds", "of", "thousands"): (200_000, 200_000, 999_999, "at_least"),
    ("dozens",): (24, 24, 99, "at_least"),
    ("scores",): (40, 40, 199, "at_least"),
    ("hundreds",): (200, 200, 999, "at_least"),
    ("thousands",): (2_000, 2_000, 9_999, "at_least"),
    ("millions",): (2_000_000, 2_000_000, 9_999_999, "at_least"),
    ("several",): (3, 3, 9, "at_least"),
}

_VAGUE_BY_FIRST: dict[str, list] = {}
for _seq, _data in _VAGUE.items():
    _VAGUE_BY_FIRST.setdefault(_seq[0], []).append((_seq, _data))

_QUALIFIERS: dict[tuple[str, ...], str] = {}
for _q, _phrases in {
    "approx": "about|around|some|roughly|approximately|approx|an estimated|estimated|nearly"
              "|almost|close to|an approximate|a reported|some estimated|more or less",
    "at_least": "at least|no fewer than|not fewer than|no less than|not less than"
                "|a minimum of|at a minimum",
    "more_than": "more than|over|upwards of|in excess of|well over|just over|well above"
                 "|above",
    "at_most": "up to|as many as|no more than|not more than|at most|fewer than|less than"
               "|a maximum of|just under",
    "range": "between|from",
    "exact": "a total of|exactly|precisely|only|just",
}.items():
    for _p in _phrases.split("|"):
        _QUALIFIERS[tuple(_p.split())] = _q
_QUALIFIER_MAX = max(len(k) for k in _QUALIFIERS)

# Person nouns that can carry a count ("12 civilians"); plural and singular.
_PERSON_PLURALS = _words(
    "people persons civilians soldiers troops servicemen servicemembers personnel marines "
    "sailors airmen paratroopers reservists conscripts recruits peacekeepers guards officers "
    "policemen policewomen police gendarmes militiamen militants fighters rebels insurgents "
    "guerrillas jihadists gunmen attackers assailants terrorists extremists combatants "
    "mercenaries protesters protestors demonstrators marchers rioters activists supporters "
    "opponents dissidents strikers students pupils workers children kids minors teenagers "
    "youths women men boys girls babies infants adults residents villagers locals citizens "
    "nationals migrants refugees asylum-seekers pilgrims worshippers worshipers passengers "
    "tourists journalists reporters doctors nurses medics paramedics staff employees miners "
    "farmers fishermen prisoners inmates detainees suspects hostages members leaders "
    "politicians lawmakers officials bystanders pedestrians victims individuals relatives "
    "others crew crewmembers settlers herders tribesmen commanders spies agents diplomats "
    "monks priests nuns clerics teachers volunteers athletes fans voters bodies forces "
    "staffers contractors firefighters constables rescuers"
)
_PERSON_SINGULARS = _words(
    "person civilian soldier serviceman marine sailor airman paratrooper reservist "
    "peacekeeper guard officer policeman policewoman gendarme militiaman militant fighter "
    "rebel insurgent guerrilla jihadist gunman attacker assailant terrorist combatant "
    "protester protestor demonstrator rioter activist supporter student pupil worker child "
    "kid teenager youth woman man boy girl baby infant adult resident villager citizen "
    "national migrant refugee pilgrim worshipper passenger tourist journalist reporter doctor "
    "nurse medic employee miner farmer fisherman prisoner inmate detainee suspect hostage "
    "member leader politician lawmaker official bystander pedestrian victim individual "
    "relative settler commander diplomat teacher volunteer body"
)
_PERSONS = _PERSON_PLURALS | _PERSON_SINGULARS
# Nouns for the acting group whose head count is a "size" on its own.
_FORCES = _words(
    "troops soldiers servicemen personnel marines paratroopers reservists conscripts "
    "peacekeepers police policemen officers gendarmes militiamen militants fighters rebels "
    "insurgents guerrillas mercenaries protesters protestors demonstrators marchers rioters "
    "strikers forces constables"
)
# Two-word units: the first word joins the unit when it stands right before the head.
_UNIT_PREFIXES = {
    "officers": _words("police security army military border"),
    "forces": _words("security government police special"),
    "personnel": _words("security military police army"),
    "police": _words("riot military traffic"),
    "constables": _words("police"),
    "officials": _words("police security"),
    "chiefs": _words("police"),
    "workers": _words("aid health"),
    "members": _words("family crew staff opposition party gang"),
}

_DEAD = "dead"
_INJ = "injured"
_ARR = "arrested"
_SIZE = "size"

# Kind verbs right before the number: "killed 12", "arrested dozens".
_ACTIVE = {
    **dict.fromkeys(_words("killed killing kills kill executed executing slew massacred "
                           "massacring murdered murdering"), _DEAD),
    **dict.fromkeys(_words("wounded wounding wounds wound injured injuring injures injure "
                           "hurt hurting maimed"), _INJ),
    **dict.fromkeys(_words("arrested arresting arrests arrest detained detaining detains "
                           "detain jailed jailing imprisoned imprisoning apprehended "
                           "apprehending held holding"), _ARR),
    **dict.fromkeys(_words("sent sending sends send deployed deploying deploys deploy "
                           "dispatched dispatching mobilized mobilised mobilizing mobilising "
                           "massed amassed stationed stationing drew drawing"), _SIZE),
}
# Kind words after the number (and its noun).
_AFTER = {
    **dict.fromkeys(_words("killed dead died dying die perished slain executed massacred "
                           "murdered deaths fatalities martyred"), _DEAD),
    **dict.fromkeys(_words("wounded injured hurt hospitalized hospitalised injuries "
                           "casualties"), _INJ),
    **dict.fromkeys(_words("arrested detained jailed imprisoned apprehended arrests "
                           "detentions"), _ARR),
    **dict.fromkeys(_words("rallied gathered marched protested demonstrated assembled "
                           "converged massed deployed stationed mobilized mobilised sent "
                           "dispatched joined"), _SIZE),
}
_NOUN_KINDS = _words("deaths fatalities injuries casualties arrests detentions")
# Words allowed between a count (with its noun) and the kind word after it.
_FILLER = _words(
    "were was are is be been being have has had reportedly reported estimated believed "
    "thought feared said confirmed known presumed understood likely to also all later "
    "subsequently allegedly apparently already eventually who that which of them whom "
    "those either both each were being among others more other then now initially "
    "officially still"
)
_OBJECT_SIZE_VERBS = _words("demonstrated gathered assembled massed")
_CLAIMED = _words("claimed claiming claims claim took taking")
_INJURY_NOUNS = _words("injuries injury wounds wound burns")
_PLACE_PREPS = _words("in at near across inside outside around from on throughout during")
_PHRASE_STOP = _words(
    "where when while as after before and but or who which that because since if though "
    "although whereas until so"
)
# Before the number: a toll and the words that link it to the number.
_TOLL_NOUNS = {
    **dict.fromkeys(_words("toll deaths dead fatalities"), _DEAD),
    **dict.fromkeys(_words("injuries injured wounded casualties"), _INJ),
    **dict.fromkeys(_words("arrests detentions"), _ARR),
}
_TOLL_PARTICIPLES = {"killed": _DEAD, "injured": _INJ, "wounded": _INJ, "arrested": _ARR,
                     "detained": _ARR}
_TOLL_VERBS = _words(
    "rose risen rises rising climbed climbs jumped reached reaches hit hits stood stands "
    "stand increased grew soared surpassed passed exceeded topped is was were are has had "
    "have been now put raised raising bringing brought pushing pushed taking took"
)
_TOLL_LINKS = _TOLL_VERBS | _words("to at of the officially further already total")
_TOLL_EXTRA = _words(": estimated numbering numbered people totaled totalled totalling totaling")
_CROWD_NOUNS = _words(
    "crowd crowds force contingent rally march protest demonstration gathering deployment "
    "army brigade battalion convoy column"
)
# Words before a number that make it a label, an age or a date.
_MONTH_WORDS = _words(
    "january february march april may june july august september october november "
    "december jan feb mar apr jun jul aug sep sept oct nov dec"
)
_LABELS = _words(
    "page pages p pp section article chapter paragraph no nos number resolution route "
    "highway flight room level grade phase stage round item category clause part volume "
    "vol line platform gate floor block bus channel episode season verse game match minute "
    "version rule aged age ages code district zone sector region province unit division "
    "squad ward lot plot building apartment terminal pier act term week day year "
    "model type class size"
) | _MONTH_WORDS
# Words after a number that make it a measure, money, time or date.
_MEASURES = _words(
    "percent pct per cent km kms kilometers kilometres kilometer kilometre miles mile metres "
    "meters meter metre m feet foot ft kg kilograms kilos tons tonnes pounds lbs acres "
    "hectares square sq barrels litres liters gallons degrees hours hour hrs minutes minute "
    "min mins sec secs seconds days day weeks week months month years year decades decade "
    "centuries "
    "century times dollars dollar euros euro yuan rupees yen rubles roubles shekels won "
    "francs pesos naira rand dinars riyals lira usd eur gbp am pm gmt utc bst est cet "
    "o'clock billion trillion points seats votes percentage mw gw kw mph rounds shots "
    "missiles rockets drones shells bombs tanks aircraft jets planes vehicles trucks "
    "countries nations states sides cities towns villages provinces regions districts "
    "buildings homes houses hospitals schools incidents attacks strikes cases"
) | _MONTH_WORDS

_DETERMINERS = _words(
    "the a an his her their its our your my this these those than then there here it they "
    "he she we you i to for with by into onto over under about against"
)

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[A-Za-z]+(?:['’][A-Za-z]+)?|\S")
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")
# Where a count may be (run on the lowercased text): a digit or a number word.
_CANDIDATE = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty"
    r"|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|dozens?|scores|several)\b"
)
_CURRENCY_BEFORE = frozenset("$€£¥₹₽#№")


# ------------------------------------------------------------------------- tokens


class _Tok:
    __slots__ = ("end", "low", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.low = text.lower()
        self.start = start
        self.end = end


def _tokenize(text: str) -> list[_Tok]:
    return [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _low(toks: list[_Tok], i: int) -> str:
    return toks[i].low if 0 <= i < len(toks) else ""


# ------------------------------------------------------------------ number parsing


_Core = tuple[int, int | None, int | None, str | None, int]


def _parse_core(toks: list[_Tok], i: int) -> _Core | None:
    """A number at token ``i``: (value, low, high, default qualifier, next index)."""
    if i >= len(toks):
        return None
    low = toks[i].low
    for seq, (value, lo, hi, qual) in _VAGUE_BY_FIRST.get(low, ()):
        n = len(seq)
        if tuple(t.low for t in toks[i : i + n]) == seq:
            return value, lo, hi, qual, i + n
    if low in ("a", "an") and _low(toks, i + 1) in ("dozen", "hundred", "thousand", "million"):
        word = toks[i + 1].low
        if word == "dozen":
            return 12, None, None, "approx", i + 2
        parsed = _parse_words(toks, i + 1, start_value=1)
        if parsed:
            return parsed[0], None, None, None, parsed[1]
        return None
    if toks[i].text[0].isdigit():
        if not _DIGITS.fullmatch(toks[i].text):
            return None
        number = float(toks[i].text.replace(",", ""))
        j = i + 1
        scale = _SCALES.get(_low(toks, j))
        if scale:
            number *= scale
            j += 1
        elif _low(toks, j) == "dozen":
            return (int(number) * 12, None, None, "approx", j + 1) if number >= 1 else None
        if number != int(number) or number < 1:
            return None
        return int(number), None, None, None, j
    if low in _NUMBER_WORDS:
        parsed = _parse_words(toks, i)
        if parsed:
            value, j = parsed
            if _low(toks, j) == "dozen":
                return value * 12, None, None, "approx", j + 1
            return value, None, None, None, j
    return None


def _parse_words(toks: list[_Tok], i: int, start_value: int = 0) -> tuple[int, int] | None:
    """Spelled-out numbers: "twenty-five", "one hundred and fifty", "two thousand"."""
    total, current = 0, start_value
    last = "scale" if start_value else None  # kind of the last word read
    j = i
    end = i
    n = len(toks)
    while j < n:
        w = toks[j].low
        if w in _UNITS_WORDS:
            if last in ("unit",) or (last == "tens" and _UNITS_WORDS[w] >= 10):
                break
            current += _UNITS_WORDS[w]
            last = "unit"
        elif w in _TENS_WORDS:
            if last in ("unit", "tens"):
                break
            current += _TENS_WORDS[w]
            last = "tens"
        elif w in _SCALES:
            if last is None:
                break
            scale = _SCALES[w]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
            last = "scale"
        elif w == "-" and last == "tens" and _low(toks, j + 1) in _UNITS_WORDS \
                and toks[j].start == toks[j - 1].end:
            j += 1
            continue
        elif w == "and" and last == "scale" and _low(toks, j + 1) in _NUMBER_WORDS \
                and _low(toks, j + 1) not in _SCALES:
            j += 1
            continue
        else:
            break
        j += 1
        end = j
    if end == i:
        return None
    value = total + current
    return (value, end) if value > 0 else None


def _parse_expression(toks: list[_Tok], i: int):  # noqa: ANN202
    """Qualifier + number (+ range / "-plus") at token ``i``, or None.

    Returns (value, low, high, qualifier, expression_start, number_start, end):
    number_start is the index of the first number token (after the qualifier).
    """
    qual = None
    j = i
    for size in range(_QUALIFIER_MAX, 0, -1):
        seq = tuple(t.low for t in toks[i : i + size])
        if len(seq) == size and seq in _QUALIFIERS:
            qual = _QUALIFIERS[seq]
            j = i + size
            break
    core = _parse_core(toks, j)
    if core is None:
        return None
    value, lo, hi, default_qual, k = core
    number_start = j
    if qual == "range":
        # between X and Y / from X to Y
        if _low(toks, k) in ("and", "to") and (second := _parse_core(toks, k + 1)):
            high = second[0]
            if high > value:
                return value, value, high, "range", i, number_start, second[4]
        if toks[i].low == "between":
            return None
        qual = None  # "from 12 ..." is not a range
        i = j
    # X to Y, X-Y, X or Y  (ranges without "between")
    if _low(toks, k) in ("to", "-", "–", "or") and default_qual is None:
        sep = toks[k]
        second = _parse_core(toks, k + 1)
        if second and second[3] is None and second[0] > value and (
            sep.low not in ("-", "–") or (sep.start == toks[k - 1].end
                                          and toks[k + 1].start == sep.end)
        ):
            if qual in (None, "exact"):
                return value, value, second[0], "range", i, number_start, second[4]
            return value, None, None, qual, i, number_start, k  # "about 10 or 12": keep 10
    # 10,000-plus / 10,000 plus
    if _low(toks, k) == "plus" or (_low(toks, k) == "-" and _low(toks, k + 1) == "plus"):
        step = 1 if _low(toks, k) == "plus" else 2
        return value, None, None, qual or "at_least", i, number_start, k + step
    # "a dozen or so", "100 or so"
    if _low(toks, k) == "or" and _low(toks, k + 1) == "so":
        return value, lo, hi, "approx", i, number_start, k + 2
    if qual is None:
        qual = default_qual or "exact"
    elif default_qual is not None and qual != "exact":
        lo, hi = None, None  # an explicit qualifier wins over the vague word's range
    elif default_qual is not None:
        qual = default_qual
    return value, lo, hi, qual, i, number_start, k


def parse_number(text: str) -> tuple[int, int | None] | None:
    """Read a number expression alone: ``(value, high)``; ``None`` if ``text`` is not one.

    >>> parse_number("10,000"), parse_number("twenty-five"), parse_number("1.5 million")
    ((10000, None), (25, None), (1500000, None))
    >>> parse_number("dozens"), parse_number("10 to 20"), parse_number("a dozen")
    ((24, 99), (10, 20), (12, None))
    """
    toks = _tokenize(text.strip())
    if not toks:
        return None
    parsed = _parse_expression(toks, 0)
    if parsed is None or parsed[6] != len(toks):
        return None
    value, _lo, high, _qual, _es, _ns, _end = parsed
    return value, high


# -------------------------------------------------------------------- exclusions


def _is_excluded(text: str, toks: list[_Tok], ns: int, end: int, value: int) -> bool:
    """True when the number at tokens [ns, end) is an age, a year, money, a label..."""
    first, last = toks[ns], toks[end - 1]
    before = text[first.start - 1] if first.start > 0 else " "
    after = text[last.end] if last.end < len(text) else " "
    if first.text[0].isdigit():
        if before.isalnum() or before in _CURRENCY_BEFORE or before in "/.:":
            return True
        if before in "-–" and first.start >= 2 and text[first.start - 2].isalpha():
            return True  # F-16, COVID-19
        if after in "%/" or after.isalpha():
            return True
        if after == ":" and text[last.end + 1 : last.end + 2].isdigit():
            return True
        if after in "'’" and text[last.end + 1 : last.end + 2] == "s":
            return True  # 1990's
    for tok in toks[ns:end]:
        raw = tok.text
        if len(raw) == 4 and raw.isdigit() and 1800 <= int(raw) <= 2100:
            # a year, unless a lone number right before a person noun ("2000 people")
            if end != ns + 1 or _low(toks, end) not in _PERSON_PLURALS:
                return True
    prev = _low(toks, ns - 1)
    if prev in _LABELS or (prev == "." and _low(toks, ns - 2) in _LABELS):
        return True
    nxt = _low(toks, end)
    if nxt in _MEASURES:
        return True
    if nxt in ("-", "–") and _low(toks, end + 1) in _MEASURES:
        return True  # 15-year-old, three-day, 10-km
    if first.low == "one":
        if nxt == "of" or nxt == "another" or prev in ("no", "any", "every", "the", "this",
                                                      "that", "which", "someone"):
            return True
    return False


# ----------------------------------------------------------------------- linking


def _find_unit(toks: list[_Tok], k: int) -> tuple[str | None, int, int]:
    """The noun a count counts: (unit text, index after it, index of the head noun).

    Skips "of", partitive "of the/them", and up to six modifiers ("Russian and North
    Korean", "other", "pro-democracy", "IS"). The head is a known person noun ("people",
    "troops", "police officers"), a capitalised plural ("Palestinians"), or any other
    lowercase plural ("firefighters"). Returns (None, k, -1) when no noun follows.
    """
    n = len(toks)
    j = k
    if _low(toks, j) == "of":
        j += 1
        if _low(toks, j) in ("them", "whom", "those", "us"):
            return None, j + 1, -1
        if _low(toks, j) in ("the", "their", "its", "these"):
            j += 1
    steps = 0
    while j < n and steps <= 6:
        tok = toks[j]
        w = tok.low
        if w in _PERSONS:
            nxt = _low(toks, j + 1)
            if nxt in _UNIT_PREFIXES and w in _UNIT_PREFIXES[nxt]:
                return tok.text + " " + toks[j + 1].text, j + 2, j + 1  # police officers
            if j > k and w in _UNIT_PREFIXES and toks[j - 1].low in _UNIT_PREFIXES[w]:
                return toks[j - 1].text + " " + tok.text, j + 1, j  # security forces
            return tok.text, j + 1, j
        if tok.text[0].isupper():
            if (_is_plural(w) or (w.endswith("is") and len(w) > 4)) \
                    and _low(toks, j + 1) not in _PERSONS and w not in _MEASURES:
                return tok.text, j + 1, j  # a demonym plural: "Palestinians", "Israelis"
            j += 1  # a name or demonym modifier: "North Korean", "IS", "PKK"
            steps += 1
            continue
        if w in _DETERMINERS:
            break
        if w in ("and", "other", "more"):
            if w == "and" and steps == 0:
                break  # "157 and Gaza militants": a new phrase, not a modifier
            j += 1
            steps += 1
            continue
        if w in _AFTER or w in _ACTIVE or w in _FILLER or w in _PLACE_PREPS \
                or w in _PHRASE_STOP or w in _MEASURES or w in _NUMBER_WORDS:
            break
        if w in ("-", "–") and j > k and tok.start == toks[j - 1].end:
            j += 1
            continue
        if not w[0].isalpha():
            break
        if _is_plural(w):
            return tok.text, j + 1, j  # an unlisted plural noun is the head
        j += 1
        steps += 1
    return None, k, -1


def _is_plural(w: str) -> bool:
    return (
        len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous"))
        and w not in _NOT_PLURAL
    )


_NOT_PLURAL = _words("this its his has was always perhaps whereas unless besides towards "
                     "afterwards sometimes nevertheless news")


def _following_kind(toks: list[_Tok], j: int, head: int) -> str | None:
    """The kind word after a count and its noun, across fillers and one place phrase."""
    n = len(toks)
    used = 0
    place_done = False
    first = True
    prev = ""
    while j < n and used <= 9:
        w = toks[j].low
        kind = _AFTER.get(w)
        if kind is not None:
            if w in _NOUN_KINDS and not first:
                return None
            if w in _OBJECT_SIZE_VERBS and _low(toks, j + 1) in _DETERMINERS:
                return None  # "demonstrated their skills", "gathered the evidence"
            if w == "sent" or w == "joined" or w == "deployed" or w == "dispatched":
                # "were sent/deployed": a size only with a force noun, never "sent home"
                if head < 0 or toks[head].low not in _FORCES:
                    return None
            return kind
        if w == "fatally" and _low(toks, j + 1) in ("wounded", "injured", "shot", "stabbed"):
            return _DEAD
        if w == "held" and prev in ("were", "was", "being", "been", "are", "is") \
                and _low(toks, j + 1) not in ("hostage", "captive", "responsible", "talks"):
            return _ARR
        if w in ("rounded",) and _low(toks, j + 1) == "up":
            return _ARR
        if w == "taken" and _low(toks, j + 1) == "into" and _low(toks, j + 2) == "custody":
            return _ARR
        if w == "lost" and _low(toks, j + 1) in ("their", "his", "her") \
                and _low(toks, j + 2) in ("lives", "life"):
            return _DEAD
        if w == "took" and _low(toks, j + 1) == "to" and _low(toks, j + 2) == "the" \
                and _low(toks, j + 3) == "streets":
            return _SIZE
        if w == "turned" and _low(toks, j + 1) == "out":
            return _SIZE
        if w == "shot" and _low(toks, j + 1) == "dead":
            return _DEAD
        if w == "found" and _low(toks, j + 1) == "dead":
            return _DEAD
        if w in ("suffered", "sustained", "received") and (
            _low(toks, j + 1) in _INJURY_NOUNS or _low(toks, j + 2) in _INJURY_NOUNS
        ):
            return _INJ  # "four firefighters suffered minor injuries"
        # "six members of the same family were shot dead": one short "of" phrase
        of_phrase = w == "of" and first and _low(toks, j + 1) in _OF_DETERMINERS
        if (w in _FILLER and not of_phrase) or (w.endswith("ly") and len(w) > 4 and w.isalpha()):
            pass
        elif (w in _PLACE_PREPS or of_phrase) and not place_done:
            place_done = True
            k = j + 1
            limit = min(n, j + 5)
            while k < limit and toks[k].low not in _PHRASE_STOP and toks[k].low not in _FILLER \
                    and toks[k].low not in _AFTER and toks[k].text[0].isalpha():
                k += 1
            j = k
            first = False
            prev = ""
            used += 1
            continue
        else:
            return None
        prev = w
        first = False
        used += 1
        j += 1
    return None


_OF_DETERMINERS = _words("the a an one his her their its")
_PASSIVE_AUX = _words("were was are is been being be")
_IRREGULAR_PARTICIPLES = _words(
    "shot hit held taken seen struck caught beaten stabbed hurt cut put sent found known "
    "driven thrown given brought"
)


def _passive_follows(toks: list[_Tok], j: int) -> bool:
    """True for "were shot", "have been charged": the group undergoes, it does not act."""
    saw_aux = False
    n = len(toks)
    while j < n:
        w = toks[j].low
        if w in _PASSIVE_AUX:
            saw_aux = True
        elif w in _FILLER or (w.endswith("ly") and len(w) > 4):
            pass
        else:
            return saw_aux and (w.endswith("ed") or w in _IRREGULAR_PARTICIPLES)
        j += 1
    return False


def _preceding_kind(toks: list[_Tok], qs: int, head: int) -> tuple[str | None, str]:
    """(kind, how) from the words before the expression starting at token ``qs``."""
    p = qs - 1
    w = _low(toks, p)
    if w in ("also", "reportedly", "allegedly"):
        p -= 1
        w = _low(toks, p)
    kind = _ACTIVE.get(w)
    if w == "up" and _low(toks, p - 1) == "rounded":
        kind = _ARR
    if w == "of" and _low(toks, p - 1) == "lives" and (
        _low(toks, p - 2) in _CLAIMED
        or (_low(toks, p - 2) in ("the", "their") and _low(toks, p - 3) in _CLAIMED)
    ):
        return _DEAD, "active"  # "claimed the lives of 14 people"
    if w in ("numbering", "numbered") or (w == "," and _low(toks, p - 1) in ("numbering",)):
        q = p - 1
        while q >= 0 and toks[q].low in (",", "numbering", "numbered"):
            q -= 1
        if q >= 0 and toks[q].low in _FORCES:
            return _SIZE, "crowd"  # "demonstrators, numbering around 4,000"
    if w == "dead" and _low(toks, p - 1) == "shot":
        return _DEAD, "active"  # "shot dead 11 protesters"
    if w == "lost" and head >= 0 and toks[head].low in _PERSONS:
        return _DEAD, "active"  # "the army lost 300 soldiers"
    if kind is not None:
        if w in ("held", "holding") and (head < 0 or toks[head].low not in _PERSONS):
            kind = None
        elif kind == _SIZE and head >= 0 and toks[head].low not in _FORCES \
                and toks[head].low not in ("people", "men", "personnel", "officers"):
            kind = None
        if kind is not None:
            return kind, "active"
    # toll / crowd: scan back over linking words
    seen_verb = False
    p = qs - 1
    steps = 0
    while p >= 0 and steps < 6:
        w = toks[p].low
        if w in _TOLL_NOUNS:
            if w == "dead" and _low(toks, p - 1) not in ("of", "the"):
                return None, ""
            return _TOLL_NOUNS[w], "toll"
        if w in _TOLL_PARTICIPLES:
            return (_TOLL_PARTICIPLES[w], "toll") if seen_verb else (None, "")
        if w in _CROWD_NOUNS:  # "a crowd of 5,000", "a force estimated at 3,000"
            return (_SIZE, "crowd") if 1 <= steps <= 3 else (None, "")
        if w in _TOLL_VERBS:
            seen_verb = True
        elif w in _TOLL_LINKS or w in _TOLL_EXTRA:
            pass
        else:
            return None, ""
        p -= 1
        steps += 1
    return None, ""


# ------------------------------------------------------------------------- public


def find_quantities(text: str) -> list[QuantityMention]:
    """Every count of dead, injured, arrested, or group size in ``text`` (one sentence).

    Offsets are character offsets into ``text``; ``text[q.start:q.end] == q.text``.
    Only windows around number words and digits are tokenised, so long texts stay cheap.
    """
    out: list[QuantityMention] = []
    for lo, hi in _windows(text):
        toks = [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, lo, hi)]
        for f in _scan(text, toks):
            if f["kind"] is None:
                continue
            out.append(QuantityMention(
                f["kind"], f["value"], f["qual"], text[f["start"] : f["end"]], f["start"],
                f["end"], f["unit"], f["low"], f["high"],
            ))
    return out


_WINDOW_BEFORE, _WINDOW_AFTER = 120, 200  # characters: wider than any link window


def _windows(text: str) -> list[tuple[int, int]]:
    """Merged windows around candidate numbers, snapped to whitespace."""
    windows: list[tuple[int, int]] = []
    size = len(text)
    for m in _CANDIDATE.finditer(text.lower()):
        lo = max(0, m.start() - _WINDOW_BEFORE)
        hi = min(size, m.end() + _WINDOW_AFTER)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
            continue
        if lo > 0:
            lo = text.rfind(" ", 0, lo) + 1
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    # end each window on whitespace so its last token is whole
    snapped = []
    for lo, hi in windows:
        if hi < size:
            space = text.find(" ", hi)
            hi = size if space < 0 else space
        if snapped and lo <= snapped[-1][1]:
            snapped[-1] = (snapped[-1][0], hi)
        else:
            snapped.append((lo, hi))
    return snapped


def _scan(text: str, toks: list[_Tok]) -> list[dict]:
    """Read every count in one token window and tie it to its kind."""
    n = len(toks)
    numish = [t.text[0].isdigit() or t.low in _NUMBER_WORDS or t.low in _VAGUE_FIRST
              or t.low == "dozen" for t in toks]
    found: list[dict] = []
    i = 0
    while i < n:
        t = toks[i]
        if not numish[i]:
            # a qualifier or "a dozen" only matters with a number close behind it
            if not ((t.low in _QUALIFIER_FIRST or t.low in ("a", "an"))
                    and any(numish[i + 1 : i + 5])):
                i += 1
                continue
        parsed = _parse_expression(toks, i)
        if parsed is None:
            i += 1
            continue
        value, lo, hi, qual, i, ns, end = parsed
        if _is_excluded(text, toks, ns, end, value):
            i = end
            continue
        unit, after_unit, head = _find_unit(toks, end)
        if toks[ns].low == "one" and head < 0 and _low(toks, end) not in _AFTER:
            if _ACTIVE.get(_low(toks, i - 1)) is None:
                i = end
                continue
        kind, how = _preceding_kind(toks, i, head)
        if how != "active":
            following = _following_kind(toks, after_unit, head)
            if following is not None:
                kind, how = following, "after"
        if kind is None and _low(toks, end) in ("-", "–") and _low(toks, end + 1) == "strong":
            kind, how = _SIZE, "noun"  # "a 10,000-strong force"
            if end + 2 < n and toks[end + 2].text.isalpha():
                unit = toks[end + 2].text
                after_unit = end + 3
        if kind is None and head >= 0 and toks[head].low in _FORCES \
                and _low(toks, i - 1) not in _NOT_SIZE_BEFORE \
                and not _passive_follows(toks, after_unit):
            kind, how = _SIZE, "noun"
        found.append({
            "kind": kind, "how": how, "value": value, "low": lo, "high": hi, "qual": qual,
            "start": toks[i].start, "end": toks[end - 1].end, "unit": unit,
            "first": i, "last": end, "after": after_unit,
        })
        i = max(after_unit, end)
    _coordinate(toks, found)
    _grow(toks, found)
    return found


# Verbs whose object is not an acting group: "captured 300 soldiers" is no size.
_NOT_SIZE_BEFORE = _words(
    "captured capturing freed freeing released releasing exchanged swapped evacuated "
    "evacuating rescued rescuing trained training repatriated returned handed buried "
    "mourned honored honoured withdrew withdrawing withdrawn of convicted acquitted "
    "charged sentenced accused indicted identified named suspended dismissed fired sacked "
    "awarded promoted"
)
_QUALIFIER_FIRST = frozenset(k[0] for k in _QUALIFIERS)
_VAGUE_FIRST = frozenset(k[0] for k in _VAGUE)
_COORD = _words("and , or as well as plus")


_GROWTH = _words("swelled swollen swelling grew grown growing rose risen rising climbed "
                 "increased jumped")
# Words between a count and the verb of its growth: "3,000, but it later swelled to".
_GROWN_LINKS = _words(", but and the it its that then soon later has had number total figure")


def _grow(toks: list[_Tok], found: list[dict]) -> None:
    """A count that grew: "a crowd of 3,000 swelled to more than 10,000" is one crowd, and
    its size is the later figure; the earlier one is dropped."""
    for a, b in zip(found, found[1:]):
        between = [t.low for t in toks[a["after"] : b["first"] - 2]]
        if a["kind"] is not None and b["kind"] is None and _low(toks, b["first"] - 1) == "to" \
                and _low(toks, b["first"] - 2) in _GROWTH and len(between) <= 8 \
                and all(w in _GROWN_LINKS or w in _CROWD_NOUNS or w.endswith("ly") for w in between):
            b["kind"], b["how"], b["unit"] = a["kind"], "grown", b["unit"] or a["unit"]
            a["kind"] = None


def _coordinate(toks: list[_Tok], found: list[dict]) -> None:
    """Share a kind across coordinated counts: "12 soldiers and 3 civilians were killed"."""
    for a, b in zip(found, found[1:]):
        between = [t.low for t in toks[a["after"] : b["first"]]]
        if not between or any(w not in _COORD for w in between):
            continue
        if b["how"] == "after" and a["how"] in ("", "noun"):
            a["kind"], a["how"] = b["kind"], "coord"
        elif a["how"] == "active" and b["how"] in ("", "noun"):
            b["kind"], b["how"] = a["kind"], "coord"
