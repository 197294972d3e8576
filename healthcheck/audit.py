"""Writing the audit log: who created, changed, exported or deleted which record.

Every action is one word (or two joined by "_") in the past tense, from ACTIONS: the audit log
page shows its words from there, and `record_event` refuses any other, so that one kind of
action is never recorded under two names ("export" beside "exported").
tests/test_audit.py checks every call in the source against the list.
"""

from flask import has_request_context, request
from flask_login import current_user
from sqlalchemy import select

from .database import write_transaction
from .extensions import db
from .models import AuditEvent

READ_METHODS = ("GET", "HEAD", "OPTIONS")

# Every action the audit log records, with the words the audit log page shows for it.
ACTIONS = {
    # records
    "created": "created",
    "changed": "changed",
    "deleted": "deleted",
    "uploaded": "uploaded",
    "removed": "removed",
    "generated": "generated",
    "exported": "exported",
    "hidden": "hidden",
    "carried": "carried over",
    "retired": "retired",
    "restored": "restored",
    "identifiers_kept": "saved as typed",
    # a cycle's life
    "opened": "opened",
    "reopened": "reopened",
    "closed": "closed",
    "archived": "archived",
    "purged": "purged",
    # the self-assessment: submitted, then endorsed or returned, then published
    "submitted": "submitted for endorsement",
    "endorsed": "endorsed",
    "returned": "returned for changes",
    "published": "published",
    # accounts
    "signed_in": "signed in",
    "signed_out": "signed out",
    "enabled": "enabled",
    "disabled": "disabled",
    "password_reset": "password reset",
}


def action_words(action: str) -> str:
    """What the audit log page shows for an action (an unknown one as it was stored)."""
    return ACTIONS.get(action, action.replace("_", " "))


def events_of(action: str, object_type: str, object_id) -> list[AuditEvent]:
    """The events of ``action`` on one object, newest first (what a rule that depends on the
    object's history reads: a cycle's reopenings, its last response export)."""
    return list(
        db.session.scalars(
            select(AuditEvent)
            .where(
                AuditEvent.action == action,
                AuditEvent.object_type == object_type,
                AuditEvent.object_id == str(object_id),
            )
            .order_by(AuditEvent.id.desc())
        )
    )


def record_event(
    action: str, object_type: str, object_id=None, detail: str | None = None, user=None
):
    """Add an audit event to the current transaction (the caller commits with its own change).

    In a read request (a download or an export is a GET) there is no change to join: the event
    is written at once, in a write transaction of its own that waits for the write lock
    (healthcheck/database.py), so a download never fails because the survey is busy.
    """
    if action not in ACTIONS:
        raise ValueError(f"Unknown audit action {action!r}: use one of healthcheck.audit.ACTIONS")
    if user is None and getattr(current_user, "is_authenticated", False):
        user = current_user
    event = AuditEvent(
        user_id=getattr(user, "id", None),
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        detail=detail,
    )
    if has_request_context() and request.method in READ_METHODS:
        write_transaction(db.session, lambda session: session.add(event))
    else:
        db.session.add(event)
    return event
