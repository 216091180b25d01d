"""What a request asks for has not happened, and a troop movement's "from" is a place.

"demanded the withdrawal of X" is one REQUEST, not also a RETREAT; "the withdrawal of its
forces from Y" is a retreat by the forces from Y, not by Y. Short sentences of our own,
coded by the whole per-article coder.
"""

from __future__ import annotations

import pytest

from eventwire.pipeline import Coder

from coding_helpers import code, names


@pytest.mark.parametrize("text", [
    "Ghana demanded the withdrawal of Malian troops from Togo.",
    "Ghana called for the withdrawal of Malian troops from Togo.",
])
def test_requested_movement_is_no_retreat(coder: Coder, text: str) -> None:
    events = code(coder, text)
    assert [e.type for e in events] == ["REQUEST"]
    assert names(events[0].sources) == ["GHA"]


def test_movement_from_names_the_place_left(coder: Coder) -> None:
    events = code(coder, "Ghana completed the withdrawal of its troops from Togo.")
    retreats = [e for e in events if e.type == "RETREAT"]
    assert retreats and "TGO" not in names(retreats[0].sources)
    assert names(retreats[0].sources) == ["GHA"]


@pytest.mark.parametrize("text", [
    "Ghana renewed its call for Togo to reopen the border.",
    "Ghana issued an appeal for Togo to reopen the border.",
])
def test_call_for_a_party_to_act(coder: Coder, text: str) -> None:
    events = code(coder, text)
    assert [(e.type, names(e.targets)) for e in events] == [("REQUEST", ["TGO"])]


def test_ultimatum_keeps_its_coded_party(coder: Coder) -> None:
    """An uncoded party in the condition does not displace the coded one acted on."""
    events = code(coder, "Ghana said it will withdraw its troops from Togo unless the rebels disarm.")
    assert [(e.type, names(e.targets)) for e in events] == [("THREATEN", ["TGO"])]


@pytest.mark.parametrize("text, target", [
    ("Ghana said that talks with Togo were out of the question.", "TGO"),
    ("Easing the sanctions on Togo is out of the question, Ghana said.", "TGO"),
])
def test_out_of_the_question_is_the_speakers_rejection(coder: Coder, text: str, target: str) -> None:
    events = code(coder, text)
    assert [(e.type, names(e.sources), names(e.targets)) for e in events] == [("REJECT", ["GHA"], [target])]


def test_not_out_of_the_question_is_no_rejection(coder: Coder) -> None:
    assert code(coder, "Ghana said that talks with Togo were not out of the question.") == []


@pytest.mark.parametrize("text, target", [
    ("Ghanaian rebels vowed to fight until Togo withdraws its troops.", "TGO"),
    ("The rebels have sworn to fight until they gain control of villages near Togo's border.", "TGO"),
])
def test_hostile_vow_aims_at_its_condition(coder: Coder, text: str, target: str) -> None:
    events = code(coder, text)
    assert [(e.type, names(e.targets)) for e in events] == [("THREATEN", [target])]


def test_mobilized_reservists_are_moved_not_targeted(coder: Coder) -> None:
    events = code(coder, "Ghana mobilized army reservists for a possible war against Togo.")
    assert [(e.type, names(e.sources), names(e.targets)) for e in events] == [("MOBILIZE", ["GHA"], ["TGO"])]


@pytest.mark.parametrize("text", [
    "Ghana mobilized troops for an offensive against rebels in Togo.",
    "Ghana called up reservists for an offensive against rebels in Togo.",
])
def test_offensive_a_mobilization_is_for_is_still_to_come(coder: Coder, text: str) -> None:
    events = code(coder, text)
    assert [(e.type, names(e.sources)) for e in events] == [("MOBILIZE", ["GHA"])]
