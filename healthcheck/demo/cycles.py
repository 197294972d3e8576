"""Demo cycles: this year's open survey, last year's closed one (endorsed and published), and
the closed one the year before, which last year's report compares with
(healthcheck/demo/earlier_year.py)."""

from datetime import date, timedelta

from sqlalchemy import select

from ..models import Cycle, CycleHeadcount, CycleTeamHeadcount

# Role codes are the about_role option codes of the instrument. "Other" has a headcount too: a
# role with responses and no headcount is left out of the response rate (results/response_rate).
DEMO_HEADCOUNT = {
    "social_worker": 180,
    "occupational_therapist": 60,
    "ot_assistant": 35,
    "community_case_worker": 70,
    "senior_practitioner_amhp": 45,
    "social_care_professional": 95,
    "manager": 40,
    "other": 10,
}

# Team codes are the organisation's team list codes (healthcheck/demo/lists.py); the same
# 535 staff as by role. Each team has more staff than the demo's responses from it
# (healthcheck/demo/responses.py TEAM_SHARES of 352 last year), so no rate is over 100%.
DEMO_TEAM_HEADCOUNT = {
    "hospital_discharge": 70,
    "locality_north": 100,
    "locality_south": 100,
    "learning_disabilities": 70,
    "mental_health": 75,
    "reablement_ot": 65,
    "safeguarding": 30,
    "other": 25,
}


# The framework holds the health check in Quarter 4, January to March. The demo's open cycle is
# this year's (last year's until two weeks into January), two weeks in: an open demo cycle
# takes answers whatever the date (Cycle.accepts_responses), so the survey can be tried all year.
DEMO_WEEKS_IN = 2


def demo_year(today: date) -> int:
    """The year of the demo's open cycle: this one, once its first two weeks have passed."""
    opens = date(today.year, 1, 5)
    return today.year if today >= opens + timedelta(weeks=DEMO_WEEKS_IN) else today.year - 1


def demo_cycle_specs(today: date | None = None) -> list[dict]:
    year = demo_year(today or date.today())
    return [
        {
            "slug": "demo-this-year",
            "name": f"Health Check {year} (demo)",
            "opens_on": date(year, 1, 5),
            "closes_on": date(year, 3, 27),
            "status": "open",
        },
        {
            "slug": "demo-last-year",
            "name": f"Health Check {year - 1} (demo)",
            "opens_on": date(year - 1, 1, 6),
            "closes_on": date(year - 1, 3, 28),
            "status": "closed",
        },
        {
            # 52 weeks before last year's, so each answer keeps its weekday a year on.
            "slug": "demo-two-years-ago",
            "name": f"Health Check {year - 2} (demo)",
            "opens_on": date(year - 1, 1, 6) - timedelta(weeks=52),
            "closes_on": date(year - 1, 3, 28) - timedelta(weeks=52),
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
