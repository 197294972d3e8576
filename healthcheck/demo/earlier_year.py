"""Demo responses for the health check two years ago, so that last year's endorsed report has
a real "change since last year" to show (without one, every area said "not available").

The story it tells: two years ago workload was better (caseloads rose last year) and the tools
were worse (last year's new laptops), the other areas much the same. The answers are last
year's respondents a year earlier: about 300 of them, each scored answer moved one option
towards that story with a fixed chance per area, free text and "About you" kept as they were,
each on the same weekday 52 weeks before. Drawn from a random generator of its own, so the
other demo steps give what they gave before this step was added.

Its action plan had one action still open when last year's survey closed: carried into last
year's plan (healthcheck.reports.action_plan.carry_open_actions), it shows as overdue in last year's
report. Runs before the "plan" step, which carries last year's open actions into this year.
Idempotent.
"""

from __future__ import annotations

import hashlib
import random
from datetime import date, timedelta

from sqlalchemy import func, insert, select

from surveys import load_bundled

from ..models import Action, Answer, Cycle, CycleHeadcount, CycleTeamHeadcount, Response
from ..reports.action_plan import carry_open_actions
from .cycles import DEMO_HEADCOUNT, DEMO_TEAM_HEADCOUNT

SLUG = "demo-two-years-ago"
SOURCE = "demo-last-year"
RESPONDENTS = 300
# Area: (direction two years ago, chance an answer moves one option): +1 more favourable.
MOVES = {"workload": (1, 0.35), "tools": (-1, 0.3), "delivery": (-1, 0.1)}
SEED = "demo two years ago"


def _actions(year: int) -> list[dict]:
    return [
        {
            "area": "workflow",
            "action": "Agree one hand-over checklist for the hospital and community teams (demo)",
            "owner": "Service Manager, Hospital Discharge (demo)",
            "due_on": date(year, 10, 31),
            "status": "done",
        },
        {
            "area": "tools",
            "action": "Set up online booking for the locality teams' pool cars (demo)",
            "owner": "Fleet Manager (demo)",
            "due_on": date(year, 12, 31),
            "status": "in_progress",
        },
    ]


def _scales(instrument) -> dict[str, tuple[str, str, list[str]]]:
    """{answer key: (question id, area, scored codes least to most favourable)}."""
    out = {}
    for item in instrument.scored_items():
        question = item.question
        if question.type == "scale":
            codes = [str(v) for v in range(question.min, question.max + 1)]
        else:
            codes = [o.code for o in question.scored_options]
        out[item.key] = (question.id, question.area, codes)
    return out


def _moved(value: str, codes: list[str], step: int) -> str:
    if value not in codes:  # "Not used" and the like stay as they are
        return value
    return codes[max(0, min(len(codes) - 1, codes.index(value) + step))]


def seed(session, rng) -> list[str]:
    cycle = session.scalar(select(Cycle).where(Cycle.slug == SLUG))
    source = session.scalar(select(Cycle).where(Cycle.slug == SOURCE))
    if cycle is None or source is None:
        return []
    lines = _responses(session, cycle, source)
    if session.scalar(select(Action.id).where(Action.cycle_id == cycle.id).limit(1)) is None:
        for spec in _actions(cycle.opens_on.year):
            session.add(Action(cycle_id=cycle.id, is_demo=True, **spec))
        session.commit()
    if carry_open_actions(source):
        lines.append(f"  open actions of {cycle.name} carried into {source.name}")
    session.commit()
    return lines


def _responses(session, cycle, source) -> list[str]:
    if session.scalar(
        select(func.count()).select_from(Response).where(Response.cycle_id == cycle.id)
    ):
        return []
    if not cycle.headcounts:
        cycle.headcounts = [CycleHeadcount(role=r, headcount=n) for r, n in DEMO_HEADCOUNT.items()]
    if not cycle.team_headcounts:
        cycle.team_headcounts = [
            CycleTeamHeadcount(team=t, headcount=n) for t, n in DEMO_TEAM_HEADCOUNT.items()
        ]
    own = random.Random(SEED)  # noqa: S311 - demo data, not security
    instrument = load_bundled(cycle.instrument_id, cycle.instrument_version)
    scales = _scales(instrument)
    # Last year's responses in a stable order (their ids are random), then a sample of them.
    earlier = sorted(
        session.scalars(select(Response).where(Response.cycle_id == source.id)),
        key=lambda r: r.submission_key or "",
    )
    chosen = own.sample(earlier, min(RESPONDENTS, len(earlier)))
    answers_of: dict[str, list[Answer]] = {}
    for answer in session.scalars(
        select(Answer).where(Answer.response_id.in_([r.id for r in chosen]))
    ):
        answers_of.setdefault(answer.response_id, []).append(answer)
    responses, answers = [], []
    for i, response in enumerate(chosen):
        new_id = f"{own.getrandbits(128):032x}"
        responses.append(
            {
                "id": new_id,
                "cycle_id": cycle.id,
                "instrument_id": response.instrument_id,
                "instrument_version": response.instrument_version,
                "submitted_on": response.submitted_on - timedelta(weeks=52),
                "submission_key": hashlib.sha256(f"demo:{SLUG}:{i}".encode()).hexdigest(),
            }
        )
        for answer in sorted(answers_of.get(response.id, ()), key=lambda a: a.key):
            value = answer.value
            if answer.key in scales:
                _qid, area, codes = scales[answer.key]
                step, chance = MOVES.get(area, (0, 0.0))
                if step and own.random() < chance:
                    value = _moved(value, codes, step)
            answers.append({"response_id": new_id, "key": answer.key, "value": value})
    session.execute(insert(Response), responses)
    session.execute(insert(Answer), answers)
    session.commit()
    return [f"Demo responses: {len(responses)} added to {cycle.name}"]
