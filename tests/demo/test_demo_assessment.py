"""The demo's endorsed self-assessment says nothing its own figures contradict, and reads as a
board and staff would keep it (review 2, findings 1, 7 to 12 and 15)."""

import json
import re

from sqlalchemy import select

from healthcheck.demo import seed_demo
from healthcheck.models import AssessmentVersion
from healthcheck.reports.report_pdf import render_html

MISSED = ("Target missed", "Just missed")


def _words(text: str) -> set[str]:
    """Content words by their first five letters ("allocation" and "allocated" meet)."""
    return {w[:5] for w in re.findall(r"[a-z]+", text.lower()) if len(w) >= 5}


def _snapshot(db) -> dict:
    version = db.session.scalar(select(AssessmentVersion))
    return json.loads(version.snapshot)


def test_the_demo_assessment_agrees_with_its_figures_and_reads_as_people_write(app, db):
    seed_demo()
    snap = _snapshot(db)
    action_areas = {a["area"] for a in snap["actions"]}
    for area in snap["areas"]:
        name, rating = area["name"], area["judgement"]["rating_text"]
        # The judgement goes the way of the survey's rating beside it.
        assert rating == area["computed_rating"], name
        # No strength is about a question the survey rates red, nor a change from a low base.
        red = set().union(*(_words(q["label"]) for q in area["questions"] if q["rating"] == "Red"))
        for line in area["strengths"].splitlines():
            assert not _words(line) & red, f"{name}: strength {line!r} is about a red question"
            assert "improved" not in line.lower(), f"{name}: {line!r} is a change, not a strength"
        # A judgement above the organisation's missed targets says so.
        missed = [m for m in area["metrics"] if m["status"] in MISSED]
        if missed and rating != "Red":
            assert "target" in area["judgement"]["rationale"], name
        # Every area with improvements has an action in the plan.
        if area["improvements"].strip():
            assert name in action_areas, f"{name} has improvements but no action"
        # Figures are given once, in the judgement box; proposals read as sentences.
        assert "The survey score is" not in area["judgement"]["rationale"]
        for line in (area["strengths"] + "\n" + area["improvements"]).splitlines():
            assert ": score " not in line, line
        for metric in area["metrics"]:
            assert re.search(r"\b20\d\d\b", metric["period"]), metric  # the year, not "last year"

    html = render_html(snap, {"by": "Jordan Blake (demo)", "on": "2025-05-01"})
    text = re.sub(r"<[^>]+>", "", html)
    # The table of all themes says what most statements under each say, not only the
    # question's title it may be headed by: its largest parts, with their counts.
    covered = [t for t in snap["themes"] if t["covers"]]
    assert len(covered) >= 8
    for theme in covered:
        sizes = [p["size"] for p in theme["covers"]]
        assert sizes == sorted(sizes, reverse=True) and len(sizes) <= 3
        shown = "; ".join(f"{p['label']} ({p['size']})" for p in theme["covers"])
        # with how many of the theme's statements they are together: not "most" of them
        together = f"({sum(sizes)} of its {theme['size']} statements)."
        assert f"Largest parts: {shown} {together}" in re.sub(r"\s+", " ", text), theme["label"]
    assert "noise" not in text and "a real change" in text
    assert not re.search(r"\w\s+,", text), "a stray space before a comma"
    assert "118.0" not in text and ">118<" in html  # people counted without decimals
    assert "<h3>Learning and development</h3>" in html
    assert "Learning and development local authority" not in text
    assert "Overall: workload management: score" not in text
    assert "<h3>Strengths</h3><ul><li>" in html  # a bullet per strength

    page = app.test_client().get("/what-you-told-us/demo-last-year").get_data(as_text=True)
    assert "No actions for this area" not in page
    assert "govuk-caption-l" not in page  # the header already names the organisation
    assert "a survey score out of 100: the average of your answers" in page
    assert "You said" not in page and "Overall: workload management" not in page
