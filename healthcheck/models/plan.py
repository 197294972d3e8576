"""The self-assessment and action plan of a cycle, owned by the Principal Social Worker.

A ``SelfAssessment`` holds the strengths and areas for improvement as the Principal Social
Worker wrote them (one per cycle). An ``Action`` is one line of the action plan. Open actions
carry into the next year's cycle: the copy records the cycle and the action it came from, so
carrying twice adds nothing.
"""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..timeutil import utcnow
from .cycle import Cycle

ACTION_STATUSES = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "done": "Done",
    "dropped": "Dropped",
}
OPEN_STATUSES = ("not_started", "in_progress")


class SelfAssessment(db.Model):
    """The strengths and areas for improvement of one cycle, in the PSW's words."""

    __tablename__ = "self_assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(
        ForeignKey("cycle.id", ondelete="CASCADE"), unique=True, index=True
    )
    strengths: Mapped[str] = mapped_column(Text, default="")
    improvements: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    is_demo: Mapped[bool] = mapped_column(default=False)

    cycle: Mapped[Cycle] = relationship()


class Action(db.Model):
    """One line of a cycle's action plan."""

    __tablename__ = "plan_action"
    __table_args__ = (
        CheckConstraint(
            "status IN ('not_started', 'in_progress', 'done', 'dropped')", name="status"
        ),
        UniqueConstraint("cycle_id", "carried_from_action_id", name="uq_plan_action_carried"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycle.id", ondelete="CASCADE"), index=True)
    area: Mapped[str] = mapped_column(String(40))  # an instrument area id
    action: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(120))
    due_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    carried_from_cycle_id: Mapped[int | None] = mapped_column(
        ForeignKey("cycle.id", ondelete="SET NULL")
    )
    carried_from_action_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_action.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    is_demo: Mapped[bool] = mapped_column(default=False)

    cycle: Mapped[Cycle] = relationship(foreign_keys=[cycle_id])
    carried_from_cycle: Mapped[Cycle | None] = relationship(foreign_keys=[carried_from_cycle_id])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def status_name(self) -> str:
        return ACTION_STATUSES.get(self.status, self.status)

    def is_overdue_on(self, today: date) -> bool:
        """Still open after its due date: flagged on the plan, the overview and the PDF."""
        return self.is_open and self.due_on is not None and self.due_on < today

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(date.today())
