"""The anonymised response export: one CSV format for downloads and for the analysis commands.

The format is set out in docs/instrument-format.md ("Export columns"): a ``response_id``
column, then one column per answer key in instrument order. Every value is text; an empty cell
means "not answered". "N/A" and "None" are answers like any other text, never missing values.

The instrument is a ``surveys.Instrument``: its ``columns()`` are the export's columns and each
column's ``surveys.Answer`` says how its values are read. Rows are plain dicts, so the export
command, the CLI and a notebook can all share this module.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping
from typing import IO, Any

from surveys import RESPONSE_ID_COLUMN, Answer, Instrument

from .spreadsheet_cells import csv_writer, read_cell

RESPONSE_ID = RESPONSE_ID_COLUMN
MULTIPLE_SEPARATOR = "|"
MAX_ERRORS = 100


class ResponsesFileError(ValueError):
    """A response file that cannot be read; ``errors`` lists every problem found, by line."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        shown = self.errors[:MAX_ERRORS]
        more = len(self.errors) - len(shown)
        text = "\n".join(shown) + (f"\n... and {more} more problems" if more > 0 else "")
        super().__init__(text)


def _answers(instrument: Instrument) -> dict[str, Answer]:
    """Each answer column's Answer, which says how its values are read."""
    return {answer.key: answer for q in instrument.questions for answer in q.answers()}


def _format_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        raise ValueError("a boolean is not an answer value")
    if isinstance(value, (list, tuple, set, frozenset)):
        return MULTIPLE_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_responses_csv(
    instrument: Instrument, rows: Iterable[Mapping[str, Any]], fileobj: IO[str]
) -> int:
    """Write rows ({column: value}) as the export CSV to a text file object; return the count.

    Values: ``None`` or a missing key is "not answered"; a list or tuple (multiple choice) is
    joined with ``|``; numbers are written as text. A key that is not an export column raises
    ``ValueError``, so a caller cannot leak a field the export does not promise (an IP
    address, a timestamp). Open the file with ``newline=""``.
    """
    columns = instrument.columns()
    known = set(columns)
    writer = csv_writer(fileobj, lineterminator="\r\n")
    writer.writerow(columns)
    count = 0
    for index, row in enumerate(rows, start=1):
        unknown = sorted(set(row) - known)
        if unknown:
            raise ValueError(f"Row {index} has columns the export does not have: {unknown}")
        writer.writerow([_format_value(row.get(column)) for column in columns])
        count += 1
    return count


def _check_value(answer: Answer, value: str) -> str | None:
    """Return a problem with one non-empty value, or None when it is valid."""
    kind, question = answer.kind, answer.question
    if kind == "text":
        return None
    if kind == "single":
        codes = list(question.choices())
        if value not in codes:
            return f"'{value}' is not an option (choose from: {', '.join(codes)})"
        return None
    if kind == "multiple":
        options = {option.code: option for option in question.options}
        chosen = value.split(MULTIPLE_SEPARATOR)
        bad = [c for c in chosen if c not in options]
        if bad:
            return (
                f"'{bad[0]}' is not an option (choose from: {', '.join(options)}; "
                f"separate several with '{MULTIPLE_SEPARATOR}')"
            )
        if len(set(chosen)) != len(chosen):
            return "an option is given more than once"
        exclusive = [c for c in chosen if options[c].exclusive]
        if exclusive and len(chosen) > 1:
            return f"'{exclusive[0]}' cannot be chosen with other options"
        return None
    if kind == "scale":
        low, high = question.min, question.max
        try:
            number = float(value)
        except ValueError:
            return f"'{value}' is not a whole number from {low} to {high}"
        if not math.isfinite(number) or not number.is_integer():
            return f"'{value}' is not a whole number from {low} to {high}"
        if not low <= number <= high:
            return f"{value} is not from {low} to {high}"
        return None
    return None


def read_responses_csv(
    instrument: Instrument, source: IO[str] | str | bytes
) -> list[dict[str, str | None]]:
    """Read and check an export CSV; return one dict per response, {column: text or None}.

    ``source`` is a text file object, a string or bytes (UTF-8, with or without a byte order
    mark). Every row has every export column: ``None`` means not answered (an empty cell or a
    column the file does not have, as when an older export lacks a newer question). Raises
    ``ResponsesFileError`` listing every problem: a missing ``response_id`` column, unknown
    columns, duplicate or empty response ids, values that are not options of their question,
    scale values that are not whole numbers in range, rows with too many cells.
    """
    if isinstance(source, bytes):
        if b"\x00" in source:
            raise ResponsesFileError(["The file is not a CSV file (it contains binary data)"])
        try:
            source = source.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ResponsesFileError(["The file must be saved as UTF-8 text"]) from exc
    if isinstance(source, str):
        source = io.StringIO(source.removeprefix("\ufeff"), newline="")
    reader = csv.reader(source)
    try:
        header = next(reader)
    except StopIteration:
        raise ResponsesFileError(["The file is empty"]) from None
    except csv.Error as exc:
        raise ResponsesFileError([f"Line 1: {exc}"]) from None
    header = [h.strip().removeprefix("\ufeff") for h in header]
    columns = instrument.columns()
    rules = _answers(instrument)
    errors: list[str] = []
    if RESPONSE_ID not in header:
        errors.append(f"Line 1: the file has no '{RESPONSE_ID}' column")
    for name in header:
        if name != RESPONSE_ID and name not in rules:
            errors.append(
                f"Line 1, column {name or '(blank)'}: not a column of instrument "
                f"{instrument.id} version {instrument.version}"
            )
    duplicates = sorted({h for h in header if header.count(h) > 1})
    for name in duplicates:
        errors.append(f"Line 1, column {name}: the column appears more than once")
    if errors:
        raise ResponsesFileError(errors)

    rows: list[dict[str, str | None]] = []
    seen_ids: dict[str, int] = {}
    valid: dict[str, set[str]] = {name: set() for name in header}
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header):
                errors.append(f"Line {line}: {len(cells)} values, but the header has {len(header)}")
                continue
            row: dict[str, str | None] = dict.fromkeys(columns)
            for name, value in zip(header, cells):
                if value == "":
                    continue
                value = read_cell(value)
                if name == RESPONSE_ID:
                    value = value.strip()
                    if value in seen_ids:
                        errors.append(
                            f"Line {line}, column {RESPONSE_ID}: '{value}' is also on line "
                            f"{seen_ids[value]}"
                        )
                    seen_ids.setdefault(value, line)
                elif value not in valid[name]:
                    problem = _check_value(rules[name], value)
                    if problem:
                        errors.append(f"Line {line}, column {name}: {problem}")
                    elif rules[name].kind != "text":
                        valid[name].add(value)
                row[name] = value
            if not row.get(RESPONSE_ID):
                errors.append(f"Line {line}, column {RESPONSE_ID}: enter a response id")
            rows.append(row)
    except csv.Error as exc:
        errors.append(f"Line {reader.line_num}: {exc}")
    if errors:
        raise ResponsesFileError(errors)
    return rows
