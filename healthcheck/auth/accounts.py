"""Staff accounts: the password rules, creating, disabling and resetting accounts, sign-in checks.

Each write is a small function that owns its transaction and records an audit event.
"""

from __future__ import annotations

import secrets
from functools import lru_cache
from importlib import resources

from sqlalchemy import func, select

from ..audit import record_event
from ..extensions import db
from ..models import User
from ..models.user import ROLES
from ..passwords import hash_password, needs_rehash, verify_password
from ..timeutil import utcnow

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 256
# Verified when the email address is unknown, so that a miss takes as long as a hit.
_DUMMY_HASH = hash_password(secrets.token_hex(16))


class AccountError(ValueError):
    """An account change that cannot be made; the message is for the user."""


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords, lower-cased."""
    text = resources.files("healthcheck.data").joinpath("common-passwords.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


def password_problem(password: str, email: str = "", name: str = "") -> str | None:
    """Why a new password is not good enough (in the Design System's voice), or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Password must be {MIN_PASSWORD_LENGTH} characters or more"
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"Password must be {MAX_PASSWORD_LENGTH} characters or fewer"
    lowered = password.lower()
    if lowered in common_passwords() or len(set(lowered)) < 4:
        return "Password is too common: choose a password that is harder to guess"
    local = email.split("@")[0].lower()
    if (local and len(local) >= 4 and local in lowered) or (name and name.lower() in lowered):
        return "Password must not contain your name or email address"
    return None


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))


def create_user(email: str, name: str, role: str, password: str, by=None) -> User:
    """Add an account. Raises AccountError with a message for the user."""
    email = normalise_email(email)
    if role not in ROLES:
        raise AccountError(f"Role must be one of {', '.join(ROLES)}")
    if "@" not in email or len(email) > 254:
        raise AccountError("Enter an email address in the correct format, like name@example.org")
    if not name.strip():
        raise AccountError("Enter the person's name")
    if find_user(email) is not None:
        raise AccountError("An account with this email address already exists")
    problem = password_problem(password, email, name)
    if problem:
        raise AccountError(problem)
    user = User(email=email, name=name.strip(), role=role, password_hash=hash_password(password))
    db.session.add(user)
    db.session.flush()
    record_event("created", "user", user.id, f"role {role}", user=by)
    db.session.commit()
    return user


def set_active(user: User, active: bool, by=None) -> None:
    """Disable or re-enable an account. Disabling ends its sessions at once."""
    user.active = active
    user.session_token = secrets.token_hex(32)
    record_event("enabled" if active else "disabled", "user", user.id, user=by)
    db.session.commit()


def reset_password(user: User, password: str, by=None) -> None:
    """Set a new password, end every session and lift any lock-out."""
    problem = password_problem(password, user.email, user.name)
    if problem:
        raise AccountError(problem)
    user.password_hash = hash_password(password)
    user.session_token = secrets.token_hex(32)
    user.failed_sign_ins = 0
    user.locked_until = None
    record_event("password_reset", "user", user.id, user=by)
    db.session.commit()


def end_sessions(user: User) -> None:
    """Rotate the session token: every cookie issued before now stops working."""
    user.session_token = secrets.token_hex(32)
    record_event("signed_out", "user", user.id, user=user)
    db.session.commit()


class SignInResult:
    def __init__(self, user: User | None = None):
        self.user = user


def check_sign_in(email: str, password: str) -> SignInResult:
    """Check the password. Returns the user on success. An unknown address takes as long and
    answers the same as a wrong password; attempts are limited by healthcheck.auth.throttle,
    never by locking the account (which anyone knowing the address could keep locked)."""
    user = find_user(email)
    if user is None:
        verify_password(_DUMMY_HASH, password)
        return SignInResult()
    if not verify_password(user.password_hash, password) or not user.active:
        return SignInResult()
    user.failed_sign_ins = 0
    user.locked_until = None
    user.last_sign_in_at = utcnow()
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    record_event("signed_in", "user", user.id, user=user)
    db.session.commit()
    return SignInResult(user=user)
