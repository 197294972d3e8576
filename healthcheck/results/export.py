"""The anonymised response export: it obeys every rule the pages obey.

A row-level file is more revealing than any page: every row can be summed with any other, and
the about-you answers in combination (role, team and length of service) can single someone out
even when each answer on its own is common. So the export asks the same rules as the pages,
from the same functions, and goes further:

- **job role** is kept only for the roles the response-rate page publishes
  (analysis.suppression.published_groups over all respondents, "Not stated" a group like the
  others): a role under MIN_GROUP_SIZE, any role withheld so that it cannot be worked out by
  subtraction, "Not stated" itself when it is withheld, and "Prefer not to say" are all blank
  ("not answered"), one group that is empty or holds MIN_GROUP_SIZE or more;
- **team** and **length of service** are blank for everyone (the pages show those breakdowns,
  suppressed; a row-level file cannot carry them safely beside the role);
- **free text** goes out only from respondents whose words the pages would quote: their job
  role, team and length of service groups each hold MIN_QUOTE_GROUP_SIZE or more respondents
  (results.theme_results.quotable_rows, the pages' quote rule), and so does the group the row shows
  in the file. It is redacted (analysis.redaction.redact) as every page does, and a comment that
  may disclose harm (analysis.sensitive.is_sensitive) is blank: it is on the restricted page only;
- **only once the cycle is closed**: while people are still answering, two downloads taken
  a little apart would differ by the few responses in between, and whoever knew who answered
  then would read what they said. A closed cycle takes no more answers;
- a cycle with fewer than MIN_GROUP_SIZE responses exports no rows, as the pages show no figure;
- each row gets a fresh random response id, and rows are written in random order, so nothing
  in the file gives the order responses arrived in.

The choices are documented in docs/scores.md ("The response export").
"""

from __future__ import annotations

import re
import secrets
from collections import Counter
from typing import IO

from flask import current_app

from analysis.redaction import redact
from analysis.responses import write_responses_csv
from analysis.sensitive import is_sensitive
from analysis.suppression import published_groups

from ..audit import events_of, record_event
from ..extensions import db
from ..models import Cycle
from ..staff_list import staff_names
from .rows import RESPONSE_ID, about_group_sizes, cycle_rows, respondent_group
from .theme_results import quotable_rows

KEPT_ABOUT = "about_role"
BLANKED_ABOUT = ("about_team", "about_service")
NOT_STATED = "not_stated"
EXPORT_EVENT = "response export"


CLOSED_ONLY = (
    "No rows: the response export is available once the cycle has closed. While people are "
    "still answering, two downloads could be compared to see what one person said."
)


def export_open(cycle: Cycle) -> bool:
    """Whether the cycle's responses may be exported: only once it has closed."""
    return cycle.status == "closed"


def last_export_size(cycle: Cycle) -> int | None:
    """How many responses the cycle had at its last response export (its audit event), or
    None if it has had none. A cycle reopened and closed again exports only once
    ``MIN_GROUP_SIZE`` or more responses have arrived since then."""
    for event in events_of("exported", "cycle", cycle.id):  # the latest that wrote rows
        found = re.fullmatch(rf"{EXPORT_EVENT}, (\d+) responses", event.detail or "")
        if found and int(found.group(1)) > 0:
            return int(found.group(1))
    return None


def _text_columns(instrument) -> set[str]:
    return {answer.key for answer in instrument.text_answers()}


def export_rows(
    cycle: Cycle, min_group: int | None = None, min_quote_group: int | None = None
) -> tuple[list[dict], list[str]]:
    """The cycle's rows as they may leave the service, and notes saying what was withheld."""
    min_group = min_group or int(current_app.config["MIN_GROUP_SIZE"])
    min_quote_group = min_quote_group or int(current_app.config["MIN_QUOTE_GROUP_SIZE"])
    instrument = cycle.instrument
    notes = [
        f"Team and length of service are not included in the export: with job role they could "
        f"identify someone. The dashboard shows them, with groups under {min_group} withheld.",
        "Free text has names, contact details and case numbers replaced with placeholders.",
        "Response ids are made up for this file and differ from one download to the next.",
    ]
    if not export_open(cycle):  # before reading every response for nothing
        notes.append(CLOSED_ONLY)
        return [], notes
    rows = cycle_rows(cycle, instrument)
    text_columns = _text_columns(instrument)
    last = last_export_size(cycle)
    if last is not None and 0 < len(rows) - last < min_group:
        notes.append(
            f"No rows: {len(rows) - last} responses arrived since the last export (the cycle "
            f"was reopened). The export waits until {min_group} or more have, so that two "
            "downloads cannot be compared to see what those people said."
        )
        return [], notes
    if len(rows) < min_group:
        notes.append(f"No rows: the cycle has fewer than {min_group} responses.")
        return [], notes

    groups = [respondent_group(row) for row in rows]
    roles = [g["role"] for g in groups]
    shown = published_groups(roles, min_group) - {NOT_STATED}
    file_roles = [role if role in shown else "" for role in roles]
    if set(roles) - shown - {NOT_STATED}:
        notes.append(
            f"Job role is blank for roles with fewer than {min_group} respondents, or that "
            "would let such a role be worked out, as on the response rate page."
        )
    # The pages' quote rule, asked of each respondent's groups, and of the group the file shows.
    file_role_sizes = Counter(file_roles)
    quotable = quotable_rows(groups, [], about_group_sizes(rows), len(rows), min_quote_group)
    quotable = [
        ok and file_role_sizes[role] >= min_quote_group for ok, role in zip(quotable, file_roles)
    ]
    if not all(quotable):
        notes.append(
            f"Free text is left out for respondents in a job role, team or length of service "
            f"group of fewer than {min_quote_group}, as the pages do for quotes."
        )
    staff = staff_names()  # the uploaded staff list and the accounts, hashed
    out = []
    for row, role, may_quote in zip(rows, file_roles, quotable):
        row = dict(row)
        row[RESPONSE_ID] = secrets.token_hex(8)
        row[KEPT_ABOUT] = role
        for column in BLANKED_ABOUT:
            row[column] = ""
        for column in text_columns:
            if row.get(column):
                shown = may_quote and not is_sensitive(row[column])
                row[column] = redact(row[column], staff) if shown else ""
        out.append(row)
    secrets.SystemRandom().shuffle(out)
    return out, notes


def write_export(cycle: Cycle, fileobj: IO[str], user=None) -> tuple[int, list[str]]:
    """Write the cycle's anonymised export CSV to ``fileobj`` and audit it; (rows, notes)."""
    rows, notes = export_rows(cycle)
    count = write_responses_csv(cycle.instrument, rows, fileobj)
    record_event("exported", "cycle", cycle.id, f"{EXPORT_EVENT}, {count} responses", user=user)
    db.session.commit()
    return count, notes


def role_counts(rows) -> Counter:
    return Counter(r.get(KEPT_ABOUT) or "" for r in rows)
