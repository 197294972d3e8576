"""The organisation's own lists: its teams or services and its job roles.

They are the "About you" options of the survey, the "Team or service" of a focus group and the
groups of the breakdowns. Each entry keeps a stable code: renaming changes only the label, so
figures stored under the code in past cycles stay comparable with this year's.
"""

from sqlalchemy import Boolean, CheckConstraint, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db

LIST_KINDS = {"team": "Teams and services", "role": "Job roles"}


class OrgListEntry(db.Model):
    """One team or service, or one job role."""

    __tablename__ = "org_list_entry"
    __table_args__ = (
        UniqueConstraint("kind", "code", name="uq_org_list_entry_code"),
        CheckConstraint("kind IN ('team', 'role')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    # Stable: stored with answers and headcounts. Never changed after it is made.
    code: Mapped[str] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(default=0)
    # A retired entry is no longer offered but keeps its label for past cycles.
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    is_demo: Mapped[bool] = mapped_column(default=False)
