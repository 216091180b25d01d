"""merge.article.v1: one event per real event within an article.

The unit tests build ``Event``s by hand (no spaCy); the last tests run the whole coder on
articles with a headline to check that the headline and the body say the same thing once.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from eventwire.config import CoderConfig
from eventwire.model import Actor, Article, Claim, Document, Event, Span
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


@pytest.fixture(scope="session")
def coder() -> Coder:
    """The coder with its spaCy model, loaded once for the whole session."""
    return Coder()


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
