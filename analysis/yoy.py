"""Year on year: the change per area and per question between two cycles, and whether it is
larger than the noise.

The test is Welch's unequal-variances t-test on respondent values (area indices for an area,
0-100 item values for a question), two-sided, significant when p < ``alpha`` (0.05). Items
are matched on their stable ids (``Q7.it``) and compared only where both cycles score them
the same way (same scored options in the same order, or the same scale); areas on their ids.
A change is withheld (null) when either cycle has fewer than ``min_group`` respondents.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from surveys import Instrument

from .scoring import Item, item_values, scored_items
from .suppression import MIN_GROUP, check_min_group

TEST_NAME = "Welch's t-test (unequal variances, two-sided) on respondent values"


def change_words(significant: bool | None) -> str:
    """How a report names a year-on-year change: "a real change" when the statistical test
    says it is unlikely to be chance, "could be chance" otherwise (pages and the PDF alike)."""
    return "a real change" if significant else "could be chance"


def welch_test(previous: np.ndarray, current: np.ndarray) -> tuple[float | None, float | None]:
    """(t statistic, p value) of Welch's t-test, or (None, None) when a sample has < 2 values.

    Computed directly so that samples with no spread give a defined answer: equal constant
    samples give p = 1, different constant samples p = 0.
    """
    n1, n2 = len(previous), len(current)
    if n1 < 2 or n2 < 2:
        return None, None
    m1, m2 = float(np.mean(previous)), float(np.mean(current))
    v1, v2 = float(np.var(previous, ddof=1)), float(np.var(current, ddof=1))
    se2 = v1 / n1 + v2 / n2
    diff = m2 - m1
    if se2 <= 1e-12:
        return (0.0, 1.0) if abs(diff) < 1e-9 else (math.copysign(math.inf, diff), 0.0)
    t = diff / math.sqrt(se2)
    df = se2**2 / ((v1 / n1) ** 2 / (n1 - 1) + (v2 / n2) ** 2 / (n2 - 1))
    from scipy import stats  # here, not at start-up: the themes page imports this module

    p = float(2 * stats.t.sf(abs(t), df))
    return t, min(p, 1.0)


def _area_index(items: list[Item], matrix: np.ndarray, area: str) -> np.ndarray:
    cols = [i for i, item in enumerate(items) if item.area == area]
    if not cols:
        return np.empty(0)
    sub = matrix[:, cols]
    answered = ~np.isnan(sub)
    counts = answered.sum(axis=1)
    sums = np.where(answered, sub, 0.0).sum(axis=1)
    keep = counts > 0
    return sums[keep] / counts[keep]


def _same_scoring(a: Item, b: Item) -> bool:
    return a.kind == b.kind and dict(a.values) == dict(b.values)


def _compare(previous: np.ndarray, current: np.ndarray, alpha: float, min_group: int) -> dict:
    n1, n2 = len(previous), len(current)
    if n1 < min_group or n2 < min_group:
        return {
            "previous_score": None,
            "current_score": None,
            "change": None,
            "p_value": None,
            "significant": None,
            "n_previous": None if 0 < n1 < min_group else n1,
            "n_current": None if 0 < n2 < min_group else n2,
            "suppressed": n1 > 0 and n2 > 0,
        }
    m1, m2 = float(np.mean(previous)), float(np.mean(current))
    _t, p = welch_test(previous, current)
    return {
        "previous_score": round(m1, 1),
        "current_score": round(m2, 1),
        "change": round(m2 - m1, 1),
        "p_value": None if p is None else round(p, 4),
        "significant": None if p is None else bool(p < alpha),
        "n_previous": n1,
        "n_current": n2,
        "suppressed": False,
    }


def compare_cycles(
    previous_instrument: Instrument,
    previous_rows: Sequence[Mapping[str, Any]],
    current_instrument: Instrument,
    current_rows: Sequence[Mapping[str, Any]],
    alpha: float = 0.05,
    min_group: int = MIN_GROUP,
) -> dict[str, Any]:
    """Change per area and per scored question from the previous cycle to the current one.

    The instruments must share an id (any versions); items whose scoring differs between
    versions, or that only one version has, are listed under ``not_comparable``.
    """
    check_min_group(min_group)
    if not 0 < alpha < 1:
        raise ValueError("alpha must be between 0 and 1")
    if previous_instrument.id != current_instrument.id:
        raise ValueError(
            f"Cannot compare instrument {previous_instrument.id!r} with "
            f"{current_instrument.id!r}: year-on-year needs the same instrument"
        )
    old_items = scored_items(previous_instrument)
    new_items = scored_items(current_instrument)
    old_by_id = {item.id: item for item in old_items}
    new_by_id = {item.id: item for item in new_items}
    comparable = [
        item
        for item in new_items
        if item.id in old_by_id
        and _same_scoring(old_by_id[item.id], item)
        and old_by_id[item.id].area == item.area
    ]
    not_comparable = []
    for item in new_items:
        if item.id not in old_by_id:
            not_comparable.append({"id": item.id, "reason": "not in the previous cycle"})
        elif item not in comparable:
            not_comparable.append({"id": item.id, "reason": "scored differently"})
    for item in old_items:
        if item.id not in new_by_id:
            not_comparable.append({"id": item.id, "reason": "not in the current cycle"})

    def values(items, rows):
        if not items:
            return np.empty((len(rows), 0))
        return np.column_stack([item_values(item, rows) for item in items])

    old_matrix = values([old_by_id[item.id] for item in comparable], previous_rows)
    new_matrix = values(comparable, current_rows)
    areas = []
    for area in current_instrument.areas:
        area_id = area.id
        previous = _area_index(comparable, old_matrix, area_id)
        current = _area_index(comparable, new_matrix, area_id)
        item_changes = []
        for i, item in enumerate(comparable):
            if item.area != area_id:
                continue
            a, b = old_matrix[:, i], new_matrix[:, i]
            item_changes.append(
                {"id": item.id, **_compare(a[~np.isnan(a)], b[~np.isnan(b)], alpha, min_group)}
            )
        areas.append(
            {
                "id": area_id,
                "name": area.name,
                **_compare(previous, current, alpha, min_group),
                "items": item_changes,
            }
        )
    return {
        "previous": {
            "id": previous_instrument.id,
            "version": previous_instrument.version,
            "respondents": len(previous_rows),
        },
        "current": {
            "id": current_instrument.id,
            "version": current_instrument.version,
            "respondents": len(current_rows),
        },
        "test": TEST_NAME,
        "alpha": alpha,
        "note": "Area changes use only the questions both cycles score the same way.",
        "areas": areas,
        "not_comparable": not_comparable,
    }
