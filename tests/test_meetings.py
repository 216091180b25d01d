"""Meetings (PLOVER CONSULT) attended, and what a passive subject is put up to do.

Each case is a short sentence of our own, coded by the whole per-article coder.
"""

from __future__ import annotations

import pytest

from eventwire.pipeline import Coder

from coding_helpers import code, names, only


def test_attended_summit_in_a_country(coder: Coder) -> None:
    event = only(code(coder, "The Peruvian president attended a summit in Chile on Monday."), "CONSULT")
    assert names(event.sources) == ["PER"]
    assert names(event.targets) == ["CHL"]


def test_attended_talks_with(coder: Coder) -> None:
    event = only(code(coder, "The Ghanaian minister attended talks with Togolese officials."), "CONSULT")
    assert names(event.targets) == ["TGO"]


def test_scheduled_attendance_is_an_intent(coder: Coder) -> None:
    # PLOVER: a meeting reported in the future is AGREE; the passive subject will attend.
    event = only(code(coder, "The Peruvian president is scheduled to attend a summit in Chile."), "AGREE")
    assert names(event.sources) == ["PER"]
    assert names(event.targets) == ["CHL"]


def test_attending_a_funeral_is_no_meeting(coder: Coder) -> None:
    assert not code(coder, "The Peruvian president attended a funeral in Chile.")


def test_passive_subject_does_the_infinitive(coder: Coder) -> None:
    events = code(coder, "The Peruvian president is expected to meet the Chilean president.")
    event = only(events, "AGREE")
    assert names(event.sources) == ["PER"]
