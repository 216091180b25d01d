"""actors.codebook.v1: names, demonyms, capitals, organisations, sectors and coreference.

Phrases are resolved with ``ActorResolver`` on a real parse (the spaCy model is loaded
once per session); coreference needs the actors seen in earlier sentences, so those cases
go through the whole coder and look at the events' actors.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from eventwire.model import Article, Span
from eventwire.pipeline import Coder
from eventwire.stages.actors import ActorResolver, codebook, find_mentions

PUBLISHED = datetime(2024, 12, 19, 10, 0)


def _article(*paragraphs: str) -> Article:
    text = "\n\n".join(paragraphs)
    spans, start = [], 0
    for para in paragraphs:
        spans.append(Span(start, start + len(para)))
        start += len(para) + 2
    return Article(id="actors-test", text=text, paragraphs=tuple(spans), published=PUBLISHED)


def _first_sentence(coder: Coder, text: str):
    article = _article(text)
    doc = coder.parse([article])[0]
    return article, doc.sentences[0]


def resolve(coder: Coder, text: str, head: str):
    """Actors for the noun phrase headed by the first token ``head`` of ``text``."""
    article, sentence = _first_sentence(coder, text)
    resolver = ActorResolver(codebook(coder.config.model), article.text)
    resolver.begin(0, sentence)
    token = next(t for t in sentence.doc if t.text == head)
    return resolver.resolve(sentence, token)


def code(coder: Coder, *paragraphs: str):
    return coder.code_document(_article(*paragraphs)).events


def summary(actors) -> list[tuple[str | None, str | None]]:
    return [(a.code, a.sector) for a in actors]


# -- countries, short forms, capitals, demonyms, organisations ----------------------------
# A country named as the actor stands for its government (sector GOV), as a capital does.
@pytest.mark.parametrize(
    ("text", "head", "country", "igo", "sector"),
    [
        ("Brazil recalled its ambassador on Friday.", "Brazil", "BRA", None, "GOV"),
        ("The United States imposed new tariffs on steel.", "States", "USA", None, "GOV"),
        ("The U.S. imposed new tariffs on steel.", "U.S.", "USA", None, "GOV"),
        ("The UK recalled its ambassador from Tehran.", "UK", "GBR", None, "GOV"),
        ("Pyongyang fired a ballistic missile into the sea.", "Pyongyang", "PRK", None, "GOV"),
        ("Moscow denied the report on Tuesday.", "Moscow", "RUS", None, "GOV"),
        ("Washington announced fresh sanctions.", "Washington", "USA", None, "GOV"),
        ("North Korean troops crossed into Russia's Kursk region.", "troops", "PRK", None, "MIL"),
        ("South African lawmakers approved the bill.", "lawmakers", "ZAF", None, "GOV"),
        ("Ukrainian military intelligence said so.", "intelligence", "UKR", None, "SPY"),
        ("The EU announced a new package of sanctions.", "EU", None, "EU", "IGO"),
        ("NATO began air drills over Estonia.", "NATO", None, "NATO", "MIL"),
        ("The UN refugee agency opened two camps.", "agency", None, "UNHCR", "IGO"),
        ("The World Food Programme delivered flour to Gaza.", "Programme", None, "WFP", "IGO"),
    ],
    ids=[
        "country-name",
        "the-united-states",
        "short-form-U.S.",
        "short-form-UK",
        "capital-pyongyang-gov",
        "capital-moscow-gov",
        "capital-washington-gov",
        "demonym-north-korean-troops-mil",
        "two-word-demonym-south-african",
        "demonym-military-intelligence-spy",
        "igo-eu",
        "igo-nato-mil",
        "un-agency-unhcr",
        "un-agency-wfp",
    ],
)
def test_actors_resolve_codebook_names(coder, text, head, country, igo, sector):
    actors = resolve(coder, text, head)
    assert len(actors) == 1
    actor = actors[0]
    assert (actor.country, actor.igo, actor.sector) == (country, igo, sector)
    assert actor.span.slice(_article(text).text) == actor.text


@pytest.mark.parametrize(
    ("text", "head", "sector"),
    [
        ("The foreign ministry spokesperson said the talks had failed.", "spokesperson", "GOV"),
        ("Police fired tear gas at the crowd.", "Police", "COP"),
        ("Riot police detained dozens of students.", "police", "COP"),
        ("Rebels seized the town overnight.", "Rebels", "REB"),
        ("The defence intelligence agency said the missiles had been moved.", "agency", "SPY"),
        ("Protesters gathered outside parliament.", "Protesters", "CVL"),
        ("Soldiers blocked the main road.", "Soldiers", "MIL"),
    ],
    ids=["spokesperson-gov", "police-cop", "riot-police-cop", "rebels-reb",
         "intelligence-agency-spy", "protesters-cvl", "soldiers-mil"],
)  # fmt: skip
def test_actors_sector_from_title_without_country(coder, text, head, sector):
    actors = resolve(coder, text, head)
    assert summary(actors) == [(None, sector)]


def test_actors_coordinated_modifiers_give_two_actors(coder):
    actors = resolve(coder, "Russian and Chinese warships sailed near the island.", "warships")
    assert sorted(summary(actors)) == [("CHN", "MIL"), ("RUS", "MIL")]


@pytest.mark.parametrize(
    ("text", "head", "name"),
    [
        ("Hamas released two hostages on Sunday.", "Hamas", "Hamas"),
        ("The Taliban banned the broadcasts.", "Taliban", "Taliban"),
    ],
    ids=["hamas", "taliban"],
)
def test_actors_named_armed_group_has_name_and_no_igo(coder, text, head, name):
    (actor,) = resolve(coder, text, head)
    assert actor.igo is None
    assert actor.name == name
    assert actor.sector == "REB"


def test_actors_jordan_inside_person_name_is_not_a_country(coder):
    text = "Analyst Jordan Peterson criticized the plan."
    _, sentence = _first_sentence(coder, text)
    mentions = find_mentions(codebook(coder.config.model), sentence.doc)
    assert all(m.entry.country != "JOR" for m in mentions)
    (actor,) = resolve(coder, text, "Peterson")
    assert actor.country is None


def test_actors_jordan_alone_is_the_country(coder):
    (actor,) = resolve(coder, "Jordan closed its border crossing.", "Jordan")
    assert actor.country == "JOR"


def test_actors_person_named_jordan_codes_no_country_in_events(coder):
    (event,) = code(coder, "Michael Jordan criticized Egypt over the decision.")
    assert [a.country for a in event.sources] == [None]
    assert [a.country for a in event.targets] == ["EGY"]


@pytest.mark.parametrize(
    "text",
    ["The talks helped us understand the problem.", "Families ate turkey at the festival."],
    ids=["pronoun-us", "lowercase-turkey"],
)
def test_actors_common_words_are_not_countries(coder, text):
    _, sentence = _first_sentence(coder, text)
    mentions = find_mentions(codebook(coder.config.model), sentence.doc)
    assert [m.entry.country for m in mentions] == []


@pytest.mark.parametrize(
    ("text", "head", "countries"),
    [
        ("The leaders of France and Germany condemned Russia.", "leaders", ["FRA", "DEU"]),
        ("Troops from Chad and Niger attacked the rebels.", "Troops", ["TCD", "NER"]),
    ],
    ids=["leaders-of-a-and-b", "troops-from-a-and-b"],
)
def test_actors_coordinated_owners_give_two_actors(coder, text, head, countries):
    assert [a.country for a in resolve(coder, text, head)] == countries


# -- coreference --------------------------------------------------------------------------
STORY_ABOUT_UKRAINE = (
    "Ukrainian officials met on Monday in Kiev. Ukraine's parliament approved the budget.",
    "President Mykola Hrytsak accused the opposition of plotting a coup.",
    "Later, Hrytsak met the Polish president in Kiev.",
)


def test_actors_official_without_country_takes_the_story_country(coder):
    events = code(coder, *STORY_ABOUT_UKRAINE)
    accuse = next(e for e in events if e.type == "ACCUSE")
    assert [a.country for a in accuse.sources] == ["UKR"]
    assert accuse.sources[0].by.endswith(":story-country")


def test_actors_surname_repeats_the_person_named_before(coder):
    events = code(coder, *STORY_ABOUT_UKRAINE)
    meeting = next(e for e in events if e.type == "CONSULT")
    assert [(a.text, a.country) for a in meeting.sources] == [("Hrytsak", "UKR")]
    assert [a.country for a in meeting.targets] == ["POL"]


def test_actors_story_country_needs_a_dominant_country(coder):
    (event,) = code(coder, "President Anna Field accused the opposition of fraud.")
    assert [a.country for a in event.sources] == [None]


def test_actors_pronoun_it_is_previous_subject(coder):
    events = code(
        coder,
        "Iran condemned Israel on Monday. It also accused the United States of backing the "
        "strikes.",
    )
    second = [e for e in events if [a.code for a in e.targets] == ["USA"]]
    assert len(second) == 1
    (source,) = second[0].sources
    assert source.text == "It"
    assert source.country == "IRN"
    assert source.by.endswith(":coref")


def test_actors_possessive_its_is_previous_subject(coder):
    events = code(
        coder,
        "Turkey condemned Sweden. Its foreign ministry summoned the Swedish ambassador.",
    )
    summoned = [e for e in events if e.cameo == "114"]
    assert len(summoned) == 1
    assert summary(summoned[0].sources) == [("TUR", "GOV")]


def test_actors_possessive_its_refers_to_speaker(coder):
    events = code(coder, "Russia said its forces attacked Ukrainian positions near Kharkiv.")
    assaults = [e for e in events if e.type == "ASSAULT"]
    assert len(assaults) == 1
    assert summary(assaults[0].sources) == [("RUS", "MIL")]


def test_actors_the_north_in_korea_article(coder):
    events = code(
        coder,
        "North Korea tested a cruise missile on Sunday.",
        "The North also accused Japan of aggression.",
    )
    accuse = [e for e in events if e.type == "ACCUSE"]
    assert len(accuse) == 1
    (source,) = accuse[0].sources
    assert (source.text, source.country) == ("The North", "PRK")


def test_actors_the_north_without_korea_is_not_north_korea(coder):
    events = code(
        coder,
        "Yemen's Houthi movement controls much of the North.",
        "The North condemned Saudi Arabia over the air strikes.",
    )
    for event in events:
        assert "PRK" not in {a.country for a in event.sources + event.targets}


def test_codebook_has_no_degenerate_names(coder):
    from eventwire.stages.actors import codebook

    book = codebook(coder.config.model)
    short = [key for key in book.names if sum(len(part) for part in key) < 2]
    assert short == [], short
