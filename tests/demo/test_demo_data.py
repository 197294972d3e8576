"""The demo: realistic, suppression-exercising, and safe to seed twice."""

import json
import re
from collections import Counter

from sqlalchemy import func, select

from healthcheck.demo import seed_demo
from healthcheck.models import Answer, Cycle, Metric, Response
from healthcheck.results import cycle_rows


def _counts(db):
    return {
        model.__name__: db.session.scalar(select(func.count()).select_from(model))
        for model in (Cycle, Response, Answer, Metric)
    }


def _cycle(db, slug):
    return db.session.scalar(select(Cycle).where(Cycle.slug == slug))


def test_seeding_twice_leaves_the_same_counts(app, db):
    seed_demo()
    first = _counts(db)
    seed_demo()
    assert _counts(db) == first
    assert first["Response"] == 442 + 300 and first["Metric"] >= 20  # + two years ago


def test_demo_responses_tell_a_story_and_exercise_suppression(app, db):
    from healthcheck.results import get_analysis

    seed_demo()
    last, this = _cycle(db, "demo-last-year"), _cycle(db, "demo-this-year")
    rows = cycle_rows(last)
    assert len(rows) == 352
    teams = Counter(r["about_team"] for r in rows)
    assert 0 < teams["safeguarding"] < 5 and 0 < teams["other"] < 5
    texts = [r[c] for r in rows for c in ("Q2", "Q6", "Q13") if r[c]]
    assert len(set(texts)) > 100
    assert any("07700 900123" in t for r in rows for t in r.values())
    dates = {r.submitted_on for r in db.session.scalars(select(Response))}
    assert len(dates) > 20 and all(d <= this.closes_on for d in dates)

    result = get_analysis(this).result
    rag = {a["id"]: a["rag"] for a in result["scores"]["areas"]}
    assert rag["workload"] == "red" and rag["workplace"] == "green"
    assert rag["tools"] == "amber"
    change = {a["id"]: a["change"] for a in result["yoy"]["areas"]}
    assert change["workload"] > 0 and change["tools"] > 0
    quotes = [q["text"] for t in result["themes"]["themes"] for q in t["quotes"]]
    assert not any("07700" in q or "123456" in q for q in quotes)


def test_the_demo_cycles_sit_in_january_to_march_and_the_open_one_can_be_tried(app, db):
    from datetime import date

    from healthcheck.demo.cycles import demo_year
    from healthcheck.survey.public_cycles import survey_state

    seed_demo()
    for slug in ("demo-this-year", "demo-last-year"):
        cycle = _cycle(db, slug)
        assert (cycle.opens_on.month, cycle.closes_on.month) == (1, 3), slug
    this = _cycle(db, "demo-this-year")
    assert this.opens_on.year == _cycle(db, "demo-last-year").opens_on.year + 1
    # Open all year round, being the demo, though its dates are January to March.
    for day in (date(this.opens_on.year, 2, 1), date(this.opens_on.year, 11, 30)):
        assert survey_state(this, today=day) == "open"
    dates = {r.submitted_on for r in db.session.scalars(select(Response)) if r.cycle_id == this.id}
    assert min(dates) >= this.opens_on and (max(dates) - this.opens_on).days < 14
    assert (demo_year(date(2027, 1, 10)), demo_year(date(2027, 1, 19))) == (2026, 2027)


def test_demo_respondents_answer_only_what_the_survey_asks_their_role(app, db):
    seed_demo()
    rows = cycle_rows(_cycle(db, "demo-last-year"))
    ots = [r for r in rows if r["about_role"] == "occupational_therapist"]
    social_workers = [r for r in rows if r["about_role"] == "social_worker"]
    assert ots and social_workers
    assert not any(r["Q22"] or r["Q20"] for r in ots) and any(r["Q21"] for r in ots)
    assert not any(r["Q21"] for r in social_workers) and any(r["Q22"] for r in social_workers)


def test_the_closed_demo_cycle_has_an_endorsed_published_self_assessment(app, db):
    from healthcheck.models import AreaAssessment, AssessmentVersion, SelfAssessment

    seed_demo()
    seed_demo()  # idempotent: still one version
    last = _cycle(db, "demo-last-year")
    versions = list(db.session.scalars(select(AssessmentVersion)))
    assert [(v.cycle_id, v.status, v.endorser_name) for v in versions] == [
        (last.id, "endorsed", "Jordan Blake (demo)")
    ]
    assert versions[0].published_at is not None
    drafts = list(db.session.scalars(select(AreaAssessment)))
    assert len(drafts) == 5 and all(d.rating and d.strengths and d.evidence for d in drafts)
    # Written before it was submitted, not on the day the demo was seeded: the overall
    # summary too, so the PSW's page says nothing needs submitting again.
    assert all(d.updated_at < versions[0].submitted_at for d in drafts)
    summary = db.session.scalar(select(SelfAssessment).where(SelfAssessment.cycle_id == last.id))
    assert summary.updated_at < versions[0].submitted_at

    # What a board reads: a real change on the year before, short titles, strengths by the
    # one rule, an overdue action carried from the year before, and the PSW's own dates.
    snap = json.loads(versions[0].snapshot)
    assert snap["compared_with"] == _cycle(db, "demo-two-years-ago").name
    change = {a["id"]: a["change"] for a in snap["areas"]}
    assert None not in change.values()
    assert change["workload"] < 0 and change["tools"] > 0
    assert "…" not in versions[0].snapshot
    for area in snap["areas"]:
        assert area["judgement"]["rating_text"] == area["computed_rating"], area["id"]
        for line in area["strengths"].splitlines():
            score = re.search(r"\(score (\d+\.\d) out of 100", line)
            assert score is None or float(score.group(1)) >= 70, line
    carried = [a for a in snap["actions"] if a["carried"]]
    assert carried and all(a["overdue"] for a in carried)
    assert versions[0].decided_at.date() < last.closes_on.replace(year=last.closes_on.year + 1)
    page = app.test_client().get("/what-you-told-us/demo-last-year").get_data(as_text=True)
    assert "What you told us" in page and "(demo)" in page
    start = app.test_client().get("/survey/demo-this-year").get_data(as_text=True)
    assert "/what-you-told-us/demo-last-year" in start


def test_every_demo_role_and_team_has_more_staff_than_responses(app, db):
    """The demo shows no "more responses than the headcount" warning: its headcounts fit its
    responses (review 2, finding 6: the reablement team had 45 responses from 40 staff)."""
    from healthcheck.results import response_rate

    seed_demo()
    for slug in ("demo-this-year", "demo-last-year", "demo-two-years-ago"):
        rate = response_rate(_cycle(db, slug))
        over = [
            g["label"]
            for g in rate["roles"] + rate["teams"]
            if g["rate_status"] == "over_headcount"
            or (g["responses"] or 0) > (g["headcount"] or 10**6)
        ]
        assert over == [] and rate["rate_left_out"] == [] and not rate["over_headcount"], slug
        assert 0 < rate["rate_pct"] <= 100
