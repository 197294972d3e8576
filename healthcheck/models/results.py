"""Cached analysis results and the Principal Social Worker's edits to themes.

An analysis (scores, themes, figures) is slow enough to run off the request path, so its
result is stored here with a fingerprint of its inputs (see healthcheck/results/analysis.py):
pages read the stored result until new responses, notes or figures arrive.
"""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow

ANALYSIS_KINDS = ("scores", "themes", "all")
ANALYSIS_STATUSES = ("queued", "running", "ready", "failed")
THEME_EDIT_KINDS = ("rename", "merge")


class AnalysisResult(db.Model):
    """The latest analysis of one kind for one cycle.

    ``fingerprint`` is what the current (or last) run was for; ``result`` holds the last ready
    result and ``result_fingerprint`` what that result was computed from, so a page can show the
    previous result (marked stale) while a new run is in progress. ``run_token`` is the claim:
    only the worker holding it may write the row's result. ``owner_host`` and ``owner_pid`` say
    which process holds it and ``heartbeat_at`` when it last said it was alive, so that a run
    whose process died is taken over at once (healthcheck/results/analysis.py).
    """

    __tablename__ = "analysis_result"
    __table_args__ = (
        UniqueConstraint("cycle_id", "kind", name="uq_analysis_result_cycle_kind"),
        CheckConstraint("kind IN ('scores', 'themes', 'all')", name="kind"),
        CheckConstraint("status IN ('queued', 'running', 'ready', 'failed')", name="status"),
        CheckConstraint("progress >= 0 AND progress <= 100", name="progress"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycle.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(10), default="queued")
    progress: Mapped[int] = mapped_column(default=0)
    stage: Mapped[str | None] = mapped_column(String(120))
    run_token: Mapped[str | None] = mapped_column(String(32))
    result: Mapped[str | None] = mapped_column(Text)
    result_fingerprint: Mapped[str | None] = mapped_column(String(64))
    error: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    owner_host: Mapped[str | None] = mapped_column(String(255))
    owner_pid: Mapped[int | None]
    heartbeat_at: Mapped[datetime | None]


class ThemeEdit(db.Model):
    """A rename or merge of themes, or a rename of a theme's part, re-applied whenever the
    themes are re-run.

    ``payload`` is JSON: for a rename {"theme": {...}, "label": ...}, for a merge
    {"themes": [{...}, ...], "label": ...}, where each theme is {"id", "label", "keys"}:
    its id and label when edited and the keys of its statements, by which it is found again
    in a later run. A part's rename ("part") is {"theme": {...}, "part": {"label", "keys"},
    "label": ...}: the part's label from the analysis and its statements' keys.
    """

    __tablename__ = "theme_edit"
    __table_args__ = (CheckConstraint("kind IN ('rename', 'merge', 'part')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycle.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    payload: Mapped[str] = mapped_column(Text)
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
