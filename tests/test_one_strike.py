"""One strike told with coordinated participles is one event: "hit the village, targeting a
church and killing nine people" keeps both targets and the count of the dead. Coordinated
finite verbs tell separate actions and stay apart.

Sentences of our own, coded on a real parse (the spaCy model is loaded once).
"""

from __future__ import annotations

import pytest

from coding_helpers import code


def _assaults(coder, text):
    return [e for e in code(coder, text) if e.type == "ASSAULT"]


@pytest.mark.parametrize("text, victims, dead", [
    pytest.param("Rebel fighters entered the village on Sunday, targeting a church and killing nine "
                 "people, witnesses said.", "nine people", 9, id="targeting-and-killing"),
    pytest.param("Turkish jets returned to the valley overnight, bombing a mosque and killing 11 "
                 "civilians, officials said.", "11 civilians", 11, id="bombing-and-killing"),
])
def test_coordinated_participles_are_one_event(coder, text, victims, dead):
    events = _assaults(coder, text)
    assert len(events) == 1, [(e.trigger, [a.text for a in e.targets]) for e in events]
    event = events[0]
    assert victims in [a.text for a in event.targets]
    assert len(event.targets) == 2
    assert [(q.kind, q.value) for q in event.quantities] == [("dead", dead)]


@pytest.mark.parametrize("text", [
    pytest.param("Rebel fighters burned a church and killed nine people.", id="finite-verbs"),
    pytest.param("The gunmen killed four police officers and wounded six civilians.", id="killed-and-wounded"),
])
def test_coordinated_finite_verbs_stay_apart(coder, text):
    assert len(_assaults(coder, text)) == 2


@pytest.mark.parametrize("text, places", [
    pytest.param("Rebel gunners shelled Aleppo and bombed Homs overnight.", {"Aleppo", "Homs"},
                 id="two-cities"),
    pytest.param("Russian forces struck Kharkiv and shelled Kherson on Friday.", {"Kharkiv", "Kherson"},
                 id="two-cities-again"),
])
def test_strikes_on_two_places_of_one_country_stay_apart(coder, text, places):
    events = _assaults(coder, text)
    assert {a.text for e in events for a in e.targets} == places
    assert len(events) == 2


@pytest.mark.parametrize("text", [
    "Rebel gunners shelled and bombed Aleppo overnight.",
    "Rebel gunners shelled Aleppo overnight and bombed the city's outskirts.",
])
def test_strikes_on_one_place_stay_one_event(coder, text):
    assert len(_assaults(coder, text)) == 1
