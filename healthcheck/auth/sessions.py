"""The session cookie: the server ends an idle session; the browser keeps the cookie a while.

Flask refuses a session cookie whose signature is older than PERMANENT_SESSION_LIFETIME (the
idle limit, refreshed on every request), so the server ends a signed-in session on time. The
browser is told to keep the cookie EXPIRED_PROOF_HOURS longer than that: a focus-group form
posted just after the session ended then still carries signed proof of whose session it was,
and only that proves a kept form is the author's own (healthcheck/focus_groups/stash.py).
The expired cookie signs nobody in: it is read only by `expired_session`.

`load_user` is Flask-Login's user loader (create_app installs it): the cookie names the user
and their session token, and a token rotated at sign-out is refused.
"""

from datetime import datetime, timedelta, timezone

from flask import current_app, request
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature

from ..extensions import db
from ..models import User

EXPIRED_PROOF_HOURS = 12


class IdleSessionInterface(SecureCookieSessionInterface):
    def get_expiration_time(self, app, session):
        if session.permanent:
            keep = app.permanent_session_lifetime + timedelta(hours=EXPIRED_PROOF_HOURS)
            return datetime.now(timezone.utc) + keep
        return None


def load_user(session_id: str) -> User | None:
    """Find the user for a session; refuse a session whose token was rotated at sign-out."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_token != token:
        return None
    return user


def expired_session() -> dict | None:
    """What the request's session cookie held, when it is correctly signed by us but past the
    idle limit (up to EXPIRED_PROOF_HOURS past it); None for anything else."""
    app = current_app._get_current_object()
    raw = request.cookies.get(app.config["SESSION_COOKIE_NAME"])
    serializer = app.session_interface.get_signing_serializer(app)
    if not raw or serializer is None:
        return None
    window = app.permanent_session_lifetime + timedelta(hours=EXPIRED_PROOF_HOURS)
    try:
        data = serializer.loads(raw, max_age=int(window.total_seconds()))
    except BadSignature:
        return None
    return data if isinstance(data, dict) else None
