"""The REST API and the pages, in process (FastAPI TestClient over ASGI).

The database is built by hand from a few small articles (no spaCy, no ../shared), one
of them hostile: ``<script>`` and ``<img onerror>`` in its headline, text and actor
names. Tests that code the real seed article use the ``shared_dir`` fixture.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import shutil
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
import asyncio

import httpx

from eventwire.api import AppConfig, create_app
from eventwire.api.highlight import Span, event_spans, segments
from eventwire.api.service import MAX_LIMIT
from eventwire.contract import QUAD_CLASS, article_to_json
from eventwire.ontology import goldstein
from eventwire.readers import build_article
from eventwire.store import open_database
from eventwire.store.reviews import apply_reviews, export_gold, record_review

ERROR_KEYS = {"ok", "status", "error", "message", "param"}


class TestClient:
    """Synchronous calls through httpx over ASGI (in process, no server, no lifespan)."""

    __test__ = False

    def __init__(self, app: Any, base_url: str = "http://127.0.0.1") -> None:
        self.app, self.base_url = app, base_url

    def __enter__(self) -> TestClient:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def request(self, method: str, url: str, *, follow_redirects: bool = True, **kwargs: Any) -> httpx.Response:
        async def go() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url=self.base_url) as client:
                return await client.request(method, url, follow_redirects=follow_redirects, **kwargs)

        return asyncio.run(go())

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def delete(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("DELETE", url, **kwargs)
HOSTILE_HEADLINE = "<script>alert('headline')</script> Mayor & \"friends\""
HOSTILE_BODY = "The mayor <img src=x onerror=alert(1)> criticized O'Brien's \"plan\" <script>alert(2)</script> on Monday."


# -- a small hand-built database -----------------------------------------------------


def _span(text: str, needle: str, start: int = 0) -> list[int]:
    i = text.index(needle, start)
    return [i, i + len(needle)]


def _actor(text: str, needle: str, country: str | None = None, igo: str | None = None, sector: str | None = None, start: int = 0) -> dict[str, Any]:
    return {"text": needle, "country": country, "igo": igo, "sector": sector, "span": _span(text, needle, start)}


def make_event(
    article: dict[str, Any],
    *,
    type: str,
    cameo: str,
    sentence: str,
    trigger: str,
    sources: list[tuple[Any, ...]],
    targets: list[tuple[Any, ...]],
    mode: str | None = None,
    date: str | None = None,
    date_text: str | None = None,
    quantities: list[dict[str, Any]] = (),  # type: ignore[assignment]
    claimed_by: tuple[Any, ...] | None = None,
    location: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A contract event dict with every span found in the article's text."""
    text = article["text"]
    start = text.index(sentence)
    trig = _span(text, trigger, start)

    def actors(items: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
        return [_actor(text, item[0], *item[1:], start=start) for item in items]

    quants = []
    for q in quantities:
        q = dict(q)
        q["span"] = _span(text, q["text"], start)
        quants.append(q)
    event_id = hashlib.sha1(f"{article['id']}|{type}|{trigger}".encode()).hexdigest()[:20]
    return {
        "article_id": article["id"],
        "event_id": event_id,
        "type": type,
        "mode": mode,
        "cameo": cameo,
        "quad_class": QUAD_CLASS[type],
        "goldstein": goldstein(cameo),
        "sources": actors(sources),
        "targets": actors(targets),
        "date": date,
        "date_precision": "day" if date else None,
        "date_text": date_text,
        "date_span": _span(text, date_text, start) if date_text else None,
        "location": location,
        "quantities": quants,
        "claimed_by": _actor(text, *claimed_by, start=start) if claimed_by else None,
        "polarity": "asserted",
        "hedged": False,
        "evidence": [{"text": sentence, "start": start, "end": start + len(sentence), "trigger": trig, "trigger_text": trigger}],
        "confidence": 0.9,
        "coder": "eventwire test",
    }


def sample_articles() -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Four articles and their events: (article record, events)."""
    out = []
    kp = article_to_json(build_article(
        id="kp1", headline="North Korea denounces US and South Korea",
        paragraphs=[
            "North Korea on Thursday denounced the United States and South Korea for their joint statement.",
            "Russia has sent 500 troops to the border, officials said.",
        ],
        published=datetime(2024, 12, 19, 10), wire="Yonhap",
    ))  # fmt: skip
    out.append((kp, [
        make_event(kp, type="ACCUSE", mode="disapprove", cameo="111", trigger="denounced",
                   sentence="North Korea on Thursday denounced the United States and South Korea for their joint statement.",
                   sources=[("North Korea", "PRK", None, "GOV")],
                   targets=[("the United States", "USA"), ("South Korea", "KOR")],
                   date="2024-12-19", date_text="on Thursday"),
        make_event(kp, type="MOBILIZE", mode="troops", cameo="154", trigger="sent",
                   sentence="Russia has sent 500 troops to the border, officials said.",
                   sources=[("Russia", "RUS")], targets=[],
                   quantities=[{"kind": "size", "value": 500, "qualifier": "exact", "unit": "troops", "text": "500"}],
                   claimed_by=("officials",)),
    ]))  # fmt: skip
    ua = article_to_json(build_article(
        id="ua1", headline="Russian shelling kills 20 in Kharkiv, Ukraine says",
        paragraphs=["Ukraine's military said Russian forces killed about 20 soldiers in Kharkiv on 10 December."],
        published=datetime(2024, 12, 11, 8), source="Kyiv Wire",
    ))  # fmt: skip
    out.append((ua, [
        make_event(ua, type="ASSAULT", mode=None, cameo="190", trigger="killed",
                   sentence="Ukraine's military said Russian forces killed about 20 soldiers in Kharkiv on 10 December.",
                   sources=[("Russian forces", "RUS", None, "MIL")], targets=[("soldiers", "UKR", None, "MIL")],
                   date="2024-12-10", date_text="on 10 December",
                   quantities=[{"kind": "dead", "value": 20, "qualifier": "approx", "unit": "soldiers", "text": "about 20"}],
                   claimed_by=("Ukraine's military", "UKR", None, "MIL"),
                   location={"text": "Kharkiv", "name": "Kharkiv", "country": "UKR", "lat": 49.99, "lon": 36.23,
                             "span": _span(ua["text"], "Kharkiv", ua["text"].index("Ukraine's military"))}),
    ]))  # fmt: skip
    eu = article_to_json(build_article(
        id="eu1", headline="EU and China hold talks",
        paragraphs=["The European Union met Chinese officials in Brussels on 3 December."],
        published=datetime(2024, 12, 4),
    ))  # fmt: skip
    out.append((eu, [
        make_event(eu, type="CONSULT", cameo="040", trigger="met",
                   sentence="The European Union met Chinese officials in Brussels on 3 December.",
                   sources=[("The European Union", None, "EU", "IGO")], targets=[("Chinese officials", "CHN", None, "GOV")],
                   date="2024-12-03", date_text="on 3 December",
                   location={"text": "Brussels", "name": "Brussels", "country": "BEL", "lat": 50.85, "lon": 4.35}),
    ]))  # fmt: skip
    evil = article_to_json(build_article(
        id="evil", headline=HOSTILE_HEADLINE, paragraphs=[HOSTILE_BODY],
        published=datetime(2024, 12, 2), url="javascript:alert(3)", source="<b>Bad</b> Source",
    ))  # fmt: skip
    out.append((evil, [
        make_event(evil, type="ACCUSE", mode="disapprove", cameo="111", trigger="criticized",
                   sentence=HOSTILE_BODY,
                   sources=[("The mayor <img src=x onerror=alert(1)>", "USA", None, "GOV")],
                   targets=[("O'Brien", None, None, None)], date="2024-12-02", date_text="on Monday",
                   location={"text": "<svg onload=alert(4)>", "name": "<svg onload=alert(4)>", "country": "USA",
                             "lat": 40.7, "lon": -74.0}),
    ]))  # fmt: skip
    return out


def sample_database(path: Path | str) -> Any:
    """An eventwire database with :func:`sample_articles`, clustered when clustering exists."""
    db = open_database(path)
    for article, events in sample_articles():
        db.store_article(article, events)
    try:
        from eventwire.store.clusters import recluster
    except ImportError:
        recluster = None
    if recluster is not None:
        recluster(db)
    return db


def event_id_of(db: Any, article_id: str, type_: str) -> str:
    return next(e["event_id"] for e in db.iter_events("e.article_id = ?", [article_id]) if e["type"] == type_)


@pytest.fixture(scope="session")
def sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample database, built once; each test gets a copy."""
    path = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    sample_database(path).close()
    return path


@pytest.fixture
def db(tmp_path: Path, sample_file: Path) -> Any:
    copy = tmp_path / "api.duckdb"
    shutil.copyfile(sample_file, copy)
    database = open_database(copy)
    yield database
    database.close()


@pytest.fixture
def client(db: Any) -> TestClient:
    with TestClient(create_app(db), base_url="http://127.0.0.1") as c:
        yield c


def assert_error(response: Any, status: int, param: str | None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == ERROR_KEYS, body
    assert body["ok"] is False and body["status"] == status
    assert body["param"] == param
    if param:
        assert param.split(".")[0].split("[")[0].lower() in body["message"].lower()
    return body


# -- the spec and the docs ----------------------------------------------------------------


def test_openapi_json_describes_every_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    for path in ("/api/events", "/api/events/{event_id}", "/api/events/{event_id}/review", "/api/clusters",
                 "/api/clusters/{cluster_id}", "/api/articles/{article_id}", "/api/actors", "/api/stats"):  # fmt: skip
        assert path in paths
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"actor", "type", "since", "limit", "cursor"} <= names
    limit = next(p for p in spec["paths"]["/api/events"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == MAX_LIMIT
    assert not any(p.startswith("/events") for p in paths), "pages stay out of the API spec"


def test_docs_page_works_offline(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    assert "/api/events" in response.text and "/openapi.json" in response.text
    assert "<script" not in response.text and "cdn" not in response.text.lower()


# -- listing and filtering ----------------------------------------------------------------


def test_events_list_newest_first(client: TestClient) -> None:
    body = client.get("/api/events").json()
    assert body["ok"] is True and body["total"] == 5 and body["count"] == 5 and body["next"] is None
    dates = [e["date"] for e in body["events"]]
    assert dates == ["2024-12-19", "2024-12-10", "2024-12-03", "2024-12-02", None]  # undated last


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("actor=North Korea", {"kp1/ACCUSE"}),
        ("actor=PRK", {"kp1/ACCUSE"}),
        ("source=RUS", {"kp1/MOBILIZE", "ua1/ASSAULT"}),
        ("target=UKR", {"ua1/ASSAULT"}),
        ("type=ACCUSE", {"kp1/ACCUSE", "evil/ACCUSE"}),
        ("type=ACCUSE&type=CONSULT", {"kp1/ACCUSE", "evil/ACCUSE", "eu1/CONSULT"}),
        ("type=FIGHT", {"ua1/ASSAULT"}),
        ("quad=4", {"kp1/MOBILIZE", "ua1/ASSAULT"}),
        ("since=2024-12-10&until=2024-12", {"kp1/ACCUSE", "ua1/ASSAULT"}),
        ("country=Ukraine", {"ua1/ASSAULT"}),
        ("q=joint statement", {"kp1/ACCUSE"}),
        ("actor=O'Brien", {"evil/ACCUSE"}),
        ("q=\"plan\"", {"evil/ACCUSE"}),
        ("actor=\"'; DROP TABLE events; --", set()),
        ("q=100%_", set()),
        ("article=eu1", {"eu1/CONSULT"}),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_events_filters(client: TestClient, query: str, expected: set[str]) -> None:
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 200, response.text
    got = {f"{e['article_id']}/{e['type']}" for e in response.json()["events"]}
    assert got == expected
    assert client.get("/api/events").json()["total"] == 5  # the injection attempt changed nothing


def test_events_cursor_paging_visits_every_event_once(client: TestClient) -> None:
    seen: list[str] = []
    url: str | None = "/api/events?limit=2"
    pages = 0
    while url:
        body = client.get(url).json()
        assert body["count"] <= 2 and body["total"] == (5 if pages == 0 else None)  # counted on page 1
        seen += [e["event_id"] for e in body["events"]]
        url = body["next"]
        pages += 1
    assert pages == 3 and len(seen) == len(set(seen)) == 5
    second = client.get("/api/events?limit=2").json()["next"]
    assert client.get(second + "&total=true").json()["total"] == 5
    assert client.get("/api/events?limit=2&total=false").json()["total"] is None
    all_ids = [e["event_id"] for e in client.get("/api/events?limit=500").json()["events"]]
    assert seen == all_ids


@pytest.mark.parametrize(
    "value", ["0", "-1", "-99999999999999999999", "501", "100000000000000000000000000000", "abc", "1.5", ""],
    ids=["zero", "negative", "huge-negative", "over-max", "huge", "word", "float", "empty"],
)
def test_limit_is_validated(client: TestClient, value: str) -> None:
    body = assert_error(client.get(f"/api/events?limit={value}"), 422, "limit")
    assert body["error"] == "invalid_parameter"


def test_max_page_size_is_accepted(client: TestClient) -> None:
    assert client.get(f"/api/events?limit={MAX_LIMIT}").status_code == 200


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("type=BOGUS", "type"),
        ("quad=9", "quad"),
        ("since=2024-13-45", "since"),
        ("until=yesterday", "until"),
        ("since=2024&since=2025", "since"),
        ("cursor=not-a-cursor", "cursor"),
        ("cursor=" + "A" * 3000, "cursor"),
        ("actors=PRK", "actors"),
        ("actor=" + "x" * 300, "actor"),
        ("total=maybe", "total"),
    ],
    ids=["type", "quad", "since", "until", "since-twice", "cursor", "cursor-long", "typo", "long-value", "bool"],
)
def test_bad_parameters_answer_422_naming_them(client: TestClient, query: str, param: str) -> None:
    assert_error(client.get(f"/api/events?{query}"), 422, param)


def test_too_many_filter_values(client: TestClient) -> None:
    query = "&".join(f"actor=a{i}" for i in range(30))
    assert_error(client.get(f"/api/events?{query}"), 422, "actor")


@pytest.mark.parametrize(
    "path",
    ["/api/events/nope", "/api/articles/nope", "/api/clusters/nope", "/api/events/%3Cscript%3E", "/api/nothing-here"],
)
def test_unknown_ids_404_in_the_shared_shape(client: TestClient, path: str) -> None:
    body = assert_error(client.get(path), 404, None if path.endswith("nothing-here") else "id")
    assert body["error"] == "not_found"


def test_wrong_method_is_405_in_the_shared_shape(client: TestClient) -> None:
    assert_error(client.delete("/api/events"), 405, None)


# -- one event, article, cluster, actors, stats -----------------------------------------


def test_event_detail(client: TestClient, db: Any) -> None:
    event_id = event_id_of(db, "kp1", "ACCUSE")
    body = client.get(f"/api/events/{event_id}").json()
    assert body["event"]["type"] == "ACCUSE" and body["original"]["type"] == "ACCUSE"
    assert body["reviews"] == [] and body["article"]["headline"].startswith("North Korea")


def test_article_detail(client: TestClient) -> None:
    body = client.get("/api/articles/kp1").json()
    assert body["article"]["text"].startswith("North Korea denounces")
    assert {e["type"] for e in body["events"]} == {"ACCUSE", "MOBILIZE"} and body["rejected"] == []


def test_actors(client: TestClient) -> None:
    body = client.get("/api/actors").json()
    codes = {a["code"]: a for a in body["actors"] if a["code"]}
    assert codes["RUS"]["events"] == 2 and codes["RUS"]["as_source"] == 2
    assert {a["name"] for a in body["actors"] if a["code"] is None} == {"O'Brien"}
    assert {a["code"] for a in client.get("/api/actors?name=korea").json()["actors"]} == {"KOR", "PRK"}
    assert_error(client.get("/api/actors?role=victim"), 422, "role")
    assert_error(client.get("/api/actors?offset=-1"), 422, "offset")


def test_stats(client: TestClient) -> None:
    body = client.get("/api/stats").json()
    assert body["total"] == 5 and body["undated"] == 1
    assert {r["day"]: r["events"] for r in body["by_day"]} == {
        "2024-12-02": 1, "2024-12-03": 1, "2024-12-10": 1, "2024-12-19": 1,
    }  # fmt: skip
    assert body["by_month"] == [
        {"month": "2024-12", "events": 4, "quad1": 1, "quad2": 0, "quad3": 2, "quad4": 1, "goldstein_mean": body["by_month"][0]["goldstein_mean"]}
    ]
    assert {r["type"]: r["events"] for r in body["by_type"]} == {"ACCUSE": 2, "MOBILIZE": 1, "ASSAULT": 1, "CONSULT": 1}
    assert {r["quad_class"]: r["events"] for r in body["by_quad"]} == {1: 1, 3: 2, 4: 2}
    assert client.get("/api/stats?type=ASSAULT").json()["total"] == 1


def test_network(client: TestClient) -> None:
    edges = client.get("/api/network").json()["edges"]
    pairs = {(e["source"], e["target"]): e for e in edges}
    assert pairs[("PRK", "USA")]["events"] == 1 and pairs[("PRK", "USA")]["goldstein_mean"] == -2.0
    assert ("RUS", "UKR") in pairs and ("EU", "CHN") in pairs


def test_clusters(client: TestClient) -> None:
    pytest.importorskip("eventwire.store.clusters")
    body = client.get("/api/clusters").json()
    assert body["ok"] and body["total"] >= 4
    cluster_id = body["clusters"][0]["cluster_id"]
    detail = client.get(f"/api/clusters/{cluster_id}").json()
    assert detail["cluster"]["cluster_id"] == cluster_id and detail["events"]
    assert client.get("/api/clusters?type=CONSULT").json()["total"] == 1
    page = client.get(f"/clusters/{cluster_id}")
    assert page.status_code == 200 and 'class="article-text"' in page.text
    assert client.get("/?view=clusters").status_code == 200
    paged = client.get("/api/clusters?limit=1").json()
    assert paged["count"] == 1 and paged["next"]
    assert client.get(paged["next"]).json()["clusters"][0]["cluster_id"] != paged["clusters"][0]["cluster_id"]


# -- reviews ------------------------------------------------------------------------------


def test_review_correct_is_applied_everywhere(client: TestClient, db: Any) -> None:
    event_id = event_id_of(db, "kp1", "ACCUSE")
    response = client.post(f"/api/events/{event_id}/review", json={
        "action": "correct", "reviewer": "ann", "note": "a threat, not an accusation",
        "changes": {"type": "THREATEN", "date": "2024-12-18", "targets": [{"code": "USA"}],
                    "quantities": [{"kind": "size", "value": 3, "qualifier": "at_least", "unit": "ships"}]},
    })  # fmt: skip
    assert response.status_code == 201, response.text
    body = response.json()
    review = body["review"]
    assert review["reviewer"] == "ann" and review["status"] == "corrected" and review["time"].endswith("Z")
    assert review["changes"]["type"] == {"from": "ACCUSE", "to": "THREATEN"}
    assert review["changes"]["mode"] == {"from": "disapprove", "to": None}  # not a THREATEN mode
    assert "quad_class" not in review["changes"]  # THREATEN is verbal conflict too
    event = body["event"]
    assert event["type"] == "THREATEN" and event["cameo"].startswith("13") and event["date"] == "2024-12-18"
    assert [t["country"] for t in event["targets"]] == ["USA"]
    assert event["targets"][0]["span"] == _span(db.get_article("kp1")["text"], "the United States")
    assert event["review"]["status"] == "corrected" and "type" in event["review"]["fields"]
    # the list, its filters, the stats, the network and the detail all see the correction
    listed = client.get("/api/events?type=THREATEN").json()
    assert [e["event_id"] for e in listed["events"]] == [event_id] and listed["total"] == 1
    assert listed["events"][0]["review"]["reviewer"] == "ann"
    assert event_id not in {e["event_id"] for e in client.get("/api/events?type=ACCUSE").json()["events"]}
    assert event_id in {e["event_id"] for e in client.get("/api/events?since=2024-12-18&until=2024-12-18").json()["events"]}
    assert client.get("/api/events?target=KOR").json()["total"] == 0
    assert {r["type"]: r["events"] for r in client.get("/api/stats").json()["by_type"]}["THREATEN"] == 1
    assert ("PRK", "KOR") not in {(e["source"], e["target"]) for e in client.get("/api/network").json()["edges"]}
    detail = client.get(f"/api/events/{event_id}").json()
    assert detail["original"]["type"] == "ACCUSE" and len(detail["reviews"]) == 1
    # paging still visits every event once with a reviewed one in the middle
    ids, url = [], "/api/events?limit=1"
    while url:
        page = client.get(url).json()
        ids += [e["event_id"] for e in page["events"]]
        url = page["next"]
    assert len(ids) == len(set(ids)) == 5


def test_review_reject_drops_the_event(client: TestClient, db: Any) -> None:
    event_id = event_id_of(db, "ua1", "ASSAULT")
    assert client.post(f"/api/events/{event_id}/review", json={"action": "reject", "reviewer": "bob"}).status_code == 201
    assert event_id not in {e["event_id"] for e in client.get("/api/events").json()["events"]}
    assert client.get("/api/events").json()["total"] == 4
    assert client.get("/api/stats").json()["total"] == 4
    assert client.get("/api/events?actor=UKR").json()["total"] == 0
    assert client.get("/api/articles/ua1").json()["rejected"] == [event_id]
    assert client.get(f"/api/events/{event_id}").json()["event"]["review"]["status"] == "rejected"
    # accepting it again brings it back
    client.post(f"/api/events/{event_id}/review", json={"action": "accept", "reviewer": "cy"})
    assert client.get("/api/events").json()["total"] == 5
    assert apply_reviews(db, db.iter_events("e.event_id = ?", [event_id]))[0]["review"]["status"] == "accepted"


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({"action": "maybe", "reviewer": "x"}, "action"),
        ({"action": "accept"}, "reviewer"),
        ({"action": "accept", "reviewer": ""}, "reviewer"),
        ({"action": "accept", "reviewer": "x" * 101}, "reviewer"),
        ({"action": "accept", "reviewer": "x", "extra": 1}, "extra"),
        ({"action": "accept", "reviewer": "x", "changes": {"type": "AID"}}, "changes"),
        ({"action": "correct", "reviewer": "x"}, "changes"),
        ({"action": "correct", "reviewer": "x", "changes": {"confidence": 1}}, "changes.confidence"),
        ({"action": "correct", "reviewer": "x", "changes": {"type": "NOPE"}}, "changes.type"),
        ({"action": "correct", "reviewer": "x", "changes": {"mode": "dancing"}}, "changes.mode"),
        ({"action": "correct", "reviewer": "x", "changes": {"date": "2024-02-30"}}, "changes.date"),
        ({"action": "correct", "reviewer": "x", "changes": {"type": "ACCUSE"}}, "changes"),
        ({"action": "correct", "reviewer": "x", "changes": {"sources": [{"code": "!!"}]}}, "changes.sources[0].code"),
        ({"action": "correct", "reviewer": "x", "changes": {"sources": [{}]}}, "changes.sources[0]"),
        ({"action": "correct", "reviewer": "x", "changes": {"quantities": [{"kind": "dead", "value": -1}]}}, "changes.quantities[0].value"),
        ({"action": "correct", "reviewer": "x", "changes": {"quantities": [{"kind": "wounded", "value": 1}]}}, "changes.quantities[0].kind"),
        ({"action": "correct", "reviewer": "x", "changes": {"quantities": [{"kind": "dead", "value": 1, "qualifier": "roughly"}]}}, "changes.quantities[0].qualifier"),
    ],
    ids=["action", "no-reviewer", "empty-reviewer", "long-reviewer", "extra-key", "changes-on-accept",
         "correct-without-changes", "uncorrectable", "type", "mode", "date", "no-change", "actor-code",
         "actor-empty", "quantity-negative", "quantity-kind", "qualifier"],
)  # fmt: skip
def test_review_validation(client: TestClient, db: Any, body: dict[str, Any], param: str) -> None:
    event_id = event_id_of(db, "kp1", "ACCUSE")
    assert_error(client.post(f"/api/events/{event_id}/review", json=body), 422, param)
    assert client.get(f"/api/events/{event_id}").json()["reviews"] == []


def test_review_of_unknown_event_is_404(client: TestClient) -> None:
    assert_error(client.post("/api/events/nope/review", json={"action": "accept", "reviewer": "x"}), 404, "id")


def test_review_needs_json(client: TestClient, db: Any) -> None:
    event_id = event_id_of(db, "kp1", "ACCUSE")
    response = client.post(f"/api/events/{event_id}/review", content="action=accept&reviewer=x",
                           headers={"content-type": "application/x-www-form-urlencoded"})  # fmt: skip
    assert_error(response, 415, "content-type")
    response = client.post(f"/api/events/{event_id}/review", content="{not json",
                           headers={"content-type": "application/json"})  # fmt: skip
    assert_error(response, 422, "body")


def test_review_body_size_is_limited(client: TestClient, db: Any) -> None:
    event_id = event_id_of(db, "kp1", "ACCUSE")
    note = "x" * 100_000
    response = client.post(f"/api/events/{event_id}/review", json={"action": "accept", "reviewer": "x", "note": note})
    assert_error(response, 413, "body")


def test_read_only_server_refuses_reviews(db: Any) -> None:
    with TestClient(create_app(db, AppConfig(read_only=True)), base_url="http://127.0.0.1") as c:
        event_id = event_id_of(db, "kp1", "ACCUSE")
        body = assert_error(c.post(f"/api/events/{event_id}/review", json={"action": "accept", "reviewer": "x"}), 403, None)
        assert body["error"] == "read_only"
        page = c.get(f"/events/{event_id}")
        assert page.status_code == 200 and "correction-form" not in page.text and "read-only" in page.text
        assert c.post(f"/events/{event_id}/review", data={"action": "accept", "reviewer": "x"},
                      headers={"origin": "http://127.0.0.1"}).status_code == 403  # fmt: skip


def test_review_token(db: Any) -> None:
    config = AppConfig(review_token="s3cret-token")
    with TestClient(create_app(db, config), base_url="http://127.0.0.1") as c:
        event_id = event_id_of(db, "kp1", "ACCUSE")
        body = {"action": "accept", "reviewer": "x"}
        assert_error(c.post(f"/api/events/{event_id}/review", json=body), 401, "token")
        assert_error(c.post(f"/api/events/{event_id}/review", json=body, headers={"authorization": "Bearer wrong"}), 401, "token")
        ok = c.post(f"/api/events/{event_id}/review", json=body, headers={"authorization": "Bearer s3cret-token"})
        assert ok.status_code == 201
        assert 'name="token"' in c.get(f"/events/{event_id}").text


def test_trusted_hosts_refuse_other_host_headers(db: Any) -> None:
    app = create_app(db, AppConfig(trusted_hosts=["127.0.0.1", "localhost"]))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/stats").status_code == 200
        assert c.get("/api/stats", headers={"host": "localhost:8000"}).status_code == 200
        assert_error(c.get("/api/stats", headers={"host": "evil.example:8000"}), 400, "host")


def test_security_headers(client: TestClient) -> None:
    response = client.get("/")
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"


# -- the pages ----------------------------------------------------------------------------


def _form(client: TestClient, event_id: str) -> dict[str, str]:
    html = client.get(f"/events/{event_id}").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', html)
    assert csrf
    return {"csrf": csrf.group(1)}


def test_page_review_form_posts(client: TestClient, db: Any) -> None:
    event_id = event_id_of(db, "kp1", "ACCUSE")
    form = {**_form(client, event_id), "action": "correct", "reviewer": "Dee <b>", "note": "n",
            "type": "THREATEN", "mode": "", "sources": "PRK | North Korea | GOV",
            "targets": "USA | the United States\nKOR | South Korea", "claimed_by": "", "date": "2024-12-19",
            "quantities": ""}  # fmt: skip
    origin = {"origin": "http://127.0.0.1"}
    response = client.post(f"/events/{event_id}/review", data=form, headers=origin, follow_redirects=False)
    assert response.status_code == 303, response.text
    assert response.headers["location"] == f"/events/{event_id}?saved=correct"
    review = client.get(f"/api/events/{event_id}").json()["reviews"][-1]
    # only the fields that changed are recorded
    assert set(review["changes"]) == {"type", "mode", "cameo", "goldstein"}
    page = client.get(f"/events/{event_id}?saved=correct").text
    assert "Review saved" in page and "Dee &lt;b&gt;" in page and "Dee <b>" not in page
    listing = client.get("/?actor=North+Korea").text
    assert "THREATEN" in listing and "review-corrected" in listing
    # a form error comes back as the page with the message, not a raw error
    bad = {**form, "date": "2024-99-99"}
    response = client.post(f"/events/{event_id}/review", data=bad, headers=origin)
    assert response.status_code == 422 and 'id="form-error"' in response.text and "changes.date" in response.text


def test_page_review_form_refuses_cross_site_and_stale_posts(client: TestClient, db: Any) -> None:
    event_id = event_id_of(db, "kp1", "ACCUSE")
    form = {**_form(client, event_id), "action": "accept", "reviewer": "x"}
    assert client.post(f"/events/{event_id}/review", data=form, headers={"origin": "http://evil.example"}).status_code == 403
    stale = {**form, "csrf": "forged"}
    assert client.post(f"/events/{event_id}/review", data=stale, headers={"origin": "http://127.0.0.1"}).status_code == 403
    assert client.get(f"/api/events/{event_id}").json()["reviews"] == []
    # the 'next' field cannot redirect elsewhere
    away = {**form, "next": "https://evil.example/"}
    response = client.post(f"/events/{event_id}/review", data=away, headers={"origin": "http://127.0.0.1"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith(f"/events/{event_id}")


def test_pages_render(client: TestClient, db: Any) -> None:
    event_id = event_id_of(db, "ua1", "ASSAULT")
    for path in ("/", "/?view=clusters", f"/events/{event_id}", "/articles/ua1", "/timeline", "/network", "/map", "/docs"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
    page = client.get(f"/events/{event_id}").text
    for role in ("trigger", "source", "target", "date", "quantity", "claimant", "location"):
        assert f'class="hl hl-{role}' in page, role
    assert '<mark class="hl hl-trigger' in page and ">killed</mark>" in page
    assert ">about 20</mark>" in page and ">Ukraine&#39;s military</mark>" in page
    assert 'class="legend"' in page
    assert "<svg" in client.get("/timeline").text and "<svg" in client.get("/network").text
    assert "<svg" in client.get("/map").text


def test_page_bad_parameters(client: TestClient) -> None:
    response = client.get("/?type=NOPE")
    assert response.status_code == 422 and "Unknown event type" in response.text
    assert client.get("/?limit=100000").status_code == 422
    assert client.get("/?limit=&type=&actor=").status_code == 200  # blank form fields are no filter
    assert client.get("/events/nope").status_code == 404


HOSTILE = ("<script>alert", "<img src=x onerror", "<svg onload", "<b>Bad</b>", "href=\"javascript")


def _assert_no_markup_from_data(html: str) -> None:
    for needle in HOSTILE:
        assert needle not in html, needle


def test_hostile_text_is_escaped_on_every_page(client: TestClient, db: Any) -> None:
    event_id = event_id_of(db, "evil", "ACCUSE")
    pages = ["/", "/?q=mayor", "/?view=clusters", f"/events/{event_id}", "/articles/evil", "/timeline", "/network", "/map"]
    for path in pages:
        html = client.get(path).text
        _assert_no_markup_from_data(html)
    article = client.get("/articles/evil").text
    assert "&lt;script&gt;alert(&#39;headline&#39;)&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=alert(1)&gt;" in article
    assert 'href="javascript' not in article
    detail = client.get(f"/events/{event_id}").text
    assert '<mark class="hl hl-source' in detail and "The mayor &lt;img src=x onerror=alert(1)&gt;</mark>" in detail
    assert "O&#39;Brien" in detail
    assert "&lt;svg onload=alert(4)&gt;" in client.get("/map").text
    # the API returns the text as data (JSON), never as HTML
    api = client.get("/api/articles/evil")
    assert api.headers["content-type"] == "application/json"
    assert api.json()["article"]["headline"] == HOSTILE_HEADLINE


@pytest.mark.parametrize(
    "path",
    [
        "/?actor=<script>alert(1)</script>",
        "/?q=\"><script>alert(1)</script>",
        "/?type=<script>alert(1)</script>",
        "/timeline?since=<script>alert(1)</script>",
        "/events/<script>alert(1)<%2Fscript>",
        "/articles/<img src=x onerror=alert(1)>",
        "/clusters/<script>alert(1)<%2Fscript>",
        "/nowhere/<script>alert(1)</script>",
        "/network?actor='\"><img src=x onerror=alert(1)>",
    ],
)
def test_no_reflected_xss(client: TestClient, path: str) -> None:
    html = client.get(path).text
    assert "<script>alert" not in html and "<img src=x onerror" not in html


def test_stored_xss_in_review_fields_is_escaped(client: TestClient, db: Any) -> None:
    event_id = event_id_of(db, "kp1", "ACCUSE")
    response = client.post(f"/api/events/{event_id}/review", json={
        "action": "correct", "reviewer": "<script>alert(5)</script>", "note": "<img src=x onerror=alert(6)>",
        "changes": {"sources": [{"code": "PRK", "text": "<script>alert(7)</script>"}]},
    })  # fmt: skip
    assert response.status_code == 201
    for path in ("/", f"/events/{event_id}", "/articles/kp1", "/network"):
        html = client.get(path).text
        assert "<script>alert" not in html and "<img src=x onerror" not in html, path


# -- library pieces -----------------------------------------------------------------------


def test_segments_handle_overlaps_and_bad_spans() -> None:
    text = "North Korea denounced Seoul."
    spans = [
        Span(0, 28, "evidence", "e"), Span(0, 11, "source", "s"), Span(12, 21, "trigger", "t"),
        Span(6, 11, "date", "d"), Span(20, 99, "target", "bad"), Span(5, 5, "target", "empty"),
    ]  # fmt: skip
    out = segments(text, spans)
    assert "".join(s.text for s in out) == text
    assert [(s.text, s.primary) for s in out] == [
        ("North ", "source"), ("Korea", "date"), (" ", "evidence"), ("denounced", "trigger"), (" Seoul.", "evidence"),
    ]
    event = {"evidence": [{"start": 0, "end": 28, "trigger": [12, 21]}], "sources": [{"text": "x", "span": [0, "11"]}],
             "targets": [{"span": [-1, 3]}], "date_span": [True, 3]}  # fmt: skip
    assert [s.role for s in event_spans(event, len(text))] == ["evidence", "trigger"]


def test_apply_reviews_and_record(db: Any) -> None:
    events = list(db.iter_events())
    assert apply_reviews(db, events) == events  # no reviews: unchanged
    accuse = event_id_of(db, "kp1", "ACCUSE")
    consult = event_id_of(db, "eu1", "CONSULT")
    record_review(db, accuse, "correct", "ann", changes={"date": None})
    record_review(db, consult, "reject", "bob", note="not an event")
    out = {e["event_id"]: e for e in apply_reviews(db, events)}
    assert consult not in out and len(out) == 4
    assert out[accuse]["date"] is None and out[accuse]["date_span"] is None
    assert out[accuse]["review"] == {
        "status": "corrected", "reviewer": "ann", "time": out[accuse]["review"]["time"], "note": None,
        "fields": ["date", "date_precision", "date_text", "date_span"], "reviews": 1,
    }  # fmt: skip
    assert "review" not in out[event_id_of(db, "ua1", "ASSAULT")]


def test_export_gold(db: Any, tmp_path: Path) -> None:
    accuse = event_id_of(db, "kp1", "ACCUSE")
    mobilize = event_id_of(db, "kp1", "MOBILIZE")
    record_review(db, accuse, "correct", "ann", changes={"type": "THREATEN"})
    record_review(db, mobilize, "reject", "ann")
    record_review(db, event_id_of(db, "ua1", "ASSAULT"), "accept", "bob")
    out = tmp_path / "gold.jsonl"
    assert export_gold(db, out) == 2
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["article_id"] for r in lines] == ["kp1", "ua1"]
    kp = lines[0]
    assert [e["type"] for e in kp["events"]] == ["THREATEN"] and kp["events"][0]["cameo_root"] == "13"
    assert kp["events"][0]["sources"] == [{"code": "PRK", "sector": "GOV", "text": "North Korea"}]
    assert [e["type"] for e in kp["not_events"]] == ["MOBILIZE"]
    ua = lines[1]["events"][0]
    assert ua["quantities"] == [{"kind": "dead", "value": 20, "qualifier": "approx", "unit": "soldiers"}]
    assert ua["claimed_by"]["code"] == "UKR" and ua["review"]["status"] == "accepted"
    assert export_gold(db, tmp_path / "all.jsonl", all_articles=True) == 4
    everything = [json.loads(line) for line in (tmp_path / "all.jsonl").read_text().splitlines()]
    assert all(e.get("optional") for e in everything[1]["events"])  # eu1: nothing reviewed


def test_export_gold_is_read_by_score_py(db: Any, tmp_path: Path, shared_dir: Path) -> None:
    record_review(db, event_id_of(db, "kp1", "ACCUSE"), "correct", "ann", changes={"type": "THREATEN"})
    record_review(db, event_id_of(db, "ua1", "ASSAULT"), "accept", "bob")
    gold = tmp_path / "gold.jsonl"
    export_gold(db, gold)
    spec = importlib.util.spec_from_file_location("eventwire_score", shared_dir / "eval" / "score.py")
    assert spec and spec.loader
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    preds = list(db.iter_events())
    result = score.score(score.load_jsonl(str(gold)), preds)
    # ASSAULT accepted: found; ACCUSE coded but THREATEN in gold: missed and spurious;
    # MOBILIZE unreviewed: optional, counted nowhere.
    assert (result["tp"], result["fp"], result["fn"]) == (1, 1, 1)
    reviewed = apply_reviews(db, preds)
    assert score.score(score.load_jsonl(str(gold)), reviewed)["f1"] == 1.0


# -- the command --------------------------------------------------------------------------


def test_serve_refuses_public_host_without_token(tmp_path: Path, sample_file: Path) -> None:
    from eventwire.cli import cli

    shutil.copyfile(sample_file, tmp_path / "s.duckdb")
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "s.duckdb"), "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "--review-token" in result.output
    result = CliRunner().invoke(
        cli, ["serve", "--db", str(tmp_path / "s.duckdb"), "--host", "0.0.0.0", "--read-only", "--get", "/api/stats"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["total"] == 5


def test_serve_get_runs_one_request(tmp_path: Path, sample_file: Path) -> None:
    from eventwire.cli import cli

    shutil.copyfile(sample_file, tmp_path / "s.duckdb")
    db = str(tmp_path / "s.duckdb")
    result = CliRunner().invoke(cli, ["serve", "--db", db, "--get", "/api/events?limit=1"])
    assert result.exit_code == 0 and json.loads(result.output)["count"] == 1
    result = CliRunner().invoke(cli, ["serve", "--db", db, "--get", "/api/events?limit=0"])
    assert result.exit_code == 1 and json.loads(result.output)["param"] == "limit"


@pytest.mark.skipif(sys.platform == "win32", reason="loopback names")
@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.0.2", True), ("0.0.0.0", False), ("192.168.1.5", False), ("example.org", False)])
def test_is_loopback(host: str, loopback: bool) -> None:
    from eventwire.cli.serve import is_loopback

    assert is_loopback(host) is loopback


# -- the seed, coded for real -------------------------------------------------------------


def test_seed_event_page_highlights_the_evidence(tmp_path: Path, shared_dir: Path) -> None:
    from eventwire.store import ingest

    db = open_database(tmp_path / "seed.duckdb")
    try:
        ingest(db, [str(shared_dir / "corpus" / "seed.txt")])
        with TestClient(create_app(db), base_url="http://127.0.0.1") as c:
            events = c.get("/api/events?actor=North Korea&type=ACCUSE&limit=10").json()["events"]
            denounce = next(e for e in events if e["evidence"][0].get("trigger_text") == "denounced")
            page = c.get(f"/events/{denounce['event_id']}").text
            assert ">denounced</mark>" in page and ">on Thursday</mark>" in page
            assert '<mark class="hl hl-source' in page and '<mark class="hl hl-target' in page
    finally:
        db.close()


def test_serve_refuses_a_short_token(tmp_path: Path, sample_file: Path) -> None:
    from eventwire.cli import cli

    shutil.copyfile(sample_file, tmp_path / "s.duckdb")
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "s.duckdb"), "--review-token", "abc"])
    assert result.exit_code == 2 and "at least 8 characters" in result.output
