"""Datelines are skipped by the parser and date the story when nothing else does."""

from __future__ import annotations

from datetime import datetime

import pytest

from eventwire.dateline import split_dateline
from eventwire.readers import build_article


@pytest.mark.parametrize(
    ("text", "place", "date", "rest"),
    [
        ("ROME, Italy -- Police detained six people.", "Rome", None, "Police"),
        ("ACCRA, June 3 (Reuters) -- Ghana's army said ...", "Accra", None, "Ghana's"),
        ("KHARTOUM: The army said on Sunday ...", "Khartoum", None, "The"),
        ("Feb. 2, 2019 -- Lawmakers voted ...", None, datetime(2019, 2, 2), "Lawmakers"),
        ("2003-07-14 09:30:00 EDT BOSTON -- A judge ruled ...", None,
         datetime(2003, 7, 14, 9, 30), "A judge"),
    ],
    ids=["place-country", "place-date-agency", "place-colon", "month-date", "iso-stamp"],
)  # fmt: skip
def test_dateline_is_split(text, place, date, rest):
    line = split_dateline(text)
    assert line is not None
    assert (line.place, line.date) == (place, date)
    assert text[line.length :].startswith(rest)


@pytest.mark.parametrize(
    "text",
    ["The minister said: we will act.", "I told them: no.", "US: the talks failed", "Police said."],
)
def test_dateline_not_found_in_ordinary_sentences(text):
    assert split_dateline(text) is None


def test_dateline_dates_an_undated_story():
    article = build_article(id="x", headline="Court rules", published=None,
                            paragraphs=["Feb. 2, 2019 -- The court ruled on Monday."])  # fmt: skip
    assert article.published == datetime(2019, 2, 2)


def test_dateline_never_overrides_a_given_date():
    given = datetime(2020, 5, 1)
    article = build_article(id="x", headline=None, published=given,
                            paragraphs=["Feb. 2, 2019 -- The court ruled on Monday."])  # fmt: skip
    assert article.published == given


@pytest.mark.parametrize(
    ("text", "place", "month_day"),
    [
        ("SRINAGAR, Indian-controlled Kashmir, May 29 (Xinhua) -- A civilian was killed.",
         "Srinagar", (5, 29)),
        ("LIMA, Sept. 4 (AFP) -- Police said ...", "Lima", (9, 4)),
        ("NAIROBI (Reuters) - Kenyan police said ...", "Nairobi", None),
    ],
    ids=["region-then-day", "abbreviated-month", "agency-hyphen"],
)  # fmt: skip
def test_dateline_keeps_a_bare_month_and_day(text, place, month_day):
    line = split_dateline(text)
    assert line is not None and (line.place, line.date, line.month_day) == (place, None, month_day)


@pytest.mark.parametrize(
    ("published", "day"),
    [
        (datetime(2019, 5, 30, 8), datetime(2019, 5, 29)),
        (datetime(2020, 1, 2), datetime(2019, 12, 29)),
        (datetime(2019, 5, 20), None),
        (datetime(2019, 8, 1), None),
        (None, None),
    ],
    ids=["next-day", "across-new-year", "before-publication", "months-later", "unpublished"],
)  # fmt: skip
def test_dateline_day_borrows_a_year_only_when_safe(published, day):
    from eventwire.dateline import dateline_day

    month = 12 if published and published.month == 1 else 5
    line = split_dateline(f"LIMA, {'Dec.' if month == 12 else 'May'} 29 (AFP) -- Police said ...")
    assert dateline_day(line, published) == day
