"""The response rate: responses per day and by job role, against the cycle's headcount.

Anonymity: responses carry a date only, so days are the finest grain. Per-role figures follow
the same rule as every other breakdown (analysis.suppression): a role with fewer than
MIN_GROUP_SIZE responses is withheld, and further roles are withheld while the withheld ones
could be worked out from the total by subtraction. Daily counts are shown for everyone together
only, never by role, so a day cannot be tied to a role.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from flask import current_app

from analysis.suppression import plan_suppression

from ..models import Cycle
from .rows import cycle_instrument, response_dates

NOT_STATED = "not_stated"
NOT_STATED_LABEL = "Not stated"


def _pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def response_rate(cycle: Cycle, today: date | None = None, min_group: int | None = None) -> dict:
    """Response counts for the cycle: overall, per day and by role (suppressed), as a dict.

    {"responses", "headcount", "rate_pct", "min_group",
     "days": [{"date": "YYYY-MM-DD", "responses", "cumulative"}, ...] (every day from opening
         to today or closing, whichever is first, including days with none),
     "roles": [{"code", "label", "headcount", "responses", "rate_pct", "suppressed"}, ...]
         (responses and rate_pct None when suppressed),
     "suppressed_note": text or None}
    """
    min_group = min_group or current_app.config["MIN_GROUP_SIZE"]
    instrument = cycle_instrument(cycle)
    dates = response_dates(cycle)
    total = len(dates)
    headcounts = {h.role: h.headcount for h in cycle.headcounts}
    total_headcount = sum(headcounts.values())

    per_day = Counter(day for day, _ in dates)
    end = min(cycle.closes_on, today or date.today())
    start = cycle.opens_on
    if per_day:
        start = min(start, min(per_day))
        end = max(end, max(per_day))
    days, running, day = [], 0, start
    while day <= end:
        running += per_day.get(day, 0)
        days.append(
            {"date": day.isoformat(), "responses": per_day.get(day, 0), "cumulative": running}
        )
        day += timedelta(days=1)

    role_question = instrument.question("about_role")
    labels = {
        o.code: o.label
        for o in role_question.options
        if o.code != "prefer_not_to_say" and o.scored is not False
    }
    codes = [role if role in labels else NOT_STATED for _, role in dates]
    counts = Counter(codes)
    plan = plan_suppression({"role": codes}, min_group) if codes else None
    roles = []
    order = list(labels) + [r for r in headcounts if r not in labels] + [NOT_STATED]
    any_suppressed = False
    for code in order:
        n = counts.get(code, 0)
        headcount = headcounts.get(code)
        if n == 0 and headcount is None:
            continue
        shown = plan is not None and plan.total and plan.shows("role", code)
        if n == 0:
            shown = True  # nobody in the role answered: there is no one to protect
        any_suppressed |= not shown
        roles.append(
            {
                "code": code,
                "label": labels.get(code, NOT_STATED_LABEL if code == NOT_STATED else code),
                "headcount": headcount,
                "responses": n if shown else None,
                "rate_pct": _pct(n, headcount) if shown and headcount else None,
                "suppressed": not shown,
            }
        )
    note = None
    if any_suppressed:
        note = (
            f"Figures for roles with fewer than {min_group} responses are not shown, nor are "
            "the figures that would let them be worked out from the total."
        )
    return {
        "responses": total,
        "headcount": total_headcount,
        "rate_pct": _pct(total, total_headcount),
        "min_group": min_group,
        "days": days,
        "roles": roles,
        "suppressed_note": note,
    }


def summary(cycle: Cycle) -> dict[str, Any]:
    """The short form for the analysis result: totals and roles, no daily series."""
    full = response_rate(cycle)
    return {k: v for k, v in full.items() if k != "days"}
