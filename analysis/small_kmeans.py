"""k-means and its silhouette for small inputs (a few hundred statements), in plain numpy.

A theme's parts (analysis.theme_parts) are found by many small clusterings, one per question
per theme: scikit-learn's ``KMeans`` and ``silhouette_score`` spend most of their time there
checking their arguments and setting up threads (about 7 ms a call, against well under one
for the arithmetic), which on 10,000 statements in 77 themes cost more than the rest of the
analysis. Same method: k-means++ seeding, Lloyd's iterations, the best of ``n_init`` starts
by inertia, a fixed seed; the silhouette on cosine distance. For larger inputs use
scikit-learn.

``choose_small_k`` clusters the same rows at every number of clusters, and does it side by
side: the starts of every number are drawn together, the starts with as many centres take
their Lloyd steps together, and the rows' distances are worked out once. Each start's draws
and arithmetic are the ones it would have on its own (tests/analysis/test_small_kmeans.py
checks this against a start at a time), so the labels are the same.
"""

from __future__ import annotations

import numpy as np

from analysis.theme_k import pick_k

__all__ = ["choose_small_k", "kmeans", "silhouette"]

MAX_ITER = 50


def _squared(values: np.ndarray) -> np.ndarray:
    """``values ** 2`` (the same numbers), in place: a large temporary fewer, which measured
    up to half a millisecond a call at a few hundred rows."""
    return np.multiply(values, values, out=values)


class _Rows:
    """``X`` as float64 with what every clustering of it needs, worked out once: twice ``X``
    and its rows' squared lengths (Lloyd's distances), and each row's squared distance to
    the others, as seeding first asks for it."""

    def __init__(self, X):
        self.X = np.asarray(X, dtype=np.float64)
        self.twice = 2 * self.X
        self.squares = (self.X**2).sum(axis=1)
        self._to_row: dict[int, np.ndarray] = {}

    def to_rows(self, picks) -> np.ndarray:
        """The squared distances of every row to each of the rows ``picks``, one row each."""
        new = [i for i in dict.fromkeys(int(i) for i in picks) if i not in self._to_row]
        if new:
            found = _squared(self.X[None, :, :] - self.X[new][:, None, :]).sum(axis=2)
            self._to_row.update(zip(new, found))
        return np.array([self._to_row[int(i)] for i in picks])


def _starts(rows: _Rows, ks, random_state, n_init) -> list[tuple[int, np.ndarray]]:
    """k-means++ starts, ``n_init`` for each number of centres in ``ks``, as (k, centres) in
    the order drawn, each with the draws it would have in ``kmeans`` at that number alone:
    a generator seeded with ``random_state``, a start at a time, each start its first centre
    and then one number for each next one. A start stops early (and draws no more) where
    every row is a centre already; the starts after it are then drawn again."""
    n = rows.X.shape[0]
    # One generator seeded again for each number: making one takes about 70 times as long.
    rng = np.random.RandomState(random_state)
    takes = {k: [k - 1] * n_init for k in ks}  # numbers each start draws after its first
    while True:
        plan = []
        for k in ks:
            rng.seed(random_state)
            for r in range(n_init):
                first = int(rng.randint(n))
                plan.append((k, r, first, [rng.random_sample() for _ in range(takes[k][r])]))
        picks = _kmeans_pp(rows, [first for *_, first, _ in plan], [draws for *_, draws in plan])
        redraw = False
        for (k, r, _, draws), centres in zip(plan, picks):
            if len(centres) - 1 < len(draws):
                takes[k][r] = len(centres) - 1
                redraw = redraw or r < n_init - 1
        if not redraw:
            return [(k, rows.X[centres]) for (k, *_), centres in zip(plan, picks)]


def _kmeans_pp(rows: _Rows, firsts, draws) -> list[list[int]]:
    """k-means++ side by side: per start, its first centre's row and the numbers (0 to 1)
    that draw the next ones, each with probability by its squared distance to the nearest
    centre so far. The rows of the centres, per start; fewer where it stopped early."""
    n = rows.X.shape[0]
    picks = [[first] for first in firsts]
    lengths = np.array([len(d) for d in draws], dtype=np.int64)
    nearest = rows.to_rows(firsts)
    live = np.arange(len(firsts))
    for step in range(int(lengths.max(initial=0))):
        live = live[lengths[live] > step]
        totals = nearest[live].sum(axis=1)
        live, totals = live[totals > 0], totals[totals > 0]
        if not len(live):
            break
        near = nearest[live]
        targets = np.array([draws[s][step] for s in live]) * totals
        # np.searchsorted row by row: how many of the running totals fall below each.
        pick = np.minimum((np.cumsum(near, axis=1) < targets[:, None]).sum(axis=1), n - 1)
        for s, p in zip(live, pick):
            picks[s].append(int(p))
        nearest[live] = np.minimum(near, rows.to_rows(pick))
    return picks


def _lloyd(rows: _Rows, starts) -> list[tuple[np.ndarray, float]]:
    """Labels and inertia of Lloyd's iterations from each of ``starts`` (arrays of the same
    number of centres), run side by side until each stops moving. A stack of matrix
    products is one BLAS call per start, each of the same shape as on its own, so each
    start's numbers are the ones it would get alone (one product of all the starts' centres
    at once would not be: BLAS sums in another order for another shape)."""
    X = rows.X
    n = X.shape[0]
    centres = np.stack(starts)  # of the starts still moving
    k = centres.shape[1]
    labels = np.full((len(starts), n), -1, dtype=np.int64)
    which = np.arange(len(starts))
    done: list[tuple[np.ndarray, np.ndarray]] = [None] * len(starts)  # type: ignore[list-item]
    numbers = np.arange(k)[:, None]
    for _ in range(MAX_ITER):
        # |x|^2 - 2 x.c + |c|^2, worked out in that order (in place, the same numbers).
        distances = np.matmul(rows.twice, centres.transpose(0, 2, 1))
        np.subtract(rows.squares[:, None], distances, out=distances)
        distances += np.square(centres).sum(axis=2)[:, None, :]
        new = distances.argmin(axis=2)
        stopped = (new == labels).all(axis=1)
        if stopped.any():
            for r in np.flatnonzero(stopped):
                done[which[r]] = labels[r], centres[r]
            moving = ~stopped
            centres, new, which = centres[moving], new[moving], which[moving]
            if not len(which):
                break
        labels = new
        onehot = np.empty((len(which), k, n))
        np.equal(labels[:, None, :], numbers, out=onehot, casting="unsafe")
        counts = onehot.sum(axis=2)[:, :, None]
        np.divide(np.matmul(onehot, X), counts, out=centres, where=counts > 0)
    for r, s in enumerate(which):  # still moving after MAX_ITER steps
        done[s] = labels[r], centres[r]
    labels = np.stack([labels for labels, _ in done])
    centres = np.stack([centres for _, centres in done])
    # Each start's sum of squares over all its rows' coordinates (as one start's np.sum).
    inertia = _squared(X - centres[np.arange(len(done))[:, None], labels]).sum(axis=(1, 2))
    return list(zip(labels, inertia.tolist()))


def _kmeans_each(rows: _Rows, ks, random_state, n_init) -> dict[int, np.ndarray]:
    """``kmeans`` at each number of clusters in ``ks``: {k: labels}."""
    if not ks:
        return {}
    starts = _starts(rows, list(ks), random_state, n_init)
    # Starts side by side where they have as many centres (a seeding stops early where
    # every row left is a centre already).
    batches: dict[int, list[int]] = {}
    for s, (_, centres) in enumerate(starts):
        batches.setdefault(centres.shape[0], []).append(s)
    found: list[tuple[np.ndarray, float]] = [None] * len(starts)  # type: ignore[list-item]
    for batch in batches.values():
        for s, result in zip(batch, _lloyd(rows, [starts[s][1] for s in batch])):
            found[s] = result
    out: dict[int, np.ndarray] = {}
    best_inertia: dict[int, float] = {}
    for (k, _), (labels, inertia) in zip(starts, found):
        if inertia < best_inertia.get(k, np.inf) - 1e-12:
            out[k], best_inertia[k] = labels, inertia
    return out


def kmeans(X, k, random_state=0, n_init=3) -> np.ndarray:
    """Cluster labels (0..k-1, some possibly unused) of the rows of ``X``: the best of
    ``n_init`` starts by inertia, the same for the same input and seed."""
    return _kmeans_each(_Rows(X), [k], random_state, n_init)[k]


def _cosine_distance(X) -> np.ndarray:
    X = np.asarray(X, dtype=np.float64)
    return np.clip(1.0 - X @ X.T, 0.0, None)


def _silhouette(distance, labels) -> float:
    _, cluster, sizes = np.unique(labels, return_inverse=True, return_counts=True)
    if len(sizes) < 2:
        return 0.0
    n = len(cluster)
    # Each row's summed distance to each cluster, the columns taken cluster by cluster in
    # row order (the same sums, in the same order, as the cluster's columns on their own).
    grouped = distance[:, np.argsort(cluster, kind="stable")]
    ends = np.cumsum(sizes)
    totals = np.stack([grouped[:, e - s : e].sum(axis=1) for s, e in zip(sizes, ends)], axis=1)
    own = totals[np.arange(n), cluster] / np.maximum(1, sizes[cluster] - 1)
    by_other = totals / sizes
    by_other[np.arange(n), cluster] = np.inf
    other = by_other.min(axis=1)
    scores = np.where(
        sizes[cluster] > 1,
        (other - own) / np.maximum(np.maximum(own, other), 1e-12),
        0.0,
    )
    return float(scores.mean())


def silhouette(X, labels) -> float:
    """The mean silhouette on cosine distance of rows of unit length (0 for one cluster)."""
    return _silhouette(_cosine_distance(X), np.asarray(labels))


def choose_small_k(X, most, random_state=0, n_init=3) -> tuple[int, np.ndarray | None]:
    """The number of clusters, 2 to ``most``, by silhouette (analysis.theme_k.pick_k), and
    the clustering at that number (None where no number splits ``X``)."""
    rows = _Rows(X)
    found = _kmeans_each(rows, range(2, most + 1), random_state, n_init)
    found = {k: labels for k, labels in found.items() if labels.min() < labels.max()}
    if not found:
        return 1, None
    distance = _cosine_distance(rows.X)
    k = pick_k([(k, _silhouette(distance, labels)) for k, labels in found.items()])
    return k, found[k]
