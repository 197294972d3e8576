"""Themes for a cycle: survey free text and focus-group notes, redacted, clustered and quoted.

The themes are computed by analysis.theme_clusters (a pure library) as part of the cached analysis
(healthcheck/results/analysis.py) and stored *without* the Principal Social Worker's edits;
renames and merges are stored as ThemeEdit rows and applied whenever the themes are read, so
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

import copy
import hashlib
import importlib
import json
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from flask import current_app
from sqlalchemy import select

from analysis.quotes import limit_quotes
from analysis.suppression import themes_with_enough_writers

from ..audit import record_event
from ..extensions import db
from ..models import Cycle, ThemeEdit

QUOTES_PER_THEME = 5
MATCH_THRESHOLD = 0.3  # share of statements a theme must keep to be "the same theme"


class ThemeEditError(ValueError):
    """A rename or merge that cannot be made; the message says why, for the page."""


def theme_inputs(survey_rows: Sequence[dict], focus_group_notes: Sequence[dict]) -> list[dict]:
    """The rows analysis.statements.make_statements takes: survey text then focus-group notes."""
    inputs = []
    for row in survey_rows:
        inputs.append(
            {
                "text": row["text"],
                "question": row.get("question"),
                "area": row.get("area"),
                "source": row.get("source", "survey"),
                "group": row.get("team"),
            }
        )
    for note in focus_group_notes:
        inputs.append(
            {
                "text": note["text"],
                "question": note.get("question"),
                "area": note.get("area"),
                "source": note.get("source", "focus_group"),
                "group": note.get("group"),
            }
        )
    return inputs


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


def role_figures(
    role_respondents: dict[str, int],
    role_sizes: dict[str, int],
    floor: int,
) -> tuple[dict[str, int], list[str]]:
    """Which per-role respondent counts of one theme may be shown, and which roles are withheld.

    ``role_respondents``: {role: distinct respondents in the theme}; ``role_sizes``: {role:
    respondents in the cycle}. A count is shown when it is ``floor`` or more, the rest of the
    theme and the rest of the role (in the cycle) are each 0 or ``floor`` or more, and the
    withheld roles of the theme together are 0 or ``floor`` or more (smallest shown roles are
    withheld until they are). Returns (shown {role: n}, withheld roles present in the theme).
    """
    total = sum(role_respondents.values())
    shown = {}
    for role, n in role_respondents.items():
        rest = total - n
        rest_of_role = int(role_sizes.get(role, 0)) - n
        if n >= floor and not 0 < rest < floor and not 0 < rest_of_role < floor:
            shown[role] = n
    while shown and 0 < total - sum(shown.values()) < floor:
        smallest = min(shown, key=lambda r: (shown[r], r))
        del shown[smallest]
    withheld = sorted(r for r, n in role_respondents.items() if n and r not in shown)
    return dict(sorted(shown.items(), key=lambda kv: (-kv[1], kv[0]))), withheld


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
    last_year: dict | None = None,
    ratings: Sequence[float | None] | None = None,
) -> dict[str, Any]:
    """Run analysis.theme_clusters over the cycle's free text; a JSON-ready dict (edits not applied).

    {"themes": [theme, ...], "unclear": theme, "statements": n, "inputs": n, "withheld": n,
     "sources": {"survey": n, "focus_group": n}, "quote_rule": text,
     "role_options": [{"code", "label", "quotes": bool}, ...]}
    where each theme is analysis.theme_clusters.Theme.to_dict() less ``groups`` (per-team counts),
    with quotes limited to those allowed by the quote rule, plus ``respondents``,
    ``role_counts`` (see the module docstring) and ``last_year``.

    ``last_year``: {"survey_rows": the previous cycle's ``survey_text_rows``, "respondents":
    n, "name": its name}. Its answers are placed in this year's themes (nearest theme centre,
    as ``ThemeModel.predict``), so each theme says how many of last year's respondents wrote
    about the same thing: ``{"respondents": n or None (withheld under ``min_group``), "of":
    last year's respondents, "name"}``; the same measure both years, with no guessing which
    of last year's themes is "the same". None without a previous cycle.

    A theme is kept only when its statements come from ``min_group`` or more distinct
    writers (analysis.suppression.themes_with_enough_writers: each survey respondent once,
    each focus-group note as one writer); ``withheld`` is how many were dropped.

    ``ratings``: per survey row, the closed rating beside its comment box (0..1) or None;
    the sentiment is fitted to them (analysis.sentiment_fit) and ``sentiment_fit`` says with
    what gain.
    """
    from analysis.statements import make_statements
    from analysis.theme_clusters import ThemeModel

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
    model = ThemeModel(
        n_quotes=QUOTES_PER_THEME * 2,
        random_state=0,
        progress=progress,
        question_texts=question_texts,
        ratings=(list(ratings) + [None] * len(focus_group_notes) if ratings is not None else None),
    )
    model.fit(statements)
    themes, unclear = model.to_dicts(members=True)
    earlier = _last_year_counts(model, last_year, staff_names)

    def writer_of(row):
        """Who wrote an input row: a survey respondent; each focus-group note stands alone."""
        source = survey_row(row)
        if source is not None:
            return ("survey", source["response"])
        note = row - len(survey_rows)
        if 0 <= note < len(focus_group_notes):
            return ("focus_group_note", note)
        return None

    def survey_row(row) -> dict | None:
        return survey_rows[row] if isinstance(row, int) and 0 <= row < len(survey_rows) else None

    # No theme from fewer than min_group writers (PRODUCT.md): one respondent pasting the
    # same comment into many boxes must not make a theme. Withheld themes are dropped here, so
    # no page, download or report sees them; only their number is kept.
    themes, withheld = themes_with_enough_writers(
        themes,
        lambda theme: (writer_of(statements[i].row) for i in theme.get("members") or ()),
        min_group,
    )

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
        return _plain(theme)

    # One quote per respondent per theme, two per report, near-duplicates once.
    *themes, unclear = limit_quotes(
        themes + [unclear], lambda q: writer_of(q["row"]), hidden=hidden_quotes
    )
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
    "name"}, or None without last year's answers."""
    from analysis.statements import make_statements

    if not last_year or not last_year.get("survey_rows") or not model.themes_:
        return None
    rows = list(last_year["survey_rows"])
    statements = make_statements(theme_inputs(rows, []), staff_names=staff_names or ())
    people: dict[str, set] = {}
    for statement, index in zip(statements, model.predict(statements)):
        if index >= 0:
            theme_id = model.themes_[int(index)].id
            people.setdefault(theme_id, set()).add(rows[statement.row].get("response"))
    return {
        "counts": {theme_id: len(who) for theme_id, who in people.items()},
        "respondents": int(last_year.get("respondents") or 0),
        "name": last_year.get("name"),
    }


def _plain(value):
    """numpy numbers and tuples to plain JSON types."""
    return json.loads(json.dumps(value, default=_json_default))


def _json_default(value):
    if hasattr(value, "item"):
        return value.item()
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


# --- edits -----------------------------------------------------------------------------------


def theme_edits(cycle_id: int) -> list[dict]:
    """The cycle's edits, oldest first, as {"kind", "payload"} dicts."""
    rows = db.session.scalars(
        select(ThemeEdit).where(ThemeEdit.cycle_id == cycle_id).order_by(ThemeEdit.id)
    )
    return [{"id": e.id, "kind": e.kind, "payload": json.loads(e.payload)} for e in rows]


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _find(themes: list[dict], ref: dict) -> dict | None:
    """The theme of this run that is the edited theme: most statements in common."""
    keys = set(ref.get("keys") or ())
    best, best_score = None, 0.0
    for theme in themes:
        score = _jaccard(keys, set(theme.get("member_keys") or ()))
        if score > best_score:
            best, best_score = theme, score
    if best is not None and best_score >= MATCH_THRESHOLD:
        return best
    if not keys:
        return next((t for t in themes if t["id"] == ref.get("id")), None)
    return None


def _merge(parts: list[dict], label: str) -> dict:
    first = parts[0]
    merged = copy.deepcopy(first)
    size = sum(p["size"] for p in parts)
    merged["label"] = label
    merged["label_edited"] = True
    merged["size"] = size
    merged["rows"] = sum(p.get("rows", 0) for p in parts)
    merged["sentiment"] = (
        round(sum(p["sentiment"] * p["size"] for p in parts) / size, 4) if size else 0.0
    )
    for field in ("sentiment_counts", "areas", "questions", "sources"):
        total: Counter = Counter()
        for p in parts:
            total.update(p.get(field) or {})
        merged[field] = dict(sorted(total.items(), key=lambda kv: (-kv[1], kv[0])))
    keywords = []
    for p in parts:
        keywords += [k for k in p.get("keywords", []) if k not in keywords]
    merged["keywords"] = keywords[: max(len(first.get("keywords", [])), 8)]
    quotes, seen = [], set()
    for rank in range(QUOTES_PER_THEME):
        for p in parts:
            q = (p.get("quotes") or [])[rank : rank + 1]
            if q and q[0]["text"] not in seen:
                seen.add(q[0]["text"])
                quotes.append(q[0])
    # Still one quote per writer and no near-duplicates in the merged theme (analysis.quotes).
    [merged] = limit_quotes(
        [{**merged, "quotes": quotes}], lambda q: q.get("by"), per_theme=QUOTES_PER_THEME
    )
    # Distinct respondents per role cannot be added up across themes (one person may be in
    # several), so a merged theme shows no role figure.
    merged["respondents"] = None
    merged["last_year"] = None  # likewise last year's respondents
    merged["role_counts"] = {}
    merged["member_keys"] = sorted({k for p in parts for k in p.get("member_keys") or ()})
    merged["merged_from"] = [p["id"] for p in parts] + [
        m for p in parts for m in p.get("merged_from") or ()
    ]
    return merged


def apply_edits(themes_result: dict | None, edits: Sequence[dict]) -> dict | None:
    """A copy of a stored themes result with renames and merges applied, in order.

    An edit whose themes cannot be found in this run (their statements have gone) is skipped
    and listed under ``edits_not_applied``.
    """
    if not themes_result:
        return themes_result
    out = copy.deepcopy(themes_result)
    themes = out.get("themes") or []
    skipped = []
    library = _edits_library()
    for edit in edits:
        payload = edit["payload"]
        if library is not None and hasattr(library, "apply_edit"):
            themes, ok = library.apply_edit(themes, edit["kind"], payload)
            if not ok:
                skipped.append(edit.get("id"))
            continue
        if edit["kind"] == "rename":
            theme = _find(themes, payload["theme"])
            if theme is None:
                skipped.append(edit.get("id"))
                continue
            theme["label"] = payload["label"]
            theme["label_edited"] = True
        elif edit["kind"] == "merge":
            found = []
            for ref in payload["themes"]:
                theme = _find(themes, ref)
                if theme is not None and theme not in found:
                    found.append(theme)
            if len(found) < 2:
                skipped.append(edit.get("id"))
                continue
            merged = _merge(found, payload["label"])
            position = themes.index(found[0])
            themes = [t for t in themes if t not in found]
            themes.insert(min(position, len(themes)), merged)
    out["themes"] = themes
    out["edits_applied"] = len(edits) - len(skipped)
    out["edits_not_applied"] = skipped
    return out


def _edits_library():
    """analysis.theme_edits when it offers apply_edit(themes, kind, payload); else None."""
    try:
        module = importlib.import_module("analysis.theme_edits")
    except ModuleNotFoundError:
        return None
    return module if hasattr(module, "apply_edit") else None


def _current_themes(cycle: Cycle) -> list[dict]:
    from .analysis import stored_themes

    return (apply_edits(stored_themes(cycle), theme_edits(cycle.id)) or {}).get("themes") or []


def _ref(theme: dict) -> dict:
    return {"id": theme["id"], "label": theme["label"], "keys": theme.get("member_keys") or []}


def _clean_label(label: str) -> str:
    label = " ".join((label or "").split())
    if not label:
        raise ThemeEditError("Enter a name for the theme")
    if len(label) > 120:
        raise ThemeEditError("The theme name must be 120 characters or fewer")
    return label


def rename_theme(cycle: Cycle, theme_id: str, label: str, user) -> ThemeEdit:
    """Rename a theme (as currently shown); the new name survives re-runs. Audited."""
    label = _clean_label(label)
    theme = next((t for t in _current_themes(cycle) if t["id"] == theme_id), None)
    if theme is None:
        raise ThemeEditError("That theme is no longer in the analysis: refresh the page")
    edit = ThemeEdit(
        cycle_id=cycle.id,
        kind="rename",
        payload=json.dumps({"theme": _ref(theme), "label": label}),
        created_by=getattr(user, "id", None),
    )
    db.session.add(edit)
    record_event("changed", "theme", f"{cycle.id}:{theme_id}", f"renamed to {label!r}", user=user)
    db.session.commit()
    return edit


def merge_themes(cycle: Cycle, theme_ids: Sequence[str], label: str, user) -> ThemeEdit:
    """Merge two or more themes (as currently shown) into one named theme. Audited."""
    label = _clean_label(label)
    ids = list(dict.fromkeys(theme_ids))
    if len(ids) < 2:
        raise ThemeEditError("Select at least two themes to merge")
    current = {t["id"]: t for t in _current_themes(cycle)}
    missing = [i for i in ids if i not in current]
    if missing:
        raise ThemeEditError("A theme you selected is no longer in the analysis: refresh the page")
    edit = ThemeEdit(
        cycle_id=cycle.id,
        kind="merge",
        payload=json.dumps({"themes": [_ref(current[i]) for i in ids], "label": label}),
        created_by=getattr(user, "id", None),
    )
    db.session.add(edit)
    record_event(
        "changed", "theme", f"{cycle.id}:{'+'.join(ids)}", f"merged as {label!r}", user=user
    )
    db.session.commit()
    return edit


def min_quote_group() -> int:
    return int(current_app.config["MIN_QUOTE_GROUP_SIZE"])
