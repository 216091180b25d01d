"""Precision on real news, round three: events still to come, appositive participles,
history in undated articles, abstract nouns as targets, words of attack in politics,
income received and pledges read into readiness or promised inquiries.

Each case is a sentence of our own, coded by the whole per-article coder.
"""

from __future__ import annotations

import pytest

from coding_helpers import code_article as code
from coding_helpers import types



# -- events still to come --------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    pytest.param("Chile fired a missile in anger at an upcoming naval drill between Peru and Bolivia.",
                 id="upcoming"),
    pytest.param("Chile fired a missile in anger at a forthcoming joint military drill between Peru and Bolivia.", id="forthcoming"),
    pytest.param("Chile fired a missile in anger at an impending joint naval drill between Peru and Bolivia.",
                 id="impending"),
])
def test_exercises_to_come_are_no_mobilization(coder, text):
    assert "MOBILIZE" not in types(code(coder, text))


def test_meeting_in_a_clause_of_a_plan_is_to_come(coder):
    events = code(coder, "The foreign ministers of Peru and Chile are due to discuss the border when "
                         "they meet in Lima on Sunday.")
    assert not [e for e in events if e.type == "CONSULT"]


def test_meeting_when_it_happened_is_a_meeting(coder):
    events = code(coder, "The foreign ministers of Peru and Chile discussed the border when they met "
                         "in Lima on Sunday.")
    assert "CONSULT" in types(events)


# -- appositive participles ------------------------------------------------------------------
def test_appositive_participle_subject_is_the_victim(coder):
    events = code(coder, "Reports say that Gomez, shot in the leg when a gunman opened fire on the "
                         "Peruvian president, will leave hospital soon.")
    assert not [e for e in events if e.type == "ASSAULT" and any(s.text == "Gomez" for s in e.sources)]


def test_active_verb_after_comma_keeps_its_subject(coder):
    events = code(coder, "Peruvian troops, backed by helicopters, shot three Chilean smugglers.")
    assert [e for e in events if e.type == "ASSAULT" and any(s.country == "PER" for s in e.sources)]


# -- history in an article without a publication date ----------------------------------------
def test_decades_old_killing_in_undated_article_is_history(coder):
    events = code(coder, "The 1996 trial ended in a conviction.",
                  "Referring to the 1961 killing of Peruvian union leader Juan Perez, the lawyer said "
                  "the case was closed.", published=None)
    assert "ASSAULT" not in types(events)


# -- abstract nouns are no targets -----------------------------------------------------------
def test_unwillingness_beside_a_target_is_no_target(coder):
    events = code(coder, "Ties suffer from the expansion of Chile's deployment against Peru and "
                         "Chile's unwillingness to change the law.")
    deployments = [e for e in events if e.type == "MOBILIZE"]
    assert deployments and all(t.text != "Chile's unwillingness" for e in deployments for t in e.targets)


# -- words of attack between politicians -----------------------------------------------------
@pytest.mark.parametrize("text", [
    pytest.param("Senator Gomez steps up his attacks on President Alvarez of Peru.", id="possessor"),
    pytest.param("Peruvian minister Ana Gomez spoke on Monday. She learnt that not all the attacks on her "
                 "will come from the right.", id="attacks-on-her"),
])
def test_attacks_on_a_politician_by_words_are_no_assault(coder, text):
    assert "ASSAULT" not in types(code(coder, text))


def test_attacks_on_a_person_with_weapons_stay_assault(coder):
    events = code(coder, "Gunmen launched an attack on the Peruvian mayor with grenades.")
    assert "ASSAULT" in types(events)


# -- income is no aid ------------------------------------------------------------------------
def test_money_from_a_company_is_no_aid(coder):
    events = code(coder, "The Peruvian senator still receives large sums of money from the company.")
    assert "AID" not in types(events)


def test_aid_from_a_country_is_aid(coder):
    assert "AID" in types(code(coder, "Peru received military aid from Chile."))


# -- promises to look into something ---------------------------------------------------------
def test_promise_to_investigate_is_no_threat(coder):
    events = code(coder, "Bolivia promised to investigate the disappearances of Peruvian citizens.")
    assert "THREATEN" not in types(events)


def test_feared_closure_is_no_threat(coder):
    events = code(coder, "He worries Peruvian authorities might close the main border crossing with Chile.")
    assert "THREATEN" not in types(events)


# -- "accused" as a title --------------------------------------------------------------------
def test_accused_before_a_name_is_no_accusation(coder):
    events = code(coder, "According to police chief Ali Khan, accused Rashid Malik was killed in an "
                         "encounter in Lima.")
    assert "ACCUSE" not in types(events)


def test_accusing_someone_still_accuses(coder):
    events = code(coder, "Peru accused Chile of spying.")
    assert "ACCUSE" in types(events)
