"""Counts of dead, injured, arrested and group size, with qualifiers and units.
Hermetic except the seed test (``shared_dir``)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.stages.quantities import QuantityMention, find_quantities, parse_number


def q(text: str) -> list[tuple]:
    """(kind, value, qualifier, text, unit) for every count in ``text``; checks offsets."""
    found = find_quantities(text)
    for m in found:
        assert isinstance(m, QuantityMention)
        assert text[m.start : m.end] == m.text
    return [(m.kind, m.value, m.qualifier, m.text, m.unit) for m in found]


# ------------------------------------------------------------------ parse_number

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("10,000", (10000, None), id="digits-with-commas"),
        pytest.param("7", (7, None), id="digit"),
        pytest.param("two", (2, None), id="word"),
        pytest.param("Eleven", (11, None), id="capitalised-word"),
        pytest.param("twenty-five", (25, None), id="hyphenated-words"),
        pytest.param("forty one", (41, None), id="spaced-words"),
        pytest.param("a hundred", (100, None), id="a-hundred"),
        pytest.param("one hundred and twenty", (120, None), id="hundred-and"),
        pytest.param("three thousand five hundred", (3500, None), id="thousands-words"),
        pytest.param("1.5 million", (1500000, None), id="decimal-million"),
        pytest.param("2 million", (2000000, None), id="digit-million"),
        pytest.param("a dozen", (12, None), id="a-dozen"),
        pytest.param("two dozen", (24, None), id="two-dozen"),
        pytest.param("dozens", (24, 99), id="dozens"),
        pytest.param("scores", (40, 199), id="scores"),
        pytest.param("hundreds", (200, 999), id="hundreds"),
        pytest.param("thousands", (2000, 9999), id="thousands"),
        pytest.param("tens of thousands", (20000, 99999), id="tens-of-thousands"),
        pytest.param("hundreds of thousands", (200000, 999999), id="hundreds-of-thousands"),
        pytest.param("10 to 20", (10, 20), id="range-to"),
        pytest.param("between 30 and 40", (30, 40), id="range-between"),
        pytest.param("10,000-plus", (10000, None), id="plus-suffix"),
        pytest.param("banana", None, id="not-a-number"),
        pytest.param("2.5", None, id="fraction-is-no-count"),
        pytest.param("twelve apples", None, id="trailing-words"),
        pytest.param("", None, id="empty"),
    ],
)
def test_parse_number(text: str, expected: tuple[int, int | None] | None) -> None:
    assert parse_number(text) == expected


# ------------------------------------------------------------------ kinds

KINDS = [
    pytest.param("The explosion killed at least 9 people at the station.",
                 [("dead", 9, "at_least", "at least 9", "people")], id="active-killed"),
    pytest.param("At least 9 people were killed when the roof collapsed.",
                 [("dead", 9, "at_least", "At least 9", "people")], id="passive-killed"),
    pytest.param("Gunmen stormed the hotel, killing 4 and wounding 11.",
                 [("dead", 4, "exact", "4", None), ("injured", 11, "exact", "11", None)],
                 id="participles-no-noun"),
    pytest.param("Three officers were killed and 8 other people wounded in the ambush.",
                 [("dead", 3, "exact", "Three", "officers"),
                  ("injured", 8, "exact", "8", "people")], id="killed-and-wounded-elliptic"),
    pytest.param("The death toll rose to 61 after rescuers reached the valley.",
                 [("dead", 61, "exact", "61", None)], id="death-toll-rose-to"),
    pytest.param("Officials put the number of dead at 230.",
                 [("dead", 230, "exact", "230", None)], id="number-of-dead-at"),
    pytest.param("Health workers reported 47 deaths overnight.",
                 [("dead", 47, "exact", "47", None)], id="deaths-noun"),
    pytest.param("About 60 villagers lost their lives in the floods.",
                 [("dead", 60, "approx", "About 60", "villagers")], id="lost-their-lives"),
    pytest.param("Two guards were fatally shot at the gate.",
                 [("dead", 2, "exact", "Two", "guards")], id="fatally-shot"),
    pytest.param("Troops shot dead 6 demonstrators in the square.",
                 [("dead", 6, "exact", "6", "demonstrators")], id="shot-dead-active"),
    pytest.param("Some 150 fighters are believed to have died in the offensive.",
                 [("dead", 150, "approx", "Some 150", "fighters")], id="hedged-died"),
    pytest.param("Five people in the market were wounded by shrapnel.",
                 [("injured", 5, "exact", "Five", "people")], id="place-phrase-between"),
    pytest.param("Nine miners suffered serious injuries underground.",
                 [("injured", 9, "exact", "Nine", "miners")], id="suffered-injuries"),
    pytest.param("Police reported 30 casualties after the stampede.",
                 [("injured", 30, "exact", "30", None)], id="casualties-are-injured"),
    pytest.param("Soldiers detained 14 students outside the campus.",
                 [("arrested", 14, "exact", "14", "students")], id="active-detained"),
    pytest.param("More than 400 people have been arrested since the vote.",
                 [("arrested", 400, "more_than", "More than 400", "people")],
                 id="passive-arrested"),
    pytest.param("Police rounded up dozens near the stadium.",
                 [("arrested", 24, "at_least", "dozens", None)], id="rounded-up-dozens"),
    pytest.param("Eighteen activists were taken into custody overnight.",
                 [("arrested", 18, "exact", "Eighteen", "activists")], id="taken-into-custody"),
    pytest.param("Seven journalists were held at the airport for hours.",
                 [("arrested", 7, "exact", "Seven", "journalists")], id="passive-held"),
    pytest.param("The army deployed more than 5,000 troops along the frontier.",
                 [("size", 5000, "more_than", "more than 5,000", "troops")],
                 id="deployed-troops"),
    pytest.param("Tens of thousands of demonstrators filled the avenue.",
                 [("size", 20000, "at_least", "Tens of thousands", "demonstrators")],
                 id="force-noun-alone"),
    pytest.param("Roughly 8,000 people rallied outside parliament.",
                 [("size", 8000, "approx", "Roughly 8,000", "people")], id="people-rallied"),
    pytest.param("Hundreds of residents took to the streets of the capital.",
                 [("size", 200, "at_least", "Hundreds", "residents")], id="took-to-the-streets"),
    pytest.param("A crowd of 12,000 gathered at the stadium.",
                 [("size", 12000, "exact", "12,000", None)], id="crowd-of"),
    pytest.param("Around 900 riot police officers were deployed downtown.",
                 [("size", 900, "approx", "Around 900", "police officers")],
                 id="two-word-unit"),
    pytest.param("The rebels killed 8 soldiers and 2 civilians.",
                 [("dead", 8, "exact", "8", "soldiers"), ("dead", 2, "exact", "2", "civilians")],
                 id="coordination-after-active-verb"),
    pytest.param("Six soldiers and 4 civilians died in the crossfire.",
                 [("dead", 6, "exact", "Six", "soldiers"), ("dead", 4, "exact", "4", "civilians")],
                 id="coordination-before-kind-verb"),
    pytest.param("The strikes killed 23 Yemenis near the port.",
                 [("dead", 23, "exact", "23", "Yemenis")], id="demonym-unit"),
    pytest.param("The landslide claimed the lives of 31 farmers.",
                 [("dead", 31, "exact", "31", "farmers")], id="claimed-the-lives-of"),
    pytest.param("A 4,000-strong contingent crossed the border.",
                 [("size", 4000, "exact", "4,000", "contingent")], id="n-strong"),
    pytest.param("Marchers, numbering about 7,000, reached the bridge.",
                 [("size", 7000, "approx", "about 7,000", None)], id="numbering"),
    pytest.param("Only one person was hurt in the blast.",
                 [("injured", 1, "exact", "Only one", "person")], id="one-person"),
]


@pytest.mark.parametrize(("text", "expected"), KINDS)
def test_kind_and_link(text: str, expected: list[tuple]) -> None:
    assert q(text) == expected


# ------------------------------------------------------------------ qualifiers

QUALIFIERS = [
    ("Exactly 40 prisoners were freed and 12 guards were wounded.", "12", "exact"),
    ("about 12 people were killed", "about 12", "approx"),
    ("around 12 people were killed", "around 12", "approx"),
    ("some 12 people were killed", "some 12", "approx"),
    ("roughly 12 people were killed", "roughly 12", "approx"),
    ("approximately 12 people were killed", "approximately 12", "approx"),
    ("an estimated 12 people were killed", "an estimated 12", "approx"),
    ("nearly 12 people were killed", "nearly 12", "approx"),
    ("almost 12 people were killed", "almost 12", "approx"),
    ("close to 12 people were killed", "close to 12", "approx"),
    ("at least 12 people were killed", "at least 12", "at_least"),
    ("no fewer than 12 people were killed", "no fewer than 12", "at_least"),
    ("a minimum of 12 people were killed", "a minimum of 12", "at_least"),
    ("more than 12 people were killed", "more than 12", "more_than"),
    ("over 12 people were killed", "over 12", "more_than"),
    ("upwards of 12 people were killed", "upwards of 12", "more_than"),
    ("in excess of 12 people were killed", "in excess of 12", "more_than"),
    ("up to 12 people were killed", "up to 12", "at_most"),
    ("as many as 12 people were killed", "as many as 12", "at_most"),
    ("no more than 12 people were killed", "no more than 12", "at_most"),
    ("fewer than 12 people were killed", "fewer than 12", "at_most"),
]


@pytest.mark.parametrize(
    ("text", "span", "qualifier"),
    [pytest.param(t, s, qual, id=s.replace(" ", "-")) for t, s, qual in QUALIFIERS],
)
def test_qualifier(text: str, span: str, qualifier: str) -> None:
    found = [m for m in find_quantities(text) if m.text == span]
    assert len(found) == 1
    assert found[0].qualifier == qualifier
    assert found[0].value == 12


@pytest.mark.parametrize(
    ("text", "span", "low", "high"),
    [
        pytest.param("between 10 and 20 people were injured", "between 10 and 20", 10, 20,
                     id="between-and"),
        pytest.param("10 to 20 people were injured", "10 to 20", 10, 20, id="to"),
        pytest.param("10-20 people were injured", "10-20", 10, 20, id="hyphen"),
        pytest.param("two or three people were injured", "two or three", 2, 3, id="or"),
    ],
)
def test_range(text: str, span: str, low: int, high: int) -> None:
    (m,) = find_quantities(text)
    assert (m.text, m.qualifier, m.value, m.low, m.high) == (span, "range", low, low, high)


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "low", "high"),
    [
        pytest.param("Dozens were injured.", 24, "at_least", 24, 99, id="dozens"),
        pytest.param("Scores of people were detained.", 40, "at_least", 40, 199, id="scores"),
        pytest.param("Hundreds were arrested.", 200, "at_least", 200, 999, id="hundreds"),
        pytest.param("Thousands of marchers converged.", 2000, "at_least", 2000, 9999,
                     id="thousands"),
        pytest.param("Several people were hurt.", 3, "at_least", 3, 9, id="several"),
        pytest.param("A dozen people were hurt.", 12, "approx", None, None, id="a-dozen"),
        pytest.param("Nearly two dozen people were hurt.", 24, "approx", None, None,
                     id="qualifier-wins-over-dozen"),
        pytest.param("More than hundreds were hurt.", 200, "more_than", None, None,
                     id="qualifier-wins-over-vague"),
        pytest.param("10,000-plus soldiers were deployed.", 10000, "at_least", None, None,
                     id="plus-suffix"),
        pytest.param("A hundred or so people were hurt.", 100, "approx", None, None,
                     id="or-so"),
    ],
)
def test_vague_conventions(
    text: str, value: int, qualifier: str, low: int | None, high: int | None
) -> None:
    (m,) = find_quantities(text)
    assert (m.value, m.qualifier, m.low, m.high) == (value, qualifier, low, high)


# ------------------------------------------------------------------ negatives

NOT_COUNTS = [
    pytest.param("A 16-year-old was killed by a stray bullet.", id="age-hyphenated"),
    pytest.param("The victim, aged 34, was killed at home.", id="age-aged"),
    pytest.param("The bombing in 2014 killed civilians.", id="year-before-verb"),
    pytest.param("Fighting resumed at 05:30 near the bridge.", id="clock-time"),
    pytest.param("The fund lost $5 million when rebels seized the mine.", id="money"),
    pytest.param("About 40 percent of those arrested were minors.", id="percentage"),
    pytest.param("The first soldier was killed at dawn.", id="ordinal"),
    pytest.param("He was arrested on 12 March at his home.", id="date-day-month"),
    pytest.param("He was arrested on March 12 at his home.", id="date-month-day"),
    pytest.param("One of the guards was killed.", id="one-of-the"),
    pytest.param("No one was hurt in the fire.", id="no-one"),
    pytest.param("Two countries sent envoys to the talks.", id="countries-are-no-size"),
    pytest.param("About 200 people attended the funeral.", id="people-without-kind"),
    pytest.param("Section 5 of the law allows detention.", id="section-number"),
    pytest.param("An F-16 killed militants near the border.", id="model-number"),
    pytest.param("Rockets landed 3 km from the base, police said.", id="distance"),
    pytest.param("The siege lasted 40 days before troops withdrew.", id="duration"),
    pytest.param("The 1990s saw dozens of coups.", id="decade"),
    pytest.param("The army fired 200 shells at the town.", id="munitions-are-no-size"),
    pytest.param("Police freed 30 hostages held by the gang.", id="freed-is-no-kind"),
    pytest.param("The ministry said the 5 suspects had been questioned.", id="no-kind-word"),
    pytest.param("Four soldiers were captured near the lake.", id="passive-force-is-no-size"),
    pytest.param("Two police officers were shot outside the bank.", id="shot-is-no-kind"),
]


@pytest.mark.parametrize("text", NOT_COUNTS)
def test_not_a_count(text: str) -> None:
    assert q(text) == []


def test_year_number_is_not_a_count_but_the_real_count_is_kept() -> None:
    assert q("Two people were killed in 2019 and 2020.") == [
        ("dead", 2, "exact", "Two", "people")
    ]


def test_four_digit_count_before_person_noun_is_kept() -> None:
    assert q("Police said 1500 protesters were detained.") == [
        ("arrested", 1500, "exact", "1500", "protesters")
    ]


def test_empty_and_numberless_text() -> None:
    assert find_quantities("") == []
    assert find_quantities("Rebels attacked the convoy at dawn.") == []


# ------------------------------------------------------------------ seed article


@pytest.mark.shared
def test_seed_quantities(shared_dir) -> None:  # noqa: ANN001
    lines = (shared_dir / "corpus" / "seed.txt").read_text(encoding="utf-8").splitlines()

    def line_with(word: str) -> str:
        return next(line for line in lines if word in line)

    found = find_quantities(line_with("10,000 troops"))
    assert [(m.kind, m.value, m.qualifier, m.unit, m.text) for m in found] == [
        ("size", 10000, "more_than", "troops", "more than 10,000")
    ]
    found = find_quantities(line_with("have been killed"))
    assert [(m.kind, m.value, m.qualifier, m.unit, m.text) for m in found] == [
        ("dead", 200, "approx", "soldiers", "some 200")
    ]
    # "eight other countries" and "its first confirmation" are no counts
    assert find_quantities(line_with("eight other countries")) == []
    assert find_quantities(line_with("first confirmation")) == []


# ------------------------------------------------------------------ robustness

_PIECES = st.sampled_from(
    "at least|some|12|10,000|two|twenty-five|a dozen|dozens of|people|were|killed|and|"
    "troops|more than|between|to|plus|one|police|arrested|held|1.5 million|$|%|10:00|"
    "15-year-old|0|zero|,|.|;|-|of|the".split("|")
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=20), st.booleans())
def test_never_raises_and_offsets_hold(pieces: list[str], glue: bool) -> None:
    text = ("" if glue else " ").join(pieces)
    for m in find_quantities(text):
        assert text[m.start : m.end] == m.text
        assert m.value > 0
        assert m.kind in ("dead", "injured", "arrested", "size")
        assert m.qualifier in ("exact", "approx", "at_least", "more_than", "at_most", "range")


# ------------------------------------------------------------------ news constructions

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Five members of the same clan were shot dead near the river.",
                     [("dead", 5, "exact", "Five", "members")], id="of-phrase-before-kind"),
        pytest.param("Eight members of a trade union were detained.",
                     [("arrested", 8, "exact", "Eight", "members")], id="of-a-phrase"),
        pytest.param("A crowd of about 400 later swelled to more than 6,000 outside the court.",
                     [("size", 6000, "more_than", "more than 6,000", None)], id="crowd-grew"),
        pytest.param("Soldiers killed 9 rebels, and the army's budget rose to 700.",
                     [("dead", 9, "exact", "9", "rebels")], id="other-thing-grew"),
    ],
)  # fmt: skip
def test_news_constructions(text: str, expected: list[tuple]) -> None:
    assert q(text) == expected
