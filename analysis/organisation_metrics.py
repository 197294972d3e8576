"""Organisational intelligence: a CSV of figures the organisation already holds.

Columns (header row required, any order, case-insensitive): ``name``, ``value``, ``target``,
``better`` (``higher`` or ``lower``), ``area`` (an area id or name), ``period``. ``name``,
``value`` and ``area`` are required on every line; ``target`` may be blank (the figure then has
no status), and ``better`` is required when there is a target. A file with any problem is
rejected as a whole, with every problem listed by line and column.

Status against the target (``metric_status``):

- green: the target is met (value >= target when higher is better, <= when lower is better);
- amber: missed, but by no more than 10% of the target's size (``tolerance``);
- red: missed by more than that. With a target of 0 any miss is red.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

from .controls import clean_text
from .csv_bounds import CsvShapeError, bounded_rows

COLUMNS = ("name", "value", "target", "better", "area", "period")
REQUIRED = ("name", "value", "area")
MAX_ROWS = 1000
MAX_BYTES = 1_000_000
MAX_TEXT = 200
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")


def _decode(data: str | bytes) -> tuple[str | None, str | None]:
    """The file's text, control characters removed (NUL cannot be stored by PostgreSQL)."""
    text, problem = _decode_bytes(data)
    return (clean_text(text) if text is not None else None), problem


def _decode_bytes(data: str | bytes) -> tuple[str | None, str | None]:
    if isinstance(data, str):
        return data.removeprefix("\ufeff"), None
    if len(data) > MAX_BYTES:
        return None, f"The file is larger than {MAX_BYTES // 1_000_000} MB"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return None, "The file is not a CSV file"
    if b"\x00" in data:
        return None, "The file is not a CSV file (it contains binary data)"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), None  # Excel's "CSV (Comma delimited)" on Windows
    except UnicodeDecodeError:
        return None, "The file must be saved as CSV UTF-8"


def parse_number(text: str) -> float | None:
    """A number as people type it ("1,234.5", "85%", "-3"), or None."""
    cleaned = text.strip().removesuffix("%").strip()
    if not cleaned or not _NUMBER.match(cleaned) or not any(ch.isdigit() for ch in cleaned):
        return None
    number = float(cleaned.replace(",", ""))
    return number if math.isfinite(number) else None


def _area_lookup(area_ids: Mapping[str, str] | Iterable[str]) -> dict[str, str]:
    lookup: dict[str, str] = {}
    if isinstance(area_ids, Mapping):
        pairs = area_ids.items()
    else:
        pairs = ((a, a) for a in area_ids)
    for area_id, name in pairs:
        lookup[str(area_id).strip().casefold()] = str(area_id)
        lookup[" ".join(str(name).split()).casefold()] = str(area_id)
    return lookup


def parse_metrics_csv(
    data: str | bytes,
    area_ids: Mapping[str, str] | Iterable[str],
    *,
    max_rows: int = MAX_ROWS,
) -> tuple[list[dict[str, Any]], list[str]]:
    """Check a figures CSV; return (rows, []) when it is good or ([], errors) when not.

    ``area_ids``: the instrument's area ids, or a mapping {id: name} so that names are
    accepted too (case and spacing ignored). Each row is {line, name, value, target, better,
    area (the id), period, status}; ``target``, ``better`` and ``period`` may be None.
    """
    text, problem = _decode(data)
    if problem:
        return [], [problem]
    if not text.strip():
        return [], ["The file is empty"]
    areas = _area_lookup(area_ids)
    errors: list[str] = []
    lines = bounded_rows(text, max_rows=max_rows, rows_called="figures")
    try:
        header = [h.strip().casefold() for h in next(lines)[1]]
    except CsvShapeError as exc:
        return [], [str(exc)]
    missing = [c for c in COLUMNS if c not in header]
    unknown = [h for h in header if h not in COLUMNS]
    if missing:
        errors.append(
            f"Line 1: the header row must name the columns {', '.join(COLUMNS)} "
            f"(missing: {', '.join(missing)})"
        )
    for name in unknown:
        errors.append(f"Line 1, column {name or '(blank)'}: not a known column")
    for name in sorted({h for h in header if header.count(h) > 1 and h in COLUMNS}):
        errors.append(f"Line 1, column {name}: the column appears more than once")
    if errors:
        return [], errors

    rows: list[dict[str, Any]] = []
    seen: dict[tuple[str, str], int] = {}
    try:
        for line, cells in lines:
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                errors.append(f"Line {line}: {len(cells)} values, but the header has {len(header)}")
                continue
            raw = {name: value.strip() for name, value in zip(header, cells)}
            for name in REQUIRED:
                if not raw[name]:
                    errors.append(f"Line {line}, column {name}: enter the {name}")
            for name in ("name", "period"):
                if len(raw[name]) > MAX_TEXT:
                    errors.append(f"Line {line}, column {name}: use {MAX_TEXT} characters or fewer")
            value = parse_number(raw["value"]) if raw["value"] else None
            if raw["value"] and value is None:
                errors.append(f"Line {line}, column value: enter a number")
            target = parse_number(raw["target"]) if raw["target"] else None
            if raw["target"] and target is None:
                errors.append(f"Line {line}, column target: enter a number")
            better = raw["better"].casefold() or None
            if better is not None and better not in ("higher", "lower"):
                errors.append(f"Line {line}, column better: enter higher or lower")
            elif better is None and raw["target"]:
                errors.append(f"Line {line}, column better: enter higher or lower")
            area = areas.get(" ".join(raw["area"].split()).casefold()) if raw["area"] else None
            if raw["area"] and area is None:
                errors.append(
                    f"Line {line}, column area: '{raw['area']}' is not an area "
                    f"(use one of: {', '.join(sorted(set(areas.values())))})"
                )
            key = (raw["name"].casefold(), raw["period"].casefold())
            if raw["name"] and key in seen:
                errors.append(
                    f"Line {line}, column name: '{raw['name']}' for this period is also on line "
                    f"{seen[key]}"
                )
            seen.setdefault(key, line)
            rows.append(
                {
                    "line": line,
                    "name": raw["name"],
                    "value": value,
                    "target": target,
                    "better": better,
                    "area": area,
                    "period": raw["period"] or None,
                }
            )
    except CsvShapeError as exc:
        return [], [str(exc)]
    if errors:
        return [], errors
    if not rows:
        return [], ["The file has a header row but no figures"]
    for row in rows:
        row["status"] = metric_status(row["value"], row["target"], row["better"])
    return rows, []


# The one vocabulary for a figure against its target: the Figures page, area pages, the PDF,
# the XLSX and the staff page all say these words (never "Amber" or "Red" for a figure).
STATUS_WORDS = {
    "green": "Target met",
    "amber": "Just missed",
    "red": "Target missed",
    None: "No target",
}


def status_word(status: str | None) -> str:
    """The words for a figure's status against its target (``metric_status``)."""
    return STATUS_WORDS.get(status, STATUS_WORDS[None])


def metric_status(
    value: float | None, target: float | None, better: str | None, tolerance: float = 0.10
) -> str | None:
    """``"green"`` when the target is met, ``"amber"`` when missed by no more than
    ``tolerance`` x |target|, ``"red"`` otherwise; None without a value, target or direction.
    """
    if value is None or target is None or better is None:
        return None
    if better not in ("higher", "lower"):
        raise ValueError("better must be 'higher' or 'lower'")
    if not 0 <= tolerance < 1:
        raise ValueError("tolerance must be from 0 to 1")
    shortfall = target - value if better == "higher" else value - target
    if shortfall <= 0:
        return "green"
    if shortfall <= tolerance * abs(target) + 1e-12 * max(1.0, abs(target)):
        return "amber"
    return "red"
