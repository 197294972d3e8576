"""A remark staff add to answers about other things joins the theme it is about
(analysis.theme_asides): "I rarely see the PSW" is shown beside "The PSW is visible and
approachable", not scattered among other themes' "other things"."""

from types import SimpleNamespace

from analysis.statements import Statement
from analysis.theme_asides import aside_moves

ASIDE = "I rarely see the PSW and I am not sure what the role does."
SUPERVISION = [
    "Supervision is regular and reflective.",
    "Supervision gets cancelled when the team is busy.",
    "My manager protects supervision time.",
]
CASELOAD = [
    "My caseload is too high to manage.",
    "I work late to keep on top of my caseload.",
    "Waiting lists keep growing every month.",
]
PSW = ["The PSW is visible and approachable.", "The PSW runs good practice forums."]


def _model(asides_in=(6, 6), aside=ASIDE, writer=None):
    """Three themes: answers about supervision and caseloads, each with ``asides_in`` of
    ``aside`` among them, and answers about the PSW. ``writer``: who wrote each aside (by
    default, each statement its own writer)."""
    statements, themes = [], []

    def theme(label, texts, copies, extra):
        start = len(statements)
        for _ in range(copies):
            for text in texts:
                statements.append(Statement(text=text, row=len(statements), question=label))
        asides = list(range(len(statements), len(statements) + extra))
        for _ in range(extra):
            statements.append(Statement(text=aside, row=len(statements), question=label))
        members = list(range(start, len(statements)))
        themes.append(SimpleNamespace(kind="theme", label=label, members=members, parts=[]))
        return asides

    asides = theme("Supervision", SUPERVISION, 10, asides_in[0])
    asides += theme("Managing your caseload", CASELOAD, 10, asides_in[1])
    theme("PSW is visible and approachable", PSW, 10, 0)

    def writers(row):
        return writer if writer is not None and row in asides else ("person", row)

    model = SimpleNamespace(
        themes_=themes, statements_=statements, writers=writers, min_part_writers=5
    )
    return model, asides


def test_a_remark_added_under_several_questions_joins_the_theme_it_is_about():
    model, asides = _model()
    moves = aside_moves(model)
    assert {(left, joined) for _, left, joined, _ in moves} == {(0, 2), (1, 2)}
    assert sorted(i for members, *_ in moves for i in members) == asides
    part = moves[0][3]
    assert all(move[3] is part for move in moves)  # one part, added once
    assert sorted(part["members"]) == asides and part["size"] == len(asides)
    assert part["label"] != "Other comments"
    assert part["label"].lower() in ASIDE.lower()


def test_a_remark_one_person_wrote_stays_where_it_is():
    model, _ = _model(writer=("person", "one"))
    assert aside_moves(model) == []


def test_a_remark_mostly_under_one_question_stays_with_it():
    model, _ = _model(asides_in=(10, 2))
    assert aside_moves(model) == []


def test_a_remark_no_theme_is_named_for_stays_where_it_is():
    model, _ = _model(aside="Parking near the office is hard to find most days.")
    assert aside_moves(model) == []
