"""Demo cycles: this year's open survey and last year's closed one."""

from datetime import date, timedelta

from sqlalchemy import select

from ..models import Cycle, CycleHeadcount

# Role codes are the about_role option codes of the instrument.
DEMO_HEADCOUNT = {
    "social_worker": 190,
    "occupational_therapist": 60,
    "ot_assistant": 35,
    "community_case_worker": 70,
    "senior_practitioner_amhp": 45,
    "social_care_professional": 95,
    "manager": 40,
}


def demo_cycle_specs(today: date | None = None) -> list[dict]:
    today = today or date.today()
    return [
        {
            "slug": "demo-this-year",
            "name": f"Health Check {today.year} (demo)",
            "opens_on": today - timedelta(days=14),
            "closes_on": today + timedelta(days=90),
            "status": "open",
        },
        {
            "slug": "demo-last-year",
            "name": f"Health Check {today.year - 1} (demo)",
            "opens_on": date(today.year - 1, 1, 6),
            "closes_on": date(today.year - 1, 3, 28),
            "status": "closed",
        },
    ]


def seed(session, rng) -> list[str]:
    lines = []
    for spec in demo_cycle_specs():
        cycle = session.scalar(select(Cycle).where(Cycle.slug == spec["slug"]))
        if cycle is None:
            cycle = Cycle(
                instrument_id="appendix5",
                instrument_version=1,
                access_mode="link",
                is_demo=True,
                **spec,
            )
            cycle.headcounts = [
                CycleHeadcount(role=role, headcount=n) for role, n in DEMO_HEADCOUNT.items()
            ]
            session.add(cycle)
        lines.append(f"Demo cycle: {cycle.name} ({cycle.status}) /survey/{spec['slug']}")
    session.commit()
    return lines
