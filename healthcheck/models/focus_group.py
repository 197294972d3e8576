"""Focus groups: what facilitators record, against the instrument's questions and topics.

Participants are counted, never named: a record holds the number of participants and their role
mix. Notes are kept per key (a question id such as "Q1", "topic.practice", or "general"); Q16/Q17
scores and Q18/Q20-22 counts are figures. `version` goes up with every save so that a stale save
is caught and both versions are shown (see healthcheck/focus_groups/records.py).
"""

import secrets
from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveys import Instrument, load_bundled

from ..extensions import db
from ..timeutil import utcnow

focus_group_facilitator = Table(
    "focus_group_facilitator",
    db.metadata,
    Column(
        "focus_group_id",
        ForeignKey("focus_group.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("user_id", ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True),
)

FOCUS_GROUP_STATUSES = ("draft", "complete")


class FocusGroup(db.Model):
    __tablename__ = "focus_group"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'complete')", name="status"),
        CheckConstraint("participants IS NULL OR participants >= 0", name="participants"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycle.id", ondelete="CASCADE"), index=True)
    instrument_id: Mapped[str] = mapped_column(String(40))
    instrument_version: Mapped[int]
    held_on: Mapped[date | None]
    team: Mapped[str] = mapped_column(String(120), default="")
    participants: Mapped[int | None]
    # {"social_worker": 3, ...}: about_role option codes and how many took part. Never names.
    role_mix: Mapped[dict] = mapped_column(JSON, default=dict)
    consent_confirmed: Mapped[bool] = mapped_column(default=False)
    key_quotes: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="draft")
    version: Mapped[int] = mapped_column(default=1)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    is_demo: Mapped[bool] = mapped_column(default=False)

    cycle = relationship("Cycle")
    facilitators = relationship("User", secondary=focus_group_facilitator, order_by="User.name")
    updated_by = relationship("User", foreign_keys=[updated_by_id])
    notes: Mapped[list["FocusGroupNote"]] = relationship(
        back_populates="focus_group", cascade="all, delete-orphan"
    )
    figures: Mapped[list["FocusGroupFigure"]] = relationship(
        back_populates="focus_group", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def instrument(self) -> Instrument:
        """The instrument version the record was made against (kept with it, as a response
        keeps its own): its questions and topics are the form's pages."""
        return load_bundled(self.instrument_id, self.instrument_version)

    @property
    def label(self) -> str:
        when = f"{self.held_on.day} {self.held_on:%B %Y}" if self.held_on else "date not set"
        return f"{self.team or 'Team not set'}, {when}"

    def note_texts(self) -> dict[str, str]:
        return {n.key: n.text for n in self.notes}

    def figure_values(self) -> dict[tuple[str, str], int]:
        return {(f.question_id, f.item): f.value for f in self.figures}


class FocusGroupNote(db.Model):
    """Notes against one question ("Q1"), one discussion topic ("topic.practice") or "general"."""

    __tablename__ = "focus_group_note"

    focus_group_id: Mapped[int] = mapped_column(
        ForeignKey("focus_group.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")

    focus_group: Mapped[FocusGroup] = relationship(back_populates="notes")


class FocusGroupFigure(db.Model):
    """A score ("Q16", "p3" -> 8: participant 3 scored 8) or a count ("Q20", "yes" -> 4)."""

    __tablename__ = "focus_group_figure"
    __table_args__ = (CheckConstraint("value >= 0", name="value"),)

    focus_group_id: Mapped[int] = mapped_column(
        ForeignKey("focus_group.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    item: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[int]

    focus_group: Mapped[FocusGroup] = relationship(back_populates="figures")


def stash_id() -> str:
    return secrets.token_urlsafe(24)


class NoteStash(db.Model):
    """A focus-group form posted after the session ended, kept until the facilitator signs in
    again. Bound to the facilitator whose expired session posted it, and shown only to them."""

    __tablename__ = "focus_group_stash"

    id: Mapped[str] = mapped_column(String(48), primary_key=True, default=stash_id)
    focus_group_id: Mapped[int] = mapped_column(
        ForeignKey("focus_group.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    page: Mapped[str] = mapped_column(String(40))
    fields: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
