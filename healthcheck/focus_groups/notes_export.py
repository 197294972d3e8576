"""Every focus group's notes as one CSV for the Principal Social Worker: one row per note,
personal details redacted, every cell through the formula guard (analysis.spreadsheet_cells)."""

from __future__ import annotations

import io

from analysis.spreadsheet_cells import csv_writer

from ..audit import record_event
from ..extensions import db
from .access import visible_focus_groups
from .identifiers import redacted_text

HEADER = ["focus_group", "cycle", "date", "team", "participants", "key", "text"]


def notes_csv(user) -> str:
    """The CSV text of the notes this person may read; the download is audited."""
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(HEADER)
    groups = visible_focus_groups(user)
    for group in groups:
        base = [
            group.id,
            group.cycle.slug,
            group.held_on.isoformat() if group.held_on else "",
            group.team,
            group.participants if group.participants is not None else "",
        ]
        rows = sorted(group.note_texts().items())
        rows += [("key_quotes", group.key_quotes), ("summary", group.summary)]
        for key, text in rows:
            if text:
                writer.writerow(base + [key, redacted_text(text)])
    record_event("exported", "focus_group", None, f"{len(groups)} focus groups as CSV")
    db.session.commit()
    return buffer.getvalue()
