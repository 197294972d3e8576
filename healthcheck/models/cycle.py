"""A yearly health check cycle: the survey window, its instrument and its headcount."""

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveys import Instrument, load_bundled

from ..extensions import db

ACCESS_MODES = ("link", "codes")
CYCLE_STATUSES = ("draft", "open", "closed")


class CycleRules:
    """What a cycle's status, dates and instrument fields mean, in one place for the Cycle model
    and for the survey pages' detached copy of it (healthcheck.survey.public_cycles.CycleInfo).
    Both have ``status``, ``is_demo``, ``opens_on``, ``closes_on``, ``instrument_id`` and
    ``instrument_version``."""

    def accepts_responses(self, today: date | None = None) -> bool:
        """Open, and today within its dates. An open demo cycle takes answers on any date: its
        dates show where a real cycle sits (January to March), and the demo can be tried all
        year round."""
        today = today or date.today()
        if self.status != "open":
            return False
        return self.is_demo or self.opens_on <= today <= self.closes_on

    @property
    def instrument(self) -> Instrument:
        """The instrument version the cycle's survey uses (loaded once, then cached)."""
        return load_bundled(self.instrument_id, self.instrument_version)


class Cycle(CycleRules, db.Model):
    """One year's health check, for example "Health Check 2026"."""

    __tablename__ = "cycle"
    __table_args__ = (
        CheckConstraint("access_mode IN ('link', 'codes')", name="access_mode"),
        CheckConstraint("status IN ('draft', 'open', 'closed')", name="status"),
        CheckConstraint("closes_on >= opens_on", name="dates"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Used in the survey link: /survey/<slug>
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    opens_on: Mapped[date]
    closes_on: Mapped[date]
    instrument_id: Mapped[str] = mapped_column(String(40))
    instrument_version: Mapped[int]
    access_mode: Mapped[str] = mapped_column(String(10), default="link")
    status: Mapped[str] = mapped_column(String(10), default="draft")
    # Days after closing that raw free text and drafts are kept (see `healthcheck purge`).
    retention_days: Mapped[int] = mapped_column(default=365)
    is_demo: Mapped[bool] = mapped_column(default=False)
    # Archived cycles are kept (reports, year-on-year) but leave the lists of current work.
    archived: Mapped[bool] = mapped_column(default=False, server_default=false())

    headcounts: Mapped[list["CycleHeadcount"]] = relationship(
        back_populates="cycle", cascade="all, delete-orphan", order_by="CycleHeadcount.role"
    )
    team_headcounts: Mapped[list["CycleTeamHeadcount"]] = relationship(
        back_populates="cycle", cascade="all, delete-orphan", order_by="CycleTeamHeadcount.team"
    )

    @property
    def total_headcount(self) -> int:
        return sum(h.headcount for h in self.headcounts)


class CycleHeadcount(db.Model):
    """How many staff in one role were invited, for the response rate."""

    __tablename__ = "cycle_headcount"
    __table_args__ = (
        UniqueConstraint("cycle_id", "role", name="uq_cycle_headcount_role"),
        CheckConstraint("headcount >= 0", name="headcount"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycle.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(60))  # an about_role option code
    headcount: Mapped[int]

    cycle: Mapped[Cycle] = relationship(back_populates="headcounts")


class CycleTeamHeadcount(db.Model):
    """How many staff in one team or service were invited (the response rate by team)."""

    __tablename__ = "cycle_team_headcount"
    __table_args__ = (
        UniqueConstraint("cycle_id", "team", name="uq_cycle_team_headcount_team"),
        CheckConstraint("headcount >= 0", name="headcount"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycle.id", ondelete="CASCADE"), index=True)
    team: Mapped[str] = mapped_column(String(60))  # an organisation team code
    headcount: Mapped[int]

    cycle: Mapped[Cycle] = relationship(back_populates="team_headcounts")
