"""The Principal Social Worker's theme renames and merges, and renames of a theme's parts,
kept as ThemeEdit rows.

Edits are stored as a log, never written into the stored analysis: ``analysis.theme_edits``
applies the log to every run as it is read (results.analysis), so an edit shows at once and
survives a re-run. Each edit names its themes by their statements (``theme_ref``), since ids
change between runs. Rows of this log are written here and nowhere else; every edit is audited.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import delete, select

from analysis.statements import statement_key
from analysis.theme_edits import ThemeEditError, apply_edits, clean_label, part_ref, theme_ref

from ..audit import record_event
from ..extensions import db
from ..models import AnalysisResult, Cycle, ThemeEdit

__all__ = [
    "ThemeEditError",
    "merge_themes",
    "names_not_shown",
    "part_quotes",
    "rename_part",
    "rename_theme",
    "stored_themes",
    "theme_edits",
]


def theme_edits(cycle_id: int) -> list[dict]:
    """The cycle's edits, oldest first, as {"id", "kind", "payload"} dicts."""
    rows = db.session.scalars(
        select(ThemeEdit).where(ThemeEdit.cycle_id == cycle_id).order_by(ThemeEdit.id)
    )
    return [{"id": e.id, "kind": e.kind, "payload": json.loads(e.payload)} for e in rows]


def stored_themes(cycle: Cycle) -> dict | None:
    """The stored themes (no edits applied, with matching keys): for theme edits only."""
    for kind in ("all", "themes"):
        row = db.session.scalar(
            select(AnalysisResult).where(
                AnalysisResult.cycle_id == cycle.id, AnalysisResult.kind == kind
            )
        )
        if row is not None and row.result:
            themes = json.loads(row.result).get("themes")
            if themes:
                return themes
    return None


def last_year_themes(cycle: Cycle) -> list[dict]:
    """A previous cycle's themes as its themes page shows them (edits applied): label,
    respondents, the share's base and the statements' matching keys; [] without a result."""
    stored = stored_themes(cycle)
    if not stored:
        return []
    return [
        {
            "label": t.get("label"),
            "respondents": t.get("respondents"),
            "of": t.get("respondents_of"),
            "keys": list(t.get("member_keys") or ()),
        }
        for t in _current_themes(cycle)
        if t.get("member_keys")
    ]


def names_not_shown(cycle: Cycle, themes_result: dict | None) -> list[str]:
    """The names the PSW gave (themes, merges, parts) that ``themes_result`` (edits applied)
    does not show: their statements are no longer found together, or two renamed parts
    became one and the later name is shown (analysis.theme_edits.apply_edits)."""
    missing = set((themes_result or {}).get("edits_not_applied") or ())
    return [e["payload"]["label"] for e in theme_edits(cycle.id) if e["id"] in missing]


def part_quotes(cycle: Cycle, theme_id: str, quotes: Sequence[str]) -> list[list[str]]:
    """Per part of the theme (as listed), those of ``quotes`` (texts the page already shows
    for the theme) that are among its statements: examples for the PSW naming it."""
    theme = next((t for t in _current_themes(cycle) if t["id"] == theme_id), None)
    out = []
    for part in (theme or {}).get("parts") or ():
        keys = set(part.get("member_keys") or ())
        out.append([q for q in quotes if statement_key(q) in keys])
    return out


def _current_themes(cycle: Cycle) -> list[dict]:
    """The themes as the pages show them now (edits applied), with their matching keys."""
    return (apply_edits(stored_themes(cycle), theme_edits(cycle.id)) or {}).get("themes") or []


def _record(cycle: Cycle, kind: str, payload: dict, user) -> ThemeEdit:
    edit = ThemeEdit(
        cycle_id=cycle.id,
        kind=kind,
        payload=json.dumps(payload),
        created_by=getattr(user, "id", None),
    )
    db.session.add(edit)
    return edit


def rename_theme(cycle: Cycle, theme_id: str, label: str, user) -> ThemeEdit:
    """Rename a theme (as currently shown); the new name survives re-runs. Audited."""
    label = clean_label(label)
    theme = next((t for t in _current_themes(cycle) if t["id"] == theme_id), None)
    if theme is None:
        raise ThemeEditError("That theme is no longer in the analysis: refresh the page")
    edit = _record(cycle, "rename", {"theme": theme_ref(theme), "label": label}, user)
    record_event("changed", "theme", f"{cycle.id}:{theme_id}", f"renamed to {label!r}", user=user)
    db.session.commit()
    return edit


def rename_part(cycle: Cycle, theme_id: str, number: int, label: str, user) -> ThemeEdit | None:
    """Rename a theme's ``number``-th part (from 1, as "What it covers" lists it); the new
    name survives re-runs while the part's statements still match, and replaces the PSW's
    earlier name for it. The analysis's own label undoes a rename (and returns None, as
    does the name the part has already). Audited."""
    label = clean_label(label, "part")
    theme = next((t for t in _current_themes(cycle) if t["id"] == theme_id), None)
    parts = (theme or {}).get("parts") or []
    if not 1 <= number <= len(parts):
        raise ThemeEditError("That part is no longer in the theme: refresh the page")
    part = parts[number - 1]
    if label == part["label"]:
        return None
    # One name per part: a new one replaces the PSW's earlier one (the edit that named it);
    # the analysis's own name leaves none.
    if part.get("edit_id") is not None:
        db.session.execute(
            delete(ThemeEdit).where(ThemeEdit.id == part["edit_id"], ThemeEdit.cycle_id == cycle.id)
        )
    edit = None
    if label != part.get("original_label", part["label"]):
        payload = {"theme": theme_ref(theme), "part": part_ref(part), "label": label}
        edit = _record(cycle, "part", payload, user)
    record_event(
        "changed",
        "theme",
        f"{cycle.id}:{theme_id}",
        f"part {number} renamed to {label!r}",
        user=user,
    )
    db.session.commit()
    return edit


def merge_themes(cycle: Cycle, theme_ids: Sequence[str], label: str, user) -> ThemeEdit:
    """Merge two or more themes (as currently shown) into one named theme. Audited."""
    label = clean_label(label)
    ids = list(dict.fromkeys(theme_ids))
    if len(ids) < 2:
        raise ThemeEditError("Select at least two themes to merge")
    current = {t["id"]: t for t in _current_themes(cycle)}
    if any(i not in current for i in ids):
        raise ThemeEditError("A theme you selected is no longer in the analysis: refresh the page")
    payload = {"themes": [theme_ref(current[i]) for i in ids], "label": label}
    edit = _record(cycle, "merge", payload, user)
    record_event(
        "changed", "theme", f"{cycle.id}:{'+'.join(ids)}", f"merged as {label!r}", user=user
    )
    db.session.commit()
    return edit
