"""The response rate: responses per day and by job role, against the cycle's headcount.

Anonymity: responses carry a date only, so days are the finest grain. Per-role figures follow
the same rule as every other breakdown (analysis.suppression): a role with fewer than
MIN_GROUP_SIZE responses is withheld, and further roles are withheld while the withheld ones
could be worked out from the total by subtraction. Daily counts are shown for everyone together
only, never by role, so a day cannot be tied to a role.

A rate is never over 100%: a group with more responses than its headcount has a wrong headcount,
so its rate is not given (``rate_status`` "over_headcount"). A group with no headcount has
"no_headcount": nothing is withheld there, there is nothing to divide by.

The total rate is taken only over the headcounts it can use: a role with more responses than its
headcount, or with responses and no headcount, is left out of both sides, and every page, the
PDF and the Quality Report extract say so in the same words (``rate_wording``: "64.7% of 535
staff, excluding 1 role with no headcount"). Responses whose role is not stated, or whose role
is withheld as a small group, stay in: leaving a withheld role out would let its count be
worked out from the rate.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from flask import current_app

from analysis.suppression import published_groups

from ..models import Cycle
from .rows import response_dates, response_teams

NOT_STATED = "not_stated"
NOT_STATED_LABEL = "Not stated"


def _pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _labels(instrument, question_id: str) -> dict[str, str]:
    try:
        question = instrument.question(question_id)
    except KeyError:
        return {}
    return {
        o.code: o.label
        for o in question.options
        if o.code != "prefer_not_to_say" and o.scored is not False
    }


# Why a role is left out of the total rate, as the wording says it (one role, several roles).
LEFT_OUT_WORDS = {
    "over_headcount": (
        "with more responses than its headcount",
        "with more responses than their headcounts",
    ),
    "no_headcount": ("with no headcount", "with no headcount"),
}


def rate_exclusions(figures: Mapping[str, Any]) -> str:
    """What the total rate leaves out, in words ("excluding 1 role with no headcount"), or ""."""
    excludes = figures.get("rate_excludes") or {}
    parts = []
    for why, (one, several) in LEFT_OUT_WORDS.items():
        n = excludes.get(why) or 0
        if n:
            parts.append(f"1 role {one}" if n == 1 else f"{n} roles {several}")
    return f"excluding {' and '.join(parts)}" if parts else ""


def rate_wording(figures: Mapping[str, Any]) -> str | None:
    """The total rate over the headcount it was taken over, and what it leaves out: "43.4% of
    950 staff", "64.7% of 535 staff, excluding 1 role with no headcount"; None with no rate.

    ``figures`` is ``response_rate``'s dict or the copy a report snapshot keeps. A snapshot made
    before the rate said what it left out has no ``rate_headcount``: its whole headcount is the
    one it used."""
    if figures.get("rate_pct") is None:
        return None
    headcount = figures.get("rate_headcount", figures.get("headcount"))
    excluding = rate_exclusions(figures)
    return f"{figures['rate_pct']}% of {headcount} staff" + (f", {excluding}" if excluding else "")


def team_headcounts(cycle: Cycle) -> dict[str, int]:
    """Headcounts by team, where the cycle records them (rates by team need them)."""
    teams = getattr(cycle, "team_headcounts", None) or ()
    return {h.team: h.headcount for h in teams}


def _rate_status(shown: bool, responses: int, headcount: int | None) -> str:
    """Why a group's rate is or is not given: "shown", "withheld" (small group),
    "no_headcount" or "over_headcount" (more responses than staff: the headcount is wrong)."""
    if not headcount:
        return "no_headcount"
    if not shown:
        return "withheld"
    return "over_headcount" if responses > headcount else "shown"


def _left_out_of_rate(role: dict) -> bool:
    """Whether a role is left out of the total rate: shown, with responses, and with more
    responses than its headcount or no headcount. "Not stated" is no role and stays in."""
    if role["suppressed"] or not role["responses"] or role["code"] == NOT_STATED:
        return False
    return role["rate_status"] in LEFT_OUT_WORDS


def _breakdown(
    answers: list[str], labels: dict, headcounts: dict, min_group: int
) -> tuple[list[dict], bool]:
    """Responses (and rate, where the headcount is known) per group of one about-you
    question, as analysis.suppression.published_groups allows: fewer than ``min_group`` is
    withheld, and so is any group that would let a withheld one be worked out from the total."""
    codes = [code if code in labels else NOT_STATED for code in answers]
    counts = Counter(codes)
    published = published_groups(codes, min_group)
    rows = []
    order = list(labels) + [c for c in headcounts if c not in labels] + [NOT_STATED]
    any_suppressed = False
    for code in order:
        n = counts.get(code, 0)
        headcount = headcounts.get(code)
        if n == 0 and headcount is None:
            continue
        # A group nobody in which answered has no one to protect.
        shown = n == 0 or code in published
        any_suppressed |= not shown
        status = _rate_status(shown, n, headcount)
        rows.append(
            {
                "code": code,
                "label": labels.get(code, NOT_STATED_LABEL if code == NOT_STATED else code),
                "headcount": headcount,
                "responses": n if shown else None,
                "rate_pct": _pct(n, headcount) if status == "shown" else None,
                "rate_status": status,
                "suppressed": not shown,
            }
        )
    return rows, any_suppressed


def response_rate(cycle: Cycle, today: date | None = None, min_group: int | None = None) -> dict:
    """Response counts for the cycle: overall, per day and by role (suppressed), as a dict.

    {"responses", "headcount", "rate_pct", "min_group",
     "days": [{"date": "YYYY-MM-DD", "responses", "cumulative"}, ...] (every day from opening
         to today or closing, whichever is first, including days with none),
     "roles": [{"code", "label", "headcount", "responses", "rate_pct", "rate_status",
         "suppressed"}, ...] (responses and rate_pct None when suppressed; rate_pct None and
         rate_status says why when there is no headcount or more responses than it),
     "teams": the same for teams (about_team), suppressed by the same rule; a team's rate
         needs its headcount (``team_headcounts``), otherwise only its responses are shown,
     "suppressed_note": text or None,
     "rate_headcount": the headcount rate_pct is taken over (the roles left out taken off),
     "rate_left_out": labels of the roles left out of rate_pct (more responses than their
         headcount, or no headcount), "rate_excludes": {"over_headcount": n, "no_headcount": n}
         roles, "over_headcount": True when even the rest outnumber the headcount (rate_pct
         is then None)}
    """
    min_group = min_group or current_app.config["MIN_GROUP_SIZE"]
    instrument = cycle.instrument
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

    roles, roles_suppressed = _breakdown(
        [role for _, role in dates],
        _labels(instrument, "about_role"),
        headcounts,
        min_group,
    )
    teams, teams_suppressed = _breakdown(
        response_teams(cycle),
        _labels(instrument, "about_team"),
        team_headcounts(cycle),
        min_group,
    )
    note = None
    if roles_suppressed or teams_suppressed:
        note = (
            f"Figures for roles or teams with fewer than {min_group} responses are not shown, "
            "nor are the figures that would let them be worked out from the total."
        )
    left_out = [r for r in roles if _left_out_of_rate(r)]
    counted = total - sum(r["responses"] for r in left_out)
    counted_headcount = total_headcount - sum(r["headcount"] or 0 for r in left_out)
    over_headcount = counted > counted_headcount > 0
    return {
        "responses": total,
        "headcount": total_headcount,
        "rate_pct": None if over_headcount else _pct(counted, counted_headcount),
        "rate_headcount": counted_headcount,
        "rate_left_out": [r["label"] for r in left_out],
        "rate_excludes": {
            why: sum(1 for r in left_out if r["rate_status"] == why) for why in LEFT_OUT_WORDS
        },
        "over_headcount": over_headcount,
        "min_group": min_group,
        "days": days,
        "roles": roles,
        "teams": teams,
        "suppressed_note": note,
    }


def summary(cycle: Cycle) -> dict[str, Any]:
    """The short form for the analysis result: totals and roles, no daily series."""
    full = response_rate(cycle)
    return {k: v for k, v in full.items() if k != "days"}
