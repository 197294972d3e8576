"""The small-group rules every page and download asks of analysis.suppression: counts, parts of
a whole, people described by what they wrote, one breakdown's published groups, and answer
distributions. Each is tried at and around the minimum group size."""

import pytest

from analysis.distributions import item_distribution
from analysis.suppression import (
    described_people,
    distribution_shown,
    published_groups,
    shown_count,
    shown_part,
)


@pytest.mark.parametrize("n, shown", [(None, None), (0, None), (4, None), (5, 5), (12, 12)])
def test_a_count_is_shown_from_the_minimum_group_size(n, shown):
    assert shown_count(n, 5) == shown


@pytest.mark.parametrize(
    "count, whole, shown",
    [
        (4, 20, None),  # the part is a small group
        (16, 20, None),  # the rest (4) is a small group: 20 - 16 would give it away
        (5, 10, 5),
        (20, 20, 20),  # the rest is nobody
        (0, 20, None),
    ],
)
def test_a_part_is_shown_only_when_it_and_the_rest_are_not_small(count, whole, shown):
    assert shown_part(count, whole, 5) == shown


def test_a_raised_minimum_group_size_is_obeyed():
    assert shown_part(6, 20, 7) is None and shown_count(6, 7) is None
    assert described_people(6, 7) is None


@pytest.mark.parametrize("n, shown", [(None, None), (0, 0), (1, None), (4, None), (5, 5)])
def test_people_described_by_a_theme_are_never_one_to_four(n, shown):
    assert described_people(n, 5) == shown


def test_one_small_group_takes_the_next_smallest_with_it():
    codes = ["a"] * 20 + ["b"] * 6 + ["c"] * 2
    assert published_groups(codes, 5) == {"a"}  # "c" alone, then "b" so c is not total - a - b


def test_published_groups_are_none_below_the_minimum_in_total():
    assert published_groups(["a"] * 4, 5) == frozenset()
    assert published_groups([], 5) == frozenset()


def test_not_stated_is_a_group_like_the_others():
    codes = ["a"] * 10 + ["not_stated"] * 3 + ["b"] * 5
    assert published_groups(codes, 5) == {"a"}


class Option:
    def __init__(self, code, label):
        self.code, self.label = code, label


class Question:
    type = "single"
    options = [Option("yes", "Yes"), Option("no", "No")]

    def choice_labels(self):
        return tuple((o.code, o.label) for o in self.options)


def test_a_distribution_is_shown_from_five_answers_whole_cycle_only():
    assert not distribution_shown(4, 5) and distribution_shown(5, 5)
    few = item_distribution(Question(), ["yes", "yes", "no", "", "no"], 5)
    assert few == {"n": None, "options": [], "suppressed": True}
    nobody = item_distribution(Question(), ["", ""], 5)
    assert nobody == {"n": None, "options": [], "suppressed": False}
    enough = item_distribution(Question(), ["yes"] * 4 + ["no", "", "other"], 5)
    assert enough["n"] == 5 and not enough["suppressed"]
    assert [(o["code"], o["count"], o["pct"]) for o in enough["options"]] == [
        ("yes", 4, 80.0),
        ("no", 1, 20.0),
    ]
