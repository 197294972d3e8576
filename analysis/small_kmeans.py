"""k-means and its silhouette for small inputs (a few hundred statements), in plain numpy.

A theme's parts (analysis.theme_parts) are found by many small clusterings, one per question
per theme: scikit-learn's ``KMeans`` and ``silhouette_score`` spend most of their time there
checking their arguments and setting up threads (about 7 ms a call, against well under one
for the arithmetic), which on 10,000 statements in 77 themes cost more than the rest of the
analysis. Same method: k-means++ seeding, Lloyd's iterations, the best of ``n_init`` starts
by inertia, a fixed seed; the silhouette on cosine distance. For larger inputs use
scikit-learn.
"""

from __future__ import annotations

import numpy as np

from analysis.theme_k import pick_k

__all__ = ["choose_small_k", "kmeans", "silhouette"]

MAX_ITER = 50


def _seeds(X, k, rng) -> np.ndarray:
    """k-means++: each next centre drawn with probability by its squared distance to the
    nearest centre so far."""
    n = X.shape[0]
    centres = [int(rng.randint(n))]
    nearest = ((X - X[centres[0]]) ** 2).sum(axis=1)
    for _ in range(1, k):
        total = float(nearest.sum())
        if total <= 0:
            break
        pick = int(np.searchsorted(np.cumsum(nearest), rng.random_sample() * total))
        pick = min(pick, n - 1)
        centres.append(pick)
        nearest = np.minimum(nearest, ((X - X[pick]) ** 2).sum(axis=1))
    return X[centres].astype(np.float64)


def _lloyd(X, centres):
    k = centres.shape[0]
    squares = (X**2).sum(axis=1)
    labels = np.full(X.shape[0], -1, dtype=np.int64)
    for _ in range(MAX_ITER):
        distances = squares[:, None] - 2 * X @ centres.T + (centres**2).sum(axis=1)
        new = np.argmin(distances, axis=1)
        if np.array_equal(new, labels):
            break
        labels = new
        counts = np.bincount(labels, minlength=k)
        onehot = np.zeros((k, X.shape[0]))
        onehot[labels, np.arange(X.shape[0])] = 1.0
        sums = onehot @ X
        used = counts > 0
        centres[used] = sums[used] / counts[used, None]
    inertia = float(np.sum((X - centres[labels]) ** 2))
    return labels, inertia


def kmeans(X, k, random_state=0, n_init=3) -> np.ndarray:
    """Cluster labels (0..k-1, some possibly unused) of the rows of ``X``: the best of
    ``n_init`` starts by inertia, the same for the same input and seed."""
    X = np.asarray(X, dtype=np.float64)
    rng = np.random.RandomState(random_state)
    best, best_inertia = None, np.inf
    for _ in range(n_init):
        labels, inertia = _lloyd(X, _seeds(X, k, rng))
        if inertia < best_inertia - 1e-12:
            best, best_inertia = labels, inertia
    return best


def silhouette(X, labels) -> float:
    """The mean silhouette on cosine distance of rows of unit length (0 for one cluster)."""
    X = np.asarray(X, dtype=np.float64)
    used = np.unique(labels)
    if len(used) < 2:
        return 0.0
    distance = np.clip(1.0 - X @ X.T, 0.0, None)
    own = np.zeros(X.shape[0])
    other = np.full(X.shape[0], np.inf)
    sizes = {c: int(np.sum(labels == c)) for c in used}
    for c in used:
        members = labels == c
        total = distance[:, members].sum(axis=1)
        mine = labels == c
        own[mine] = total[mine] / max(1, sizes[c] - 1)
        other[~mine] = np.minimum(other[~mine], total[~mine] / sizes[c])
    scores = np.where(
        np.array([sizes[c] for c in labels]) > 1,
        (other - own) / np.maximum(np.maximum(own, other), 1e-12),
        0.0,
    )
    return float(scores.mean())


def choose_small_k(X, most, random_state=0, n_init=3) -> tuple[int, np.ndarray | None]:
    """The number of clusters, 2 to ``most``, by silhouette (analysis.theme_k.pick_k), and
    the clustering at that number (None where no number splits ``X``)."""
    curve, found = [], {}
    for k in range(2, most + 1):
        labels = kmeans(X, k, random_state, n_init=n_init)
        if len(np.unique(labels)) > 1:
            curve.append((k, silhouette(X, labels)))
            found[k] = labels
    if not curve:
        return 1, None
    k = pick_k(curve)
    return k, found[k]
