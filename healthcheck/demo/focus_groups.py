"""Demo focus groups: eight for last year's cycle and two for this year's, typed up the way a
facilitator would, with Q16/Q17 scores and Q18/Q20-22 counts. No real names. Idempotent."""

from datetime import date, timedelta

from sqlalchemy import select

from ..models import Cycle, FocusGroup, FocusGroupFigure, FocusGroupNote, User

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

NOTES = {
    "Q1": [
        "Most felt allocation is fairer since the weekly allocation meeting started. Two said "
        "complex cases still land with the same experienced workers.",
        "Mixed. Part-timers feel they get a full-time share of reviews. Manager aware, "
        "looking at a weighting tool.",
        "Generally fair - group said TM explains why cases go where they do, which helps.",
    ],
    "Q2": [
        "Lists, diary blocking, Friday afternoon admin time (when it isn't eaten by duty). "
        "Peer support from the senior practitioner mentioned several times.",
        "Spreadsheets of own making; one person uses the Outlook task list. Said the case "
        "management system doesn't give a useful view of 'what's due this week'.",
        "Rely on each other a lot. Duty cover makes planning hard.",
    ],
    "Q3": [
        "Yes - mostly peers and the senior. Newer staff less confident to ask the TM.",
        "Yes, OT colleagues and the hospital liaison nurse. Legal advice slower to get.",
    ],
    "Q4": [
        "Protected admin time; visible caseload numbers across the team so it feels fair.",
        "Weighting for complexity, not just counting cases.",
    ],
    "Q5": [
        "Good when the referral info is complete. Adults repeat their story too many times "
        "between front door and long-term team.",
        "Flows well when the same worker stays from assessment to review.",
    ],
    "Q6": [
        "Waiting for commissioned services (home care in rural areas) - case sits open.",
        "Handover between hospital and community - information lost, duplicate assessments.",
    ],
    "Q7": [
        "IT mostly fine, laptops slow to start. Translators: booking is a pain, phone "
        "interpreting OK. Office space - hot desking, hard to find a quiet room for calls.",
        "Transport: pool cars rarely free. Legal advice good once you get through.",
    ],
    "Q8": [
        "Mobile phones and laptops mean they can write up between visits. Would like the "
        "case system on mobile.",
    ],
    "Q11": ["Supportive team, good manager, being trusted to use professional judgement."],
    "Q12": [
        "Team lunch once a month, peer debriefs after hard visits. Flexible working valued.",
        "Humour! And a manager who notices when you're struggling.",
    ],
    "Q13": [
        "Monthly supervision mostly happens; reflective part gets squeezed by case talk.",
        "Group supervision tried last year, people liked it for learning from each other.",
    ],
    "Q15": ["Protect time for reflection; separate case review from reflective supervision."],
    "Q19": [
        "Compliments shared in team meeting. Complaints - only hear about own ones, would "
        "like themes shared across the service.",
    ],
    "topic.practice": [
        "Strengths-based practice embedded but recording templates don't fit it.",
        "Pressure from waiting lists; worry about risk on unallocated cases.",
    ],
    "topic.supervision": ["Appraisal felt like a tick box by some, valued by others."],
    "topic.learning": [
        "Good access to training but hard to get time to attend. Self-directed learning "
        "happens in own time.",
    ],
    "topic.careers": ["Want a clearer route to senior practitioner; AMHP training popular."],
    "topic.culture": [
        "Feel listened to by TM, less so by senior management. Practice forum valued.",
    ],
    "topic.psw": [
        "Some didn't know who the PSW is. Those who did found practice forum useful.",
    ],
}
# Marked for the report by the facilitator; "Q..:" ties a quote to that question's area.
QUOTES = [
    'Q11: "When it works, it works because we look after each other."',
    'Q8: "I want to spend my time with people, not with the system."',
    'Q13: "Supervision is the one hour I get to think."',
    'Q1: "We are always catching up."',
]
SUMMARIES = [
    "Engaged group, open discussion. Main themes: workload fairness, tools (transport, quiet "
    "space) and protecting reflective supervision.",
    "Smaller group than planned because of duty. Positive about the team, frustrated by "
    "delays in commissioned services.",
    "Lively session. Strong peer support; want complaint themes shared and clearer careers.",
]


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
