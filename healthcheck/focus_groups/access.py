"""Who may see and edit a focus-group record.

A record's own facilitators edit it; the Principal Social Worker reads every record (with
personal details redacted); administrators do not see notes at all. The routes' role checks
(auth.access) come first; these say which records of that role a person may open.
"""

from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from ..extensions import db
from ..models import FocusGroup, User


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
    """The records this person may read, newest first."""
    query = select(FocusGroup).order_by(FocusGroup.held_on.desc(), FocusGroup.id.desc())
    if user.role != "psw":
        query = query.where(FocusGroup.facilitators.any(User.id == user.id))
    return list(db.session.scalars(query))


def _focus_group_or_404(focus_group_id: int) -> FocusGroup:
    focus_group = db.session.get(FocusGroup, focus_group_id)
    if focus_group is None:
        abort(404)
    return focus_group


def editable_or_abort(focus_group_id: int) -> FocusGroup:
    """The record, for the signed-in user to edit: 404 when there is none, 403 when not theirs."""
    focus_group = _focus_group_or_404(focus_group_id)
    if not can_edit(current_user, focus_group):
        abort(403)
    return focus_group


def viewable_or_abort(focus_group_id: int) -> FocusGroup:
    """The record, for the signed-in user to read: 404 when there is none, 403 when not theirs."""
    focus_group = _focus_group_or_404(focus_group_id)
    if not can_view(current_user, focus_group):
        abort(403)
    return focus_group
