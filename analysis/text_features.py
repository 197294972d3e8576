"""Turning statements into features for clustering: tokens that keep negations, TF-IDF on
words and on character n-grams, the question asked as a feature, and LSA.
"""

from __future__ import annotations

import re
import zlib
from itertools import chain

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction import FeatureHasher
from sklearn.feature_extraction.text import (
    ENGLISH_STOP_WORDS,
    TfidfTransformer,
    TfidfVectorizer,
)
from sklearn.preprocessing import normalize

__all__ = [
    "KEEP_WORDS",
    "STOP_WORDS",
    "StatementVectorizer",
    "has_tokens",
    "prepare",
    "prepare_all",
    "tokens",
    "word_terms",
]

# A stock stop-word list deletes whole answers such as "Not enough supervision".
KEEP_WORDS = frozenset(
    {"not", "no", "never", "nor", "nothing", "none", "cannot", "without", "enough", "too"}
    | {"more", "less", "few", "against", "nobody"}
)
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS - KEEP_WORDS) | {"ve", "ll", "re", "don", "didn"}
TOKEN_PATTERN = r"(?u)\b[^\W\d_]{2,}\b"
_TOKEN = re.compile(TOKEN_PATTERN)
_URL = re.compile(r"(?i)\b(?:https?://|www\.)\S+")
_PLACEHOLDER = re.compile(r"\[(?:name|email|phone|NI number|postcode|case number)\]")
_CONTRACTIONS = (
    (re.compile(r"(?i)\bcan[’']t\b"), "can not"),
    (re.compile(r"(?i)\bwon[’']t\b"), "will not"),
    (re.compile(r"(?i)\bshan[’']t\b"), "shall not"),
    (re.compile(r"(?i)n[’']t\b"), " not"),
    (re.compile(r"(?i)[’'](?:s|m|re|ve|ll|d)\b"), ""),
)


def prepare(text: str) -> str:
    """Lower-case text with placeholders dropped and "n't" written as "not"."""
    text = text or ""
    # Each pattern runs only where it can match: a URL has "://" or "www.", a placeholder
    # "[", a contraction an apostrophe.
    if "://" in text or "www." in text.lower():
        text = _URL.sub(" ", text)
    if "[" in text:
        text = _PLACEHOLDER.sub(" ", text)
    if "'" in text or "’" in text:
        for pattern, replacement in _CONTRACTIONS:
            text = pattern.sub(replacement, text)
    return text.lower()


def term_counts(docs) -> tuple[sp.csr_matrix, list[str]]:
    """How often each document (a list of terms) holds each term, as a float32 matrix
    (duplicates not yet summed), and the terms in column order (first seen first)."""
    flat = list(chain.from_iterable(docs))
    vocab = {term: i for i, term in enumerate(dict.fromkeys(flat))}
    indptr = np.zeros(len(docs) + 1, dtype=np.int64)
    np.cumsum([len(terms) for terms in docs], out=indptr[1:])
    matrix = sp.csr_matrix(
        (
            np.ones(len(flat), dtype=np.float32),
            np.fromiter(map(vocab.__getitem__, flat), dtype=np.int64, count=len(flat)),
            indptr,
        ),
        shape=(len(docs), len(vocab)),
    )
    return matrix, list(vocab)


def _once_each(function, items) -> list:
    """``function`` of each item, computed once per distinct item (survey answers repeat)."""
    done: dict = {}
    out = []
    for item in items:
        value = done.get(item)
        if value is None:
            value = done[item] = function(item)
        out.append(value)
    return out


def prepare_all(texts) -> list[str]:
    """``prepare`` for each text, once per distinct text (survey answers repeat a lot)."""
    return _once_each(prepare, texts)


def tokens(text: str) -> list[str]:
    """Word tokens of a prepared text, negations kept."""
    return _TOKEN.findall(text)


def has_tokens(text: str) -> bool:
    """Whether a prepared text has any word tokens (``bool(tokens(text))``)."""
    return _TOKEN.search(text) is not None


def word_terms(prepared: str, runs: dict | None = None) -> list[str]:
    """Word unigrams and bigrams of a prepared text, stop words left out (negations kept):
    the terms scikit-learn's word analyzer gives with ``TOKEN_PATTERN`` and ``STOP_WORDS``.

    ``runs``: the words kept of each run of text between spaces, where the caller keeps them
    across texts (a token never holds a space, and a space is a word boundary, so a text's
    words are its runs' words in turn)."""
    if runs is None:
        words = [w for w in _TOKEN.findall(prepared) if w not in STOP_WORDS]
    else:
        words = []
        for run in prepared.split():
            kept = runs.get(run)
            if kept is None:
                kept = runs[run] = [w for w in _TOKEN.findall(run) if w not in STOP_WORDS]
            words.extend(kept)
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


def word_terms_all(prepared) -> list[list[str]]:
    """``word_terms`` for each prepared text, once per distinct text, each distinct run of
    text between spaces read once (statements repeat their words)."""
    runs: dict[str, list[str]] = {}
    return _once_each(lambda text: word_terms(text, runs), prepared)


def given_terms(terms: list[str]) -> list[str]:
    """An ``analyzer`` for scikit-learn's vectorizers fed lists of terms already found."""
    return terms


def _identity(text: str) -> str:
    return text


CHAR_NGRAMS = (3, 5)
CHAR_FEATURES = 2**18


def _char_ngrams(word: str) -> list[str]:
    """A word's character n-grams as scikit-learn's ``analyzer="char_wb"`` finds them: the word
    padded with a space each side, n-grams of each length, a word shorter than n counted once."""
    padded = f" {word} "
    length = len(padded)
    out = []
    for n in range(CHAR_NGRAMS[0], CHAR_NGRAMS[1] + 1):
        out.extend(padded[offset : offset + n] for offset in range(max(1, length - n + 1)))
        if length <= n:  # a short word's one n-gram, counted once
            break
    return out


def char_ngram_counts(texts) -> sp.csr_matrix:
    """Counts of hashed character 3-5-grams within words, the same matrix as
    ``HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), n_features=2**18,
    alternate_sign=False, norm=None)`` gives for these (prepared) texts, but hashing each
    distinct word once: (texts x words counts) @ (words x hashed n-gram counts)."""
    split = [text.split() for text in texts]
    text_words, vocab = term_counts(split)
    if not vocab:  # no words at all
        return sp.csr_matrix((len(split), CHAR_FEATURES), dtype=np.float32)
    word_ngrams = FeatureHasher(
        n_features=CHAR_FEATURES, input_type="string", alternate_sign=False, dtype=np.float32
    ).transform(_char_ngrams(word) for word in vocab)
    matrix = (text_words @ word_ngrams).tocsr()
    matrix.sum_duplicates()
    return matrix


# LSA is fitted on at most this many distinct statements (``content_sample``) and then
# applied to all: the SVD's passes over a 100,000-row matrix cost more than the rest of the
# pipeline, and a few thousand statements fix the main directions of the vocabulary.
SVD_SAMPLE = 4000


def content_sample(texts, size):
    """Row indices of up to ``size`` distinct texts chosen by a checksum of their content,
    in checksum order, or None when there are no more distinct texts than that. Chosen by
    content, not position, so that the same statements in another order give the same LSA."""
    first: dict[str, int] = {}
    for i, text in enumerate(texts):
        first.setdefault(text, i)
    if not size or len(first) <= size:
        return None
    keyed = sorted((zlib.crc32(text.encode("utf-8")), text) for text in first)
    return np.array([first[text] for _, text in keyed[:size]], dtype=np.int64)


class StatementVectorizer(BaseEstimator, TransformerMixin):
    """Statements (and the question each answers) to dense, unit-length LSA vectors.

    Word uni- and bigrams (negations kept) and hashed character n-grams, each TF-IDF weighted
    and normalised, side by side; the question as a one-hot block scaled by
    ``question_weight``; then ``n_components``-dimensional LSA (truncated SVD) and unit
    length. Character n-grams catch spelling variants and word forms without a stemmer;
    hashing them keeps memory flat on large inputs.
    """

    def __init__(
        self,
        n_components=100,
        char_ngrams=True,
        char_weight=1.0,
        question_weight=0.5,
        min_df=2,
        max_df=0.95,
        svd_iterations=3,
        svd_sample=SVD_SAMPLE,
        random_state=0,
    ):
        self.svd_iterations = svd_iterations
        self.svd_sample = svd_sample
        self.n_components = n_components
        self.char_ngrams = char_ngrams
        self.char_weight = char_weight
        self.question_weight = question_weight
        self.min_df = min_df
        self.max_df = max_df
        self.random_state = random_state

    def _word_vectorizer(self, n: int) -> TfidfVectorizer:
        # Fed word_terms (unigrams and bigrams, stop words out) of the prepared texts.
        return TfidfVectorizer(
            analyzer=given_terms,
            min_df=self.min_df if n >= 20 else 1,
            max_df=self.max_df if n >= 20 else 1.0,
            sublinear_tf=True,
            dtype=np.float32,
        )

    def _blocks(self, texts, questions, fit: bool, prepared=None, terms=None):
        texts = prepare_all(texts) if prepared is None else list(prepared)
        if terms is None:
            terms = word_terms_all(texts)
        if fit:
            try:
                words = self.word_.fit_transform(terms)
            except ValueError:  # every word pruned (identical answers) or no words at all
                self.word_.set_params(min_df=1, max_df=1.0)
                try:
                    words = self.word_.fit_transform(terms)
                except ValueError:
                    self.word_ = None
        if self.word_ is None:
            words = sp.csr_matrix((len(texts), 0), dtype=np.float32)
        elif not fit:
            words = self.word_.transform(terms)
        blocks = [words]
        if self.char_ngrams:
            counts = char_ngram_counts(texts)
            if fit:
                # Keep only character n-grams seen in 2+ statements: rarer ones are noise and
                # dominate SVD time.
                df = np.bincount(counts.indices, minlength=counts.shape[1])
                self.char_columns_ = np.flatnonzero(df >= min(2, len(texts)))
                counts = counts[:, self.char_columns_]
                self.char_tfidf_ = TfidfTransformer(sublinear_tf=True).fit(counts)
            else:
                counts = counts[:, self.char_columns_]
            blocks.append(normalize(self.char_tfidf_.transform(counts)) * self.char_weight)
        if self.questions_:
            index = {q: i for i, q in enumerate(self.questions_)}
            rows = [i for i, q in enumerate(questions) if q in index]
            cols = [index[questions[i]] for i in rows]
            onehot = sp.csr_matrix(
                (np.full(len(rows), self.question_weight, dtype=np.float32), (rows, cols)),
                shape=(len(texts), len(self.questions_)),
            )
            blocks.append(onehot)
        return sp.hstack(blocks, format="csr", dtype=np.float32)

    def fit_transform(self, texts, questions=None, prepared=None, terms=None):
        """``prepared`` and ``terms``: ``prepare`` and then ``word_terms`` of each text, where
        the caller has them already."""
        texts = list(texts)
        questions = list(questions) if questions is not None else [None] * len(texts)
        distinct = sorted({q for q in questions if q})
        self.questions_ = distinct if len(distinct) > 1 and self.question_weight else []
        self.word_ = self._word_vectorizer(len(texts))
        matrix = self._blocks(texts, questions, fit=True, prepared=prepared, terms=terms)
        distinct = len(set(texts))
        n_components = min(self.n_components, matrix.shape[1] - 1, distinct - 1)
        if n_components >= 2:
            self.svd_ = TruncatedSVD(
                n_components=n_components,
                n_iter=self.svd_iterations,
                random_state=self.random_state,
            )
            sample = content_sample(texts, self.svd_sample)
            with np.errstate(divide="ignore", invalid="ignore"):
                if sample is None:
                    dense = self.svd_.fit_transform(matrix)
                else:
                    dense = self.svd_.fit(matrix[sample]).transform(matrix)
        else:
            # Too few distinct statements for LSA: keep the columns in use, as they are.
            self.svd_ = None
            self.columns_ = np.unique(matrix.indices)
            dense = matrix[:, self.columns_].toarray()
        self.n_features_ = matrix.shape[1]
        self.norms_ = np.linalg.norm(dense, axis=1).astype(np.float32)
        return normalize(dense).astype(np.float32)

    def text_part(self, X, questions):
        """``X``, as ``fit_transform`` returned it for these rows and ``questions``, with
        the question's share taken out, unit length: what the words alone say, to compare
        answers to different questions. LSA is linear, so the question's one-hot column's
        image is subtracted from each row's (unnormalised) vector."""
        if not self.questions_:
            return X
        index = {q: i for i, q in enumerate(self.questions_)}
        first = self.n_features_ - len(self.questions_)
        if self.svd_ is None:  # the columns in use, as they are: the question's are zeroed
            return normalize(X * (self.columns_ < first)).astype(np.float32)
        images = self.svd_.components_[:, first:].T * self.question_weight
        raw = X * self.norms_[:, None]
        rows = [i for i, q in enumerate(questions) if q in index]
        raw[rows] -= images[[index[questions[i]] for i in rows]]
        return normalize(raw).astype(np.float32)

    def fit(self, texts, questions=None):
        self.fit_transform(texts, questions)
        return self

    def transform(self, texts, questions=None):
        texts = list(texts)
        questions = list(questions) if questions is not None else [None] * len(texts)
        matrix = self._blocks(texts, questions, fit=False)
        if self.svd_ is not None:
            dense = self.svd_.transform(matrix)
        else:
            dense = matrix[:, self.columns_].toarray()
        return normalize(dense).astype(np.float32)
