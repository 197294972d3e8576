"""Placing statements in fitted themes: new statements by nearest theme centre (``predict``)
and each input row where most of its text points (``row_themes``). A mixin of
``analysis.theme_clusters.ThemeModel``.
"""

from __future__ import annotations

import numpy as np

from analysis.statements import is_nothing_answer
from analysis.theme_k import UNCLEAR
from analysis.theme_records import as_statements

__all__ = ["ThemePlacement"]


class ThemePlacement:
    """``predict`` and ``row_themes`` for a fitted ``ThemeModel``."""

    # -- use -----------------------------------------------------------------------------

    def predict(self, statements):
        """Theme index (or ``UNCLEAR``) for new statements, by nearest theme centre."""
        statements = as_statements(statements)
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
