"""From rows of free text to themes, per-row assignments and sentiment, ready for JSON.

This is what the ``healthcheck themes`` command and the reports call: redact, split into
statements, fit a ``ThemeModel``, carry over the Principal Social Worker's edits from a
previous run, and map statements back to input rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from analysis.quotes import limit_quotes
from analysis.sentiment import text_sentiment
from analysis.statements import Statement, clean_text, make_statements
from analysis.theme_clusters import UNCLEAR, ThemeModel
from analysis.theme_edits import carry_edits

__all__ = ["ThemeResult", "analyse_themes"]


@dataclass
class ThemeResult:
    """Themes found in a set of rows.

    ``assignments`` and ``sentiment`` have one entry per input row, in input order: the id of
    the theme that holds most of the row's text (None when the row is empty or unclear) and
    the row's sentiment from -1 to 1.
    """

    themes: list[dict]
    unclear: dict
    assignments: list[str | None]
    sentiment: list[float]
    statements: list[Statement] = field(repr=False)
    statement_themes: list[str | None] = field(repr=False)
    method: str = "tfidf"
    k: int = 0
    messages: list[str] = field(default_factory=list)

    def to_dict(self, members: bool = False) -> dict:
        """The themes.json document (see docs/themes.md)."""

        def strip(theme):
            theme = dict(theme)
            if not members:
                theme.pop("members", None)
            return theme

        return {
            "format": "healthcheck-themes/1",
            "method": self.method,
            "k": self.k,
            "n_rows": len(self.assignments),
            "n_statements": len(self.statements),
            "themes": [strip(t) for t in self.themes],
            "unclear": strip(self.unclear),
            "assignments": list(self.assignments),
            "sentiment": list(self.sentiment),
            "messages": list(self.messages),
        }


def _rows(rows) -> list[dict]:
    out = []
    for row in rows:
        if row is None or isinstance(row, str):
            out.append({"text": row})
        else:
            out.append(dict(row))
    return out


def analyse_themes(
    rows,
    *,
    k=None,
    method="tfidf",
    staff_names=(),
    split=True,
    previous=None,
    random_state=0,
    progress=None,
    question_texts=None,
    **model_params,
) -> ThemeResult:
    """Find themes in ``rows`` (strings, or dicts with ``text`` and optional ``question``,
    ``area``, ``source``, ``group``).

    ``previous`` is the ``themes`` list of an earlier result after the Principal Social
    Worker's renames and merges; those edits are kept where the themes still match.
    ``question_texts``: {question id: wording}, for sentiment where rows give question ids.
    Raises ``MissingExtraError`` for ``method="embeddings"`` without the extra.
    """
    rows = _rows(rows)
    messages: list[str] = []
    statements = make_statements(rows, staff_names=staff_names, split=split)
    if progress is not None:
        progress("Redacting and splitting", len(rows), len(rows))
    if not statements:
        messages.append("No text to analyse: every row is empty.")
    model = ThemeModel(
        k=k,
        method=method,
        random_state=random_state,
        progress=progress,
        question_texts=question_texts,
        **model_params,
    )
    model.fit(statements)
    themes = [t.to_dict(members=True) for t in model.themes_]
    unclear = model.unclear_.to_dict(members=True)
    # One quote per respondent per theme, two per report, near-duplicates once
    # (analysis.quotes); a row is its own respondent unless it says ``respondent``.
    *themes, unclear = limit_quotes(
        themes + [unclear], lambda q: rows[q["row"]].get("respondent", q["row"])
    )
    if statements and not themes:
        messages.append("No themes found: the text has too few words in common.")

    id_map = {t["id"]: t["id"] for t in themes}
    if previous:
        themes, id_map = carry_edits(previous, themes)

    statement_themes = [
        None if label == UNCLEAR else id_map[model.themes_[label].id] for label in model.labels_
    ]

    # A row goes to the theme its statements, taken together, are closest to.
    row_themes = model.row_themes()
    assignments = [
        (
            id_map[model.themes_[row_themes[i]].id]
            if i < len(row_themes) and row_themes[i] >= 0
            else None
        )
        for i in range(len(rows))
    ]
    if progress is not None:
        progress("Scoring sentiment of rows", 0, len(rows))
    sentiment = []
    redacted: dict[int, list[int]] = {}
    for index, statement in enumerate(statements):
        redacted.setdefault(statement.row, []).append(index)
    for i, row in enumerate(rows):
        pieces = redacted.get(i, [])
        if len(pieces) == 1:  # the statement is the row: its score is already known
            score = float(model.sentiment_[pieces[0]])
        else:
            text = " ".join(statements[j].text for j in pieces) or clean_text(row.get("text"))
            question = row.get("question")
            question = (question_texts or {}).get(question, question)
            score = text_sentiment(text, question) if text else 0.0
        sentiment.append(round(float(np.clip(score, -1.0, 1.0)), 4))

    return ThemeResult(
        themes=themes,
        unclear=unclear,
        assignments=assignments,
        sentiment=sentiment,
        statements=statements,
        statement_themes=statement_themes,
        method=method,
        k=int(model.k_),
        messages=messages,
    )
