"""The per-area self-assessment, its draft history, and the versions sent for endorsement.

``AreaAssessment`` is the Principal Social Worker's working draft for one area of a cycle: a
judgement (a rating with a rationale, shown beside the computed red/amber/green), strengths,
areas for improvement and the evidence chosen from the analysis. Every save also writes an
``AreaAssessmentRevision`` so drafts are kept with their history.

``AssessmentVersion`` is what the PSW submits: a frozen snapshot (JSON text) of every figure
and word the report shows. The endorser endorses or returns it with a comment; an endorsed
version never changes, so its PDF is made again byte for byte from ``snapshot``. Edits after
that go to the draft, and the next submission is a new version.
"""

from datetime import datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..timeutil import utcnow

JUDGEMENTS = {"green": "Green", "amber": "Amber", "red": "Red"}
VERSION_STATUSES = {
    "submitted": "Submitted for endorsement",
    "returned": "Returned with comments",
    "endorsed": "Endorsed",
}


class AreaAssessment(db.Model):
    """The PSW's draft self-assessment of one area."""

    __tablename__ = "area_assessment"
    __table_args__ = (
        UniqueConstraint("cycle_id", "area", name="uq_area_assessment_area"),
        CheckConstraint("rating IS NULL OR rating IN ('green', 'amber', 'red')", name="rating"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycle.id", ondelete="CASCADE"), index=True)
    area: Mapped[str] = mapped_column(String(40))
    rating: Mapped[str | None] = mapped_column(String(10))
    rationale: Mapped[str] = mapped_column(Text, default="")
    strengths: Mapped[str] = mapped_column(Text, default="")
    improvements: Mapped[str] = mapped_column(Text, default="")
    # [{"kind": "figure" | "theme" | "focus_group" | "metric", "text": ...}], as chosen
    evidence: Mapped[list] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    is_demo: Mapped[bool] = mapped_column(default=False)


class AreaAssessmentRevision(db.Model):
    """One saved state of an area's draft, kept so that earlier wording can be found again."""

    __tablename__ = "area_assessment_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("area_assessment.id", ondelete="CASCADE"), index=True
    )
    content: Mapped[dict] = mapped_column(JSON)
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)
    saved_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    saved_by = relationship("User")


class AssessmentVersion(db.Model):
    """A submitted self-assessment: frozen snapshot, decision and (once endorsed) publication."""

    __tablename__ = "assessment_version"
    __table_args__ = (
        UniqueConstraint("cycle_id", "number", name="uq_assessment_version_number"),
        CheckConstraint("status IN ('submitted', 'returned', 'endorsed')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycle.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    status: Mapped[str] = mapped_column(String(20), default="submitted")
    snapshot: Mapped[str] = mapped_column(Text)  # canonical JSON: sorted keys, no spaces
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    endorser_name: Mapped[str] = mapped_column(String(120), default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime | None]
    is_demo: Mapped[bool] = mapped_column(default=False)

    cycle = relationship("Cycle")

    @property
    def status_name(self) -> str:
        return VERSION_STATUSES.get(self.status, self.status)


class ReportLogo(db.Model):
    """The organisation's logo for the report's cover, uploaded by the administrator (one)."""

    __tablename__ = "report_logo"

    id: Mapped[int] = mapped_column(primary_key=True)
    content_type: Mapped[str] = mapped_column(String(40))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    uploaded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
