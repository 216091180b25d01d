"""Domestic bodies take their country: police named after their city, bare "Police" in a
story about one country or under its dateline, and a dateline that yields to a country
the story names more often.

Each case is a short text of our own, coded by the whole per-article coder.
"""

from __future__ import annotations

from coding_helpers import code_article

from eventwire.model import Article, Span
from eventwire.pipeline import Coder


def code(coder: Coder, *sentences: str):
    text = " ".join(sentences)
    article = Article(id="t", text=text, paragraphs=(Span(0, len(text)),))
    return list(coder.code_document(article).events)


def parties(events, kind: str, role: str = "sources") -> set[tuple[str, str | None]]:
    return {(a.text, a.code) for e in events if e.type == kind for a in getattr(e, role)}


def test_police_named_after_a_city_are_its_countrys(coder: Coder) -> None:
    events = code(coder, "Mumbai police detained two men on Friday.")
    assert ("Mumbai police", "IND") in parties(events, "COERCE")


def test_police_in_a_city_are_its_countrys(coder: Coder) -> None:
    events = code(coder, "Police in Mumbai arrested two men on Friday.")
    assert ("Police in Mumbai", "IND") in parties(events, "COERCE")


def test_a_dateline_city_is_known_by_its_own_name_not_another_citys_old_name(coder: Coder) -> None:
    events = code_article(coder, "ISLAMABAD -- Police arrested five men on Monday.")
    assert ("Police", "PAK") in parties(events, "COERCE")


def test_bare_police_under_a_dateline_are_the_datelines_countrys(coder: Coder) -> None:
    events = code_article(coder, "NAIROBI, Kenya -- Police arrested five men on Monday.")
    assert ("Police", "KEN") in parties(events, "COERCE")


def test_an_indefinite_policeman_in_a_story_about_one_country(coder: Coder) -> None:
    events = code(coder, "Peru declared a state of emergency on Monday.",
                  "The Peruvian government blamed drug gangs.",
                  "A policeman was shot dead on Sunday.")
    assert ("A policeman", "PER") in parties(events, "ASSAULT", "targets")


def test_a_dateline_yields_to_the_country_the_story_is_about(coder: Coder) -> None:
    events = code_article(coder, "WASHINGTON -- Iraq said on Monday that Iraq would hold early elections.",
                          "Iraqi officials said the vote would be held in June.",
                          "Police arrested two candidates on Tuesday.")
    assert ("Police", "IRQ") in parties(events, "COERCE")


def test_bare_police_stay_uncoded_when_two_countries_are_in_play(coder: Coder) -> None:
    events = code(coder, "India accused Pakistan of shelling border villages.",
                  "Pakistan rejected the claims of India.",
                  "Police arrested two men on Tuesday.")
    assert ("Police", None) in parties(events, "COERCE")


def test_bare_ministers_in_a_story_about_one_country(coder: Coder) -> None:
    events = code(coder, "Canada's prime minister lost a vote in parliament on Monday.",
                  "The Canadian opposition celebrated the result.",
                  "Several ministers resigned from their posts on Tuesday.")
    assert ("Several ministers", "CAN") in parties(events, "RETREAT")


def test_a_state_named_with_its_abbreviation_is_still_a_place(coder: Coder) -> None:
    events = code(coder, "Thousands of farmers from Uttar Pradesh (UP) state marched to the capital in protest.")
    assert ("farmers from Uttar Pradesh (UP) state", "IND") in parties(events, "PROTEST")


def test_a_group_named_again_keeps_the_country_it_was_named_with(coder: Coder) -> None:
    events = code(coder, "Farmers in southern Chile blocked highways on Monday.",
                  "Truck drivers from Argentina were stranded at the border.",
                  "The farmers staged another protest on Tuesday.")
    assert ("The farmers", "CHL") in parties(events, "PROTEST")


def test_a_body_named_by_its_size_is_the_body_named_before(coder: Coder) -> None:
    events = code(coder, "The UN Security Council met on Friday to discuss the fighting in Sudan.",
                  "The 15-member council urged both armies to stop fighting.")
    assert ("The 15-member council", "UN") in parties(events, "REQUEST")


def test_rebels_known_by_the_state_they_fight(coder: Coder) -> None:
    events = code(coder, "Insurgents battling Malian troops seized a desert town on Monday.")
    assert ("Insurgents battling Malian troops", "MLI") in parties(events, "COERCE") | parties(events, "ASSAULT")


def test_rebels_fighting_two_states_stay_uncoded(coder: Coder) -> None:
    events = code(coder, "Rebels fighting Malian and French troops seized a desert town on Monday.")
    assert all(code is None for text, code in parties(events, "COERCE") | parties(events, "ASSAULT")
               if text.startswith("Rebels"))
