"""Building cycles and responses for the results tests."""

import secrets
from datetime import date, timedelta

from healthcheck.extensions import db
from healthcheck.models import Answer, Cycle, CycleHeadcount, Response

OPENS = date(2026, 1, 5)


def make_cycle(slug="hc-2026", opens_on=OPENS, headcount=None, **fields) -> Cycle:
    cycle = Cycle(
        slug=slug,
        name=fields.pop("name", f"Health Check {slug}"),
        opens_on=opens_on,
        closes_on=opens_on + timedelta(days=60),
        instrument_id="appendix5",
        instrument_version=1,
        status=fields.pop("status", "open"),
        **fields,
    )
    cycle.headcounts = [
        CycleHeadcount(role=role, headcount=n) for role, n in (headcount or {}).items()
    ]
    db.session.add(cycle)
    db.session.commit()
    return cycle


def add_response(cycle: Cycle, answers: dict, day: date | None = None) -> Response:
    response = Response(
        cycle_id=cycle.id,
        instrument_id="appendix5",
        instrument_version=1,
        submitted_on=day or cycle.opens_on,
        submission_key=secrets.token_hex(32),
    )
    response.answers = [Answer(key=k, value=v) for k, v in answers.items()]
    db.session.add(response)
    db.session.commit()
    return response


def add_many(cycle: Cycle, n: int, answers: dict, day: date | None = None) -> list[Response]:
    return [add_response(cycle, dict(answers), day) for _ in range(n)]
