"""The organisation's lists of teams or services and job roles, kept by the administrator.

An entry's code never changes once made: answers, headcounts and breakdowns store the code, so
renaming an entry relabels past cycles too and keeps their figures comparable. An entry that is
no longer used is retired (not offered any more) rather than deleted. Until a list has entries,
the instrument's own "About you" options stand in for it, under the same codes.
"""

import re

from sqlalchemy import func, select

from .audit import record_event
from .extensions import db
from .models import OrgListEntry
from .models.organisation import LIST_KINDS

# The instrument's "About you" question for each list.
QUESTION_FOR = {"team": "about_team", "role": "about_role"}
MAX_LABEL = 120


class ListError(ValueError):
    """A list entry cannot be added or changed as asked; the message says why."""


def entries(kind: str, include_retired: bool = True) -> list[OrgListEntry]:
    query = select(OrgListEntry).where(OrgListEntry.kind == kind)
    if not include_retired:
        query = query.where(OrgListEntry.retired.is_(False))
    return list(db.session.scalars(query.order_by(OrgListEntry.position, OrgListEntry.id)))


def instrument_options(kind: str, instrument) -> list[tuple[str, str]]:
    """The instrument's own options for the list (scored ones: not "Prefer not to say")."""
    try:
        question = instrument.question(QUESTION_FOR[kind])
    except KeyError:
        return []
    return [(o.code, o.label) for o in question.options if o.scored]


def options(kind: str, instrument=None) -> list[tuple[str, str]]:
    """(code, label) pairs offered now: the organisation's list, else the instrument's."""
    listed = [(e.code, e.label) for e in entries(kind, include_retired=False)]
    if listed or instrument is None:
        return listed
    return instrument_options(kind, instrument)


def labels(kind: str) -> dict[str, str]:
    """Every code's current label, retired entries included (past cycles use them)."""
    return {e.code: e.label for e in entries(kind)}


def _code_from(label: str) -> str:
    code = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:50]
    return code if code and code[0].isalpha() else f"x_{code}"[:50]


def _clean_label(label: str) -> str:
    label = " ".join((label or "").split())
    if not label:
        raise ListError("Enter a name")
    if len(label) > MAX_LABEL:
        raise ListError(f"The name must be {MAX_LABEL} characters or fewer")
    return label


def _label_taken(kind: str, label: str, except_id: int | None = None) -> bool:
    query = select(OrgListEntry.id).where(
        OrgListEntry.kind == kind, func.lower(OrgListEntry.label) == label.lower()
    )
    if except_id is not None:
        query = query.where(OrgListEntry.id != except_id)
    return db.session.scalar(query) is not None


def add_entry(kind: str, label: str, code: str | None = None, user=None) -> OrgListEntry:
    """Add a team or a job role; its code is made from the name unless given."""
    if kind not in LIST_KINDS:
        raise ListError(f"Unknown list {kind!r}")
    label = _clean_label(label)
    if _label_taken(kind, label):
        raise ListError(f"{label} is already in the list")
    base = code or _code_from(label)
    taken = {e.code for e in entries(kind)}
    code, n = base, 2
    while code in taken:
        code, n = f"{base}_{n}", n + 1
    position = (
        db.session.scalar(select(func.max(OrgListEntry.position)).where(OrgListEntry.kind == kind))
        or 0
    ) + 1
    entry = OrgListEntry(kind=kind, code=code, label=label, position=position, retired=False)
    db.session.add(entry)
    db.session.flush()
    record_event("created", f"org_{kind}", entry.code, label, user=user)
    db.session.commit()
    return entry


def rename_entry(entry: OrgListEntry, label: str, user=None) -> OrgListEntry:
    """Change the name shown; the code (and every figure stored under it) stays."""
    label = _clean_label(label)
    if _label_taken(entry.kind, label, except_id=entry.id):
        raise ListError(f"{label} is already in the list")
    old, entry.label = entry.label, label
    record_event("changed", f"org_{entry.kind}", entry.code, f"renamed from {old!r}", user=user)
    db.session.commit()
    return entry


def set_retired(entry: OrgListEntry, retired: bool, user=None) -> OrgListEntry:
    entry.retired = retired
    action = "retired" if retired else "restored"
    record_event(action, f"org_{entry.kind}", entry.code, entry.label, user=user)
    db.session.commit()
    return entry


def start_from_instrument(kind: str, instrument, user=None) -> int:
    """Fill an empty list with the instrument's options, keeping their codes; returns how many."""
    if entries(kind):
        raise ListError("The list already has entries")
    made = instrument_options(kind, instrument)
    for position, (code, label) in enumerate(made, start=1):
        db.session.add(OrgListEntry(kind=kind, code=code, label=label, position=position))
    record_event(
        "created",
        f"org_{kind}",
        None,
        f"{len(made)} from {instrument.id} v{instrument.version}",
        user=user,
    )
    db.session.commit()
    return len(made)
