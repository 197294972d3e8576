""" "What you told us": the endorsed self-assessment shared with all staff, no sign-in.

Shown only once the PSW has published an endorsed version. The areas, judgements and words
come from that version's frozen snapshot, so they carry the same suppression as the report;
quotes appear only where the PSW chose them as evidence (each already passed its quote rule).
The action plan is read live, so staff see each action's status as it progresses.
"""

from flask import Blueprint, abort, render_template
from sqlalchemy import select

from analysis.evidence_text import without_placeholder_quotes

from ..auth.access import public
from ..extensions import db
from ..models import Cycle
from ..reports import action_plan, assessment
from ..reports.snapshot import evidence_side

bp = Blueprint("shared", __name__, url_prefix="/what-you-told-us")

QUOTE_KINDS = ("Theme", "Focus group")


def published_cycle(slug: str):
    cycle = db.session.scalar(select(Cycle).where(Cycle.slug == slug))
    version = assessment.published_version(cycle) if cycle else None
    return cycle, version


def staff_view(cycle: Cycle, snapshot: dict) -> dict:
    """Areas with "What is working" and "What needs to improve", each with the chosen quotes
    on its side (``evidence_side``: a theme by its mood), "Also said" for quotes that take no
    side, and "We will" (live actions)."""
    actions = action_plan.actions_for(cycle)
    areas = []
    for area in snapshot["areas"]:
        said = [line.strip() for line in area["improvements"].splitlines() if line.strip()]
        # A version frozen before the staff quote rule may hold a placeholder quote: not shown.
        quotes = {"positive": [], "negative": [], None: []}
        for e in area["evidence"]:
            text = without_placeholder_quotes(e["text"]) if e.get("kind") in QUOTE_KINDS else ""
            if "“" in text:
                quotes[evidence_side(e)].append(text)
        areas.append(
            {
                **area,
                "said": said,
                "quotes": quotes["negative"],
                "strength_quotes": quotes["positive"],
                "other_quotes": quotes[None],
                "strength_lines": [
                    line.strip() for line in area["strengths"].splitlines() if line.strip()
                ],
                "actions": [a for a in actions if a.area == area["id"]],
            }
        )
    return {"areas": areas}


@bp.get("/<slug>")
@public
def what_you_told_us(slug):
    from datetime import date

    cycle, version = published_cycle(slug)
    if version is None:
        abort(404)
    snap = assessment.snapshot_of(version)
    return render_template(
        "shared/what_you_told_us.html",
        cycle=cycle,
        version=version,
        s=snap,
        view=staff_view(cycle, snap),
        today=date.today(),
    )


@bp.app_template_global()
def told_us_link(cycle) -> dict | None:
    """For a survey's start page: the last published "What you told us" before this cycle.

    ``cycle`` may be the survey's detached copy (healthcheck.survey.public_cycles.CycleInfo)."""
    from ..reports.action_plan import previous_cycle

    cycle = db.session.get(Cycle, cycle.id)
    if cycle is None:
        return None
    before = previous_cycle(cycle)
    while before is not None:
        if assessment.published_version(before) is not None:
            from flask import url_for

            return {"href": url_for("shared.what_you_told_us", slug=before.slug), "cycle": before}
        before = previous_cycle(before)
    return None
