"""Datelines: "CAIRO, Egypt --", "LAGOS, May 28 (Xinhua) --", "Dec. 31, 2000 --", "MOSCOW: ".

A dateline opens a story's first paragraph but belongs to no sentence: parsed as text it
becomes a subject or a claimant. :func:`split_dateline` finds its length (so the parser can
skip it) and the date it carries, when it names one with a year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

__all__ = ["Dateline", "split_dateline"]

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_PLACE = r"[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){0,3}"
_REGION = r"(?:,\s*(?:[A-Z][A-Za-z.'’-]+(?:\s[A-Z][A-Za-z.'’-]+){0,3}|" + _MONTH + r"\s\d{1,2}))?"
_AGENCY = r"(?:\s*\((?:[A-Za-z]+)\))?"
_SEP = r"\s*(?:--|—|–|:)\s+"
_PLACE_LINE = re.compile(rf"^(?P<place>{_PLACE}){_REGION}{_AGENCY}{_SEP}")
_DATE_LINE = re.compile(
    rf"^(?P<date>{_MONTH}\s\d{{1,2}},\s\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    rf"(?P<rest>[ \d:]*(?:[A-Z]{{2,4}})?(?:\s{_PLACE})?){_SEP}"
)


@dataclass(frozen=True, slots=True)
class Dateline:
    length: int  # characters to skip, separator and spaces included
    place: str | None
    date: datetime | None


def split_dateline(paragraph: str) -> Dateline | None:
    """The dateline at the start of ``paragraph``, or ``None``."""
    match = _DATE_LINE.match(paragraph)
    if match:
        return Dateline(match.end(), None, _parse_date(match["date"], match["rest"]))
    match = _PLACE_LINE.match(paragraph)
    if match and len(match["place"]) >= 3 and match.end() < len(paragraph):
        return Dateline(match.end(), match["place"].title(), None)
    return None


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
