"""Embedded clauses, refusals and lost subjects: "pressed for X to do Y" asks X and does
not say Y happened; "refused entry to X" is aimed at X; a subject the parser hung on a
preceding phrase still acts; "a delegation of farmers" is "they" later on.

Each case is a short text of our own, coded by the whole per-article coder.
"""

from __future__ import annotations

from coding_helpers import code, names
from eventwire.pipeline import Coder


def test_they_after_a_delegation_of_nationals_is_that_delegation(coder: Coder) -> None:
    events = code(coder, "A delegation of Nigerian farmers arrived in Abuja on Monday. They criticized the government.")
    assert [names(e.sources) for e in events if e.type == "ACCUSE"] == [["NGA"]]


def test_they_after_a_number_of_lawmakers_is_those_lawmakers(coder: Coder) -> None:
    events = code(coder, "A number of Iraqi lawmakers walked out. They accused the United States of meddling.")
    assert [(names(e.sources), names(e.targets)) for e in events if e.type == "ACCUSE"] == [(["IRQ"], ["USA"])]


def test_pushing_for_a_party_to_act_asks_that_party(coder: Coder) -> None:
    events = code(coder, "Italy is pushing hard for Austria to back its migration plan.")
    assert [(names(e.sources), names(e.targets)) for e in events] == [(["ITA"], ["AUT"])]
    assert [e.type for e in events] == ["REQUEST"]  # the backing is asked for, not done


def test_lobbying_for_a_partys_support_asks_that_party(coder: Coder) -> None:
    events = code(coder, "Poland was lobbying for the US support its candidate.")
    assert [(e.type, names(e.sources), names(e.targets)) for e in events] == [("REQUEST", ["POL"], ["USA"])]


def test_lobbying_for_a_party_to_lift_a_ban_asks_that_party(coder: Coder) -> None:
    events = code(coder, "Chile is lobbying hard for the EU to lift the ban.")
    assert [(e.type, names(e.sources), names(e.targets)) for e in events] == [("REQUEST", ["CHL"], ["EU"])]


def test_refusing_entry_to_a_people_is_aimed_at_them_not_a_stray_object(coder: Coder) -> None:
    events = code(coder, "Togo was still refusing admittance to Malians, by far the biggest group involved.")
    assert [(e.type, names(e.sources), names(e.targets)) for e in events] == [("REJECT", ["TGO"], ["MLI"])]


def test_denying_landing_rights_to_an_airline_is_aimed_at_the_airline(coder: Coder) -> None:
    events = code(coder, "Peru was refusing landing rights to Chilean airlines, by far the biggest group involved.")
    assert [(e.type, names(e.targets)) for e in events] == [("REJECT", ["CHL"])]


def test_a_subject_read_as_part_of_a_fronted_phrase_still_agrees(coder: Coder) -> None:
    events = code(coder, "With the signing of a Memorandum of Understanding (MOU) on Cessation of Hostilities, "
                  "the Ugandan government and LRA/M have agreed to free prisoners.")
    assert [(e.type, names(e.sources)[:1]) for e in events] == [("AGREE", ["UGA"])]
    assert "UGA" not in names(events[0].targets)  # "with the signing" is no partner


def test_a_subject_after_a_fronted_after_clause_is_not_the_clauses_noun(coder: Coder) -> None:
    events = code(coder, "After the talks in Geneva, Iran and the United States agreed to resume contacts.")
    assert [(e.type, names(e.sources)) for e in events] == [("AGREE", ["IRN"])]


def test_asking_for_a_party_to_return_something_asks_that_party(coder: Coder) -> None:
    events = code(coder, "Germany asked for Poland to return the paintings.")
    assert [(e.type, names(e.sources), names(e.targets)) for e in events] == [("REQUEST", ["DEU"], ["POL"])]


def test_lobbying_a_government_to_extradite_someone_asks_it_and_extradites_no_one(coder: Coder) -> None:
    events = code(coder, "Peru has been lobbying Washington to extradite the banker.")
    assert [(e.type, names(e.sources), names(e.targets)) for e in events] == [("REQUEST", ["PER"], ["USA"])]


def test_calling_on_a_party_after_a_date_asks_it_and_releases_no_one(coder: Coder) -> None:
    for text in ("Norway called Thursday on Iran to release the prisoners.",
                 "Norway called again on Iran to release the prisoners."):
        events = code(coder, text)
        assert [(e.type, names(e.sources), names(e.targets)) for e in events] == [("REQUEST", ["NOR"], ["IRN"])]


def test_what_a_party_would_like_another_to_do_is_not_done(coder: Coder) -> None:
    for text in ("Turkey would like Sweden to extradite the activists.",
                 "Turkey needs Sweden to extradite the activists."):
        assert [e.type for e in code(coder, text)] == []


def test_refusing_permission_for_a_party_to_act_is_aimed_at_that_party(coder: Coder) -> None:
    events = code(coder, "Syria refused permission for UN inspectors to visit the plant.")
    assert [(e.type, names(e.sources), names(e.targets)) for e in events] == [("REJECT", ["SYR"], ["UN"])]


def test_barring_entry_to_diplomats_sanctions_their_country(coder: Coder) -> None:
    events = code(coder, "Belarus barred entry to Polish diplomats.")
    assert [(e.type, names(e.sources), names(e.targets)) for e in events] == [("SANCTION", ["BLR"], ["POL"])]


def test_campaigning_for_a_party_to_act_asks_it_but_campaigning_for_a_candidate_does_not(coder: Coder) -> None:
    events = code(coder, "Kenyan activists campaigned for Britain to return the artefacts.")
    assert [(e.type, names(e.sources), names(e.targets)) for e in events] == [("REQUEST", ["KEN"], ["GBR"])]
    assert code(coder, "The Kenyan president campaigned for Raila Odinga in Kisumu.") == []
