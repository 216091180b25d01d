"""Recall of recurring news constructions: retaking places, website attacks, taking in
refugees, refusals with "to", pressure put on a party, orders to appear.

Each case is a short sentence of our own, coded by the whole per-article coder. Tests
assert on the event type and the actors' codes (or texts when an actor has no code).
"""

from __future__ import annotations

import pytest

from eventwire.model import Event
from eventwire.pipeline import Coder

from coding_helpers import code, names


def kinds(events: list[Event]) -> list[tuple[str, list[str], list[str]]]:
    return [(e.type, names(e.sources), names(e.targets)) for e in events]


CASES = [
    pytest.param("Syrian troops recaptured a village in Idlib province from the rebels.",
                 ("ASSAULT", ["the rebels"]), id="recaptured-village-from"),
    pytest.param("Malian soldiers retook the town of Gao.",
                 ("ASSAULT", ["gao"]), id="retook-irregular-past"),
    pytest.param("Islamist fighters overran a Nigerian army base.",
                 ("ASSAULT", ["NGA"]), id="overran-base"),
    pytest.param("Iranian hackers defaced the website of the Saudi interior ministry.",
                 ("COERCE", ["SAU"]), id="defaced-website"),
    pytest.param("Lebanon said it will not accept any more Syrian refugees.",
                 ("REJECT", ["SYR"]), id="will-not-accept-refugees"),
    pytest.param("Sweden accepted thousands of Iraqi refugees.",
                 ("AID", ["IRQ"]), id="accepted-refugees-asylum"),
    pytest.param("Togo was refusing admittance to Ghanaians.",
                 ("REJECT", ["GHA"]), id="refusing-admittance-to"),
    pytest.param("The Kenyan president faces pressure from Britain to hold early elections.",
                 ("REQUEST", ["KEN"]), id="faces-pressure-from"),
    pytest.param("The Greek prime minister came under pressure from Germany to cut spending.",
                 ("REQUEST", ["GRC"]), id="came-under-pressure-from"),
    pytest.param("The Polish government is under strong pressure from Brussels.",
                 ("REQUEST", ["POL"]), id="is-under-pressure-from"),
    pytest.param("France put pressure on Morocco to release the journalist.",
                 ("REQUEST", ["MAR"]), id="put-pressure-on"),
    pytest.param("The Turkish minister faces criticism from Amnesty International.",
                 ("ACCUSE", ["TUR"]), id="faces-criticism-from"),
    pytest.param("A Brazilian judge ordered the Chilean businessman to appear for questioning.",
                 ("REQUEST", ["CHL"]), id="judge-ordered-to-appear"),
    pytest.param("A Kenyan court ordered the Ugandan government to release the activists.",
                 ("REQUEST", ["UGA"]), id="court-ordered-to-release"),
    pytest.param("A statement by Hezbollah accused Israel of breaking the truce.",
                 ("ACCUSE", ["ISR"]), id="statement-by-author"),
    pytest.param("A report released by Amnesty International accused Egypt of torture.",
                 ("ACCUSE", ["EGY"]), id="report-released-by-author"),
]  # fmt: skip


@pytest.mark.parametrize("text, expected", CASES)
def test_construction(coder: Coder, text: str, expected: tuple[str, list[str]]) -> None:
    events = code(coder, text)
    type_, targets = expected
    assert any(e.type == type_ and names(e.targets) == targets for e in events), kinds(events)


NOT_CASES = [
    pytest.param("The champion retook the lead in the second set.", id="retook-the-lead"),
    pytest.param("She recaptured the title she lost last year.", id="recaptured-title"),
    pytest.param("Rising prices put pressure on the central bank.", id="pressure-without-presser"),
    pytest.param("The country faces pressure to cut its deficit.", id="pressure-from-no-one"),
]  # fmt: skip


@pytest.mark.parametrize("text", NOT_CASES)
def test_no_event(coder: Coder, text: str) -> None:
    assert code(coder, text) == []


def test_website_attack_is_cyber(coder: Coder) -> None:
    event = next(e for e in code(coder, "Turkish hackers defaced Greek government websites.") if e.type == "COERCE")
    assert event.mode == "cyber"


@pytest.mark.parametrize("text", [
    "The Serbian minister faces pressure from the European Union to resign.",
    "The Serbian minister was pressured by the European Union to resign.",
])  # fmt: skip
def test_what_is_pressed_for_does_not_happen(coder: Coder, text: str) -> None:
    events = code(coder, text)
    assert [(e.type, names(e.sources), names(e.targets)) for e in events] == [("REQUEST", ["EU"], ["SRB"])]


def test_an_order_to_troops_is_still_their_move(coder: Coder) -> None:
    events = code(coder, "The Russian president ordered troops to withdraw from the city.")
    assert [e.type for e in events] == ["RETREAT"]


def test_an_order_that_things_be_held_asks_no_one(coder: Coder) -> None:
    assert code(coder, "The ballots went to the capital, where a judge has ordered them held under guard.") == []


def test_a_document_speaks_for_its_author(coder: Coder) -> None:
    event = next(e for e in code(coder, "A report from Human Rights Watch alleged that Ethiopian soldiers "
                                        "killed civilians.") if e.type == "ACCUSE")
    assert names(event.sources) == ["HRW"] and "ETH" in names(event.targets)
