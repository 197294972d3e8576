"""Small-group suppression, attacked by an intruder who knows everyone's role, team and
length of service and can add and subtract any published figures."""

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.scoring import score_responses
from analysis.suppression import check_min_group, plan_suppression, role_figures

from .score_fixtures import INSTRUMENT

BREAKDOWNS = ("role", "team", "service")
SUBSETS = [
    combo for size in (1, 2, 3) for combo in itertools.combinations(BREAKDOWNS, size)
]  # every breakdown alone, every pair, and all three (what the app shows together)


def known_sets(people, plan, names):
    """Everything the intruder knows a sum for: the total, each published group, and each
    breakdown's withheld remainder (total minus its published groups)."""
    size = len(people[names[0]]) if names else 0
    sets = []
    if plan.total:
        sets.append(np.ones(size, dtype=int))
    for name in names:
        codes = np.asarray(people[name])
        published = np.zeros(size, dtype=bool)
        for code in plan.published[name]:
            sets.append((codes == code).astype(int))
            published |= codes == code
        if plan.total and (~published).any():
            sets.append((~published).astype(int))
    return sets


def differencing_attack(sets, min_group, terms=3):
    """Sums and differences of up to ``terms`` known sets: any that is exactly a group of 1 to
    min_group - 1 people is a disclosure. Returns the first one found, or None."""
    if not sets:
        return None
    matrix = np.array(sets)
    for k in range(1, min(terms, len(sets)) + 1):
        for combo in itertools.combinations(range(len(sets)), k):
            for signs in itertools.product((1, -1), repeat=k - 1):
                vector = matrix[combo[0]] + np.array(signs) @ matrix[list(combo[1:])]
                if ((vector == 0) | (vector == 1)).all() and 1 <= vector.sum() < min_group:
                    return combo, signs, vector
    return None


def linear_attack(people, sets, names, min_group):
    """Exact: any set of 1 to min_group - 1 people whose indicator is a linear combination of
    the known sets, found by brute force over unions of small cells."""
    if not sets:
        return None
    keys = list(zip(*(people[n] for n in names)))
    cells = sorted(set(keys))
    counts = np.array([keys.count(c) for c in cells])
    member = np.array([[keys[i] == c for c in cells] for i in range(len(keys))], dtype=float)
    over_cells = np.array(sets, dtype=float) @ member / np.maximum(counts, 1)  # sets x cells
    projector = np.linalg.pinv(over_cells) @ over_cells
    small = [i for i, c in enumerate(counts) if c < min_group]
    for k in range(1, min_group):
        for combo in itertools.combinations(small, k):
            if counts[list(combo)].sum() >= min_group:
                continue
            indicator = np.zeros(len(cells))
            indicator[list(combo)] = 1
            if np.allclose(projector @ indicator, indicator, atol=1e-7):
                return [cells[i] for i in combo]
    return None


people_strategy = st.integers(min_value=0, max_value=28).flatmap(
    lambda n: st.fixed_dictionaries(
        {
            "role": st.lists(st.sampled_from("ABC"), min_size=n, max_size=n),
            "team": st.lists(st.sampled_from("wxyz"), min_size=n, max_size=n),
            "service": st.lists(st.sampled_from("12"), min_size=n, max_size=n),
        }
    )
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=people_strategy, subset=st.sampled_from(SUBSETS), min_group=st.sampled_from([5, 6]))
def test_intruder_never_recovers_a_small_group(people, subset, min_group):
    groupings = {name: people[name] for name in subset}
    plan = plan_suppression(groupings, min_group)
    sets = known_sets(people, plan, subset)
    assert differencing_attack(sets, min_group) is None
    assert linear_attack(people, sets, subset, min_group) is None
    for name in subset:  # nothing shown is itself small
        codes = list(people[name])
        assert all(codes.count(code) >= min_group for code in plan.published[name])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    people=st.integers(min_value=0, max_value=30).flatmap(
        lambda n: st.lists(
            st.tuples(
                st.sampled_from(["sw", "ot", "mgr", "prefer_not_to_say", None]),
                st.sampled_from(["t1", "t2", "t3", None]),
                st.sampled_from(["s1", "s2"]),
                st.sampled_from(["vp", "p", "f", "g", "vg", None]),
            ),
            min_size=n,
            max_size=n,
        )
    )
)
def test_intruder_on_published_scores(people):
    """The same attack on what score_responses publishes, for the area and its question."""
    rows = [
        {"response_id": str(i), "Q1": q1, "about_role": r, "about_team": t, "about_service": s}
        for i, (r, t, s, q1) in enumerate(people)
    ]
    result = score_responses(INSTRUMENT, rows)
    answered = [row for row in rows if row["Q1"] is not None]
    normal = {None: "not_stated", "prefer_not_to_say": "not_stated"}
    population = {
        name: [normal.get(row[f"about_{name}"], row[f"about_{name}"]) for row in answered]
        for name in BREAKDOWNS
    }
    work = next(a for a in result["areas"] if a["id"] == "work")
    total_shown = work["score"] is not None
    assert total_shown == (len(answered) >= 5)
    sets = [np.ones(len(answered), dtype=int)] if total_shown else []
    for breakdown in result["breakdowns"]:
        codes = np.array(population[breakdown["id"]], dtype=object)
        groups = next(a for a in breakdown["areas"] if a["id"] == "work")["groups"]
        shown = np.zeros(len(answered), dtype=bool)
        for group in groups:
            if not group["suppressed"]:
                assert group["n"] == (codes == group["code"]).sum() >= 5
                sets.append((codes == group["code"]).astype(int))
                shown |= codes == group["code"]
        if total_shown and (~shown).any():
            sets.append((~shown).astype(int))
        if not total_shown:
            assert all(g["suppressed"] for g in groups)
    assert differencing_attack(sets, 5) is None
    assert linear_attack(population, sets, BREAKDOWNS, 5) is None


def test_one_small_group_takes_the_next_smallest_with_it():
    codes = ["A"] * 10 + ["B"] * 6 + ["C"] * 3
    assert plan_suppression({"team": codes}).published == {"team": frozenset({"A"})}


def test_two_small_groups_that_add_up_to_enough_are_withheld_alone():
    codes = ["A"] * 10 + ["B"] * 6 + ["C"] * 3 + ["D"] * 2
    assert plan_suppression({"team": codes}).published == {"team": frozenset({"A", "B"})}


def test_not_stated_is_a_group_that_counts_towards_the_total():
    codes = ["A"] * 7 + ["B"] * 6 + ["not_stated"] * 5
    plan = plan_suppression({"role": codes})
    assert plan.total and plan.published["role"] == frozenset({"A", "B", "not_stated"})


def test_too_few_respondents_withholds_everything():
    plan = plan_suppression({"team": ["A"] * 4})
    assert plan.total is False and plan.published == {"team": frozenset()}
    assert plan_suppression({}, population=5).total is True
    assert plan_suppression({}, population=4).total is False


def test_differencing_two_breakdowns_is_blocked():
    # Six people in role R1 are all in team T1 with one R2 colleague: every group has 5 or
    # more, but team T1 minus role R1 would be that one person.
    role = ["R1"] * 6 + ["R2"] + ["R2"] * 6
    team = ["T1"] * 7 + ["T2"] * 6
    people = {"role": role, "team": team}
    naive_sets = known_sets(people, plan_suppression({"role": role}), ["role"]) + known_sets(
        people, plan_suppression({"team": team}), ["team"]
    )
    assert differencing_attack(naive_sets, 5) is not None  # separate plans would leak
    plan = plan_suppression(people)
    sets = known_sets(people, plan, ["role", "team"])
    assert differencing_attack(sets, 5) is None
    assert linear_attack(people, sets, ["role", "team"], 5) is None


def test_three_term_attack_is_blocked():
    # Team T1 = everyone in roles R1 and R2 plus one R3: T1 - R1 - R2 is one person.
    role = ["R1"] * 5 + ["R2"] * 5 + ["R3"] + ["R3"] * 6
    team = ["T1"] * 11 + ["T2"] * 6
    people = {"role": role, "team": team}
    plan = plan_suppression(people)
    sets = known_sets(people, plan, ["role", "team"])
    assert linear_attack(people, sets, ["role", "team"], 5) is None
    assert differencing_attack(sets, 5) is None


def test_an_unfinishable_search_errs_on_the_side_of_withholding():
    rng = np.random.default_rng(3)
    people = {name: rng.integers(0, 4, 30).tolist() for name in BREAKDOWNS}
    cautious = plan_suppression(people, max_combinations=1)
    sets = known_sets(people, cautious, list(BREAKDOWNS))
    assert linear_attack(people, sets, list(BREAKDOWNS), 5) is None


def test_min_group_is_never_below_five():
    assert check_min_group(10) == 10
    for bad in (4, 0, 5.0, True):
        with pytest.raises(ValueError):
            check_min_group(bad)


# -- a theme's per-role figures (the themes page's role filter) -------------------------------


@pytest.mark.parametrize(
    "counts, sizes, shown, withheld",
    [
        ({"a": 12, "b": 6}, {"a": 22, "b": 6}, {"a": 12, "b": 6}, []),
        ({"a": 10, "c": 3}, {"a": 22, "c": 3}, {}, ["a", "c"]),
        # b and c are shown alone, but then a (2) could be worked out: the smallest goes too
        ({"a": 2, "b": 6, "c": 7}, {"a": 9, "b": 20, "c": 20}, {"c": 7}, ["a", "b"]),
        # the rest of the role in the cycle (3) would be a small group
        ({"a": 8, "b": 8}, {"a": 11, "b": 20}, {"b": 8}, ["a"]),
        ({"a": 4, "b": 20}, {"a": 20, "b": 20}, {}, ["a", "b"]),
        ({}, {"a": 20}, {}, []),
    ],
)
def test_role_figures_never_leave_a_small_group(counts, sizes, shown, withheld):
    got_shown, got_withheld = role_figures(counts, sizes, 5)
    assert got_shown == shown
    assert got_withheld == withheld
    assert list(got_shown.values()) == sorted(got_shown.values(), reverse=True)
    total = sum(counts.values())
    assert all(n >= 5 for n in got_shown.values())
    rest = total - sum(got_shown.values())
    assert rest == 0 or rest >= 5
    for role, n in got_shown.items():
        assert sizes[role] - n == 0 or sizes[role] - n >= 5


@given(
    counts=st.dictionaries(st.sampled_from("abcdef"), st.integers(0, 30), max_size=6),
    extra=st.lists(st.integers(0, 30), min_size=6, max_size=6),
)
def test_role_figures_leave_no_small_group_for_any_counts(counts, extra):
    sizes = {role: n + extra[i] for i, (role, n) in enumerate(sorted(counts.items()))}
    shown, withheld = role_figures(counts, sizes, 5)
    rest = sum(counts.values()) - sum(shown.values())
    # With nothing shown nothing can be subtracted (and a theme of fewer than 5 writers is
    # never listed at all: themes_with_enough_writers).
    assert rest == 0 or rest >= 5 or not shown
    assert all(n >= 5 and (sizes[r] - n == 0 or sizes[r] - n >= 5) for r, n in shown.items())
    assert set(shown) | set(withheld) == {r for r, n in counts.items() if n}
    assert not set(shown) & set(withheld)
