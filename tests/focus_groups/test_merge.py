"""The three-way merge of two people's saves of one page, on plain dicts (no app, no database)."""

import ast
from pathlib import Path

import pytest

from healthcheck.focus_groups import merge

NAMES = ["note.Q1", "note.Q2", "team", "facilitators"]
LOADED = {"note.Q1": "Caseloads high.", "note.Q2": "", "team": "North", "facilitators": ["1"]}
BASE = merge.base_of(NAMES, LOADED)


def test_a_field_only_i_changed_keeps_my_value_and_one_only_they_changed_keeps_theirs():
    stored = dict(LOADED, **{"note.Q2": "Their note."})
    mine = dict(LOADED, **{"note.Q1": "Caseloads high, duty too."})
    merged, conflicts = merge.three_way(NAMES, stored, mine, BASE)
    assert conflicts == {}
    assert merged["note.Q1"] == "Caseloads high, duty too."
    assert merged["note.Q2"] == "Their note."


def test_a_field_both_changed_differently_is_a_conflict_with_both_versions():
    stored = dict(LOADED, **{"note.Q1": "Theirs."})
    mine = dict(LOADED, **{"note.Q1": "Mine."})
    merged, conflicts = merge.three_way(NAMES, stored, mine, BASE)
    assert conflicts == {"note.Q1": ("Theirs.", "Mine.")}
    assert merged["note.Q1"] == "Mine."  # shown as mine until a choice is made


def test_the_same_change_on_both_sides_is_no_conflict():
    stored = dict(LOADED, **{"team": "South"})
    merged, conflicts = merge.three_way(NAMES, stored, dict(stored), BASE)
    assert conflicts == {} and merged["team"] == "South"


@pytest.mark.parametrize("base", [None, "", "not json", "[1, 2]"])
def test_without_a_usable_base_every_difference_is_a_conflict(base):
    stored = dict(LOADED, **{"note.Q2": "Their note."})
    _, conflicts = merge.three_way(NAMES, stored, dict(LOADED), base)
    assert conflicts == {"note.Q2": ("Their note.", "")}


def test_lists_compare_in_any_order_and_whitespace_does_not_count():
    assert merge.fingerprint(["2", "1"]) == merge.fingerprint(["1", "2"])
    stored = dict(LOADED, **{"note.Q1": "Caseloads high.\n"})
    assert merge.differences(NAMES, stored, LOADED) == {}
    assert merge.differences(NAMES, LOADED, {"team": "South"}) == {"team": ("North", "South")}


def test_choices_keep_mine_theirs_or_both():
    values = {"note.Q1": "Mine.", "note.Q2": "Mine too.", "team": "North", "facilitators": ["1"]}
    form = {
        "choice.note.Q1": "both", "theirs.note.Q1": "Theirs.",
        "choice.note.Q2": "theirs", "theirs.note.Q2": "Their Q2.",
        "choice.team": "yours", "theirs.team": "South",
        "choice.facilitators": "theirs", "theirs.facilitators": "3,2",
    }  # fmt: skip
    resolved = merge.resolve_choices(NAMES, values, form)
    assert resolved == {
        "note.Q1": "Mine.\n\nTheirs.",
        "note.Q2": "Their Q2.",
        "team": "North",
        "facilitators": ["2", "3"],
    }
    # "Keep both" never repeats text one version already holds.
    again = merge.resolve_choices(NAMES, {"note.Q1": "Mine."}, {
        "choice.note.Q1": "both", "theirs.note.Q1": "Mine. And more."
    })  # fmt: skip
    assert again["note.Q1"] == "Mine. And more."


def test_the_merge_is_pure():
    source = Path(merge.__file__).read_text(encoding="utf-8")
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add("." if node.level else node.module.split(".")[0])
    assert imported <= {"__future__", "hashlib", "json", "collections"}, imported
