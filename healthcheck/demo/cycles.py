"""Demo cycles: this year's open survey and last year's closed one."""

from datetime import date, timedelta

from sqlalchemy import select

from ..models import Cycle, CycleHeadcount, CycleTeamHeadcount

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

# Team codes are the organisation's team list codes (healthcheck/demo/lists.py); the same
# 535 staff as by role.
DEMO_TEAM_HEADCOUNT = {
    "hospital_discharge": 60,
    "locality_north": 100,
    "locality_south": 100,
    "learning_disabilities": 70,
    "mental_health": 75,
    "reablement_ot": 40,
    "safeguarding": 30,
    "other": 60,
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
        if not cycle.team_headcounts:
            cycle.team_headcounts = [
                CycleTeamHeadcount(team=team, headcount=n)
                for team, n in DEMO_TEAM_HEADCOUNT.items()
            ]
        lines.append(f"Demo cycle: {cycle.name} ({cycle.status}) /survey/{spec['slug']}")
    session.commit()
    return lines
