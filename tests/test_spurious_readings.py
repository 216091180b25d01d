"""Readings that coded an event the sentence does not report: a civilian "mobilisation",
an action that only waits on a demand, a party taken from a phrase nested in the target.

Sentences of our own, coded on a real parse (the spaCy model is loaded once).
"""

from __future__ import annotations

import pytest

from coding_helpers import code, names


def _types(events) -> list[str]:
    return sorted(e.type for e in events)


@pytest.mark.parametrize("text", [
    pytest.param("Iran has mobilized student groups in Iraq to campaign for the new cleric.", id="groups"),
    pytest.param("Turkey has mobilised its supporters in Germany.", id="supporters"),
])
def test_mobilising_civilians_is_no_military_mobilisation(coder, text):
    assert "MOBILIZE" not in _types(code(coder, text))


@pytest.mark.parametrize("text", [
    pytest.param("Armenia mobilized its reservists on Monday.", id="reservists"),
    pytest.param("Cuba mobilized part of its army.", id="part-of-army"),
    pytest.param("Syria mobilised along the Turkish border.", id="no-object"),
])
def test_mobilising_a_force_is_still_coded(coder, text):
    assert "MOBILIZE" in _types(code(coder, text))


@pytest.mark.parametrize("text", [
    pytest.param("Serbian rebels demanded a ceasefire before allowing Croatian relief convoys to reach the town.",
                 id="demanded-before"),
    pytest.param("Hamas insisted on a truce before releasing Israeli hostages.", id="insisted-before"),
])
def test_an_action_waiting_on_a_demand_did_not_happen(coder, text):
    assert not {"CONCEDE", "AID", "RETREAT"} & set(_types(code(coder, text)))


def test_an_action_before_a_plain_act_still_happened(coder):
    text = "Serbian police searched the trucks before allowing Croatian relief convoys to reach the town."
    assert "CONCEDE" in _types(code(coder, text))


@pytest.mark.parametrize("text", [
    pytest.param("Kenya opened an investigation into the killing of Ugandan traders.", id="investigation"),
    pytest.param("Kenyan police launched a probe into the shooting of two Ugandan students.", id="probe"),
])
def test_who_opens_an_inquiry_did_not_do_what_it_looks_into(coder, text):
    assault = [e for e in code(coder, text) if e.type == "ASSAULT"]
    assert assault and all("KEN" not in names(e.sources) for e in assault)


def test_troops_drawn_into_fighting_still_fight(coder):
    events = code(coder, "Kenyan troops were drawn into the fighting with Somali militias.")
    assert any(e.type == "ASSAULT" and names(e.sources) == ["KEN"] for e in events)


@pytest.mark.parametrize("text, wrong", [
    pytest.param("Gunmen killed a commander of Russia's militia allies in Syria.", "RUS", id="possessor"),
    pytest.param("Hezbollah fighters attacked Israel's allies in southern Lebanon.", "ISR", id="allies"),
    pytest.param("Rebels attacked a convoy of Iran's ally Syria.", "IRN", id="ally-named"),
])
def test_a_partys_allies_are_not_that_party(coder, text, wrong):
    assault = [e for e in code(coder, text) if e.type == "ASSAULT"]
    assert assault and all(wrong not in names(e.targets) for e in assault)


def test_a_partys_own_force_is_still_that_party(coder):
    events = code(coder, "Israel's army shelled Gaza.")
    assert any(e.type == "ASSAULT" and names(e.sources) == ["ISR"] for e in events)


@pytest.mark.parametrize("text", [
    pytest.param("Kenyan police are investigating allegations by two Ugandan men.", id="verb"),
    pytest.param("The Kenyan panel completed its investigation into a complaint by Ugandan officials.", id="noun"),
])
def test_an_investigation_of_a_claim_is_not_aimed_at_the_claimant(coder, text):
    assert all("UGA" not in names(e.targets) for e in code(coder, text) if e.type == "ACCUSE")


def test_a_claims_maker_is_still_rejected(coder):
    events = code(coder, "Kenya rejected allegations by two Ugandan men.")
    assert any(e.type == "REJECT" and names(e.targets) == ["UGA"] for e in events)


def test_an_investigated_deed_still_names_its_doer(coder):
    events = code(coder, "Kenya is investigating the attack by Ugandan rebels.")
    assert any(e.type == "ACCUSE" and names(e.targets) == ["UGA"] for e in events)


@pytest.mark.parametrize("text", [
    pytest.param("Kenyan prisoners rioted at a jail in Nairobi, setting fire to their mattresses.", id="riot"),
    pytest.param("Kenyan demonstrators marched through Nairobi, burning tyres and torching cars.", id="march"),
])
def test_arson_told_as_how_a_protest_went_is_the_protest(coder, text):
    assert _types(code(coder, text)) == ["PROTEST"]


@pytest.mark.parametrize("text", [
    pytest.param("Kenyan rioters torched a police station.", id="finite"),
    pytest.param("Kenyan troops set fire to a Somali village.", id="troops"),
])
def test_arson_of_its_own_is_still_coded(coder, text):
    assert "COERCE" in _types(code(coder, text))


def test_a_remark_beside_a_request_names_no_one_asked(coder):
    text = "The UN Security Council urged a return to calm, referring to Gaza's last deadly conflict with Israel."
    assert all("PSE" not in names(e.targets) for e in code(coder, text) if e.type == "REQUEST")


def test_a_saying_clause_still_names_who_is_asked(coder):
    events = code(coder, "The UN Security Council urged restraint, saying Israel must halt its strikes.")
    assert any(e.type == "REQUEST" and names(e.targets) == ["ISR"] for e in events)


@pytest.mark.parametrize("text", [
    pytest.param("Analysts warned of the risk of a war with Iran.", id="risk"),
    pytest.param("The talks eased fears of an attack on Taiwan.", id="fears"),
    pytest.param("Kenya faces the danger of clashes with Somali militias.", id="danger"),
])
def test_what_a_risk_is_of_has_not_happened(coder, text):
    assert "ASSAULT" not in _types(code(coder, text))


def test_a_wave_of_arrests_still_happened(coder):
    assert "COERCE" in _types(code(coder, "Kenyan police launched a wave of arrests of Somali migrants."))


def test_a_place_in_a_coordinated_clause_is_not_where_the_protest_was(coder):
    text = "Murri, a Baloch separatist leader, has also led protests but is unwilling to seek asylum in India."
    assert all("IND" not in names(e.targets) for e in code(coder, text) if e.type == "PROTEST")


@pytest.mark.parametrize("text, place", [
    pytest.param("Kenyan prisoners rioted at a jail in Nairobi.", "KEN", id="own-clause"),
    pytest.param("Thousands of Pakistani students staged protests in Lahore.", "PAK", id="light-verb"),
])
def test_a_place_of_the_events_own_clause_is_still_its_target(coder, text, place):
    assert any(e.type == "PROTEST" and names(e.targets) == [place] for e in code(coder, text))
