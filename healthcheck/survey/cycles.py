"""Managing health check cycles: the work behind the administrator's cycle pages and
`healthcheck cycles`.

One implementation, two front doors: the admin pages and the CLI call these functions, each of
which checks, writes, audit-logs and commits, or raises CycleError and stores nothing. How the
public survey pages see a cycle is in healthcheck/survey/public_cycles.py.
"""

import re
from datetime import date

from sqlalchemy import delete, select

from surveys import Instrument, load_bundled

from ..extensions import db
from ..models import Cycle, CycleHeadcount, Draft, SentResumeCode
from .public_cycles import cycle_by_slug, forget_cached_cycles


class CycleError(ValueError):
    """A cycle cannot be created or changed as asked; the message says why, and `field` names
    the form field it is about (for the pages' error messages)."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


def find_cycle(ref: str) -> Cycle:
    """A cycle by id or slug."""
    cycle = db.session.get(Cycle, int(ref)) if str(ref).isdigit() else cycle_by_slug(str(ref))
    if cycle is None:
        raise CycleError(
            f"There is no cycle {ref!r} (give its id or slug: healthcheck cycles list)"
        )
    return cycle


def suggested_dates(today: date | None = None) -> tuple[date, date]:
    """Quarter 4 (January to March) after today, as the framework's audit plan times it."""
    today = today or date.today()
    year = today.year if today.month == 1 and today.day <= 7 else today.year + 1
    return date(year, 1, 6), date(year, 3, 31)


def _check_dates(opens_on: date | None, closes_on: date | None) -> None:
    if opens_on is None or closes_on is None:
        raise CycleError("Enter the open and close dates", "opens_on")
    if closes_on < opens_on:
        raise CycleError("The close date must be the same as or after the open date", "closes_on")


def overlapping_open_cycle(
    opens_on: date, closes_on: date, except_id: int | None = None
) -> Cycle | None:
    """An open, unarchived cycle whose dates overlap these (two surveys at once are refused)."""
    query = select(Cycle).where(
        Cycle.status == "open",
        Cycle.archived.is_(False),
        Cycle.opens_on <= closes_on,
        Cycle.closes_on >= opens_on,
    )
    if except_id is not None:
        query = query.where(Cycle.id != except_id)
    return db.session.scalars(query.order_by(Cycle.opens_on)).first()


def other_open_cycle(except_id: int | None = None) -> Cycle | None:
    """Another open, unarchived cycle whatever its dates; an open demo cycle counts too, since
    it takes answers on any date (Cycle.accepts_responses)."""
    query = select(Cycle).where(Cycle.status == "open", Cycle.archived.is_(False))
    if except_id is not None:
        query = query.where(Cycle.id != except_id)
    return db.session.scalars(query.order_by(Cycle.opens_on, Cycle.id)).first()


def _refuse_another_open(except_id: int | None = None) -> None:
    other = other_open_cycle(except_id)
    if other is not None:
        demo = " (the demo cycle, which takes answers on any date)" if other.is_demo else ""
        raise CycleError(
            f"{other.name}{demo} is still open: close it before opening another. "
            "Two surveys cannot be open at once."
        )


def _refuse_overlap(opens_on: date, closes_on: date, except_id: int | None = None) -> None:
    other = overlapping_open_cycle(opens_on, closes_on, except_id)
    if other is not None:
        raise CycleError(
            f"{other.name} is open from {long_date(other.opens_on)} to "
            f"{long_date(other.closes_on)}: choose dates after it closes, or close it first. "
            "Two surveys cannot be open at once.",
            "opens_on",
        )


def long_date(day: date) -> str:
    """6 January 2027: the GOV.UK style for dates in text."""
    return f"{day.day} {day:%B %Y}"


def _format_dates(cycle: Cycle) -> str:
    return f"{cycle.opens_on.isoformat()} to {cycle.closes_on.isoformat()}"


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
    user=None,
) -> Cycle:
    """Add a cycle in status "draft". Headcount roles must be the instrument's job roles."""
    from ..audit import record_event

    name = (name or "").strip()
    slug = (slug or "").strip()
    if not name:
        raise CycleError("Enter a name for the health check", "name")
    if not SLUG_PATTERN.match(slug):
        raise CycleError(
            "The survey link name must use lower-case letters, digits and hyphens (like hc-2027)",
            "slug",
        )
    _check_dates(opens_on, closes_on)
    if access_mode not in ("link", "codes"):
        raise CycleError("The access mode must be 'link' or 'codes'", "access_mode")
    if cycle_by_slug(slug) is not None:
        raise CycleError(f"A cycle with the survey link name {slug!r} already exists", "slug")
    _refuse_overlap(opens_on, closes_on)
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
    db.session.flush()
    record_event(
        "created",
        "cycle",
        cycle.id,
        f"{cycle.name}, {_format_dates(cycle)}, {instrument.id} v{instrument.version}, "
        f"{access_mode}",
        user=user,
    )
    db.session.commit()
    return cycle


def _role_codes(instrument: Instrument) -> list[str]:
    try:
        question = instrument.question("about_role")
    except KeyError:
        return []
    return [o.code for o in question.options if o.scored]


def update_cycle(
    cycle: Cycle,
    *,
    name: str,
    opens_on: date,
    closes_on: date,
    instrument_version: int,
    access_mode: str,
    user=None,
) -> Cycle:
    """Change a cycle before it opens (its name alone can change later: it labels reports)."""
    from ..audit import record_event

    name = (name or "").strip()
    if not name:
        raise CycleError("Enter a name for the health check", "name")
    if cycle.archived:
        raise CycleError(f"{cycle.name} is archived: it cannot be changed")
    changes = (opens_on, closes_on, instrument_version, access_mode) != (
        cycle.opens_on,
        cycle.closes_on,
        cycle.instrument_version,
        cycle.access_mode,
    )
    if changes and cycle.status != "draft":
        raise CycleError(
            f"{cycle.name} has opened: its dates, instrument and access can no longer change",
            "opens_on",
        )
    _check_dates(opens_on, closes_on)
    if access_mode not in ("link", "codes"):
        raise CycleError("The access mode must be 'link' or 'codes'", "access_mode")
    _refuse_overlap(opens_on, closes_on, except_id=cycle.id)
    instrument = load_bundled(cycle.instrument_id, instrument_version)
    cycle.name = name
    cycle.opens_on, cycle.closes_on = opens_on, closes_on
    cycle.instrument_version = instrument.version
    cycle.access_mode = access_mode
    record_event(
        "changed",
        "cycle",
        cycle.id,
        f"{cycle.name}, {_format_dates(cycle)}, {instrument.id} v{instrument.version}, "
        f"{access_mode}",
        user=user,
    )
    db.session.commit()
    forget_cached_cycles()
    return cycle


def open_cycle(cycle: Cycle, user=None) -> Cycle:
    """Open the survey (it takes answers between its open and close dates)."""
    from ..audit import record_event

    if cycle.archived:
        raise CycleError(f"{cycle.name} is archived: it cannot be opened")
    if cycle.status == "open":
        raise CycleError(f"{cycle.name} is already open")
    _refuse_another_open(except_id=cycle.id)
    _refuse_overlap(cycle.opens_on, cycle.closes_on, except_id=cycle.id)
    action = "reopened" if cycle.status == "closed" else "opened"
    cycle.status = "open"
    record_event(action, "cycle", cycle.id, _format_dates(cycle), user=user)
    db.session.commit()
    forget_cached_cycles()
    return cycle


def reopen_cycle(cycle: Cycle, closes_on: date, user=None) -> Cycle:
    """Open a closed cycle again until a new close date (closing again wipes the order again)."""
    if cycle.status != "closed":
        raise CycleError(f"{cycle.name} is not closed, so it cannot be reopened")
    _check_dates(cycle.opens_on, closes_on)
    if closes_on < date.today():
        raise CycleError("The new close date must be today or later", "closes_on")
    _refuse_overlap(cycle.opens_on, closes_on, except_id=cycle.id)
    cycle.closes_on = closes_on
    return open_cycle(cycle, user=user)


def close_cycle(cycle: Cycle, user=None) -> int:
    """Close the survey and delete its unsubmitted drafts; returns how many were deleted.

    It also wipes the order in which responses and codes were written: PostgreSQL's CLUSTER,
    SQLite's VACUUM and an emptied write-ahead log (healthcheck/survey/write_order.py).
    """
    from ..audit import record_event
    from .write_order import restamp_rows, rewrite_tables

    if cycle.status == "closed":
        raise CycleError(f"{cycle.name} is already closed")
    cycle.status = "closed"
    result = db.session.execute(delete(Draft).where(Draft.cycle_id == cycle.id))
    db.session.execute(delete(SentResumeCode).where(SentResumeCode.cycle_id == cycle.id))
    deleted = result.rowcount or 0
    restamp_rows(cycle.id)
    record_event("closed", "cycle", cycle.id, f"{deleted} unsent drafts deleted", user=user)
    db.session.commit()
    forget_cached_cycles()
    rewrite_tables()
    return deleted


def archive_cycle(cycle: Cycle, user=None) -> Cycle:
    """Take a closed cycle out of the current lists; its reports stay readable."""
    from ..audit import record_event

    if cycle.status != "closed":
        raise CycleError(f"{cycle.name} is {cycle.status}: close it before archiving it")
    if cycle.archived:
        raise CycleError(f"{cycle.name} is already archived")
    cycle.archived = True
    record_event("archived", "cycle", cycle.id, cycle.name, user=user)
    db.session.commit()
    return cycle
