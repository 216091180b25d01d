"""Modality and time on news: plans told by others, hoped-for means, duties, schedules,
manners and history dated only by its own clause do not report an event that happened.

Short sentences of our own, coded by the whole per-article coder.
"""

from __future__ import annotations

import pytest

from eventwire.pipeline import Coder

from coding_helpers import code, code_article, types


@pytest.mark.parametrize("text", [
    pytest.param("In the recording, the minister appears to be describing a plan to kill a Kenyan journalist.",
                 id="described-plan"),
    pytest.param("The report revealed a plot by the generals to assassinate the Ghanaian president.",
                 id="revealed-plot"),
])
def test_a_plan_told_by_others_is_no_threat(coder: Coder, text: str) -> None:
    assert [t for t in types(code(coder, text)) if t in {"THREATEN", "ASSAULT"}] == []


def test_a_rejected_plan_to_attack_is_no_attack(coder: Coder) -> None:
    events = code(coder, "The parliament rejected a plan to hire mercenaries to attack Sudan.")
    assert "THREATEN" not in types(events) and "ASSAULT" not in types(events)
    assert "REJECT" in types(events)


@pytest.mark.parametrize("text", [
    pytest.param("The rebels issued a threat to attack the capital of Chad.", id="issued-threat"),
    pytest.param("The rebels threatened to attack Sudan.", id="threatened-to"),
    pytest.param("The army announced a plan to shell rebel positions in Sudan.", id="announced-plan"),
])
def test_a_threat_made_known_stays(coder: Coder, text: str) -> None:
    assert "THREATEN" in types(code(coder, text))


def test_a_hoped_for_means_is_no_event(coder: Coder) -> None:
    events = code(coder, "The mayor hopes to win funding through closer cooperation with Germany.")
    assert "COOPERATE" not in types(events)


def test_a_planned_meeting_is_still_an_intent(coder: Coder) -> None:
    events = code(coder, "The French president plans to hold talks with Germany next week.")
    assert types(events) == ["AGREE"]


@pytest.mark.parametrize("text", [
    pytest.param("Banks will be required to cooperate with the French regulator.", id="will-be-required"),
    pytest.param("Under the new law, Kenyan firms are obliged to cooperate with the police.", id="obliged"),
])
def test_a_duty_is_no_pledge(coder: Coder, text: str) -> None:
    assert [t for t in types(code(coder, text)) if t in {"AGREE", "COOPERATE"}] == []


def test_a_dated_present_is_scheduled(coder: Coder) -> None:
    events = code_article(coder, "The Kenyan prime minister steps down March 3.")
    assert [e.polarity for e in events if e.type == "RETREAT"] == ["future"]


def test_a_present_headline_stays_news(coder: Coder) -> None:
    events = code_article(coder, "Kenyan prime minister steps down")
    assert [e.polarity for e in events if e.type == "RETREAT"] == ["asserted"]


def test_a_manner_is_no_event(coder: Coder) -> None:
    events = code(coder, "Voters like the way the senator talks to Chinese officials.")
    assert "CONSULT" not in types(events)


@pytest.mark.parametrize("text", [
    pytest.param("The following year a Texas court convicted two Mexican officers.", id="following-year"),
    pytest.param("Two years later the Kenyan army attacked the rebels.", id="years-later"),
    pytest.param("During his time as governor, Smith had praised the Chinese government.", id="during-time-as"),
])
def test_history_dated_by_its_clause(coder: Coder, text: str) -> None:
    assert types(code(coder, text)) == []


def test_the_following_day_stays_news(coder: Coder) -> None:
    events = code(coder, "The following day the Kenyan army attacked the rebels.")
    assert types(events) == ["ASSAULT"]


def test_an_after_clause_shares_the_year_of_its_clause(coder: Coder) -> None:
    assert types(code_article(coder, "Kenyan troops left the border in 1975 before attacking Uganda.")) == []


def test_an_after_clause_of_this_week_stays_news(coder: Coder) -> None:
    events = code_article(coder, "Kenyan troops left the border on Monday before attacking Uganda.")
    assert types(events) == ["ASSAULT"]


def test_a_gerund_under_a_stance_is_no_meeting(coder: Coder) -> None:
    events = code(coder, "Beijing opposes foreign leaders meeting the Dalai Lama.")
    assert "CONSULT" not in types(events)


@pytest.mark.parametrize("text", [
    pytest.param("The deal requires Iran to cooperate with the UN inspectors.", id="requires-object"),
    pytest.param("The proposal would force Israel to withdraw from the West Bank.", id="would-force"),
    pytest.param("Kenyan officials are forbidden to meet Ugandan rebels.", id="forbidden"),
])
def test_a_duty_or_ban_put_on_others_is_no_event(coder: Coder, text: str) -> None:
    assert [t for t in types(code(coder, text)) if t in {"AGREE", "COOPERATE", "CONSULT", "RETREAT"}] == []


def test_a_forced_act_is_done(coder: Coder) -> None:
    events = code(coder, "Malian rebels forced the army to withdraw from Kidal.")
    assert "RETREAT" in types(events)


def test_a_reported_present_with_a_day_is_scheduled(coder: Coder) -> None:
    events = code(coder, "Officials said the Kenyan and Ugandan presidents meet in Nairobi on Friday.")
    assert "CONSULT" not in types(events)


def test_a_hoped_for_event_is_no_event(coder: Coder) -> None:
    assert "COOPERATE" not in types(code(coder, "Kenya hopes for better cooperation with Uganda."))


def test_the_means_of_an_aim_is_no_attack(coder: Coder) -> None:
    events = code(coder, "The army aims to defeat the rebels by attacking their camps in Mali.")
    assert "ASSAULT" not in types(events)


def test_the_means_of_a_deed_is_done(coder: Coder) -> None:
    events = code(coder, "The army defeated the rebels by attacking their camps in Mali.")
    assert "ASSAULT" in types(events)


@pytest.mark.parametrize("text", [
    pytest.param("Russia objects to NATO troops deploying in Poland.", id="objects-to"),
    pytest.param("China is against foreign leaders meeting the Dalai Lama.", id="is-against"),
    pytest.param("China disapproves of foreign officials visiting Taiwan.", id="disapproves-of"),
    pytest.param("Villagers fear the way the army attacks their homes in Mali.", id="manner-no-threat"),
])
def test_a_kind_of_act_is_no_act(coder: Coder, text: str) -> None:
    assert [t for t in types(code(coder, text)) if t in {"MOBILIZE", "CONSULT", "THREATEN", "ASSAULT"}] == []


def test_a_condemned_act_is_done(coder: Coder) -> None:
    events = code(coder, "Kenya condemned police beating protesters in Nairobi.")
    assert "ASSAULT" in types(events)


def test_an_act_in_a_former_role_is_history(coder: Coder) -> None:
    assert types(code(coder, "When he was governor, Smith jailed dozens of Kenyan journalists.")) == []


def test_an_act_while_someone_was_somewhere_is_news(coder: Coder) -> None:
    events = code(coder, "Police arrested Smith when he was at the airport in Nairobi.")
    assert types(events) == ["COERCE"]
