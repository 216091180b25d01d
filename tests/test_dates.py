"""Date expressions: finding them, resolving them against the publication time, and
choosing the one that dates a trigger. Hermetic except the seed test (``shared_dir``)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.stages.dates import DateMention, date_for_trigger, find_dates

# Friday 13 June 2025, mid-morning.
PUB = datetime(2025, 6, 13, 9, 30)


def only(text: str, published: datetime | None = PUB) -> DateMention:
    found = find_dates(text, published)
    assert len(found) == 1, found
    m = found[0]
    assert text[m.start : m.end] == m.text
    return m


# ------------------------------------------------------------------ expressions

EXPRESSIONS = [
    # text, expected mention text, date, precision
    pytest.param("The council on Friday approved the budget.", "on Friday", "2025-06-13", "day",
                 id="weekday-same-day"),
    pytest.param("Rebels on Monday seized the airport.", "on Monday", "2025-06-09", "day",
                 id="on-weekday-earlier-this-week"),
    pytest.param("The minister resigned Wednesday after the vote.", "Wednesday", "2025-06-11",
                 "day", id="bare-weekday"),
    pytest.param("Troops withdrew last Friday from the town.", "last Friday", "2025-06-06",
                 "day", id="last-weekday-excludes-today"),
    pytest.param("The envoys will meet next Monday in Geneva.", "next Monday", "2025-06-16",
                 "day", id="next-weekday"),
    pytest.param("Shelling resumed early Tuesday near the port.", "early Tuesday",
                 "2025-06-10", "day", id="early-weekday"),
    pytest.param("The crowd dispersed Thursday night without incident.", "Thursday night",
                 "2025-06-12", "day", id="weekday-night"),
    pytest.param("Police said late on Sunday that two men fled.", "late on Sunday",
                 "2025-06-08", "day", id="late-on-weekday"),
    pytest.param("Saturday's blast destroyed a depot.", "Saturday's", "2025-06-07", "day",
                 id="weekday-possessive"),
    pytest.param("The ministry confirmed the deal yesterday.", "yesterday", "2025-06-12",
                 "day", id="yesterday"),
    pytest.param("The tribunal will rule today on the appeal.", "today", "2025-06-13", "day",
                 id="today"),
    pytest.param("Opposition leaders will address supporters tonight.", "tonight",
                 "2025-06-13", "day", id="tonight"),
    pytest.param("Gunfire was heard last night in the old city.", "last night", "2025-06-12",
                 "day", id="last-night"),
    pytest.param("The embassy was closed the day before yesterday.",
                 "the day before yesterday", "2025-06-11", "day", id="day-before-yesterday"),
    pytest.param("The strike began three days ago at the mine.", "three days ago",
                 "2025-06-10", "day", id="days-ago"),
    pytest.param("The talks collapsed 2 weeks ago.", "2 weeks ago", "2025-05-30", "day",
                 id="weeks-ago"),
    pytest.param("The border was reopened two years ago.", "two years ago", "2023", "year",
                 id="years-ago"),
    pytest.param("The accord was signed on Dec. 16 in Oslo.", "on Dec. 16", "2024-12-16",
                 "day", id="abbreviated-month-day"),
    pytest.param("Voting ended on 2 June after a long campaign.", "on 2 June", "2025-06-02",
                 "day", id="day-month"),
    pytest.param("The ceasefire took effect March 3, 2022, at dawn.", "March 3, 2022",
                 "2022-03-03", "day", id="month-day-year"),
    pytest.param("The decree of 14 November 2019 was annulled.", "14 November 2019",
                 "2019-11-14", "day", id="day-month-year"),
    pytest.param("Elections were held on Sunday, April 27, in the north.",
                 "on Sunday, April 27", "2025-04-27", "day", id="weekday-and-date"),
    pytest.param("The report is dated 2025-05-30 and was leaked.", "2025-05-30", "2025-05-30",
                 "day", id="iso-date"),
    pytest.param("The raids started in May and continued.", "in May", "2025-05", "month",
                 id="in-month"),
    pytest.param("Fighting has raged since February 2024 in the region.",
                 "since February 2024", "2024-02", "month", id="month-year"),
    pytest.param("The cabinet fell last month amid protests.", "last month", "2025-05",
                 "month", id="last-month"),
    pytest.param("Ministers met earlier this month in Cairo.", "earlier this month", "2025-06",
                 "month", id="earlier-this-month"),
    pytest.param("The pipeline was bombed in mid-January.", "in mid-January", "2025-01",
                 "month", id="mid-month"),
    pytest.param("The treaty was ratified in 2021 by parliament.", "in 2021", "2021", "year",
                 id="in-year"),
    pytest.param("The militia has been active since 2016.", "since 2016", "2016", "year",
                 id="since-year"),
    pytest.param("The dam was finished in the summer of 2020.", "in the summer of 2020",
                 "2020", "year", id="season-of-year"),
    pytest.param("Turnout fell sharply last year.", "last year", "2024", "year",
                 id="last-year"),
    pytest.param("Sanctions will be reviewed later this year.", "later this year", "2025",
                 "year", id="later-this-year"),
]


@pytest.mark.parametrize(("text", "span_text", "date", "precision"), EXPRESSIONS)
def test_expression_is_found_and_resolved(
    text: str, span_text: str, date: str, precision: str
) -> None:
    m = only(text)
    assert (m.text, m.date, m.precision) == (span_text, date, precision)


NOT_DATES = [
    pytest.param("A 15-year-old was among the wounded.", id="age"),
    pytest.param("The building dates from the 1900s.", id="decade"),
    pytest.param("The curfew starts at 22:00 sharp.", id="clock-time"),
    pytest.param("The siege lasted for three days.", id="duration"),
    pytest.param("Relations have worsened this week.", id="this-week-vague"),
    pytest.param("Relations have worsened recently.", id="recently-vague"),
    pytest.param("Inflation has climbed in recent years.", id="recent-years-vague"),
    pytest.param("They condemned the raid in the strongest possible terms.", id="strongest-terms"),
    pytest.param("Officials said 2019 residents signed the petition.", id="bare-four-digits"),
    pytest.param("More than 10,000 troops crossed the river.", id="quantity-not-year"),
    pytest.param("A crowd of 2000 protesters filled the square.", id="of-number-before-plural"),
    pytest.param("Pilgrims gathered on Good Friday at the shrine.", id="named-holiday"),
    pytest.param("The Sunday Times printed the letter.", id="newspaper-name"),
    pytest.param("Residents may march to the palace.", id="modal-may-verb-march"),
    pytest.param("The strike began a few days ago.", id="a-few-days-ago-vague"),
    pytest.param("Deliveries resume on Mondays and Fridays.", id="plural-weekdays"),
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date(text: str) -> None:
    assert find_dates(text, PUB) == []


# ------------------------------------------------------------------ resolution edges

ROLLOVER = [
    pytest.param("on Dec. 30", datetime(2025, 1, 2), "2024-12-30",
                 id="month-day-previous-year"),
    pytest.param("on Jan. 1", datetime(2024, 12, 30), "2025-01-01", id="month-day-just-ahead"),
    pytest.param("on Nov. 20", datetime(2025, 6, 13), "2024-11-20",
                 id="month-day-far-ahead-is-past"),
    pytest.param("on Monday", datetime(2025, 6, 9, 8), "2025-06-09",
                 id="weekday-published-that-day"),
    pytest.param("on Sunday", datetime(2025, 1, 1), "2024-12-29", id="weekday-across-new-year"),
    pytest.param("yesterday", datetime(2025, 3, 1), "2025-02-28", id="yesterday-across-month"),
    pytest.param("on Feb. 29", datetime(2025, 3, 5), "2024-02-29", id="leap-day-last-leap-year"),
]


@pytest.mark.parametrize(("text", "published", "date"), ROLLOVER)
def test_rollover(text: str, published: datetime, date: str) -> None:
    assert only(text, published).date == date


@pytest.mark.parametrize(
    ("text", "published", "date"),
    [
        pytest.param("last month", datetime(2025, 1, 15), "2024-12", id="last-month-january"),
        pytest.param("in December", datetime(2025, 1, 15), "2024-12",
                     id="in-december-read-in-january"),
        pytest.param("last December", datetime(2024, 12, 20), "2023-12",
                     id="last-month-name-strict"),
        pytest.param("in February", datetime(2025, 1, 15), "2025-02",
                     id="in-next-month-upcoming"),
        pytest.param("next year", datetime(2025, 12, 31), "2026", id="next-year"),
    ],
)
def test_month_and_year_arithmetic(text: str, published: datetime, date: str) -> None:
    assert only(text, published).date == date


def test_without_publication_relative_is_null_absolute_resolves() -> None:
    found = find_dates(
        "On Monday police said the decree of 3 May 2021 expired in 2023 and yesterday.", None
    )
    got = {m.text: (m.date, m.precision) for m in found}
    assert got == {
        "On Monday": (None, None),
        "3 May 2021": ("2021-05-03", "day"),
        "in 2023": ("2023", "year"),
        "yesterday": (None, None),
    }


def test_month_day_without_year_needs_publication() -> None:
    assert only("on Aug. 4", None).date is None


def test_invalid_calendar_day_is_dropped() -> None:
    assert find_dates("The memo is dated Feb. 30, 2023.", PUB) == []


def test_offsets_are_exact_in_longer_text() -> None:
    text = "Witnesses said that on Tuesday, and again in March, soldiers fired on crowds."
    for m in find_dates(text, PUB):
        assert text[m.start : m.end] == m.text
    assert [m.text for m in find_dates(text, PUB)] == ["on Tuesday", "in March"]


# ------------------------------------------------------------------ date_for_trigger


def _span(text: str, word: str) -> tuple[int, int]:
    i = text.index(word)
    return i, i + len(word)


def test_trigger_takes_the_nearest_expression() -> None:
    text = "Police on Wednesday said the bombing on Sunday killed four guards."
    m = date_for_trigger(text, _span(text, "killed"), PUB)
    assert m is not None and m.text == "on Sunday" and m.date == "2025-06-08"
    m = date_for_trigger(text, _span(text, "said"), PUB)
    assert m is not None and m.text == "on Wednesday"


def test_clause_keeps_the_reporting_date_out_of_the_complement() -> None:
    text = "The army said Tuesday that militants had shelled the village."
    trigger = _span(text, "shelled")
    clause = (text.index("militants"), len(text) - 1)
    assert date_for_trigger(text, trigger, PUB, clause=clause) is None
    # without a clause the caller accepts the nearest date
    m = date_for_trigger(text, trigger, PUB)
    assert m is not None and m.text == "Tuesday"


def test_clause_prefers_the_date_inside_it() -> None:
    text = "Officials said Thursday that the convoy was attacked on Monday near the pass."
    clause = (text.index("the convoy"), len(text) - 1)
    m = date_for_trigger(text, _span(text, "attacked"), PUB, clause=clause)
    assert m is not None and m.date == "2025-06-09"


def test_preposition_wins_a_near_tie() -> None:
    text = "Tuesday's ruling was appealed on Wednesday by the defence."
    m = date_for_trigger(text, _span(text, "appealed"), PUB)
    assert m is not None and m.text == "on Wednesday"


def test_semicolon_is_a_barrier() -> None:
    text = "The rally was peaceful on Saturday; protesters were arrested."
    assert date_for_trigger(text, _span(text, "arrested"), PUB) is None


def test_no_dates_no_answer() -> None:
    text = "Rebels fired rockets at the base."
    assert date_for_trigger(text, _span(text, "fired"), PUB) is None


def test_abbreviation_period_is_not_a_barrier() -> None:
    text = "The U.S. on Friday imposed new sanctions."
    m = date_for_trigger(text, _span(text, "imposed"), PUB)
    assert m is not None and m.text == "on Friday"


# ------------------------------------------------------------------ seed article


@pytest.mark.shared
def test_seed_dates(shared_dir) -> None:  # noqa: ANN001
    gold = json.loads((shared_dir / "gold" / "seed.gold.jsonl").read_text().splitlines()[0])
    published = datetime.fromisoformat(gold["published"])
    lines = (shared_dir / "corpus" / "seed.txt").read_text(encoding="utf-8").splitlines()

    def line_with(word: str) -> str:
        return next(line for line in lines if word in line)

    text = line_with("denounced")
    m = date_for_trigger(text, _span(text, "denounced"), published)
    assert m is not None and (m.text, m.date, m.precision) == ("on Thursday", "2024-12-19", "day")

    text = line_with("eight other countries")
    m = date_for_trigger(text, _span(text, "condemned"), published)
    assert m is not None and (m.text, m.date) == ("on Monday", "2024-12-16")
    assert [d.text for d in find_dates(text, published)] == ["on Monday"]

    text = line_with("significant losses")
    m = date_for_trigger(text, _span(text, "said"), published)
    assert m is not None and m.date == "2024-12-16"
    complement = (text.index("North Korean troops"), len(text))
    assert date_for_trigger(text, _span(text, "suffered"), published, clause=complement) is None


# ------------------------------------------------------------------ robustness

_PIECES = st.sampled_from(
    "on|Monday|Dec.|16|,|2024|in|2023|yesterday|last|month|3|days|ago|mid-|May|may|Feb.|29|"
    "the|day|before|of|early|night|10:00|1990s|-|.|;".split("|")
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_PIECES, max_size=20),
    st.sampled_from([None, datetime(2024, 2, 29), datetime(2025, 1, 1, 23, 59)]),
)
def test_never_raises_and_offsets_hold(pieces: list[str], published: datetime | None) -> None:
    text = " ".join(pieces)
    found = find_dates(text, published)
    for m in found:
        assert text[m.start : m.end] == m.text
        assert (m.date is None) == (m.precision is None)
        assert m.precision in (None, "day", "month", "year")
    if text:
        date_for_trigger(text, (0, 1), published)
