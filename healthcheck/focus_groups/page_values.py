"""A focus-group page's values: as stored, as posted (or stashed) and as checked.

Every field has a flat name and a string value (focus_groups/pages.py), so the same dicts
are saved, stashed, merged (merge.py) and restored.
"""

from __future__ import annotations

from datetime import date

from ..models import FocusGroup
from .pages import Page

MAX_NOTE_LENGTH = 50000


def note_key(name: str) -> str:
    """The stored note's key of a ``note.<key>`` field."""
    return name[len("note.") :]


def current_values(focus_group: FocusGroup, page: Page) -> dict:
    """The stored values of a page's fields, as the form shows them."""
    notes = focus_group.note_texts()
    figures = focus_group.figure_values()
    values: dict = {}
    for f in page.fields:
        if f.name.startswith("note."):
            values[f.name] = notes.get(note_key(f.name), "")
        elif f.kind == "score":
            _, qid, item = f.name.split(".", 2)
            value = figures.get((qid, item))
            values[f.name] = "" if value is None else str(value)
        elif f.kind == "count":
            _, qid, item = f.name.split(".", 2)
            value = figures.get((qid, item))
            values[f.name] = "" if value is None else str(value)
        elif f.name == "held_on":
            d = focus_group.held_on
            values["held_on-day"] = str(d.day) if d else ""
            values["held_on-month"] = str(d.month) if d else ""
            values["held_on-year"] = str(d.year) if d else ""
        elif f.name == "team":
            values["team"] = focus_group.team or ""
        elif f.name == "facilitators":
            values["facilitators"] = sorted(str(u.id) for u in focus_group.facilitators)
        elif f.name == "participants":
            p = focus_group.participants
            values["participants"] = "" if p is None else str(p)
        elif f.name.startswith("role."):
            value = (focus_group.role_mix or {}).get(f.name[len("role.") :])
            values[f.name] = "" if value is None else str(value)
        elif f.name == "consent":
            values["consent"] = "yes" if focus_group.consent_confirmed else ""
        elif f.name in ("key_quotes", "summary"):
            values[f.name] = getattr(focus_group, f.name) or ""
    return values


def posted_values(page: Page, form) -> dict:
    """The page's values from a posted form (a MultiDict) or a stashed dict."""
    values: dict = {}
    for f in page.fields:
        # A field the post does not carry is left as it is (a partial post never wipes notes).
        if f.kind == "date":
            if not any(f"{f.name}-{p}" in form for p in ("day", "month", "year")):
                continue
        elif f.kind not in ("checkbox", "checkboxes") and f.name not in form:
            continue
        if f.kind == "checkboxes":
            raw = form.getlist(f.name) if hasattr(form, "getlist") else form.get(f.name, [])
            values[f.name] = sorted({str(v) for v in raw})
        elif f.kind == "date":
            for part in ("day", "month", "year"):
                values[f"{f.name}-{part}"] = str(form.get(f"{f.name}-{part}", "")).strip()
        elif f.kind == "checkbox":
            values[f.name] = "yes" if form.get(f.name) else ""
        elif f.is_text:
            values[f.name] = str(form.get(f.name, "")).replace("\r\n", "\n")
        else:
            values[f.name] = str(form.get(f.name, "")).strip()
    return values


def _whole(text: str, minimum: int, maximum: int | None) -> int | None:
    if not text.isdigit():
        raise ValueError
    number = int(text)
    if number < minimum or (maximum is not None and number > maximum):
        raise ValueError
    return number


def check(page: Page, values: dict) -> tuple[dict, dict]:
    """Split a page's values into the valid ones (as Python values) and errors by field name."""
    clean: dict = {}
    errors: dict = {}
    for f in page.fields:
        if f.name not in values and f"{f.name}-day" not in values:
            continue
        if f.kind == "date":
            parts = [values.get(f"{f.name}-{p}", "") for p in ("day", "month", "year")]
            if not any(parts):
                clean[f.name] = None
                continue
            try:
                day, month, year = (int(p) for p in parts)
                clean[f.name] = date(year, month, day)
                if not 2000 <= year <= 2100:
                    raise ValueError
            except ValueError:
                errors[f.name] = "Date of the focus group must be a real date, like 27 3 2026"
                clean.pop(f.name, None)
            continue
        value = values.get(f.name, "")
        if f.is_text:
            if len(value) > MAX_NOTE_LENGTH:
                errors[f.name] = f"{f.label} must be {MAX_NOTE_LENGTH} characters or fewer"
            else:
                clean[f.name] = value.strip() if f.kind == "text" else value.rstrip()
        elif f.kind in ("number", "score", "count"):
            if value == "":
                clean[f.name] = None
                continue
            try:
                clean[f.name] = _whole(value, f.minimum, f.maximum)
            except ValueError:
                label = f.label if f.kind == "number" else f"{f.group} {f.label.lower()}"
                if f.kind == "score":
                    errors[f.name] = (
                        f"{label}'s score must be a whole number from {f.minimum} to {f.maximum}"
                    )
                else:
                    errors[f.name] = f"{label} must be a whole number, 0 or more"
        elif f.kind == "select":
            if value and value not in {code for code, _ in f.options}:
                # A message, not SQL (bandit reads "Select ... from" as a query).
                errors[f.name] = f"Select the {f.label.lower()} from the list"  # nosec B608
            else:
                clean[f.name] = value
        elif f.kind == "checkboxes":
            allowed = {code for code, _ in f.options}
            chosen = [v for v in value if v in allowed]
            if not chosen:
                errors[f.name] = "Select at least one facilitator"
            else:
                clean[f.name] = chosen
        elif f.kind == "checkbox":
            clean[f.name] = value == "yes"
    _check_role_mix(clean, errors)
    return clean, errors


def _check_role_mix(clean: dict, errors: dict) -> None:
    """The role mix may not add up to more people than took part: an error on its first
    role, and the mix kept back (the page shows what was typed) until it fits."""
    roles = [name for name in clean if name.startswith("role.")]
    participants = clean.get("participants")
    if not roles or participants is None:
        return
    total = sum(clean[name] or 0 for name in roles)
    if total > participants:
        errors[roles[0]] = (
            f"The role mix adds up to {total}, more than the {participants} participants: "
            "check the numbers"
        )
        for name in roles:
            clean.pop(name)
