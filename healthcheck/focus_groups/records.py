"""Reading and writing focus-group records: the pages a record has, saving a page (catching a
stale save), creating, deleting and completing a record, importing a transcript.

Who may do what is access.py; a page's values page_values.py; the three-way merge of two
people's saves merge.py (pure); personal details identifiers.py; a form posted after the
session ended stash.py. Each write is a small function that owns its transaction and records
an audit event.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from ..audit import record_event
from ..extensions import db
from ..models import AuditEvent, Cycle, FocusGroup, FocusGroupFigure, FocusGroupNote, User
from ..organisation import options
from ..timeutil import utcnow
from . import merge
from .page_values import MAX_NOTE_LENGTH, current_values, note_key
from .pages import Page, build_pages

AUDIT_COALESCE_MINUTES = 15


class StaleVersion(Exception):
    """Someone else saved the record since this form was loaded."""


# --- a record's pages -----------------------------------------------------------------------


def facilitator_choices() -> list[tuple[str, str]]:
    users = db.session.scalars(
        select(User).where(User.role == "facilitator", User.active.is_(True)).order_by(User.name)
    )
    return [(str(u.id), u.name) for u in users]


def pages_for(focus_group: FocusGroup) -> list[Page]:
    choices = facilitator_choices()
    known = {c[0] for c in choices}
    choices += [(str(u.id), u.name) for u in focus_group.facilitators if str(u.id) not in known]
    teams = [label for _, label in options("team")]
    if teams and focus_group.team and focus_group.team not in teams:
        teams.append(focus_group.team)  # typed in before the list existed: kept as it was
    return build_pages(focus_group.instrument, choices, focus_group.participants, tuple(teams))


def page_for(focus_group: FocusGroup, page_id: str) -> Page | None:
    return next((p for p in pages_for(focus_group) if p.id == page_id), None)


def next_page_id(focus_group: FocusGroup, page_id: str) -> str | None:
    ids = [p.id for p in pages_for(focus_group)]
    index = ids.index(page_id)
    return ids[index + 1] if index + 1 < len(ids) else None


# --- against what is stored -----------------------------------------------------------------


def base_now(focus_group: FocusGroup, page: Page) -> str:
    """The form's base for the page as it is stored now (merge.base_of)."""
    return merge.base_of(page.value_names, current_values(focus_group, page))


def differences(focus_group: FocusGroup, page: Page, values: dict) -> dict:
    """Fields whose value differs from what is stored: {name: (theirs, yours)}."""
    return merge.differences(page.value_names, current_values(focus_group, page), values)


def merge_with_stored(focus_group: FocusGroup, page: Page, values: dict, base: str | None):
    """A save made on an older version, merged three ways with what is stored now
    (merge.three_way): (values, conflicts)."""
    return merge.three_way(page.value_names, current_values(focus_group, page), values, base)


# --- saving ---------------------------------------------------------------------------------


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
            key = note_key(name)
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


# --- transcripts ----------------------------------------------------------------------------


def _note_labels(focus_group: FocusGroup) -> dict:
    from .pages import note_keys

    labels = dict(note_keys(focus_group.instrument))
    labels.update({"key_quotes": "Key quotes", "summary": "Summary", "general": "General notes"})
    return labels


def import_transcript(focus_group: FocusGroup, filename: str, data: bytes, user) -> dict:
    """Add a transcript's text to the record's notes (appended, never overwriting).
    Returns {key: text} of what went where. Raises TranscriptError and writes nothing."""
    from .transcript import TranscriptError, parse_transcript, read_lines

    lines, headings = read_lines(filename, data)
    texts = parse_transcript(focus_group.instrument, lines, headings).texts()
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
