"""What the Principal Social Worker hid from the themes, and the staff list used by redaction.

``HiddenText`` is a quote or key term hidden after human review: kept by a key of its text
(analysis.quotes.quote_key for a quote, the lower-case term for a key term), so it stays hidden
when the themes are re-run and in every page and download, with the reviewer's reason.

``StaffList`` is the organisation's staff list as keyed hashes of the words of its names
(analysis.redaction.StaffNames): redaction can ask "is this word a staff name?" but nobody can
read the list back. Only the latest upload is kept.
"""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow

HIDDEN_KINDS = ("quote", "term")


class HiddenText(db.Model):
    """A quote or key term the Principal Social Worker hid, with the reason."""

    __tablename__ = "hidden_text"
    __table_args__ = (
        UniqueConstraint("cycle_id", "kind", "key", name="uq_hidden_text_cycle_kind_key"),
        CheckConstraint("kind IN ('quote', 'term')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycle.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    key: Mapped[str] = mapped_column(String(120))
    reason: Mapped[str] = mapped_column(Text)
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class StaffList(db.Model):
    """The latest staff list: a random key and the keyed hashes of its names' words."""

    __tablename__ = "staff_list"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64))
    hashes: Mapped[str] = mapped_column(Text)  # JSON list of hex digests
    names: Mapped[int] = mapped_column(default=0)  # how many names the upload held
    uploaded_by: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
