"""Housekeeping: deleting records that have expired, without knowing whose records they are.

Signing in is a write request anyway, so it also tidies up (kept focus-group forms past their
expiry, for now); the purge does the same. Neither should import the areas it tidies: `create_app`
names the tasks (`register_housekeeping`), and sign-in and purge only call `run_housekeeping`.
"""

from collections.abc import Callable, Mapping

from flask import Flask, current_app

# A task deletes what has expired in the current transaction (not committed) and says how many.
Task = Callable[[], int]

EXTENSION = "healthcheck.housekeeping"


def register_housekeeping(app: Flask, tasks: Mapping[str, Task]) -> None:
    """Name the clean-ups this app runs, keyed by what they delete ("expired ...")."""
    app.extensions[EXTENSION] = dict(tasks)


def run_housekeeping() -> dict[str, int]:
    """Run every registered clean-up; returns how many records each deleted. Not committed:
    the caller commits with its own change."""
    tasks: dict[str, Task] = current_app.extensions.get(EXTENSION, {})
    return {what: task() for what, task in tasks.items()}
