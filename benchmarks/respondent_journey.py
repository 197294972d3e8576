"""Benchmark: one scripted respondent answers the whole survey on a phone-sized screen.

    python benchmarks/respondent_journey.py [--repo PATH] [--label NAME] [--runs 5]
                                            [--results benchmarks/results/respondent_journey.md]

The app of the checkout at ``--repo`` (default: this one; run it once with ``--repo
/work/main`` for the code before a change) is served from that checkout's own virtual
environment, on a fresh SQLite database holding one open cycle. Headless Chromium (this
checkout's Playwright) with a 390 x 844 viewport then plays a respondent who answers everything:
on every page it picks the second option of every radio group (so an "About you" page makes them
an occupational therapist), ticks the first box of every checkbox group, writes a short comment
("Fine, thanks.") in every text box, and presses Continue until "Check your answers", where it
sends (confirming if asked). It knows nothing of the instrument, so the same script runs before
and after a change.

Measured per run: the seconds from the start page to the confirmation, the number of pages
shown, and the total height of those pages at 390 px (document.scrollHeight, summed). The
median of ``--runs`` runs is appended to the results file as one table row.
"""

from __future__ import annotations

import argparse
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "benchmarks" / "results" / "respondent_journey.md"
SLUG = "bench-respondent"
VIEWPORT = {"width": 390, "height": 844}
COMMENT = "Fine, thanks."
MAX_PAGES = 40

# Run by the other checkout's own Python, in that checkout: migrate, add the cycle, serve.
SERVER = """
import sys
from datetime import date
from werkzeug.serving import make_server
from healthcheck import create_app
from healthcheck.extensions import db
from healthcheck.survey.cycles import create_cycle, open_cycle

url, port, slug = sys.argv[1], int(sys.argv[2]), sys.argv[3]
from flask_migrate import upgrade

app = create_app({"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False})
with app.app_context():
    upgrade()
    today = date.today()
    opens, closes = date(today.year - 1, 1, 1), date(today.year + 1, 12, 31)
    cycle = create_cycle(name="Respondent benchmark", slug=slug, opens_on=opens, closes_on=closes)
    open_cycle(cycle)
    db.session.remove()
print("ready", flush=True)
make_server("127.0.0.1", port, app, threaded=True).serve_forever()
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(repo: Path, folder: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    url = f"sqlite:///{folder}/bench.db"
    env = {**os.environ, "HEALTHCHECK_ENV": "testing", "PYTHONPATH": str(repo)}
    python = repo / ".venv" / "bin" / "python"
    proc = subprocess.Popen(  # nosec B603: our own script, our own checkout
        [str(python), "-c", SERVER, url, str(port), SLUG],
        cwd=str(repo),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    line = proc.stdout.readline()
    if line.strip() != "ready":
        proc.kill()
        raise SystemExit(f"the server in {repo} did not start")
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    return proc, base


ANSWER_PAGE = """(comment) => {
  const form = document.querySelector('main form');
  if (!form) return 0;
  const radios = {};
  for (const r of form.querySelectorAll('input[type=radio]')) (radios[r.name] ||= []).push(r);
  for (const group of Object.values(radios)) (group[1] || group[0]).click();
  const boxes = {};
  for (const c of form.querySelectorAll('input[type=checkbox]')) (boxes[c.name] ||= []).push(c);
  for (const group of Object.values(boxes)) if (!group[0].checked) group[0].click();
  let texts = 0;
  for (const t of form.querySelectorAll('textarea')) { t.value = comment; texts++; }
  return Object.keys(radios).length + Object.keys(boxes).length + texts;
}"""


def one_run(browser, base: str) -> dict:
    context = browser.new_context(base_url=base, viewport=VIEWPORT)
    page = context.new_page()
    pages, height = 0, 0

    def shown():
        nonlocal pages, height
        pages += 1
        height += page.evaluate("document.documentElement.scrollHeight")

    started = time.perf_counter()
    page.goto(f"/survey/{SLUG}")
    shown()
    with page.expect_navigation():
        page.get_by_role("button", name="Start now").click()
    for _ in range(MAX_PAGES):
        shown()
        if page.url.endswith("/confirmation"):
            break
        if "/check-answers" in page.url:
            confirm = page.locator("input[name=confirm_unanswered]")
            if confirm.count():
                confirm.first.check()
            with page.expect_navigation():
                page.get_by_role("button", name="Send my answers").click()
            continue
        page.evaluate(ANSWER_PAGE, COMMENT)
        with page.expect_navigation():
            page.locator("main form button[value=continue]").first.click()
    else:
        raise SystemExit(f"no confirmation after {MAX_PAGES} pages (at {page.url})")
    seconds = time.perf_counter() - started
    context.close()
    return {"seconds": seconds, "pages": pages, "height": height}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", type=Path, default=ROOT)
    parser.add_argument("--label", default=None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    from tests.support.browser import CHROMIUM_ARGS, chromium_path

    repo = args.repo.resolve()
    label = args.label or repo.name
    with tempfile.TemporaryDirectory(prefix="hc-respondent-") as folder:
        proc, base = serve(repo, folder)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
                )
                one_run(browser, base)  # warm-up: caches and the first page render
                runs = [one_run(browser, base) for _ in range(args.runs)]
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    seconds = statistics.median(r["seconds"] for r in runs)
    pages = statistics.median(r["pages"] for r in runs)
    height = statistics.median(r["height"] for r in runs)
    row = (
        f"| {label} | {date.today().isoformat()} | {seconds:.2f} | {pages:g} | {height:,.0f} "
        f"| {height / pages:,.0f} | {os.getloadavg()[0]:.1f} |"
    )
    print(row)
    if not args.results.exists():
        args.results.write_text(
            "# A scripted respondent on a phone-sized screen\n\n"
            f"`python benchmarks/respondent_journey.py --repo PATH --label NAME` "
            f"({platform.python_version()}, headless Chromium, viewport 390 x 844). Each row: "
            f"median of {args.runs} runs after a warm-up; the respondent answers every question "
            "on every page (short comments in every box) and sends. Time: start page to "
            "confirmation, server and browser on the same machine. Height: the pages' "
            "scrollHeight at 390 px, summed.\n\n"
            "| code | date | median seconds | pages | total height px | px per page "
            "| load average |\n|---|---|---:|---:|---:|---:|---:|\n"
        )
    with args.results.open("a") as out:
        out.write(row + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
