"""The one bound on the shape of every CSV file the service reads: rows, columns, value size.

Each upload's size in bytes is checked before it is decoded (a view reads at most one byte
over its limit), but a small file can still be a large amount of work: a 1 MB figures file
whose header row had 100,000 columns took minutes to check, listing a problem for each one.
Every CSV an upload brings is read through ``bounded_rows``, which refuses the file at the
first row over a bound, with a message for the user, before the caller does any work on it.

Python's csv module has a bound of its own on a value's size (``csv.field_size_limit``,
131,072 characters unless something in the process raised it) that raises ``csv.Error``; that
and every other ``csv.Error`` become a ``CsvShapeError`` here too, so no caller meets one.

No upload takes XLSX: a spreadsheet must be saved as CSV.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

__all__ = ["MAX_COLUMNS", "MAX_VALUE_CHARS", "CsvShapeError", "bounded_rows"]

MAX_COLUMNS = 100
MAX_VALUE_CHARS = 1_000
_FIELD_LIMIT = "field larger than field limit"


class CsvShapeError(ValueError):
    """A file too large in shape, or not readable as CSV; the message is for the user."""


def bounded_rows(
    text: str,
    *,
    max_rows: int,
    rows_called: str = "rows",
    max_columns: int = MAX_COLUMNS,
    max_value_chars: int = MAX_VALUE_CHARS,
) -> Iterator[tuple[int, list[str]]]:
    """``(line number, cells)`` for each row of ``text``, blank rows included, lazily.

    Raises ``CsvShapeError`` at the first row with more than ``max_columns`` cells or a value
    longer than ``max_value_chars``, or once more than ``max_rows`` rows that are not blank
    follow the first one (the header row; where a header is optional the caller's own count
    of what it read says the exact limit). ``rows_called`` names the rows in that message
    ("figures", "names"). The line number is the file's line where the row ends.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    seen = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if _FIELD_LIMIT in str(exc):
                raise CsvShapeError(_too_long(reader.line_num, max_value_chars)) from None
            raise CsvShapeError(
                f"Line {reader.line_num}: the file cannot be read as CSV ({exc})"
            ) from None
        line = reader.line_num
        if len(cells) > max_columns:
            raise CsvShapeError(f"Line {line}: the file must have {max_columns:,} columns or fewer")
        if any(len(cell) > max_value_chars for cell in cells):
            raise CsvShapeError(_too_long(line, max_value_chars))
        if any(cell.strip() for cell in cells):
            seen += 1
            if seen > max_rows + 1:
                raise CsvShapeError(
                    f"The file has more than {max_rows:,} {rows_called}: split it or remove some"
                )
        yield line, cells


def _too_long(line: int, limit: int) -> str:
    return f"Line {line}: each value must be {limit:,} characters or fewer"
