"""The work behind the focus-group pages: who may see and edit a record, reading and saving a page,
catching a stale save, identifying details (a form posted after the session ended: stash.py).

Each write is a small function that owns its transaction and records an audit event.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta

from markupsafe import Markup, escape
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from analysis.redaction import find_identifiers, redact

from ..audit import record_event
from ..extensions import db
from ..models import (
    AuditEvent,
    Cycle,
    FocusGroup,
    FocusGroupFigure,
    FocusGroupNote,
    User,
)
from ..organisation import options
from ..timeutil import utcnow
from .pages import Page, build_pages, instrument_for

AUDIT_COALESCE_MINUTES = 15
MAX_NOTE_LENGTH = 50000


class StaleVersion(Exception):
    """Someone else saved the record since this form was loaded."""


# --- who may do what ------------------------------------------------------------------------


def can_edit(user, focus_group: FocusGroup) -> bool:
    """Only the record's own facilitators edit it."""
    return (
        getattr(user, "is_authenticated", False)
        and user.role == "facilitator"
        and any(f.id == user.id for f in focus_group.facilitators)
    )


def can_view(user, focus_group: FocusGroup) -> bool:
    """Its facilitators, and the Principal Social Worker (who reads every record)."""
    return can_edit(user, focus_group) or getattr(user, "role", None) == "psw"


def visible_focus_groups(user) -> list[FocusGroup]:
    query = select(FocusGroup).order_by(FocusGroup.held_on.desc(), FocusGroup.id.desc())
    if user.role != "psw":
        query = query.where(FocusGroup.facilitators.any(User.id == user.id))
    return list(db.session.scalars(query))


def facilitator_choices() -> list[tuple[str, str]]:
    users = db.session.scalars(
        select(User).where(User.role == "facilitator", User.active.is_(True)).order_by(User.name)
    )
    return [(str(u.id), u.name) for u in users]


def staff_names():
    """Staff names to look for in notes: the uploaded staff list and the app's accounts
    (healthcheck.staff_list; hashed, never shown)."""
    from ..staff_list import staff_names as current_staff_names

    return current_staff_names()


# --- pages and values -----------------------------------------------------------------------


def pages_for(focus_group: FocusGroup) -> list[Page]:
    choices = facilitator_choices()
    known = {c[0] for c in choices}
    choices += [(str(u.id), u.name) for u in focus_group.facilitators if str(u.id) not in known]
    teams = [label for _, label in options("team")]
    if teams and focus_group.team and focus_group.team not in teams:
        teams.append(focus_group.team)  # typed in before the list existed: kept as it was
    return build_pages(instrument_for(focus_group), choices, focus_group.participants, tuple(teams))


def page_for(focus_group: FocusGroup, page_id: str) -> Page | None:
    return next((p for p in pages_for(focus_group) if p.id == page_id), None)


def next_page_id(focus_group: FocusGroup, page_id: str) -> str | None:
    ids = [p.id for p in pages_for(focus_group)]
    index = ids.index(page_id)
    return ids[index + 1] if index + 1 < len(ids) else None


def _note_key(name: str) -> str:
    return name[len("note.") :]


def current_values(focus_group: FocusGroup, page: Page) -> dict:
    """The stored values of a page's fields, as the form shows them."""
    notes = focus_group.note_texts()
    figures = focus_group.figure_values()
    values: dict = {}
    for f in page.fields:
        if f.name.startswith("note."):
            values[f.name] = notes.get(_note_key(f.name), "")
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


def value_names(page: Page) -> list[str]:
    names = []
    for f in page.fields:
        if f.kind == "date":
            names += [f"{f.name}-day", f"{f.name}-month", f"{f.name}-year"]
        else:
            names.append(f.name)
    return names


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


# --- checking values ------------------------------------------------------------------------


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
    return clean, errors


# --- saving ---------------------------------------------------------------------------------


def differences(focus_group: FocusGroup, page: Page, values: dict) -> dict:
    """Fields whose posted value differs from what is stored: {name: (theirs, yours)}."""
    stored = current_values(focus_group, page)
    changed = {}
    for name in value_names(page):
        if name not in values:
            continue
        theirs, yours = stored.get(name, ""), values[name]
        if isinstance(theirs, str):
            if theirs.strip() != str(yours).strip():
                changed[name] = (theirs, yours)
        elif theirs != yours:
            changed[name] = (theirs, yours)
    return changed


def _fingerprint(value) -> str:
    text = ",".join(sorted(str(v) for v in value)) if isinstance(value, list) else str(value)
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:16]


def base_of(page: Page, values: dict) -> str:
    """The page's values as the form was given them, as short hashes (the form's "base"), so
    that a later save can tell which fields this person changed and which someone else did."""
    return json.dumps({name: _fingerprint(values.get(name, "")) for name in value_names(page)})


def merge_with_stored(focus_group: FocusGroup, page: Page, values: dict, base: str | None):
    """A save made on an older version: three-way merge against the form's ``base``.

    Returns (values, conflicts). A field only this person changed keeps their value; a field
    only someone else changed takes the stored value; only a field both changed differently is
    a conflict ({name: (theirs, yours)}). Without a usable base every difference is a conflict.
    """
    changed = differences(focus_group, page, values)
    try:
        hashes = json.loads(base) if base else {}
    except ValueError:
        hashes = {}
    if not isinstance(hashes, dict):
        hashes = {}
    merged, conflicts = dict(values), {}
    for name, (theirs, yours) in changed.items():
        original = hashes.get(name)
        if original is not None and _fingerprint(yours) == original:
            merged[name] = theirs  # untouched here: someone else's change stands
        elif original is not None and _fingerprint(theirs) == original:
            continue  # untouched there: this change stands
        else:
            conflicts[name] = (theirs, yours)
    return merged, conflicts


def resolve_choices(page: Page, values: dict, form) -> dict:
    """Apply the choices made on the compare page: keep mine, keep theirs or keep both."""
    resolved = dict(values)
    for name in value_names(page):
        choice = form.get(f"choice.{name}")
        if not choice:
            continue
        theirs = form.get(f"theirs.{name}", "")
        yours = values.get(name, "")
        if choice == "theirs":
            resolved[name] = (
                sorted(filter(None, theirs.split(","))) if isinstance(yours, list) else theirs
            )
        elif choice == "both" and isinstance(yours, str):
            if yours.strip() and yours.strip() in theirs:
                resolved[name] = theirs  # theirs already holds all of mine
            elif theirs.strip() and theirs.strip() not in yours:
                resolved[name] = f"{yours.rstrip()}\n\n{theirs.strip()}".strip()
    return resolved


def save_page(
    focus_group: FocusGroup, page: Page, clean: dict, user, version: int | None, how="saved"
) -> None:
    """Write a page's valid values. Raises StaleVersion when the record moved on since
    `version`; the database's own version check catches a save that races this one."""
    if version is not None and version != focus_group.version:
        raise StaleVersion
    notes = {n.key: n for n in focus_group.notes}
    figures = {(f.question_id, f.item): f for f in focus_group.figures}
    for name, value in clean.items():
        if name.startswith("note."):
            key = _note_key(name)
            if key in notes:
                notes[key].text = value
            elif value:
                focus_group.notes.append(FocusGroupNote(key=key, text=value))
        elif name.startswith(("score.", "count.")):
            _, qid, item = name.split(".", 2)
            existing = figures.get((qid, item))
            if value is None:
                if existing is not None:
                    focus_group.figures.remove(existing)
            elif existing is not None:
                existing.value = value
            else:
                focus_group.figures.append(
                    FocusGroupFigure(question_id=qid, item=item, value=value)
                )
        elif name == "held_on":
            focus_group.held_on = value
        elif name == "team":
            focus_group.team = value
        elif name == "participants":
            focus_group.participants = value
        elif name.startswith("role."):
            mix = dict(focus_group.role_mix or {})
            code = name[len("role.") :]
            if value:
                mix[code] = value
            else:
                mix.pop(code, None)
            focus_group.role_mix = mix
        elif name == "consent":
            focus_group.consent_confirmed = value
        elif name == "facilitators":
            chosen = db.session.scalars(
                select(User).where(User.id.in_([int(v) for v in value]))
            ).all()
            # A facilitator cannot take themself off a record they are editing by accident.
            if user is not None and user.role == "facilitator" and user not in chosen:
                chosen.append(user)
            focus_group.facilitators = chosen
        elif name in ("key_quotes", "summary"):
            setattr(focus_group, name, value)
    focus_group.updated_at = utcnow()
    focus_group.updated_by_id = getattr(user, "id", None)
    _audit_change(focus_group, user, f"{how}: {page.title}")
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise StaleVersion from None


def _audit_change(focus_group: FocusGroup, user, detail: str) -> None:
    """One "changed" event per person per record per quarter hour (autosave saves often)."""
    since = utcnow() - timedelta(minutes=AUDIT_COALESCE_MINUTES)
    recent = db.session.scalar(
        select(AuditEvent.id).where(
            AuditEvent.object_type == "focus_group",
            AuditEvent.object_id == str(focus_group.id),
            AuditEvent.user_id == getattr(user, "id", None),
            AuditEvent.action == "changed",
            AuditEvent.at >= since,
        )
    )
    if recent is None:
        record_event("changed", "focus_group", focus_group.id, detail, user=user)


def create_focus_group(cycle: Cycle, user) -> FocusGroup:
    focus_group = FocusGroup(
        cycle_id=cycle.id,
        instrument_id=cycle.instrument_id,
        instrument_version=cycle.instrument_version,
        created_by_id=user.id,
        updated_by_id=user.id,
        role_mix={},
    )
    focus_group.facilitators = [user]
    db.session.add(focus_group)
    db.session.flush()
    record_event("created", "focus_group", focus_group.id, f"cycle {cycle.slug}", user=user)
    db.session.commit()
    return focus_group


def delete_focus_group(focus_group: FocusGroup, user) -> None:
    record_event("deleted", "focus_group", focus_group.id, focus_group.label, user=user)
    db.session.delete(focus_group)
    db.session.commit()


def set_status(focus_group: FocusGroup, status: str, user) -> None:
    focus_group.status = status
    focus_group.updated_at = utcnow()
    record_event("changed", "focus_group", focus_group.id, f"marked {status}", user=user)
    db.session.commit()


# --- identifying details --------------------------------------------------------------------


def identifiers_in(page: Page, values: dict) -> dict:
    """{field name: [Match, ...]} for every text field that holds what look like personal
    details (names, emails, phone numbers, case or record numbers)."""
    names = staff_names()
    found = {}
    for f in page.fields:
        if f.is_text and values.get(f.name):
            matches = find_identifiers(values[f.name], staff_names=names)
            if matches:
                found[f.name] = matches
    return found


def audit_identifiers_kept(focus_group: FocusGroup, page: Page, values: dict) -> None:
    """Audit a facilitator's "these are not personal details: save as they are" (what kinds
    of detail, in which fields; never the text). Committed with the save."""
    found = identifiers_in(page, values)
    kinds = sorted({m.kind for matches in found.values() for m in matches})
    detail = f"{page.title}: saved as typed, {sum(len(m) for m in found.values())} possible "
    detail += f"personal details ({', '.join(kinds) or 'none'}) in {', '.join(sorted(found))}"
    record_event("identifiers_kept", "focus_group", focus_group.id, detail[:500])


def redact_values(page: Page, values: dict) -> dict:
    names = staff_names()
    redacted = dict(values)
    for f in page.fields:
        if f.is_text and values.get(f.name):
            redacted[f.name] = redact(values[f.name], staff_names=names)
    return redacted


def redacted_text(text: str) -> str:
    return redact(text, staff_names=staff_names()) if text else ""


def highlight(text: str, matches) -> Markup:
    """The text, escaped, with each match in a <mark>."""
    out, last = [], 0
    for m in sorted(matches, key=lambda m: m.start):
        out.append(escape(text[last : m.start]))
        out.append(
            Markup(
                '<mark class="app-identifier">{}<span class="govuk-visually-hidden"> '
                "(looks like {})</span></mark>"
            ).format(text[m.start : m.end], m.kind.replace("_", " "))
        )
        last = m.end
    out.append(escape(text[last:]))
    return Markup("").join(out)


# --- transcripts ----------------------------------------------------------------------------


def _note_labels(focus_group: FocusGroup) -> dict:
    from .pages import note_keys

    labels = dict(note_keys(instrument_for(focus_group)))
    labels.update({"key_quotes": "Key quotes", "summary": "Summary", "general": "General notes"})
    return labels


def import_transcript(focus_group: FocusGroup, filename: str, data: bytes, user) -> dict:
    """Add a transcript's text to the record's notes (appended, never overwriting).
    Returns {key: text} of what went where. Raises TranscriptError and writes nothing."""
    from .transcript import TranscriptError, parse_transcript, read_lines

    lines, headings = read_lines(filename, data)
    texts = parse_transcript(instrument_for(focus_group), lines, headings).texts()
    if not texts:
        raise TranscriptError("The selected file has no text in it")
    notes = {n.key: n for n in focus_group.notes}
    combined = {}
    for key, text in texts.items():
        if key in ("key_quotes", "summary"):
            old = getattr(focus_group, key) or ""
        else:
            old = notes[key].text if key in notes else ""
        combined[key] = f"{old.rstrip()}\n\n{text}".strip()
    too_long = [key for key, text in combined.items() if len(text) > MAX_NOTE_LENGTH]
    if too_long:
        # The same limit as typing: a note the edit page could not save is never imported.
        labels = _note_labels(focus_group)
        raise TranscriptError(
            "The transcript would make these notes longer than "
            f"{MAX_NOTE_LENGTH:,} characters: "
            + ", ".join(labels.get(k, k) for k in too_long)
            + ". Split the file, or shorten the notes already there"
        )
    for key, text in combined.items():
        if key in ("key_quotes", "summary"):
            setattr(focus_group, key, text)
        elif key in notes:
            notes[key].text = text
        else:
            focus_group.notes.append(FocusGroupNote(key=key, text=text))
    focus_group.updated_at = utcnow()
    focus_group.updated_by_id = user.id
    record_event(
        "changed",
        "focus_group",
        focus_group.id,
        f"imported transcript into {len(texts)} sections",
        user=user,
    )
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise StaleVersion from None
    return texts
