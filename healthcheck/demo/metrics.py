"""Demo organisational intelligence: about ten figures per demo cycle, mapped to the areas.

Synthetic, labelled demo. This year's figures are a little better than last year's on caseloads
and IT, matching the survey's story.
"""

from sqlalchemy import func, select

from ..models import Cycle, Metric

# (name, area, better, target, last year's value, this year's value)
FIGURES = (
    ("Average caseload per worker", "workload", "lower", 22, 29, 26),
    ("Allocation waiting list (people)", "workload", "lower", 40, 118, 86),
    ("Vacancy rate (%)", "workload", "lower", 8, 14.5, 11.2),
    ("Agency staff (% of posts)", "workload", "lower", 10, 16, 12.5),
    ("Assessments completed within 28 days (%)", "workflow", "higher", 85, 68, 74),
    ("Hospital discharges delayed by social care (per month)", "workflow", "lower", 10, 19, 15),
    ("IT helpdesk tickets resolved within 2 days (%)", "tools", "higher", 90, 71, 84),
    ("Staff with a laptop less than 4 years old (%)", "tools", "higher", 95, 62, 91),
    ("Supervision compliance (%)", "workplace", "higher", 90, 81, 87),
    ("Staff with an appraisal in the last year (%)", "workplace", "higher", 95, 83, 89),
    ("Sickness days per FTE (rolling year)", "workplace", "lower", 9, 12.4, 10.8),
    ("Mandatory training completion (%)", "delivery", "higher", 95, 88, 93),
    ("AMHP response within 4 hours (%)", "delivery", "higher", 90, 86, 91),
)
# The months the figures cover: April to December of the year before the survey opens (it opens
# in January), with the year named, so that a frozen report says which year.
CYCLES = ("demo-last-year", "demo-this-year")


def period(cycle: Cycle) -> str:
    return f"April to December {cycle.opens_on.year - 1}"


def seed(session, rng) -> list[str]:
    lines = []
    for slug in CYCLES:
        cycle = session.scalar(select(Cycle).where(Cycle.slug == slug))
        if cycle is None:
            continue
        existing = session.scalar(
            select(func.count()).select_from(Metric).where(Metric.cycle_id == cycle.id)
        )
        if existing:
            lines.append(f"Demo figures: {existing} for {cycle.name} (already there)")
            continue
        this_year = slug == "demo-this-year"
        for name, area, better, target, last, now in FIGURES:
            session.add(
                Metric(
                    cycle_id=cycle.id,
                    name=f"{name} (demo)",
                    value=float(now if this_year else last),
                    target=float(target),
                    better=better,
                    area=area,
                    period=period(cycle),
                    is_demo=True,
                )
            )
        session.commit()
        lines.append(f"Demo figures: {len(FIGURES)} added to {cycle.name}")
    return lines
