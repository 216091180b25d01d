"""What is launched or imposed is never whom it is aimed at: "Chile's operation was launched"
names Chile as the attacker and no victim; "an offensive against X was launched" aims at X.

Each case is a short sentence of our own, coded by the whole per-article coder.
"""

from __future__ import annotations

import pytest

from eventwire.pipeline import Coder

from coding_helpers import code, names


@pytest.mark.parametrize("text, sources, targets", [
    pytest.param("Ethiopia's offensive was launched to retake the border town of Humera in Eritrea.",
                 ["ETH"], ["ERI", "humera"], id="owner-of-the-offensive"),
    pytest.param("A new offensive against the rebels was launched by the Sudanese army.",
                 ["SDN"], ["the rebels"], id="passive-agent-and-aim"),
    pytest.param("Sanctions were imposed on Iran by the European Union.",
                 ["EU"], ["IRN"], id="imposed-on"),
])
def test_a_launched_thing_is_no_target(coder: Coder, text: str, sources, targets) -> None:
    events = [e for e in code(coder, text) if e.type in {"ASSAULT", "SANCTION"}]
    assert [(names(e.sources), names(e.targets)) for e in events] == [(sources, targets)]


def test_a_launched_thing_with_no_aim_codes_no_victim(coder: Coder) -> None:
    events = code(coder, "Chile's operation was launched on Monday.")
    assert not any(a.code == "CHL" for e in events for a in e.targets)


def test_people_released_are_still_the_target(coder: Coder) -> None:
    (event,) = code(coder, "Hundreds of Palestinian prisoners were released by Israel.")
    assert names(event.targets) == ["PSE"]
