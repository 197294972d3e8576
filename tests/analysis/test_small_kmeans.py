"""The plain-numpy k-means and silhouette used for a theme's parts agree with
scikit-learn's on what they measure, and give the same answer every time."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.preprocessing import normalize

from analysis.small_kmeans import choose_small_k, kmeans, silhouette


def _blobs(k, per=40, dim=20, seed=0):
    rng = np.random.RandomState(seed)
    centres = normalize(rng.normal(size=(k, dim)))
    X = np.vstack([centres[c] + 0.15 * rng.normal(size=(per, dim)) for c in range(k)])
    return normalize(X), np.repeat(np.arange(k), per)


def test_kmeans_finds_clear_clusters_and_is_the_same_every_time():
    X, truth = _blobs(4)
    labels = kmeans(X, 4, random_state=0)
    assert adjusted_rand_score(truth, labels) == 1.0
    assert np.array_equal(labels, kmeans(X, 4, random_state=0))


def test_silhouette_is_scikit_learns_on_cosine_distance():
    X, _ = _blobs(3, seed=1)
    for labels in (kmeans(X, 3), kmeans(X, 5), np.arange(len(X)) % 2):
        assert abs(silhouette(X, labels) - silhouette_score(X, labels, metric="cosine")) < 1e-6
    assert silhouette(X, np.zeros(len(X), dtype=int)) == 0.0


def test_the_number_of_clusters_is_the_one_in_the_data():
    for k in (2, 3, 5):
        X, truth = _blobs(k, seed=k)
        chosen, labels = choose_small_k(X, 8)
        assert chosen == k and adjusted_rand_score(truth, labels) == 1.0


def _one_start_at_a_time(X, k, random_state=0, n_init=3):
    """k-means as it reads in a textbook, one start and one step at a time: the reference
    the side-by-side code must agree with to the last bit."""
    X = np.asarray(X, dtype=np.float64)
    rng = np.random.RandomState(random_state)
    best, best_inertia = None, np.inf
    for _ in range(n_init):
        picks = [int(rng.randint(len(X)))]
        nearest = ((X - X[picks[0]]) ** 2).sum(axis=1)
        for _ in range(1, k):
            total = float(nearest.sum())
            if total <= 0:
                break
            pick = int(np.searchsorted(np.cumsum(nearest), rng.random_sample() * total))
            picks.append(min(pick, len(X) - 1))
            nearest = np.minimum(nearest, ((X - X[picks[-1]]) ** 2).sum(axis=1))
        centres = X[picks].copy()
        labels = np.full(len(X), -1)
        for _ in range(50):
            distances = (X**2).sum(axis=1)[:, None] - 2 * X @ centres.T
            new = np.argmin(distances + (centres**2).sum(axis=1), axis=1)
            if np.array_equal(new, labels):
                break
            labels = new
            counts = np.bincount(labels, minlength=len(centres))
            onehot = np.zeros((len(centres), len(X)))
            onehot[labels, np.arange(len(X))] = 1.0
            sums = onehot @ X
            centres[counts > 0] = sums[counts > 0] / counts[counts > 0, None]
        inertia = float(np.sum((X - centres[labels]) ** 2))
        if inertia < best_inertia - 1e-12:
            best, best_inertia = labels, inertia
    return best


def test_side_by_side_starts_give_what_one_start_at_a_time_gives():
    rng = np.random.RandomState(3)
    inputs = [_blobs(k, per=per, seed=k)[0] for k, per in ((3, 25), (5, 60), (8, 45))]
    inputs.append(normalize(rng.normal(size=(90, 30))))  # no clusters: many steps
    inputs.append(rng.normal(size=(60, 4))[rng.randint(4, size=60)])  # 4 distinct rows
    for X in inputs:
        for seed in (0, 1):
            chosen, labels = choose_small_k(X, 8, random_state=seed)
            for k in range(2, 9):
                expected = _one_start_at_a_time(X, k, random_state=seed)
                assert np.array_equal(kmeans(X, k, random_state=seed), expected)
                if k == chosen:
                    assert np.array_equal(labels, expected)
