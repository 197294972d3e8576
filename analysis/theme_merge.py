"""Themes about the same thing, to be merged: two clusters whose labels share the word that
says what they are about ("Hear about complaints", "Learning from complaints"), that word a
top key term of both, and whose members answer the same (known) questions. k-means cuts a large
subject in two where people wrote about it in two ways; a reader sees the same subject twice.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from analysis.theme_labels import label_words

__all__ = ["QUESTION_OVERLAP", "TOP_TERMS", "same_subject"]

# The shared label word must be among this many key terms of each theme.
TOP_TERMS = 3
# Cosine similarity of the two themes' question counts at least this ("same questions").
QUESTION_OVERLAP = 0.8


def _cosine(a: Counter, b: Counter) -> float:
    keys = sorted(set(a) | set(b), key=str)
    x = np.array([a.get(k, 0) for k in keys], dtype=float)
    y = np.array([b.get(k, 0) for k in keys], dtype=float)
    norm = float(np.linalg.norm(x) * np.linalg.norm(y))
    return float(x @ y) / norm if norm else 0.0


def _top_words(terms) -> set[str]:
    words: set[str] = set()
    for term in terms[:TOP_TERMS]:
        words |= label_words(term)
    return words


def same_subject(labels, keywords, questions) -> dict[int, int]:
    """{theme index: the index of the larger theme it joins} for themes about the same thing.

    ``labels``, ``keywords``: each theme's label and key terms (most typical first);
    ``questions``: each theme's Counter of the questions its members answer (None where not
    known). Without questions a shared word is too little to go on: Banking77's "card
    arrived" and "card payment" are different requests, and merging such pairs cost 0.06 of
    NMI there. Themes are given largest first; each theme joins the largest one it matches,
    and a theme that others join joins none itself.
    """
    questions = [
        Counter({q: n for q, n in counts.items() if q is not None}) for counts in questions
    ]
    heads = [label_words(label) & _top_words(terms) for label, terms in zip(labels, keywords)]
    into: dict[int, int] = {}
    for b in range(len(labels)):
        for a in range(b):
            if a in into:
                continue
            if not (heads[a] & heads[b]) or not questions[a] or not questions[b]:
                continue
            if _cosine(questions[a], questions[b]) >= QUESTION_OVERLAP:
                into[b] = a
                break
    return into
