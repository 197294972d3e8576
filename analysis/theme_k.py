"""How many themes: k-means at each candidate k on a sample, scored by silhouette, and the
point on that curve where more themes stop paying for themselves (``pick_k``).
"""

from __future__ import annotations

import math

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score

# The label of statements in no theme (the explicit unclear group).
UNCLEAR = -1

__all__ = ["choose_k", "n_distinct", "pick_k"]

# Automatic k (ThemeModel._choose_k): a knee must lift the scaled silhouette curve this far
# above its chord to count; without one, the fewest themes with this share of the best score.
KNEE_MIN_BEND = 0.2
K_TOLERANCE = 0.9
KNEE_MIN_SHARE = 0.75


def n_distinct(X) -> int:
    """How many distinct rows ``X`` has (to 5 decimals): k-means cannot find more clusters."""
    return int(np.unique(np.round(X, 5), axis=0).shape[0]) if len(X) else 0


def pick_k(curve) -> int:
    """The number of themes from a silhouette curve, [(k, score), ...] in rising k.

    The peak if the curve has one inside the range. Otherwise (on text the silhouette often
    rises with k, so its maximum would always be the largest k) the knee, where more themes
    stop paying for themselves, when the curve has a clear one (it bends at least
    ``KNEE_MIN_BEND`` above its chord, both axes scaled to 0..1, and scores at least
    ``KNEE_MIN_SHARE`` of the best). A curve that rises evenly or
    ever faster has no knee worth the name (taking one anyway gave the demo 3 themes in one
    input order and 14 in another), so then the fewest themes whose silhouette is within
    ``K_TOLERANCE`` of the best.
    """
    ks = np.array([k for k, _ in curve], dtype=float)
    ss = np.array([s for _, s in curve], dtype=float)
    peak = int(np.argmax(ss))
    if peak < len(ks) - 1 or len(ks) < 3 or ss.max() - ss.min() < 1e-9:
        return int(ks[peak])
    x = (ks - ks[0]) / (ks[-1] - ks[0])
    y = (ss - ss.min()) / (ss.max() - ss.min())
    bend = y - x
    knee = int(np.argmax(bend))
    # A knee far below the best score (a curve that bends early, then climbs on) would lump
    # topics together: the demo's 700 statements bent at 9 themes with 0.74 of the best.
    if bend[knee] >= KNEE_MIN_BEND and ss[knee] >= KNEE_MIN_SHARE * ss.max():
        return int(ks[knee])
    near_best = ss >= K_TOLERANCE * ss.max() if ss.max() > 0 else ss >= ss.max()
    return int(ks[int(np.argmax(near_best))])


def choose_k(X, k_min=2, k_max=None, random_state=0, report=None):
    """Pick k by silhouette (cosine) on a sample of up to 2,500 statements (``pick_k``).
    Returns k and the silhouette curve, [(k, score), ...]."""
    n = X.shape[0]
    k_max = k_max or min(20, max(3, round(math.sqrt(n / 2))))
    k_max = min(k_max, n_distinct(X) - 1)
    k_min = max(2, min(k_min, k_max))
    curve: list[tuple[int, float]] = []
    if k_max <= k_min:
        return max(1, k_max), curve
    rng = np.random.RandomState(random_state)
    sample = np.sort(rng.choice(n, size=min(n, 2500), replace=False))
    Xs = X[sample]
    k_max = min(k_max, n_distinct(Xs) - 1)
    if k_max <= k_min:
        return max(1, k_max), curve
    candidates = list(range(k_min, min(k_max, 12) + 1)) + list(range(14, k_max + 1, 2))
    for i, k in enumerate(candidates):
        if report is not None:
            report("Choosing the number of themes", i, len(candidates))
        labels = KMeans(n_clusters=k, random_state=random_state, n_init=1).fit_predict(Xs)
        if len(set(labels.tolist())) < 2:
            continue
        score = silhouette_score(Xs, labels, metric="cosine")
        curve.append((k, float(score)))
    if not curve:
        return k_min, curve
    return pick_k(curve), curve


def incoherent_clusters(
    labels, clusters, coverage, min_label_coverage, max_unclear_share
) -> list[int]:
    """Clusters whose best label speaks for under ``min_label_coverage`` of their
    members, least covered first, as many as fit while unclear stays within
    ``max_unclear_share`` of the statements."""
    if not min_label_coverage:
        return []
    n = len(labels)
    room = max_unclear_share * n - int(np.sum(labels == UNCLEAR))
    out = []
    for share, c in sorted(zip(coverage, clusters)):
        if share >= min_label_coverage:
            break
        size = int(np.sum(labels == c))
        if size > room:
            continue
        room -= size
        out.append(int(c))
    return out
