"""Precision on real news, round two: negations in complements, other senses of trigger
words, country names inside modifiers, and picture credits and agency signatures.

Each case is a sentence of our own, coded by the whole per-article coder.
"""

from __future__ import annotations

import pytest

from eventwire.dateline import credit_tail, split_dateline

from coding_helpers import code_article as code
from coding_helpers import types


# -- negation and doubt above the trigger --------------------------------------------------
@pytest.mark.parametrize("text", [
    pytest.param('The Chilean army chief spoke on Monday. "It is not our job to create or destroy '
                 'Peruvian parties," said the army chief.', id="not-our-job"),
    pytest.param("Chile is unlikely to attack Peru over the dispute.", id="unlikely"),
    pytest.param("Chile is not likely to attack Peru over the dispute.", id="not-likely"),
    pytest.param("Chilean soldiers killed a Bolivian gunman before he was able to attack Peruvian "
                 "troops.", id="before-able"),
])
def test_unreal_attacks_are_no_events(coder, text):
    events = code(coder, text)
    assert not [e for e in events if e.type in {"ASSAULT", "THREATEN"} and e.targets
                and any(t.country == "PER" for t in e.targets)]


def test_did_not_hesitate_still_attacked(coder):
    assert "ASSAULT" in types(code(coder, "The Chilean army did not hesitate to attack Peruvian troops."))


def test_not_willing_is_no_pledge(coder):
    events = code(coder, "Chile wasn't willing to lend Peru its navy.")
    assert "AGREE" not in types(events)


def test_calls_for_a_truce_are_no_truce(coder):
    assert "RETREAT" not in types(code(coder, "Peru, Chile defy truce calls on bloodiest day"))


def test_conjoined_participle_shares_the_passive(coder):
    events = code(coder, "A Peruvian militant was shot and killed by Chilean soldiers near Arica.")
    killings = [e for e in events if e.type == "ASSAULT"]
    assert killings and all(e.sources and e.sources[0].country == "CHL" for e in killings)


# -- other senses ----------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    pytest.param("Senator Maria Lopez held a campaign rally in Ohio for her party's candidates.",
                 id="campaign-rally"),
    pytest.param("The Peruvian government demonstrated that the ballots were valid.", id="demonstrate-that"),
])
def test_not_protests(coder, text):
    assert "PROTEST" not in types(code(coder, text))


def test_protest_demonstration_stays(coder):
    assert "PROTEST" in types(code(coder, "Thousands of Peruvian students demonstrated against the law in Lima."))


@pytest.mark.parametrize("text", [
    pytest.param("The Peruvian government was unable to meet its payroll this month.", id="meet-payroll"),
    pytest.param("Peru's president is talking up his pension plan to Chile's ambassador.", id="talk-up"),
    pytest.param("The Peruvian health agency is meeting to discuss the Chile-approved drug.", id="meet-to-discuss"),
    pytest.param("The Peruvian regulator will discuss approval of a second drug on Monday.", id="discuss-alone"),
])
def test_not_meetings(coder, text):
    assert not {"CONSULT", "AGREE", "REJECT"} & set(types(code(coder, text)))


def test_two_party_meeting_stays(coder):
    assert "CONSULT" in types(code(coder, "Peru's president met Chile's foreign minister in Lima on Monday."))


# -- country names inside modifiers ---------------------------------------------------------------
@pytest.mark.parametrize("text, absent", [
    pytest.param("Chile-bound missiles hit two Peruvian towns.", "CHL", id="bound"),
    pytest.param("Police in Lima seized US-made rifles from the gang.", "USA", id="made"),
])
def test_participle_modifier_is_not_the_actor(coder, text, absent):
    events = code(coder, text)
    assert not [a for e in events for a in (*e.sources, *e.targets) if a.country == absent]


def test_led_modifier_names_the_actor(coder):
    events = code(coder, "US-led forces attacked Iraqi troops near Basra.")
    assert any(a.country == "USA" for e in events for a in e.sources)


# -- credits and signatures ---------------------------------------------------------------------
def test_picture_credit_is_skipped():
    line = split_dateline("Photo: AFP Lima: Peru's president met Chile's envoy on Friday.")
    assert line is not None and line.length == len("Photo: AFP Lima: ")
    line = split_dateline("Photo: PTI Seeking to end the strike, the council offered talks.")
    assert line is not None and line.length == len("Photo: PTI ")


def test_wire_dateline_deep_in_the_story():
    assert split_dateline("LIMA, May 3 (Xinhua) -- Peru's president said.", opening=False) is not None
    assert split_dateline("LIMA: Peru's president said.", opening=False) is None


def test_agency_signature_of_a_headline():
    assert credit_tail("Peru detains Chilean fishermen - Xinhua") == len(" - Xinhua")
    assert credit_tail("Peru detains Chilean fishermen") == 0


def test_credit_is_no_actor(coder):
    events = code(coder, "Peru and Chile sign trade deal",
                  "Photo: AFP Lima: Peru's president praised Chile's foreign minister on Friday.")
    assert all("Photo" not in a.text for e in events for a in e.sources)
    assert "SUPPORT" in types(events)


# -- the people of quoted speech -----------------------------------------------------------------
def test_we_is_the_speakers_side(coder):
    events = code(coder, "Chile's navy patrolled the coast on Monday.",
                  '"We came to support our brothers in Peru," a Bolivian student told reporters.')
    supports = [e for e in events if e.type == "SUPPORT"]
    assert supports and all(a.country != "CHL" for e in supports for a in e.sources)


def test_generic_you_is_no_actor(coder):
    events = code(coder, "Peru's interior minister Luis Ortega spoke in Lima.",
                  '"Back then you could fire on Chilean boats from the pier," Ortega said.')
    assert not [e for e in events if e.type in {"ASSAULT", "THREATEN"}]


def test_speaker_asks_nobody_of_his_own(coder):
    events = code(coder, "Detective Ana Ruiz of the Lima police leads the inquiry.",
                  "That is why I am urging anyone with information to contact us.")
    assert "REQUEST" not in types(events)


def test_same_group_on_both_sides_is_no_event(coder):
    events = code(coder, "Villagers said the landlord's men came at night.",
                  '"They beat us and chased us with sticks," a villager said.')
    assert not [e for e in events if e.type == "ASSAULT" and e.sources and e.targets
                and e.sources[0].name == e.targets[0].name]
