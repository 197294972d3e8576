"""Statements clustered question by question: each question's answers on their own, then
clusters that say the same thing joined across questions (used to find what a theme covers,
analysis.theme_parts).

Staff answer different questions about different things. Within one question the answers
differ only by what they are about, so its clusters are about one thing each ("Faster
laptops", "Translator booking" among answers to "what would improve your tools?"); an
answer that keeps coming up under several questions ("The PSW is visible and
approachable", added to answers about supervision, outcomes and resilience) forms a cluster
under each, and those are joined again when their words, the question set aside, are close
(complete linkage: every pair of the parts joined is at least ``JOIN_SIMILARITY`` alike, so
a chain of near neighbours does not snowball).

How many clusters a question gets is chosen by silhouette (analysis.theme_k.pick_k), as
its statements allow (``min_part`` each on average) and up to ``most``; a question with
fewer than ``MIN_BLOCK`` statements is one cluster. Each question's statements are
clustered in an order set by their content (a checksum of the text), so the same answers in
another order give the same clusters.
"""

from __future__ import annotations

import zlib

import numpy as np

from analysis.small_kmeans import choose_small_k
from analysis.theme_k import n_distinct

__all__ = ["JOIN_SIMILARITY", "MAX_PER_QUESTION", "MIN_BLOCK", "content_order", "question_clusters"]

# At most this many clusters in the answers to one question.
MAX_PER_QUESTION = 8
# A question with fewer statements than this is one cluster.
MIN_BLOCK = 20
# Two clusters are joined when every pair of their parts is at least this alike (cosine of
# the parts' centres on their words alone).
JOIN_SIMILARITY = 0.4


def content_order(rows, texts) -> np.ndarray:
    """``rows`` sorted by a checksum of their text (ties by the text, then the row): an
    order that does not depend on the input's."""
    keyed = sorted((zlib.crc32(texts[i].encode("utf-8")), texts[i], i) for i in rows)
    return np.array([i for _, _, i in keyed], dtype=np.int64)


def _unit(vector):
    norm = np.linalg.norm(vector)
    return vector / norm if norm else vector


def _question_parts(X, rows, random_state, min_part, most_parts) -> list[np.ndarray]:
    """The clusters of one question's ``rows`` (in content order), each in that order, as
    many as silhouette chooses."""
    n = len(rows)
    most = min(most_parts, n // min_part)
    if n < MIN_BLOCK or most < 2:  # before counting distinct rows, which takes a sort
        return [rows]
    block = X[rows]
    most = min(most, n_distinct(block) - 1)
    if most < 2:
        return [rows]
    k, part_of = choose_small_k(block, most, random_state)
    if k < 2:
        return [rows]
    return [rows[part_of == p] for p in range(k) if np.any(part_of == p)]


def _join(parts, X_text) -> list[list[int]]:
    """Groups of ``parts`` (indices) joined by complete linkage above ``JOIN_SIMILARITY``,
    the most alike pair first; ties to the earliest pair."""
    centres = np.array([_unit(X_text[rows].mean(axis=0)) for rows in parts])
    alike = centres @ centres.T
    groups = [[i] for i in range(len(parts))]
    while len(groups) > 1:
        best, pair = JOIN_SIMILARITY, None
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                value = float(alike[np.ix_(groups[a], groups[b])].min())
                if value >= best and (pair is None or value > best):
                    best, pair = value, (a, b)
        if pair is None:
            break
        a, b = pair
        groups[a] = groups[a] + groups[b]
        del groups[b]
    return groups


def question_clusters(X, X_text, questions, texts, min_part, random_state=0, most=MAX_PER_QUESTION):
    """Cluster labels (one per row of ``X``) and unit-length centres in ``X``'s space.

    ``X``: the statements' features; ``X_text``: the same without the question asked
    (analysis.text_features.StatementVectorizer.text_part), to join clusters across
    questions; ``questions``: per row (None is a block of its own); ``texts``: per row, for
    an order that does not depend on the input's. ``min_part``: the fewest statements a
    question's parts hold on average; ``most``: at most this many per question. For small
    inputs (a few hundred rows: analysis.small_kmeans). Clusters are numbered in the order
    of their questions (sorted), then of their parts."""
    blocks: dict[str, list[int]] = {}
    for i, question in enumerate(questions):
        blocks.setdefault("" if question is None else str(question), []).append(i)
    parts: list[np.ndarray] = []
    for key in sorted(blocks):
        rows = content_order(blocks[key], texts)
        parts.extend(_question_parts(X, rows, random_state, min_part, most))
    labels = np.zeros(X.shape[0], dtype=np.int64)
    centres = []
    for c, group in enumerate(_join(parts, X_text)):
        rows = np.concatenate([parts[i] for i in group])
        labels[rows] = c
        centres.append(_unit(X[rows].mean(axis=0)))
    return labels, np.array(centres, dtype=np.float64)
