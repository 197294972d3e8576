"""Scores checked against values worked out by hand on the mini instrument.

Hand working for the main fixture (values: 5 options -> 0/25/50/75/100; no/partly/yes ->
0/50/100; "not used" carries no score; scale 1-5 -> 0/25/50/75/100):

    resp  Q1        Q2             work index    S
    r1    vg 100    yes 100        100           5 -> 100
    r2    g   75    no    0        37.5          4 -> 75
    r3    f   50    not_used -     50            -
    r4    p   25    partly 50      37.5          -
    r5    -         yes 100        100           -
    r6    vp   0    -              0             -
    r7    -         no    0        0             -

Work: mean 325/7 = 46.43, sd 41.278, t(0.975, 6) = 2.4469, half-width 38.18 -> 8.3 to 84.6;
favourable answers: Q1 vg, g (2 of 5: top two of five points) + Q2 yes, yes (2 of 5: top
one of three points, "partly" is not favourable) = 4 of 10 = 40%.
Q1: mean 50, sd 39.528, t(0.975, 4) = 2.7764, half-width 49.08 -> 0.9 to 99.1; 2 of 5 = 40%.
Q2: mean 50, sd 50, half-width 62.08 -> clipped to 0 and 100; 2 of 5 = 40%.
Delivery: 2 respondents -> withheld. Tools and Quiet: nobody answered -> n 0, no score.
"""

import math

import numpy as np
import pytest

from analysis.scoring import RagThresholds, group_stats, item_values, score_responses, scored_items
from surveys import InstrumentError, build_instrument

from .score_fixtures import INSTRUMENT, INSTRUMENT_DATA

ROWS = [
    {"response_id": "r1", "Q1": "vg", "Q2": "yes", "S": "5", "about_role": "sw"},
    {"response_id": "r2", "Q1": "g", "Q2": "no", "S": 4, "about_role": "sw"},
    {"response_id": "r3", "Q1": "f", "Q2": "not_used", "G.it": "not_used", "about_role": "sw"},
    {"response_id": "r4", "Q1": "p", "Q2": "partly", "Q3": "N/A", "about_role": "sw"},
    {"response_id": "r5", "Q1": None, "Q2": "yes", "about_role": "sw"},
    {"response_id": "r6", "Q1": "vp", "Q2": "", "about_role": "ot"},
    {"response_id": "r7", "Q2": "no", "about_role": "prefer_not_to_say"},
]


def area(result, area_id):
    return next(a for a in result["areas"] if a["id"] == area_id)


def item(result, item_id):
    return next(i for a in result["areas"] for i in a["items"] if i["id"] == item_id)


@pytest.fixture(scope="module")
def result():
    return score_responses(INSTRUMENT, ROWS)


def test_area_score_is_the_mean_of_respondent_indices(result):
    work = area(result, "work")
    assert work == {
        **work,
        "id": "work",
        "name": "Workload",
        "n": 7,
        "score": 46.4,
        "ci_low": 8.3,
        "ci_high": 84.6,
        "favourable_pct": 40.0,
        "rag": "red",
        "suppressed": False,
    }
    assert [i["id"] for i in work["items"]] == ["Q1", "Q2"]  # Q3 is text: not scored


def test_question_figures(result):
    q1 = item(result, "Q1")
    assert (q1["n"], q1["score"], q1["ci_low"], q1["ci_high"]) == (5, 50.0, 0.9, 99.1)
    assert (q1["favourable_pct"], q1["rag"], q1["text"]) == (40.0, "amber", "How fair?")
    q2 = item(result, "Q2")
    assert (q2["n"], q2["score"], q2["ci_low"], q2["ci_high"]) == (5, 50.0, 0.0, 100.0)
    assert q2["favourable_pct"] == 40.0  # "partly" is not favourable on three points


def test_small_area_is_withheld_and_empty_areas_have_no_score(result):
    delivery = area(result, "delivery")
    assert delivery["suppressed"] is True
    assert delivery["n"] is None and delivery["score"] is None and delivery["ci_low"] is None
    assert item(result, "S")["suppressed"] is True
    for area_id in ("tools", "quiet"):
        empty = area(result, area_id)
        assert (empty["n"], empty["score"], empty["rag"], empty["suppressed"]) == (
            0,
            None,
            None,
            False,
        )
    assert [i["id"] for i in area(result, "tools")["items"]] == ["G.it", "G.cars"]


def test_one_respondent_shows_nothing_but_the_count_of_responses():
    result = score_responses(INSTRUMENT, ROWS[:1])
    assert result["respondents"] == 1
    work = area(result, "work")
    assert work["suppressed"] is True and work["score"] is None and work["n"] is None


def test_one_value_has_no_interval():
    stats = group_stats(np.array([80.0]), np.array([1.0]), np.array([1.0]), np.array([0]), 1)
    assert stats.n[0] == 1 and stats.mean[0] == 80.0
    assert math.isnan(stats.low[0]) and math.isnan(stats.high[0])


def test_identical_values_give_a_zero_width_interval():
    stats = group_stats(np.full(6, 75.0), np.ones(6), np.ones(6), np.zeros(6, dtype=int), 1)
    assert (stats.mean[0], stats.low[0], stats.high[0], stats.favourable[0]) == (75, 75, 75, 100)


def test_item_values_and_unscored_options():
    items = scored_items(INSTRUMENT)
    assert [i.id for i in items] == ["Q1", "Q2", "G.it", "G.cars", "S", "E"]
    q2 = items[1]
    values = item_values(q2, [{"Q2": "no"}, {"Q2": "partly"}, {"Q2": "not_used"}, {}])
    assert values[:2].tolist() == [0.0, 50.0] and np.isnan(values[2:]).all()
    scale = items[4]
    assert item_values(scale, [{"S": 1}, {"S": "3"}, {"S": 5.0}]).tolist() == [0, 50, 100]
    assert scale.favourable_from == 75.0  # 4 or 5 of 5
    assert items[5].favourable_from == 100.0  # two options: only the top one


def test_unknown_answer_is_a_clear_error():
    with pytest.raises(ValueError, match="column Q1: 'sometimes' is not an answer to Q1"):
        score_responses(INSTRUMENT, [{"response_id": "x", "Q1": "sometimes"}])
    with pytest.raises(ValueError, match="about_team: 't9' is not an option"):
        score_responses(INSTRUMENT, [{"response_id": "x", "about_team": "t9"}])


def test_rag_thresholds():
    default = RagThresholds()
    assert [default.rag(s) for s in (70.0, 69.9, 50.0, 49.9, None)] == [
        "green",
        "amber",
        "amber",
        "red",
        None,
    ]
    custom = RagThresholds(green=80, amber=60)
    assert custom.rag(75) == "amber" and custom.rag(59.9) == "red"
    for bad in ({"green": 50, "amber": 50}, {"green": 101}, {"amber": -1}, {"green": "70"}):
        with pytest.raises(ValueError):
            RagThresholds(**bad)
    result = score_responses(INSTRUMENT, ROWS, thresholds={"green": 45, "amber": 40})
    assert area(result, "work")["rag"] == "green"


def test_min_group_can_be_raised_but_never_lowered():
    assert area(score_responses(INSTRUMENT, ROWS, min_group=8), "work")["suppressed"] is True
    with pytest.raises(ValueError, match="cannot be lower than 5"):
        score_responses(INSTRUMENT, ROWS, min_group=4)


def test_breakdown_withholds_small_groups_and_their_complement(result):
    role = next(b for b in result["breakdowns"] if b["id"] == "role")
    assert role["column"] == "about_role"
    assert [g["code"] for g in role["groups"]] == ["sw", "ot", "not_stated"]
    work = next(a for a in role["areas"] if a["id"] == "work")
    # sw has 5, but ot (1) and not stated (1) would be "total minus sw": sw is withheld too.
    assert [g["suppressed"] for g in work["groups"]] == [True, True, True]
    assert all(g["n"] is None and g["score"] is None for g in work["groups"])


def test_breakdown_figures_by_hand():
    # Team t1: six respondents answering Q1 = vg, vg, g, g, f, f -> 100,100,75,75,50,50.
    # Team t2: six answering p, p, p, vp, vp, f -> 25,25,25,0,0,50. Team t3: two -> withheld,
    # so the smallest published team (a tie at 6: the first in order, t1) is withheld too.
    answers = {"t1": ["vg", "vg", "g", "g", "f", "f"], "t2": ["p", "p", "p", "vp", "vp", "f"]}
    rows = [
        {"response_id": f"{team}{i}", "Q1": a, "about_team": team}
        for team, codes in answers.items()
        for i, a in enumerate(codes)
    ]
    result = score_responses(INSTRUMENT, rows)
    team = next(b for b in result["breakdowns"] if b["id"] == "team")
    groups = next(a for a in team["areas"] if a["id"] == "work")["groups"]
    t1, t2 = groups
    assert (t1["n"], t1["score"], t1["favourable_pct"], t1["rag"]) == (6, 75.0, 66.7, "green")
    assert (t2["n"], t2["score"], t2["favourable_pct"], t2["rag"]) == (6, 20.8, 0.0, "red")
    # t1 deviations 25,25,0,0,-25,-25: sd = sqrt(2500/5) = 22.36, t(0.975, 5) = 2.5706,
    # half-width 2.5706 * 22.36 / sqrt(6) = 23.47
    assert (t1["ci_low"], t1["ci_high"]) == (51.5, 98.5)
    q1 = next(a for a in team["areas"] if a["id"] == "work")["items"][0]
    assert q1["id"] == "Q1" and q1["groups"][0]["score"] == 75.0
    assert area(result, "work")["score"] == 47.9  # (450 + 125) / 12

    rows += [{"response_id": f"t3{i}", "Q1": "vg", "about_team": "t3"} for i in range(2)]
    result = score_responses(INSTRUMENT, rows)
    team = next(b for b in result["breakdowns"] if b["id"] == "team")
    groups = next(a for a in team["areas"] if a["id"] == "work")["groups"]
    assert [g["code"] for g in groups] == ["t1", "t2", "t3"]
    assert [g["suppressed"] for g in groups] == [True, False, True]
    assert groups[1]["score"] == 20.8


def test_instrument_without_about_questions_has_no_breakdowns():
    instrument = build_instrument({**INSTRUMENT_DATA, "sections": INSTRUMENT_DATA["sections"][:1]})
    result = score_responses(instrument, ROWS)
    assert result["breakdowns"] == []
    assert (area(result, "work")["score"], area(result, "work")["n"]) == (46.4, 7)


def test_a_scored_multiple_choice_question_is_refused_when_the_instrument_is_loaded():
    """Multiple choice is never scored (surveys/question_types.py), so marking one scored is an
    error in the file rather than a figure that silently never appears."""
    question = {
        "id": "X",
        "text": "X",
        "type": "multiple",
        "area": "work",
        "scored": True,
        "addition": True,
        "options": [{"code": "a", "label": "A"}, {"code": "b", "label": "B"}],
    }
    section = {"id": "x", "title": "X", "area": "work", "questions": [question]}
    with pytest.raises(InstrumentError, match="question X: multiple questions cannot be scored"):
        build_instrument({**INSTRUMENT_DATA, "sections": [section]})
