"""World knowledge for actors: armed groups and parties of one country, peoples of one country.

Invented phrases resolved on a real parse with ``ActorResolver`` (see tests/test_actors.py).
"""

from __future__ import annotations

import pytest

from test_actors import _article, codebook, find_mentions, resolve, summary


# -- organisations: a named armed group or party is its home country's --------------------
@pytest.mark.parametrize(
    ("text", "head", "expected"),
    [
        ("The National Union for the Total Independence of Angola rejected the offer.", "Union",
         [("AGO", "REB")]),
        ("Fighters of the Moro Islamic Liberation Front ambushed a convoy.", "Fighters", [("PHL", "REB")]),
        ("The MILF denied the report.", "MILF", [("PHL", "REB")]),
        ("Shining Path guerrillas blew up a pylon.", "guerrillas", [("PER", "REB")]),
        ("The Revolutionary United Front freed the hostages.", "Front", [("SLE", "REB")]),
        ("The ruling Congress party lost the vote.", "party", [("IND", "POL")]),
        ("The BJP won the state election.", "BJP", [("IND", "POL")]),
        ("ZANU-PF supporters beat up an activist.", "supporters", [("ZWE", "CVL")]),
        ("The SPLM/A signed the accord.", "SPLM", [("SSD", "REB")]),
        ("The SPLM-N shelled the town.", "SPLM", [("SDN", "REB")]),
        ("The Pakistani Taliban claimed the bombing.", "Taliban", [("PAK", "REB")]),
        ("The Qassam Brigades fired rockets.", "Brigades", [("PSE", "REB")]),
    ],
)
def test_named_groups_are_their_countrys(coder, text, head, expected):
    assert summary(resolve(coder, text, head)) == expected


@pytest.mark.parametrize(
    ("text", "head", "expected"),
    [
        ("Militants from al-Shabaab stormed the hotel.", "Militants", [("SOM", "REB")]),
        ("Gunmen of al-Qaeda in the Arabian Peninsula seized the port.", "Gunmen", [("YEM", "REB")]),
    ],
)
def test_names_written_with_a_lowercase_particle(coder, text, head, expected):
    """"al-Shabaab", "al-Qaeda": the table's small "al" is found in running text too."""
    assert summary(resolve(coder, text, head)) == expected


def test_the_words_of_a_groups_name_are_no_sector(coder):
    """"Union" in the name of an armed group does not make its demands a trade union's."""
    actors = resolve(coder, "The president gave in to demands from the National Union for the Total "
                     "Independence of Angola.", "demands")
    assert summary(actors) == [("AGO", "REB")]


def test_a_us_party_is_not_the_congress_party(coder):
    assert summary(resolve(coder, "Congress passed the budget.", "Congress")) == [("USA", "GOV")]


# -- peoples of one country ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "head", "country"),
    [
        ("Yoruba leaders condemned the killing.", "leaders", "NGA"),
        ("A Chechen rebel was killed.", "rebel", "RUS"),
        ("Uighur activists staged a sit-in.", "activists", "CHN"),
        ("Rohingya refugees fled the fighting.", "refugees", "MMR"),
        ("Ethnic Uighurs protested in the square.", "Uighurs", "CHN"),
        ("The Basques voted on Sunday.", "Basques", "ESP"),
    ],
)
def test_peoples_of_one_country_are_its(coder, text, head, country):
    assert [a.code for a in resolve(coder, text, head)] == [country]


def test_a_people_split_between_countries_has_none(coder):
    assert [a.code for a in resolve(coder, "Tamil refugees arrived by boat.", "refugees")] == [None]


def test_a_groups_name_inside_a_persons_is_no_group(coder):
    """"Fatah" in "Abdel Fatah al-Sisi" is part of a name, not the Palestinian movement."""
    article = _article("The envoy met Egyptian President Abdel Fatah al-Sisi on Monday.")
    sentence = coder.parse([article])[0].sentences[0]
    names = [m.entry.name for m in find_mentions(codebook(coder.config.model), sentence.doc)]
    assert "Fatah" not in names


def test_a_groups_name_inside_a_longer_name_is_no_group(coder):
    """"the Garo National Liberation Army" is not Colombia's ELN; "the Colombian ..." is."""
    text = "The Garo National Liberation Army attacked a camp."
    assert summary(resolve(coder, text, "Army")) != [("COL", "REB")]
    assert summary(resolve(coder, "The Colombian National Liberation Army attacked a camp.", "Army")) \
        == [("COL", "REB")]


# -- a capital or country name placed in another country ----------------------------------
@pytest.mark.parametrize(
    ("text", "head", "expected"),
    [
        ("Gunmen shelled Tripoli, Lebanon, on Monday.", "Tripoli", [("LBN", None)]),
        ("Gunmen shelled Lebanon's Tripoli on Monday.", "Tripoli", [("LBN", None)]),
        ("Gunmen shelled Tripoli in northern Lebanon on Monday.", "Tripoli", [("LBN", None)]),
        ("Police in Atlanta, Georgia, arrested him.", "Police", [("USA", "COP")]),
        ("The governor of Georgia signed the bill.", "governor", [("USA", "GOV")]),
        ("Police in Cobb County, Georgia, arrested him.", "Police", [("USA", "COP")]),
        # the capital or the country itself
        ("Gunmen shelled Tripoli, Libya, on Monday.", "Tripoli", [("LBY", "GOV")]),
        ("Tripoli rejected the demand.", "Tripoli", [("LBY", "GOV")]),
        ("Police in Tbilisi, Georgia, arrested him.", "Police", [("GEO", "COP")]),
        ("Georgia recalled its envoy.", "Georgia", [("GEO", "GOV")]),
        ("The governor of Georgia's Samegrelo region resigned.", "governor", [("GEO", "GOV")]),
    ],
)
def test_a_name_placed_in_another_country_is_a_place_there(coder, text, head, expected):
    assert summary(resolve(coder, text, head)) == expected


def test_the_event_is_where_the_sentence_places_it(coder):
    """The country named with a place steers where the event is: the Lebanese Tripoli."""
    from test_actors import code

    events = code(coder, "Gunmen attacked the north Lebanese port of Tripoli on Monday.")
    assert [(e.location.name, e.location.country) for e in events if e.location] == [("Tripoli", "LBN")]


@pytest.mark.parametrize(
    ("paragraphs", "country"),
    [
        # placed before in the story, named bare again
        (("Gunmen attacked Tripoli, Lebanon, on Monday.", "Later, Syrian troops shelled Tripoli again."), "LBN"),
        # a description of the place elsewhere in the sentence
        (("Militias clashed in Tripoli as shells crashed into the north Lebanese port.",), "LBN"),
        # ... unless it describes another place, or the sentence names the capital's own country
        (("Militias clashed in Tripoli as shells crashed into the Lebanese city of Sidon.",), "LBY"),
        (("Libyan militias clashed in Tripoli as shells crashed into a Lebanese port.",), "LBY"),
    ],
)
def test_the_story_places_a_capitals_name(coder, paragraphs, country):
    from test_actors import code

    events = code(coder, *paragraphs)
    assert [a.code for e in events[-1:] for a in e.targets if "Tripoli" in a.text] == [country]


# -- a group of many countries named with one of them -------------------------------------
@pytest.mark.parametrize(
    ("text", "head", "expected"),
    [
        ("Egypt's Muslim Brotherhood rejected the offer.", "Brotherhood", [("EGY", "OPP")]),
        ("The Syrian Muslim Brotherhood rejected the offer.", "Brotherhood", [("SYR", "OPP")]),
        ("The Muslim Brotherhood rejected the offer.", "Brotherhood", [(None, "OPP")]),
        ("Germany's Social Democrats won the vote.", "Democrats", [("DEU", "POL")]),
        ("The Sweden Democrats won the vote.", "Democrats", [("SWE", "POL")]),
    ],
)
def test_a_branch_of_a_group_of_many_countries_is_its_countrys(coder, text, head, expected):
    assert summary(resolve(coder, text, head)) == expected
