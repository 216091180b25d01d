"""Harm reported with "there were": "there were 30 killed in X's shelling", "there were
dozens of Y arrested by Z" — the counted people suffered it, the attack named did it.

Each case is a short sentence of our own, coded by the whole per-article coder.
"""

from __future__ import annotations

import pytest

from eventwire.pipeline import Coder

from coding_helpers import code, names, only


@pytest.mark.parametrize("text, type_, source, target", [
    pytest.param("There were dozens of students detained by Belarusian police.", "COERCE",
                 "BLR", "students", id="counted-noun-below-quantity"),
    pytest.param("There were hundreds of villagers wounded by Sudanese troops.", "ASSAULT",
                 "SDN", "villagers", id="hundreds-of"),
])
def test_the_counted_people_suffered_it(coder: Coder, text: str, type_: str, source: str, target: str) -> None:
    event = only(code(coder, text), type_)
    assert names(event.sources) == [source]
    assert [a.text for a in event.targets] == [target]


def test_the_attack_they_died_in_names_the_attacker(coder: Coder) -> None:
    event = only(code(coder, "There were 40 villagers killed in Ethiopian air strikes."), "ASSAULT")
    assert names(event.sources) == ["ETH"]
    assert [a.sector for a in event.targets] == ["CVL"]


def test_a_place_they_died_in_names_no_attacker(coder: Coder) -> None:
    event = only(code(coder, "There were 40 Ethiopian villagers killed in Tigray."), "ASSAULT")
    assert not event.sources
