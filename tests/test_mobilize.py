"""MOBILIZE: the force a side calls up is its own, never the target, and a non-state
armed group's mobilisation has the militia mode.

Sentences of our own, coded on a real parse (the spaCy model is loaded once).
"""

from __future__ import annotations

import pytest

from coding_helpers import code, names, only


@pytest.mark.parametrize("text, target", [
    pytest.param("The rebels mobilised thousands of fighters near Bunia.", "COD", id="fighters"),
    pytest.param("Nigeria deployed 400 police officers to the northern city of Kano.", "NGA", id="police"),
])
def test_the_force_called_up_is_not_the_target(coder, text, target):
    event = only(code(coder, text), "MOBILIZE")
    assert names(event.targets) == [target]


def test_a_state_mobilising_troops_is_not_a_militia(coder):
    event = only(code(coder, "Armenia mobilised its troops along the Azerbaijani border."), "MOBILIZE")
    assert event.mode == "troops"
    assert names(event.targets) == ["AZE"]


def test_an_armed_group_mobilising_is_a_militia(coder):
    event = only(code(coder, "Insurgents mobilised hundreds of fighters near Mosul."), "MOBILIZE")
    assert event.mode == "militia"
    assert names(event.targets) == ["IRQ"]
