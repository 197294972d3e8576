"""The survey's working state: drafts (answers saved before submission) and access codes.

Anonymity by design: neither table holds a time finer than the date, an address or anything
about the respondent. A draft is deleted in the transaction that stores its response. An access
code is stored only as a hash, marked used in its own transaction when it is entered, and keeps
no time and no link to the response it unlocked.
"""

import secrets
from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


def draft_id() -> str:
    """128 random bits: the draft's id, kept only in the respondent's browser-session cookie."""
    return secrets.token_hex(16)


class Draft(db.Model):
    """Answers saved so far by one respondent in one cycle, until they submit."""

    __tablename__ = "survey_draft"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=draft_id)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycle.id", ondelete="CASCADE"), index=True)
    # {"Q1": "fairly", "Q18": ["a", "b"], "Q2": "text", ...}: answer keys to form values.
    answers: Mapped[str] = mapped_column(Text, default="{}")
    # SHA-256 of the resume code ("save and come back later"); the code itself is shown once.
    resume_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Date only: drafts of closed cycles are deleted; no finer time is kept.
    updated_on: Mapped[date] = mapped_column(default=date.today)


class AccessCode(db.Model):
    """A single-use access code for a cycle that uses them. Only the hash is stored.

    The primary key is the hash itself, so rows carry no sequence; `used` is set in its own
    transaction at code entry and nothing records when, or which response followed.
    """

    __tablename__ = "access_code"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycle.id", ondelete="CASCADE"), index=True)
    # The printing or mail-merge run it came from (1, 2, ...), to count codes per batch.
    batch: Mapped[int] = mapped_column(default=1)
    used: Mapped[bool] = mapped_column(default=False)


class SentResumeCode(db.Model):
    """The hash of a resume code whose answers have been sent, so that using it again says
    "already sent" rather than "not recognised".

    Only the hash and the cycle: no time, no sequence (the hash is the key), nothing that points
    at the response. It is written in its own transaction after the response is stored, and
    deleted with the cycle's drafts when the survey closes.
    """

    __tablename__ = "sent_resume_code"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycle.id", ondelete="CASCADE"), index=True)
