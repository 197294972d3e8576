"""Health check cycles: as the public pages see them, and the work behind `healthcheck cycles`."""

import time
from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import and_, delete, or_, select

from surveys import Instrument, load_bundled

from ..extensions import db
from ..models import Cycle, CycleHeadcount, Draft, SentResumeCode


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
class CycleInfo:
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

    def accepts_responses(self, today: date | None = None) -> bool:
        """As Cycle.accepts_responses (an open demo cycle takes answers on any date)."""
        today = today or date.today()
        if self.status != "open":
            return False
        return self.is_demo or self.opens_on <= today <= self.closes_on


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


def instrument_for(cycle) -> Instrument:
    """The instrument version the cycle uses (bundled files, loaded once and cached)."""
    return load_bundled(cycle.instrument_id, cycle.instrument_version)


# --- managing cycles (the CLI) --------------------------------------------------------------------


class CycleError(ValueError):
    """A cycle cannot be created or changed as asked; the message says why."""


def find_cycle(ref: str) -> Cycle:
    """A cycle by id or slug."""
    cycle = db.session.get(Cycle, int(ref)) if str(ref).isdigit() else cycle_by_slug(str(ref))
    if cycle is None:
        raise CycleError(
            f"There is no cycle {ref!r} (give its id or slug: healthcheck cycles list)"
        )
    return cycle


def create_cycle(
    *,
    name: str,
    slug: str,
    opens_on: date,
    closes_on: date,
    instrument_id: str = "appendix5",
    instrument_version: int | None = None,
    access_mode: str = "link",
    headcounts: dict[str, int] | None = None,
) -> Cycle:
    """Add a cycle in status "draft". Headcount roles must be the instrument's job roles."""
    if closes_on < opens_on:
        raise CycleError("The close date must be on or after the open date")
    if access_mode not in ("link", "codes"):
        raise CycleError("The access mode must be 'link' or 'codes'")
    if cycle_by_slug(slug) is not None:
        raise CycleError(f"A cycle with the slug {slug!r} already exists")
    instrument = load_bundled(instrument_id, instrument_version)
    roles = _role_codes(instrument)
    headcounts = headcounts or {}
    unknown = sorted(set(headcounts) - set(roles))
    if unknown:
        raise CycleError(
            f"Unknown role(s) {', '.join(unknown)}: use the job roles of {instrument.id} "
            f"v{instrument.version} ({', '.join(roles)})"
        )
    if any(n < 0 for n in headcounts.values()):
        raise CycleError("A headcount cannot be negative")
    cycle = Cycle(
        name=name,
        slug=slug,
        opens_on=opens_on,
        closes_on=closes_on,
        instrument_id=instrument.id,
        instrument_version=instrument.version,
        access_mode=access_mode,
        status="draft",
        headcounts=[CycleHeadcount(role=r, headcount=n) for r, n in sorted(headcounts.items())],
    )
    db.session.add(cycle)
    db.session.commit()
    return cycle


def _role_codes(instrument: Instrument) -> list[str]:
    try:
        question = instrument.question("about_role")
    except KeyError:
        return []
    return [o.code for o in question.options if o.scored]


def open_cycle(cycle: Cycle) -> Cycle:
    """Open the survey (it takes answers between its open and close dates)."""
    cycle.status = "open"
    db.session.commit()
    forget_cached_cycles()
    return cycle


def close_cycle(cycle: Cycle) -> int:
    """Close the survey and delete its unsubmitted drafts (and the hashes of resume codes whose
    answers were sent); returns how many drafts were deleted.

    It also wipes the order in which responses and codes were written: PostgreSQL's CLUSTER,
    SQLite's VACUUM and an emptied write-ahead log (healthcheck/survey/write_order.py).
    """
    from .write_order import restamp_rows, rewrite_tables

    cycle.status = "closed"
    result = db.session.execute(delete(Draft).where(Draft.cycle_id == cycle.id))
    db.session.execute(delete(SentResumeCode).where(SentResumeCode.cycle_id == cycle.id))
    restamp_rows(cycle.id)
    db.session.commit()
    forget_cached_cycles()
    rewrite_tables()
    return result.rowcount or 0
