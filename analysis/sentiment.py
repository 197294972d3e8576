"""Sentiment of statements and themes, read as a person would, aware of the question asked.

Words come from VADER with a care-sector lexicon (analysis.sentiment_lexicon); this module
reads them in context: contrast ("good, but the wait is long" is a complaint), requests ("we
need more staff" says what is missing, never praise) and the question the answer was given
to (analysis.sentiment_questions). Answers that say there is nothing to say are scored from
the question: "Nothing" to "what could be improved?" is not a complaint, while "Nothing" to
"what helps you?" is. A theme's mood comes from its statements' counts (``theme_mood``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from analysis.regex_anchors import AnchorScan, anchors, cannot_match
from analysis.sentiment_lexicon import (
    CARE_PHRASES,
    DOMAIN_LEXICON,
    LEXICON_PATTERNS,
    lexicon_valence,
    phrase_valence,
    vader,
)
from analysis.sentiment_questions import (
    NOTHING_GOOD,
    NOTHING_TO_IMPROVE,
    QUESTION_PRIORS,
    apply_prior,
    question_polarity,
)
from analysis.statements import clean_text, is_nothing_answer
from analysis.theme_mood import leaning_side, mood_side, theme_mood

__all__ = [
    "CARE_PHRASES",
    "DOMAIN_LEXICON",
    "QUESTION_PRIORS",
    "apply_prior",
    "clauses",
    "is_request",
    "question_polarity",
    "raw_sentiment",
    "sentiment_cache",
    "sentiment_label",
    "leaning_side",
    "mood_side",
    "theme_mood",
    "statement_sentiment",
    "text_sentiment",
    "vader",
]

# A clause that asks for something ("We need more staff", "It would be good to have ...")
# says what is missing: never praise, whatever words it uses.
_REQUEST = re.compile(
    r"^\W*(?:(?:we|i|staff|teams?|workers|practitioners|managers|everyone|people|the team|"
    r"the service|there)\s+)?(?:really\s+|urgently\s+|badly\s+|definitely\s+|still\s+)?"
    r"(?:need|needs|must|should|(?:would|'d) like(?! to (?:thank|say|express|share|pass|"
    r"let|write|tell|mention|praise|commend|compliment|highlight|give|add|acknowledge|"
    r"explain))|want|wish|require|could do with|could use)\b"
    r"|^\W*(?:more|fewer|better|proper|clearer|additional|extra|stop|recruit|introduce|provide|"
    r"bring back|please)\b"
    r"|^\W*(?:do not|don't)\s+(?!know\b)"
    r"|\bneeds? to (?:be )?(?:better|improved?|change|changed|clearer|faster|quicker|sorted|fixed|"
    r"looked at|addressed|reviewed)\b|\bcould (?:be|do) (?:much |a lot |far )?(?:better|improved)\b"
    r"|\b(?:we|i|patients|staff|they) (?:really |still |urgently |badly |definitely )?needs? "
    r"(?:more|a|an|better|extra|some|to have)\b"
    r"|\b(?:should|must) (?:have|get|give|provide|stop|start|take|learn|listen|treat|"
    r"be (?:more|better|given|allowed|able|told|offered|trained))\b"
    r"|\bit would (?:be|help|make)\b|\bwould (?:be (?:good|nice|great|helpful|better|useful)|"
    r"help|make a (?:big |real )?difference)\b|\bplease\b",
    re.IGNORECASE,
)
_REQUEST_ANCHORS = anchors(_REQUEST)
# Every large pattern a clause is read against, tested for all at once by one scan.
_CLAUSE_SCAN = AnchorScan({**LEXICON_PATTERNS, "request": _REQUEST})
# Valence a request adds: it reads as a need, mildly negative.
REQUEST_VALENCE = -1.2

# Contrast: the clause after "but", "however", "yet" counts more than the one before; a clause
# led by "although", "though", "even though", "despite", "while" counts less than the main one.
_CONTRAST = re.compile(r"(?i)(?:[,;:.]\s*|\s+)(but|however|yet|although|though|whereas)\b[,]?\s*")
_CONCESSIVE_LEAD = re.compile(r"(?i)^\W*(?:although|though|even though|despite|while|whilst)\b")
WEAK_CLAUSE = 0.35


def clauses(text: str) -> list[tuple[str, float]]:
    """``text`` cut at contrast words, each clause with its weight: after "but", "however" or
    "yet" the clause before counts ``WEAK_CLAUSE``; a clause led by "although", "though",
    "despite" or "while" counts ``WEAK_CLAUSE`` against the main clause.

    Contrast stays within a sentence, or reaches the one sentence before it ("... However,
    ..."): a "but" in a story's fifth sentence does not weaken its first four."""
    if "\n" not in text and ". " not in text and "? " not in text and "! " not in text:
        return _sentence_clauses(text)  # one sentence: most statements, no split to pay for
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    if len(sentences) <= 1:
        return _sentence_clauses(text)
    if _CONTRAST_SCAN.may_match(text) == frozenset():
        return [(sentence, 1.0) for sentence in sentences]  # no contrast word in any of them
    out: list[list] = []
    for index, sentence in enumerate(sentences):
        lead = _CONTRAST_LEAD.match(sentence)
        if lead:
            for earlier in out:
                if earlier[2] == index - 1:
                    earlier[1] = min(earlier[1], WEAK_CLAUSE)
            sentence = sentence[lead.end() :]
        out.extend([clause, weight, index] for clause, weight in _sentence_clauses(sentence))
    return [(clause, weight) for clause, weight, _ in out]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_CONTRAST_LEAD = re.compile(r"(?i)^\W*(?:but|however|yet)\b,?\s*")
# Most texts hold no contrast word at all: one scan says so, and each sentence is a clause.
_CONTRAST_SCAN = AnchorScan(
    {"contrast": _CONTRAST, "concessive": _CONCESSIVE_LEAD, "lead": _CONTRAST_LEAD}
)


def _sentence_clauses(text: str) -> list[tuple[str, float]]:
    if _CONTRAST_SCAN.may_match(text) == frozenset():
        return [(text, 1.0)] if text.strip() else []
    parts = _CONTRAST.split(text)
    out = [[parts[0], 1.0]]
    for word, clause in zip(parts[1::2], parts[2::2]):
        word = word.lower()
        if word in ("but", "however", "yet", "whereas"):
            for earlier in out:
                earlier[1] = min(earlier[1], WEAK_CLAUSE)
            out.append([clause, 1.0])
        else:  # "X, although Y": Y concedes; "Although Y, X" is handled below
            out.append([clause, WEAK_CLAUSE])
    result = []
    for clause, weight in out:
        if _CONCESSIVE_LEAD.match(clause) and "," in clause:
            lead, main = clause.split(",", 1)
            result.append((lead, weight * WEAK_CLAUSE))
            result.append((main, weight))
        elif _CONCESSIVE_LEAD.match(clause):
            result.append((clause, weight * WEAK_CLAUSE))
        else:
            result.append((clause, weight))
    return [(c, w) for c, w in result if c.strip()]


def is_request(clause: str, may=None) -> bool:
    """Whether a clause asks for something ("We need more staff", "More time for reflection
    would help"). ``may``: as for ``sentiment_lexicon.lexicon_valence``."""
    if cannot_match(_REQUEST_ANCHORS, clause) if may is None else "request" not in may:
        return False
    return _REQUEST.search(clause) is not None


def _clause_valence(analyser, clause: str) -> float:
    """The summed valence of one clause: VADER's words with the care lexicon, the care
    phrases, and a request's pull toward "something is missing".

    Inside ``sentiment_cache()`` each distinct clause is read once: a row of several
    statements is read again whole, clause by clause, after its statements were."""
    scores = _CLAUSES.get()
    if scores is None:
        return _read_clause(analyser, clause)
    value = scores.get(clause)
    if value is None:
        value = scores[clause] = _read_clause(analyser, clause)
    return value


def _read_clause(analyser, clause: str) -> float:
    may = _CLAUSE_SCAN.may_match(clause)
    if is_request(clause, may):
        # A request takes its own sentence only: "Please pass this on" after three sentences
        # of thanks does not make the thanks a need.
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", clause) if s.strip()]
        if len(sentences) > 1:
            return sum(_clause_valence(analyser, sentence) for sentence in sentences)
        total = lexicon_valence(analyser, clause, may) + phrase_valence(clause.lower(), may)
        return min(total, 0.0) + REQUEST_VALENCE
    return lexicon_valence(analyser, clause, may) + phrase_valence(clause.lower(), may)


def _normalise(total: float, alpha: float = 15.0) -> float:
    """VADER's squash of a valence sum onto -1..1."""
    return total / math.sqrt(total * total + alpha) if total else 0.0


# Scores of texts already read inside ``sentiment_cache()`` (None outside one).
_SCORES: ContextVar[dict[str, float] | None] = ContextVar("raw_sentiment_scores", default=None)
_CLAUSES: ContextVar[dict[str, float] | None] = ContextVar("clause_valences", default=None)


@contextmanager
def sentiment_cache() -> Iterator[None]:
    """Inside this block ``raw_sentiment`` reads each distinct text once: a theme fit reads a
    statement's words for its score and again for the side they take in its theme's mood.
    The scores live for the block only (and only in its context), so nothing of one analysis
    is kept for the next."""
    if _SCORES.get() is not None:
        yield
        return
    token, clause_token = _SCORES.set({}), _CLAUSES.set({})
    try:
        yield
    finally:
        _CLAUSES.reset(clause_token)
        _SCORES.reset(token)


def raw_sentiment(text: str) -> float:
    """Sentiment of a text from -1 to 1 before any question prior: VADER's words with the
    care lexicon, care phrases, requests, and contrast weighting across clauses."""
    scores = _SCORES.get()
    if scores is None:
        return _raw_sentiment(text)
    score = scores.get(text)
    if score is None:
        score = scores[text] = _raw_sentiment(text)
    return score


def _raw_sentiment(text: str) -> float:
    analyser = vader()
    parts = clauses(text)
    total = sum(weight * _clause_valence(analyser, clause) for clause, weight in parts)
    if total == 0.0:
        return 0.0
    # VADER's emphasis for "!" and "?", on the text as a whole.
    total += math.copysign(analyser._punctuation_emphasis(total, text), total)
    return round(max(-1.0, min(1.0, _normalise(total))), 4)  # as VADER rounds


def statement_sentiment(text: str, question: str | None = None, nothing=None) -> float:
    """Sentiment of one statement from -1 (negative) to 1 (positive), given the question (its
    wording: what it asks shapes what an answer means; see ``question_polarity``).

    ``nothing``: ``is_nothing_answer(text)``, where the caller knows it already."""
    if not text or not text.strip():
        return 0.0
    kind = question_polarity(question)
    if is_nothing_answer(text) if nothing is None else nothing:
        if kind in ("improve", "problem"):
            return NOTHING_TO_IMPROVE
        if kind == "positive":
            return NOTHING_GOOD
        return 0.0
    return apply_prior(raw_sentiment(text), kind)


def text_sentiment(text: str, question: str | None = None) -> float:
    """Sentiment of a whole answer or note from -1 to 1, given the question.

    VADER's compound score over the whole text: on the Care Opinion benchmark it follows the
    coders' criticality scores more closely than the mean over sentences does (Spearman 0.38
    against 0.25), since one clearly critical sentence outweighs polite thanks around it.
    """
    return statement_sentiment(clean_text(text), question)


def sentiment_label(score: float, threshold: float = 0.05) -> str:
    """ "positive", "negative" or "neutral", with VADER's usual cut-off."""
    if score >= threshold:
        return "positive"
    if score <= -threshold:
        return "negative"
    return "neutral"
