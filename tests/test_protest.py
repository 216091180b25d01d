"""Protests: the target named by a protest's purpose, and local groups' countries.

Sentences of our own, coded by the whole per-article coder (spaCy loaded once).
"""

from __future__ import annotations

import pytest

from test_events import code, codes, only


PURPOSE_CASES = [
    pytest.param("Students marched to demand the resignation of the Kenyan interior minister.",
                 ["KEN"], id="to-demand-resignation-of"),
    pytest.param("Thousands of Kurds demonstrated in Berlin calling for autonomy from Turkey.",
                 ["TUR"], id="participle-calling-for-beats-place"),
    pytest.param("Farmers blocked roads in Punjab demanding that the Indian government cut fuel "
                 "prices.", ["IND"], id="participle-demanding-that"),
    pytest.param("Teachers began a hunger strike outside parliament to demand the return of land "
                 "seized by Zimbabwean police.", ["ZWE"], id="agent-of-participle"),
    pytest.param("Workers began a strike in protest of the Nigerian government's refusal to raise "
                 "wages.", ["NGA"], id="in-protest-of-possessor"),
    pytest.param("The union called a strike over a bill drafted by the Ghanaian labour minister.",
                 ["GHA"], id="called-strike-over"),
    pytest.param("Villagers staged a sit-in against the dam built by the Ethiopian state utility.",
                 ["ETH"], id="sit-in-against"),
    pytest.param("Dock workers stopped work on Monday to protest against a law passed by the "
                 "Chilean parliament.", ["CHL"], id="stopped-work-to-protest"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "targets"), PURPOSE_CASES)
def test_protest_target_from_its_purpose(coder, text, targets):
    event = only(code(coder, text), "PROTEST")
    assert codes(event.targets) == targets


@pytest.mark.parametrize("text", [
    "Thousands of Kurds demonstrated in the city of Diyarbakir calling for autonomy from Turkey.",
    "Opposition supporters continued their hunger strike to demand the resignation of the "
    "Zambian president.",
])  # fmt: skip
def test_a_protests_demand_is_no_request_of_its_own(coder, text):
    events = code(coder, text)
    assert [e.type for e in events] == ["PROTEST"]


def test_people_demanded_for_are_not_the_target(coder):
    event = only(code(coder, "Protesters rallied in Cairo calling for the release of jailed "
                             "Egyptian activists."), "PROTEST")
    assert all(a.sector not in {"CVL"} for a in event.targets)


def test_a_company_stopping_work_is_no_strike(coder):
    assert not [e for e in code(coder, "The company stopped work on the bridge.") if e.type == "PROTEST"]


LOCAL_CASES = [
    pytest.param("Thousands of students throughout Kenya staged demonstrations on Monday.",
                 ["KEN"], id="students-throughout"),
    pytest.param("Hundreds of prisoners at a jail in Peru rioted on Sunday.",
                 ["PER"], id="prisoners-at-a-jail-in"),
    pytest.param("About 500 villagers marched in the town of Gulu on Sunday.",
                 ["UGA"], id="event-location"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "sources"), LOCAL_CASES)
def test_local_group_takes_its_places_country(coder, text, sources):
    event = only(code(coder, text), "PROTEST")
    assert codes(event.sources) == sources


def test_who_suffered_an_event_does_not_take_its_place(coder):
    events = code(coder, "Two villagers were killed in shelling in the town of Gulu on Sunday.")
    assert all(a.country is None for e in events for a in e.sources if a.sector == "CVL")


def test_a_strike_launched_by_workers_is_a_labour_strike(coder):
    event = only(code(coder, "Ghanaian nurses launched a nationwide strike over pay."), "PROTEST")
    assert event.mode == "strike"
    assert codes(event.sources) == ["GHA"]


@pytest.mark.parametrize("text, kind", [
    pytest.param("Cuba condemned the American naval exercise near its waters.", "ACCUSE", id="condemned-exercise"),
    pytest.param("Egyptian officers ended mediation efforts between rival Libyan militias.", "SANCTION",
                 id="ended-mediation"),
])
def test_a_verb_that_is_no_light_verb_keeps_its_own_event(coder, text, kind):
    assert kind in {e.type for e in code(coder, text)}


def test_the_place_of_a_rally_against_a_party_is_where_not_whom(coder):
    event = only(code(coder, "Thousands of Hungarians demonstrated against the government in Budapest."),
                 "PROTEST")  # fmt: skip
    assert [a.text for a in event.targets] == ["the government"]
    assert event.location is not None and event.location.text == "Budapest"


def test_a_vigil_held_outside_an_embassy_is_aimed_at_its_country(coder):
    event = only(code(coder, "Activists held a protest outside the Chinese embassy in Paris."), "PROTEST")
    assert codes(event.targets) == ["CHN"]
