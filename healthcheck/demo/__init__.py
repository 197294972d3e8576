"""The demo: what a new user sees within minutes of `make run`. Everything is labelled demo.

Each step is a module of this package with `seed(session, rng) -> list[str]` that adds its part
only when it is not there yet (so seed-demo can run again), commits, and returns lines to print.
Steps run in the order below; a step whose module does not exist yet is passed over.
"""

import importlib
import random

from ..extensions import db

STEPS = (
    "users",
    "lists",
    "cycles",
    "responses",
    "focus_groups",
    "metrics",
    "earlier_year",
    "plan",
    "assessment",
)
DEMO_BANNER = "DEMO DATA: synthetic, made up for demonstration. Not real staff or responses."


def seed_demo(seed: int = 2026) -> list[str]:
    lines = [DEMO_BANNER]
    rng = random.Random(seed)
    for step in STEPS:
        try:
            module = importlib.import_module(f"{__name__}.{step}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{step}":
                raise
            continue
        lines.extend(module.seed(db.session, rng))
    return lines
