"""Meetings (PLOVER CONSULT) attended, and what a passive subject is put up to do.

Each case is a short sentence of our own, coded by the whole per-article coder.
"""

from __future__ import annotations

import pytest

from eventwire.pipeline import Coder

from coding_helpers import code, names, only


def test_attended_summit_in_a_country(coder: Coder) -> None:
    event = only(code(coder, "The Peruvian president attended a summit in Chile on Monday."), "CONSULT")
    assert names(event.sources) == ["PER"]
    assert names(event.targets) == ["CHL"]


def test_attended_talks_with(coder: Coder) -> None:
    event = only(code(coder, "The Ghanaian minister attended talks with Togolese officials."), "CONSULT")
    assert names(event.targets) == ["TGO"]


def test_scheduled_attendance_is_an_intent(coder: Coder) -> None:
    # PLOVER: a meeting reported in the future is AGREE; the passive subject will attend.
    event = only(code(coder, "The Peruvian president is scheduled to attend a summit in Chile."), "AGREE")
    assert names(event.sources) == ["PER"]
    assert names(event.targets) == ["CHL"]


def test_attending_a_funeral_is_no_meeting(coder: Coder) -> None:
    assert not code(coder, "The Peruvian president attended a funeral in Chile.")


def test_passive_subject_does_the_infinitive(coder: Coder) -> None:
    events = code(coder, "The Peruvian president is expected to meet the Chilean president.")
    event = only(events, "AGREE")
    assert names(event.sources) == ["PER"]


@pytest.mark.parametrize("text, venue", [
    pytest.param("The Serbian foreign minister met his Kosovar counterpart in Brussels on Monday.", "BEL",
                 id="brussels"),
    pytest.param("Armenian and Azerbaijani negotiators held talks in Moscow.", "RUS", id="moscow"),
])
def test_meeting_in_a_country_neither_party_is_from_is_at_a_third_location(coder: Coder, text, venue) -> None:
    event = only(code(coder, text), "CONSULT")
    assert (event.cameo, event.mode) == ("044", "third-party")
    assert event.location is not None and event.location.country == venue


def test_meeting_in_one_party_s_country_is_a_plain_meeting(coder: Coder) -> None:
    event = only(code(coder, "The Serbian foreign minister met his Kosovar counterpart in Belgrade."), "CONSULT")
    assert (event.cameo, event.mode) == ("040", None)


def test_meeting_on_the_sidelines_of_a_summit_is_multilateral(coder: Coder) -> None:
    event = only(code(coder, "The Kenyan president met the Ugandan president on the sidelines of "
                             "the African Union summit in Addis Ababa."), "CONSULT")  # fmt: skip
    assert event.mode == "multilateral"
    assert names(event.sources) == ["KEN"]
    assert names(event.targets) == ["UGA"]  # the union is where they met, not a party


def test_a_lone_surname_the_tagger_mislabels_is_still_the_leader(coder: Coder) -> None:
    event = only(code(coder, "Macron met Scholz in Paris on Tuesday."), "CONSULT")
    assert names(event.sources) == ["FRA"]
    assert names(event.targets) == ["DEU"]
