"""Staff who sign in: facilitators, the Principal Social Worker, administrators and endorsers
(a Head of Service or Director who reads the self-assessment and endorses it).

Survey respondents never have accounts.
"""

import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow

ROLES = {
    "facilitator": "Facilitator",
    "psw": "Principal Social Worker",
    "admin": "Administrator",
    "endorser": "Endorser",
}


class User(UserMixin, db.Model):
    __tablename__ = "user_account"
    __table_args__ = (
        CheckConstraint("role IN ('facilitator', 'psw', 'admin', 'endorser')", name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    failed_sign_ins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    # Rotated on sign-out and password reset: a session cookie carries it, so an old cookie
    # replayed after sign-out no longer matches and is refused.
    session_token: Mapped[str] = mapped_column(String(64), default=lambda: secrets.token_hex(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_sign_in_at: Mapped[datetime | None]
    is_demo: Mapped[bool] = mapped_column(default=False)

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.active

    def get_id(self) -> str:  # Flask-Login
        return f"{self.id}:{self.session_token}"

    @property
    def role_name(self) -> str:
        return ROLES[self.role]
