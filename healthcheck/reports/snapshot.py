"""Everything the self-assessment report shows, as one plain JSON-safe dict (the snapshot).

The PDF, the endorser's page, "What you told us" and the quarterly extract are all made from a
snapshot, never from the live tables. The draft report is a snapshot made now; an endorsed
report is the snapshot frozen when the PSW submitted it (healthcheck.reports.assessment), so
its figures, words and PDF never change afterwards. Dates are ISO text; "made_on" is the day
the snapshot was taken, and "overdue" is judged on that day, so the same snapshot always
gives the same report.

Figures come from the suppressed page data (healthcheck.reports.dashboard), so nothing here is
shown that the dashboard withholds; focus-group words come through
analysis.focus_group_evidence (its quote rule).
"""

from __future__ import annotations

import base64
import re
from datetime import date
from typing import Any

from flask import current_app

from analysis.evidence_text import (
    staff_quotable,
    without_placeholder_quotes,
    without_placeholder_sentences,
)
from analysis.organisation_metrics import status_word
from analysis.scoring import FAVOURABLE_RULE
from analysis.theme_mood import mood_side

from ..models import Cycle
from ..models.assessment import JUDGEMENTS
from ..models.plan import ACTION_STATUSES
from . import action_plan
from . import dashboard as data
from .area_evidence import (
    area_count,
    area_focus_groups,
    area_view,
    compared_with,
    focus_group_words,
    question_ids,
    report_themes,
    short_label,
)


def _logo_data_uri() -> str | None:
    from sqlalchemy import select

    from ..extensions import db
    from ..models import ReportLogo

    logo = db.session.scalar(select(ReportLogo).order_by(ReportLogo.id.desc()).limit(1))
    if logo is None:
        return None
    return f"data:{logo.content_type};base64," + base64.b64encode(logo.data).decode("ascii")


def _answer_shares(item: dict) -> tuple[list[dict], list[dict]]:
    """(scored options as shares of the scored answers, so that they agree with the score and
    % favourable; unscored answers given, such as "Not used", as shares of all answers)."""
    options = (item.get("distribution") or {}).get("options") or []
    codes = item.get("scored_codes")
    if codes is None:
        return [{"label": o["label"], "pct": o["pct"]} for o in options], []
    scored = [o for o in options if o.get("code") in codes]
    total = sum(o.get("count", 0) for o in scored)
    shares = [
        {"label": o["label"], "pct": round(100.0 * o.get("count", 0) / total, 1) if total else 0}
        for o in scored
    ]
    other = [
        {"label": o["label"], "pct": o["pct"]}
        for o in options
        if o.get("code") not in codes and o.get("count")
    ]
    return shares, other


def _question_view(item: dict) -> dict:
    shares, not_scored = _answer_shares(item)
    return {
        "id": item["id"],
        "text": item.get("text"),
        "label": short_label(item),
        "self_rated": bool(item.get("self_rated")),
        "n": item.get("n"),
        "score": item.get("score"),
        "favourable_pct": item.get("favourable_pct"),
        "rating": item["tag"]["text"],
        "options": shares,
        "not_scored": not_scored,
    }


def board_text(text: str) -> str:
    """The PSW's or an analysis's words as the board and staff read them: redacted by the one
    engine, without sentences left mostly placeholders (analysis.evidence_text)."""
    from ..focus_groups.identifiers import redacted_text

    return without_placeholder_sentences(redacted_text(text or ""))


def _evidence(draft: dict) -> list[dict]:
    out = []
    for entry in draft["evidence"]:
        # A quote ticked before the staff quote rule (analysis.evidence_text) goes, not the line.
        text = without_placeholder_quotes(board_text(entry.get("text", "")))
        if text:
            out.append({"kind": entry.get("kind", ""), "text": text})
    return out


_THEME_MOOD = re.compile(r"“[^”]*” \(([^)]+)\)")


def evidence_side(entry: dict) -> str | None:
    """The side a piece of evidence stands on, so that pages place it under the strengths
    ("positive") or the improvements ("negative"), never the other way round: a theme's
    by the side its mood takes (analysis.theme_mood.mood_side, read from the line's
    "“Label” (mostly negative)"). None for a theme that takes no side ("Mixed"), survey
    figures and focus-group words (a quote may be praise as well as a complaint)."""
    if entry.get("side") in ("positive", "negative"):
        return entry["side"]
    if entry.get("kind") != "Theme":
        return None
    match = _THEME_MOOD.match(entry.get("text") or "")
    return mood_side(match.group(1).capitalize()) if match else None


def theme_label(label: str) -> str:
    """A theme's label, or a part's, as the board and staff read it: the PSW may have
    renamed it, and what they typed goes through the one redaction engine as their other
    words do."""
    from ..focus_groups.identifiers import redacted_text

    return redacted_text(label or "")


# The report's table of all themes names this many of each theme's largest parts.
COVERS_SHOWN = 3


def all_themes(result: dict, area_names: dict) -> list[dict]:
    """Every theme as the themes page lists it (largest first), for the report's table of
    them all: each area shows only the few that speak most for it, and a theme no area
    leads (a concern staff wrote under many questions) must not be left out of the report."""
    out = []
    for t in data.filter_themes(result, {}):
        people = t.get("people") or {}
        out.append(
            {
                "label": theme_label(t["label"]),
                "size": t["size"],
                "people": people.get("n"),
                "people_of": people.get("of"),
                "sentiment": t["sentiment"],
                "counts": t.get("sentiment_counts") or {},
                "areas": [area_names.get(a, a) for a in t.get("areas") or ()],
                # What the most statements under it say (its largest parts, as the themes page's
                # "What it covers" shows them): a question's title alone is no finding.
                "covers": [
                    {"label": theme_label(p["label"]), "size": p["size"]}
                    for p in t.get("covers") or ()
                    if p["label"]
                ][:COVERS_SHOWN],
            }
        )
    return out


def _covers(theme: dict) -> list[dict]:
    """What a theme covers as the report shows it: part names redacted (``theme_label``),
    the rest ("other things", no label) as it is."""
    return [
        {"label": theme_label(c["label"]) if c["label"] else None, "size": c["size"]}
        for c in theme.get("covers") or ()
    ]


def build_snapshot(cycle: Cycle, result: dict, today: date | None = None) -> dict[str, Any]:
    """The whole report as plain data (see the module docstring)."""
    from . import assessment

    today = today or date.today()
    words = focus_group_words(cycle)
    drafts = assessment.area_assessments(cycle)
    overview = data.overview(result)
    distributions = data.distributions_for(cycle, data.analysis_for(cycle, start=False))
    areas = []
    names = {}
    for area in overview["areas"]:
        page = area_view(cycle, result, area["id"])
        names[area["id"]] = area["name"]
        for item in page["questions"]:
            item["distribution"] = distributions.get(item["id"])
        draft = assessment.content_of(drafts.get(area["id"]))
        fg = area_focus_groups(words, area["id"], question_ids(page))
        change = area.get("yoy") or {}
        areas.append(
            {
                "id": area["id"],
                "name": area["name"],
                "n": area.get("n"),
                "score": area.get("score"),
                "ci_low": area.get("ci_low"),
                "ci_high": area.get("ci_high"),
                "favourable_pct": area.get("favourable_pct"),
                "computed_rating": area["tag"]["text"],
                "change": change.get("change"),
                "change_significant": bool(change.get("significant")),
                "judgement": {
                    "rating": draft["rating"],
                    "rating_text": JUDGEMENTS.get(draft["rating"], "Not given"),
                    # The PSW's own words go through the one redaction engine too: the
                    # report goes to a board and its lines to every member of staff.
                    "rationale": board_text(draft["rationale"]),
                },
                "strengths": board_text(draft["strengths"]),
                "improvements": board_text(draft["improvements"]),
                "evidence": _evidence(draft),
                "questions": [_question_view(i) for i in page["questions"]],
                "themes": [
                    {
                        "label": theme_label(t["label"]),
                        "size": t["size"],
                        "area_size": area_count(t),
                        "sentiment": t["sentiment"],
                        "covers": _covers(t),
                        "quotes": [q["text"] for q in t["quotes"] if staff_quotable(q["text"])][:2],
                    }
                    for t in report_themes(page["themes"])
                ],
                "focus_groups": fg,
                "metrics": [
                    {
                        "name": m["name"],
                        "value": m.get("value"),
                        "target": m.get("target"),
                        "period": m.get("period"),
                        "status": status_word(m.get("status")),
                    }
                    for m in page["metrics"]
                ],
            }
        )
    actions = []
    for a in action_plan.actions_for(cycle):
        actions.append(
            {
                "area": names.get(a.area, a.area),
                "action": a.action,
                "owner": a.owner,
                "due_on": a.due_on.isoformat() if a.due_on else None,
                "status": ACTION_STATUSES.get(a.status, a.status),
                "overdue": a.is_overdue_on(today),
                "carried": bool(a.carried_from_cycle_id),
            }
        )
    rate = overview["response_rate"]
    config = current_app.config
    return {
        "format": 2,
        "organisation": config["ORGANISATION_NAME"],
        "logo": _logo_data_uri(),
        "cycle": {
            "id": cycle.id,
            "name": cycle.name,
            "slug": cycle.slug,
            "opens_on": cycle.opens_on.isoformat(),
            "closes_on": cycle.closes_on.isoformat(),
        },
        "made_on": today.isoformat(),
        "respondents": overview["respondents"] or 0,
        # The rate with the headcount it was taken over and what it left out, so the frozen
        # report words it as the pages do (results.response_rate.rate_wording).
        "response_rate": {
            "rate_pct": rate.get("rate_pct"),
            "headcount": rate.get("headcount"),
            "responses": rate.get("responses"),
            "rate_headcount": rate.get("rate_headcount", rate.get("headcount")),
            "rate_excludes": rate.get("rate_excludes") or {},
        },
        # Complete records only: a draft is not yet a focus group the report speaks for.
        "focus_group_count": {
            "held": words["held"]["groups"],
            "participants": words["held"]["participants"],
        },
        "compared_with": compared_with(result),
        "areas": areas,
        "themes": all_themes(result, names),
        "topics": words["topics"],
        "focus_group_quotes": [q for q in words["quotes"] if not q.get("area")],
        "focus_group_summaries": words["summaries"],
        "actions": actions,
        "method": {
            "min_group": data.min_group(),
            "min_quote_group": data.min_quote_group(),
            "favourable_rule": FAVOURABLE_RULE,
            "focus_group_rule": words["rule"],
            "thresholds": overview["thresholds"],
        },
    }
