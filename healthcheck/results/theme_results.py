"""Themes for a cycle: survey free text and focus-group notes, redacted, clustered and quoted.

The themes are computed by analysis.theme_clusters (a pure library) as part of the cached analysis
(healthcheck/results/analysis.py) and stored *without* the Principal Social Worker's edits;
renames and merges are stored as ThemeEdit rows (results.theme_edit_log) and applied whenever
the themes are read, by analysis.theme_edits (the rules ``healthcheck themes`` uses too), so
they show at once and survive a re-run (a theme is found again in a new run by the statements
it holds, not by its id).

Anonymity: statements are redacted before clustering (analysis.statements). A survey quote is
shown only when the writer's job role, team and length of service groups each hold at least
MIN_QUOTE_GROUP_SIZE respondents ("Not stated" is a group like the others); a focus-group quote
only when the focus groups held for that team had at least MIN_QUOTE_GROUP_SIZE participants
between them. Per-team counts of a theme's statements are not kept.

Roles (for the role filter): each theme keeps the number of distinct survey respondents behind
it (``respondents``) and, per job role, that number only where it may be shown
(``role_counts``: the role has MIN_GROUP_SIZE or more respondents in the theme, the rest of the
theme and the rest of the role in the cycle are 0 or MIN_GROUP_SIZE or more, and the roles
withheld in the theme add up to 0 or MIN_GROUP_SIZE or more, so none can be worked out by
subtraction). Which other roles are in a theme is not kept: the page lists a theme under a role
filter only with that role's figure, so a withheld figure looks the same as none. Only roles
with MIN_GROUP_SIZE or more respondents in the cycle are offered (``role_options``); a survey
quote keeps its writer's ``role`` (always a group of MIN_QUOTE_GROUP_SIZE or more, by the quote
rule). Focus-group statements have no individual role and are not counted.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from analysis.suppression import role_figures

from .json_values import plain

QUOTES_PER_THEME = 5


def theme_inputs(survey_rows: Sequence[dict], focus_group_notes: Sequence[dict]) -> list[dict]:
    """The rows analysis.statements.make_statements takes: survey text then focus-group notes."""

    def row(entry: dict, source: str, group: str) -> dict:
        return {
            "text": entry["text"],
            "question": entry.get("question"),
            "area": entry.get("area"),
            "source": entry.get("source", source),
            "group": entry.get(group),
        }

    return [row(r, "survey", "team") for r in survey_rows] + [
        row(n, "focus_group", "group") for n in focus_group_notes
    ]


def quotable_rows(
    survey_rows: Sequence[dict],
    focus_group_notes: Sequence[dict],
    group_sizes: dict[str, Counter],
    respondents: int,
    min_quote_group: int,
) -> list[bool]:
    """For each input row (as theme_inputs orders them): may a quote from it be shown?

    ``group_sizes``: {"role"|"team"|"service": Counter(code -> respondents)} over every
    respondent of the cycle (rows.about_group_sizes).
    """
    enough = respondents >= min_quote_group
    allowed = [
        enough and all(group_sizes[field][row[field]] >= min_quote_group for field in group_sizes)
        for row in survey_rows
    ]
    participants: Counter = Counter()
    seen = set()
    for note in focus_group_notes:
        key = note.get("focus_group")
        if key not in seen:
            seen.add(key)
            participants[note.get("group")] += int(note.get("participants") or 0)
    allowed += [participants[note.get("group")] >= min_quote_group for note in focus_group_notes]
    return allowed


def compute_themes(
    survey_rows: Sequence[dict],
    focus_group_notes: Sequence[dict],
    group_sizes: dict[str, Counter],
    respondents: int,
    *,
    min_quote_group: int,
    min_group: int = 5,
    role_labels: dict[str, str] | None = None,
    staff_names=(),
    progress: Callable[[str, int, int], None] | None = None,
    hidden_quotes: Sequence[str] = (),
    question_texts: dict[str, str] | None = None,
    question_titles: dict[str, str] | None = None,
    last_year: dict | None = None,
    ratings: Sequence[float | None] | None = None,
) -> dict[str, Any]:
    """Run the theme core (analysis.theme_analysis.fit_themes, as ``healthcheck themes``
    does) over the cycle's free text; a JSON-ready dict (edits not applied).

    {"themes": [theme, ...], "unclear": theme, "statements": n, "inputs": n, "withheld": n,
     "sources": {"survey": n, "focus_group": n}, "quote_rule": text,
     "role_options": [{"code", "label", "quotes": bool}, ...]}
    where each theme is analysis.theme_clusters.Theme.to_dict() less ``groups`` (per-team counts),
    with quotes limited to those allowed by the quote rule, plus ``respondents``,
    ``role_counts`` (see the module docstring) and ``last_year``.

    ``last_year``: {"survey_rows": the previous cycle's ``survey_text_rows``, "respondents":
    n, "name": its name, "themes": its own themes as its page shows them (label, respondents,
    of, statement keys)}. Its answers are placed in this year's themes (nearest theme centre,
    as ``ThemeModel.predict``), so each theme says how many of last year's respondents wrote
    about the same thing: ``{"respondents": n or None (withheld under ``min_group``), "of":
    last year's respondents, "name", "theme": last year's own theme most of them were in
    (label, respondents, of) or None}``: the same measure both years, named after the theme
    a reader of last year's page can check. None without a previous cycle.

    A theme is kept only when its statements come from ``min_group`` or more distinct
    writers (fit_themes: each survey respondent once, each focus-group note as one
    writer); ``withheld`` is how many were dropped.

    ``ratings``: per survey row, the closed rating beside its comment box (0..1) or None;
    the sentiment is fitted to them (analysis.sentiment_fit) and ``sentiment_fit`` says with
    what gain. ``question_titles``: {question id: short title}, for labels of themes that
    mostly answer one question (analysis.theme_titles.titled).
    """
    from analysis.statements import make_statements
    from analysis.theme_analysis import fit_themes

    inputs = theme_inputs(survey_rows, focus_group_notes)
    allowed = quotable_rows(
        survey_rows, focus_group_notes, group_sizes, respondents, min_quote_group
    )
    # Quotes are chosen only among statements that may be quoted, so a theme whose most
    # central statements come from small groups still gets quotes from the rest.
    for row, may_quote in zip(inputs, allowed):
        row["quotable"] = may_quote
    statements = make_statements(inputs, staff_names=staff_names or ())
    quote_rule = (
        f"Quotes are shown only from groups of {min_quote_group} or more: a survey quote when "
        "the writer's job role, team and length of service each have that many respondents, "
        "a focus-group quote when that team's focus groups had that many participants."
    )
    role_sizes = dict(group_sizes.get("role") or {})
    labels = dict(role_labels or {})
    labels.setdefault("not_stated", "Not stated")
    offered = [code for code in list(labels) + sorted(role_sizes) if role_sizes.get(code, 0)]
    role_options = [
        {
            "code": code,
            "label": labels.get(code, code.replace("_", " ").capitalize()),
            "quotes": role_sizes[code] >= min_quote_group,
        }
        for code in dict.fromkeys(offered)
        if role_sizes[code] >= min_group
    ]
    offered_codes = {o["code"] for o in role_options}
    if not statements:
        return {
            "themes": [],
            "unclear": None,
            "statements": 0,
            "inputs": len(inputs),
            "sources": {},
            "quote_rule": quote_rule,
            "role_options": role_options,
            "withheld": 0,
        }

    def survey_row(row) -> dict | None:
        return survey_rows[row] if isinstance(row, int) and 0 <= row < len(survey_rows) else None

    def writer_of(row):
        """Who wrote an input row: a survey respondent; each focus-group note stands alone."""
        source = survey_row(row)
        if source is not None:
            return ("survey", source["response"])
        note = row - len(survey_rows)
        if 0 <= note < len(focus_group_notes):
            return ("focus_group_note", note)
        return None

    # No theme from fewer than min_group writers (PRODUCT.md): one respondent pasting the
    # same comment into many boxes must not make a theme. Withheld themes are dropped by
    # fit_themes, so no page, download or report sees them; only their number is kept.
    fit = fit_themes(
        statements,
        writer_of=writer_of,
        min_writers=min_group,
        hidden_quotes=hidden_quotes,
        n_quotes=QUOTES_PER_THEME * 2,
        random_state=0,
        progress=progress,
        question_texts=question_texts,
        question_titles=question_titles,
        ratings=(list(ratings) + [None] * len(focus_group_notes) if ratings is not None else None),
    )
    model, themes, unclear, withheld = fit.model, fit.themes, fit.unclear, fit.withheld
    earlier = _last_year_counts(model, last_year, staff_names)

    by_writer: dict = {}
    for index, row in enumerate(inputs):
        by_writer.setdefault(writer_of(index), []).append(row["text"] or "")

    def writer_token(row) -> str:
        texts = "\x1f".join(sorted(by_writer.get(writer_of(row), [])))
        return hashlib.sha256(texts.encode("utf-8")).hexdigest()[:12]

    def tidy(theme: dict) -> dict:
        theme = dict(theme)
        theme.pop("groups", None)
        by_role: dict[str, set] = {}
        for index in theme.pop("members", None) or ():
            source = survey_row(statements[index].row)
            if source is not None:
                by_role.setdefault(source["role"], set()).add(source["response"])
        counts = {role: len(people) for role, people in by_role.items()}
        shown, _ = role_figures(counts, role_sizes, min_group)
        theme["respondents"] = sum(counts.values())
        theme["respondents_of"] = respondents
        theme["last_year"] = None
        if earlier is not None:
            n = earlier["counts"].get(theme["id"], 0)
            theme["last_year"] = {
                "respondents": n if n >= min_group else None,
                "of": earlier["respondents"],
                "name": earlier["name"],
                # Last year's own theme most of these respondents were in, as its page shows
                # it ("compared with last year's theme ..."): None where none was stored.
                "theme": earlier["matched"].get(theme["id"]),
                "compared": earlier["compared"],
            }
        theme["role_counts"] = {r: n for r, n in shown.items() if r in offered_codes}
        quotes = []
        for q in theme.get("quotes", []):
            if not (0 <= q.get("row", -1) < len(allowed) and allowed[q["row"]]):
                continue
            quote = {k: v for k, v in q.items() if k not in ("group", "row", "role")}
            # Who wrote it, as a token made from everything that writer wrote (the same for
            # the same answers under any response ids): lets a merge keep one quote per
            # writer; never shown (results.analysis._public drops it).
            quote["by"] = writer_token(q["row"])
            source = survey_row(q["row"])
            if source is not None and source["role"] in offered_codes:
                quote["role"] = source["role"]
            quotes.append(quote)
        theme["quotes"] = quotes[:QUOTES_PER_THEME]
        return plain(theme)

    return {
        "themes": [tidy(t) for t in themes],
        "unclear": tidy(unclear),
        "statements": len(statements),
        "inputs": len(inputs),
        "sources": dict(Counter(s.source for s in statements)),
        "quote_rule": quote_rule,
        "role_options": role_options,
        "withheld": withheld,
        "sentiment_fit": model.sentiment_fit_.to_dict(),
    }


def _last_year_counts(model, last_year: dict | None, staff_names=()) -> dict | None:
    """{"counts": {theme id: last year's respondents whose answers fall in it}, "respondents",
    "name", "matched": {theme id: last year's own theme (label, respondents, of, and "share":
    "most", "third" or "quarter" of them) that most of those respondents' answers were in,
    where it holds a quarter of them or more and they are a quarter or more of that
    theme's respondents, and either it holds a third of them or they are most of its}}, or
    None without last year's answers."""
    from analysis.statements import make_statements, statement_key

    if not last_year or not last_year.get("survey_rows") or not model.themes_:
        return None
    rows = list(last_year["survey_rows"])
    statements = make_statements(theme_inputs(rows, []), staff_names=staff_names or ())
    own = {}  # statement key -> last year's own theme (its page's label and share)
    for number, earlier_theme in enumerate(last_year.get("themes") or ()):
        for key in earlier_theme.get("keys") or ():
            own.setdefault(key, number)
    people: dict[str, set] = {}
    in_own: dict[str, dict[int, set]] = {}
    for statement, index in zip(statements, model.predict(statements)):
        if index >= 0:
            theme_id = model.themes_[int(index)].id
            who = rows[statement.row].get("response")
            people.setdefault(theme_id, set()).add(who)
            number = own.get(statement_key(statement.text))
            if number is not None:
                in_own.setdefault(theme_id, {}).setdefault(number, set()).add(who)
    # Each of last year's themes' people, wherever their answers fall this year.
    spread: dict[int, set] = {}
    for by_own in in_own.values():
        for number, who in by_own.items():
            spread.setdefault(number, set()).update(who)
    matched = {}
    for theme_id, by_own in in_own.items():
        number = min(by_own, key=lambda k: (-len(by_own[k]), k))
        shared, writers, own_writers = (
            len(by_own[number]),
            len(people[theme_id]),
            len(spread[number]),
        )
        if 4 * shared < writers or 4 * shared < own_writers:
            # A quarter of each at least. Not a corner of that theme: this year's "Wider
            # organisation" holds few of last year's "Supervision" writers, though they
            # are many of its own.
            continue
        if 3 * shared < writers and 2 * shared <= own_writers:
            # Nor one of many themes it took in: a third of its writers, or most of that
            # theme's ("What helps staff resilience" took in four fifths of last year's
            # "What helps staff resilience: reflective sessions", a quarter of its own).
            continue
        earlier_theme = last_year["themes"][number]
        matched[theme_id] = {
            "label": earlier_theme.get("label"),
            "respondents": earlier_theme.get("respondents"),
            "of": earlier_theme.get("of"),
            # How many of this theme's last-year writers were in it, in words: the page
            # says "most", "over a third" or "a quarter or more", never a count.
            "share": (
                "most" if 2 * shared > writers else "third" if 3 * shared >= writers else "quarter"
            ),
        }
    return {
        "matched": matched,
        # Whether last year's own themes were there to compare with: without them no theme
        # is "matched", and the page must not say that none matches.
        "compared": bool(last_year.get("themes")),
        "counts": {theme_id: len(who) for theme_id, who in people.items()},
        "respondents": int(last_year.get("respondents") or 0),
        "name": last_year.get("name"),
    }
