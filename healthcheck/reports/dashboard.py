"""What the dashboard pages show, read from the cached analysis (healthcheck.results).

The analysis result is computed and suppressed by healthcheck.results, and read once by
``analysis.result.read_result`` (every part present, typed); this module only picks out and
arranges what each page shows. The themes under a page's filters are in
healthcheck.reports.theme_pages (re-exported here, so pages, charts and downloads ask one
module). Every page, chart and download goes through these functions, so they all show the
same figures.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app
from sqlalchemy import select

from analysis.result import (
    AnalysisResult,
    Area,
    Change,
    Distribution,
    item_distributions,
    yoy_areas,
)

from ..extensions import db
from ..models import Cycle
from ..results.state import AnalysisState
from .theme_pages import (  # noqa: F401 (the themes, as every page asks for them)
    SOURCE_LABELS,
    THEMES_CHARTED,
    filter_themes,
    min_group,
    question_label,
    question_titles,
    quote_roles,
    role_count,
    role_options,
    sentiment_word,
    theme_filter_options,
    theme_view,
    themes_chart_caption,
    themes_list,
    top_themes,
)

RAG_WORDS = {"green": "Green", "amber": "Amber", "red": "Red"}
RAG_TAG_CLASSES = {
    "green": "govuk-tag--green",
    "amber": "govuk-tag--yellow",
    "red": "govuk-tag--red",
}


# --- cycles and the analysis -----------------------------------------------------------------


def all_cycles() -> list[Cycle]:
    return list(db.session.scalars(select(Cycle).order_by(Cycle.opens_on.desc(), Cycle.id.desc())))


def default_cycle(cycles: list[Cycle]) -> Cycle | None:
    """The open cycle if there is one, else the latest."""
    return next((c for c in cycles if c.status == "open"), cycles[0] if cycles else None)


def min_quote_group() -> int:
    return int(current_app.config["MIN_QUOTE_GROUP_SIZE"])


def analysis_for(cycle: Cycle, start: bool = True) -> AnalysisState:
    """The cached analysis of the cycle (starting a run off the request path when needed)."""
    from ..results import get_analysis

    return get_analysis(cycle, start=start)


# --- small helpers ---------------------------------------------------------------------------


def instrument_areas(result: AnalysisResult) -> list[dict]:
    return [{"id": a["id"], "name": a["name"]} for a in result["scores"]["areas"]]


def area_by_id(result: AnalysisResult, area_id: str) -> Area | None:
    return next((a for a in result["scores"]["areas"] if a["id"] == area_id), None)


def rag_tag(rag: str | None) -> dict:
    """A GOV.UK tag for a rating: the word is always there, the colour only repeats it."""
    if rag is None:
        return {"text": "Not rated", "classes": "govuk-tag--grey"}
    return {"text": RAG_WORDS[rag], "classes": RAG_TAG_CLASSES[rag]}


def yoy_by_area(result: AnalysisResult) -> dict[str, Change]:
    return {a["id"]: a for a in yoy_areas(result)}


def yoy_rows(result: AnalysisResult) -> list[Change]:
    """Area rows for the year-on-year chart and table."""
    return yoy_areas(result)


# --- the overview ----------------------------------------------------------------------------


def overview(result: AnalysisResult) -> dict[str, Any]:
    scores = result["scores"]
    yoy = yoy_by_area(result)
    fg = result["focus_groups"]
    return {
        "respondents": scores.get("respondents"),
        "thresholds": scores["thresholds"],
        "areas": [
            {**area, "tag": rag_tag(area.get("rag")), "yoy": yoy.get(area["id"])}
            for area in scores["areas"]
        ],
        "yoy": result["yoy"],
        "proposals": result["proposals"],
        "themes": top_themes(result, 5),
        "focus_groups": {
            "held": fg.get("focus_groups", 0),
            "participants": fg.get("participants", 0),
        },
        "response_rate": result["response_rate"],
    }


# --- area pages ------------------------------------------------------------------------------


def area_page(result: AnalysisResult, area_id: str) -> dict | None:
    """One area: its figures, each question with its answer distribution (computed with the
    analysis), last year, the focus groups' figures, the organisation's figures, the themes."""
    area = area_by_id(result, area_id)
    if area is None:
        return None
    distributions = result["distributions"].get(area_id) or {}
    return {
        "area": {**area, "tag": rag_tag(area.get("rag"))},
        "questions": [
            {**item, "tag": rag_tag(item.get("rag")), "distribution": distributions.get(item["id"])}
            for item in area["items"]
        ],
        "yoy": yoy_by_area(result).get(area_id),
        "focus_groups": [
            q for q in result["focus_groups"].get("questions", []) if q.get("area") == area_id
        ],
        "metrics": [m for m in result["metrics"] if m.get("area") == area_id],
        "themes": area_themes(result, area_id),
    }


def area_themes(result: AnalysisResult, area_id: str) -> list[dict]:
    """The themes about an area, as its page and the report show them: those with the
    minimum group of statements or more on the area, most on the area first. A theme of 267
    statements, 2 of them on the area, is not about it. Where the number on the area is
    withheld (the rest of the theme is a small group: suppression.shown_part), the theme is
    still listed, placed by its whole size, which the withheld number is within a few of."""
    floor = min_group()
    on_area = {t["id"]: int(t["areas"].get(area_id, 0)) for t in themes_list(result)}
    themes = []
    for theme in filter_themes(result, {"area": area_id}):
        if on_area.get(theme["id"], 0) < floor:
            continue
        shown = next((p["count"] for p in theme["parts"] if p["key"] == "area"), None)
        themes.append((shown if shown is not None else theme["size"] or 0, theme))
    return [theme for _, theme in sorted(themes, key=lambda pair: -pair[0])]


def distributions_for(cycle: Cycle, analysis: AnalysisState) -> dict[str, Distribution]:
    """{item id: its answer distribution}, as the analysis computed it (``area_page`` already
    gives each question its own; kept for the report snapshot)."""
    return item_distributions(analysis.result) if analysis.result else {}


# --- response rate ---------------------------------------------------------------------------


def response_days(figures: dict) -> list[dict]:
    """The daily series with dates as dates and the cumulative rate against the headcount.

    No daily rate where the total rate leaves a role out or there are more responses than the
    headcount (results/response_rate.py): days are never split by role, so a day's rate could
    not leave that role out, and a rate is never over 100%."""
    headcount = figures.get("headcount") or 0
    if figures.get("over_headcount") or figures.get("rate_left_out"):
        headcount = 0
    days = []
    for day in figures.get("days") or ():
        cumulative = day["cumulative"]
        days.append(
            {
                "date": (
                    date.fromisoformat(day["date"]) if isinstance(day["date"], str) else day["date"]
                ),
                "new": day["responses"],
                "responses": cumulative,
                "rate": round(100.0 * cumulative / headcount, 1) if headcount else None,
            }
        )
    return days
