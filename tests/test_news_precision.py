"""Precision on real news: constructions that read like events but are not.

Each case is a sentence of our own, coded by the whole per-article coder. They come from
an audit of coded news articles: background history, permissions that concede nothing,
a speaker's own duties, and "he" read as a list of countries.
"""

from __future__ import annotations

import pytest

from coding_helpers import code_article as code
from coding_helpers import types



# -- history told as background ---------------------------------------------------------
@pytest.mark.parametrize("text", [
    pytest.param("In 1987, the army of Chad attacked Libyan troops near the border.", id="dated-clause"),
    pytest.param("Omar Haddad left Syria as a boy in 1961 and fought the French army.", id="shared-date"),
    pytest.param("Ethiopia and Eritrea have fought two wars since independence.", id="counted-wars"),
    pytest.param("Then-President Ruto sent troops to Somalia.", id="then-title"),
])
def test_history_is_not_news(coder, text):
    assert "ASSAULT" not in types(code(coder, text)) and "MOBILIZE" not in types(code(coder, text))


def test_recent_dated_event_stays(coder):
    events = code(coder, "In March 2023, the army of Chad attacked Libyan troops near the border.")
    assert "ASSAULT" in types(events)


def test_old_date_of_a_noun_beside_the_event_does_not_age_it(coder):
    events = code(coder, "The minister thanked Egypt for its swift condemnation of a post about the bombing at Taba in 1978.")
    assert "SUPPORT" in types(events)


def test_without_a_publication_date_the_latest_year_named_is_the_present(coder):
    events = code(coder, "Kenya held elections in 2022.",
                  "In 1990, the army of Chad attacked Libyan troops near the border.", published=None)
    assert "ASSAULT" not in types(events)


# -- permissions ------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    pytest.param("Beirne said the statute is written so vaguely that it allows people to ask for records.",
                 id="law-permits"),
    pytest.param("The High Court allowed the petition of the ministry on Monday.", id="court-grants-filing"),
    pytest.param("He is one of only six patients in Norway legally allowed to grow cannabis.", id="passive-permitted"),
    pytest.param("The mayor kept delaying repairs, allowing the crisis to spiral.", id="no-party"),
])
def test_permission_without_a_party_conceded_to_is_no_concession(coder, text):
    assert "CONCEDE" not in types(code(coder, text))


def test_a_government_letting_a_party_act_is_a_concession(coder):
    events = code(coder, "The Interior Ministry allowed opposition leader Ali Bakr to hold a rally in Khartoum.")
    assert "CONCEDE" in types(events)


# -- obligations ------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    pytest.param("Officials said when the ministry seeks changes, then we should make sure other agencies are informed.",
                 id="speaker-own-duty"),
    pytest.param('"The opposition must not be cornered," the minister said.', id="passive-subject"),
])
def test_an_obligation_on_no_other_party_is_no_request(coder, text):
    assert "REQUEST" not in types(code(coder, text))


# -- pronouns ---------------------------------------------------------------------------
def test_he_is_one_person_not_a_list_of_countries(coder):
    events = code(coder, "President Ramaphosa praised Kenya, Ghana and Nigeria in a speech on Monday.",
                  "He will visit Egypt on Friday.")
    visits = [e for e in events if e.sources and any(t.country == "EGY" for t in e.targets)]
    assert visits and all(len({a.country for a in e.sources}) == 1 for e in visits)
    assert not any(a.country in {"KEN", "GHA", "NGA"} for e in visits for a in e.sources)


# -- actors and senses --------------------------------------------------------------------
def test_a_stance_prefix_names_no_actor(coder):
    events = code(coder, "An anti-Syria journalist was shot dead in Beirut by gunmen.")
    assert events and not any(a.country == "SYR" for e in events for a in e.targets)


def test_a_production_unit_is_not_the_military(coder):
    events = code(coder, "Farmers have alleged that the cotton ginning units were cheating growers.")
    assert not any(a.sector == "MIL" for e in events for a in e.sources + e.targets)


@pytest.mark.parametrize("text", [
    pytest.param("At the hospital, six other people were treated for minor injuries and released.", id="treated"),
    pytest.param("Doctors released the minister from hospital on Monday.", id="from-hospital"),
])
def test_patients_sent_home_are_no_release(coder, text):
    assert "RETREAT" not in types(code(coder, text))

