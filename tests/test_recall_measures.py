"""Recall of measures and states named by a verb phrase: forces kept on alert, workers on
strike, an outlet ordered to close, people ordered or forced out, a news blackout imposed,
civilians used as human shields.

Each case is a short sentence of our own, coded by the whole per-article coder.
"""

from __future__ import annotations

import pytest

from eventwire.pipeline import Coder

from coding_helpers import code, names

CASES = [
    pytest.param("Pakistani troops are on high alert near the Indian border.",
                 ("MOBILIZE", ["PAK"]), id="troops-are-on-alert"),
    pytest.param("Indian police stayed on alert in Srinagar.",
                 ("MOBILIZE", ["IND"]), id="police-stayed-on-alert"),
    pytest.param("Israeli troops remained on high alert along the border.",
                 ("MOBILIZE", ["ISR"]), id="troops-remained-on-alert"),
    pytest.param("Nigerian doctors have been on strike for two weeks.",
                 ("PROTEST", ["NGA"]), id="have-been-on-strike"),
    pytest.param("The jailed Turkish activist is on hunger strike.",
                 ("PROTEST", ["TUR"]), id="is-on-hunger-strike"),
    pytest.param("The Egyptian government ordered the newspaper Al Ahram to suspend publication.",
                 ("COERCE", ["EGY"]), id="ordered-paper-to-suspend"),
    pytest.param("The Chinese government ordered the American journalists to leave the country.",
                 ("COERCE", ["CHN"]), id="ordered-journalists-to-leave"),
    pytest.param("The Israeli army forced Palestinian families to leave their homes.",
                 ("COERCE", ["ISR"]), id="forced-families-to-leave"),
    pytest.param("The Ethiopian government imposed an internet blackout in Tigray.",
                 ("COERCE", ["ETH"]), id="imposed-internet-blackout"),
    pytest.param("Syrian rebels are using Alawite villagers as human shields.",
                 ("ASSAULT", ["SYR"]), id="using-as-human-shields"),
    pytest.param("The Nigerian army has been holding Biafran civilians as a human shield.",
                 ("ASSAULT", ["NGA"]), id="holding-as-a-human-shield"),
    pytest.param("Kenyan police forced the Somali refugees out of the camp.",
                 ("COERCE", ["KEN"]), id="forced-refugees-out-of"),
    pytest.param("The Sudanese government forced the British charity Oxfam out of the country.",
                 ("SANCTION", ["SDN"]), id="forced-charity-out-is-an-expulsion"),
    pytest.param("Serb militias drove thousands of Muslim villagers out of their homes.",
                 ("COERCE", ["SRB"]), id="drove-villagers-out-of"),
    pytest.param("The Iraqi army placed its troops on high alert.",
                 ("MOBILIZE", ["IRQ"]), id="placed-on-high-alert"),
    pytest.param("Georgian demonstrators received assurances from the Georgian government.",
                 ("AGREE", ["GEO"]), id="received-assurances-from-hung-on-object"),
]  # fmt: skip


@pytest.mark.parametrize("text, expected", CASES)
def test_measure(coder: Coder, text: str, expected: tuple[str, list[str]]) -> None:
    type_, sources = expected
    events = code(coder, text)
    assert any(e.type == type_ and names(e.sources) == sources for e in events), \
        [(e.type, names(e.sources), names(e.targets)) for e in events]


NOT_CASES = [
    pytest.param("Hospitals in Delhi are on alert for dengue.", id="hospitals-on-alert"),
    pytest.param("The international community is again on high alert.", id="community-on-alert"),
    pytest.param("The Russian president ordered Russian troops to leave the city.", id="order-to-own-troops"),
    pytest.param("The United Nations ordered Iran to halt uranium enrichment.", id="order-to-a-state"),
    pytest.param("Pakistan imposed rolling power blackouts across the country.", id="power-blackout"),
    pytest.param("Thousands of residents were forced out of their homes by the floods.", id="forced-out-by-floods"),
    pytest.param("The Russian president used the law as a shield against critics.", id="law-as-a-shield"),
]  # fmt: skip


@pytest.mark.parametrize("text", NOT_CASES)
def test_no_measure(coder: Coder, text: str) -> None:
    assert [e.type for e in code(coder, text) if e.type in {"MOBILIZE", "COERCE", "ASSAULT"}] == []


def test_an_order_to_close_is_no_request(coder: Coder) -> None:
    events = code(coder, "The Turkish junta ordered a Kurdish broadcaster to close.")
    assert [(e.type, e.mode) for e in events] == [("COERCE", "restrict")]


@pytest.mark.parametrize("text, target", [
    ("The European Union reiterated its demand today that Israel ease restrictions on Palestinian workers.", "ISR"),
    ("Germany repeated its appeal yesterday that Russia withdraw its troops from Georgia.", "RUS"),
])  # fmt: skip
def test_a_demand_that_is_parsed_on_its_verb_is_still_asked(coder: Coder, text: str, target: str) -> None:
    """The parser hangs the that-clause on "reiterated": it is still the demand's content."""
    events = code(coder, text)
    assert [(e.type, names(e.targets)) for e in events] == [("REQUEST", [target])]


def test_the_ilo_is_an_organisation_not_a_peruvian_port(coder: Coder) -> None:
    events = code(coder, "The ILO condemned Qatar for its treatment of migrant workers.")
    assert [(e.type, names(e.sources), names(e.targets)) for e in events] == [("ACCUSE", ["ILO"], ["QAT"])]


def test_he_of_a_quoted_speaker_is_the_speaker(coder: Coder) -> None:
    events = code(coder, "The Jordanian king was quoted as saying he would be ready to meet the Israeli prime minister.")
    assert [(e.type, names(e.sources), names(e.targets)) for e in events] == [("AGREE", ["JOR"], ["ISR"])]


@pytest.mark.parametrize("text, expected", [
    ("China and Russia strengthened their strategic partnership on Monday.", ("COOPERATE", ["CHN"], ["RUS"])),
    ("The French president is seeking to improve relations with Algeria.", ("AGREE", ["FRA"], ["DZA"])),
    ("Greece accepted the compromise on Tuesday.", ("AGREE", ["GRC"], [])),
])  # fmt: skip
def test_ties_improved_and_compromises_accepted(coder: Coder, text: str, expected: tuple) -> None:
    assert [(e.type, names(e.sources), names(e.targets)) for e in code(coder, text)] == [expected]


def test_a_company_partnership_is_no_event(coder: Coder) -> None:
    assert code(coder, "The bank strengthened its relationship with its clients.") == []


@pytest.mark.parametrize("text, target", [
    ("Britain is lobbying for Turkey's entry into the European Union.", "TUR"),
    ("Germany is pushing for sanctions against Russia.", "RUS"),
])  # fmt: skip
def test_pushing_for_something_is_a_request(coder: Coder, text: str, target: str) -> None:
    assert [(e.type, names(e.targets)) for e in code(coder, text)] == [("REQUEST", [target])]


def test_fighters_demobilized_stand_down(coder: Coder) -> None:
    events = code(coder, "About 2,000 Congolese militiamen were demobilized last month.")
    assert [(e.type, names(e.sources)) for e in events] == [("RETREAT", ["COD"])]


def test_fighters_demobilized_by_others_are_the_target(coder: Coder) -> None:
    events = code(coder, "Congolese militiamen were demobilized by United Nations peacekeepers.")
    assert [(e.type, names(e.sources)) for e in events] == [("RETREAT", ["UN"])]


@pytest.mark.parametrize("text, expected", [
    ("Russian forces violated the ceasefire in eastern Ukraine on Sunday.", ("ASSAULT", ["RUS"], ["UKR"])),
    ("Hamas is guilty of breaching the truce with Israel.", ("ASSAULT", ["PSE"], ["ISR"])),
])  # fmt: skip
def test_violating_a_ceasefire_is_an_assault(coder: Coder, text: str, expected: tuple) -> None:
    """CAMEO 196, 'violate ceasefire', is an ASSAULT in the crosswalk, not defiance of a norm."""
    assert [(e.type, names(e.sources), names(e.targets)) for e in code(coder, text)] == [expected]


@pytest.mark.parametrize("text", [
    "The Syrian army is capable of attacking Turkish positions.",
    "The Turkish envoy is responsible for negotiating with Syria.",
])  # fmt: skip
def test_what_one_can_or_must_do_is_not_charged(coder: Coder, text: str) -> None:
    assert code(coder, text) == []
