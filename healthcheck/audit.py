"""Writing the audit log: who created, changed, exported or deleted which record."""

from flask_login import current_user

from .extensions import db
from .models import AuditEvent


def record_event(
    action: str, object_type: str, object_id=None, detail: str | None = None, user=None
):
    """Add an audit event to the current transaction (the caller commits with its own change)."""
    if user is None and getattr(current_user, "is_authenticated", False):
        user = current_user
    event = AuditEvent(
        user_id=getattr(user, "id", None),
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        detail=detail,
    )
    db.session.add(event)
    return event
