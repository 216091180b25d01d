"""Recall and actor accuracy for cooperative and verbal-conflict events: commitments,
concessions, accusations and attacks whose parties stand away from the trigger.

Each case is a short sentence of our own, coded by the whole per-article coder. Tests
assert on the event type and the actors' codes (or texts when an actor has no code).
"""

from __future__ import annotations

import pytest

from eventwire.pipeline import Coder

from coding_helpers import code, names


CASES = [
    pytest.param("Denmark is willing to send equipment to help protect Kenya if it is invaded.",
                 "AGREE", ["DNK"], ["KEN"], id="commitment-recipient-deep-in-complement"),
    pytest.param("The union called off its strike after talks with the Kenyan government.",
                 "CONCEDE", ["the union"], ["KEN"], id="concession-after-talks-with"),
    pytest.param("Greece on Monday denounced as a barbaric crime Turkey's shelling of Kurdish villages.",
                 "ACCUSE", ["GRC"], ["TUR"], id="object-after-as-phrase"),
    pytest.param("Members of a Swiss rights panel, a body linked to the Council of Europe, "
                 "investigated welfare of 300 Moroccans, some of whom have been held for years.",
                 "ACCUSE", ["CHE"], ["MAR"], id="misread-participle-with-object"),
    pytest.param("Indian forces launched artillery, mortar, and rocket fire against Pakistani camps near the border.",
                 "ASSAULT", ["IND"], ["PAK"], id="weapon-object-is-no-target"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "type_", "sources", "targets"), CASES)
def test_party_found(coder: Coder, text: str, type_: str, sources: list[str], targets: list[str]) -> None:
    found = [e for e in code(coder, text) if e.type == type_]
    assert found, f"no {type_} in {[(e.type, e.cameo) for e in code(coder, text)]}"
    assert names(found[0].sources) == sources
    assert names(found[0].targets) == targets


def test_no_target_below_another_speakers_clause(coder: Coder) -> None:
    """A party named deep inside what someone else says is not whom a request is put to."""
    events = code(coder, "The US authorities had requested for Smith's extradition saying he has to serve "
                         "the jail term awarded to him by a court in the district of Texas.")
    assert not any("court" in a.text for e in events for a in e.targets)


def test_side_clause_names_no_target(coder: Coder) -> None:
    """"... as Y cracked down on Z": Z is the target of Y's crackdown, not of the first act."""
    events = code(coder, "Peru lifted the curfew in Lima as police in Chile cracked down on Bolivian miners.")
    concessions = [e for e in events if e.type == "CONCEDE"]
    assert concessions and not any(a.code == "BOL" for e in concessions for a in e.targets)


def test_announced_resignation_stays_a_resignation(coder: Coder) -> None:
    """"will step down": no pledge to anyone, the resignation itself (PLOVER RETREAT:resign)."""
    events = code(coder, "The Kenyan finance minister will step down next month, his office said.")
    assert [(e.type, e.mode, e.polarity) for e in events] == [("RETREAT", "resign", "future")]
