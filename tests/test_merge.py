"""merge.article.v1: one event per real event within an article.

The unit tests build ``Event``s by hand (no spaCy); the last tests run the whole coder on
articles with a headline to check that the headline and the body say the same thing once.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from eventwire.config import CoderConfig
from eventwire.model import Actor, Article, Claim, Document, Event, Location, Quantity, Span
from eventwire.pipeline import Coder
from eventwire.readers import build_article
from eventwire.stages.merge import merge_events, same_event

PUBLISHED = datetime(2024, 12, 19, 10, 0)
CONFIG = CoderConfig()

HEADLINE = "Russia condemns Poland over border closure"
BODY = (
    "Russia on Wednesday condemned Poland over the closure of a border crossing. "
    "Russia also condemned Lithuania. Belarus attacked Poland."
)


@pytest.fixture(scope="module")
def article() -> Article:
    return build_article(id="merge", headline=HEADLINE, paragraphs=[BODY], published=PUBLISHED)


CODES = {"Russia": "RUS", "Poland": "POL", "Lithuania": "LTU", "Belarus": "BLR"}


def span_of(article: Article, phrase: str, nth: int = 0) -> Span:
    """The ``nth`` occurrence of ``phrase`` in the article's text."""
    start = -1
    for _ in range(nth + 1):
        start = article.text.index(phrase, start + 1)
    return Span(start, start + len(phrase))


def actor_near(article: Article, name: str, trigger: Span, *, before: bool) -> Actor:
    """The mention of ``name`` closest before (source) or after (target) the trigger."""
    text = article.text
    if before:
        start = text.rfind(name, 0, trigger.start)
    else:
        start = text.find(name, trigger.end)
    assert start != -1, f"{name!r} not {'before' if before else 'after'} the trigger"
    return Actor(text=name, span=Span(start, start + len(name)), country=CODES[name], name=name)


def sentence_of(article: Article, span: Span) -> Span:
    """The headline, or the body sentence (ending in '.') that holds ``span``."""
    headline = article.headline_span
    if headline is not None and headline.contains(span):
        return headline
    text = article.text
    start = max(text.rfind("\n", 0, span.start) + 1, text.rfind(". ", 0, span.start) + 2)
    return Span(start, text.index(".", span.end) + 1)


def event(article: Article, trigger: str, source: str, target: str, *, nth: int = 0,
          type_: str = "ACCUSE", cameo: str = "111", date: str | None = None,
          claimed_by: Claim | None = None, symmetric: bool = False) -> Event:  # fmt: skip
    """An event on the ``nth`` occurrence of ``trigger``, with actors found around it."""
    trig = span_of(article, trigger, nth)
    return Event(
        type=type_,
        mode=None,
        cameo=cameo,
        trigger=trig,
        sentence=sentence_of(article, trig),
        sources=(actor_near(article, source, trig, before=True),),
        targets=(actor_near(article, target, trig, before=False),),
        date=date,
        date_precision="day" if date else None,
        claimed_by=claimed_by,
        symmetric=symmetric,
    )


def merged(article: Article, *events: Event) -> tuple[Event, ...]:
    doc = Document(article=article, events=tuple(events))
    return merge_events(doc, CONFIG).events


# -- unit tests on hand-built events -----------------------------------------------------------
def test_merge_headline_and_body_become_one_event(article):
    head = event(article, "condemns", "Russia", "Poland")
    body = event(article, "condemned", "Russia", "Poland", date="2024-12-18")
    (one,) = merged(article, head, body)
    # The body sentence is kept as the main evidence; the headline becomes a mention.
    assert one.trigger == body.trigger
    assert one.date == "2024-12-18"
    assert head.sentence in one.mentions
    assert one.sentence.start >= len(HEADLINE)


def test_merge_takes_the_date_of_the_dropped_event(article):
    head = event(article, "condemns", "Russia", "Poland", date="2024-12-18")
    body = event(article, "condemned", "Russia", "Poland")
    (one,) = merged(article, head, body)
    assert one.trigger == body.trigger
    assert one.date == "2024-12-18"


def test_merge_same_type_different_targets_stay_two(article):
    poland = event(article, "condemned", "Russia", "Poland")
    lithuania = event(article, "condemned", "Russia", "Lithuania", nth=1)
    result = merged(article, poland, lithuania)
    assert len(result) == 2
    assert sorted(e.targets[0].country for e in result) == ["LTU", "POL"]


def test_merge_different_types_stay_two(article):
    accuse = event(article, "condemned", "Russia", "Poland")
    attack = event(article, "attacked", "Belarus", "Poland", type_="ASSAULT", cameo="190")
    assert len(merged(article, accuse, attack)) == 2


@pytest.mark.parametrize(
    ("first", "second", "merges"),
    [
        ("2024-12-16", "2024-12-18", False),
        ("2024-12", "2024-12-18", True),
        ("2024-11", "2024-12-18", False),
        (None, "2024-12-18", True),
    ],
    ids=["days-disagree", "month-contains-day", "months-disagree", "one-undated"],
)
def test_merge_dates_must_agree(article, first, second, merges):
    head = event(article, "condemns", "Russia", "Poland", date=first)
    body = event(article, "condemned", "Russia", "Poland", date=second)
    assert same_event(head, body) is merges
    assert len(merged(article, head, body)) == (1 if merges else 2)


def test_merge_different_claimants_stay_two(article):
    claim_a = Claim(text="Russia", span=span_of(article, "Russia"), country="RUS")
    claim_b = Claim(text="Poland", span=span_of(article, "Poland"), country="POL")
    head = event(article, "condemns", "Russia", "Poland", claimed_by=claim_a)
    body = event(article, "condemned", "Russia", "Poland", claimed_by=claim_b)
    assert len(merged(article, head, body)) == 2


def test_merge_swapped_sides_merge_only_when_symmetric(article):
    forward = event(article, "condemns", "Russia", "Poland", type_="CONSULT", cameo="040",
                    symmetric=True)  # fmt: skip
    backward = replace(
        event(article, "condemned", "Russia", "Poland", type_="CONSULT", cameo="040",
              symmetric=True),
        sources=(actor_near(article, "Poland", span_of(article, "condemned"), before=True),),
        targets=(actor_near(article, "Russia", span_of(article, "condemned"), before=False),),
    )  # fmt: skip
    assert len(merged(article, forward, backward)) == 1
    asymmetric = [replace(e, symmetric=False) for e in (forward, backward)]
    assert len(merged(article, *asymmetric)) == 2


def test_merge_does_not_mutate_its_input(article):
    head = event(article, "condemns", "Russia", "Poland")
    body = event(article, "condemned", "Russia", "Poland", date="2024-12-18")
    doc = Document(article=article, events=(head, body))
    before = doc.events
    out = merge_events(doc, CONFIG)
    assert doc.events is before
    assert doc.events == (head, body)
    assert len(out.events) == 1


def test_merge_is_idempotent(article):
    events = (
        event(article, "condemns", "Russia", "Poland"),
        event(article, "condemned", "Russia", "Poland", date="2024-12-18"),
        event(article, "condemned", "Russia", "Lithuania", nth=1),
    )
    once = merge_events(Document(article=article, events=events), CONFIG)
    twice = merge_events(once, CONFIG)
    assert len(once.events) == 2
    assert [(e.trigger, e.targets) for e in twice.events] == [
        (e.trigger, e.targets) for e in once.events
    ]


# -- the whole coder ------------------------------------------------------------------------------
def test_merge_coder_headline_and_body_give_one_event(coder):
    article = build_article(
        id="border",
        headline="Russia condemns Poland over border closure",
        paragraphs=["Russia on Wednesday condemned Poland over the closure of a border crossing, "
                    "the foreign ministry said."],
        published=PUBLISHED,
    )  # fmt: skip
    events = [e for e in coder.code_document(article).events if e.type == "ACCUSE"]
    assert len(events) == 1
    (one,) = events
    assert [a.country for a in one.sources] == ["RUS"]
    assert [a.country for a in one.targets] == ["POL"]
    assert one.date == "2024-12-18"
    assert one.sentence.start > article.headline_span.end
    assert article.headline_span in one.mentions


def test_merge_coder_different_targets_stay_two(coder):
    article = build_article(
        id="drills",
        headline=None,
        paragraphs=["China condemned Japan on Monday over the naval drills.",
                    "China also condemned the Philippines on Tuesday over a collision at sea."],
        published=PUBLISHED,
    )  # fmt: skip
    events = [e for e in coder.code_document(article).events if e.type == "ACCUSE"]
    assert sorted((e.targets[0].country, e.date) for e in events) == [
        ("JPN", "2024-12-16"),
        ("PHL", "2024-12-17"),
    ]


def test_merge_coder_opposition_and_government_of_one_country_stay_two(coder):
    article = build_article(
        id="recording",
        headline=None,
        paragraphs=["Kenyan opposition leaders have demanded that President William Ruto sack his finance minister.",
                    "In a recording, Ruto tells the Kenyan police chief to arrest the organisers of the march."],
        published=PUBLISHED,
    )  # fmt: skip
    events = [e for e in coder.code_document(article).events if e.type == "REQUEST"]
    assert sorted((e.sources[0].sector, e.targets[0].sector) for e in events) == [
        ("GOV", "COP"),
        ("OPP", "GOV"),
    ]


def test_merge_coder_different_dates_stay_two(coder):
    article = build_article(
        id="twice",
        headline=None,
        paragraphs=["Iran condemned Israel on Monday.",
                    "Iran condemned Israel again on Wednesday after a second strike."],
        published=PUBLISHED,
    )  # fmt: skip
    events = [e for e in coder.code_document(article).events if e.type == "ACCUSE"]
    assert sorted(e.date for e in events) == ["2024-12-16", "2024-12-18"]


# -- what tells two events of one dyad apart ----------------------------------------------------
STRIKES = build_article(
    id="strikes",
    headline="Syria shells Idlib",
    paragraphs=["Syria shelled Idlib on Monday, killing 9 civilians.",
                "Syria shelled Maarat on Monday, killing 4 civilians.",
                "Government gunmen raided the town. Government gunmen ambushed the town."],
    published=PUBLISHED,
)  # fmt: skip


def _place(name: str, geonameid: int, country: str = "SYR", feature: str = "city") -> Location:
    return Location(text=name, span=span_of(STRIKES, name), country=country, name=name,
                    geonameid=geonameid, feature=feature, precision=feature)  # fmt: skip


def _dead(value: int, qualifier: str = "exact", text: str = "9") -> Quantity:
    return Quantity(kind="dead", value=value, qualifier=qualifier, text=text, span=span_of(STRIKES, text))


LEMMAS = {"shells": "shell", "shelled": "shell", "raided": "raid", "ambushed": "ambush"}


def shelling(trigger: str = "shelled", nth: int = 0, **fields) -> Event:
    """An ASSAULT by Syria on Syria on the ``nth`` occurrence of ``trigger``."""
    trig = span_of(STRIKES, trigger, nth)
    actor = Actor(text="Syria", span=span_of(STRIKES, "Syria"), country="SYR", name="Syria")
    base = Event(type="ASSAULT", mode=None, cameo="190", trigger=trig, sentence=sentence_of(STRIKES, trig),
                 sources=(actor,), targets=(actor,), rule=f"events.rules.v1:V:{LEMMAS[trigger]}:subject")  # fmt: skip
    return replace(base, **fields)


@pytest.mark.parametrize(
    ("first", "second", "merges"),
    [
        (_dead(9), _dead(4, text="4"), False),
        (_dead(9), _dead(9, text="9"), True),
        (_dead(7, "at_least"), _dead(9), True),
        (_dead(12, "more_than"), _dead(9), False),
        (_dead(10, "approx"), _dead(9), True),
    ],
    ids=["counts-differ", "counts-equal", "at-least-below", "more-than-above", "about"],
)
def test_merge_casualty_counts_must_agree(first, second, merges):
    a = shelling(quantities=(first,))
    b = shelling(nth=1, quantities=(second,))
    assert same_event(a, b) is merges


def test_merge_a_headline_count_is_a_summary():
    """"Strikes kill 14" sums the body's strikes; it does not tell the headline apart."""
    head = shelling("shells", quantities=(_dead(14, text="Idlib"),))
    body = shelling(quantities=(_dead(9),))
    assert same_event(head, body, STRIKES.headline_span.end)
    assert not same_event(replace(head, sentence=body.sentence), body)


@pytest.mark.parametrize(
    ("first", "second", "merges"),
    [
        (_place("Idlib", 1), _place("Maarat", 2), False),
        (_place("Idlib", 1), _place("Idlib", 1), True),
        (_place("Idlib", 1), _place("Syria", 3, feature="country"), True),
        (_place("Idlib", 1), _place("Maarat", 2, country="TUR", feature="country"), False),
        (_place("Idlib", 1), Location(text="Maarat", span=span_of(STRIKES, "Maarat")), True),
    ],
    ids=["two-cities", "one-city", "city-in-country", "two-countries", "unresolved"],
)
def test_merge_places_must_agree(first, second, merges):
    assert same_event(shelling(location=first), shelling(nth=1, location=second)) is merges


def test_merge_kinds_of_action_must_agree():
    raid, ambush = shelling("raided"), shelling("ambushed")
    assert not same_event(raid, ambush)
    general = replace(ambush, rule="events.rules.v1:V:attack:subject")
    assert same_event(raid, general)


def test_merge_no_source_needs_one_count_told_twice():
    """With no attacker named, only one exact count makes two mentions one event."""
    a = shelling(sources=(), quantities=(_dead(9),))
    b = shelling(nth=1, sources=(), quantities=(_dead(9),))
    assert same_event(a, b)
    assert not same_event(a, replace(b, quantities=()))
    assert not same_event(a, replace(b, quantities=(_dead(4, text="4"),)))


def test_merge_actors_without_code_meet_by_sector():
    """"Villagers" and "residents" are both civilians; named sides still decide."""
    def civilians(words: str) -> Actor:
        return Actor(text=words, span=span_of(STRIKES, "civilians"), sector="CVL", name=words)

    a = shelling(sources=(civilians("villagers"),))
    b = shelling(nth=1, sources=(civilians("residents"),))
    assert same_event(a, b)


# -- the whole coder: separate events stay separate, one event told twice is one --------------------
def _assaults(coder: Coder, headline: str | None, *paragraphs: str) -> list[Event]:
    article = build_article(id="war", headline=headline, paragraphs=list(paragraphs), published=PUBLISHED)
    return [e for e in coder.code_document(article).events if e.type == "ASSAULT"]


def test_merge_coder_strikes_on_two_towns_stay_two(coder):
    events = _assaults(coder, None, "Syrian jets bombed Idlib on Monday, killing nine civilians.",
                       "Syria also bombed Aleppo, wounding 12 people.")  # fmt: skip
    assert len(events) == 2
    assert sorted(q.value for e in events for q in e.quantities) == [9, 12]


def test_merge_coder_a_separate_strike_is_another_event(coder):
    events = _assaults(coder, None, "Russian forces shelled Ukrainian troops near Bakhmut on Tuesday.",
                       "In a separate attack, Russian forces shelled Ukrainian troops on the same day.")  # fmt: skip
    assert len(events) == 2


def test_merge_coder_counts_keep_two_clashes_apart(coder):
    events = _assaults(coder, None, "Protesters clashed with Indian police in Srinagar, injuring seven.",
                       "Protesters clashed with Indian police near the market, injuring 30.")  # fmt: skip
    assert sorted(q.value for e in events for q in e.quantities) == [7, 30]


def test_merge_coder_headline_and_lead_of_an_attack_are_one(coder):
    events = _assaults(coder, "Russia shells Kharkiv, killing three",
                       "Russian forces shelled the Ukrainian city of Kharkiv on Wednesday, "
                       "killing at least three civilians, officials said.")  # fmt: skip
    assert len(events) == 1
    (one,) = events
    assert one.date == "2024-12-18"
    assert len(one.mentions) == 1


def test_merge_coder_again_is_another_event(coder):
    article = build_article(id="again", headline=None, published=PUBLISHED,
                            paragraphs=["Iran condemned Israel over the raid.",
                                        "Iran again condemned Israel after a second raid."])  # fmt: skip
    events = [e for e in coder.code_document(article).events if e.type == "ACCUSE"]
    assert len(events) == 2


def test_merge_a_sector_alone_joins_the_headline_not_two_body_sentences():
    """"Police arrest ..." above "Kenyan police arrested ...": one event. Two body sentences
    whose only common actor is a sector ("2,000 people" in one city, "protesters" in
    another) stay two."""
    def crowd(words: str, country: str | None) -> Actor:
        return Actor(text=words, span=span_of(STRIKES, "civilians"), country=country, sector="CVL",
                     name=words)  # fmt: skip

    coded = shelling(sources=(crowd("2,000 people", "SYR"),))
    bare = shelling(nth=1, sources=(crowd("protesters", None),), targets=())
    assert not same_event(coded, bare)
    headline = replace(bare, trigger=span_of(STRIKES, "shells"), sentence=STRIKES.headline_span)
    assert same_event(coded, headline, STRIKES.headline_span.end)


def test_merge_coder_headline_without_nationality_joins_the_lead(coder):
    article = build_article(
        id="arrests",
        headline="Police detain 40 students in Lagos",
        paragraphs=["Nigerian police detained 40 students in Lagos on Monday after a protest."],
        published=PUBLISHED,
    )  # fmt: skip
    events = [e for e in coder.code_document(article).events if e.type == "COERCE"]
    assert len(events) == 1
    assert article.headline_span in events[0].mentions


def test_merge_coder_headline_joins_the_lead_not_a_separate_attack(coder):
    """The separate attack has a count and would outweigh the lead; the headline still
    tells the lead's event, and "again" in the lead does not set it apart from the headline."""
    events = _assaults(coder, "Gunmen attack police station in Niger",
                       "Gunmen attacked a police station in western Niger on Tuesday.",
                       "In a separate attack, gunmen killed four Nigerien policemen on Tuesday.")  # fmt: skip
    assert len(events) == 2
    lead, separate = sorted(events, key=lambda e: e.sentence.start)
    assert len(lead.mentions) == 1 and not separate.mentions
    assert [q.value for q in separate.quantities] == [4]
    again = build_article(id="again-lead", headline="Iran condemns Israel", published=PUBLISHED,
                          paragraphs=["Iran again condemned Israel on Monday over the raid."])  # fmt: skip
    assert len([e for e in coder.code_document(again).events if e.type == "ACCUSE"]) == 1


# -- casualty reports with no attacker named ---------------------------------------------------------
def _injured(value: int) -> Quantity:
    return Quantity(kind="injured", value=value, qualifier="exact", text="4", span=span_of(STRIKES, "4"))


def test_merge_a_later_report_of_other_casualties_joins_the_attack():
    """"Nine were killed ..." then "Another four were wounded": the attack's wounded. A
    report of the same kind with another count, one before the attack, or one after an
    attack that counts nothing stays apart."""
    attack = shelling(quantities=(_dead(9),))
    report = shelling(nth=1, sources=(), quantities=(_injured(4),))
    assert same_event(attack, report)
    assert same_event(report, attack)
    assert not same_event(attack, replace(report, quantities=(_dead(4, text="4"),)))
    assert not same_event(attack, replace(report, quantities=()))
    assert not same_event(replace(attack, quantities=()), report)
    earlier = shelling(sources=(), quantities=(_injured(4),))
    assert not same_event(shelling(nth=1, quantities=(_dead(9),)), earlier)


def test_merge_a_report_joins_either_side_of_a_clash_and_at_least_is_the_same_count():
    """"Turkey says 12 soldiers killed in clash with Syria" over "At least 12 soldiers were
    killed when Syrian and Turkish troops clashed": Syria is a side of the clash."""
    syria = Actor(text="Syria", span=span_of(STRIKES, "Syria"), country="SYR", name="Syria")
    turkey = Actor(text="Turkey", span=span_of(STRIKES, "Idlib"), country="TUR", name="Turkey")
    headline = shelling(trigger="shells", sources=(), targets=(syria,), quantities=(_dead(12),))
    assert headline.sentence == STRIKES.headline_span
    clash = shelling(sources=(syria,), targets=(turkey,), quantities=(_dead(12, "at_least"),))
    assert same_event(replace(clash, symmetric=True), headline, STRIKES.headline_span.end)
    assert not same_event(clash, headline, STRIKES.headline_span.end)


def test_merge_coder_another_count_of_wounded_joins_the_attack(coder):
    events = _assaults(coder, None, "Indian troops attacked Pakistani soldiers near the border on Monday, "
                       "killing four soldiers.", "Another 15 Pakistani soldiers were wounded, the army said.")  # fmt: skip
    assert len(events) == 1
    assert sorted((q.kind, q.value) for q in events[0].quantities) == [("dead", 4), ("injured", 15)]


@pytest.mark.parametrize(
    "report",
    [
        "In Kaduna, 12 Nigerian police officers were wounded on Monday.",
        "In a separate attack, five Nigerian police officers were wounded.",
        "On Wednesday, five Nigerian police officers were wounded.",
        "Five Nigerian civilians were wounded.",
    ],
    ids=["other-town", "separate-attack", "other-day", "other-victims"],
)
def test_merge_coder_wounded_elsewhere_stay_apart(coder, report):
    events = _assaults(coder, None, "Gunmen attacked Nigerian police in Kano on Monday, killing nine officers.",
                       report)  # fmt: skip
    assert len(events) == 2


def test_merge_coder_wounded_far_down_the_story_stay_apart(coder):
    """A count of wounded many paragraphs after the attack is not its follow-up."""
    filler = ["The ministry said that talks on the new budget, which stalled in the autumn over "
              "the cost of fuel subsidies and pensions, would resume in the spring.",
              "Farmers in the region have complained for months about the price of seed and "
              "fertiliser, which has nearly doubled since the currency lost a third of its value.",
              "The city council approved a plan to repair three bridges before the rains, after "
              "engineers warned that one of them could close to lorries within a year.",
              "Schools in the district reopened last week after the holidays, although many "
              "teachers said they had not yet been paid for the last two months of the term."]  # fmt: skip
    events = _assaults(coder, None, "Indian troops attacked Pakistani soldiers near the border on Monday, "
                       "killing four soldiers.", *filler, "Another 15 Pakistani soldiers were wounded, the army said.")  # fmt: skip
    assert len(events) == 2


def test_merge_a_meeting_and_its_third_country_venue_are_one_action():
    """"Met in Geneva" (044) and "met" (040) name one meeting; a visit (042) is another act."""
    meeting = shelling(type="CONSULT", cameo="040")
    assert same_event(meeting, shelling(nth=1, type="CONSULT", cameo="044"))
    assert not same_event(meeting, shelling(nth=1, type="CONSULT", cameo="042"))
