"""An evacuation of one's own people helps them, not the country they leave: "Spain
evacuated its citizens from X" is aimed at the Spanish citizens; others evacuated from
a place are still that place's ("evacuated the wounded from the town of Y").

Each case is a short sentence of our own, coded by the whole per-article coder.
"""

from __future__ import annotations

import pytest

from eventwire.pipeline import Coder

from coding_helpers import code, only


@pytest.mark.parametrize("text", [
    pytest.param("Spain evacuated its citizens from Niger.", id="its-citizens"),
    pytest.param("Spain evacuated Spanish civilians from Niger.", id="named-nationality"),
])
def test_own_evacuees_are_the_target(coder: Coder, text: str) -> None:
    event = only(code(coder, text), "AID")
    assert [(a.country, a.sector) for a in event.targets] == [("ESP", "CVL")]


def test_the_wounded_of_a_town_stay_the_towns(coder: Coder) -> None:
    event = only(code(coder, "Spanish helicopters evacuated the wounded from the Malian town of Gao."), "AID")
    assert [a.country for a in event.targets] == ["MLI"]


def test_an_envoy_withdrawn_is_still_aimed_at_the_host(coder: Coder) -> None:
    events = code(coder, "Spain recalled its ambassador from Niger.")
    assert [a.country for e in events for a in e.targets] == ["NER"]
