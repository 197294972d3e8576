"""What the dashboard pages show, read from the cached analysis (healthcheck.results).

The analysis result is computed and suppressed by healthcheck.results; this module only picks
out and arranges what each page shows, and applies the two rules that depend on the page's own
filters: a theme figure under a filter is shown only for 5 or more statements (and never when
the rest of the theme could then be worked out by subtraction), and quotes are shown only where
healthcheck.results allowed them. Every page, chart and download goes through these functions,
so they all show the same figures.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from dataclasses import dataclass
from datetime import date
from threading import Lock
from typing import Any

from flask import current_app
from sqlalchemy import select

from ..extensions import db
from ..models import Cycle

RAG_WORDS = {"green": "Green", "amber": "Amber", "red": "Red"}
RAG_TAG_CLASSES = {
    "green": "govuk-tag--green",
    "amber": "govuk-tag--yellow",
    "red": "govuk-tag--red",
}
SOURCE_LABELS = {"survey": "Survey", "focus_group": "Focus groups"}
READY = "ready"


# --- cycles and the analysis -----------------------------------------------------------------


def all_cycles() -> list[Cycle]:
    return list(db.session.scalars(select(Cycle).order_by(Cycle.opens_on.desc(), Cycle.id.desc())))


def default_cycle(cycles: list[Cycle]) -> Cycle | None:
    """The open cycle if there is one, else the latest."""
    return next((c for c in cycles if c.status == "open"), cycles[0] if cycles else None)


def min_group() -> int:
    return int(current_app.config["MIN_GROUP_SIZE"])


def min_quote_group() -> int:
    return int(current_app.config["MIN_QUOTE_GROUP_SIZE"])


@dataclass
class Analysis:
    """The analysis state as the pages need it."""

    status: str
    progress: int
    result: dict | None
    stale: bool
    fingerprint: str | None = None

    @property
    def ready(self) -> bool:
        return self.result is not None

    @property
    def updating(self) -> bool:
        return self.result is not None and (self.stale or self.status != READY)


def analysis_for(cycle: Cycle, start: bool = True) -> Analysis:
    """The cached analysis of the cycle (starting a run off the request path when needed)."""
    from ..results import get_analysis

    state = get_analysis(cycle, start=start)
    return Analysis(
        status=str(getattr(state, "status", "")),
        progress=int(getattr(state, "progress", 0) or 0),
        result=getattr(state, "result", None),
        stale=bool(getattr(state, "stale", False)),
        fingerprint=getattr(state, "fingerprint", None),
    )


# --- small helpers ---------------------------------------------------------------------------


def instrument_areas(result: dict) -> list[dict]:
    return [
        {"id": a["id"], "name": a["name"]} for a in (result.get("scores") or {}).get("areas", [])
    ]


def area_by_id(result: dict, area_id: str) -> dict | None:
    return next(
        (a for a in (result.get("scores") or {}).get("areas", []) if a["id"] == area_id), None
    )


def rag_tag(rag: str | None) -> dict:
    """A GOV.UK tag for a rating: the word is always there, the colour only repeats it."""
    if rag is None:
        return {"text": "Not rated", "classes": "govuk-tag--grey"}
    return {"text": RAG_WORDS[rag], "classes": RAG_TAG_CLASSES[rag]}


def yoy_by_area(result: dict) -> dict[str, dict]:
    yoy = result.get("yoy") or {}
    return {a["id"]: a for a in yoy.get("areas", [])}


# --- the overview ----------------------------------------------------------------------------


def overview(result: dict) -> dict[str, Any]:
    scores = result.get("scores") or {}
    yoy = yoy_by_area(result)
    areas = []
    for area in scores.get("areas", []):
        change = yoy.get(area["id"])
        areas.append({**area, "tag": rag_tag(area.get("rag")), "yoy": change})
    themes = top_themes(result, 5)
    fg = result.get("focus_groups") or {}
    return {
        "respondents": scores.get("respondents"),
        "thresholds": scores.get("thresholds") or {},
        "areas": areas,
        "yoy": result.get("yoy"),
        "proposals": result.get("proposals") or {},
        "themes": themes,
        "focus_groups": {
            "held": fg.get("focus_groups", 0),
            "participants": fg.get("participants", 0),
        },
        "response_rate": result.get("response_rate") or {},
    }


def yoy_rows(result: dict) -> list[dict]:
    """Area rows for the year-on-year chart and table."""
    rows = []
    for area in (result.get("yoy") or {}).get("areas", []):
        rows.append(area)
    return rows


# --- themes ----------------------------------------------------------------------------------


def themes_list(result: dict) -> list[dict]:
    themes = (result.get("themes") or {}).get("themes") or []
    return [t for t in themes if t.get("kind", "theme") == "theme"]


def top_themes(result: dict, count: int) -> list[dict]:
    themes = sorted(themes_list(result), key=lambda t: -int(t.get("size") or 0))
    return [theme_view(t, {}) for t in themes[:count]]


def _shown_count(count: int, total: int, floor: int) -> int | None:
    """A part of a theme: shown when it and the rest of the theme are both 0 or >= floor."""
    rest = total - count
    if count < floor or 0 < rest < floor:
        return None
    return count


def role_count(theme: dict, role: str, floor: int) -> int | None:
    """Respondents of ``role`` behind the theme, or None when withheld.

    Shown only when the results layer kept it (see healthcheck.results.theme_results) and, checked
    again here, it and the rest of the theme's respondents are each 0 or ``floor`` or more.
    """
    count = (theme.get("role_counts") or {}).get(role)
    total = theme.get("respondents")
    if count is None or total is None:
        return None
    return _shown_count(int(count), int(total), floor)


def role_options(result: dict) -> list[dict]:
    """The roles the themes page may filter by: MIN_GROUP_SIZE or more respondents."""
    return list((result.get("themes") or {}).get("role_options") or [])


def quote_roles(result: dict) -> set[str]:
    """Roles whose quotes may be shown under a role filter (MIN_QUOTE_GROUP_SIZE or more)."""
    return {o["code"] for o in role_options(result) if o.get("quotes")}


def theme_view(
    theme: dict, filters: dict[str, str], quotable_roles=frozenset(), titles=None
) -> dict:
    """One theme as a page shows it under ``filters`` (area, question, source, role).

    Under a role filter only quotes written by that role are shown, and only when the role is
    in ``quotable_roles`` (MIN_QUOTE_GROUP_SIZE or more respondents in the cycle).
    """
    floor = min_group()
    size = int(theme.get("size") or 0)
    respondents = theme.get("rows")
    shown_size = size if size >= floor and (respondents is None or respondents >= floor) else None
    parts = []
    for key, field in (("area", "areas"), ("question", "questions"), ("source", "sources")):
        value = filters.get(key)
        if value:
            count = int((theme.get(field) or {}).get(value, 0))
            parts.append(
                {
                    "key": key,
                    "value": value,
                    "count": _shown_count(count, size, floor) if shown_size else None,
                }
            )
    role = filters.get("role")
    if role:
        parts.append(
            {
                "key": "role",
                "value": role,
                "count": role_count(theme, role, floor) if shown_size else None,
            }
        )
    quotes = [q for q in theme.get("quotes") or () if _quote_matches(q, filters)]
    if role and role not in quotable_roles:
        quotes = []
    sentiment = theme.get("sentiment_counts") or {}
    sentiment_total = sum(sentiment.values())
    return {
        "id": theme["id"],
        "label": theme.get("label"),
        "keywords": theme.get("keywords") or [],
        "size": shown_size,
        "parts": parts,
        "sources": {
            SOURCE_LABELS.get(k, k): (v if shown_size and _shown_count(v, size, floor) else None)
            for k, v in (theme.get("sources") or {}).items()
        },
        "areas": list((theme.get("areas") or {}).keys()),
        "questions": list((theme.get("questions") or {}).keys()),
        "question_names": [question_label(q, titles) for q in (theme.get("questions") or {}) if q],
        "people": _people(theme, floor) if shown_size else None,
        "sentiment": sentiment_word(theme.get("sentiment"), sentiment),
        "sentiment_counts": sentiment if shown_size and sentiment_total >= floor else None,
        "quotes": quotes if shown_size else [],
        "label_edited": bool(theme.get("label_edited")),
        "merged_from": theme.get("merged_from") or [],
    }


def _people(theme: dict, floor: int) -> dict | None:
    """Survey respondents behind a theme, this year and (where the analysis placed last
    year's answers in this year's themes) last year, as counts and shares; None where this
    year's figure is under ``floor``. A share is of all the cycle's respondents."""
    n = theme.get("respondents")
    of = theme.get("respondents_of")
    if n is None or 0 < n < floor:
        return None
    out = {"n": int(n), "of": of, "pct": round(100 * n / of) if of else None, "last_year": None}
    earlier = theme.get("last_year") or {}
    if earlier.get("respondents") is not None and earlier.get("of") and of:
        then = round(100 * earlier["respondents"] / earlier["of"])
        out["last_year"] = {
            "n": earlier["respondents"],
            "of": earlier["of"],
            "pct": then,
            "change": out["pct"] - then,
            "name": earlier.get("name"),
        }
    return out


def _quote_matches(quote: dict, filters: dict[str, str]) -> bool:
    return all(
        not filters.get(key) or quote.get(key) == filters[key]
        for key in ("area", "question", "source", "role")
    )


def sentiment_word(value, counts=None) -> str:
    """A theme's sentiment in words: from its statements' counts where it has them (``theme_mood``:
    "Mixed" when neither side clearly leads), else from the mean score."""
    from analysis.sentiment import theme_mood

    if counts and sum(counts.values()):
        return theme_mood(counts)
    if value is None:
        return "Not known"
    if value >= 0.05:
        return "Mostly positive"
    if value <= -0.05:
        return "Mostly negative"
    return "Mixed or neutral"


def filter_themes(result: dict, filters: dict[str, str]) -> list[dict]:
    """The themes with statements under every filter, largest first, as pages show them."""
    out = []
    quotable = quote_roles(result)
    titles = question_titles(result)
    for theme in sorted(themes_list(result), key=lambda t: -int(t.get("size") or 0)):
        if filters.get("area") and not (theme.get("areas") or {}).get(filters["area"]):
            continue
        if filters.get("question") and not (theme.get("questions") or {}).get(filters["question"]):
            continue
        if filters.get("source") and not (theme.get("sources") or {}).get(filters["source"]):
            continue
        # Under a role filter a theme is listed only where that role's figure may be shown: a
        # theme listed with its figure withheld would still say "1 to 4 of them wrote this".
        if filters.get("role") and role_count(theme, filters["role"], min_group()) is None:
            continue
        out.append(theme_view(theme, filters, quotable, titles))
    return out


def theme_filter_options(result: dict) -> dict[str, list[tuple[str, str]]]:
    """The choices the themes page offers, from what the analysis holds."""
    areas = instrument_areas(result)
    seen = set()
    for theme in themes_list(result):
        for qid in theme.get("questions") or {}:
            seen.add(qid)
    questions = sorted(seen, key=_question_sort_key)
    sources = sorted({s for t in themes_list(result) for s in (t.get("sources") or {})})
    titles = question_titles(result)
    return {
        "area": [(a["id"], a["name"]) for a in areas],
        "question": [(q, question_label(q, titles)) for q in questions],
        "source": [(s, SOURCE_LABELS.get(s, s)) for s in sources],
        "role": [(o["code"], o["label"]) for o in role_options(result)],
    }


def _question_sort_key(qid: str):
    digits = "".join(ch for ch in qid if ch.isdigit())
    return (0, int(digits), qid) if qid.startswith("Q") and digits else (1, 0, qid)


def question_titles(result: dict) -> dict[str, str]:
    """{question id or "topic.<id>": the instrument's short title}, as the analysis stored it."""
    return dict((result.get("themes") or {}).get("question_titles") or {})


def question_label(qid: str, titles: dict[str, str] | None = None) -> str:
    """A question's short title ("Fairness of work allocation"), failing that a plain name."""
    if titles and titles.get(qid):
        return titles[qid]
    if qid.startswith("topic."):
        return qid[len("topic.") :].replace("_", " ").capitalize()
    if qid.startswith("Q") and qid[1:].isdigit():
        return f"Question {qid[1:]}"
    if qid.startswith("overall_"):
        return "Overall rating"
    return qid.replace("_", " ").capitalize()


# --- area pages ------------------------------------------------------------------------------


def area_page(result: dict, area_id: str) -> dict | None:
    area = area_by_id(result, area_id)
    if area is None:
        return None
    distributions = (result.get("distributions") or {}).get(area_id) or {}
    items = []
    for item in area.get("items", []):
        items.append(
            {
                **item,
                "tag": rag_tag(item.get("rag")),
                "distribution": distributions.get(item["id"]),
            }
        )
    fg = [
        q
        for q in (result.get("focus_groups") or {}).get("questions", [])
        if q.get("area") == area_id
    ]
    metrics = [m for m in result.get("metrics") or [] if m.get("area") == area_id]
    themes = filter_themes(result, {"area": area_id})
    return {
        "area": {**area, "tag": rag_tag(area.get("rag"))},
        "questions": items,
        "yoy": yoy_by_area(result).get(area_id),
        "focus_groups": fg,
        "metrics": metrics,
        "themes": themes,
    }


# --- question distributions ------------------------------------------------------------------

_DISTRIBUTIONS: OrderedDict = OrderedDict()
_DISTRIBUTIONS_LOCK = Lock()


def distributions_for(cycle: Cycle, analysis: Analysis) -> dict[str, dict]:
    """Answers per option of every scored item, kept as long as the analysis is.

    {item id: {"n", "options": [{label, count, pct}], "suppressed"}}: an item answered by fewer
    than the minimum group size shows no distribution at all.
    """
    key = (cycle.id, analysis.fingerprint, min_group())
    with _DISTRIBUTIONS_LOCK:
        if key in _DISTRIBUTIONS and analysis.fingerprint:
            _DISTRIBUTIONS.move_to_end(key)
            return _DISTRIBUTIONS[key]
    from ..results.rows import cycle_rows

    instrument = cycle.instrument
    rows = cycle_rows(cycle, instrument)
    out = question_distributions(instrument, rows, min_group())
    with _DISTRIBUTIONS_LOCK:
        _DISTRIBUTIONS[key] = out
        while len(_DISTRIBUTIONS) > 8:
            _DISTRIBUTIONS.popitem(last=False)
    return out


def question_distributions(instrument, rows, floor: int) -> dict[str, dict]:
    """Option counts per scored item (grid rows as their own items), withheld below ``floor``."""
    out = {}
    for item in instrument.scored_items():
        question = item.question
        options = question.choice_labels()
        counts = Counter(row.get(item.key) for row in rows if row.get(item.key))
        n = sum(counts.get(code, 0) for code, _ in options)
        if n < floor:
            out[item.key] = {"n": None, "options": [], "suppressed": n > 0}
            continue
        out[item.key] = {
            "n": n,
            "options": [
                {
                    "code": code,
                    "label": label,
                    "count": counts.get(code, 0),
                    "pct": round(100.0 * counts.get(code, 0) / n, 1),
                }
                for code, label in options
            ],
            "suppressed": False,
        }
    return out


# --- response rate ---------------------------------------------------------------------------


def response_days(figures: dict) -> list[dict]:
    """The daily series with dates as dates and the cumulative rate against the headcount."""
    headcount = figures.get("headcount") or 0
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
