"""Themes a Principal Social Worker can trust: sentiment that reads contrast, negation and
requests as a person would; labels and key terms that are phrases people wrote."""

from __future__ import annotations

import re

import numpy as np
import pytest

from analysis.sentiment import (
    clauses,
    is_request,
    question_polarity,
    statement_sentiment,
    theme_mood,
)
from analysis.statements import make_statements
from analysis.theme_clusters import ThemeModel

CAUSED = "Think about cases where it did not flow well, what caused this?"
RECOMMEND = "Do you have any recommendations for change in relation to the supervision?"
HELPS = "What helps you achieve good outcomes at work?"


@pytest.mark.parametrize(
    "text, sign",
    [
        # contrast: what comes after "but" / "however", or the main clause, decides
        ("My manager is supportive but supervision keeps getting cancelled", -1),
        ("The team is great, however caseloads are far too high", -1),
        ("Although the team is great, caseloads are too high", -1),
        ("Caseloads are too high, although the team is great", -1),
        ("It was a hard year but my team has been brilliant", 1),
        ("Although supervision is sometimes moved, my manager is supportive", 1),
        # negation
        ("The team is not supportive", -1),
        ("Supervision is never cancelled", 1),
        ("Not enough time for reflection", -1),
        ("No time for reflection", -1),
        ("My caseload is not unmanageable", 1),
        # care-sector words and phrases
        ("Supervision gets cancelled all the time", -1),
        ("Families keep chasing because of the waiting list", -1),
        ("Reviews are months overdue and there is a backlog", -1),
        ("Short-staffed every week and covering for colleagues", -1),
        ("Everyone is stretched", -1),
        # requests say what is missing
        ("We need more staff", -1),
        ("It would be good to have more training", -1),
        ("More time for reflection would help", -1),
        ("I really need my manager to be available", -1),
    ],
)
def test_sentiment_sign(text, sign):
    score = statement_sentiment(text)
    assert score * sign > 0.05, (text, score)


def test_questions_shape_what_an_answer_means():
    assert question_polarity(CAUSED) == "problem"
    assert question_polarity(RECOMMEND) == "improve"
    assert question_polarity(HELPS) == "positive"
    assert question_polarity("What are the good things? How could these be improved?") == (
        "neutral"
    )
    # a plain statement answering "what caused this?" is a problem
    assert statement_sentiment("The provider pulled out twice", CAUSED) < -0.05
    # ... more so than the same words with no question (criticism weighs 1.3x: -0.32 alone)
    plain = statement_sentiment("The provider pulled out twice")
    assert statement_sentiment("The provider pulled out twice", CAUSED) < plain - 0.05
    assert plain >= -0.35
    # a recommendation is not praise, even in warm words
    assert statement_sentiment("Supervision training for new managers", RECOMMEND) < 0
    assert statement_sentiment("It would be great to have reflective supervision", RECOMMEND) < 0
    # praise in answer to "what caused this to go badly" counts for less
    good = statement_sentiment("Good communication with the family")
    assert 0 < statement_sentiment("Good communication with the family", CAUSED) < good
    # "nothing" to a question about problems is no complaint; to "what helps" it is one
    assert statement_sentiment("Nothing", CAUSED) > 0
    assert statement_sentiment("Nothing", HELPS) < 0


def test_clauses_and_requests():
    parts = clauses("My manager is great but supervision is cancelled")
    assert [w for _, w in parts] == [pytest.approx(0.35), 1.0]
    assert [round(w, 2) for _, w in clauses("Although it is hard, I love the work")] == [
        0.35,
        1.0,
    ]
    assert is_request("We need more staff")
    assert is_request("More business support please")
    assert not is_request("Supervision is helpful")


@pytest.mark.parametrize(
    "counts, mood",
    [
        ({"positive": 3, "neutral": 2, "negative": 12}, "Mostly negative"),
        ({"positive": 12, "neutral": 2, "negative": 3}, "Mostly positive"),
        ({"positive": 7, "neutral": 3, "negative": 6}, "Mixed"),
        ({"positive": 1, "neutral": 14, "negative": 1}, "Mostly neutral"),
        ({"positive": 0, "neutral": 0, "negative": 0}, "Not known"),
    ],
)
def test_theme_mood_says_mixed_when_it_is(counts, mood):
    assert theme_mood(counts) == mood


# A hand-made corpus: three things staff say, in several words each.
CORPUS = {
    "supervision": [
        "Supervision gets cancelled when the team is busy.",
        "My supervision gets cancelled most months.",
        "Supervision gets cancelled or rushed because of duty.",
        "Supervision is rushed and gets cancelled at short notice.",
        "Supervision gets cancelled again and again.",
        "When supervision happens it is rushed.",
    ],
    "caseloads": [
        "Caseloads are too high for the work we do.",
        "Caseloads too high for the complexity of the work.",
        "My caseload is too high to do the work properly.",
        "Caseloads are too high and keep growing.",
        "Caseloads too high, no time to write up visits.",
        "With caseloads this high the work suffers.",
    ],
    "laptops": [
        "The laptops are slow and crash during visits.",
        "Old laptops that crash when recording.",
        "Laptops are slow to start every morning.",
        "My laptop is slow and the battery dies.",
        "The laptops crash and we lose notes.",
        "Slow laptops waste an hour a day.",
    ],
}


@pytest.fixture(scope="module")
def corpus_model():
    rows = [{"text": t, "topic": topic} for topic, texts in CORPUS.items() for t in texts]
    return ThemeModel(k=3, random_state=0).fit(make_statements(rows)), rows


def _words(text):
    return re.findall(r"[a-z]+", text.lower())


def test_labels_of_a_hand_made_corpus_are_phrases_from_it(corpus_model):
    model, rows = corpus_model
    themes = [t for t in model.themes_ if t.kind == "theme"]
    assert len(themes) == 3
    for theme in themes:
        members = [model.statements_[i].text.lower() for i in theme.members]
        # every part of the label ("X and Y") is written word for word by a member
        for part in theme.label.lower().split(" and "):
            assert any(" ".join(_words(part)) in " ".join(_words(m)) for m in members), (
                theme.label,
                members,
            )
        # the label shares a content word with most of the members
        content = {w for w in _words(theme.label) if len(w) > 3}
        covered = sum(1 for m in members if content & set(_words(m)))
        assert covered >= 0.5 * len(members), theme.label
        # and never ends on a small or dangling word
        assert _words(theme.label)[-1] not in {"the", "and", "of", "for", "to", "is", "are"}
    labels = " | ".join(t.label.lower() for t in themes)
    assert "supervision" in labels and "caseload" in labels and "laptop" in labels


def test_key_terms_occur_word_for_word(corpus_model):
    model, _ = corpus_model
    for theme in model.themes_:
        members = [model.statements_[i].text.lower() for i in theme.members]
        for term in theme.keywords:
            pattern = re.compile(r"\b" + r"[\s-]+".join(map(re.escape, term.split())) + r"\b")
            assert any(pattern.search(m) for m in members), (term, theme.label)


def test_a_label_is_never_a_whole_statement():
    rows = ["Not enough time for reflection"] * 6 + ["Laptops are slow and crash"] * 6
    model = ThemeModel(k=2, random_state=0).fit(make_statements(rows))
    for theme in model.themes_:
        assert theme.label.lower() not in {r.lower() for r in rows}


def test_closed_ratings_teach_the_sentiment_with_the_gain_shown():
    from analysis.sentiment_fit import fit_sentiment

    # Answers to two questions, rated well and badly on the whole, whose ratings within each
    # question do not follow what they say. A question's mean rating is no reading of its
    # comments: nothing is blended, and the gain shown is measured within questions.
    texts = ["Supervision is really helpful", "Supervision keeps getting cancelled"]
    scores, questions, ratings = [], [], []
    for i in range(80):
        scores.append(statement_sentiment(texts[(i // 2) % 2]))
        questions.append(["Q1", "Q7"][i % 2])
        ratings.append([0.1, 0.9][i % 2] + 0.05 * ((i * 3) % 3 - 1))
    blended, fit = fit_sentiment(scores, questions, ratings)
    assert fit.rated == 80 and fit.weight == 0 and list(blended) == scores
    assert fit.cv_blended == fit.cv_lexicon
    # where ratings within a question follow the comments, the lexicon's reading stands and
    # the correlation it reaches is the one shown
    ratings = [0.9 if s > 0 else 0.2 for s in scores]
    blended, fit = fit_sentiment(scores, questions, ratings)
    assert fit.cv_lexicon > 0.9 and list(blended) == scores
    # too few ratings: nothing is fitted, the lexicon stands
    same, fit = fit_sentiment(scores[:10], questions[:10], ratings[:10])
    assert fit.weight == 0 and fit.cv_lexicon is None and list(same) == scores[:10]


def test_ratings_reach_the_theme_model():
    rows = [{"text": t, "question": "Q1"} for t in CORPUS["caseloads"] * 6]
    rows += [{"text": t, "question": "Q7"} for t in CORPUS["laptops"] * 6]
    ratings = [0.1 * (i % 3) for i in range(72)]
    model = ThemeModel(k=2, random_state=0, ratings=ratings).fit(make_statements(rows))
    assert model.sentiment_fit_.rated == 72
    assert model.sentiment_fit_.cv_lexicon is not None


# One theme, mostly about translators, with pool cars that share "hard to book".
BOOKING = [
    "Translators are hard to book at short notice.",
    "Booking a translator takes weeks.",
    "Translators are hard to book for home visits.",
    "We wait for a translator to be booked before we can visit.",
    "Translators are hard to book and cancel late.",
    "Pool cars are hard to book, I use my own car.",
    "Pool cars are never free in the morning.",
]


def test_the_quotes_under_a_label_bear_it_out():
    """The pool-car case: the first quotes hold what the label says, not only a word of it."""
    from analysis.theme_labels import label_words, shows_label

    rows = BOOKING + CORPUS["laptops"]
    model = ThemeModel(k=2, random_state=0, min_label_coverage=0).fit(make_statements(rows))
    (theme,) = [t for t in model.themes_ if "book" in " ".join(t.keywords)]
    words = label_words(theme.label)
    assert words, theme.label
    quotes = [q["text"] for q in theme.quotes]
    assert quotes and all(shows_label(q, words) == len(words) for q in quotes[:3]), quotes
    # the label is a phrase people wrote, borne out by most of the theme
    members = [model.statements_[i].text for i in theme.members]
    half = (len(words) + 1) // 2
    assert sum(shows_label(m, words) >= half for m in members) > len(members) / 2, theme.label
    assert any(" ".join(_words(theme.label)) in " ".join(_words(m)) for m in members)


def test_quotes_that_show_the_label_come_first():
    from analysis.quotes import choose_quotes
    from analysis.theme_labels import label_words, shows_label

    words = label_words("Translators are hard to book")
    ranked = [5, 6, 0, 1, 2, 3, 4]  # the pool cars happen to be most central
    chosen = [text for _, text in choose_quotes(BOOKING, ranked, 3)]
    assert chosen[0].startswith("Pool cars")
    shown = [
        text for _, text in choose_quotes(BOOKING, ranked, 3, shows=lambda t: shows_label(t, words))
    ]
    assert shown and all("ranslator" in text for text in shown), shown


def test_lsa_fitted_on_a_sample_does_not_depend_on_the_order():
    """LSA is fitted on a sample chosen by content, not position: the same statements in
    another order get the same vectors."""
    from analysis.text_features import StatementVectorizer, content_sample

    texts = [t for texts in CORPUS.values() for t in texts] + BOOKING
    assert content_sample(texts, len(texts)) is None
    sample = content_sample(texts, 10)
    assert len(sample) == 10
    assert sorted(texts[i] for i in sample) == sorted(
        texts[::-1][i] for i in content_sample(texts[::-1], 10)
    )
    forward = StatementVectorizer(n_components=5, svd_sample=10).fit_transform(texts)
    backward = StatementVectorizer(n_components=5, svd_sample=10).fit_transform(texts[::-1])
    assert abs(np.abs(forward @ forward.T) - np.abs(backward[::-1] @ backward[::-1].T)).max() < 1e-4
