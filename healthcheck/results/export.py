"""The anonymised response export, protected the same way as the pages.

A row-level file is more revealing than any page: every row can be summed with any other, and
the about-you answers in combination (role, team and length of service) can single someone out
even when each answer on its own is common. So the export:

- keeps **job role** only, and blanks it ("not answered") for the roles the pages withhold:
  roles with fewer than MIN_GROUP_SIZE respondents, and the further roles withheld so that
  they cannot be worked out by subtraction (analysis.suppression, on all respondents). The
  blanked rows join "Not stated", so the file and the pages agree on every published group;
- blanks **team** and **length of service** for everyone (the pages show those breakdowns,
  suppressed; a row-level file cannot carry them safely beside the role);
- redacts free text (analysis.redaction.redact) as every page does;
- gives each row a fresh random response id, so two exports cannot be matched to see which
  responses arrived in between, and writes rows in random order.

The choices are documented in docs/scores.md ("The response export").
"""

from __future__ import annotations

import secrets
from collections import Counter
from typing import IO

from flask import current_app

from analysis.redaction import redact
from analysis.responses import write_responses_csv
from analysis.suppression import plan_suppression

from ..audit import record_event
from ..extensions import db
from ..models import Cycle
from ..staff_list import staff_names
from .rows import RESPONSE_ID, cycle_instrument, cycle_rows

KEPT_ABOUT = "about_role"
BLANKED_ABOUT = ("about_team", "about_service")
NOT_STATED = ("", "prefer_not_to_say")


def export_rows(cycle: Cycle, min_group: int | None = None) -> tuple[list[dict], list[str]]:
    """The cycle's rows as they may leave the service, and notes saying what was withheld."""
    min_group = min_group or int(current_app.config["MIN_GROUP_SIZE"])
    instrument = cycle_instrument(cycle)
    rows = cycle_rows(cycle, instrument)
    text_columns = set()
    for question in instrument.questions:
        if question.type == "text":
            text_columns.add(question.id)
        if question.comment is not None:
            text_columns.add(f"{question.id}.comment")
    notes = [
        f"Team and length of service are not included in the export: with job role they could "
        f"identify someone. The dashboard shows them, with groups under {min_group} withheld.",
        "Free text has names, contact details and case numbers replaced with placeholders.",
        "Response ids are made up for this file and differ from one download to the next.",
    ]
    roles = ["not_stated" if r.get(KEPT_ABOUT) in NOT_STATED else r[KEPT_ABOUT] for r in rows]
    withheld: set[str] = set()
    if rows:
        plan = plan_suppression({"role": roles}, min_group)
        withheld = {r for r in set(roles) if r != "not_stated" and not plan.shows("role", r)}
        if not plan.total:
            withheld = set(roles) - {"not_stated"}
    if withheld:
        notes.append(
            f"Job role is blank for {len(withheld)} role(s) with fewer than {min_group} "
            "respondents, or that would let such a role be worked out."
        )
    staff = staff_names()  # the uploaded staff list and the accounts, hashed
    out = []
    for row, role in zip(rows, roles):
        row = dict(row)
        row[RESPONSE_ID] = secrets.token_hex(8)
        if role in withheld:
            row[KEPT_ABOUT] = ""
        for column in BLANKED_ABOUT:
            row[column] = ""
        for column in text_columns:
            if row.get(column):
                row[column] = redact(row[column], staff)
        out.append(row)
    secrets.SystemRandom().shuffle(out)
    return out, notes


def write_export(cycle: Cycle, fileobj: IO[str], user=None) -> tuple[int, list[str]]:
    """Write the cycle's anonymised export CSV to ``fileobj`` and audit it; (rows, notes)."""
    rows, notes = export_rows(cycle)
    count = write_responses_csv(cycle_instrument(cycle).raw, rows, fileobj)
    record_event("exported", "cycle", cycle.id, f"response export, {count} responses", user=user)
    db.session.commit()
    return count, notes


def role_counts(rows) -> Counter:
    return Counter(r.get(KEPT_ABOUT) or "" for r in rows)
