"""Building records for tests: one factory for each thing many tests need (a health check cycle).

Each factory saves what it builds and returns it. Defaults make the plain case (a cycle that is
open today, on the bundled Appendix 5 instrument); a test names only what its story is about.
"""

from __future__ import annotations

from datetime import date, timedelta

from healthcheck.extensions import db
from healthcheck.models import Cycle, CycleHeadcount

APPENDIX5 = ("appendix5", 1)


def latest_instrument() -> tuple[str, int]:
    """The latest bundled instrument (the one a new cycle would use)."""
    from surveys.loader import available_instruments

    ref = available_instruments()[-1]
    return ref.id, ref.version


def _day(value: date | int) -> date:
    """A date as given, or an int as that many days from today (negative: in the past)."""
    return value if isinstance(value, date) else date.today() + timedelta(days=value)


def make_cycle(
    slug: str = "hc-test",
    *,
    name: str | None = None,
    opens_on: date | int = -7,
    closes_on: date | int | None = None,
    status: str = "open",
    instrument: tuple[str, int] = APPENDIX5,
    headcount: dict[str, int] | None = None,
    **fields,
) -> Cycle:
    """A saved health check cycle, open a week ago unless told otherwise.

    ``opens_on``/``closes_on``: a date, or days from today; the survey closes 60 days after it
    opens unless told. ``headcount``: staff in post by role ({"social_worker": 30}), for
    response rates and small-group rules. Anything else is a ``Cycle`` field (``access_mode``,
    ``retention_days``...).
    """
    opens = _day(opens_on)
    cycle = Cycle(
        slug=slug,
        name=name or f"Health Check {slug}",
        opens_on=opens,
        closes_on=opens + timedelta(days=60) if closes_on is None else _day(closes_on),
        instrument_id=instrument[0],
        instrument_version=instrument[1],
        status=status,
        **fields,
    )
    cycle.headcounts = [
        CycleHeadcount(role=role, headcount=n) for role, n in (headcount or {}).items()
    ]
    db.session.add(cycle)
    db.session.commit()
    return cycle


def close_cycle(cycle: Cycle) -> Cycle:
    """``cycle``, closed and saved: it takes no more answers (the response export waits
    for that)."""
    cycle.status = "closed"
    db.session.commit()
    return cycle
