#!/usr/bin/env python3
"""Regenerate docs/seed-event.png: the seed's event detail page in headless Chromium.

    .venv/bin/python scripts/screenshot.py [--seed ../shared/corpus/seed.txt]
        [--out docs/seed-event.png] [--page /events/ID] [--width 1280]

Codes the seed article into a scratch database, serves it with uvicorn on a free
loopback port, opens the detail page of the seed's first event (North Korea denounces
the United States and South Korea) and saves a full-page screenshot.
Needs Debian's chromium and chromedriver (scripts/system-deps.sh installs them).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def browser(profile: str):  # type: ignore[no-untyped-def]
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--hide-scrollbars", "--force-device-scale-factor=1",
        f"--user-data-dir={profile}",
    ):  # fmt: skip
        options.add_argument(arg)
    return webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", default=str(ROOT.parent / "shared" / "corpus" / "seed.txt"))
    parser.add_argument("--out", default=str(ROOT / "docs" / "seed-event.png"))
    parser.add_argument("--page", help="page to shoot (default: the seed's first event)")
    parser.add_argument("--width", type=int, default=1280)
    args = parser.parse_args()

    from eventwire.api import create_app
    from eventwire.api.server import BackgroundServer
    from eventwire.store import ingest, open_database

    with tempfile.TemporaryDirectory(prefix="eventwire-shot-") as tmp:
        db = open_database(Path(tmp) / "seed.duckdb")
        report = ingest(db, [args.seed])
        if report.n_events == 0:
            print("the seed gave no events; nothing to show", file=sys.stderr)
            return 1
        page = args.page
        if page is None:
            # The headline event of the seed: North Korea denounced the US and South Korea.
            events = list(db.iter_events())
            first = min(events, key=lambda e: (e["evidence"][0]["start"], e["event_id"]))
            page = f"/events/{first['event_id']}"
        app = create_app(db)
        with BackgroundServer(app) as url:
            driver = browser(str(Path(tmp) / "profile"))
            try:
                driver.set_window_size(args.width, 900)
                driver.get(url + page)
                height = driver.execute_script("return document.documentElement.scrollHeight")
                driver.set_window_size(args.width, min(int(height) + 40, 6000))
                driver.get(url + page)
                Path(args.out).parent.mkdir(parents=True, exist_ok=True)
                driver.save_screenshot(args.out)
            finally:
                driver.quit()
        db.close()
    print(f"wrote {args.out} ({url}{page})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
