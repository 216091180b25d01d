"""Precision on news, round four: what one party tells, instructs, advises or authorizes
another to do has not happened, and a habit told in a clause of time is no one event.

Short sentences of our own, coded by the whole per-article coder.
"""

from __future__ import annotations

import pytest

from eventwire.model import Event
from eventwire.pipeline import Coder

from coding_helpers import code


def kinds(events: list[Event]) -> list[tuple[str, list[str], list[str]]]:
    return [(e.type, sorted(a.code or a.text.lower() for a in e.sources),
             sorted(a.code or a.text.lower() for a in e.targets)) for e in events]


@pytest.mark.parametrize("text,expected", [
    pytest.param("The United States told Israel to halt its strikes on Gaza.",
                 [("REQUEST", ["USA"], ["ISR"])], id="told-to"),
    pytest.param("The Kremlin instructed Belarus to arrest the Polish activists.",
                 [("REQUEST", ["RUS"], ["BLR"])], id="instructed-to"),
    pytest.param("France advised Mali to expel the Russian mercenaries.",
                 [("REQUEST", ["FRA"], ["MLI"])], id="advised-to"),
], )
def test_directive_is_a_request_not_the_action(coder: Coder, text: str, expected) -> None:
    assert kinds(code(coder, text)) == expected


@pytest.mark.parametrize("text", [
    pytest.param("Parliament authorized the Turkish army to attack Kurdish militants in Syria.",
                 id="authorized-to"),
    pytest.param("The cleric encouraged Pakistani students to attack the Indian embassy.",
                 id="encouraged-to"),
])
def test_permitted_action_is_no_event(coder: Coder, text: str) -> None:
    assert [e for e in code(coder, text) if e.type == "ASSAULT"] == []


def test_report_with_that_clause_keeps_the_action(coder: Coder) -> None:
    events = code(coder, "The minister told reporters that Russian troops attacked Ukrainian positions.")
    assert ("ASSAULT", ["RUS"], ["UKR"]) in kinds(events)


@pytest.mark.parametrize("text", [
    pytest.param("Whenever Israel attacks Gaza, Hamas fires rockets at Tel Aviv.", id="whenever"),
    pytest.param("The United States takes the lead when NATO calls for intervention in Libya.",
                 id="present-when"),
    pytest.param("Russia protests when Japan holds drills near the islands.", id="over-when"),
])
def test_habit_in_clause_of_time_is_no_event(coder: Coder, text: str) -> None:
    assert code(coder, text) == []


def test_headline_with_present_when_clause_is_news(coder: Coder) -> None:
    events = code(coder, "Two people were killed when Taliban gunmen attack a bus in Kabul.")
    assert [e.type for e in events] == ["ASSAULT"]


@pytest.mark.parametrize("text,target", [
    pytest.param("Pakistani students held an anti-India rally in Lahore.", "IND", id="anti-rally"),
    pytest.param("Iranians held anti-Israel protests in Tehran.", "ISR", id="anti-protests"),
    pytest.param("Turkey launched an anti-PKK operation in northern Iraq.", "TUR", id="anti-operation"),
])
def test_anti_stance_names_the_target_not_the_place(coder: Coder, text: str, target: str) -> None:
    events = code(coder, text)
    assert len(events) == 1
    assert [a.code for a in events[0].targets] == [target]
    assert events[0].targets[0].name != "Lahore" and "Iraq" not in events[0].targets[0].text


def test_condition_is_no_threat_by_its_subject(coder: Coder) -> None:
    assert code(coder, "Iran will retaliate if Israel attacks its nuclear sites.") == []


def test_modal_threat_with_condition_is_kept(coder: Coder) -> None:
    assert kinds(code(coder, "Israel could strike Iran if talks fail.")) == [("THREATEN", ["ISR"], ["IRN"])]


def test_offered_goods_for_a_purpose_are_no_pledge(coder: Coder) -> None:
    assert code(coder, "Most colleges are offering evening classes to help workers retrain.") == []


def test_offered_tanks_to_help_a_country_stay_a_pledge(coder: Coder) -> None:
    assert kinds(code(coder, "Germany offered tanks to help Ukraine defend itself.")) == [
        ("AGREE", ["DEU"], ["UKR"])]
