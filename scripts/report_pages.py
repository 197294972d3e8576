"""Page images of the demo's endorsed self-assessment report, for the README.

    .venv/bin/python scripts/report_pages.py [--out docs/screenshots] [--pdf report.pdf]

Seeds the demo into a temporary SQLite database, makes the PDF of last year's endorsed
version (as the "PDF" link on the self-assessment page does) and turns its pages into PNGs
with pdftoppm (poppler): report-page-1.png (cover), report-page-2.png (executive summary),
report-page-3.png (the first area) and the action plan page.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--pdf", default=None, help="also keep the PDF here")
    parser.add_argument("--snapshot", default=None, help="also keep the version's snapshot here")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from sqlalchemy import select

    from healthcheck import create_app
    from healthcheck.demo import seed_demo
    from healthcheck.models import AssessmentVersion
    from healthcheck.reports.assessment_views import version_pdf
    from tests.support.databases import SqliteFactory

    url = SqliteFactory(Path(tempfile.mkdtemp(prefix="report-pages-"))).new()
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    from healthcheck.extensions import db

    with app.app_context():  # seeding writes: not inside a (GET) request
        seed_demo()
    with app.app_context(), app.test_request_context():
        version = db.session.scalar(select(AssessmentVersion).order_by(AssessmentVersion.id))
        pdf = version_pdf(version)
        if args.snapshot:
            Path(args.snapshot).write_text(version.snapshot, encoding="utf-8")
    work = Path(tempfile.mkdtemp(prefix="report-png-"))
    (work / "report.pdf").write_bytes(pdf)
    if args.pdf:
        Path(args.pdf).write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(work / "report.pdf"), str(work / "page")], check=True
    )
    pages = sorted(work.glob("page-*.png"))
    text = subprocess.run(
        ["pdftotext", "-layout", str(work / "report.pdf"), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout.split("\f")
    plan_page = next(
        (i for i, t in enumerate(text) if "Action plan" in t and i > 2), len(pages) - 1
    )
    wanted = {1: "report-page-1.png", 2: "report-page-2.png", 3: "report-page-3.png"}
    wanted[plan_page + 1] = "report-plan.png"
    for number, name in wanted.items():
        if number <= len(pages):
            (out / name).write_bytes(pages[number - 1].read_bytes())
            print(out / name)
    print(f"{len(pages)} pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
