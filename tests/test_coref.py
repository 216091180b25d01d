"""Coreference on real news: pronouns agree with their antecedents in number, gender and
kind, a quote's "I" is its speaker and no one else, an impersonal "it" is nobody, and
"the police" are the police of the place they are in.

Each case is a short text of our own, coded by the whole per-article coder.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from eventwire.model import Article, Event, Span
from eventwire.pipeline import Coder

PUBLISHED = datetime(2024, 12, 19, 10, 0)


def code(coder: Coder, *sentences: str) -> list[Event]:
    text = " ".join(sentences)
    article = Article(id="t", text=text, paragraphs=(Span(0, len(text)),), published=PUBLISHED)
    return list(coder.code_document(article).events)


def parties(events: list[Event], kind: str, role: str = "sources") -> set[tuple[str, str | None]]:
    return {(a.text, a.code) for e in events if e.type == kind for a in getattr(e, role)}


def test_a_readers_i_is_not_the_country_named_before(coder: Coder) -> None:
    events = code(coder, "I have just come back from Bolivia.",
                  "Bolivia spends much of its budget on the army.",
                  "I met Bolivian teachers in La Paz last week.")
    assert ("I", "BOL") not in parties(events, "CONSULT")


def test_a_quotes_i_is_still_the_speaker_of_the_sentence_before(coder: Coder) -> None:
    events = code(coder, "Kenyan President William Ruto told reporters on Monday:",
                  '"I reject the demands of the opposition."')
    assert ("I", "KEN") in parties(events, "REJECT")


def test_his_after_a_named_man_is_his(coder: Coder) -> None:
    events = code(coder, "British minister Jane Hale met Irish officials in Dublin.",
                  "She praised Mr Kelly for his condemnation of the Sinn Fein leader.")
    assert ("his", "GBR") not in parties(events, "ACCUSE")


def test_they_is_not_one_person(coder: Coder) -> None:
    events = code(coder, "Bolivian prosecutor Ana Ruiz charged two men on Monday.",
                  "They attacked a police station in the capital.")
    assert ("They", "BOL") not in parties(events, "ASSAULT")


def test_they_prefers_the_main_subject(coder: Coder) -> None:
    events = code(coder, "Indian officials say Nepalese traders want to leave.",
                  "They also accuse Kathmandu of blocking the border.")
    assert parties(events, "ACCUSE") == {("They", "IND")}


def test_an_impersonal_it_is_nobody(coder: Coder) -> None:
    events = code(coder, "The United States criticised the plan on Monday.",
                  "It is hard to support such a plan, critics say.")
    assert not any(a.text == "It" for e in events for a in e.sources)


def test_it_after_a_thing_is_the_thing(coder: Coder) -> None:
    events = code(coder, "Japanese forces test a new radar.",
                  "The second system is a missile launcher.",
                  "It is deployed by US forces in the region.")
    assert not any(a.text == "It" for e in events for a in e.targets)


def test_the_police_are_the_places_police(coder: Coder) -> None:
    events = code(coder, "A Canadian MP criticised the farm laws.",
                  "Farmers marched on the capital.",
                  "The farmers clashed with the police in Punjab on Friday.")
    assert ("the police", "IND") in parties(events, "ASSAULT", "targets")


def test_a_demonym_inside_a_name_is_no_country(coder: Coder) -> None:
    events = code(coder, "Attorney General William French Smith met Mexican officials on Monday.")
    assert parties(events, "CONSULT") == {("Attorney General William French Smith", None)}


def test_a_place_in_a_title_gives_the_officials_country(coder: Coder) -> None:
    events = code(coder, "An Albanian hacker stole money from charities.", "The Albanian hacker hid the money.",
                  "Brooklyn prosecutor Maria Lopez met Mexican officials on Monday.")
    assert parties(events, "CONSULT") == {("Brooklyn prosecutor Maria Lopez", "USA")}
