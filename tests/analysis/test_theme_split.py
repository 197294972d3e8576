"""A theme that is really several is cut in parts, each labelled with a phrase its members
wrote; a theme members agree on stays whole; members that agree on nothing go to unclear."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis.text_features import prepare_all
from analysis.theme_k import UNCLEAR, incoherent_clusters
from analysis.theme_labels import make_labels
from analysis.theme_split import split_incoherent

CASELOADS = [
    f"Caseloads are too high {tail}."
    for tail in [
        "for the complexity of the work",
        "and keep growing every month",
        "to do the work properly",
        "with no time to write up visits",
        "since the team lost two posts",
        "and the work suffers",
        "for newly qualified staff",
        "on the duty team",
        "because of vacancies",
        "in the east team",
        "all year round",
        "and nobody listens",
    ]
]
# One cluster of seven subjects: no phrase, nor two joined, speaks for 30% of it.
SUBJECTS = [
    "pool cars",
    "legal advice",
    "translator booking",
    "faster laptops",
    "car parking",
    "mobile phones",
    "office heating",
]
TAILS = ["is a problem", "again", "every week", "for visits", "in the team", "this year"]
MIXED = [f"{subject.capitalize()} {tail}." for subject in SUBJECTS for tail in TAILS]


def _words(text):
    return re.findall(r"[a-z]+", text.lower())


def _written(phrase, texts):
    words = " ".join(_words(phrase))
    return any(f" {words} " in f" {' '.join(_words(t))} " for t in texts)


def _fit(texts, labels):
    X = TfidfVectorizer(ngram_range=(1, 2)).fit_transform(texts).toarray()
    centres = np.array([X[labels == c].mean(axis=0) for c in range(labels.max() + 1)])
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    return X, centres


def _coverage(texts, rows):
    coverage: list[float] = []
    found = make_labels(texts, rows, [[] for _ in rows], coverage=coverage)
    return found, coverage


def test_a_theme_of_several_subjects_is_cut_and_each_part_labelled_from_it():
    texts = CASELOADS + MIXED
    labels = np.array([0] * len(CASELOADS) + [1] * len(MIXED))
    X, centres = _fit(texts, labels)
    mixed = np.flatnonzero(labels == 1)
    before, cover_before = _coverage(texts, [np.flatnonzero(labels == c) for c in (0, 1)])
    assert cover_before[1] < 0.3, (before, cover_before)

    cut, cut_centres = split_incoherent(X, labels, centres, texts, prepare_all(texts))

    assert np.array_equal(cut[labels == 0], labels[labels == 0])  # the caseloads stay whole
    parts = sorted(set(cut[mixed].tolist()))
    assert len(parts) >= 2 and cut_centres.shape[0] == 1 + len(parts)
    rows = [np.flatnonzero(cut == c) for c in range(cut_centres.shape[0])]
    names, coverage = _coverage(texts, rows)
    for c in parts:
        assert coverage[c] >= 0.3, (names, coverage)
        for phrase in names[c].split(" and "):
            assert _written(phrase, [texts[i] for i in rows[c]]), names[c]
    # most of each subject in one part
    for subject in SUBJECTS:
        held = Counter(int(cut[i]) for i in mixed if subject in texts[i].lower())
        assert held.most_common(1)[0][1] >= 4, (subject, held, names)


def test_a_theme_members_agree_on_stays_whole():
    texts = CASELOADS + MIXED[:12]
    labels = np.array([0] * len(CASELOADS) + [1] * 12)
    X, centres = _fit(texts, labels)
    cut, cut_centres = split_incoherent(X, labels, centres, texts, prepare_all(texts))
    assert np.array_equal(cut, labels) and cut_centres.shape == centres.shape


def test_a_theme_that_answers_one_question_is_not_cut():
    # They agree on what they were asked; the question's title leads their label.
    texts = CASELOADS + MIXED
    labels = np.array([0] * len(CASELOADS) + [1] * len(MIXED))
    questions = ["Q1"] * len(CASELOADS) + ["Q7"] * len(MIXED)
    X, centres = _fit(texts, labels)
    cut, _ = split_incoherent(X, labels, centres, texts, prepare_all(texts), questions=questions)
    assert np.array_equal(cut, labels)


def test_members_that_agree_on_nothing_go_to_unclear_within_its_limit():
    labels = np.array([0] * 50 + [1] * 8 + [2] * 30 + [UNCLEAR] * 5)
    # cluster 1's label speaks for 5% of it: to unclear; cluster 2 (8%) would take unclear
    # past 15% of the statements and stays.
    assert incoherent_clusters(labels, [0, 1, 2], [0.6, 0.05, 0.08], 0.1, 0.15) == [1]
    assert incoherent_clusters(labels, [0, 1, 2], [0.6, 0.05, 0.08], 0.1, 0.5) == [1, 2]
    assert incoherent_clusters(labels, [0, 1, 2], [0.6, 0.05, 0.08], 0, 0.5) == []
