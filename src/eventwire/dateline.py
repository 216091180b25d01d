"""Datelines: "CAIRO, Egypt --", "LAGOS, May 28 (Xinhua) --", "Dec. 31, 2000 --", "MOSCOW: ",
and picture credits run into the text ("Photo: AFP").

A dateline opens a story's first paragraph but belongs to no sentence: parsed as text it
becomes a subject or a claimant. :func:`split_dateline` finds its length (so the parser can
skip it) and the date it carries, when it names one with a year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

__all__ = ["Dateline", "credit_tail", "dateline_day", "split_dateline"]

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_PLACE = r"[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){0,3}"
_REGION = r"(?:,\s*[A-Z][A-Za-z.'’-]+(?:\s[A-Z][A-Za-z.'’-]+){0,3})?"
_DAY = rf"(?:,\s*(?P<month>{_MONTH})\s(?P<day>\d{{1,2}}))?"
_AGENCY = r"(?:\s*\((?:[A-Za-z]+)\))?"
_SEP = r"\s*(?:--|—|–|:)\s+"
# "WASHINGTON (Reuters) - ": a plain hyphen separates only after an agency.
_PLACE_LINE = re.compile(
    rf"^(?P<place>{_PLACE}){_REGION}{_DAY}(?:{_AGENCY}{_SEP}|\s*\([A-Za-z]+\)\s+-\s+)"
)
_DATE_LINE = re.compile(
    rf"^(?P<date>{_MONTH}\s\d{{1,2}},\s\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    rf"(?P<rest>[ \d:]*(?:[A-Z]{{2,4}})?(?:\s{_PLACE})?){_SEP}"
)


# A picture credit run into the text: "Photo: AFP New Delhi: ...", "Photo: HT Seeking ...".
_CREDIT = re.compile(
    r"^(?:File\s)?(?:Photo|Photograph|Picture|Image)s?(?:\scredit)?\s*:\s*"
    r"(?:[A-Z]{2,}|Reuters|Getty(?:\sImages)?)(?:\s*/\s*[A-Z][A-Za-z]*)*\s+"
    r"(?:(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}):\s+)?"
)
_WIRE = re.compile(r"\([A-Za-z]+\)\s*(?:--|—|–|-)\s+$")


@dataclass(frozen=True, slots=True)
class Dateline:
    length: int  # characters to skip, separator and spaces included
    place: str | None
    date: datetime | None
    month_day: tuple[int, int] | None = None  # "May 28" with no year


def split_dateline(paragraph: str, *, opening: bool = True) -> Dateline | None:
    """The dateline at the start of ``paragraph``, or ``None``.

    Past a story's ``opening`` paragraphs only unmistakable ones count: a picture credit,
    or a wire dateline with its agency ("UNITED NATIONS, May 28 (Xinhua) --")."""
    match = _CREDIT.match(paragraph)
    if match and match.end() < len(paragraph):
        return Dateline(match.end(), match["place"], None)
    match = _DATE_LINE.match(paragraph)
    if match and opening:
        return Dateline(match.end(), None, _parse_date(match["date"], match["rest"]))
    match = _PLACE_LINE.match(paragraph)
    if match and len(match["place"]) >= 3 and match.end() < len(paragraph) and (
        opening or _WIRE.search(match.group(0))
    ):
        month_day = None
        if match["month"]:
            month = datetime.strptime(match["month"][:3], "%b").month
            month_day = (month, int(match["day"]))
        return Dateline(match.end(), match["place"].title(), None, month_day)
    return None


DATELINE_LAG = 7  # days a story may be published after its dateline


def dateline_day(line: Dateline, published: datetime | None) -> datetime | None:
    """The calendar day of a month-and-day dateline, in the year that puts it on or up to
    a week before publication ("May 28" published 2019-05-29 is 2019-05-28; "Dec. 31"
    published 2020-01-02 is 2019-12-31). ``None`` without a publication time, and when no
    year fits: the dateline then says nothing safe about the year."""
    if line.month_day is None or published is None:
        return None
    month, day = line.month_day
    for year in (published.year, published.year - 1):
        try:
            when = datetime(year, month, day)
        except ValueError:
            continue
        if timedelta(0) <= published.replace(tzinfo=None) - when < timedelta(days=DATELINE_LAG + 1):
            return when
    return None


# The agency a headline is signed with: "Turkey launches operation in Iraq - Xinhua".
_TAIL = re.compile(
    r"\s+[-|–—]\s+(?:Xinhua|Reuters|AFP|AP|UPI|Yonhap|Kyodo|Anadolu|TASS|IANS|PTI|ANI|"
    r"BBC(?: News)?|CNN|Al Jazeera|France 24|DW|VOA)(?:\.(?:com|net|org|cn))?\s*$"
)


def credit_tail(headline: str) -> int:
    """How many characters at the end of a headline only name the agency that sent it."""
    match = _TAIL.search(headline)
    return len(headline) - match.start() if match else 0


def _parse_date(text: str, rest: str) -> datetime | None:
    clock = re.search(r"(\d{1,2}):(\d{2})", rest or "")
    for fmt in ("%Y-%m-%d", "%b. %d, %Y", "%b %d, %Y", "%B %d, %Y", "%Sept. %d, %Y"):
        try:
            when = datetime.strptime(text.replace("Sept.", "Sep."), fmt)
        except ValueError:
            continue
        if clock:
            when = when.replace(hour=int(clock[1]) % 24, minute=int(clock[2]) % 60)
        return when
    return None
