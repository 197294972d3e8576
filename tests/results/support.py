"""Building cycles and responses for the results tests."""

import secrets
from datetime import date
from functools import partial

from healthcheck.extensions import db
from healthcheck.models import Answer, Cycle, Response
from tests.support import factories

OPENS = date(2026, 1, 5)


# The results tests' cycles open on a fixed day: their figures are counted by day.
make_cycle = partial(factories.make_cycle, slug="hc-2026", opens_on=OPENS)


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


def text_rows(texts_by_person):
    """Survey text rows as ``survey_text_rows`` gives them: one Q1 comment per person, all
    of one role, team and length of service."""
    return [
        {
            "text": text,
            "question": "Q1",
            "column": "Q1.comment",
            "area": "workload",
            "source": "survey",
            "response": person,
            "role": "social_worker",
            "team": "locality_north",
            "service": "years_2_5",
        }
        for person, text in enumerate(texts_by_person)
    ]
