"""A submitted survey response and its answers.

Anonymity by design: a response has a random id, the instrument it answered and the date it
was submitted (never a time), and nothing else about the respondent. Answers are keyed by the
response and the export column key, with no sequence of their own.
"""

import secrets
from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db


def random_id() -> str:
    """128 random bits, so that ids say nothing about order."""
    return secrets.token_hex(16)


# On SQLite an ordinary table has a hidden rowid that records the order rows were inserted,
# which could be matched against the order access codes were used. WITHOUT ROWID tables are
# kept in primary-key order, and our keys are random.
NO_INSERTION_ORDER = {"sqlite_with_rowid": False}


class Response(db.Model):
    __tablename__ = "response"
    __table_args__ = NO_INSERTION_ORDER

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=random_id)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycle.id", ondelete="CASCADE"), index=True)
    instrument_id: Mapped[str] = mapped_column(String(40))
    instrument_version: Mapped[int]
    submitted_on: Mapped[date]
    # A hash of the random key the respondent's browser carried through the survey: makes
    # submission idempotent (a double click or a refresh stores one response).
    submission_key: Mapped[str] = mapped_column(String(64), unique=True)

    answers: Mapped[list["Answer"]] = relationship(
        back_populates="response", cascade="all, delete-orphan"
    )


class Answer(db.Model):
    __tablename__ = "answer"
    __table_args__ = NO_INSERTION_ORDER

    response_id: Mapped[str] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), primary_key=True
    )
    # The export column key: "Q1", "Q7.it", "Q1.comment", ...
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)

    response: Mapped[Response] = relationship(back_populates="answers")
