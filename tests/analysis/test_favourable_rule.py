"""The favourable rule: the top answer on scales of three or four points, the top two on five
or more (docs/scores.md). Each case scores one answer of every option and counts how many of
them the rule calls favourable, so a rule that took one point too many or too few fails."""

import pytest

from analysis.focus_group_figures import summarise_focus_groups
from analysis.scoring import favourable_points, score_responses
from surveys import build_instrument


def _instrument(question):
    question = {"addition": True, **question}
    return build_instrument(
        {
            "id": "rule",
            "version": 1,
            "title": "Rule",
            "areas": [{"id": "a", "name": "Area"}],
            "sections": [{"id": "a", "title": "Area", "area": "a", "questions": [question]}],
        }
    )


def _single(codes):
    return {
        "id": "Q",
        "text": "Q",
        "type": "single",
        "area": "a",
        "scored": True,
        "options": [{"code": c, "label": c} for c in codes]
        + [{"code": "not_used", "label": "Not used", "scored": False}],
    }


def _favourable(instrument, answers):
    answers = list(answers) * 5  # five of each: enough to be shown, same shares
    rows = [{"response_id": f"r{i}", "Q": a} for i, a in enumerate(answers)]
    result = score_responses(instrument, rows, min_group=5)
    return result["areas"][0]["items"][0]["favourable_pct"]


@pytest.mark.parametrize(
    "codes, favourable",
    [
        (["no", "partly", "yes"], {"yes"}),  # three points: "Partly" is not favourable
        (["poor", "fair", "good", "adequate"], {"adequate"}),  # four points: the top one
        (["vp", "p", "f", "g", "vg"], {"g", "vg"}),  # five points: the top two
    ],
)
def test_option_scales(codes, favourable):
    # every option once, plus a "not used" answer that counts as not answered
    pct = _favourable(_instrument(_single(codes)), codes + ["not_used"])
    assert pct == round(100 * len(favourable) / len(codes), 1)


def test_access_to_it_example_from_the_issue():
    """18% Adequate and 64% Partly on a three-point scale is 18% favourable, not 82%."""
    answers = ["yes"] * 18 + ["partly"] * 64 + ["no"] * 18
    assert _favourable(_instrument(_single(["no", "partly", "yes"])), answers) == 18.0


def test_one_to_ten_scale_counts_nine_and_ten():
    question = {"id": "Q", "text": "Q", "type": "scale", "area": "a", "scored": True}
    question.update(min=1, max=10)
    pct = _favourable(_instrument(question), [str(v) for v in range(1, 11)])
    assert pct == 20.0  # 9 and 10 of ten answers


def test_focus_group_scores_follow_the_same_rule():
    question = {"id": "Q", "text": "Q", "type": "scale", "area": "a", "scored": True}
    question.update(min=1, max=10, focus_group="scores")
    groups = [{"id": "g", "participants": 10, "scores": {"Q": list(range(1, 11))}}]
    summary = summarise_focus_groups(_instrument(question), groups, min_group=5)
    assert summary["questions"][0]["favourable_pct"] == 20.0
    question.update(min=1, max=4)
    groups = [{"id": "g", "participants": 8, "scores": {"Q": [1, 2, 3, 4, 4, 4, 3, 2]}}]
    summary = summarise_focus_groups(_instrument(question), groups, min_group=5)
    assert summary["questions"][0]["favourable_pct"] == 37.5  # 4 only: 3 of 8


@pytest.mark.parametrize("points, top", [(2, 1), (3, 1), (4, 1), (5, 2), (7, 2), (10, 2)])
def test_favourable_points(points, top):
    assert favourable_points(points) == top
