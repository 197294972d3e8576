"""Organisational intelligence: figures the organisation already holds, shown beside an area."""

from datetime import datetime

from sqlalchemy import CheckConstraint, Float, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow


class Metric(db.Model):
    """One imported figure, for example "Average caseload per worker": 24 against a target of 20,
    lower is better, informing "Effective workload management"."""

    __tablename__ = "metric"
    __table_args__ = (
        CheckConstraint("better IS NULL OR better IN ('higher', 'lower')", name="better"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycle.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    value: Mapped[float] = mapped_column(Float)
    target: Mapped[float | None] = mapped_column(Float)
    better: Mapped[str | None] = mapped_column(String(10))
    area: Mapped[str] = mapped_column(String(40))  # an instrument area id
    period: Mapped[str | None] = mapped_column(String(200))
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    is_demo: Mapped[bool] = mapped_column(default=False)
