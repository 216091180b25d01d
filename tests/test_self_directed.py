"""Domestic events: two parties of one country and sector are still two parties (a lawmaker
accusing the president, the army fighting mutinous soldiers); only a party acting on itself
(the state named by itself, one name twice, the same words) is no event between parties.

Short sentences of our own, coded by the whole per-article coder.
"""

from __future__ import annotations

import pytest

from eventwire.model import Event
from eventwire.pipeline import Coder

from coding_helpers import code


def kinds(events: list[Event]) -> list[tuple[str, list[str], list[str]]]:
    return [(e.type, sorted(f"{a.code}/{a.sector}" for a in e.sources),
             sorted(f"{a.code}/{a.sector}" for a in e.targets)) for e in events]


@pytest.mark.parametrize("text,expected", [
    pytest.param("Kenyan Democratic lawmakers accused Kenyan Republican lawmakers of lying.",
                 [("ACCUSE", ["KEN/GOV"], ["KEN/GOV"])], id="party-against-party"),
    pytest.param("The Ghanaian president accused the Ghanaian parliament of corruption.",
                 [("ACCUSE", ["GHA/GOV"], ["GHA/GOV"])], id="president-against-parliament"),
    pytest.param("Brazilian judges criticized the Brazilian Supreme Court.",
                 [("ACCUSE", ["BRA/JUD"], ["BRA/JUD"])], id="judges-against-court"),
    pytest.param("The Malian army attacked mutinous Malian soldiers.",
                 [("ASSAULT", ["MLI/MIL"], ["MLI/MIL"])], id="army-against-mutineers"),
    pytest.param("The Sudanese army attacked Sudanese army deserters.",
                 [("ASSAULT", ["SDN/MIL"], ["SDN/MIL"])], id="army-against-its-deserters"),
])
def test_two_parties_of_one_country_keep_their_event(coder: Coder, text: str, expected) -> None:
    assert kinds(code(coder, text)) == expected


@pytest.mark.parametrize("text,expected", [
    pytest.param("The Bolivian president promised to reform Bolivia.",
                 [("AGREE", ["BOL/GOV"], [])], id="state-named-by-itself"),
    pytest.param("The Peruvian president vowed to defend Peru's interests.",
                 [("AGREE", ["PER/GOV"], [])], id="state-named-by-its-possessive"),
    pytest.param("The Chilean government accused Chile of lying.", [], id="government-and-its-state"),
    pytest.param("The Nepali government criticized the government.", [], id="same-words"),
    pytest.param("The Ugandan president accused President Tom Okello of Uganda of lying.", [],
                 id="office-and-its-holder"),
    pytest.param("Egypt promised to defend itself.", [("AGREE", ["EGY/GOV"], [])], id="reflexive"),
    pytest.param("The Tunisian government is killing its own people.",
                 [("ASSAULT", ["TUN/GOV"], ["TUN/CVL"])], id="its-own-people"),
])
def test_a_party_acting_on_itself_has_no_target(coder: Coder, text: str, expected) -> None:
    assert kinds(code(coder, text)) == expected


def test_a_speaker_is_not_the_body_spoken_to(coder: Coder) -> None:
    text = ("Ali Hassan, vice president of the Malaysian Association of Hotels, said the raid hurt "
            "Malaysia's image.\n\"I urge the government to take firm measures,\" he said.")
    assert ("REQUEST", ["MYS/None"], ["MYS/GOV"]) in kinds(code(coder, text))  # an association's head: no official
