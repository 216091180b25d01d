"""Parties read robustly: a group aimed at in a launched strike takes the place its phrase
names, a fired weapon is never the victim, a first name the parser reads as a
preposition still names the subject, and "X protested in Y" is no headline passive.

Each case is a short sentence of our own, coded by the whole per-article coder.
"""

from __future__ import annotations

import pytest

from eventwire.pipeline import Coder

from coding_helpers import code, names, only


@pytest.mark.parametrize("text, place", [
    pytest.param("Britain launched a drone strike against an Islamic State convoy east of Mosul.", "IRQ",
                 id="compass-of-city"),
    pytest.param("The army launched an offensive against Islamic State fighters near Raqqa.", "SYR",
                 id="near-city"),
])
def test_a_launched_strike_places_a_countryless_group(coder: Coder, text: str, place: str) -> None:
    event = only(code(coder, text), "ASSAULT")
    assert [a.country for a in event.targets] == [place]
    assert [a.sector for a in event.targets] == ["REB"]


def test_a_launched_strike_on_a_group_named_nowhere_stays_unplaced(coder: Coder) -> None:
    event = only(code(coder, "The army launched an offensive against Islamic State."), "ASSAULT")
    assert [a.country for a in event.targets] == [None]


@pytest.mark.parametrize("text", [
    pytest.param("Rockets were fired at Israel from Lebanon overnight.", id="initial-plural"),
    pytest.param("Rockets were fired from Syria at Israel.", id="from-before-at"),
])
def test_a_fired_weapon_is_not_a_target(coder: Coder, text: str) -> None:
    event = only(code(coder, text), "ASSAULT")
    assert names(event.targets) == ["ISR"]


def test_owned_weapons_shot_down_stay_the_target(coder: Coder) -> None:
    event = only(code(coder, "Three Iranian drones were shot down by Israel."), "ASSAULT")
    assert names(event.targets) == ["IRN"]


def test_a_first_name_read_as_a_preposition_still_names_the_subject(coder: Coder) -> None:
    events = code(coder, "Barack Obama and Vladimir Putin will meet in Geneva next month.")
    event = only(events, "AGREE")
    assert names(event.sources) + names(event.targets) == ["USA", "RUS"]


def test_a_bare_protest_is_no_headline_passive(coder: Coder) -> None:
    event = only(code(coder, "Supporters of the jailed opposition leader protested in Nairobi."), "PROTEST")
    assert [(a.country, a.sector) for a in event.sources] == [("KEN", "OPP")]
