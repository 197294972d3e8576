"""Answer distributions: how many chose each option of every scored item.

Computed once with the rest of the analysis (healthcheck.results), so a page view never reads
the answers again. Published for the whole cycle only, never within a role, team or length of
service, and only from ``min_group`` answers (``analysis.suppression.distribution_shown``;
docs/scores.md, "Suppression").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from .result import Distribution
from .suppression import MIN_GROUP, distribution_shown


def item_distribution(question, answers: Sequence[str], min_group: int) -> Distribution:
    """One item's distribution from its answers ("" for unanswered; other codes ignored)."""
    options = question.choice_labels()
    counts = Counter(answer for answer in answers if answer)
    n = sum(counts.get(code, 0) for code, _ in options)
    if not distribution_shown(n, min_group):
        return {"n": None, "options": [], "suppressed": n > 0}
    return {
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


def question_distributions(
    instrument, rows: Sequence[Mapping[str, str]], min_group: int = MIN_GROUP
) -> dict[str, dict[str, Distribution]]:
    """{area id: {item id: distribution}} for every scored item of ``instrument``
    (surveys.Instrument; grid rows are items of their own) over the export-format ``rows``."""
    out: dict[str, dict[str, Distribution]] = {}
    for item in instrument.scored_items():
        answers = [row.get(item.key) or "" for row in rows]
        out.setdefault(item.area, {})[item.key] = item_distribution(
            item.question, answers, min_group
        )
    return out
