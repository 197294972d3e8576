"""Themes in free text: cluster statements, then label, describe and quote each cluster.

``ThemeModel`` is an estimator in the scikit-learn manner. Its default method is TF-IDF on
words (negations kept) and character n-grams, plus the question asked, reduced by LSA and
clustered by k-means; ``method="embeddings"`` uses sentence embeddings from the optional
``healthcheck[embeddings]`` extra instead. The number of themes is chosen by silhouette unless
given. "Nothing to add" answers form their own theme; statements far from every theme centre,
and those with no words at all, go to an explicit unclear group. Every statement ends up in
exactly one theme or in unclear, and the same input gives the same themes on every run.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.cluster import KMeans, MiniBatchKMeans
from threadpoolctl import threadpool_limits

from analysis.label_memo import label_memo
from analysis.sentiment import sentiment_cache, statement_sentiment
from analysis.sentiment_fit import SentimentFit, fit_sentiment
from analysis.statements import is_nothing_answer
from analysis.text_features import StatementVectorizer, has_tokens, prepare_all, word_terms_all
from analysis.theme_asides import aside_moves
from analysis.theme_embeddings import MissingExtraError, embed
from analysis.theme_k import UNCLEAR, choose_k, incoherent_clusters, n_distinct, pick_k
from analysis.theme_labels import cluster_terms, make_labels, unique_labels
from analysis.theme_merge import same_subject
from analysis.theme_moves import misplaced_parts, other_side_parts, sibling_themes
from analysis.theme_parts import add_parts, count_saying, name_what_it_is
from analysis.theme_placement import ThemePlacement
from analysis.theme_records import Theme, as_statements, build_theme
from analysis.theme_regroup import regroup
from analysis.theme_split import split_incoherent
from analysis.theme_titles import titled
from analysis.theme_unsaid import add_unsaid_parts

__all__ = ["METHODS", "MissingExtraError", "Theme", "ThemeModel", "UNCLEAR", "pick_k"]

METHODS = ("tfidf", "embeddings")
# Threads for BLAS and OpenMP while fitting. The matrices here are small (statements x 100
# LSA dimensions): extra threads mostly spin and wait, which costs CPU time (3 to 4 times
# the SVD's and k-means' own work on a shared 2-core machine) and gains little wall time. One
# thread also gives the same numbers on every machine.
FIT_THREADS = 1
NOTHING_LABEL = "Nothing to add"


class ThemeModel(ThemePlacement, BaseEstimator):
    """Cluster statements into labelled themes.

    Parameters
    ----------
    k : int or None
        Number of themes (not counting "Nothing to add"); None chooses it by silhouette
        between ``k_min`` and ``k_max`` (default: about the square root of half the
        statements, at most 30).
    method : "tfidf" or "embeddings"
    n_components : LSA dimensions for the TF-IDF method.
    char_ngrams : add character 3-5-grams beside word uni- and bigrams.
    question_weight : weight of the question asked as a feature (0 to ignore it).
    separate_nothing : put "Nothing", "N/A", "No comment" answers in their own theme.
    unclear_threshold : a statement whose cosine similarity to its theme centre is below this
        goes to unclear.
    min_theme_size : smaller clusters go to unclear (default: 2, or 0.2% of statements).
    n_keywords, n_quotes : how many key terms and quotes (3 to 5) each theme gets.
    random_state : seed; the same input and seed give the same themes.
    progress : optional callable ``progress(stage, done, total)`` for long inputs.
    min_label_coverage, max_unclear_share : a theme whose best label (a phrase people wrote)
        shares a content word with under this share of its members says nothing they agree
        on; such themes go to unclear, least covered first, while unclear stays within
        ``max_unclear_share`` of the statements (0 to keep every theme).
    ratings : optional list, per input row (``Statement.row``), of the closed rating the
        respondent gave beside the comment box (0 worst to 1 best) or None: weak labels that
        a per-cycle fit blends into the sentiment where cross-validation shows a gain
        (analysis.sentiment_fit; ``sentiment_fit_`` says what it found).
    question_texts : optional {question id: wording}; sentiment reads an answer in the light
        of what its question asked ("what caused this?" invites problems), so where
        statements carry question ids the wording is looked up here.
    question_titles : optional {question id: short title}; a theme most of whose members
        answer one question is labelled with the title before the phrase, unless they share
        a word (analysis.theme_titles.titled).
    split_themes : cut a theme whose label few members bear out in parts
        (analysis.theme_split; ``k_`` then counts the parts).
    parts : find what each theme covers, in labelled parts (analysis.theme_parts).
    writers : optional callable, input row (``Statement.row``) -> who wrote it (None: a
        writer of their own). A part's label is read on to the end of its clause only as
        far as distinct writers whose quotes may be shown wrote it (analysis.label_clause),
        and a part is shown only where ``min_part_writers`` or more wrote it.
    min_part_writers : the fewest distinct writers of a part that is shown.

    Attributes
    ----------
    labels_ : array of theme index per statement, ``UNCLEAR`` (-1) for unclear.
    themes_ : list of ``Theme`` (indexed by ``labels_``); ``unclear_`` : the unclear ``Theme``.
    sentiment_ : array of statement sentiment scores (-1 to 1).
    k_ : number of clusters used; ``centroids_`` : their unit-length centres.
    merged_ : {cluster: the cluster it joined}, for clusters about the same subject
        (analysis.theme_merge).
    statements_ : the ``Statement`` objects fitted.
    """

    def __init__(
        self,
        k=None,
        method="tfidf",
        k_min=2,
        k_max=None,
        n_components=100,
        char_ngrams=True,
        question_weight=0.5,
        separate_nothing=True,
        unclear_threshold=0.1,
        min_theme_size=None,
        n_keywords=8,
        n_quotes=5,
        random_state=0,
        progress=None,
        question_texts=None,
        min_label_coverage=0.1,
        max_unclear_share=0.15,
        ratings=None,
        question_titles=None,
        split_themes=True,
        parts=True,
        writers=None,
        min_part_writers=1,
    ):
        self.k = k
        self.method = method
        self.k_min = k_min
        self.k_max = k_max
        self.n_components = n_components
        self.char_ngrams = char_ngrams
        self.question_weight = question_weight
        self.separate_nothing = separate_nothing
        self.unclear_threshold = unclear_threshold
        self.min_theme_size = min_theme_size
        self.n_keywords = n_keywords
        self.n_quotes = n_quotes
        self.random_state = random_state
        self.progress = progress
        self.question_texts = question_texts
        self.min_label_coverage = min_label_coverage
        self.max_unclear_share = max_unclear_share
        self.ratings = ratings
        self.question_titles = question_titles
        self.split_themes = split_themes
        self.parts = parts
        self.writers = writers
        self.min_part_writers = min_part_writers

    # -- helpers -------------------------------------------------------------------------

    def _report(self, stage, done=0, total=0):
        if self.progress is not None:
            self.progress(stage, done, total)

    def _validate(self):
        if self.method not in METHODS:
            raise ValueError(f"method must be one of {', '.join(METHODS)}, not {self.method!r}")
        if self.k is not None and (not isinstance(self.k, (int, np.integer)) or self.k < 1):
            raise ValueError(f"k must be a positive whole number or None, not {self.k!r}")

    def _embed(self, texts):
        return embed(texts)

    def _cluster(self, X, k):
        n = X.shape[0]
        k = max(1, min(k, n_distinct(X)))
        if n > 20_000:
            model = MiniBatchKMeans(
                n_clusters=k,
                random_state=self.random_state,
                n_init=3,
                batch_size=4096,
                max_no_improvement=20,
            )
        else:
            # k-means++ seeding dominates on large inputs: one start there, three on small ones.
            n_init = 1 if n > 5000 else 3
            model = KMeans(n_clusters=k, random_state=self.random_state, n_init=n_init)
        labels = model.fit_predict(X)
        return labels, model.cluster_centers_

    # -- fitting -------------------------------------------------------------------------

    def fit(self, statements, y=None):
        """Find themes in ``statements`` (``Statement`` objects, dicts with ``text``, or
        strings). Returns self."""
        with threadpool_limits(limits=FIT_THREADS), sentiment_cache(), label_memo():
            return self._fit(statements)

    def _fit(self, statements):
        self._validate()
        self.statements_ = as_statements(statements)
        texts = [s.text for s in self.statements_]
        n = len(texts)
        labels = np.full(n, UNCLEAR, dtype=np.int64)
        similarity = np.zeros(n, dtype=np.float32)

        self._report("Scoring sentiment", 0, n)
        nothing_answers: dict[str, bool] = {}
        for text in texts:
            if text not in nothing_answers:
                nothing_answers[text] = is_nothing_answer(text)
        scored: dict[tuple, float] = {}  # once per distinct answer to a question
        sentiment = []
        wording = self.question_texts or {}
        for s in self.statements_:
            score = scored.get((s.text, s.question))
            if score is None:
                score = scored[(s.text, s.question)] = statement_sentiment(
                    s.text, wording.get(s.question, s.question), nothing=nothing_answers[s.text]
                )
            sentiment.append(score)
        self.sentiment_ = np.array(sentiment, dtype=float)
        self.sentiment_fit_ = SentimentFit()
        if self.ratings is not None:
            given = self.ratings
            rated = [
                None if nothing_answers[s.text] or not 0 <= s.row < len(given) else given[s.row]
                for s in self.statements_
            ]
            self.sentiment_, self.sentiment_fit_ = fit_sentiment(
                self.sentiment_, [s.question for s in self.statements_], rated
            )

        prepared = prepare_all(texts)
        terms = word_terms_all(prepared)
        has_words = np.array([has_tokens(p) for p in prepared], dtype=bool)
        nothing = np.array(
            [self.separate_nothing and nothing_answers[t] for t in texts], dtype=bool
        )
        to_cluster = np.flatnonzero(has_words & ~nothing)
        self.k_ = 0
        self.centroids_ = np.zeros((0, 0), dtype=np.float32)
        self.clustered_ = np.zeros(0, dtype=np.int64)
        self.similarities_ = np.zeros((0, 0), dtype=np.float32)
        self.vectorizer_ = None
        if len(to_cluster) >= 2:
            self._report("Building features", 0, len(to_cluster))
            sub_texts = [texts[i] for i in to_cluster]
            questions = [self.statements_[i].question for i in to_cluster]
            if self.method == "embeddings":
                X = self._embed(sub_texts)
            else:
                self.vectorizer_ = StatementVectorizer(
                    n_components=self.n_components,
                    char_ngrams=self.char_ngrams,
                    question_weight=self.question_weight,
                    random_state=self.random_state,
                )
                X = self.vectorizer_.fit_transform(
                    sub_texts,
                    questions,
                    prepared=[prepared[i] for i in to_cluster],
                    terms=[terms[i] for i in to_cluster],
                )
            self.silhouette_curve_ = []
            k = self.k
            if k is None:
                k, self.silhouette_curve_ = choose_k(
                    X, self.k_min, self.k_max, self.random_state, self._report
                )
            self._report("Clustering", 0, 1)
            sub_labels, centres = self._cluster(X, int(k))
            norms = np.linalg.norm(centres, axis=1, keepdims=True)
            centres = centres / np.where(norms == 0, 1, norms)
            if self.split_themes:  # a theme its label speaks little for, in parts
                sub = [prepared[i] for i in to_cluster], self.sentiment_[to_cluster], questions
                sub_labels, centres = split_incoherent(
                    X, sub_labels, centres, sub_texts, *sub, self.random_state
                )
            sims = np.einsum("ij,ij->i", X, centres[sub_labels])
            labels[to_cluster] = sub_labels
            similarity[to_cluster] = sims
            self.k_ = int(centres.shape[0])
            self.centroids_ = centres.astype(np.float32)
            # Each statement's closeness to every centre: lets a caller place a whole answer
            # of several statements where most of it points (see row_clusters).
            self.clustered_ = to_cluster
            self.similarities_ = (X @ self.centroids_.T).astype(np.float32)
            labels[to_cluster[sims < self.unclear_threshold]] = UNCLEAR
        elif len(to_cluster) == 1:
            labels[to_cluster] = 0
            similarity[to_cluster] = 1.0
            self.k_ = 1

        # Small clusters go to unclear.
        min_size = self.min_theme_size
        if min_size is None:
            min_size = max(2, math.ceil(0.002 * n)) if n >= 10 else 1
        sizes = np.bincount(labels[labels >= 0], minlength=self.k_)
        for c in np.flatnonzero((sizes > 0) & (sizes < min_size)):
            labels[labels == c] = UNCLEAR

        nothing_index = self.k_
        if nothing.any():
            labels[nothing] = nothing_index
            similarity[nothing] = 1.0

        self._report("Labelling themes", 0, 1)
        self.merged_: dict[int, int] = {}
        self.described_: dict = {}  # per cluster: (key terms, label), as last described
        self._describe(
            labels, similarity, nothing_index if nothing.any() else None, prepared, terms
        )
        if self.parts and len(to_cluster) >= 2:
            add_parts(self, X, to_cluster, prepared)
            questions = [s.question for s in self.statements_]
            # A part answering another question joins that question's theme, and one taking
            # the other side of its theme's question that side's; then themes headed by one
            # question's title are one (analysis.theme_moves).
            for find in (misplaced_parts, other_side_parts, sibling_themes):
                moves = find(self.themes_, questions, self.question_titles or {}, self.sentiment_)
                if moves:
                    regroup(self, moves, X, to_cluster, similarity, nothing.any(), prepared, terms)
            # A remark added to answers to several questions joins the theme it is about.
            moves = aside_moves(self, prepared)
            if moves:  # every theme keeps its label
                known = dict(self.described_)
                regroup(
                    self, moves, X, to_cluster, similarity, nothing.any(), prepared, terms, known
                )
            count_saying(self)  # each part counted by the statements that say it
            # What the parts leave unsaid, where much, in parts of its own.
            add_unsaid_parts(self, X, to_cluster, prepared)
            name_what_it_is(self)  # "Supervision is a tick box exercise"
        return self

    def _describe(self, labels, similarity, nothing_index, prepared=None, terms=None, known=None):
        """Renumber clusters by size into themes and describe each one."""
        texts = [s.text for s in self.statements_]
        clusters = sorted(
            {int(c) for c in labels.tolist() if c != UNCLEAR},
            key=lambda c: (c == nothing_index, -int(np.sum(labels == c)), c),
        )
        member_rows = []
        for c in clusters:
            rows = np.flatnonzero(labels == c)
            # Most central first, ties in input order, for labels and quotes.
            rows = rows[np.lexsort((rows, -similarity[rows]))]
            member_rows.append(rows)
        regular = [i for i, c in enumerate(clusters) if c != nothing_index]
        keywords = [[] for _ in clusters]
        labels_text = [NOTHING_LABEL for _ in clusters]
        phrases = list(labels_text)  # the labels without question titles
        if regular:
            reg_rows = [member_rows[i] for i in regular]
            reg_clusters = [clusters[i] for i in regular]
            if known is not None:  # described already, before incoherent clusters left
                reg_keywords = [known[c][0] for c in reg_clusters]
                reg_labels = [known[c][1] for c in reg_clusters]
            else:
                reg_keywords = cluster_terms(
                    texts, reg_rows, self.n_keywords, prepared=prepared, terms=terms
                )
                coverage: list[float] = []
                reg_labels = make_labels(
                    texts,
                    reg_rows,
                    reg_keywords,
                    prepared=prepared,
                    coverage=coverage,
                    sentiment=self.sentiment_,
                    unique=False,
                )
                incoherent = self._incoherent(labels, reg_clusters, coverage)
                if incoherent:
                    # Members that agree on nothing get no made-up label: to unclear; the
                    # other themes keep theirs.
                    labels = labels.copy()
                    labels[np.isin(labels, incoherent)] = UNCLEAR
                    known = dict(zip(reg_clusters, zip(reg_keywords, reg_labels)))
                    return self._describe(labels, similarity, nothing_index, prepared, terms, known)
            into = same_subject(
                reg_labels,
                reg_keywords,
                [Counter(self.statements_[i].question for i in rows) for rows in reg_rows],
            )
            if into:
                # One subject cut in two: one theme, labelled afresh from all its members.
                labels = labels.copy()
                for b, a in into.items():
                    self.merged_[reg_clusters[b]] = reg_clusters[a]
                    labels[labels == reg_clusters[b]] = reg_clusters[a]
                return self._describe(labels, similarity, nothing_index, prepared, terms)
            self.described_ = dict(zip(reg_clusters, zip(reg_keywords, reg_labels)))
            for i, kw, lab, rows in zip(regular, reg_keywords, reg_labels, reg_rows):
                keywords[i] = kw
                phrases[i] = lab
                labels_text[i] = titled(
                    lab,
                    [self.statements_[r].question for r in rows],
                    self.question_titles,
                    [texts[r] for r in rows],
                )
                if labels_text[i] != lab and ": " not in labels_text[i]:
                    phrases[i] = ""  # the title alone: its quotes are the most central
            # Two themes with one phrase may differ by their questions' titles already.
            shown = unique_labels([labels_text[i] for i in regular], reg_keywords)
            for i, label in zip(regular, shown):
                labels_text[i] = label

        new_labels = np.full(len(labels), UNCLEAR, dtype=np.int64)
        self.themes_ = []
        for t, (c, rows) in enumerate(zip(clusters, member_rows)):
            new_labels[rows] = t
            kind = "nothing" if c == nothing_index else "theme"
            if kind == "nothing":
                keywords[t] = [w for w, _ in Counter(texts[i].lower() for i in rows).most_common(5)]
            self.themes_.append(
                build_theme(
                    self.statements_,
                    self.sentiment_,
                    f"t{t + 1}",
                    labels_text[t],
                    keywords[t],
                    rows,
                    kind,
                    texts,
                    self.n_quotes,
                    phrase=phrases[t],
                )
            )
        self.labels_ = new_labels
        self.cluster_themes_ = {int(c): t for t, c in enumerate(clusters) if c != nothing_index}
        for b in self.merged_:  # a merged cluster's centre places statements in its theme
            a = b
            while a in self.merged_:
                a = self.merged_[a]
            if a in self.cluster_themes_:
                self.cluster_themes_[int(b)] = self.cluster_themes_[a]
        unclear_rows = np.flatnonzero(new_labels == UNCLEAR)
        self.unclear_ = build_theme(
            self.statements_,
            self.sentiment_,
            "unclear",
            "Unclear",
            [],
            unclear_rows,
            "unclear",
            texts,
            self.n_quotes,
        )
        self.n_themes_ = len(self.themes_)

    def _incoherent(self, labels, clusters, coverage) -> list[int]:
        return incoherent_clusters(
            labels, clusters, coverage, self.min_label_coverage, self.max_unclear_share
        )

    def to_dicts(self, members=False):
        """Themes then the unclear group, as plain dicts."""
        return [t.to_dict(members) for t in self.themes_], self.unclear_.to_dict(members)
