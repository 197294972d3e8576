"""Screenshots of the dashboard for the README, taken from the seeded demo.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Seeds the demo into a temporary SQLite database, serves it on a local port, signs in as the
demo Principal Social Worker with Playwright and /usr/bin/chromium, and saves overview.png,
area.png (full pages, 1280 px wide) and themes.png (the closed cycle's themes: the chart of
the largest themes and the first theme cards below it, 1280 x 1500, so the labels, sizes,
questions and quotes show). ``--only themes.png`` retakes one of them.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--only", help="retake only this file, e.g. themes.png")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    from healthcheck import create_app
    from healthcheck.demo import seed_demo
    from healthcheck.demo.users import DEMO_PASSWORD
    from tests.support.browser import CHROMIUM_ARGS, LiveServer
    from tests.support.databases import SqliteFactory

    url = SqliteFactory(Path(tempfile.mkdtemp(prefix="screenshots-"))).new()
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": True})
    with app.app_context():
        seed_demo()
        from sqlalchemy import select

        from healthcheck.extensions import db
        from healthcheck.models import Cycle

        # The themes of a whole year: the latest closed cycle (the open one is still filling).
        closed = db.session.scalar(
            select(Cycle.id).where(Cycle.status == "closed").order_by(Cycle.closes_on.desc())
        )
    server = LiveServer(app).start()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=args.chromium, headless=True, args=CHROMIUM_ARGS
            )
            context = browser.new_context(
                base_url=server.url, viewport={"width": 1280, "height": 900}
            )
            page = context.new_page()
            page.goto("/sign-in")
            page.get_by_label("Email address").fill("psw@demo.example")
            page.locator("input#password").fill(DEMO_PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_load_state()
            page.goto("/reports/")
            href = page.locator("a.govuk-button").first.get_attribute("href")
            page.goto(href, timeout=300000)
            page.wait_for_selector("h1:text-is('Overview')", timeout=300000)
            cycle_id = re.search(r"/reports/(\d+)/", page.url).group(1)
            shots = {
                "overview.png": f"/reports/{cycle_id}/overview",
                "area.png": f"/reports/{cycle_id}/areas/workload",
                "themes.png": f"/reports/{closed or cycle_id}/themes",
            }
            for name, path in shots.items():
                if args.only and name != args.only:
                    continue
                page.goto(path, timeout=300000)
                page.wait_for_load_state("networkidle")
                if name != "themes.png":
                    page.screenshot(path=str(out / name), full_page=True)
                else:
                    # The themes page runs to many screens of quotes: from the chart's
                    # heading down, the labels and the first themes' figures and quotes.
                    page.wait_for_selector(".govuk-summary-card", timeout=300000)
                    top = page.locator("figure.app-chart").first.bounding_box()["y"]
                    clip = {"x": 0, "y": max(0, top - 20), "width": 1280, "height": 1500}
                    page.screenshot(path=str(out / name), full_page=True, clip=clip)
                print(f"Saved {out / name}")
            browser.close()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
