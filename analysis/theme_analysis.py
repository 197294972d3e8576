"""From rows of free text to themes: the one theme pipeline of the command line and the app.

``fit_themes`` is the core both use: fit a ``ThemeModel`` on redacted statements, drop the
themes written by too few people, and choose quotes that represent people (one per writer per
theme, two per report, no near-duplicates). ``analyse_themes`` is what ``healthcheck themes``
calls: redact and split into statements, ``fit_themes``, carry over the edits of a previous
run (analysis.theme_edits) and map statements back to input rows, with each row's sentiment.
The app's ``healthcheck/results/theme_results.py`` calls ``fit_themes`` and adds its quote and
role rules.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from analysis.fit_scope import analysis_scope
from analysis.quotes import limit_quotes
from analysis.sentiment import text_sentiment
from analysis.statements import Statement, clean_text, make_statements, statement_key
from analysis.suppression import parts_with_enough_writers, themes_with_enough_writers
from analysis.theme_clusters import UNCLEAR, ThemeModel
from analysis.theme_edits import carry_edits

__all__ = ["ThemeFit", "ThemeResult", "analyse_themes", "fit_themes"]


@dataclass
class ThemeFit:
    """A fitted ``ThemeModel`` and its themes as dicts (with ``members``), small themes
    dropped (``withheld`` says how many; None when the rule was not applied) and quotes
    limited."""

    model: ThemeModel
    statements: list[Statement]
    themes: list[dict]
    unclear: dict
    withheld: int | None = None


def fit_themes(
    statements: Sequence[Statement],
    *,
    writer_of: Callable[[int], Hashable | None] = lambda row: row,
    min_writers: int | None = None,
    hidden_quotes: Iterable[str] = (),
    **model_params,
) -> ThemeFit:
    """Fit the themes of ``statements`` (analysis.statements.make_statements).

    ``writer_of(row)``: who wrote input row ``row`` (None: a writer of their own for quotes).
    With ``min_writers``, a theme whose statements come from fewer distinct writers is dropped
    (analysis.suppression.themes_with_enough_writers) *before* quotes are chosen, so a dropped
    theme uses up no writer's share of quotes. ``hidden_quotes``: quote keys never shown.
    ``model_params`` go to ``ThemeModel``.
    """
    statements = list(statements)
    # Parts are labelled and shown by who wrote them, as themes are suppressed below.
    model_params.setdefault("writers", writer_of)
    model_params.setdefault("min_part_writers", min_writers or 1)
    model = ThemeModel(**model_params).fit(statements)
    themes, unclear = model.to_dicts(members=True)
    withheld = None
    if min_writers is not None:
        themes, withheld = themes_with_enough_writers(
            themes,
            lambda theme: (writer_of(statements[i].row) for i in theme.get("members") or ()),
            min_writers,
        )
    for theme in themes:  # what each theme covers, in parts written by enough people
        for part in theme.get("parts") or ():  # by which a renamed part is found again:
            # each statement's key as often as it was written (many write the same words)
            part["member_keys"] = sorted(statement_key(statements[i].text) for i in part["members"])
        theme["parts"] = parts_with_enough_writers(
            theme.get("parts") or [],
            lambda part: (writer_of(statements[i].row) for i in part["members"]),
            min_writers or 1,
        )
    # One quote per writer per theme, two per report, near-duplicates once (analysis.quotes).
    *themes, unclear = limit_quotes(
        themes + [unclear], lambda q: writer_of(q["row"]), hidden=hidden_quotes
    )
    return ThemeFit(model, statements, themes, unclear, withheld)


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
    withheld: int | None = None

    def to_dict(self, members: bool = False) -> dict:
        """The themes.json document (see docs/themes.md)."""

        def strip(theme):
            theme = dict(theme)
            if not members:
                theme.pop("members", None)
            return theme

        document = {
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
        if self.withheld is not None:
            document["withheld"] = self.withheld
        return document


def _rows(rows) -> list[dict]:
    out = []
    for row in rows:
        if row is None or isinstance(row, str):
            out.append({"text": row})
        else:
            out.append(dict(row))
    return out


@analysis_scope()
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
    min_writers=None,
    **model_params,
) -> ThemeResult:
    """Find themes in ``rows`` (strings, or dicts with ``text`` and optional ``question``,
    ``area``, ``source``, ``group``, ``respondent``).

    ``previous`` is the ``themes`` list of an earlier result after the Principal Social
    Worker's renames and merges; those edits are kept where the themes still match.
    ``question_texts``: {question id: wording}, for sentiment where rows give question ids.
    ``min_writers``: drop themes written by fewer respondents (rows with no ``respondent``
    count as one between them); ``withheld`` then says how many, and a message too.
    Raises ``MissingExtraError`` for ``method="embeddings"`` without the extra.
    """
    rows = _rows(rows)
    messages: list[str] = []
    statements = make_statements(rows, staff_names=staff_names, split=split)
    if progress is not None:
        progress("Redacting and splitting", len(rows), len(rows))
    if not statements:
        messages.append("No text to analyse: every row is empty.")
    # A row is its own respondent unless it says ``respondent``.
    fit = fit_themes(
        statements,
        writer_of=lambda row: rows[row].get("respondent", row),
        min_writers=min_writers,
        k=k,
        method=method,
        random_state=random_state,
        progress=progress,
        question_texts=question_texts,
        **model_params,
    )
    model, themes = fit.model, fit.themes
    if statements and not model.themes_:
        messages.append("No themes found: the text has too few words in common.")
    if fit.withheld:
        n = fit.withheld
        messages.append(
            f"{n} small theme{'' if n == 1 else 's'} not shown: fewer than "
            f"{min_writers} respondents wrote {'it' if n == 1 else 'them'}."
        )

    id_map = {t["id"]: t["id"] for t in themes}
    if previous:
        themes, id_map = carry_edits(previous, themes)

    # A statement or row of a withheld theme goes to no theme.
    statement_themes = [
        None if label == UNCLEAR else id_map.get(model.themes_[label].id) for label in model.labels_
    ]

    # A row goes to the theme its statements, taken together, are closest to.
    row_themes = model.row_themes()
    assignments = [
        (
            id_map.get(model.themes_[row_themes[i]].id)
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
        unclear=fit.unclear,
        assignments=assignments,
        sentiment=sentiment,
        statements=statements,
        statement_themes=statement_themes,
        method=method,
        k=int(model.k_),
        messages=messages,
        withheld=fit.withheld,
    )
