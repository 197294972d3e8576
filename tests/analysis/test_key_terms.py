"""Key terms a reader would not hide: written word for word, never a fragment cut mid-phrase
(issue 14, review finding 10)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from analysis.key_terms import cluster_terms, term_ok, written

DEMO = Path(__file__).parents[1] / "golden" / "demo-comments.csv"

# The reviewer's examples: key terms shown on theme cards that stop mid-phrase.
FRAGMENTS = [
    "complaints does",
    "takes too",
    "families not",
    "enough ot",
    "pressure means",
    "desking does",
    "paperwork takes",
    "actually confirms",
    "progression without",
    "advice good",
    "include wellbeing",
    "clearer criteria, comes",
    "comes",
    "laugh",
    "led",
    "kept",
    "real",
    "little",
    "quickly",
]
TOPICS = [
    "supervision",
    "clearer criteria",
    "hot desking",
    "feel valued",
    "not fair",
    "voluntary sector",
    "waiting list",
    "monthly",
    "family",
    "valued",
    "no handover",
]


@pytest.mark.parametrize("term", FRAGMENTS)
def test_fragments_are_no_key_terms(term):
    assert not term_ok(term)


@pytest.mark.parametrize("term", TOPICS)
def test_topics_are_key_terms(term):
    assert term_ok(term)


def test_cluster_terms_skip_fragments_that_score_best():
    # "complaints does" and "pressure means" are in every member: the most typical two-word
    # phrases, and fragments all the same.
    cluster = [
        "Learning from complaints does not happen in my team",
        "Complaints does not get fed back to us",
        "Pressure means assessments are rushed and complaints does go up",
        "Discharge pressure means we rush, complaints does follow",
        "Hospital discharge pressure means rushed assessments",
    ] * 2
    others = ["Supervision is regular and useful", "My manager is supportive"] * 10
    texts = cluster + others
    [terms] = cluster_terms(texts, [np.arange(len(cluster))])
    assert terms
    assert "complaints" in terms and "discharge pressure" in terms
    for term in terms:
        assert term_ok(term), term
    lowered = [t.lower() for t in cluster]
    assert all(written(t, lowered) for t in terms if " " in t)


def test_demo_key_terms_are_written_and_no_fragment():
    with DEMO.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    texts = [r["text"] for r in rows]
    groups: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        groups.setdefault(r["question"], []).append(i)
    clusters = [np.asarray(v) for v in groups.values()]
    found = cluster_terms(texts, clusters)
    phrases = 0
    for terms, rows_of in zip(found, clusters):
        lowered = [texts[i].lower() for i in rows_of]
        for term in terms:
            assert term_ok(term), term
            if " " in term:
                phrases += 1
                assert written(term, lowered), term
    assert phrases >= len(clusters)
