"""Screenshots of the dashboard for the README, taken from the seeded demo.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Seeds the demo into a temporary SQLite database, serves it on a local port, signs in as the
demo Principal Social Worker with Playwright and /usr/bin/chromium, and saves overview.png,
area.png (full pages, 1280 px wide) and themes.png (the first screen, 1280 x 900, as a
reader first sees the themes). ``--only themes.png`` retakes one of them.
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
                "themes.png": f"/reports/{cycle_id}/themes",
            }
            for name, path in shots.items():
                if args.only and name != args.only:
                    continue
                page.goto(path)
                page.wait_for_load_state("networkidle")
                # The themes page runs to many screens of quotes: its first screen shows
                # the labels a reader meets first.
                page.screenshot(path=str(out / name), full_page=name != "themes.png")
                print(f"Saved {out / name}")
            browser.close()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
