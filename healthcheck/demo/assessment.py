"""Demo self-assessment for last year's (closed) cycle, written as a Principal Social Worker
would write it with the tool: the analysis's proposals inserted (the area's rationale, its
green questions as strengths, its weakest as improvements) under a line of the PSW's own
judgement per area, and evidence ticked from what the analysis offers (a question's figures,
a theme with a quote, a focus-group quote and note, an organisation's figure). Then
submitted, endorsed by the demo endorser and published on "What you told us".

The snapshot is taken five weeks after the survey closed and endorsed two weeks later, as a
real cycle would be (not on the day the demo is seeded), so the report's dates and its
"Overdue" flags read as they would have then. Everything is labelled "(demo)". Idempotent:
nothing is added once a version exists.
"""

from datetime import datetime, time, timedelta

from sqlalchemy import select

from analysis.theme_mood import MOOD_SIDES

from ..models import (
    AreaAssessment,
    AreaAssessmentRevision,
    AssessmentVersion,
    Cycle,
    SelfAssessment,
    User,
)

# Area: (the PSW's judgement, why, the PSW's own strength, the PSW's own improvement). Each
# agrees with the area's figures beside it in the report: a strength names nothing the survey
# rates red (tests/demo/test_demo_assessment.py), an improvement from a low base is said to be
# one, and a judgement kept above the organisation's missed targets says why.
JUDGEMENTS = {
    "workload": (
        "red",
        "Caseloads are still too high in the long-term teams, and the organisation's figures "
        "agree: caseloads, the allocation waiting list, vacancies and agency staff all miss "
        "their targets. Only about one in seven staff find work allocated fairly (demo).",
        "Teams cover for each other when colleagues are off, and the weekly team meeting lets "
        "everyone see each other's caseload (demo).",
        "Caseloads and the allocation waiting list are well above target (demo).\n"
        "Most staff do not find work allocated fairly: complex cases land with the same "
        "experienced workers (demo).",
    ),
    "workflow": (
        "amber",
        "Hand-offs between the hospital and community teams lose information too often, and "
        "funding panel delays hold cases open; assessments within 28 days and delayed "
        "discharges both miss their targets (demo).",
        "Joint working with health colleagues, district nurses especially, keeps cases moving "
        "(demo).",
        "Funding panel delays keep people waiting in hospital (demo).",
    ),
    "tools": (
        "amber",
        "The area improved more than any other on the year before, but from a low base: it is "
        "only just above red, and few staff find access to IT or office space adequate. IT "
        "helpdesk times and laptop replacement both miss their targets (demo).",
        "Staff can get management advice when they need it (demo).",
        "Access to IT and to a quiet room for calls (demo).",
    ),
    "workplace": (
        "green",
        "Supervision and peer support are valued by most; appraisal feels like a tick box to "
        "some. The organisation's figures miss all three targets (supervision compliance 81% "
        "against 90%, appraisals 83% against 95%, sickness 12.4 days per worker against 9): "
        "the judgement rests on what staff say, and sickness absence needs watching (demo).",
        "Supervision makes a real difference to staff and to their work (demo).",
        "Supervision is too often moved at short notice (demo).",
    ),
    "delivery": (
        "green",
        "Staff reflect on their practice and take responsibility for solutions; waits for "
        "commissioned services still hold cases open. Mandatory training and AMHP response "
        "times just miss their targets (demo).",
        "Staff rate the service they deliver highly (demo).",
        "Waits for commissioned services (demo).",
    ),
}
# Days after the survey closed: the snapshot (submission), then the endorsement.
SUBMITTED_AFTER = timedelta(weeks=5)
ENDORSED_AFTER = timedelta(weeks=7)
DRAFTED_BEFORE = timedelta(days=3)
PROPOSED_LINES = 2


def _lines(own: str, proposed: list[str]) -> str:
    """The PSW's own line first (the executive summary takes it), then the proposals that
    rest on a survey figure (theme lines are left to the evidence)."""
    figures = [line for line in proposed if line.startswith("Survey: ")][:PROPOSED_LINES]
    return "\n".join([own, *figures])


def _evidence(options: list[dict], proposed_ids: set[str], rating: str) -> list[dict]:
    """One of each kind the board reads: the proposed questions' figures, a theme with a
    quote (a negative one behind a red or amber judgement, a positive one behind green), a
    focus-group quote, a focus-group note and the organisation's worst figure."""
    chosen = [o for o in options if o["id"] in proposed_ids]
    themes = [o for o in options if o["kind"] == "Theme" and ": “" in o["text"]]
    side = "positive" if rating == "green" else "negative"
    moods = tuple(f"({m.lower()})" for m, s in MOOD_SIDES.items() if s == side)
    themes.sort(key=lambda o: not any(m in o["text"] for m in moods))
    quotes = [o for o in options if o["id"].startswith("fq:")]
    notes = [o for o in options if o["id"].startswith("fn:")]
    metrics = [o for o in options if o["id"].startswith("m:")]
    metrics.sort(key=lambda o: "(Target missed)" not in o["text"])
    for group in (themes, quotes, notes, metrics):
        chosen += group[:1]
    return chosen


def seed(session, rng) -> list[str]:
    from ..reports import assessment
    from ..reports.area_evidence import (
        area_proposals,
        area_view,
        evidence_options,
        focus_group_words,
    )
    from ..reports.snapshot import build_snapshot
    from ..results import run_analysis
    from ..results.compute import previous_cycle

    cycle = session.scalar(select(Cycle).where(Cycle.slug == "demo-last-year"))
    psw = session.scalar(select(User).where(User.email == "psw@demo.example"))
    endorser = session.scalar(select(User).where(User.email == "endorser@demo.example"))
    if cycle is None or psw is None or endorser is None:
        return []
    if session.scalar(select(AssessmentVersion.id).where(AssessmentVersion.cycle_id == cycle.id)):
        return []
    # The year before first: this year's themes say which of its own themes each matches.
    earlier = previous_cycle(cycle)
    if earlier is not None:
        run_analysis(earlier)
    result = run_analysis(cycle).result
    if not result:
        return []
    words = focus_group_words(cycle)
    for area_id, (rating, why, strength, improvement) in JUDGEMENTS.items():
        page = area_view(cycle, result, area_id)
        if page is None:
            continue
        proposals = area_proposals(result, page, words)
        options = evidence_options(result, page, words)
        assessment.save_area(
            cycle,
            area_id,
            rating=rating,
            # The report's judgement box gives the survey's figures; the PSW's words say why.
            rationale=why,
            strengths=_lines(strength, proposals["strengths"]),
            improvements=_lines(improvement, proposals["improvements"]),
            evidence=_evidence(options, set(proposals["evidence"]), rating),
            user=psw,
        )
    made_on = cycle.closes_on + SUBMITTED_AFTER
    # The drafts were written in the weeks before submission, not on the day the demo was
    # seeded: the pages say when each area was saved.
    written = datetime.combine(made_on - DRAFTED_BEFORE, time(16))
    for row in session.scalars(select(AreaAssessment).where(AreaAssessment.cycle_id == cycle.id)):
        row.updated_at = written
        for revision in session.scalars(
            select(AreaAssessmentRevision).where(AreaAssessmentRevision.assessment_id == row.id)
        ):
            revision.saved_at = written
    # The overall summary too (demo/plan.py wrote it): nothing has changed since submission.
    for summary in session.scalars(
        select(SelfAssessment).where(SelfAssessment.cycle_id == cycle.id)
    ):
        summary.updated_at = written
    version = assessment.submit(cycle, build_snapshot(cycle, result, made_on), psw)
    assessment.endorse(version, endorser, "Agreed at the senior leadership team (demo).")
    assessment.publish(version, psw)
    version.submitted_at = datetime.combine(made_on, time(10))
    version.decided_at = datetime.combine(cycle.closes_on + ENDORSED_AFTER, time(15))
    version.published_at = version.decided_at + timedelta(days=1)
    session.commit()
    return [
        f"Demo self-assessment: {cycle.name}, endorsed and published at "
        f"/what-you-told-us/{cycle.slug}"
    ]
