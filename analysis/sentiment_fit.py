"""Sentiment taught by the survey itself: the closed rating beside a comment box.

A respondent who rates work allocation "Very unfairly" and then writes in the box beside it
is, on the whole, not praising it. Those ratings are weak labels for the comments, free in
every cycle: a small linear model, fitted per cycle on the rated comments, maps the lexicon
score (analysis.sentiment) and which question was asked to the rating, and its prediction is
blended with the lexicon score. The blend weight is chosen by cross-validation on the rated
comments and is 0 (the lexicon alone) unless the blend ranks held-out comments better; the
cross-validated Spearman correlations before and after are kept, so the gain is shown, not
assumed.

The ranking is measured within each question (a weighted mean of per-question Spearman
correlations): across questions, a "gain" comes from nothing but each question's mean rating
(tools rated well on the whole), and applying it would turn every comment to that question
toward its mean whatever it says (on the demo it turned most "slow and crashes" comments
positive). A model whose slope on the lexicon score is not positive learns nothing about
reading the comment and is not used. Unrated comments to a rated question get the blend too;
comments to questions with no rating beside them keep the lexicon score.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.stats import spearmanr

__all__ = ["MIN_RATED", "SentimentFit", "fit_sentiment"]

# Fewer rated comments than this, or ratings with no spread, and nothing is fitted.
MIN_RATED = 30
FOLDS = 5
WEIGHTS = (0.0, 0.25, 0.5, 0.75)
RIDGE = 1.0


@dataclass
class SentimentFit:
    """What the fit found: the blend ``weight`` (0: the lexicon alone), the rated comments it
    learnt from, and the cross-validated Spearman correlation with the ratings of the lexicon
    score alone and of the blend."""

    weight: float = 0.0
    rated: int = 0
    cv_lexicon: float | None = None
    cv_blended: float | None = None
    questions: list = field(default_factory=list)
    coef: list = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "weight": self.weight,
            "rated": self.rated,
            "cv_spearman_lexicon": self.cv_lexicon,
            "cv_spearman_blended": self.cv_blended,
        }


def _design(scores, questions, known):
    index = {q: i for i, q in enumerate(known)}
    X = np.zeros((len(scores), 2 + len(known)))
    X[:, 0] = 1.0
    X[:, 1] = scores
    for row, q in enumerate(questions):
        if q in index:
            X[row, 2 + index[q]] = 1.0
    return X


def _ridge(X, y):
    penalty = RIDGE * np.eye(X.shape[1])
    penalty[0, 0] = 0.0  # the intercept is not shrunk
    return np.linalg.solve(X.T @ X + penalty, X.T @ y)


def _spearman(a, b) -> float | None:
    if len(a) < 3 or np.ptp(a) == 0 or np.ptp(b) == 0:
        return None
    return float(spearmanr(a, b)[0])


def _spearman_within(a, b, groups) -> float | None:
    """Spearman correlation of ``a`` and ``b`` within each group, weighted by group size;
    None when no group of 5 or more has spread on both sides."""
    total = weight = 0.0
    for group in set(groups):
        rows = [i for i, g in enumerate(groups) if g == group]
        if len(rows) < 5:
            continue
        value = _spearman(a[rows], b[rows])
        if value is None or np.isnan(value):
            continue
        total += value * len(rows)
        weight += len(rows)
    return total / weight if weight else None


def fit_sentiment(scores, questions, ratings, seed: int = 0) -> tuple[np.ndarray, SentimentFit]:
    """Blend lexicon ``scores`` (-1..1) with what the closed ``ratings`` (0..1, None where a
    comment has none) teach, per question. Returns the blended scores and the fit."""
    scores = np.asarray(scores, dtype=float)
    rated = np.array([r is not None for r in ratings], dtype=bool)
    fit = SentimentFit(rated=int(rated.sum()))
    if fit.rated < MIN_RATED:
        return scores, fit
    y = np.array([2.0 * float(r) - 1.0 for r in ratings if r is not None])
    if np.ptp(y) == 0:
        return scores, fit
    s = scores[rated]
    q = [questions[i] for i in np.flatnonzero(rated)]
    known = sorted({x for x in q if x is not None})
    order = np.random.RandomState(seed).permutation(len(y))
    folds = np.array_split(order, FOLDS)
    predicted = np.zeros(len(y))
    for fold in folds:
        train = np.setdiff1d(order, fold)
        coef = _ridge(_design(s[train], [q[i] for i in train], known), y[train])
        predicted[fold] = _design(s[fold], [q[i] for i in fold], known) @ coef
    predicted = np.clip(predicted, -1.0, 1.0)
    by_weight = {w: _spearman_within((1 - w) * s + w * predicted, y, q) for w in WEIGHTS}
    fit.cv_lexicon = by_weight[0.0]
    best = max(WEIGHTS, key=lambda w: (by_weight[w] or -2.0, -w))
    fit.cv_blended = by_weight[best]
    if best == 0.0 or fit.cv_lexicon is None or (fit.cv_blended or -2.0) <= fit.cv_lexicon:
        fit.cv_blended = fit.cv_lexicon
        return scores, fit
    coef = _ridge(_design(s, q, known), y)
    if coef[1] <= 0:  # the ratings do not follow the lexicon's reading: nothing learnt
        fit.cv_blended = fit.cv_lexicon
        return scores, fit
    fit.weight, fit.questions, fit.coef = best, known, coef.tolist()
    model = np.clip(_design(scores, list(questions), known) @ coef, -1.0, 1.0)
    # Only answers to questions that were rated: elsewhere the intercept learnt from rated
    # boxes (how people rated allocation, say) says nothing about the answer.
    seen = np.array([question in set(known) for question in questions], dtype=bool)
    blended = np.where(seen, (1 - best) * scores + best * model, scores)
    return np.clip(blended, -1.0, 1.0), fit
