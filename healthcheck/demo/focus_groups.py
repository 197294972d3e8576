"""Demo focus groups: eight for last year's cycle and two for this year's, typed up the way a
facilitator would, with Q16/Q17 scores and Q18/Q20-22 counts. No real names. Idempotent."""

from datetime import date, timedelta

from sqlalchemy import select

from ..models import Cycle, FocusGroup, FocusGroupFigure, FocusGroupNote, User
from .data import load

TEAMS = (
    ("Locality North (demo)", {"social_worker": 4, "senior_practitioner_amhp": 1, "manager": 1}),
    ("Hospital discharge (demo)", {"social_worker": 3, "occupational_therapist": 2}),
    ("Reablement OT (demo)", {"occupational_therapist": 3, "ot_assistant": 3}),
    ("Learning disabilities (demo)", {"social_worker": 4, "community_case_worker": 2}),
    ("Mental health (demo)", {"senior_practitioner_amhp": 3, "social_worker": 2}),
    ("Safeguarding (demo)", {"social_worker": 5, "manager": 1}),
    ("Locality South (demo)", {"social_worker": 3, "social_care_professional": 3}),
    ("Community case workers (demo)", {"community_case_worker": 5, "manager": 1}),
)

# Notes, key quotes and summaries are data: healthcheck/demo/data/focus_group_text.yaml.
_TEXT = load("focus_group_text.yaml")
NOTES = _TEXT["notes"]  # per note key: one is drawn for each record
QUOTES = _TEXT["quotes"]  # marked for the report; "Q..:" ties a quote to that question's area
SUMMARIES = _TEXT["summaries"]


def _facilitators(session) -> list[User]:
    return list(
        session.scalars(
            select(User).where(User.role == "facilitator", User.is_demo.is_(True)).order_by(User.id)
        )
    )


def _make(cycle: Cycle, team: str, mix: dict, held_on: date, facilitator: User, rng, complete):
    participants = sum(mix.values())
    group = FocusGroup(
        cycle_id=cycle.id,
        instrument_id=cycle.instrument_id,
        instrument_version=cycle.instrument_version,
        held_on=held_on,
        team=team,
        participants=participants,
        role_mix=dict(mix),
        consent_confirmed=True,
        key_quotes="\n".join(rng.sample(QUOTES, 2)),
        summary=rng.choice(SUMMARIES),
        status="complete" if complete else "draft",
        created_by_id=facilitator.id,
        updated_by_id=facilitator.id,
        is_demo=True,
    )
    group.facilitators = [facilitator]
    for key, options in NOTES.items():
        if complete or rng.random() < 0.5:
            group.notes.append(FocusGroupNote(key=key, text=rng.choice(options)))
    for qid, centre in (("Q16", 8), ("Q17", 7)):
        for n in range(1, participants + 1):
            score = max(1, min(10, centre + rng.choice((-2, -1, 0, 0, 1, 2))))
            group.figures.append(FocusGroupFigure(question_id=qid, item=f"p{n}", value=score))
    for code in ("time_management", "communication_skills", "decision_making", "no_changes"):
        group.figures.append(
            FocusGroupFigure(question_id="Q18", item=code, value=rng.randint(0, participants // 2))
        )
    for qid in ("Q20", "Q21", "Q22"):
        yes = rng.randint(0, participants)
        partly = rng.randint(0, participants - yes)
        for code, value in (("yes", yes), ("partly", partly), ("no", participants - yes - partly)):
            group.figures.append(FocusGroupFigure(question_id=qid, item=code, value=value))
    return group


def seed(session, rng) -> list[str]:
    facilitators = _facilitators(session)
    if not facilitators:
        return []
    added = 0
    plan = (("demo-last-year", TEAMS, True), ("demo-this-year", TEAMS[:2], False))
    for slug, teams, complete in plan:
        cycle = session.scalar(select(Cycle).where(Cycle.slug == slug))
        if cycle is None:
            continue
        existing = session.scalar(
            select(FocusGroup.id).where(FocusGroup.cycle_id == cycle.id, FocusGroup.is_demo)
        )
        if existing is not None:
            continue
        for index, (team, mix) in enumerate(teams):
            held_on = min(cycle.opens_on + timedelta(days=7 + 6 * index), cycle.closes_on)
            if not complete:
                held_on = min(cycle.opens_on + timedelta(days=3 + index), date.today())
            facilitator = facilitators[index % len(facilitators)]
            session.add(_make(cycle, team, mix, held_on, facilitator, rng, complete))
            added += 1
    session.commit()
    return [f"Demo focus groups: {added} added"] if added else []
