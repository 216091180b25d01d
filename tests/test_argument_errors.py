"""Wrong sources and targets seen on real news: a pronoun resolved to someone it cannot
be, a role's possessor taken for the person in an apposition, a passive conjunct's
patient made the agent, a headline's capitalised common nouns read as names, the home
of unnamed victims made the target.

Each case is a short sentence of our own.
"""

from __future__ import annotations

from coding_helpers import code

from eventwire.pipeline import Coder
from eventwire.stages.actors import _controlled, _thing_predicate


def test_the_object_of_persuading_is_not_the_persuader(coder: Coder) -> None:
    doc = coder.nlp("The alleged shooter, authorities said, was arrested after another student convinced her to surrender.")
    her = next(t for t in doc if t.lower_ == "her")
    assert _controlled(her)
    assert not any(a.text == "her" and a.name == "another student"
                   for e in code(coder, doc.text) for a in e.sources)


def test_a_subject_said_to_be_a_firm_is_no_person(coder: Coder) -> None:
    doc = coder.nlp("Vodacorp is a reputable firm.")
    assert _thing_predicate(doc[0])
    assert not _thing_predicate(coder.nlp("Brown is a reputable lawyer.")[0])


def test_a_pronoun_after_an_unnamed_person_is_not_an_older_actor(coder: Coder) -> None:
    text = ("Senator Brown criticised Vodacorp on Monday. Vodacorp is a reputable firm. "
            "A former employee of Brown's says Brown pressured him to lie to the auditors.")
    events = code(coder, text)
    assert not any(a.text == "him" for e in events for a in e.targets)


def test_the_possessor_of_a_role_in_an_apposition_is_not_the_person(coder: Coder) -> None:
    events = code(coder, "Jane Roe, President Biden's deputy national security adviser, criticised Iran on Monday.")
    source = next(a for e in events for a in e.sources)
    assert source.code == "USA" and source.name == "Jane Roe"


def test_a_passive_conjunct_read_as_a_past_tense_keeps_its_patient(coder: Coder) -> None:
    events = code(coder, "Smith was arrested in Madrid by Spanish police and then extradited to Brazil.")
    extradition = next(e for e in events if e.cameo == "063")
    assert [a.code for a in extradition.sources] == ["ESP"]
    assert [a.text for a in extradition.targets] == ["Smith"]


def test_a_title_case_headline_keeps_its_function_words_out_of_names() -> None:
    from eventwire.stages.nlp import title_case, truecase_headline

    assert truecase_headline("Lawmaker Demands Apology From Acme") == "Lawmaker Demands Apology from Acme"
    assert truecase_headline("Lawmaker demands apology from Acme") == "Lawmaker demands apology from Acme"
    assert not title_case("Police Arrest Two Men In Oslo.")


def test_a_capitalised_common_noun_in_a_title_case_headline_is_no_target(coder: Coder) -> None:
    events = code(coder, "Angry Farmer Demands Apology From Ministry")
    assert not any(a.text == "Apology" for e in events for a in e.targets)


def test_the_home_of_unnamed_victims_is_no_target(coder: Coder) -> None:
    for text in ("The gunman shot two cousins at their Ohio home.", "The gunman shot two cousins in Ohio."):
        assert not any(a.name == "Ohio" for e in code(coder, text) for a in e.targets)


def test_a_party_shot_at_is_still_the_target(coder: Coder) -> None:
    events = code(coder, "Soldiers shot at protesters in Yangon.")
    assert [a.text for e in events for a in e.targets] == ["protesters"]


def test_a_clause_inside_an_apposition_tells_of_someone_else(coder: Coder) -> None:
    events = code(coder, "The party leader, Petro Ivanenko, who lost to Putin in 2012, has been pressuring Putin to resign.")
    request = next(e for e in events if e.type == "REQUEST")
    assert not any(a.code == "RUS" for a in request.sources)
