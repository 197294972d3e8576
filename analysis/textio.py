"""Reading free-text columns from CSV files for the theme analysis.

The csv module keeps every value as text: "N/A", "None" and "NA" are answers, not missing
values (pandas-style readers would turn them into blanks). Only a truly empty cell is empty.
"""

from __future__ import annotations

import csv
import sys

__all__ = ["ColumnError", "read_text_rows"]


class ColumnError(ValueError):
    """A named column is not in the file."""


def _check(name, fieldnames, what):
    if name is not None and name not in fieldnames:
        listed = ", ".join(f for f in fieldnames if f) or "(none)"
        raise ColumnError(f"No {what} column named {name!r}. The file's columns are: {listed}")


def read_text_rows(
    path,
    text_column,
    question_column=None,
    area_column=None,
    source_column=None,
    group_column=None,
    default_source=None,
    respondent_column=None,
):
    """Rows ``{"text", "question", "area", "source", "group"}`` from a CSV, in file order
    (plus ``respondent`` when ``respondent_column`` is given).

    A ``question_column`` value names (or words) the question each answer replies to.
    Raises ``ColumnError`` for a missing column, ``UnicodeDecodeError`` /
    ``csv.Error`` / ``OSError`` for unreadable files.
    """
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        fieldnames = [f.strip() if f else f for f in (reader.fieldnames or [])]
        reader.fieldnames = fieldnames
        if not fieldnames:
            raise ColumnError("The file is empty: it has no header row")
        _check(text_column, fieldnames, "text")
        for name, what in (
            (area_column, "area"),
            (source_column, "source"),
            (group_column, "group"),
            (respondent_column, "respondent"),
        ):
            _check(name, fieldnames, what)
        if question_column is not None and question_column not in fieldnames:
            raise ColumnError(
                f"No question column named {question_column!r}. "
                f"The file's columns are: {', '.join(f for f in fieldnames if f)}"
            )
        rows = []
        for record in reader:
            rows.append(
                {
                    "text": record.get(text_column) or "",
                    "question": record.get(question_column) if question_column else None,
                    "area": record.get(area_column) if area_column else None,
                    "source": (record.get(source_column) if source_column else default_source),
                    "group": record.get(group_column) if group_column else None,
                }
            )
            if respondent_column:
                # Who wrote the row, for the quote rules (analysis.quotes); never shown.
                rows[-1]["respondent"] = record.get(respondent_column) or None
    return rows
