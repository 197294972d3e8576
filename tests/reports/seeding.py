"""Seed a cycle with synthetic responses for the report tests (not the demo)."""

import random
from datetime import date, timedelta

from healthcheck.extensions import db
from healthcheck.models import Answer, Cycle, CycleHeadcount, Response
from surveys import load_bundled

TEXTS = (
    "Caseloads are too high and we are understaffed",
    "My manager is supportive and helpful",
    "IT systems are slow and crash often",
    "Supervision is regular and useful",
    "Not enough time for reflection",
)


def default_about(i):
    role = "social_worker" if i % 7 else ("manager" if i % 2 else "ot_assistant")
    return {"about_role": role}


def seed(n, slug="c", opens=None, status="open", about=default_about, texts=TEXTS, seed=1):
    """A cycle with ``n`` responses; ``about(i)`` gives each respondent's about-you answers."""
    instrument = load_bundled("appendix5", 1)
    opens = opens or date.today() - timedelta(days=10)
    cycle = Cycle(
        slug=slug,
        name=f"Cycle {slug}",
        opens_on=opens,
        closes_on=opens + timedelta(days=60),
        instrument_id="appendix5",
        instrument_version=1,
        status=status,
    )
    cycle.headcounts = [
        CycleHeadcount(role="social_worker", headcount=200),
        CycleHeadcount(role="manager", headcount=30),
        CycleHeadcount(role="ot_assistant", headcount=20),
    ]
    db.session.add(cycle)
    db.session.commit()
    rng = random.Random(seed)
    for i in range(n):
        response = Response(
            cycle_id=cycle.id,
            instrument_id="appendix5",
            instrument_version=1,
            submitted_on=opens + timedelta(days=rng.randint(0, 9)),
            submission_key=f"{slug}-{i}",
        )
        answers = {}
        for item in instrument.scored_items():
            question = item.question
            answers[item.key] = rng.choice(question.choices())  # a scale's points, or options
        answers.update(about(i))
        answers["Q2"] = rng.choice(texts)
        answers["Q1.comment"] = rng.choice(texts)
        response.answers = [Answer(key=k, value=v) for k, v in answers.items() if v]
        db.session.add(response)
    db.session.commit()
    return cycle
