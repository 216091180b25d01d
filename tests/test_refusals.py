"""Refusals (PLOVER REJECT) and requests: the constructions by which news says no.

Each case is a short sentence of our own, coded by the whole per-article coder. Tests
assert on the event type and the actors' codes (or texts when an actor has no code).
"""

from __future__ import annotations

import pytest


from coding_helpers import code, names, only


REJECT_CASES = [
    pytest.param("The president declined to resign despite US pressure.",
                 ["the president"], ["USA"], id="declined-despite-pressure"),
    pytest.param("The minister refused to step down despite calls from French lawmakers.",
                 ["the minister"], ["FRA"], id="refused-despite-calls-from"),
    pytest.param("Iran refused to halt enrichment in defiance of American demands.",
                 ["IRN"], ["USA"], id="in-defiance-of"),
    pytest.param("Turkey is opposed to Greek mediation in the dispute.",
                 ["TUR"], ["GRC"], id="adjectival-opposed"),
    pytest.param("The rebels are opposed to the deployment of French troops.",
                 ["the rebels"], ["FRA"], id="stative-opposed-not-self"),
    pytest.param("The city council denied land to the Catholic church.",
                 ["the city council"], ["the catholic church"], id="denied-to"),
    pytest.param("Germany said it would not meet the kidnappers' demands.",
                 ["DEU"], ["the kidnappers"], id="negated-meet-demands"),
    pytest.param("France said it would not give in to the demands of the captors.",
                 ["FRA"], ["the captors"], id="negated-give-in"),
    pytest.param("The rebels did not heed the UN's call for a ceasefire.",
                 ["the rebels"], ["UN"], id="did-not-heed"),
    pytest.param("Egypt rejected a call for its troops to be deployed in Libya.",
                 ["EGY"], ["LBY"], id="rejected-call-for-deployment-in"),
    pytest.param("Syria rejected an offer to hold talks with Israel.",
                 ["SYR"], ["ISR"], id="rejected-offer-of-talks-with"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "sources", "targets"), REJECT_CASES)
def test_reject(coder, text, sources, targets):
    event = only(code(coder, text), "REJECT")
    assert names(event.sources) == sources
    assert names(event.targets) == targets


def test_bowing_to_pressure_is_concede(coder):
    event = only(code(coder, "The government bowed to pressure from the unions."), "CONCEDE")
    assert names(event.targets) == ["the unions"]


@pytest.mark.parametrize("text", [
    "The spokesman declined to comment to Reuters.",
    "A Foreign Ministry official refused to say when the talks with Japan would resume.",
])  # fmt: skip
def test_declining_to_comment_is_no_event(coder, text):
    assert [e.type for e in code(coder, text) if e.type == "REJECT"] == []


def test_denying_ties_is_no_refusal(coder):
    events = code(coder, "The group denied any ties to Iran.")
    assert [e.type for e in events if e.type == "REJECT"] == []


def test_stative_commitment_to_reform(coder):
    event = only(code(coder, "Minister Ali said Egypt is committed to opening up the economy."), "AGREE")
    assert names(event.sources) == ["EGY"]


def test_rejected_plan_is_not_carried_out(coder):
    events = code(coder, "Russia rejected a plan to impose sanctions on Syria.")
    assert [e.type for e in events] == ["REJECT"]


def test_rejected_demand_to_free_prisoners_names_no_prisoners(coder):
    events = code(coder, "Germany rejected demands to release prisoners.")
    assert [names(e.targets) for e in events if e.type == "REJECT"] == []


REQUEST_CASES = [
    pytest.param("The French president issued a stern reminder to Iran that it must cooperate "
                 "with UN inspectors.", ["FRA"], ["IRN"], id="reminder-to-x-that-it-must"),
    pytest.param("China reminded Japan that it must respect the treaty.",
                 ["CHN"], ["JPN"], id="reminded-x-that-it-must"),
    pytest.param("The rebel group insisted on its demands that the Burundian government grant "
                 "more rights to Hutus.", ["the rebel group"], ["BDI"], id="insisted-on-demands-that"),
    pytest.param("The opposition demanded that the president dismiss the Iranian envoy.",
                 ["the opposition"], ["the president"], id="demanded-that-x-asks-x-only"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "sources", "targets"), REQUEST_CASES)
def test_request(coder, text, sources, targets):
    event = only(code(coder, text), "REQUEST")
    assert names(event.sources) == sources
    assert names(event.targets) == targets


def test_withholding_permission_is_reject(coder):
    event = only(code(coder, "Brazil said it would not give permission to Chile to build the dam."), "REJECT")
    assert names(event.sources) == ["BRA"]
    assert names(event.targets) == ["CHL"]


def test_giving_permission_is_concede(coder):
    event = only(code(coder, "Turkey gave permission to the United States to use its air base."), "CONCEDE")
    assert names(event.targets) == ["USA"]


def test_whether_clause_asserts_nothing(coder):
    events = code(coder, "Officials said it does not matter whether Mexican states give him permission.")
    assert [e.type for e in events] == []
