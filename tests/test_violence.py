"""Violence (PLOVER ASSAULT) told without a plain "X attacked Y": the attack noun names the
attacker, the weapon stands in the subject, the fight is what the subject engaged someone in.

Each case is a short sentence of our own, coded by the whole per-article coder. Tests
assert on the event type and the actors' codes (or texts when an actor has no code).
"""

from __future__ import annotations

import pytest

from eventwire.pipeline import Coder

from coding_helpers import code, names, only


ASSAULT_CASES = [
    pytest.param("Two soldiers were wounded in a Russian drone attack.",
                 ["RUS"], ["two soldiers"], id="wounded-in-national-attack"),
    pytest.param("Three farmers were killed in Turkish artillery shelling near the border.",
                 ["TUR"], ["three farmers"], id="killed-in-national-shelling-gerund"),
    pytest.param("Five civilians were killed in an attack by Houthi rebels.",
                 ["YEM"], ["five civilians"], id="killed-in-attack-by"),
    pytest.param("Two children died in an Israeli air strike on Monday.",
                 ["ISR"], ["two children"], id="died-in-national-strike"),
    pytest.param("A roadside bomb killed two Iraqi soldiers near Mosul.",
                 [], ["IRQ"], id="weapon-subject-unknown-attacker"),
    pytest.param("Kenyan police engaged Somali gunmen in a gunfight near the border.",
                 ["KEN"], ["SOM"], id="engaged-in-gunfight"),
    pytest.param("Indian troops engaged Pakistani soldiers in a battle on Tuesday.",
                 ["IND"], ["PAK"], id="engaged-in-battle-time-phrase"),
    pytest.param("Ethiopian forces were engaged in ethnic cleansing against Eritrean villagers.",
                 ["ETH"], ["ERI"], id="engaged-in-ethnic-cleansing"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "sources", "targets"), ASSAULT_CASES)
def test_assault(coder: Coder, text: str, sources: list[str], targets: list[str]) -> None:
    event = only(code(coder, text), "ASSAULT")
    assert names(event.sources) == sources
    assert names(event.targets) == targets


def test_victims_are_not_the_shellers(coder: Coder) -> None:
    events = code(coder, "Four villagers were killed in Turkish tank shelling in the Syrian town of Afrin.")
    event = only(events, "ASSAULT")
    assert names(event.sources) == ["TUR"]
    assert names(event.targets) == ["SYR"]  # civilians harmed in a place are its people


def test_fighters_killed_in_clashes_are_not_victims_of_themselves(coder: Coder) -> None:
    events = code(coder, "Two soldiers were killed in clashes with rebels.")
    assert all(names(e.sources) != names(e.targets) for e in events)


def test_existential_passive(coder: Coder) -> None:
    event = only(code(coder, "There were eight Chadian soldiers killed near the border."), "ASSAULT")
    assert names(event.sources) == []
    assert names(event.targets) == ["TCD"]


def test_existential_passive_with_agent(coder: Coder) -> None:
    event = only(code(coder, "There were two Iraqi soldiers killed by Turkish drones."), "ASSAULT")
    assert names(event.sources) == ["TUR"]
    assert names(event.targets) == ["IRQ"]


def test_existential_none_killed(coder: Coder) -> None:
    assert not code(coder, "There were no Egyptian soldiers killed.")


def test_thwarted_attempt_is_an_attack_by_someone_else(coder: Coder) -> None:
    event = only(code(coder, "Police foiled an attempt to assassinate the Ghanaian president."), "ASSAULT")
    assert event.cameo == "185"
    assert names(event.sources) == []
    assert names(event.targets) == ["GHA"]


@pytest.mark.parametrize("text", [
    "Police foiled a plot to assassinate the Ghanaian president.",
    "The army prevented rebels from attacking the Malian capital.",
])  # fmt: skip
def test_what_was_prevented_did_not_happen(coder: Coder, text: str) -> None:
    assert not [e for e in code(coder, text) if e.type == "ASSAULT"]


def test_violence_attack_noun_carried_out_by_names_the_attacker(coder):
    (event,) = [e for e in code(coder, "A bombing carried out by Chadian rebels killed 12 Nigerien soldiers.")
                if e.type == "ASSAULT"]
    assert names(event.sources) == ["TCD"]
    assert names(event.targets) == ["NER"]

