"""Focus-group scores and counts, summarised as focus-group evidence."""

import pytest

from analysis.focus_group_figures import FocusGroupFiguresError, summarise_focus_groups

from .score_fixtures import INSTRUMENT

GROUPS = [
    {
        "id": "north",
        "participants": 4,
        "scores": {"S": [5, 4, 3]},
        "counts": {"Y": {"yes": 2, "no": 1}, "M": {"a": 3, "none": 1}},
    },
    {
        "id": "south",
        "participants": 3,
        "scores": {"S": [1, 5]},
        "counts": {"Y": {"yes": 1, "partly": 2}, "M": {"b": 2}},
    },
]


def test_scores_and_counts_are_pooled_and_labelled():
    result = summarise_focus_groups(INSTRUMENT, GROUPS)
    assert (result["source"], result["label"]) == ("focus_group", "Focus-group evidence")
    assert (result["focus_groups"], result["participants"]) == (2, 7)
    s, m, y = result["questions"]
    # S: 5,4,3,1,5 -> mean 3.6, median 4; on 0-100: (3.6 - 1) / 4 * 100 = 65; 4 or 5: 3 of 5
    assert (s["id"], s["kind"], s["n"], s["mean"], s["median"]) == ("S", "scores", 5, 3.6, 4.0)
    assert (s["min"], s["max"], s["score"], s["favourable_pct"]) == (1, 5, 65.0, 60.0)
    assert y["n"] == 6  # single choice: shares of those who answered
    assert [(c["code"], c["count"], c["pct"]) for c in y["counts"]] == [
        ("no", 1, 16.7),
        ("partly", 2, 33.3),
        ("yes", 3, 50.0),
    ]
    assert m["n"] == 7  # multiple choice: shares of all participants asked
    assert [(c["code"], c["count"]) for c in m["counts"]] == [("a", 3), ("b", 2), ("none", 1)]


def test_fewer_than_five_answers_are_withheld():
    result = summarise_focus_groups(INSTRUMENT, GROUPS[:1])
    s = result["questions"][0]
    assert s["suppressed"] is True and s["mean"] is None and s["n"] is None


def test_bad_figures_are_listed():
    bad = [
        {"participants": 2, "scores": {"S": [7, 3, 4], "Q1": [1]}, "counts": {"Y": {"maybe": 1}}},
        {"participants": 0},
    ]
    with pytest.raises(FocusGroupFiguresError) as caught:
        summarise_focus_groups(INSTRUMENT, bad)
    assert caught.value.errors == [
        "Focus group 1, S: 7 is not a whole number 1 to 5",
        "Focus group 1, S: 3 scores for 2 participants",
        "Focus group 1, Q1: not a question with focus-group scores",
        "Focus group 1, Y: 'maybe' is not an option",
        "Focus group 2: participants must be a whole number of at least 1",
    ]
