"""Precision on news, round five: "neither ... nor", "for X to V", adverbs of habit and
"any" one at all do not report an event that happened.

Short sentences of our own, coded by the whole per-article coder.
"""

from __future__ import annotations

import pytest

from eventwire.pipeline import Coder

from coding_helpers import code, code_article, names, types


@pytest.mark.parametrize("text", [
    pytest.param("Neither Russia nor China condemned the raid on the village.", id="neither-subjects"),
    pytest.param("The governor said neither are the police arresting students nor harassing them.",
                 id="neither-inverted"),
])
def test_neither_nor_is_negation(coder: Coder, text: str) -> None:
    assert types(code(coder, text)) == []


def test_any_one_at_all_is_no_target(coder: Coder) -> None:
    events = code(coder, "The general said the navy does not back any candidate in the vote.")
    assert [e for e in events if e.targets] == []


def test_any_with_a_plural_names_a_class(coder: Coder) -> None:
    events = code(coder, "Turkey says it will not accept any more refugees.")
    assert types(events) == ["REJECT"]


@pytest.mark.parametrize("text", [
    pytest.param("Kenya and Uganda have repeatedly called for the governor to resign.", id="called-for"),
    pytest.param("The villagers are waiting for the army to withdraw from the valley.", id="waiting-for"),
])
def test_for_infinitive_is_not_done(coder: Coder, text: str) -> None:
    assert [t for t in types(code(coder, text)) if t in {"RETREAT", "MOBILIZE"}] == []


@pytest.mark.parametrize("text", [
    pytest.param("Officials say the migrants are usually paid to take part in the protests.", id="usually"),
    pytest.param("Gunmen often attack police officers on the northern highway.", id="often"),
])
def test_habit_adverb_is_no_event(coder: Coder, text: str) -> None:
    assert [t for t in types(code(coder, text)) if t in {"PROTEST", "ASSAULT"}] == []


def test_past_event_with_adverb_stays(coder: Coder) -> None:
    events = code(coder, "Gunmen attacked police officers on the northern highway on Monday.")
    assert types(events) == ["ASSAULT"]
    assert names(events[0].sources)


@pytest.mark.parametrize("text", [
    pytest.param("The senator urged the review board to let the governor's pardon stand.", id="urged-object"),
    pytest.param("The judge asked the lawyers to explain the ministry's role in the case.", id="asked-object"),
    pytest.param("Rebels demanded that the panel grant access to Kenyan prisoners.", id="demanded-subject"),
])
def test_request_to_an_unnamed_party_takes_no_target_from_its_content(coder: Coder, text: str) -> None:
    assert [e for e in code(coder, text) if e.type == "REQUEST"] == []


@pytest.mark.parametrize("text,target", [
    pytest.param("France urged Israel to let aid reach Gaza.", "ISR", id="named-object"),
    pytest.param("Opposition groups demanded that President Ruto abandon the tax.", "KEN", id="named-subject"),
])
def test_request_to_a_named_party_keeps_it(coder: Coder, text: str, target: str) -> None:
    requests = [e for e in code(coder, text) if e.type == "REQUEST"]
    assert [names(e.targets) for e in requests] == [[target]]


def test_event_named_by_its_year_in_an_undated_article_is_history(coder: Coder) -> None:
    events = code(coder, "The 2011 Cairo riots, for example, left dozens of protesters dead.")
    assert [e for e in events if e.type == "PROTEST"] == []


def test_event_named_by_the_year_of_a_dated_article_stays(coder: Coder) -> None:
    events = code_article(coder, "The 2024 Nairobi protests spread to Mombasa on Tuesday.")
    assert "PROTEST" in types(events)


def test_place_in_an_adjectives_clause_is_no_target(coder: Coder) -> None:
    events = code(coder, "Not only is the war destroying the lives of those unlucky enough to live near "
                         "the Ugandan border, but it is also ruining the economy.")
    assert [names(e.targets) for e in events if e.type == "ASSAULT"] == []


@pytest.mark.parametrize("text,source", [
    pytest.param("Soldiers eager to fight Russia attacked police officers.", [], id="eager-to-fight"),
    pytest.param("Militias loyal to Uganda attacked police officers in the town.", ["UGA"], id="loyal-to"),
])
def test_adjective_names_a_country_only_outside_its_clause(coder: Coder, text: str, source) -> None:
    assault = [e for e in code(coder, text) if e.type == "ASSAULT"]
    assert [[a.code for a in e.sources if a.code] for e in assault] == [source]


def test_one_uncoded_party_read_back_by_a_pronoun_is_self_directed() -> None:
    from eventwire.model import Actor, Span
    from eventwire.stages.actors import ActorResolver, codebook
    from eventwire.stages.events import _Draft, _self_directed

    resolver = ActorResolver(codebook(), "Mills told Hadley it would wait.")
    mills = Actor(text="Mills", span=Span(0, 5), name="Mills", by="actors.codebook.v1")
    it = Actor(text="it", span=Span(30, 32), name="Mills", by="actors.codebook.v1:coref")
    hadley = Actor(text="Hadley", span=Span(14, 20), name="Hadley", by="actors.codebook.v1")
    draft = _Draft(trigger=None, sentence=None, cameo="100", sources=[mills], targets=[it])
    assert _self_directed(draft, resolver)
    other = _Draft(trigger=None, sentence=None, cameo="100", sources=[mills], targets=[hadley])
    assert not _self_directed(other, resolver)


@pytest.mark.parametrize("text", [
    pytest.param("The bishop convinced the rebels to surrender.", id="convinced"),
    pytest.param("The chief's pleas induced the rebels to surrender.", id="induced"),
])
def test_object_of_a_control_verb_does_what_it_was_brought_to(coder: Coder, text: str) -> None:
    retreats = [e for e in code(coder, text) if e.type == "RETREAT"]
    assert [[a.text for a in e.sources] for e in retreats] == [["the rebels"]]


@pytest.mark.parametrize("text", [
    pytest.param("The court recommended to the government to extradite the Kenyan businessman to Uganda.",
                 id="recommended-to"),
    pytest.param("The Kenyan panel suggested to release the Ugandan prisoners.", id="suggested-to"),
])
def test_advised_action_is_not_done(coder: Coder, text: str) -> None:
    assert [t for t in types(code(coder, text)) if t in {"COOPERATE", "CONCEDE", "RETREAT"}] == []


def test_purpose_of_a_plan_is_no_deed(coder: Coder) -> None:
    events = code(coder, "Ghana rejected a plan to hire mercenaries to attack the Togolese rebels.")
    assert "ASSAULT" not in types(events)


def test_simple_present_with_a_bare_plural_is_generic(coder: Coder) -> None:
    assert "ASSAULT" not in types(code(coder, "Militants attack police convoys on the road to the border."))


@pytest.mark.parametrize("text", [
    pytest.param("Gunmen attack police station in Kano", id="headline"),
    pytest.param("The Kenyan protesters attack police officers, the report said.", id="definite-subject"),
])
def test_present_news_stays(coder: Coder, text: str) -> None:
    assert "ASSAULT" in types(code(coder, text))


def test_present_with_a_named_group_stays(coder: Coder) -> None:
    assert "ASSAULT" in types(code(coder, "Somali militants attack police convoys, officials said."))
