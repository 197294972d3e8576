"""Key terms of clusters of statements: the words and two-word phrases most typical of a
cluster compared with all statements (share of the cluster holding it times log lift), each
multi-word term one that people wrote word for word, and none a fragment a reader would hide
(``term_ok``): no phrase that starts or ends where a label may not (the rules of
analysis.label_phrases: "complaints does", "takes too", "enough ot"), and no single word that
is a bare verb form or a word of degree ("comes", "kept", "little").
"""

from __future__ import annotations

import re

import numpy as np
import scipy.sparse as sp

from analysis.text_features import KEEP_WORDS, prepare_all, term_counts, word_terms_all

__all__ = ["VAGUE", "cluster_terms", "term_ok", "written"]

# Words too vague to carry a label alone.
VAGUE = frozenset(
    {"good", "great", "ok", "okay", "lot", "lots", "thing", "things", "time", "times", "way"}
    | {"feel", "felt", "think", "know", "like", "got", "get", "make", "made", "say", "said"}
    | {"went", "did", "does", "want", "need", "needs", "use", "used", "come", "came", "day"}
    | {"able", "work", "team", "told", "asked", "really", "just", "does", "did", "doing"}
    | {"going", "today", "yesterday", "week", "help", "helped", "people", "person", "staff"}
)

# Verb forms a key term may neither be nor start or end on ("include wellbeing", "calls save");
# the rules of analysis.label_phrases catch most ("comes", "led", "kept", "takes").
_VERB_FORMS = frozenset(
    {"laugh", "include", "includes", "involve", "rely", "save", "hear", "listen", "listens"}
    | {"manage", "cancel", "catch", "build", "reflect", "spent", "waited", "met", "agreed"}
    | {"left", "felt", "went", "took", "gave", "got", "brought", "gain", "sent", "done"}
    | {"given", "taken", "known", "seen", "told", "thought", "find", "confirms", "happens"}
    | {"holds", "enter", "understand", "act", "owning", "identified", "away"}
)
# Words of degree and the like, never a topic alone ("little", "real").
_NOT_ALONE = _VERB_FORMS | {"real", "little", "much", "bit", "whole", "quite", "rather", "fairly"}
_NOT_ALONE |= {"pretty", "lack", "loads", "extra", "yes", "no"}
# Words in -ly that are no adverb: a single word in -ly otherwise is one ("quickly").
_LY_NOT_ADVERB = frozenset(
    {"family", "monthly", "weekly", "daily", "yearly", "quarterly", "friendly", "elderly"}
    | {"early", "lonely", "lovely", "timely", "costly", "supply", "reply", "assembly", "poorly"}
    | {"unfriendly", "user-friendly", "holy", "ugly", "silly", "july", "italy", "ally"}
)


def term_ok(term: str) -> bool:
    """Whether a key term reads as a topic rather than a fragment: a phrase that starts and
    ends where a label may (``analysis.label_phrases.phrase_ok``: not on a verb, auxiliary,
    negation, preposition or word of degree), no comma; a single word a content noun or
    adjective, not a bare verb form ("comes", "led", "kept"), an adverb ("quickly") or a word
    of degree ("little")."""
    from analysis.label_phrases import phrase_ok  # it imports VAGUE from here

    if "," in term:
        return False
    words = tuple(term.lower().split())
    if not words or not phrase_ok(words):
        return False
    if words[0] in _VERB_FORMS or words[-1] in _VERB_FORMS:
        return False
    if len(words) == 1:
        word = words[0]
        if word in _NOT_ALONE:
            return False
        if word.endswith("ly") and len(word) > 4 and word not in _LY_NOT_ADVERB:
            return False
    return True


def _cluster_df(member_matrix, cluster_rows):
    """Per cluster, in how many of its rows each term appears: one sparse product rather than
    a slice and sum per cluster."""
    sizes = [len(rows) for rows in cluster_rows]
    which = np.repeat(np.arange(len(cluster_rows)), sizes)
    rows = np.concatenate([np.asarray(r, dtype=np.int64) for r in cluster_rows]) if sizes else []
    indicator = sp.csr_matrix(
        (np.ones(len(which), dtype=member_matrix.dtype), (which, rows)),
        shape=(len(cluster_rows), member_matrix.shape[0]),
    )
    return (indicator @ member_matrix).tocsr()


def _score_terms(member_matrix, background_df, n_background, cluster_rows):
    """Per cluster: coverage p(t|c) times log lift p(t|c) / p(t), for each term; and the
    clusters' document frequencies (one row per cluster)."""
    scores = []
    p_all = (np.asarray(background_df, dtype=np.float64) + 1.0) / (n_background + 1.0)
    cluster_df = _cluster_df(member_matrix, cluster_rows)
    for c, rows in enumerate(cluster_rows):
        if len(rows) == 0:
            scores.append(np.zeros(member_matrix.shape[1]))
            continue
        df = cluster_df[c].toarray().ravel()
        p_c = df / len(rows)
        lift = np.log(np.maximum(p_c, 1e-12) / p_all)
        score = np.where((df >= 2) | (len(rows) < 4), p_c * np.maximum(lift, 0.0), 0.0)
        scores.append(score)
    return scores, cluster_df


def _binary_matrix(docs):
    """Which terms each document (a list of terms) holds, as a binary float32 matrix, and the
    terms in column order (first seen first). What ``CountVectorizer(binary=True)`` gives,
    bar the column order, without sorting the vocabulary; ``_ranked`` breaks ties by the
    terms themselves, as the sorted vocabulary did."""
    matrix, vocab = term_counts(docs)
    matrix.sum_duplicates()
    matrix.data[:] = 1.0  # binary: a term repeated in a document counts once
    return matrix, vocab


def _ranked(score, vocab):
    """Indices of the terms with a positive score, best first, ties in alphabetical order of
    the terms."""
    positive = np.flatnonzero(score > 0).tolist()
    keys = {j: (-s, vocab[j]) for j, s in zip(positive, score[positive].tolist())}
    return sorted(positive, key=keys.__getitem__)


def cluster_terms(texts, cluster_rows, n_terms=8, prepared=None, terms=None):
    """Top key terms (words and two-word phrases, negations kept) for each cluster.

    ``cluster_rows`` is a list of index arrays into ``texts``. Returns lists of strings.
    ``prepared`` and ``terms``: ``prepare`` and then ``word_terms`` of each text, where the
    caller has them already.
    """
    if not texts:
        return [[] for _ in cluster_rows]
    if terms is None:
        terms = word_terms_all(prepare_all(texts) if prepared is None else prepared)
    matrix, vocab = _binary_matrix(terms)
    if not vocab:  # no words at all (emoji, numbers)
        return [[] for _ in cluster_rows]
    background = np.asarray(matrix.sum(axis=0)).ravel()
    out = []
    scores, _ = _score_terms(matrix, background, matrix.shape[0], cluster_rows)
    for score, rows in zip(scores, cluster_rows):
        chosen: list[str] = []
        member_texts = None
        for j in _ranked(score, vocab):
            if len(chosen) >= n_terms:
                break
            term = vocab[j]
            words = term.split()
            if all(w in KEEP_WORDS or w in VAGUE for w in words) or not term_ok(term):
                continue
            if len(words) > 1:
                # Two words with a stop word between them ("criteria comes" from "criteria
                # for what comes") are no phrase anybody wrote: keep only those written
                # side by side in a member's statement.
                if member_texts is None:
                    member_texts = [texts[i].lower() for i in rows[:500]]
                if not written(term, member_texts):
                    continue
            # Skip a phrase whose words are all in one already chosen, and the reverse.
            if any(set(words) <= set(c.split()) for c in chosen):
                continue
            chosen.append(term)
        out.append(chosen)
    return out


def written(phrase: str, texts) -> bool:
    """Whether ``phrase`` occurs word for word (case aside; spaces or hyphens between the
    words) in one of ``texts`` (lower-cased)."""
    words = phrase.lower().split()
    first = words[0]
    pattern = None
    for text in texts:
        if first in text:
            if pattern is None:
                pattern = re.compile(r"\b" + r"[\s-]+".join(map(re.escape, words)) + r"\b")
            if pattern.search(text):
                return True
    return False
