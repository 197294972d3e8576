"""Strengths and areas for improvement proposed from the question scores."""

from analysis.scoring import RagThresholds
from analysis.strengths import (
    may_be_strength,
    propose_for_area,
    propose_strengths_and_improvements,
)


def item(item_id, score, n=20, favourable=50.0, suppressed=False):
    """A scored question as score_responses gives it, rated with the default thresholds."""
    return {
        "id": item_id,
        "text": item_id,
        "score": score,
        "n": n,
        "favourable_pct": favourable,
        "ci_low": None,
        "ci_high": None,
        "rag": None if score is None else RagThresholds().rag(score),
        "suppressed": suppressed,
    }


SCORES = {
    "areas": [
        {
            "id": "work",
            "name": "Workload",
            "items": [
                item("Q1", 80.0),
                item("Q2", 80.0, favourable=70.0),
                item("Q3", 20.0),
                item("Q4", 95.0, n=6),  # tiny n: ignored
                item("Q5", None, n=None, suppressed=True),
            ],
        },
        {
            "id": "tools",
            "name": "Tools",
            "items": [
                item("Q6", 20.0, favourable=10.0),
                item("Q7", 55.0),
                item("Q8", 20.0, n=30),
            ],
        },
    ]
}


def ids(entries):
    return [e["item"] for e in entries]


def test_highest_and_lowest_with_ties_broken_by_favourable_then_n():
    result = propose_strengths_and_improvements(SCORES, count=2)
    assert ids(result["strengths"]) == ["Q2", "Q1"]  # tie at 80: more favourable first
    assert ids(result["improvements"]) == ["Q6", "Q8"]  # tie at 20: less favourable, then n
    evidence = result["strengths"][0]
    assert (evidence["area"], evidence["score"], evidence["n"], evidence["favourable_pct"]) == (
        "work",
        80.0,
        20,
        70.0,
    )


def test_a_question_is_never_both():
    few = {
        "areas": [
            {
                "id": "a",
                "name": "A",
                "items": [item("Q1", 80.0), item("Q2", 40.0), item("Q3", 75.0)],
            }
        ]
    }
    result = propose_strengths_and_improvements(few, count=3)
    assert ids(result["strengths"]) == ["Q1", "Q3"]
    assert ids(result["improvements"]) == ["Q2"]


def test_nothing_to_propose():
    result = propose_strengths_and_improvements({"areas": []})
    assert result["strengths"] == [] and result["improvements"] == []


def test_a_self_rated_question_is_never_a_strength_and_goes_by_its_short_title():
    top = {**item("Q9", 99.0), "self_rated": True, "short_title": "Right knowledge and skills"}
    low = {**item("Q10", 5.0), "short_title": "Access to IT", "text": "A 70-word question"}
    others = [item(f"Q{i}", 40.0 + i) for i in range(1, 7)]
    scores = {"areas": [{"id": "a", "name": "A", "items": [top, low, *others]}]}
    proposals = propose_strengths_and_improvements(scores)
    assert "Q9" not in [s["item"] for s in proposals["strengths"]]
    assert [s["text"] for s in proposals["improvements"]][0] == "Access to IT"


def rated(item_id, score, **extra):
    return {**item(item_id, score), "rag": RagThresholds().rag(score), **extra}


def test_in_an_area_only_green_questions_are_strengths_and_the_weakest_is_an_improvement():
    # the workload area rated red, 42.7: nothing reaches green, so no strength is proposed
    red_area = [rated("Q5", 42.8), rated("overall", 45.0), rated("Q1", 38.0)]
    strengths, improvements = propose_for_area(red_area, "red")
    assert strengths == []
    assert [i["id"] for i in improvements] == ["Q1", "Q5"]
    # an amber area with nothing below amber still proposes its weakest question
    amber = [rated("Q1", 72.0), rated("Q2", 55.0), rated("Q3", 60.0)]
    strengths, improvements = propose_for_area(amber, "amber")
    assert [i["id"] for i in strengths] == ["Q1"] and [i["id"] for i in improvements] == ["Q2"]
    # a green area with nothing below amber proposes no improvement; self-rated is no strength
    green = [rated("Q9", 90.0, self_rated=True), rated("Q1", 75.0), rated("Q2", 65.0)]
    strengths, improvements = propose_for_area(green, "green")
    assert [i["id"] for i in strengths] == ["Q1"] and improvements == []


def test_the_overview_proposes_as_strengths_only_what_an_area_would():
    """Found at the end of issue 15: the overview listed "Fairness of work allocation: score
    38.0" as a strength because it was among the highest scores. One rule now decides."""
    amber_top = item("Q1", 65.0, favourable=40.0)
    self_rated = {**item("Q9", 30.0), "self_rated": True, "short_title": "Right knowledge"}
    lows = [item(f"Q{i}", 45.0 + i) for i in range(2, 6)]
    scores = {"areas": [{"id": "a", "name": "A", "items": [amber_top, self_rated, *lows]}]}
    proposals = propose_strengths_and_improvements(scores)
    assert proposals["strengths"] == []  # nothing green: no strength, however high
    green = item("Q6", 82.0)
    scores["areas"][0]["items"].append(green)
    proposals = propose_strengths_and_improvements(scores)
    assert ids(proposals["strengths"]) == ["Q6"]
    assert all(may_be_strength(s) for s in scores["areas"][0]["items"] if s["id"] == "Q6")
    # A self-rated question may be an improvement (a training need), marked as the staff's
    # own view so that pages and the report can say so.
    first = proposals["improvements"][0]
    assert (first["item"], first["text"], first["self_rated"]) == ("Q9", "Right knowledge", True)


def test_a_theme_is_proposed_for_an_area_only_when_a_quarter_of_it_is_about_the_area():
    from analysis.strengths import theme_may_be_proposed

    assert theme_may_be_proposed(100, 25)
    assert not theme_may_be_proposed(100, 24)
    assert not theme_may_be_proposed(150, 6)  # "Time to attend": 6 statements on the area
    assert not theme_may_be_proposed(100, None)  # unknown: never
    assert not theme_may_be_proposed(None, 10)


def test_a_theme_mostly_about_self_rated_questions_is_never_a_strength():
    from analysis.strengths import theme_may_be_strength

    own = {"Q9", "Q16"}
    assert not theme_may_be_strength({"Q9": 30, "Q7": 15}, own)
    assert not theme_may_be_strength({"Q9": 10, "Q16": 10, "Q7": 20}, own)  # half
    assert theme_may_be_strength({"Q9": 10, "Q7": 30}, own)
    assert theme_may_be_strength({}, own)


def test_a_quote_saying_the_question_does_not_apply_is_not_evidence():
    from analysis.strengths import says_not_applicable

    for text in (
        "Not applicable to my role, I am a social worker.",
        "N/A",
        "n/a - I work nights",
        "This does not apply to me as I am part time.",
    ):
        assert says_not_applicable(text), text
    for text in (
        "Nana visits help a lot",
        "The legal advice applicable to my cases is slow",
        "Not enough time for supervision",
    ):
        assert not says_not_applicable(text), text
