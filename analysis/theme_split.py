"""Themes that are really several: a cluster whose best label speaks for only a few of its
members ("Time to attend" for 15% of a theme of training, IT and wellbeing answers) is cut
into 2 to 4 parts by k-means on the same features, each part labelled on its own. A cut is
kept only where the parts' labels speak for clearly more of the members; a part whose
members still agree on nothing goes to unclear later (``ThemeModel``'s coverage rule).
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from sklearn.cluster import KMeans

from analysis.label_memo import label_memo
from analysis.theme_k import n_distinct
from analysis.theme_labels import make_labels

__all__ = ["MAX_PARTS", "SPLIT_BELOW", "split_incoherent"]

# A cluster whose label is borne out by under this share of its members is tried in parts.
SPLIT_BELOW = 0.3
MAX_PARTS = 4
# Members per cluster whose labels measure coverage (as many as the labels proper use).
SAMPLE = 300
# A part that is still unclear is tried again, down to this many cuts.
MAX_DEPTH = 2
# Every part has at least this many members (and this share of the cluster's).
MIN_PART = 10
MIN_PART_SHARE = 0.2
# Every part's label is borne out by at least this share of its members.
PART_FLOOR = 0.15
# A cluster this share or more of whose members answer one question is not cut.
ONE_QUESTION = 0.8
# The parts' labels together must bear out this much more of the members (share of all).
MIN_GAIN = 0.1
# Of the cuts that gain, the fewest parts whose coverage is within this of the best.
NEAR_BEST = 0.05


def _coverage(texts, rows, prepared, sentiment, only=None) -> list[float]:
    """Each cluster's label coverage (analysis.theme_labels.make_labels), on up to
    ``SAMPLE`` members of each; ``only``: of the first this many clusters."""
    coverage: list[float] = []
    make_labels(
        texts,
        rows,
        [[] for _ in rows],
        max_members=SAMPLE,
        prepared=prepared,
        coverage=coverage,
        sentiment=sentiment,
        unique=False,
        only=only,
    )
    return coverage


def _one_question(questions, rows) -> bool:
    if questions is None:
        return False
    counts = Counter(questions[i] for i in rows if questions[i] is not None)
    return bool(counts) and counts.most_common(1)[0][1] >= ONE_QUESTION * len(rows)


def _weighted(coverage, parts) -> float:
    total = sum(len(p) for p in parts)
    return sum(c * len(p) for c, p in zip(coverage, parts)) / total if total else 0.0


@label_memo()  # the same statements are labelled in every cut tried
def split_incoherent(
    X, labels, centres, texts, prepared, sentiment=None, questions=None, random_state=0
):
    """``labels`` (cluster per row of ``X``) and unit ``centres`` with incoherent clusters
    cut in parts: the first part keeps the cluster's number, the others take new numbers
    after the last. ``texts``, ``prepared``, ``sentiment``, ``questions``: per row of ``X``.
    A cluster four fifths of whose members answer one (known) question is not cut: they
    agree on what they were asked, and the question's title leads its label
    (analysis.theme_titles.titled). Deterministic: k-means with a fixed seed, parts in the
    order of their first member."""
    k = centres.shape[0]
    rows = [np.flatnonzero(labels == c) for c in range(k)]
    coverage = _coverage(texts, rows, prepared, sentiment)
    labels = labels.copy()
    centres = [centre for centre in centres]
    todo = [(c, 1) for c in range(k)]
    while todo:
        c, depth = todo.pop(0)
        n = len(rows[c])
        if coverage[c] >= SPLIT_BELOW or n < 2 * MIN_PART or _one_question(questions, rows[c]):
            continue
        others = [r for j, r in enumerate(rows) if j != c]
        cut = _best_cut(X, rows[c], coverage[c], others, texts, prepared, sentiment, random_state)
        if cut is None:
            continue
        parts, cover = cut
        for p, part in enumerate(parts):
            number = c if p == 0 else len(centres)
            if p:
                centres.append(None)
                rows.append(part)
                coverage.append(0.0)
            rows[number], coverage[number] = part, cover[p]
            labels[part] = number
            centre = X[part].mean(axis=0)
            norm = np.linalg.norm(centre)
            centres[number] = centre / (norm if norm else 1.0)
            if depth < MAX_DEPTH:  # a part still unclear is tried once more
                todo.append((number, depth + 1))
    return labels, np.array(centres, dtype=np.float64)


def _best_cut(X, rows, coverage, others, texts, prepared, sentiment, random_state):
    """The parts of ``rows`` and their labels' coverage, or None where no cut gains."""
    n = len(rows)
    cuts = []
    most = min(MAX_PARTS, n // MIN_PART, n_distinct(X[rows]))
    for n_parts in range(2, most + 1):
        model = KMeans(n_clusters=n_parts, random_state=random_state, n_init=3)
        part_of = model.fit_predict(X[rows])
        parts = [rows[part_of == p] for p in range(n_parts)]
        parts = sorted((p for p in parts if len(p)), key=lambda p: p[0])
        if len(parts) < 2 or min(len(p) for p in parts) < max(MIN_PART, MIN_PART_SHARE * n):
            continue
        # Labelled among all the other clusters, so "typical" means what it will later.
        cover = _coverage(texts, parts + others, prepared, sentiment, len(parts))[: len(parts)]
        # No part may say less than the whole did: peeling off one clear part and leaving
        # a larger muddle is no gain.
        if min(cover) >= max(coverage, PART_FLOOR):
            cuts.append((_weighted(cover, parts), parts, cover))
    if not cuts:
        return None
    best = max(value for value, _, _ in cuts)
    if best < coverage + MIN_GAIN:
        return None
    return next((parts, cover) for value, parts, cover in cuts if value >= best - NEAR_BEST)
