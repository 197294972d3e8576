"""The themes as the dashboard, its charts and its downloads show them, under the page's filters.

The themes are computed and suppressed by healthcheck.results; here they are only picked out
and arranged, with the rules that depend on the page's own filters, asked of
analysis.suppression: a theme figure under a filter is shown only for 5 or more statements
(and never when the rest of the theme could then be worked out by subtraction), and quotes
only where healthcheck.results allowed them. Every page, chart and download goes through
these functions, so they all show the same figures. They take the result as
``analysis.result.read_result`` gives it (``get_analysis(...).result``).
"""

from __future__ import annotations

import numpy as np
from flask import current_app

from analysis.result import AnalysisResult, Theme
from analysis.suppression import described_people, shown_count, shown_part
from analysis.theme_mood import theme_mood
from analysis.yoy import change_words, welch_test

SOURCE_LABELS = {"survey": "Survey", "focus_group": "Focus groups"}
# The theme chart shows this many of the largest themes.
THEMES_CHARTED = 10
FILTERED_FIELDS = (("area", "areas"), ("question", "questions"), ("source", "sources"))
# Said where a theme has quotes but none under the page's filter (not an anonymity rule).
QUOTES_ELSEWHERE = {
    "area": "None of this theme's quotes is from this area's questions.",
    "question": "None of this theme's quotes is from this question.",
    "source": "None of this theme's quotes is from this source.",
}


def min_group() -> int:
    return int(current_app.config["MIN_GROUP_SIZE"])


def themes_list(result: AnalysisResult) -> list[Theme]:
    return [t for t in result["themes"]["themes"] if t["kind"] == "theme"]


def _largest_first(result: AnalysisResult) -> list[Theme]:
    return sorted(themes_list(result), key=lambda t: -t["size"])


def top_themes(result: AnalysisResult, count: int) -> list[dict]:
    return [theme_view(t, {}) for t in _largest_first(result)[:count]]


def themes_chart_caption(result: AnalysisResult) -> str:
    """The theme chart's visible caption: how many of the themes it shows."""
    from analysis.charts import theme_sizes_caption

    total = len(themes_list(result))
    return theme_sizes_caption(min(THEMES_CHARTED, total), total)


def role_count(theme: Theme, role: str, floor: int) -> int | None:
    """Respondents of ``role`` behind the theme, or None when withheld.

    Shown only when the results layer kept it (see healthcheck.results.theme_results) and, checked
    again here, it and the rest of the theme's respondents are each 0 or ``floor`` or more.
    """
    count = theme["role_counts"].get(role)
    total = theme.get("respondents")
    if count is None or total is None:
        return None
    return shown_part(int(count), int(total), floor)


def role_options(result: AnalysisResult) -> list[dict]:
    """The roles the themes page may filter by: MIN_GROUP_SIZE or more respondents."""
    return list(result["themes"]["role_options"])


def quote_roles(result: AnalysisResult) -> set[str]:
    """Roles whose quotes may be shown under a role filter (MIN_QUOTE_GROUP_SIZE or more)."""
    return {o["code"] for o in role_options(result) if o.get("quotes")}


def theme_view(
    theme: Theme, filters: dict[str, str], quotable_roles=frozenset(), titles=None
) -> dict:
    """One theme as a page shows it under ``filters`` (area, question, source, role).

    Under a role filter only quotes written by that role are shown, and only when the role is
    in ``quotable_roles`` (MIN_QUOTE_GROUP_SIZE or more respondents in the cycle).
    """
    floor = min_group()
    size = theme["size"]
    respondents = theme.get("rows")
    shown = shown_count(size, floor) is not None and (
        respondents is None or shown_count(respondents, floor) is not None
    )
    parts = []
    for key, field in FILTERED_FIELDS:
        value = filters.get(key)
        if value:
            count = int(theme[field].get(value, 0))
            parts.append(
                {
                    "key": key,
                    "value": value,
                    "count": shown_part(count, size, floor) if shown else None,
                }
            )
    role = filters.get("role")
    if role:
        count = role_count(theme, role, floor) if shown else None
        parts.append({"key": "role", "value": role, "count": count})
    quotes = [q for q in theme["quotes"] if _quote_matches(q, filters)]
    role_withheld = bool(role and role not in quotable_roles)
    if role_withheld:
        quotes = []
    # Each quote's source names its question's short title ("Managing caseloads").
    quotes = [
        dict(q, question_title=question_label(q["question"], titles)) if q.get("question") else q
        for q in quotes
    ]
    sentiment = theme["sentiment_counts"]
    return {
        "id": theme["id"],
        "label": theme.get("label"),
        "keywords": theme["keywords"],
        "size": size if shown else None,
        "parts": parts,
        "sources": {
            SOURCE_LABELS.get(k, k): (v if shown and shown_part(v, size, floor) else None)
            for k, v in theme["sources"].items()
        },
        "areas": list(theme["areas"]),
        "questions": list(theme["questions"]),
        "question_names": [question_label(q, titles) for q in theme["questions"] if q],
        "people": _people(theme, floor) if shown else None,
        "sentiment": sentiment_word(theme.get("sentiment"), sentiment),
        "sentiment_counts": (
            sentiment if shown and shown_count(sum(sentiment.values()), floor) else None
        ),
        # What it covers, in parts (analysis.theme_parts): only where every part's count may
        # be shown (suppression.shown_part), so no withheld part can be worked out.
        "covers": _covers(theme, size, floor) if shown else [],
        "quotes": quotes if shown else [],
        "quotes_note": _quotes_note(theme, filters, quotes, shown and not role_withheld),
        "label_edited": bool(theme.get("label_edited")),
        "merged_from": theme["merged_from"],
    }


def _covers(theme: Theme, size: int, floor: int) -> list[dict]:
    """The theme's parts, largest first, as {"label", "size", "original"}, then the
    statements in none of them as {"label": None, "size": n} (the parts do not claim to
    cover the whole theme): none at all where any part's count would be withheld. That rest
    is the theme's size less the parts' shown counts, so it shows nothing the page does not
    already."""
    parts = [
        {
            "label": part["label"],
            "size": shown_part(int(part["size"]), size, floor),
            # The analysis's label where the PSW renamed the part (analysis.theme_edits).
            "original": part.get("original_label"),
        }
        for part in theme.get("parts") or ()
    ]
    if len(parts) < 2 or any(p["size"] is None for p in parts):
        return []
    rest = size - sum(p["size"] for p in parts)
    return parts + ([{"label": None, "size": rest}] if rest > 0 else [])


def _people(theme: Theme, floor: int) -> dict | None:
    """Survey respondents behind a theme, this year and (where the analysis placed last
    year's answers in this year's themes) last year, as counts and shares; None where this
    year's figure is under ``floor``. A share is of all the cycle's respondents."""
    n = described_people(theme.get("respondents"), floor)
    of = theme.get("respondents_of")
    if n is None:
        return None
    out = {"n": int(n), "of": of, "pct": round(100 * n / of) if of else None, "last_year": None}
    earlier = theme.get("last_year") or {}
    if earlier.get("respondents") is not None and earlier.get("of") and of:
        then = round(100 * earlier["respondents"] / earlier["of"])
        significant = _share_change_significant(earlier["respondents"], earlier["of"], int(n), of)
        out["last_year"] = {
            "n": earlier["respondents"],
            "of": earlier["of"],
            "pct": then,
            "change": out["pct"] - then,
            "name": earlier.get("name"),
            "significant": significant,
            "significance": change_words(significant),
            "theme": _own_theme(earlier.get("theme"), floor),
            # Results analysed before this field existed compared where they could.
            "compared": earlier.get("compared", True),
        }
    return out


def _quotes_note(theme: Theme, filters: dict, quotes: list, allowed: bool) -> str | None:
    """Why a theme shows no quotes when it is not the small-group rule: it has quotes, none
    of them under the page's filter (``QUOTES_ELSEWHERE``). None otherwise: the page then
    gives the anonymity sentence, which is true only where the rules withheld them (the
    theme's or the role's figure under analysis.suppression, or quotes the results layer
    kept back)."""
    if quotes or not allowed or not theme["quotes"]:
        return None
    for key in ("question", "area", "source"):
        if filters.get(key):
            return QUOTES_ELSEWHERE[key]
    return None


def _share_change_significant(then: int, then_of: int, now: int, now_of: int) -> bool | None:
    """Whether a theme's share of respondents moved more than chance would move it: the test
    and threshold the area scores use (analysis.yoy: Welch's test, p < 0.05), on who wrote
    about it (1) or not (0) each year."""
    if not (0 <= then <= then_of and 0 <= now <= now_of):
        return None
    _, p = welch_test(_written_or_not(then, then_of), _written_or_not(now, now_of))
    return None if p is None else bool(p < 0.05)


def _written_or_not(n: int, of: int) -> np.ndarray:
    return np.concatenate([np.ones(n), np.zeros(of - n)])


def _own_theme(theme: dict | None, floor: int) -> dict | None:
    """Last year's own theme the comparison is with, as last year's page shows it: its label
    and share (None where that page withholds the figure)."""
    if not theme or not theme.get("label"):
        return None
    n = described_people(theme.get("respondents"), floor)
    of = theme.get("of")
    return {
        "label": theme["label"],
        "pct": round(100 * n / of) if n is not None and of else None,
        "n": n,
        "of": of,
        # "most", "third" or "quarter" of this theme's last-year writers were in it; None in
        # results analysed before the field existed.
        "share": theme.get("share"),
    }


def _quote_matches(quote: dict, filters: dict[str, str]) -> bool:
    return all(
        not filters.get(key) or quote.get(key) == filters[key]
        for key in ("area", "question", "source", "role")
    )


def sentiment_word(value, counts=None) -> str:
    """A theme's sentiment in words: from its statements' counts where it has them (``theme_mood``:
    "Mixed" when neither side clearly leads), else from the mean score."""
    if counts and sum(counts.values()):
        return theme_mood(counts)
    if value is None:
        return "Not known"
    if value >= 0.05:
        return "Mostly positive"
    if value <= -0.05:
        return "Mostly negative"
    return "Mixed or neutral"


def filter_themes(result: AnalysisResult, filters: dict[str, str]) -> list[dict]:
    """The themes with statements under every filter, largest first, as pages show them."""
    out = []
    quotable = quote_roles(result)
    titles = question_titles(result)
    for theme in _largest_first(result):
        if any(
            filters.get(key) and not theme[field].get(filters[key])
            for key, field in FILTERED_FIELDS
        ):
            continue
        # Under a role filter a theme is listed only where that role's figure may be shown: a
        # theme listed with its figure withheld would still say "1 to 4 of them wrote this".
        if filters.get("role") and role_count(theme, filters["role"], min_group()) is None:
            continue
        out.append(theme_view(theme, filters, quotable, titles))
    return out


def theme_filter_options(result: AnalysisResult) -> dict[str, list[tuple[str, str]]]:
    """The choices the themes page offers, from what the analysis holds."""
    themes = themes_list(result)
    questions = sorted({q for t in themes for q in t["questions"]}, key=_question_sort_key)
    sources = sorted({s for t in themes for s in t["sources"]})
    titles = question_titles(result)
    return {
        "area": [(a["id"], a["name"]) for a in result["scores"]["areas"]],
        "question": [(q, question_label(q, titles)) for q in questions],
        "source": [(s, SOURCE_LABELS.get(s, s)) for s in sources],
        "role": [(o["code"], o["label"]) for o in role_options(result)],
    }


def _question_sort_key(qid: str):
    digits = "".join(ch for ch in qid if ch.isdigit())
    return (0, int(digits), qid) if qid.startswith("Q") and digits else (1, 0, qid)


def question_titles(result: AnalysisResult) -> dict[str, str]:
    """{question id or "topic.<id>": the instrument's short title}, as the analysis stored it."""
    return dict(result["themes"]["question_titles"])


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
