"""Small-group suppression for breakdowns, safe against subtraction within and across breakdowns.

The anonymity rule: no figure shows a group of fewer than ``min_group`` respondents (5 by
default, never lower), and no combination of figures lets such a group be worked out by
subtraction. The rule applied here, for one measure (an area or a question) at a time:

1. **Primary.** The overall figure is withheld when fewer than ``min_group`` answered; then so
   is every breakdown. In each breakdown (role, team, length of service) a group with fewer
   than ``min_group`` respondents is withheld. "Not stated" is a group like any other: it
   counts towards the total, and is withheld when small.
2. **Complementary, within a breakdown.** The withheld groups of a breakdown can always be
   recovered together as "total minus the published groups". So while they hold between 1
   and ``min_group - 1`` respondents between them, the smallest published group is withheld
   too (this covers "one group withheld: withhold the next smallest").
3. **Complementary, across breakdowns.** An intruder who knows everyone's role, team and
   service (the worst case) can add and subtract any published figures of any breakdowns
   (group sums, the total, the withheld remainders). Every sum, count or share they can
   compute exactly is over a set of respondents whose indicator vector lies in the linear
   span of the published groups' indicator vectors. We search that span exactly for a set
   of 1 to ``min_group - 1`` respondents; while one exists, the smallest published group
   that contains part of it is withheld, and steps 2 and 3 are repeated. When the search
   would be too large to finish quickly, we withhold the smallest published group that
   holds a small cell instead, which can only make the result safer.

Withholding only ever removes figures, so the loop ends; in the worst case only the overall
figure is left, which is safe whenever it is shown. Mean scores, counts, "% favourable" and
confidence intervals are all sums over the same sets of respondents, so one plan protects
all the figures of a measure. See docs/scores.md.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

MIN_GROUP = 5
_TOL = 1e-7


def check_min_group(min_group: int) -> int:
    """Return ``min_group`` when it is allowed: a whole number, never below 5."""
    if isinstance(min_group, bool) or not isinstance(min_group, int):
        raise ValueError("The minimum group size must be a whole number")
    if min_group < MIN_GROUP:
        raise ValueError(f"The minimum group size cannot be lower than {MIN_GROUP}")
    return min_group


def shown_count(n: int | None, min_group: int = MIN_GROUP) -> int | None:
    """A count of respondents (or of answers) as it may be shown: ``n`` when it is
    ``min_group`` or more, else None (withheld). None stays None."""
    if n is None or n < min_group:
        return None
    return n


def shown_part(count: int, whole: int, min_group: int = MIN_GROUP) -> int | None:
    """A part of a shown whole (a theme's statements from one area, its respondents of one
    role): shown only when it is ``min_group`` or more and the rest of the whole is 0 or
    ``min_group`` or more, so neither the part nor the rest is a small group."""
    rest = whole - count
    if count < min_group or 0 < rest < min_group:
        return None
    return count


def described_people(n: int | None, min_group: int = MIN_GROUP) -> int | None:
    """A number of people described by what they wrote or said (a theme's respondents): 0 and
    ``min_group`` or more are shown, 1 to ``min_group - 1`` withheld (None)."""
    if n is None or 0 < n < min_group:
        return None
    return n


def published_groups(codes: Sequence[Hashable], min_group: int = MIN_GROUP) -> frozenset:
    """The groups of one breakdown (every respondent's code, in any order) whose figures may
    be shown: ``plan_suppression`` over that breakdown alone, nothing when the total is
    withheld. The response rate page and the response export both ask this, so they publish
    the same roles."""
    if not codes:
        return frozenset()
    plan = plan_suppression({"groups": list(codes)}, min_group)
    return plan.published["groups"] if plan.total else frozenset()


def distribution_shown(answers: int, min_group: int = MIN_GROUP) -> bool:
    """Whether a question's answer distribution (count and share of each option, whole cycle
    only, never within a group) may be shown: ``min_group`` answers or more."""
    return answers >= min_group


def themes_with_enough_writers(
    themes: Sequence[dict],
    writers_of,
    min_group: int = MIN_GROUP,
) -> tuple[list[dict], int]:
    """The themes that may be shown, and how many are withheld.

    A theme is shown only when its statements come from ``min_group`` or more distinct
    writers (``writers_of(theme)`` gives one hashable key per statement: a survey respondent
    counts once however many boxes they wrote in, a focus-group note counts as one writer).
    One person pasting the same comment into many boxes makes no theme. Returns (the themes
    kept, in order, the number withheld).
    """
    kept = [theme for theme in themes if len(set(writers_of(theme))) >= min_group]
    return kept, len(themes) - len(kept)


def parts_with_enough_writers(
    parts: Sequence[dict], writers_of, min_group: int = MIN_GROUP
) -> list[dict]:
    """A theme's parts (analysis.theme_parts) that may be shown, without their members.

    A part's count is shown only when its statements come from ``min_group`` or more
    distinct writers (``writers_of(part)``, as for themes); a theme left with fewer than two
    such parts shows none (one part is the theme itself).
    """
    kept = [
        {k: v for k, v in part.items() if k != "members"}
        for part in parts
        if len(set(writers_of(part))) >= min_group
    ]
    return kept if len(kept) >= 2 else []


@dataclass(frozen=True)
class SuppressionPlan:
    """Which figures of one measure may be shown.

    ``total``: whether the overall figure is shown. ``published``: for each breakdown, the
    group codes whose figures are shown (every other group of that breakdown is withheld).
    """

    total: bool
    published: Mapping[str, frozenset]

    def shows(self, breakdown: str, group: Hashable) -> bool:
        return group in self.published.get(breakdown, frozenset())


def plan_suppression(
    groupings: Mapping[str, Sequence[Hashable]],
    min_group: int = MIN_GROUP,
    *,
    population: int | None = None,
    max_combinations: int = 200_000,
) -> SuppressionPlan:
    """Decide which breakdown groups to show for one measure.

    ``groupings`` maps each breakdown id to the group code of every respondent in the
    measure's population (the people who answered it), all of the same length and order.
    ``population`` is the number of respondents, needed only when there are no breakdowns.
    """
    check_min_group(min_group)
    names = list(groupings)
    if names:
        size = len(next(iter(groupings.values())))
    elif population is None:
        raise ValueError("Give the population size when there are no breakdowns")
    else:
        size = population
    if any(len(groupings[name]) != size for name in names):
        raise ValueError("Every breakdown needs a group for every respondent")
    if size < min_group:
        return SuppressionPlan(False, {name: frozenset() for name in names})
    if not names:
        return SuppressionPlan(True, {})

    groups: list[np.ndarray] = []
    inverses = []
    for name in names:
        codes = np.asarray(groupings[name])
        if codes.dtype == object:
            codes = codes.astype(str)
        uniques, inverse = np.unique(codes, return_inverse=True)
        groups.append(uniques)
        inverses.append(inverse.ravel())
    shape = tuple(len(g) for g in groups)
    keys, cell_counts = np.unique(np.ravel_multi_index(inverses, shape), return_counts=True)
    cells = np.stack(np.unravel_index(keys, shape), axis=1)
    group_counts = [
        np.bincount(cells[:, b], weights=cell_counts, minlength=len(groups[b])).astype(int)
        for b in range(len(names))
    ]
    shown = [counts >= min_group for counts in group_counts]

    while True:
        for b in range(len(names)):
            _complement_within(shown[b], group_counts[b], min_group)
        # One BLAS thread: the matrices are small, and extra threads only spin on a busy
        # machine (a 5,000-response scoring took 2 to 14 s by the load, 1 thread or not).
        with threadpool_limits(limits=1):
            found = _find_small_recoverable(cells, cell_counts, shown, min_group, max_combinations)
        if found is None:
            break
        _withhold_one(found, cells, shown, group_counts)

    published = {
        name: frozenset(groups[b][i].item() for i in np.flatnonzero(shown[b]))
        for b, name in enumerate(names)
    }
    return SuppressionPlan(True, published)


def _complement_within(shown: np.ndarray, counts: np.ndarray, min_group: int) -> None:
    while True:
        withheld = int(counts[~shown].sum())
        if withheld == 0 or withheld >= min_group or not shown.any():
            return
        candidates = np.flatnonzero(shown)
        shown[candidates[np.argmin(counts[candidates])]] = False


def _withhold_one(cell_set, cells, shown, group_counts) -> None:
    """Withhold the smallest shown group holding part of ``cell_set``, else the smallest."""
    best = None
    for b in range(len(shown)):
        keys = np.unique(cells[cell_set, b])
        for key in keys[shown[b][keys]]:
            candidate = (group_counts[b][key], b, key)
            if best is None or candidate < best:
                best = candidate
    if best is None:
        for b in range(len(shown)):
            for key in np.flatnonzero(shown[b]):
                candidate = (group_counts[b][key], b, key)
                if best is None or candidate < best:
                    best = candidate
    if best is None:  # pragma: no cover - nothing shown means nothing recoverable
        raise RuntimeError("nothing left to withhold")
    shown[best[1]][best[2]] = False


def published_sets(cells: np.ndarray, shown: Sequence[np.ndarray]) -> np.ndarray:
    """Indicator rows (over cells) of everything an intruder knows a sum for.

    The total, every shown group, and each breakdown's withheld remainder.
    """
    rows = [np.ones(len(cells))]
    for b, mask in enumerate(shown):
        for key in np.flatnonzero(mask):
            rows.append((cells[:, b] == key).astype(float))
        rest = ~mask[cells[:, b]]
        if rest.any():
            rows.append(rest.astype(float))
    return np.array(rows)


def _find_small_recoverable(cells, cell_counts, shown, min_group, max_combinations):
    """Cells of a recoverable set of 1 to min_group - 1 respondents, or None when safe.

    A set S of cells is recoverable when its indicator lies in V, the row space of the
    published sets. Such an S holds only small cells, so its indicator lies in U, the part of
    V supported on the small cells W. In reduced row echelon form a 0/1 vector of U is the
    sum of the echelon rows whose pivots it covers, and it covers fewer than min_group
    pivots: enumerating those subsets finds every such S.
    """
    small = np.flatnonzero(cell_counts < min_group)
    if small.size == 0:
        return None
    matrix = published_sets(cells, shown)
    _, sing, vt = np.linalg.svd(matrix, full_matrices=False)
    rank = int((sing > _TOL * max(1.0, sing[0])).sum())
    basis = vt[:rank].T  # cells x rank, orthonormal basis of V
    large = np.setdiff1d(np.arange(len(cells)), small)
    if large.size:
        _, sing_l, vt_l = np.linalg.svd(basis[large], full_matrices=True)
        rank_l = int((sing_l > _TOL).sum())
        null = vt_l[rank_l:].T  # rank x d
    else:
        null = np.eye(rank)
    if null.shape[1] == 0:
        return None
    echelon, pivots = _rref(null.T @ basis[small].T)
    if not pivots:
        return None
    weights = cell_counts[small]
    pivot_weights = weights[pivots]
    order = min(min_group - 1, len(pivots))
    total = sum(math.comb(len(pivots), k) for k in range(1, order + 1))
    if total > max_combinations:
        return small
    for k in range(1, order + 1):
        combos = itertools.combinations(range(len(pivots)), k)
        while True:
            chunk = np.array(list(itertools.islice(combos, 20_000)), dtype=int)
            if chunk.size == 0:
                break
            chunk = chunk[pivot_weights[chunk].sum(axis=1) < min_group]
            if chunk.size == 0:
                continue
            vectors = echelon[chunk].sum(axis=1)
            rounded = np.rint(vectors)
            ok = (np.abs(vectors - rounded) < 1e-6).all(axis=1)
            ok &= ((rounded == 0) | (rounded == 1)).all(axis=1)
            sizes = rounded @ weights
            ok &= (sizes >= 1) & (sizes < min_group)
            hits = np.flatnonzero(ok)
            if hits.size:
                return small[np.flatnonzero(rounded[hits[0]] == 1)]
    return None


def _rref(matrix: np.ndarray) -> tuple[np.ndarray, list[int]]:
    """Reduced row echelon form (rows of full rank only) and the pivot columns."""
    a = np.array(matrix, dtype=float)
    rows, cols = a.shape
    pivots: list[int] = []
    r = 0
    for c in range(cols):
        if r == rows:
            break
        p = r + int(np.argmax(np.abs(a[r:, c])))
        if abs(a[p, c]) < 1e-9:
            continue
        a[[r, p]] = a[[p, r]]
        a[r] /= a[r, c]
        others = np.arange(rows) != r
        a[others] -= np.outer(a[others, c], a[r])
        pivots.append(c)
        r += 1
    return a[:r], pivots


def role_figures(
    role_respondents: Mapping[str, int],
    role_sizes: Mapping[str, int],
    min_group: int = MIN_GROUP,
) -> tuple[dict[str, int], list[str]]:
    """Which per-role respondent counts of one theme may be shown, and which roles are withheld.

    ``role_respondents``: {role: distinct respondents in the theme}; ``role_sizes``: {role:
    respondents in the cycle}. A count is shown when it is ``min_group`` or more, the rest of
    the theme and the rest of the role (in the cycle) are each 0 or ``min_group`` or more, and
    the withheld roles of the theme together are 0 or ``min_group`` or more (smallest shown
    roles are withheld until they are), so no small group can be worked out by subtraction.
    Returns (shown {role: n}, largest first; withheld roles present in the theme).
    """
    total = sum(role_respondents.values())
    shown = {}
    for role, n in role_respondents.items():
        rest = total - n
        rest_of_role = int(role_sizes.get(role, 0)) - n
        if n >= min_group and not 0 < rest < min_group and not 0 < rest_of_role < min_group:
            shown[role] = n
    while shown and 0 < total - sum(shown.values()) < min_group:
        smallest = min(shown, key=lambda r: (shown[r], r))
        del shown[smallest]
    withheld = sorted(r for r, n in role_respondents.items() if n and r not in shown)
    return dict(sorted(shown.items(), key=lambda kv: (-kv[1], kv[0]))), withheld
