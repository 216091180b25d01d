"""Event fields on news: who claims an event, how many were hurt, and when it happened.

Sentences of our own, coded by the whole per-article coder (spaCy loaded once).
"""

from __future__ import annotations

import pytest

from test_events import code, only


# -- claimed_by -----------------------------------------------------------------------------
CLAIM_CASES = [
    pytest.param("Russian troops shelled the town of Vovchansk, killing nine people, medics said.",
                 "medics", id="unresolved-plural-claimant"),
    pytest.param("A Russian strike hit a school in Vovchansk, wounding four, the hospital's director "
                 "said.",
                 "the hospital's director", id="unresolved-possessive-claimant"),
    pytest.param("Russian troops shelled the town of Vovchansk, sources close to the mayor said.",
                 "sources close to the mayor", id="claimant-with-its-modifier"),
    pytest.param("Russian troops, Ukrainian officials said, shelled the town of Vovchansk.",
                 "Ukrainian officials", id="parenthetical-report"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "claimant"), CLAIM_CASES)
def test_claim_from_a_reporting_subject(coder, text, claimant):
    event = only(code(coder, text), "ASSAULT")
    assert event.claimed_by is not None and event.claimed_by.text == claimant


def test_claim_skips_the_writer_of_a_text_that_mentions_the_event(coder):
    text = ("Mr Lopez said that the Mexican senator had written a column praising the Cuban "
            "government.")
    event = only(code(coder, text), "SUPPORT")
    assert event.claimed_by is not None and event.claimed_by.text == "Mr Lopez"


def test_claim_not_from_the_actor_saying_something_else(coder):
    event = only(code(coder, "Kenyan police arrested the mayor and said he was armed."), "COERCE")
    assert event.claimed_by is None


# -- quantities -----------------------------------------------------------------------------
def test_casualties_in_the_next_sentence_count_for_the_attack(coder):
    events = code(coder, "Rebels attacked an army post near Goma on Tuesday. Three soldiers were "
                         "killed and four others were wounded.")
    event = only(events, "ASSAULT")
    assert sorted((q.kind, q.value) for q in event.quantities) == [("dead", 3), ("injured", 4)]


def test_casualties_of_a_separate_incident_stay_apart(coder):
    events = code(coder, "Rebels attacked an army post near Goma on Tuesday. In a separate "
                         "incident, three soldiers were killed.")
    assert only(events, "ASSAULT").quantities == ()


def test_protest_size_is_the_figure_the_crowd_grew_to(coder):
    events = code(coder, "A rally in Nairobi began with a crowd of about 800 but swelled to "
                         "over 5,000 when the students marched to the Kenyan parliament.")
    event = only(events, "PROTEST")
    assert [(q.kind, q.value, q.qualifier) for q in event.quantities] == [("size", 5000, "more_than")]


# -- dates ----------------------------------------------------------------------------------
def test_date_in_a_clause_about_an_actor_does_not_date_the_event(coder):
    text = ("Kenyan police detained the reporter, who has worked for the Tanzanian state "
            "broadcaster since 2015.")
    assert only(code(coder, text), "COERCE").date is None


def test_relative_day_counts_from_a_dateline_before_publication(coder):
    from datetime import datetime

    text = "LAGOS, May 28 (Xinhua) -- Nigerian police arrested a Ghanaian smuggler on Monday."
    event = only(code(coder, text, published=datetime(2024, 6, 3)), "COERCE")
    assert event.date == "2024-05-27"
