"""Health check cycles as the public pages see them."""

from datetime import date

from sqlalchemy import select

from ..extensions import db
from ..models import Cycle


def open_cycles_for_start_page(today: date | None = None) -> list[Cycle]:
    """Cycles whose survey is open today, newest first."""
    today = today or date.today()
    query = (
        select(Cycle)
        .where(Cycle.status == "open", Cycle.opens_on <= today, Cycle.closes_on >= today)
        .order_by(Cycle.opens_on.desc())
    )
    return list(db.session.scalars(query))
