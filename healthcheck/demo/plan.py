"""Demo self-assessment and action plan: last year's, with its open actions carried into this
year's cycle. Every area for improvement the demo's assessment names has an action
(healthcheck.demo.assessment), so a board never reads an improvement with nothing done about
it. Everything is labelled "(demo)"."""

from datetime import date

from sqlalchemy import select

from ..models import Action, Cycle, SelfAssessment
from ..reports.action_plan import carry_open_actions

LAST_YEAR_STRENGTHS = (
    "Supervision is regular and valued by most staff (demo).\n"
    "Managers are seen as approachable and supportive (demo)."
)
LAST_YEAR_IMPROVEMENTS = (
    "Caseloads are felt to be too high in the long-term teams (demo).\n"
    "IT equipment and remote access let people down too often (demo)."
)


def _actions(year: int) -> list[dict]:
    return [
        {
            "area": "workload",
            "action": "Weight caseloads in the long-term teams, complex cases included, at the "
            "weekly allocation meeting (demo)",
            "owner": "Head of Adult Social Care (demo)",
            "due_on": date(year, 9, 30),
            "status": "in_progress",
        },
        {
            "area": "tools",
            "action": "Replace the oldest laptops and fix remote access (demo)",
            "owner": "IT Business Partner (demo)",
            "due_on": date(year, 6, 30),
            "status": "done",
        },
        {
            "area": "workflow",
            "action": "Funding panel to sit weekly, with a named contact for urgent hospital "
            "discharges (demo)",
            "owner": "Head of Commissioning (demo)",
            "due_on": date(year, 5, 31),
            "status": "in_progress",
        },
        {
            "area": "tools",
            "action": "A bookable quiet room for calls in each office (demo)",
            "owner": "Facilities Manager (demo)",
            "due_on": date(year, 4, 30),
            "status": "done",
        },
        {
            "area": "workplace",
            "action": "Supervision moved only with a new date agreed the same week (demo)",
            "owner": "Team managers (demo)",
            "due_on": date(year, 3, 31),
            "status": "done",
        },
        {
            "area": "delivery",
            "action": "Review waits for commissioned home care with the commissioning team "
            "every month (demo)",
            "owner": "Head of Adult Social Care (demo)",
            "due_on": date(year, 10, 31),
            "status": "done",
        },
        {
            "area": "workplace",
            "action": "Protected reflective practice time each month (demo)",
            "owner": "Principal Social Worker (demo)",
            "due_on": date(year, 12, 31),
            "status": "not_started",
        },
    ]


def seed(session, rng) -> list[str]:
    last = session.scalar(select(Cycle).where(Cycle.slug == "demo-last-year"))
    this = session.scalar(select(Cycle).where(Cycle.slug == "demo-this-year"))
    if last is None:
        return []
    if session.scalar(select(SelfAssessment).where(SelfAssessment.cycle_id == last.id)) is None:
        session.add(
            SelfAssessment(
                cycle_id=last.id,
                strengths=LAST_YEAR_STRENGTHS,
                improvements=LAST_YEAR_IMPROVEMENTS,
                is_demo=True,
            )
        )
        for spec in _actions(last.opens_on.year):
            session.add(Action(cycle_id=last.id, is_demo=True, **spec))
        session.commit()
    carried = carry_open_actions(this) if this is not None else []
    session.commit()
    lines = [f"Demo action plan: {last.name}"]
    if carried:
        lines.append(f"  {len(carried)} open actions carried into {this.name}")
    return lines
