"""Demo self-assessment for last year's (closed) cycle: all five areas written from the
analysis's proposals, submitted, endorsed by the demo endorser and published on "What you
told us". Everything is labelled "(demo)". Idempotent: nothing is added once a version exists.
"""

from sqlalchemy import select

from ..models import AssessmentVersion, Cycle, User

JUDGEMENTS = {
    "workload": ("amber", "Caseloads are still felt to be high in the long-term teams (demo)."),
    "workflow": ("amber", "Hand-offs between teams lose information too often (demo)."),
    "tools": ("amber", "Laptops are better; transport and quiet space are not (demo)."),
    "workplace": ("green", "Supervision and peer support are valued by most (demo)."),
    "delivery": ("amber", "Waits for commissioned services hold cases open (demo)."),
}


def seed(session, rng) -> list[str]:
    from ..reports import assessment
    from ..reports import dashboard as data
    from ..reports.snapshot import (
        area_proposals,
        build_snapshot,
        evidence_options,
        focus_group_words,
        label_items,
    )
    from ..results import run_analysis

    cycle = session.scalar(select(Cycle).where(Cycle.slug == "demo-last-year"))
    psw = session.scalar(select(User).where(User.email == "psw@demo.example"))
    endorser = session.scalar(select(User).where(User.email == "endorser@demo.example"))
    if cycle is None or psw is None or endorser is None:
        return []
    if session.scalar(select(AssessmentVersion.id).where(AssessmentVersion.cycle_id == cycle.id)):
        return []
    result = run_analysis(cycle).result
    if not result:
        return []
    words = focus_group_words(cycle)
    for area_id, (rating, why) in JUDGEMENTS.items():
        page = data.area_page(result, area_id)
        if page is None:
            continue
        label_items(cycle, page)
        proposals = area_proposals(result, page, words)
        options = evidence_options(result, page, words)
        chosen = [o for o in options if o["kind"] != "Survey"][:3] + [
            o for o in options if o["kind"] == "Survey"
        ][:1]
        assessment.save_area(
            cycle,
            area_id,
            rating=rating,
            rationale=f"{why}\n{proposals['rationale']}",
            strengths="\n".join(proposals["strengths"][:2]) or "None stood out (demo).",
            improvements="\n".join(proposals["improvements"][:2]) or "None stood out (demo).",
            evidence=chosen,
            user=psw,
        )
    version = assessment.submit(cycle, build_snapshot(cycle, result, cycle.closes_on), psw)
    assessment.endorse(version, endorser, "Agreed at the senior leadership team (demo).")
    assessment.publish(version, psw)
    return [
        f"Demo self-assessment: {cycle.name}, endorsed and published at "
        f"/what-you-told-us/{cycle.slug}"
    ]
