"""Importing a cycle's organisational-intelligence figures from a CSV, all or nothing.

The file is checked as a whole by analysis.organisation_metrics.parse_metrics_csv (every
problem listed by line and column); only a file with no problems is imported, in one
transaction that replaces the cycle's figures for the periods it names and is audited.
"""

from __future__ import annotations

from sqlalchemy import delete, select

from analysis.organisation_metrics import MAX_BYTES, parse_metrics_csv

from ..audit import record_event
from ..extensions import db
from ..models import Cycle, Metric


class MetricsFileError(ValueError):
    """A figures file that cannot be imported; ``errors`` lists every problem."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


def check_upload(filename: str | None, data: bytes) -> list[str]:
    """Problems with an uploaded file before its content is read: name, size, type."""
    if not filename:
        return ["Select a CSV file"]
    if not filename.lower().endswith(".csv"):
        return ["The selected file must be a CSV"]
    if not data:
        return ["The selected file is empty"]
    if len(data) > MAX_BYTES:
        return [f"The selected file must be smaller than {MAX_BYTES // 1_000_000}MB"]
    head = data[:8]
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF")):
        return ["The selected file must be a CSV: save the spreadsheet as CSV UTF-8"]
    return []


def area_names(cycle: Cycle) -> dict[str, str]:
    return {a.id: a.name for a in cycle.instrument.areas}


def import_metrics(cycle: Cycle, data: bytes | str, user=None, source: str = "upload"):
    """Check and import a figures CSV for ``cycle``; return the imported Metric rows.

    Raises MetricsFileError listing every problem; then nothing is saved. A figure already
    held for the same name and period is replaced by the new one.
    """
    rows, errors = parse_metrics_csv(data, area_names(cycle))
    if errors:
        raise MetricsFileError(errors)
    try:
        for row in rows:
            db.session.execute(
                delete(Metric).where(
                    Metric.cycle_id == cycle.id,
                    Metric.name == row["name"],
                    (
                        Metric.period == row["period"]
                        if row["period"] is not None
                        else Metric.period.is_(None)
                    ),
                )
            )
        metrics = [
            Metric(
                cycle_id=cycle.id,
                name=row["name"],
                value=row["value"],
                target=row["target"],
                better=row["better"],
                area=row["area"],
                period=row["period"],
            )
            for row in rows
        ]
        db.session.add_all(metrics)
        record_event(
            "created",
            "metrics",
            cycle.id,
            f"imported {len(metrics)} organisational figures ({source})",
            user=user,
        )
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return metrics


def cycle_metrics(cycle: Cycle) -> list[Metric]:
    return list(
        db.session.scalars(
            select(Metric).where(Metric.cycle_id == cycle.id).order_by(Metric.area, Metric.id)
        )
    )
