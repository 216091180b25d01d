"""Actors known by a relation: where they are based, what they belong to, whose residents
they are, and bodies named by what they are ("an armed group").

Sentences of our own, resolved on a real parse (the spaCy model is loaded once).
"""

from __future__ import annotations

import pytest

from coding_helpers import code, names, only
from test_actors import resolve, summary

RELATION_CASES = [
    pytest.param("A newspaper based in Amman accused the minister of lying.", "newspaper",
                 [("JOR", "MED")], id="based-in-capital-no-gov"),
    pytest.param("A Nairobi-based newspaper accused the minister of lying.", "newspaper",
                 [("KEN", "MED")], id="place-based-compound"),
    pytest.param("A Vienna-based group accused the minister of lying.", "group",
                 [("AUT", None)], id="capital-based-compound-no-gov"),
    pytest.param("The Paris-based Algerian opposition group accused the minister of lying.", "group",
                 [("DZA", "OPP")], id="own-nationality-beats-seat-compound"),
    pytest.param("A charity headquartered in Nairobi accused the minister of lying.", "charity",
                 [("KEN", "NGO")], id="headquartered-in"),
    pytest.param("Two Chilean diplomats based in Lima were expelled.", "diplomats",
                 [("CHL", "GOV")], id="own-country-beats-seat"),
    pytest.param("Nurses affiliated with the Kenyan health union went on strike.", "Nurses",
                 [("KEN", "CVL")], id="affiliated-with-body"),
    pytest.param("Fighters belonging to Hezbollah fired rockets.", "Fighters",
                 [("LBN", "REB")], id="belonging-to-group"),
    pytest.param("The Hungarians of northern Serbia demanded more schools.", "Hungarians",
                 [("SRB", None)], id="people-of-place-are-residents"),
    pytest.param("Palestinians of the West Bank staged a strike.", "Palestinians",
                 [("PSE", None)], id="people-of-own-place-no-bank-sector"),
    pytest.param("Jewish settlers in the West Bank uprooted olive trees.", "settlers",
                 [("ISR", "CVL")], id="jewish-settlers"),
    pytest.param("Settlers in the West Bank uprooted olive trees.", "Settlers",
                 [(None, "CVL")], id="settlers-not-the-places-people"),
    pytest.param("Villagers in the West Bank uprooted olive trees.", "Villagers",
                 [("PSE", "CVL")], id="villagers-are-the-places-people"),
    pytest.param("Farmers from Punjab blocked the highway.", "Farmers", [("IND", "CVL")], id="group-from-place"),
    pytest.param("Residents of Mosul fled the fighting.", "Residents", [("IRQ", "CVL")], id="residents-of-place"),
    pytest.param("Supporters of Jackson rallied outside the court.", "Supporters", [(None, "CVL")],
                 id="supporters-of-person-no-place"),
    pytest.param("Residents of Rakhine State fled the fighting.", "Residents", [("MMR", "CVL")],
                 id="named-state-is-a-place-not-government"),
    pytest.param("An armed group seized the town.", "group", [(None, "REB")], id="armed-group"),
    pytest.param("A militant faction seized the town.", "faction", [(None, "REB")], id="militant-faction"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "head", "expected"), RELATION_CASES)
def test_relation(coder, text, head, expected):
    assert summary(resolve(coder, text, head)) == expected


def test_troops_based_abroad_are_not_the_hosts(coder):
    assert summary(resolve(coder, "Troops based in Qatar left the region.", "Troops")) == [(None, "MIL")]


def test_party_inside_a_head_with_a_conjunct(coder):
    # The parser reads "the council" as a conjunct of "removal": the mayor is asked for too.
    event = only(code(coder, "Protesters demanded the removal of the mayor and the city council on Monday."),
                 "REQUEST")
    assert names(event.targets) == ["the city council", "the mayor"]


def test_each_party_of_a_deed_has_its_own_sector(coder):
    event = only(code(coder, "Workers demanded the dismissal of the Peruvian labour minister and his deputies."),
                 "REQUEST")
    assert [(a.code, a.sector) for a in event.targets][:1] == [("PER", "GOV")]
    assert len(event.targets) == 2
