"""The demo: what a new user sees within minutes of `make run`. Everything is labelled demo.

Each step is a module of this package with `seed(session, rng) -> list[str]` that adds its part
only when it is not there yet (so seed-demo can run again), commits, and returns lines to print.
Steps run in the order of STEPS: a later step builds on the earlier ones (responses need the
cycles, the self-assessment needs the analysis of the responses, focus groups and figures).
"""

import random

from ..extensions import db
from . import (
    assessment,
    cycles,
    earlier_year,
    focus_groups,
    lists,
    metrics,
    plan,
    responses,
    users,
)

STEPS = (
    users,
    lists,
    cycles,
    responses,
    focus_groups,
    metrics,
    earlier_year,
    plan,
    assessment,
)
DEMO_BANNER = "DEMO DATA: synthetic, made up for demonstration. Not real staff or responses."


def seed_demo(seed: int = 2026) -> list[str]:
    lines = [DEMO_BANNER]
    rng = random.Random(seed)
    for step in STEPS:
        lines.extend(step.seed(db.session, rng))
    return lines
