"""The per-article pipeline: stage contracts, immutability and reject handling."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest

from eventwire.config import CoderConfig
from eventwire.errors import MissingRequirement, PipelineError, StageFailed
from eventwire.model import Article, Document, Reject, Span
from eventwire.pipeline import STAGES, CodedArticle, Coder, Stage, check_stages

PUBLISHED = datetime(2024, 12, 19, 10, 0)


def make_article(id: str, text: str) -> Article:
    return Article(id=id, text=text, paragraphs=(Span(0, len(text)),), published=PUBLISHED)


GOOD = make_article("good", "Russia condemned Poland on Monday. Belarus attacked Lithuania.")
BAD = make_article("bad", "Iran accused Israel of attacking its embassy.")
LATER = make_article("later", "France urged Iran to return to negotiations.")


def _snapshot(doc: Document) -> tuple:
    return (doc.article, doc.sentences, doc.events, doc.warnings, doc.done)


# -- stage contracts ---------------------------------------------------------------------------
def test_pipeline_builtin_stages_pass_the_check():
    check_stages(STAGES)
    assert [s.name for s in STAGES] == ["events.rules.v1", "merge.article.v1"]


def test_pipeline_check_stages_names_stage_and_field():
    with pytest.raises(MissingRequirement) as info:
        check_stages(reversed(STAGES))
    assert str(info.value) == (
        "Stage 'merge.article.v1' requires 'events', which no earlier stage provides. "
        "Put a stage that provides it before 'merge.article.v1'."
    )
    assert isinstance(info.value, PipelineError)


def test_pipeline_check_stages_without_sentences():
    with pytest.raises(MissingRequirement, match=r"^Stage 'events.rules.v1' requires 'sentences'"):
        check_stages(STAGES, provided=())


def test_pipeline_check_stages_custom_stage():
    extra = Stage(
        "translate.v1",
        lambda doc, config: doc,
        requires=frozenset({"language"}),
        provides=frozenset({"english"}),
    )
    with pytest.raises(MissingRequirement, match="'translate.v1' requires 'language'"):
        check_stages([*STAGES, extra])
    check_stages([*STAGES, extra], provided=("sentences", "language"))


# -- immutability ------------------------------------------------------------------------------
def test_pipeline_model_is_frozen(coder):
    doc = coder.code_document(GOOD)
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.events = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.events[0].type = "AID"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        GOOD.text = "changed"  # type: ignore[misc]


@pytest.mark.parametrize("article", [GOOD, BAD, LATER], ids=lambda a: a.id)
def test_pipeline_stages_never_mutate_their_input(coder, article):
    config = CoderConfig()
    doc = coder.parse([article])[0]
    for stage in STAGES:
        before = _snapshot(doc)
        out = stage.func(doc, config)
        assert _snapshot(doc) == before, f"{stage.name} changed its input"
        doc = out
    assert doc.events, "the article codes at least one event"


def test_pipeline_merge_stage_keeps_input_events(coder):
    config = CoderConfig()
    article = make_article(
        "twice",
        "Russia condemned Poland over the border closure. Russia condemned Poland in a statement.",
    )
    coded = STAGES[0].func(coder.parse([article])[0], config)
    events_before = coded.events
    assert len(events_before) == 2
    merged = STAGES[1].func(coded, config)
    assert coded.events is events_before
    assert len(coded.events) == 2
    assert len(merged.events) == 1


def test_pipeline_code_document_records_done_stages(coder):
    doc = coder.code_document(GOOD)
    assert {"nlp.spacy.v1", "events.rules.v1", "merge.article.v1"} <= doc.done
    assert doc.article is GOOD


def test_pipeline_model_loaded_once():
    assert Coder().nlp is Coder().nlp


# -- failures become rejects -------------------------------------------------------------------
@pytest.fixture
def events_fail_on_bad(monkeypatch):
    """Make the events stage raise for the article with id 'bad' only."""
    import eventwire.stages.events as events_module

    real = events_module.code_events

    def flaky(doc, config):
        if doc.article.id == "bad":
            raise RuntimeError("lexicon exploded")
        return real(doc, config)

    monkeypatch.setattr(events_module, "code_events", flaky)


def test_pipeline_stage_error_becomes_reject_and_batch_goes_on(coder, events_fail_on_bad):
    results = list(coder.code_articles([GOOD, BAD, LATER]))
    assert [r.article.id for r in results] == ["good", "bad", "later"]
    good, bad, later = results
    assert good.reject is None and good.events
    assert later.reject is None and [e["type"] for e in later.events] == ["REQUEST"]
    assert bad.events == []
    assert bad.reject == Reject(
        source="bad",
        stage="events.rules.v1",
        error="RuntimeError",
        message="bad: events.rules.v1 failed with RuntimeError: lexicon exploded",
        article_id="bad",
    )


def test_pipeline_run_stages_raises_stage_failed(coder, events_fail_on_bad):
    doc = coder.parse([BAD])[0]
    with pytest.raises(StageFailed) as info:
        coder.run_stages(doc)
    assert info.value.stage == "events.rules.v1"
    assert info.value.article_id == "bad"
    assert isinstance(info.value.__cause__, RuntimeError)
    assert str(info.value) == (
        "Stage 'events.rules.v1' failed on article 'bad': RuntimeError: lexicon exploded"
    )


def test_pipeline_nlp_error_isolated_to_one_article(coder, monkeypatch):
    import eventwire.stages.nlp as nlp_module

    real = nlp_module.parse_articles

    def flaky(nlp, articles, **kwargs):
        if any(a.id == "bad" for a in articles):
            raise ValueError("tokenizer choked")
        return real(nlp, articles, **kwargs)

    monkeypatch.setattr(nlp_module, "parse_articles", flaky)
    results = list(coder.code_articles([GOOD, BAD, LATER]))
    assert [(r.article.id, r.reject.stage if r.reject else None) for r in results] == [
        ("good", None),
        ("bad", "nlp"),
        ("later", None),
    ]
    assert results[1].reject.error == "ValueError"
    assert results[0].events and results[2].events


def test_pipeline_reader_rejects_pass_through_in_order(coder):
    unreadable = Reject(source="missing.txt", stage="read", error="InputError",
                        message="missing.txt: no such file. Check the path.")  # fmt: skip
    results = list(coder.code_articles([GOOD, unreadable, LATER]))
    assert [type(r) for r in results] == [CodedArticle] * 3
    assert results[1] == CodedArticle(article=None, reject=unreadable)
    assert results[0].article.id == "good" and results[2].article.id == "later"


def test_pipeline_small_batches_code_every_article():
    small = Coder(CoderConfig(batch_size=1))
    results = list(small.code_articles([GOOD, BAD, LATER]))
    assert [r.article.id for r in results] == ["good", "bad", "later"]
    assert all(r.reject is None and r.events for r in results)


def test_public_api_all_is_sorted_and_importable():
    import eventwire

    names = [n for n in eventwire.__all__ if not n.startswith("_")]
    assert names == sorted(names)
    for name in eventwire.__all__:
        assert getattr(eventwire, name) is not None


def test_public_open_gives_the_event_database(tmp_path):
    import eventwire

    db = eventwire.open(tmp_path / "events.duckdb")
    assert db.events_df().empty
    assert db.events_table().num_rows == 0
