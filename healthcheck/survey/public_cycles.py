"""Health check cycles as the public survey pages see them: open ones for the start page, and
a detached copy of a cycle (CycleInfo) cached for a few seconds, so a busy survey does not read
the cycle on every request."""

import time
from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import and_, or_, select

from ..extensions import db
from ..models import Cycle
from ..models.cycle import CycleRules


def open_cycles_for_start_page(today: date | None = None) -> list[Cycle]:
    """Cycles whose survey is open today, newest first."""
    today = today or date.today()
    query = (
        select(Cycle)
        .where(
            Cycle.status == "open",
            or_(Cycle.is_demo, and_(Cycle.opens_on <= today, Cycle.closes_on >= today)),
        )
        .order_by(Cycle.opens_on.desc())
    )
    return list(db.session.scalars(query))


def cycle_by_slug(slug: str) -> Cycle | None:
    return db.session.scalar(select(Cycle).where(Cycle.slug == slug))


@dataclass(frozen=True)
class CycleInfo(CycleRules):
    """What the survey pages need of a cycle, detached from the database session."""

    id: int
    slug: str
    name: str
    opens_on: date
    closes_on: date
    instrument_id: str
    instrument_version: int
    access_mode: str
    status: str
    is_demo: bool = False


# Survey pages read a cycle on every request; reading pages (GET) may use a copy this many
# seconds old, so a cycle opened or closed from another process shows within that time.
# Anything that writes (POST) always reads the database.
CYCLE_CACHE_SECONDS = 10


def _cycle_cache() -> dict:
    return current_app.extensions.setdefault("survey_cycles", {})


def survey_cycle(slug: str, fresh: bool = False) -> CycleInfo | None:
    """The cycle with this slug for the survey pages (None if there is none)."""
    cache, key = _cycle_cache(), slug
    now = time.monotonic()
    hit = cache.get(key)
    if not fresh and hit is not None and now - hit[0] < CYCLE_CACHE_SECONDS:
        return hit[1]
    cycle = cycle_by_slug(slug)
    info = None
    if cycle is not None:
        info = CycleInfo(
            cycle.id,
            cycle.slug,
            cycle.name,
            cycle.opens_on,
            cycle.closes_on,
            cycle.instrument_id,
            cycle.instrument_version,
            cycle.access_mode,
            cycle.status,
            bool(cycle.is_demo),
        )
    if len(cache) > 1000:
        cache.clear()
    cache[key] = (now, info)
    return info


def forget_cached_cycles() -> None:
    """Drop this app's copies of cycles (after opening or closing one)."""
    _cycle_cache().clear()


def survey_state(cycle, today: date | None = None) -> str:
    """What a respondent can do with a cycle: open, not_open, closed or unknown."""
    if cycle is None:
        return "unknown"
    today = today or date.today()
    past = today > cycle.closes_on and not getattr(cycle, "is_demo", False)
    if cycle.status == "closed" or (cycle.status == "open" and past):
        return "closed"
    if cycle.accepts_responses(today):
        return "open"
    return "not_open"
