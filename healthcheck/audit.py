"""Writing the audit log: who created, changed, exported or deleted which record."""

from flask import has_request_context, request
from flask_login import current_user

from .database import write_transaction
from .extensions import db
from .models import AuditEvent

READ_METHODS = ("GET", "HEAD", "OPTIONS")


def record_event(
    action: str, object_type: str, object_id=None, detail: str | None = None, user=None
):
    """Add an audit event to the current transaction (the caller commits with its own change).

    In a read request (a download or an export is a GET) there is no change to join: the event
    is written at once, in a write transaction of its own that waits for the write lock
    (healthcheck/database.py), so a download never fails because the survey is busy.
    """
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
