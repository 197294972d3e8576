"""Strengths and areas for improvement proposed from the scores, with their evidence.

A proposal is a starting point for the Principal Social Worker, who edits it. Only questions
with a published score and at least ``min_n`` respondents are considered (withheld or tiny
groups never drive a proposal). One rule decides what may be a strength, for the overview and
for each area alike (``may_be_strength``): a green question on which staff did not rate
themselves. Improvements are the lowest scores; a question is never both. Ties are broken by
% favourable (higher first for strengths, lower first for improvements), then by n (larger
first), then by instrument order.

A self-rated question ("I have the right knowledge and skills") is never a strength of the
organisation, but a low one may be an improvement: staff saying they lack a skill is a
training need. Such a proposal keeps ``self_rated`` so that pages and the report say it is
the staff's own view of themselves (``SELF_RATED_NOTE``).

A theme (what staff wrote) is proposed for an area by the side its mood takes, and only when
it bears on the area (``theme_may_be_proposed``): at least ``THEME_AREA_SHARE`` (a quarter) of
its statements answer the area's questions; a large theme that only brushes the area (6 of
its 150 statements) says nothing about it. A theme most of whose statements answer
self-rated questions (``THEME_SELF_RATED_SHARE``) is never a strength of the organisation,
as for the questions. A quote that says the question does not apply to the writer ("Not
applicable to my role") is never evidence (``says_not_applicable``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

MIN_N = 10
SELF_RATED_NOTE = "staff's own view"
THEME_AREA_SHARE = 0.25
THEME_SELF_RATED_SHARE = 0.5
_NOT_APPLICABLE = re.compile(
    r"^\W*(?:not applicable|n/?a\b|does not apply|doesn't apply)"
    r"|\b(?:not applicable|does not apply|doesn't apply) to (?:me|my role|my job|my team|us)\b",
    re.IGNORECASE,
)


def says_not_applicable(text: str) -> bool:
    """True for a quote that only says the question does not apply to the writer ("Not
    applicable to my role, I am a social worker.", "N/A"): not evidence of anything."""
    return bool(_NOT_APPLICABLE.search(text or ""))


def theme_may_be_proposed(
    size: int | None, area_statements: int | None, share: float = THEME_AREA_SHARE
) -> bool:
    """A theme is proposed for an area only when at least ``share`` of its ``size``
    statements are about the area (``area_statements``); never when either is unknown."""
    if not size or area_statements is None:
        return False
    return area_statements >= share * size


def theme_may_be_strength(
    question_counts: Mapping[str, int],
    self_rated: set[str] | frozenset[str],
    share: float = THEME_SELF_RATED_SHARE,
) -> bool:
    """False when ``share`` or more of a theme's statements (``question_counts``: question id
    to statements) answer questions on which staff rated themselves (``self_rated``): staff's
    view of their own skills is not a strength of the organisation."""
    total = sum(int(n or 0) for n in question_counts.values())
    own = sum(int(n or 0) for q, n in question_counts.items() if q in self_rated)
    return not total or own < share * total


def _evidence(area: Mapping[str, Any], item: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "item": item["id"],
        "text": item.get("short_title") or item.get("text"),
        "self_rated": bool(item.get("self_rated")),
        "area": area["id"],
        "area_name": area.get("name"),
        "score": item["score"],
        "ci_low": item.get("ci_low"),
        "ci_high": item.get("ci_high"),
        "n": item["n"],
        "favourable_pct": item.get("favourable_pct"),
        "rag": item.get("rag"),
    }


def may_be_strength(item: Mapping[str, Any]) -> bool:
    """A question may be proposed as an organisational strength only when its score is at or
    above the green threshold (its ``rag`` is ``"green"``, set by ``score_responses`` with the
    configured thresholds) and staff did not rate themselves on it."""
    return item.get("rag") == "green" and not item.get("self_rated")


def propose_for_area(
    items: list[Mapping[str, Any]], area_rag: str | None, count: int = 2
) -> tuple[list[Mapping[str, Any]], list[Mapping[str, Any]]]:
    """Strengths and improvements among one area's scored questions.

    Strengths: up to ``count`` of the highest that ``may_be_strength``. Improvements: up to
    ``count`` of the lowest below the amber threshold (``rag`` red); in a red or amber area
    with none below amber, its weakest question that is not a strength. Never both.
    """
    scored = [i for i in items if i.get("score") is not None and i.get("n")]
    strengths = sorted((i for i in scored if may_be_strength(i)), key=lambda i: -i["score"])
    strengths = strengths[:count]
    low = [i for i in sorted(scored, key=lambda i: i["score"]) if i not in strengths]
    improvements = [i for i in low if i.get("rag") == "red"][:count]
    if not improvements and area_rag in ("red", "amber") and low:
        improvements = low[:1]
    return strengths, improvements


def propose_strengths_and_improvements(
    scores: Mapping[str, Any], count: int = 3, min_n: int = MIN_N
) -> dict[str, Any]:
    """The ``count`` highest and lowest scored questions from a ``score_responses`` result."""
    if count < 1:
        raise ValueError("count must be at least 1")
    candidates = []
    for area in scores.get("areas") or ():
        for item in area.get("items") or ():
            if item.get("suppressed") or item.get("score") is None:
                continue
            if item.get("n") is None or item["n"] < min_n:
                continue
            candidates.append((len(candidates), area, item))

    def fav(item):
        value = item.get("favourable_pct")
        return -1.0 if value is None else value

    high = sorted(
        (c for c in candidates if may_be_strength(c[2])),
        key=lambda c: (-c[2]["score"], -fav(c[2]), -c[2]["n"], c[0]),
    )
    low = sorted(candidates, key=lambda c: (c[2]["score"], fav(c[2]), -c[2]["n"], c[0]))
    strengths = high[: min(count, len(candidates) // 2 + len(candidates) % 2)]
    taken = {c[0] for c in strengths}
    improvements = [c for c in low if c[0] not in taken][:count]
    return {
        "basis": f"questions with a published score and n >= {min_n}",
        "strengths": [_evidence(area, item) for _, area, item in strengths],
        "improvements": [_evidence(area, item) for _, area, item in improvements],
    }
