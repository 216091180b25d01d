"""Clusters in the DuckDB store: full re-clustering, incremental updates, export."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.dedup import ClusterConfig, cluster_events
from eventwire.store import open_database
from eventwire.store.clusters import iter_clusters, recluster, update_clusters
from test_dedup import (
    ALL_EVENTS,
    MEETING_A,
    MEETING_B,
    SEED_G2,
    STATEMENT_REPORT,
    STRIKE_LOCALS,
    STRIKE_MINISTRY,
    STRIKE_MONITOR,
    _unique,
    by_members,
    cluster_of,
    small_world_event,
)


def _articles(events: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        grouped[event["article_id"]].append(event)
    return dict(grouped)


def _store(db: Any, article_id: str, events: list[dict[str, Any]]) -> None:
    first = events[0] if events else {}
    article = {
        "id": article_id,
        "text": " ".join(e["evidence"][0]["text"] for e in events) or "(no events)",
        "published": first.get("published"),
        "source": first.get("publisher"),
    }
    db.store_article(article, events, coder="test 0", settings_hash="t", force=True)


ARTICLES = _articles(ALL_EVENTS)


def _dump(db: Any) -> str:
    return json.dumps(list(iter_clusters(db)), sort_keys=True)


@pytest.fixture
def db():  # type: ignore[no-untyped-def]
    database = open_database(":memory:")
    yield database
    database.close()


def test_clusters_store_recluster_matches_the_pure_clustering(db: Any) -> None:
    for article_id, events in ARTICLES.items():
        _store(db, article_id, events)
    report = recluster(db)
    stored = list(iter_clusters(db))
    assert json.dumps(stored, sort_keys=True) == json.dumps(
        cluster_events(ALL_EVENTS), sort_keys=True
    )
    assert report.mode == "full"
    assert report.n_events == len(ALL_EVENTS)
    assert report.n_clusters == len(stored)
    assert report.n_multi == 3
    assert "cluster(s)" in report.summary("test.duckdb")


def test_clusters_store_incremental_articles_join_existing_clusters(db: Any) -> None:
    _store(db, "ledger-0310", [STRIKE_MINISTRY])
    update_clusters(db, ["ledger-0310"])
    (alone,) = list(iter_clusters(db))
    assert alone["num_articles"] == 1
    _store(db, "harbour-0311", [STRIKE_MONITOR])
    _store(db, "meridian-0311", [STRIKE_LOCALS])
    report = update_clusters(db, ["harbour-0311", "meridian-0311"])
    assert report.mode == "incremental"
    (joined,) = list(iter_clusters(db))
    # the id comes from the earliest report, so it survives the new members
    assert joined["cluster_id"] == alone["cluster_id"]
    assert joined["num_articles"] == 3
    assert joined["estimates"]["dead"]["best"] == 15
    assert list(iter_clusters(db, min_articles=2)) == [joined]


def test_clusters_store_replaced_and_deleted_articles_leave_their_clusters(db: Any) -> None:
    for article_id, events in ARTICLES.items():
        _store(db, article_id, events)
        update_clusters(db, [article_id])
    moved = dict(STRIKE_MONITOR, date="2025-03-12", event_id="moved-strike")
    _store(db, "harbour-0311", [moved])
    update_clusters(db, ["harbour-0311"])
    db.delete_article("meridian-0401")
    update_clusters(db, ["meridian-0401"])
    incremental = _dump(db)
    recluster(db)
    assert incremental == _dump(db)
    strike = cluster_of(list(iter_clusters(db)), STRIKE_MINISTRY["event_id"])
    assert strike["num_articles"] == 2  # ministry and local officials; the monitor moved
    meeting = cluster_of(list(iter_clusters(db)), MEETING_A["event_id"])
    assert meeting["num_articles"] == 1
    assert MEETING_B["event_id"] not in {
        m["event_id"] for c in iter_clusters(db) for m in c["members"]
    }


def test_clusters_store_vanished_members_are_tidied_without_being_named(db: Any) -> None:
    for article_id, events in ARTICLES.items():
        _store(db, article_id, events)
    recluster(db)
    db.delete_article("harbour-1217")  # nobody tells the clusters
    _store(db, "late", [dict(MEETING_B, article_id="late", event_id="late-meeting")])
    update_clusters(db, ["late"])
    members = {m["event_id"] for c in iter_clusters(db) for m in c["members"]}
    assert STATEMENT_REPORT["event_id"] not in members
    assert cluster_of(list(iter_clusters(db)), SEED_G2["event_id"])["num_articles"] == 1


def test_clusters_store_falls_back_to_a_full_run_when_needed(db: Any) -> None:
    for article_id, events in ARTICLES.items():
        _store(db, article_id, events)
    first = update_clusters(db, ["ledger-0310"])
    assert first.mode == "full"
    assert first.reason == "first clustering of a database with events"
    same = update_clusters(db, ["ledger-0310"])
    assert same.mode == "incremental"
    other = update_clusters(db, ["ledger-0310"], ClusterConfig(wording_min=0.5))
    assert other.mode == "full"
    assert other.reason == "the stored clusters were made with other settings"


def test_clusters_store_iter_clusters_on_a_database_never_clustered(db: Any) -> None:
    assert list(iter_clusters(db)) == []


def test_clusters_store_cli_reclusters_and_prints_a_summary(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from eventwire.cli import cli

    path = tmp_path / "events.duckdb"
    with open_database(path) as database:
        for article_id, events in ARTICLES.items():
            _store(database, article_id, events)
    result = CliRunner().invoke(cli, ["cluster", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.startswith(f"Re-clustered {len(ALL_EVENTS)} event(s) in {path}:")
    with open_database(path, read_only=True) as database:
        assert len(list(iter_clusters(database))) == len(by_members(cluster_events(ALL_EVENTS)))


def test_clusters_store_cli_names_a_missing_database(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from eventwire.cli import cli

    missing = tmp_path / "nope.duckdb"
    result = CliRunner().invoke(cli, ["cluster", "--db", str(missing)])
    assert result.exit_code == 1
    assert f"No eventwire database at {missing}" in result.stderr


# --------------------------------------------------------------------------------------
# Incremental == full (hypothesis): articles arrive in two halves, in any order.
# --------------------------------------------------------------------------------------

FULL = json.dumps(cluster_events(ALL_EVENTS), sort_keys=True)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.permutations(sorted(ARTICLES)), st.integers(min_value=0, max_value=len(ARTICLES)))
def test_clusters_store_two_halves_equal_the_full_run(order: list[str], cut: int) -> None:
    with open_database(":memory:") as database:
        for half in (order[:cut], order[cut:]):
            for article_id in half:
                _store(database, article_id, ARTICLES[article_id])
            if half:
                update_clusters(database, half)
        assert _dump(database) == FULL


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(small_world_event(), min_size=2, max_size=24).map(_unique),
    st.integers(min_value=0, max_value=8),
)
def test_clusters_store_small_worlds_incremental_equals_full(
    events: list[dict[str, Any]], cut: int
) -> None:
    articles = _articles(events)
    order = sorted(articles)
    with open_database(":memory:") as database:
        for half in (order[:cut], order[cut:]):
            for article_id in half:
                _store(database, article_id, articles[article_id])
            if half:
                assert update_clusters(database, half).mode == "incremental"
        assert _dump(database) == json.dumps(cluster_events(events), sort_keys=True)
