"""The one CSV writer for files people open in a spreadsheet: no cell can run as a formula.

A cell that starts with =, +, -, @, tab or carriage return is a formula to Excel and LibreOffice;
it is written with a leading apostrophe so that it shows as the text it is.
"""

import csv
import io

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value, made safe to open in a spreadsheet."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def csv_bytes(rows) -> bytes:
    """UTF-8 CSV with a byte-order mark (so Excel reads it as UTF-8), every cell made safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
