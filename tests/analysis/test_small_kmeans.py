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
