"""Year-on-year change, and whether it is larger than the noise (Welch's t-test)."""

import copy

import numpy as np
import pytest
from scipy import stats

from analysis.yoy import TEST_NAME, compare_cycles, welch_test
from surveys import build_instrument

from .score_fixtures import INSTRUMENT, INSTRUMENT_DATA


def rows(codes):
    return [{"response_id": str(i), "Q1": c} for i, c in enumerate(codes)]


def find(result, area_id, item_id=None):
    area = next(a for a in result["areas"] if a["id"] == area_id)
    return area if item_id is None else next(i for i in area["items"] if i["id"] == item_id)


def test_a_clear_rise_is_significant():
    before = rows(["p", "p", "f", "p", "vp", "p"])  # 25,25,50,25,0,25: mean 25
    after = rows(["g", "vg", "g", "g", "f", "g"])  # 75,100,75,75,50,75: mean 75
    result = compare_cycles(INSTRUMENT, before, INSTRUMENT, after)
    q1 = find(result, "work", "Q1")
    assert (q1["previous_score"], q1["current_score"], q1["change"]) == (25.0, 75.0, 50.0)
    assert q1["significant"] is True and q1["p_value"] < 0.001
    assert (q1["n_previous"], q1["n_current"]) == (6, 6)
    assert find(result, "work")["change"] == 50.0  # Q1 is the only answered item
    assert result["test"] == TEST_NAME


def test_a_small_wobble_is_noise_and_matches_scipy():
    before = rows(["p", "g", "f", "vg", "vp", "f"])
    after = rows(["f", "g", "p", "vg", "f", "g"])
    q1 = find(compare_cycles(INSTRUMENT, before, INSTRUMENT, after), "work", "Q1")
    a = np.array([25, 75, 50, 100, 0, 50.0])
    b = np.array([50, 75, 25, 100, 50, 75.0])
    expected = stats.ttest_ind(b, a, equal_var=False).pvalue
    assert q1["change"] == round(b.mean() - a.mean(), 1) == 12.5
    assert q1["p_value"] == round(expected, 4) and q1["significant"] is False


def test_small_cycles_are_withheld():
    q1 = find(
        compare_cycles(INSTRUMENT, rows(["g"] * 4), INSTRUMENT, rows(["f"] * 9)), "work", "Q1"
    )
    assert q1["change"] is None and q1["suppressed"] is True
    assert (q1["n_previous"], q1["n_current"]) == (None, 9)


def test_constant_samples():
    assert welch_test(np.full(5, 50.0), np.full(5, 50.0)) == (0.0, 1.0)
    assert welch_test(np.full(5, 50.0), np.full(5, 75.0))[1] == 0.0
    assert welch_test(np.array([1.0]), np.full(5, 75.0)) == (None, None)


def test_versions_are_matched_on_stable_ids_and_scoring():
    newer = copy.deepcopy(INSTRUMENT_DATA)
    newer["version"] = 2
    newer["sections"][0]["questions"][1]["options"] = newer["sections"][0]["questions"][1][
        "options"
    ][
        1:
    ]  # Q2 rescored: partly / yes only
    newer["sections"][0]["questions"].append(
        {
            "id": "Q9",
            "text": "Q9",
            "type": "scale",
            "area": "work",
            "scored": True,
            "addition": True,
            "min": 0,
            "max": 10,
        }
    )
    newer = build_instrument(newer)
    result = compare_cycles(INSTRUMENT, rows(["g"] * 5), newer, rows(["g"] * 5))
    assert {"id": "Q2", "reason": "scored differently"} in result["not_comparable"]
    assert {"id": "Q9", "reason": "not in the previous cycle"} in result["not_comparable"]
    assert [i["id"] for i in find(result, "work")["items"]] == ["Q1"]
    assert result["previous"]["version"] == 1 and result["current"]["version"] == 2
    with pytest.raises(ValueError, match="same instrument"):
        compare_cycles(INSTRUMENT, [], build_instrument({**INSTRUMENT_DATA, "id": "other"}), [])
