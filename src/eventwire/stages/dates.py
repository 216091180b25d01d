"""Date expressions in news text, resolved against the article's publication time.

Pure text: no spaCy, no per-call ``dateparser``. One compiled regular expression finds
every supported expression in a single pass; small Python functions resolve them.

Public API
----------
``find_dates(text, published)``
    every date expression in ``text`` as a :class:`DateMention` (offsets into ``text``).
``date_for_trigger(text, trigger, published, clause=None)``
    the one expression that dates the event whose trigger spans ``trigger``.

What is recognised, and how it resolves (``published`` = the publication date)
------------------------------------------------------------------------------
=====================================  =========  =========================================
expression                             precision  resolves to
=====================================  =========  =========================================
2024-12-16                             day        itself
Dec. 16, 2024 / 16 December 2024       day        itself (weekday prefix allowed:
                                                  "Monday, Dec. 16")
Dec. 16 / 16 December (no year)        day        the year that puts it closest to
                                                  ``published``, preferring the past: a day
                                                  up to ~7 weeks ahead reads as upcoming,
                                                  anything later as last year's
December 2024                          month      "2024-12"
in / since / last / early December     month      same rule as a day without a year;
                                                  "last" = strictly before the publication
                                                  month, "next" = strictly after, "this" =
                                                  the publication year
in / since / by / of 2023, mid-2023    year       "2023" (a bare number is never a year)
Monday, on Monday, early Monday,       day        the most recent such weekday on or before
Tuesday night, Monday's                           the publication date (same day counts)
last Friday                            day        the most recent one strictly before
next Monday                            day        the first one strictly after
today, tonight, this morning           day        the publication date
yesterday, last night                  day        the day before
the day before yesterday               day        two days before
tomorrow                               day        the day after
N days / weeks ago                     day        N days / 7N days before
N months ago, last / this / next       month      calendar month arithmetic
month, earlier this month
N years ago, last / this / next year,  year       calendar year arithmetic
earlier this year
=====================================  =========  =========================================

Without a publication time every relative expression gets ``date=None`` (and
``precision=None``, so that a null date never carries a precision); absolute dates with
a year still resolve.

Not dates, and never reported: vague spans ("this week", "last week", "recently", "in
recent years", "a few days ago"), decades ("the 1990s"), ages ("a 15-year-old"), clock
times ("10:00"), durations ("for three days"), bare four-digit numbers, and a "year"
followed by a plural noun ("a crowd of 2000 protesters"). Named days ("Good Friday",
"Black Friday", "Super Tuesday") are not weekdays. Month names must be capitalised, so
the verbs "may" and "march" are never months; "May" needs a day, a year or a leading
preposition ("in May").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as _date
from datetime import datetime, timedelta

__all__ = ["DateMention", "date_for_trigger", "find_dates"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression: ``text[start:end]`` and what it resolves to.

    ``date`` is ISO: "YYYY-MM-DD" (precision "day"), "YYYY-MM" ("month") or "YYYY"
    ("year"); both are ``None`` when the expression cannot be resolved (a relative
    expression without a publication time).
    """

    start: int
    end: int
    text: str
    date: str | None
    precision: str | None


# --------------------------------------------------------------------------- lexicon

_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}
_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
# Words before a weekday that make it the name of a holiday, not a weekday.
_NAMED_DAY_PREFIXES = frozenset(
    "good black bloody super ash holy cyber palm easter maundy giving".split()
)
# A newspaper or show named after a weekday.
_TITLE_AFTER = re.compile(
    r"\s+(?:Times|Telegraph|Express|Mirror|Post|Herald|Tribune|Star|Independent|Mail"
    r"|Observer|World|Night\s+Football|Morning\s+Herald)\b"
)
# A word ending in "s" after a would-be year that is not a plural noun.
_NOT_PLURAL = frozenset(
    "was is as has this its his thus plus whereas unless always perhaps towards "
    "afterwards besides news".split()
)

# ------------------------------------------------------------------ the one regex

_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MON = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
# A year must not run on into a decade, a range or a bigger number.
_YEAR_END = r"\b(?!s\b|['’]s\b|[-–/]\d|[,.]\d)"
_PREP = r"(?i:(?:on|by|since|until|till|from|before|after|as\s+of|through)\s+)"
_DAYPART = r"(?:\s+(?:morning|afternoon|evening|night))"
_WD_PREFIX = r"(?:" + _WD + r",?\s+)"

_ALTERNATIVES = [
    # 2024-12-16
    ("iso", r"(?:(?i:on)\s+)?(?P<iso_y>" + _YEAR + r")-(?P<iso_m>0[1-9]|1[0-2])-"
            r"(?P<iso_d>0[1-9]|[12]\d|3[01])\b(?![-–]\d)"),
    # Dec. 16, 2024 / Monday, December 16 / Dec 16-17
    ("mdy", _PREP + r"?" + _WD_PREFIX + r"?(?P<mdy_m>" + _MON + r")\s+(?P<mdy_d>" + _DAY
            + r")(?:st|nd|rd|th)?\b(?![:.,]\d)(?:\s*[-–]\s*" + _DAY + r"\b)?"
            + r"(?:,?\s+(?P<mdy_y>" + _YEAR + r")" + _YEAR_END + r")?"),
    # 16 December 2024 / the 16th of December
    ("dmy", _PREP + r"?" + _WD_PREFIX + r"?(?:(?i:the)\s+)?(?P<dmy_d>" + _DAY
            + r")(?:st|nd|rd|th)?\s+(?:(?i:of)\s+)?(?P<dmy_m>" + _MON + r")"
            + r"(?:,?\s+(?P<dmy_y>" + _YEAR + r")" + _YEAR_END + r")?"),
    # December 2024 / in early December 2024
    ("my", r"(?:(?i:in|since|by|during|until|through|from|before|after)\s+)?"
           r"(?:(?i:early|late|mid)[-\s]?)?(?P<my_m>" + _MON + r"),?\s+(?P<my_y>" + _YEAR
           + r")" + _YEAR_END),
    # in December / last December / mid-December / earlier in December
    ("mon", r"(?P<mon_mod>(?i:in|since|by|during|until|through|last|this|next"
            r"|(?:earlier|later)\s+in|(?:in\s+)?(?:early|late)|(?:in\s+)?mid-?"
            r"|(?:at\s+)?the\s+(?:end|beginning|start|middle)\s+of))\s*(?<=[\s-])"
            r"(?P<mon_m>" + _MON + r")(?!\s*\d)"),
    # the day before yesterday / yesterday / late yesterday / today / tonight / ...
    ("rel", r"(?P<rel_w>(?i:(?:(?:early|late|earlier|later)\s+)?(?:the\s+day\s+before\s+"
            r"yesterday|yesterday|today|tonight|tomorrow|last\s+night"
            r"|this\s+(?:morning|afternoon|evening))))\b"),
    # three days ago / 2 weeks ago / a month ago / two years ago
    ("ago", r"(?P<ago_n>\d{1,3}|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten"
            r"|eleven|twelve))\s+(?P<ago_u>(?i:days?|weeks?|months?|years?))\s+(?i:ago)\b"),
    # last month / earlier this month / this year / next year / later this year
    ("lmy", r"(?i:(?P<lmy_mod>(?:(?:earlier|later)\s+)?(?:last|this|next))\s+"
            r"(?P<lmy_u>month|year))\b"),
    # Monday / on Monday / last Friday / early Monday / Tuesday night / Monday's
    ("wd", r"(?:(?P<wd_mod>(?i:on|last|this|next|since|by|until|from|overnight"
           r"|(?:early|late)(?:\s+on)?))\s+)?(?P<wd_d>" + _WD + r")\b(?:['’]s\b)?"
           + _DAYPART + r"?"),
    # in 2023 / since 2019 / in mid-2023 / in the summer of 2023 / the war of 2008
    ("yr", r"(?i:(?:in|since|by|during|from|until|through|before|after|of)\s+"
           r"(?:(?:early|late|mid)[-\s]?|the\s+(?:spring|summer|autumn|fall|winter|end"
           r"|beginning|start|middle|first\s+half|second\s+half)\s+of\s+)?"
           r"|mid-)(?P<yr_y>" + _YEAR + r")" + _YEAR_END),
]

_DATE_RE = re.compile(
    "|".join(r"(?P<" + name + r">\b" + body + ")" for name, body in _ALTERNATIVES)
)
# Every expression contains one of these; the full regex runs only in windows around
# them, which keeps long sentences cheap (the anchor regex is a plain alternation).
_ANCHOR = re.compile(
    r"\d{4}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Jan|Feb|Mar|Apr|May"
    r"|Jun|Jul|Aug|Sep|Oct|Nov|Dec|[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow|night"
    r"|morning|afternoon|evening|ago\b|[Mm]onth|[Yy]ear|YESTERDAY|TODAY"
)
_BEFORE, _AFTER = 45, 45  # window around an anchor: longer than any prefix / suffix
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_PREV_WORD = re.compile(r"([A-Za-z]+)\s*$")
_LEADING_PREP = re.compile(r"(?i)(?:on|in|at|during|since|by)\b")

_FUTURE_WEIGHT = 6  # a future day costs this many past days when guessing the year


# ------------------------------------------------------------------ resolution helpers


def _month_num(token: str) -> int:
    return _MONTHS[token.rstrip(".").lower()]


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _valid_day(year: int, month: int, day: int) -> _date | None:
    try:
        return _date(year, month, day)
    except ValueError:
        return None


def _closest_year_for_day(month: int, day: int, pub: _date) -> _date | None:
    best: tuple[int, _date] | None = None
    for year in (pub.year - 1, pub.year, pub.year + 1):
        candidate = _valid_day(year, month, day)
        if candidate is None:
            continue
        diff = (pub - candidate).days
        cost = diff if diff >= 0 else -diff * _FUTURE_WEIGHT
        if best is None or cost < best[0]:
            best = (cost, candidate)
    return best[1] if best else None


def _closest_month(month: int, pub: _date, mode: str) -> tuple[int, int]:
    here = pub.year * 12 + pub.month - 1
    candidates = [(y * 12 + month - 1) for y in (pub.year - 1, pub.year, pub.year + 1)]
    if mode == "last":
        index = max(c for c in candidates if c < here)
    elif mode == "next":
        index = min(c for c in candidates if c > here)
    elif mode == "this":
        index = pub.year * 12 + month - 1
    else:
        index = min(
            candidates, key=lambda c: here - c if c <= here else (c - here) * _FUTURE_WEIGHT
        )
    return index // 12, index % 12 + 1


def _weekday(wd: int, pub: _date, mode: str) -> _date:
    back = (pub.weekday() - wd) % 7
    if mode == "last":
        return pub - timedelta(days=back or 7)
    if mode == "next":
        return pub + timedelta(days=(wd - pub.weekday()) % 7 or 7)
    return pub - timedelta(days=back)


def _day(d: _date) -> tuple[str, str]:
    return d.isoformat(), "day"


def _month(year: int, month: int) -> tuple[str, str]:
    return f"{year:04d}-{month:02d}", "month"


def _year(year: int) -> tuple[str, str]:
    return f"{year:04d}", "year"


_NONE = (None, None)


def _followed_by_plural(text: str, end: int) -> bool:
    """True when a lowercase plural noun follows: "of 2000 protesters" is a count."""
    m = _NEXT_WORD.match(text, end)
    if not m:
        return False
    word = m.group(1)
    return word.islower() and word.endswith("s") and word not in _NOT_PLURAL


# ---------------------------------------------------------------------- resolvers
# Each returns (date, precision), _NONE for "a date, but unresolvable", or False for
# "not a date after all" (the match is dropped).


def _r_iso(m: re.Match[str], pub: _date | None):  # noqa: ANN202
    d = _valid_day(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
    return _day(d) if d else False


def _r_mdy(m: re.Match[str], pub: _date | None, prefix: str = "mdy"):  # noqa: ANN202
    month = _month_num(m[prefix + "_m"])
    day = int(m[prefix + "_d"])
    year = m[prefix + "_y"]
    if year:
        d = _valid_day(int(year), month, day)
        return _day(d) if d else False
    if _valid_day(2024, month, day) is None:  # 2024 is a leap year: Feb 29 is valid
        return False
    if pub is None:
        return _NONE
    d = _closest_year_for_day(month, day, pub)
    return _day(d) if d else _NONE


def _r_dmy(m: re.Match[str], pub: _date | None):  # noqa: ANN202
    return _r_mdy(m, pub, "dmy")


def _r_my(m: re.Match[str], pub: _date | None):  # noqa: ANN202
    return _month(int(m["my_y"]), _month_num(m["my_m"]))


def _r_mon(m: re.Match[str], pub: _date | None):  # noqa: ANN202
    month_word = m["mon_m"].rstrip(".")
    if pub is None:
        return _NONE
    mod = m["mon_mod"].lower()
    mode = mod if mod in ("last", "next", "this") else "closest"
    return _month(*_closest_month(_month_num(month_word), pub, mode))


_REL_OFFSETS = {
    "the day before yesterday": -2, "yesterday": -1, "last night": -1,
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "tomorrow": 1,
}
_SPACES = re.compile(r"\s+")
_REL_MODIFIER = re.compile(r"(?i)^(?:early|late|earlier|later)\s+")


def _r_rel(m: re.Match[str], pub: _date | None):  # noqa: ANN202
    before = m.string[max(0, m.start() - 5) : m.start()]
    if m["rel_w"].lower().endswith("today") and before.rstrip().endswith("USA"):
        return False  # the newspaper
    if pub is None:
        return _NONE
    key = _SPACES.sub(" ", _REL_MODIFIER.sub("", m["rel_w"])).lower()
    return _day(pub + timedelta(days=_REL_OFFSETS[key]))


def _r_ago(m: re.Match[str], pub: _date | None):  # noqa: ANN202
    raw = m["ago_n"].lower()
    n = int(raw) if raw.isdigit() else _SMALL_NUMBERS[raw]
    unit = m["ago_u"].lower().rstrip("s")
    if pub is None:
        return _NONE
    if unit == "day":
        return _day(pub - timedelta(days=n))
    if unit == "week":
        return _day(pub - timedelta(days=7 * n))
    if unit == "month":
        return _month(*_shift_month(pub.year, pub.month, -n))
    return _year(pub.year - n)


def _r_lmy(m: re.Match[str], pub: _date | None):  # noqa: ANN202
    if pub is None:
        return _NONE
    mod = m["lmy_mod"].lower().split()[-1]
    delta = {"last": -1, "this": 0, "next": 1}[mod]
    if m["lmy_u"].lower() == "month":
        return _month(*_shift_month(pub.year, pub.month, delta))
    return _year(pub.year + delta)


def _r_wd(m: re.Match[str], pub: _date | None):  # noqa: ANN202
    if m["wd_mod"] is None:
        prev = _PREV_WORD.search(m.string, max(0, m.start() - 20), m.start())
        if prev and prev.group(1).lower() in _NAMED_DAY_PREFIXES:
            return False  # Good Friday, Super Tuesday
        if _TITLE_AFTER.match(m.string, m.end()):
            return False  # the Sunday Times, Monday Night Football
    if pub is None:
        return _NONE
    mod = (m["wd_mod"] or "").lower()
    mode = mod if mod in ("last", "next") else "on"
    return _day(_weekday(_WEEKDAYS[m["wd_d"].lower()], pub, mode))


def _r_yr(m: re.Match[str], pub: _date | None):  # noqa: ANN202
    if _followed_by_plural(m.string, m.end()):
        return False
    return _year(int(m["yr_y"]))


_RESOLVERS = {
    "iso": _r_iso, "mdy": _r_mdy, "dmy": _r_dmy, "my": _r_my, "mon": _r_mon,
    "rel": _r_rel, "ago": _r_ago, "lmy": _r_lmy, "wd": _r_wd, "yr": _r_yr,
}


# -------------------------------------------------------------------------- public


def find_dates(text: str, published: datetime | None) -> list[DateMention]:
    """Every date expression in ``text``, left to right, resolved against ``published``.

    Offsets are character offsets into ``text``; ``text[m.start:m.end] == m.text``.
    """
    pub = published.date() if published is not None else None
    out: list[DateMention] = []
    for lo, hi in _windows(text):
        for m in _DATE_RE.finditer(text, lo, hi):
            kind = m.lastgroup
            if kind is None:  # pragma: no cover - every alternative is a named group
                continue
            resolved = _RESOLVERS[kind](m, pub)
            if resolved is False:
                continue
            value, precision = resolved
            start, end = m.span()
            out.append(DateMention(start, end, text[start:end], value, precision))
    return out


def _windows(text: str) -> list[tuple[int, int]]:
    """Merged character windows around the anchors of ``text``."""
    windows: list[tuple[int, int]] = []
    size = len(text)
    for a in _ANCHOR.finditer(text):
        lo = max(0, a.start() - _BEFORE)
        hi = min(size, a.end() + _AFTER)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            if lo > 0:  # start on a word boundary so no match begins mid-expression
                space = text.rfind(" ", 0, lo)
                lo = space + 1 if space >= 0 else 0
                if windows and lo <= windows[-1][1]:
                    windows[-1] = (windows[-1][0], hi)
                    continue
            windows.append((lo, hi))
    return windows


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans; 0 when they touch or overlap."""
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


# A strong break between a date and the trigger: semicolon, dash, or a sentence end
# (a period after a lowercase word, so "U.S." and "Dec." do not count).
_BARRIER = re.compile(r";|\s(?:--|[–—])\s|(?<=[a-z]{2})[.!?][\"'”’]?\s+(?=[\"“A-Z])")


def date_for_trigger(
    text: str,
    trigger: tuple[int, int],
    published: datetime | None,
    *,
    clause: tuple[int, int] | None = None,
    mentions: list[DateMention] | None = None,
) -> DateMention | None:
    """The date expression that dates the event whose trigger is ``text[trigger]``.

    Heuristic, in order:

    1. If the caller gives ``clause`` (the trigger's clause span), only expressions
       wholly inside it are candidates. No candidate means no date: this is how the
       caller keeps "X said Monday that Y happened" from dating Y with the saying's
       Monday (pass the complement as ``clause`` for Y's trigger).
    2. Expressions separated from the trigger by a strong boundary (";", a spaced dash,
       or a sentence end) are dropped.
    3. Among the rest, the nearest to the trigger by character gap wins. An expression
       that opens with a preposition (on/in/at/during/since/by) counts as 25% nearer,
       because "on Monday" attaches to a verb more reliably than a bare "Monday".
       Ties go to the expression before the trigger (news puts "on Monday" right after
       the subject: "Police on Monday arrested ...").

    ``mentions`` lets a caller that already ran :func:`find_dates` on ``text`` reuse it.
    Returns ``None`` when no expression qualifies. The returned mention may still have
    ``date=None`` (relative expression, no publication time).
    """
    found = find_dates(text, published) if mentions is None else mentions
    if not found:
        return None
    t_start, t_end = trigger
    best: tuple[float, int, DateMention] | None = None
    for mention in found:
        if clause is not None and not (clause[0] <= mention.start and mention.end <= clause[1]):
            continue
        if mention.start < t_start and mention.end <= t_start:
            between = text[mention.end : t_start]
            side = 0
        elif mention.start >= t_end:
            between = text[t_end : mention.start]
            side = 1
        else:  # overlapping the trigger (e.g. a nominal trigger "Monday's attack")
            between, side = "", 0
        if _BARRIER.search(between):
            continue
        score = float(_gap((mention.start, mention.end), trigger))
        if _LEADING_PREP.match(mention.text):
            score *= 0.75
        key = (score, side, mention)
        if best is None or key[:2] < best[:2]:
            best = key
    return best[2] if best else None
