"""Refusals (PLOVER REJECT) and requests: the constructions by which news says no.

Each case is a short sentence of our own, coded by the whole per-article coder. Tests
assert on the event type and the actors' codes (or texts when an actor has no code).
"""

from __future__ import annotations

import pytest

from eventwire.model import Article, Event, Span
from eventwire.pipeline import Coder


@pytest.fixture(scope="session")
def coder() -> Coder:
    return Coder()


def code(coder: Coder, text: str) -> list[Event]:
    article = Article(id="t", text=text, paragraphs=(Span(0, len(text)),))
    return list(coder.code_document(article).events)


def names(actors) -> list[str]:
    return sorted(a.code or a.text.lower() for a in actors)


def only(events: list[Event], type_: str) -> Event:
    found = [e for e in events if e.type == type_]
    assert len(found) == 1, f"expected one {type_}, got {[(e.type, e.cameo) for e in events]}"
    return found[0]


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
