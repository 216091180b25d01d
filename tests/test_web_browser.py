"""End to end in a real headless Chromium against a real uvicorn server on 127.0.0.1.

Open the list, filter by actor, open an event, see its highlighted evidence, submit a
correction, and see it applied in the list and in the API; reject an event; check that
hostile article text stays text. Skipped when Debian's chromium or chromedriver is
missing (scripts/system-deps.sh installs them).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
        reason=f"needs {CHROMIUM} and {CHROMEDRIVER}: run scripts/system-deps.sh "
        "(apt-get install chromium chromium-driver)",
    ),
]

selenium = pytest.importorskip("selenium", reason="needs selenium (pip install -e '.[test]')")

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402
from test_api import HOSTILE_BODY, HOSTILE_HEADLINE, event_id_of, sample_database  # noqa: E402

from eventwire.api import create_app  # noqa: E402
from eventwire.api.server import BackgroundServer  # noqa: E402


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    path = tmp_path_factory.mktemp("browser") / "web.duckdb"
    db = sample_database(path)
    try:
        with BackgroundServer(create_app(db)) as url:
            yield url, db
    finally:
        db.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tmp_path_factory.mktemp("chromium-profile")
    for arg in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={profile}", "--window-size=1280,1000",
    ):  # fmt: skip
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(20)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def click_and_load(driver: Any, element: Any) -> None:
    """Click a link or submit button and wait for the next page to replace this one."""
    page = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 10).until(ec.staleness_of(page))
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")


def rows(driver: Any) -> list[Any]:
    return driver.find_elements(By.CSS_SELECTOR, "tr.event-row")


def api(driver: Any, url: str) -> Any:
    """Open a JSON URL in the browser and parse what it shows."""
    driver.get(url)
    return json.loads(driver.find_element(By.TAG_NAME, "body").text)


def no_alert(driver: Any) -> bool:
    try:
        driver.switch_to.alert
    except NoAlertPresentException:
        return True
    return False


def test_filter_open_highlight_correct_and_see_it_applied(server: tuple[str, Any], browser: Any) -> None:
    url, db = server
    accuse = event_id_of(db, "kp1", "ACCUSE")

    # the list, then filter by actor with the form
    browser.get(url + "/")
    assert len(rows(browser)) == 5
    assert "5 events match" in browser.find_element(By.ID, "result-count").text
    actor = browser.find_element(By.NAME, "actor")
    actor.clear()
    actor.send_keys("North Korea")
    click_and_load(browser, browser.find_element(By.ID, "apply-filters"))
    assert "actor=North+Korea" in browser.current_url
    listed = rows(browser)
    assert [r.get_attribute("data-event-id") for r in listed] == [accuse]
    assert browser.find_element(By.NAME, "actor").get_attribute("value") == "North Korea"

    # open the event: the evidence is highlighted, role by role, in distinct colours
    click_and_load(browser, listed[0].find_element(By.CSS_SELECTOR, "a.event-link"))
    assert browser.current_url.endswith(f"/events/{accuse}")
    text = browser.find_element(By.ID, "article-text")
    marks = {
        role: [m.text for m in text.find_elements(By.CSS_SELECTOR, f"mark.hl-{role}")]
        for role in ("trigger", "source", "target", "date")
    }
    assert marks == {
        "trigger": ["denounced"],
        "source": ["North Korea"],
        "target": ["the United States", "South Korea"],
        "date": ["on Thursday"],
    }
    colours = {
        role: text.find_element(By.CSS_SELECTOR, f"mark.hl-{role}").value_of_css_property("background-color")
        for role in marks
    }
    assert len(set(colours.values())) == len(colours), colours
    legend = browser.find_element(By.CSS_SELECTOR, "ul.legend").text
    for label in ("Trigger", "Source", "Target", "Date", "Quantity", "Claimant"):
        assert label in legend

    # submit a correction with the form
    Select(browser.find_element(By.ID, "correct-type")).select_by_value("THREATEN")
    date = browser.find_element(By.ID, "correct-date")
    date.clear()
    date.send_keys("2024-12-18")
    browser.find_element(By.ID, "correct-reviewer").send_keys("Ana Reviewer")
    browser.find_element(By.ID, "correct-note").send_keys("a threat, one day earlier")
    click_and_load(browser, browser.find_element(By.ID, "save-correction"))
    assert browser.current_url.endswith(f"/events/{accuse}?saved=correct")
    assert "Review saved: corrected" in browser.find_element(By.ID, "flash").text
    assert browser.find_element(By.ID, "event-type").text == "THREATEN"
    assert browser.find_element(By.ID, "event-date").text.startswith("2024-12-18")
    history = browser.find_element(By.ID, "review-history").text
    assert "Ana Reviewer" in history and "corrected" in history

    # the list shows the correction, and the type filter finds it
    browser.get(url + "/?actor=North+Korea")
    row = rows(browser)[0]
    assert row.find_element(By.CSS_SELECTOR, ".event-type").text == "THREATEN"
    assert row.find_element(By.CSS_SELECTOR, ".badge").text == "corrected"
    browser.get(url + "/?type=THREATEN")
    assert [r.get_attribute("data-event-id") for r in rows(browser)] == [accuse]

    # and so does the API
    detail = api(browser, f"{url}/api/events/{accuse}")
    assert detail["event"]["type"] == "THREATEN" and detail["event"]["date"] == "2024-12-18"
    assert detail["event"]["review"]["status"] == "corrected"
    assert detail["event"]["review"]["reviewer"] == "Ana Reviewer"
    assert detail["original"]["type"] == "ACCUSE"
    listed = api(browser, f"{url}/api/events?type=THREATEN")
    assert [e["event_id"] for e in listed["events"]] == [accuse]


def test_reject_button_removes_the_event(server: tuple[str, Any], browser: Any) -> None:
    url, db = server
    consult = event_id_of(db, "eu1", "CONSULT")
    browser.get(f"{url}/events/{consult}")
    form = browser.find_element(By.CSS_SELECTOR, "form.review-buttons")
    reviewer = form.find_element(By.NAME, "reviewer")
    reviewer.clear()
    reviewer.send_keys("Bo")
    click_and_load(browser, form.find_element(By.CSS_SELECTOR, "button.reject"))
    assert "Review saved: rejected" in browser.find_element(By.ID, "flash").text
    browser.get(url + "/")
    assert consult not in [r.get_attribute("data-event-id") for r in rows(browser)]
    assert api(browser, f"{url}/api/stats")["by_type"] and consult not in [
        e["event_id"] for e in api(browser, f"{url}/api/events")["events"]
    ]


def test_hostile_text_stays_text(server: tuple[str, Any], browser: Any) -> None:
    url, db = server
    browser.get(url + "/articles/evil")
    assert no_alert(browser)
    assert browser.find_element(By.ID, "article-headline").text == HOSTILE_HEADLINE
    assert HOSTILE_BODY in browser.find_element(By.ID, "article-text").text
    assert browser.find_elements(By.CSS_SELECTOR, "#article-text img, #article-text script, main script") == []
    assert browser.find_elements(By.CSS_SELECTOR, "a[href^='javascript']") == []
    evil = event_id_of(db, "evil", "ACCUSE")
    browser.get(f"{url}/events/{evil}")
    assert no_alert(browser)
    source = browser.find_element(By.CSS_SELECTOR, "#article-text mark.hl-source")
    assert source.text == "The mayor <img src=x onerror=alert(1)>"
    browser.get(url + "/?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert no_alert(browser)
    assert browser.find_element(By.NAME, "q").get_attribute("value") == "<script>alert(1)</script>"


def test_charts_render(server: tuple[str, Any], browser: Any) -> None:
    url, _ = server
    for path, chart in (("/timeline", "timeline-chart"), ("/network", "network-chart"), ("/map", "map-chart")):
        browser.get(url + path)
        svg = browser.find_element(By.ID, chart)
        assert svg.size["width"] > 300, path
    browser.get(url + "/network")
    assert browser.find_elements(By.CSS_SELECTOR, "#network-chart g.edge")
    browser.get(url + "/docs")
    assert "/api/events" in browser.find_element(By.TAG_NAME, "main").text
