"""Who an event is aimed at, and who does it, in constructions that mislead a naive reading:
a resignation aims at no place, a topic is no party, a withdrawal's "from" is the place left.

Each case is a short sentence of our own, coded by the whole per-article coder.
"""

from __future__ import annotations

import pytest

from eventwire.pipeline import Coder

from coding_helpers import code, names, only


def test_a_resignation_takes_no_place_target(coder: Coder) -> None:
    event = only(code(coder, "Moldovan Prime Minister Ion Popescu resigned Friday in the capital Chisinau."),
                 "RETREAT")
    assert names(event.sources) == ["MDA"] and event.targets == ()
    assert "place-target" not in event.rule


def test_forces_withdrawn_from_a_place_are_not_its_own(coder: Coder) -> None:
    event = only(code(coder, "Britain accelerated the withdrawal of some combat forces from Iraq on Tuesday."),
                 "RETREAT")
    assert (names(event.sources), names(event.targets)) == (["GBR"], ["IRQ"])
    assert "place-target" not in event.rule


def test_a_withdrawal_of_foreign_forces_keeps_their_country(coder: Coder) -> None:
    event = only(code(coder, "The withdrawal of Turkish troops from Cyprus began on Monday."), "RETREAT")
    assert (names(event.sources), names(event.targets)) == (["TUR"], ["CYP"])


def test_the_topic_of_negotiations_is_no_party(coder: Coder) -> None:
    for text in ["Peru resumed negotiations on autonomy for Bolivia.", "Officials began consultations on Kosovo."]:
        assert not any(e.type == "CONSULT" for e in code(coder, text)), text


def test_talks_on_a_place_between_two_states_are_joint(coder: Coder) -> None:
    event = only(code(coder, "Sudan and Chad resumed negotiations on the future of Darfur."), "CONSULT")
    assert (names(event.sources), names(event.targets)) == (["SDN"], ["TCD"])


def test_those_joined_in_a_protest_are_not_its_target(coder: Coder) -> None:
    events = code(coder, "Students rioted in Lagos on Friday, joining hundreds of workers in demanding higher wages.")
    assert not any("workers" in a.text for e in events for a in e.targets)


def test_an_opposition_without_a_country_acts_where_the_event_is(coder: Coder) -> None:
    event = only(code(coder, "Leaders of the Unity opposition alliance agreed to postpone the march in Minsk."), "AGREE")
    assert names(event.sources) == ["BLR"]


def test_an_opposition_meeting_abroad_takes_no_country_from_the_venue(coder: Coder) -> None:
    event = only(code(coder, "Opposition leaders met the UN envoy in Geneva on Monday."), "CONSULT")
    assert not any(a.country == "CHE" for a in event.sources)


@pytest.mark.parametrize("text, type_, target", [
    pytest.param("The agency sent inspectors to the Bushehr Reactor Complex (BRC) in southern Iran on Monday.",
                 "ACCUSE", "IRN", id="inspected-site-in-a-country"),
    pytest.param("The envoy demanded parties to the fighting in Libya to open the roads.",
                 "REQUEST", "LBY", id="parties-to-a-conflict-somewhere"),
    pytest.param("Gunmen attacked a police checkpoint 30 km north of Kandahar.",
                 "ASSAULT", "AFG", id="compass-point-of-a-town"),
])
def test_a_target_without_a_country_takes_the_place_of_its_phrase(coder: Coder, text: str, type_: str,
                                                                  target: str) -> None:
    event = only(code(coder, text), type_)
    assert names(event.targets) == [target]


def test_a_meeting_venue_gives_no_country_to_those_met(coder: Coder) -> None:
    event = only(code(coder, "The minister met opposition leaders in Geneva on Monday."), "CONSULT")
    assert not any(a.code == "CHE" for a in event.targets)


def test_a_concession_to_demands_answers_those_who_made_them(coder: Coder) -> None:
    event = only(code(coder, "The president finally conceded to demands from the Movement for the Liberation "
                             "of Guinea (MLG) to reform the courts."), "CONCEDE")
    assert names(event.targets) == ["GIN"]
    assert event.targets[0].text.startswith("the Movement")


def test_a_long_name_split_by_the_parse_makes_no_request(coder: Coder) -> None:
    events = code(coder, "The king bowed to demands from the National Front for the Liberation of Chad (NFLC) "
                         "to free the prisoners.")
    assert [(e.type, names(e.targets)) for e in events] == [("CONCEDE", ["TCD"])]


def test_an_exiled_opposition_takes_no_country_from_where_it_rallies(coder: Coder) -> None:
    event = only(code(coder, "Exiled opposition leaders held a rally in Paris against the junta."), "PROTEST")
    assert not any(a.code == "FRA" for a in event.sources)


def test_a_pullout_is_a_withdrawal(coder: Coder) -> None:
    event = only(code(coder, "Moscow completed the pullout of its forces from Georgia."), "RETREAT")
    assert (names(event.sources), names(event.targets)) == (["RUS"], ["GEO"])
