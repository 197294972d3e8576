"""A part of a theme that answers another question joins that question's theme
(analysis.theme_moves): "It is a tick box exercise", said of supervision, is not shown as a
part of "Training offer"."""

from types import SimpleNamespace

import numpy as np
import pytest

from analysis.statements import Statement
from analysis.theme_clusters import ThemeModel
from analysis.theme_moves import misplaced_parts

TRAINING = [
    "Training on the Care Act for new starters",
    "More training courses on mental capacity",
    "Training on the case recording system",
    "Refresher training on safeguarding adults",
    "Training courses run by the PSW are good",
    "More specialist training for AMHP work",
]
SUPERVISION = [
    "Supervision is regular and reflective",
    "My supervisor protects the supervision time",
    "Supervision gets cancelled when the team is busy",
    "Group supervision helps me learn from colleagues",
    "Supervision is mostly case management with little reflection",
    "Reflective supervision with my manager helps",
]
# Said of supervision, in the words of training.
TICK_BOX = [
    "It is a tick box exercise, like the training courses",
    "A tick box exercise, the same as the training courses",
]
TITLES = {"Q1": "Training offer", "Q2": "Supervision"}


def corpus():
    rows = []
    for texts, question, copies in (
        (TRAINING, "Q1", 8),
        (SUPERVISION, "Q2", 8),
        (TICK_BOX, "Q2", 6),
    ):
        for _ in range(copies):
            for text in texts:
                rows.append(Statement(text=text, row=len(rows), question=question))
    return rows


@pytest.mark.parametrize("k", [2, 3])
def test_a_part_answering_another_question_joins_that_questions_theme(k):
    statements = corpus()
    # Words alone (no question feature), the tick-box answers sit with training.
    model = ThemeModel(k=k, question_weight=0, question_titles=TITLES).fit(statements)
    themes = [t for t in model.themes_ if t.kind == "theme"]
    assert sorted(t.label for t in themes) == ["Supervision", "Training offer"]
    for theme in themes:
        questions = {statements[i].question for i in theme.members}
        assert len(questions) == 1, (theme.label, questions)
        for part in theme.parts:
            assert set(part["members"]) <= set(theme.members)
        assert {statements[q["row"]].question for q in theme.quotes} <= questions
    supervision = next(t for t in themes if t.label == "Supervision")
    assert "Tick box exercise" in [p["label"] for p in supervision.parts]
    assert sum(t.size for t in themes) == len(statements)
    # Each statement is placed by the centre of the theme it is now in.
    norms = np.linalg.norm(model.centroids_, axis=1)
    assert np.allclose(norms[norms > 0], 1.0, atol=1e-5)
    for theme_index, theme in enumerate(model.themes_):
        for i in theme.members:
            assert model.labels_[i] == theme_index


def test_themes_headed_by_one_questions_title_are_one():
    statements = corpus()
    # With the question as a feature, the tick-box answers are a theme of their own, headed
    # "Supervision: tick box exercise" beside "Supervision": one theme, in parts.
    model = ThemeModel(k=3, question_titles=TITLES).fit(statements)
    themes = [t for t in model.themes_ if t.kind == "theme"]
    assert sorted(t.label for t in themes) == ["Supervision", "Training offer"]
    supervision = next(t for t in themes if t.label == "Supervision")
    assert supervision.size == 8 * len(SUPERVISION) + 6 * len(TICK_BOX)
    assert "Tick box exercise" in [p["label"] for p in supervision.parts]
    # A statement like the tick-box ones is placed in the joined theme.
    new = Statement(
        text="Supervision is a tick box exercise, like the training courses", row=0, question="Q2"
    )
    [placed] = model.predict([new])
    assert placed >= 0 and model.themes_[int(placed)].label == "Supervision"


def _theme(members, parts, kind="theme", label="Theme"):
    return SimpleNamespace(kind=kind, members=members, parts=parts, label=label)


def _part(members, label="Part"):
    return {"label": label, "size": len(members), "members": members}


def test_the_rule_moves_a_part_of_another_question_to_where_that_question_lives():
    questions = ["Q1"] * 20 + ["Q2"] * 10 + ["Q2"] * 30
    part = _part(list(range(20, 30)), "Tick box exercise")
    themes = [
        _theme(list(range(30)), [_part(list(range(10))), _part(list(range(10, 20))), part]),
        _theme(list(range(30, 60)), []),
    ]
    assert misplaced_parts(themes, questions) == [(part["members"], 0, 1, part)]


def test_the_rule_leaves_a_part_where_it_is_unless_each_condition_holds():
    part = _part(list(range(20, 30)))
    other = _part(list(range(10)))

    def moves(questions, first=None, second_size=30):
        themes = [
            _theme(list(range(30)), first or [other, part]),
            _theme(list(range(30, 30 + second_size)), []),
        ]
        return misplaced_parts(themes, questions + ["Q2"] * second_size)

    assert moves(["Q1"] * 20 + ["Q2"] * 10)  # the case that moves
    # Statements without a question (plain rows) never move.
    assert not misplaced_parts(
        [_theme(list(range(30)), [other, part]), _theme(list(range(30, 60)), [])], [None] * 60
    )
    # The part does not mostly answer one question.
    assert not moves(["Q1"] * 20 + ["Q2"] * 5 + ["Q3"] * 5)
    # Its question is most of its own theme.
    assert not moves(["Q1"] * 10 + ["Q2"] * 20, first=[other, part])
    # No other theme holds half as many again of its answers.
    assert not moves(["Q1"] * 20 + ["Q2"] * 10, second_size=14)
    # A theme never gives away more than half of itself.
    questions = ["Q1"] * 14 + ["Q2"] * 13 + ["Q3"] * 3
    assert moves(questions, first=[_part(list(range(14))), _part(list(range(17, 30)))])
    assert not moves(questions, first=[_part(list(range(14))), _part(list(range(14, 30)))])
    # "Nothing to add" is not a theme to join.
    themes = [
        _theme(list(range(30)), [other, part]),
        _theme(list(range(30, 60)), [], kind="nothing"),
    ]
    assert not misplaced_parts(themes, ["Q1"] * 20 + ["Q2"] * 40)


def test_the_rule_joins_only_themes_headed_by_one_questions_title():
    from analysis.theme_moves import sibling_themes

    titles = {"Q1": "Tools to do the job", "Q2": "Training offer"}
    questions = ["Q1"] * 30 + ["Q1"] * 10 + ["Q1"] * 12 + ["Q2"] * 8
    themes = [
        _theme(list(range(30)), [], label="Tools to do the job"),
        _theme(list(range(30, 40)), [], label="Tools to do the job: translators are hard to book"),
        _theme(list(range(40, 52)), [], label="Pool cars"),  # not headed by the title
        _theme(list(range(52, 60)), [], label="Training offer: more training"),
    ]
    assert sibling_themes(themes, questions, titles) == [(list(range(30, 40)), 1, 0, None)]
    # Without titles, or where a theme answers no one question mostly, nothing joins.
    assert sibling_themes(themes, questions, {}) == []
    mixed = questions[:30] + ["Q2"] * 5 + ["Q1"] * 5 + questions[40:]
    assert sibling_themes(themes, mixed, titles) == []


def test_a_part_taking_the_other_side_of_its_themes_question_moves_to_that_sides_theme():
    from analysis.theme_moves import other_side_parts

    titles = {"Q5": "What helps cases flow well", "Q6": "What stops cases flowing well"}
    # Theme 0 answers Q5 (what helps); its last part complains. Theme 1 answers Q6.
    questions = ["Q5"] * 30 + ["Q6"] * 30
    sentiment = np.array([0.6] * 20 + [-0.6] * 10 + [-0.5] * 30)
    complaint = _part(list(range(20, 30)), "Brokerage team are overwhelmed")
    helps = SimpleNamespace(
        kind="theme",
        members=list(range(30)),
        parts=[_part(list(range(10))), _part(list(range(10, 20))), complaint],
        label="What helps cases flow well",
        areas={"workflow": 30},
    )
    stops = SimpleNamespace(
        kind="theme",
        members=list(range(30, 60)),
        parts=[],
        label="What stops cases flowing well",
        areas={"workflow": 30},
    )
    moves = other_side_parts([helps, stops], questions, titles, sentiment)
    assert moves == [(complaint["members"], 0, 1, complaint)]
    # Not where the part leans the theme's way, where the theme is not headed by the
    # title, or where no theme of that area asks for the other side.
    assert other_side_parts([helps, stops], questions, titles, np.abs(sentiment)) == []
    helps.label = "Good handover from the hospital"
    assert other_side_parts([helps, stops], questions, titles, sentiment) == []
    helps.label = "What helps cases flow well"
    stops.areas = {"workload": 30}
    assert other_side_parts([helps, stops], questions, titles, sentiment) == []
