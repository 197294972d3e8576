"""Downloads: the self-assessment report (PDF), the figures and themes (XLSX, CSV).

Every download is built from the same page data as the dashboard (healthcheck.reports.
dashboard), so it applies exactly the same suppression, and every download is audited.

A download is built from an up-to-date analysis. While a new analysis runs the route shows the
"Analysing" page instead; the previous results can still be had from there, and then the file
says so: its name starts ``out-of-date-`` and the PDF carries a warning.
"""

from __future__ import annotations

import io
from datetime import date

from flask import url_for

from analysis.organisation_metrics import status_word
from analysis.result import AnalysisResult
from analysis.spreadsheet_cells import csv_bytes, guarded_row

from ..audit import record_event
from ..extensions import db
from ..models import Cycle
from ..models.plan import ACTION_STATUSES
from . import action_plan
from . import dashboard as data

DOWNLOADS = {
    "self-assessment.pdf": ("application/pdf", "Self-assessment report"),
    "figures.xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Figures and themes",
    ),
    "figures.csv": ("text/csv", "Area and question figures"),
    "themes.csv": ("text/csv", "Themes"),
    "quality-report.json": ("application/json", "Quarterly Quality Report extract (JSON)"),
    "quality-report.csv": ("text/csv", "Quarterly Quality Report extract (CSV)"),
}
WITHHELD = "withheld"


OUT_OF_DATE = "out-of-date"


def known(name: str) -> bool:
    return name in DOWNLOADS


def filename(cycle: Cycle, name: str, out_of_date: bool = False) -> str:
    return f"{cycle.slug}-{OUT_OF_DATE + '-' if out_of_date else ''}{name}"


def response_export_url(cycle: Cycle) -> str | None:
    """The results layer's anonymised response export, when it is there."""
    from flask import current_app

    for endpoint in ("reports.response_export", "results.export", "reports.export_responses"):
        if endpoint in current_app.view_functions:
            return url_for(endpoint, cycle_id=cycle.id)
    return None


def _cell(value):
    return WITHHELD if value is None else value


# --- tables shared by XLSX, CSV and PDF ------------------------------------------------------


def area_table(result: AnalysisResult) -> list[list]:
    yoy = data.yoy_by_area(result)
    rows = [
        [
            "Area",
            "Respondents",
            "Score",
            "95% CI low",
            "95% CI high",
            "% favourable",
            "Rating",
            "Change since last year",
            "Larger than the noise",
        ]
    ]
    for area in result["scores"]["areas"]:
        change = yoy.get(area["id"]) or {}
        rows.append(
            [
                area["name"],
                _cell(area.get("n")),
                _cell(area.get("score")),
                _cell(area.get("ci_low")),
                _cell(area.get("ci_high")),
                _cell(area.get("favourable_pct")),
                data.rag_tag(area.get("rag"))["text"],
                _cell(change.get("change")) if change else "not available",
                (
                    ("yes" if change.get("significant") else "no")
                    if change.get("change") is not None
                    else ""
                ),
            ]
        )
    return rows


def question_table(result: AnalysisResult) -> list[list]:
    rows = [
        [
            "Area",
            "Item",
            "Question",
            "Respondents",
            "Score",
            "95% CI low",
            "95% CI high",
            "% favourable",
            "Rating",
            "Full wording",
        ]
    ]
    for area in result["scores"]["areas"]:
        for item in area["items"]:
            rows.append(
                [
                    area["name"],
                    item["id"],
                    item.get("short_title") or item.get("text"),  # the instrument's short title
                    _cell(item.get("n")),
                    _cell(item.get("score")),
                    _cell(item.get("ci_low")),
                    _cell(item.get("ci_high")),
                    _cell(item.get("favourable_pct")),
                    data.rag_tag(item.get("rag"))["text"],
                    item.get("text"),
                ]
            )
    return rows


def theme_table(result: AnalysisResult) -> list[list]:
    rows = [["Theme", "Statements", "What it covers", "Sources", "Areas", "Sentiment", "Quotes"]]
    names = {a["id"]: a["name"] for a in data.instrument_areas(result)}
    for theme in data.filter_themes(result, {}):
        rows.append(
            [
                theme["label"],
                _cell(theme["size"]),
                "; ".join(f"{c['label'] or 'Other things'} ({c['size']})" for c in theme["covers"]),
                "; ".join(f"{k}: {_cell(v)}" for k, v in theme["sources"].items()),
                "; ".join(names.get(a, a) for a in theme["areas"] if a),
                theme["sentiment"],
                "\n".join(f"“{q['text']}”" for q in theme["quotes"]),
            ]
        )
    return rows


def focus_group_table(result: AnalysisResult) -> list[list]:
    fg = result["focus_groups"]
    rows = [["Question", "Kind", "Answers", "Score", "% favourable", "Counts"]]
    for q in fg.get("questions", []):
        counts = "; ".join(f"{c['label']}: {c['count']}" for c in q.get("counts") or [])
        rows.append(
            [
                q.get("short_title") or q.get("text"),
                q.get("kind"),
                _cell(q.get("n")),
                _cell(q.get("score")),
                _cell(q.get("favourable_pct")),
                counts if not q.get("suppressed") else WITHHELD,
            ]
        )
    return rows


def metric_table(result: AnalysisResult) -> list[list]:
    rows = [["Area", "Figure", "Value", "Target", "Better when", "Period", "Status"]]
    for m in result["metrics"]:
        rows.append(
            [
                m.get("area_name") or m.get("area"),
                m["name"],
                m.get("value"),
                m.get("target"),
                m.get("better"),
                m.get("period"),
                status_word(m.get("status")),
            ]
        )
    return rows


def action_table(cycle: Cycle, area_names: dict, today: date | None = None) -> list[list]:
    """The plan; "Due" is a date (stored as a date in the XLSX), "Overdue" yes when still
    open after it."""
    today = today or date.today()
    rows = [["Area", "Action", "Owner", "Due", "Status", "Overdue", "Carried from last year"]]
    for a in action_plan.actions_for(cycle):
        rows.append(
            [
                area_names.get(a.area, a.area),
                a.action,
                a.owner,
                a.due_on,
                ACTION_STATUSES.get(a.status, a.status),
                "Overdue" if a.is_overdue_on(today) else "",
                "yes" if a.carried_from_cycle_id else "no",
            ]
        )
    return rows


# --- builders --------------------------------------------------------------------------------


_csv = csv_bytes


def figures_csv(result: dict) -> bytes:
    areas = area_table(result)
    questions = question_table(result)
    return _csv(areas + [[]] + questions)


def figures_xlsx(cycle: Cycle, result: dict) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheets = [
        ("Areas", area_table(result)),
        ("Questions", question_table(result)),
        ("Themes", theme_table(result)),
        ("Focus groups", focus_group_table(result)),
        ("Organisational figures", metric_table(result)),
        (
            "Action plan",
            action_table(cycle, {a["id"]: a["name"] for a in data.instrument_areas(result)}),
        ),
    ]
    first = True
    for title, rows in sheets:
        sheet = book.active if first else book.create_sheet()
        first = False
        sheet.title = title
        for row in rows:
            sheet.append(guarded_row(row))
        _format_sheet(sheet, rows)
    buffer = io.BytesIO()
    book.properties.creator = "Health Check"
    book.save(buffer)
    return buffer.getvalue()


XLSX_DATE_FORMAT = "d mmmm yyyy"  # 30 September 2025, the one date format
XLSX_MAX_WIDTH = 60


def _format_sheet(sheet, rows: list[list]) -> None:
    """Bold frozen header, widths from the content (capped, long text wrapped), dates and
    numbers kept as such with a display format."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    columns = max((len(r) for r in rows), default=0)
    for col in range(1, columns + 1):
        longest = 8
        for row in rows:
            if col <= len(row) and row[col - 1] is not None:
                value = row[col - 1]
                text = "30 September 2025" if isinstance(value, date) else str(value)
                longest = max(longest, max((len(p) for p in text.split("\n")), default=0))
        width = min(longest + 2, XLSX_MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(col)].width = width
        for (cell,) in sheet.iter_rows(min_row=2, min_col=col, max_col=col):
            if isinstance(cell.value, date):
                cell.number_format = XLSX_DATE_FORMAT
            if longest + 2 > XLSX_MAX_WIDTH or (isinstance(cell.value, str) and "\n" in cell.value):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            else:
                cell.alignment = Alignment(vertical="top")


def report_pdf(cycle: Cycle, result: dict, out_of_date: bool = False) -> bytes:
    """The draft report: a snapshot made now (healthcheck.reports.snapshot), marked Draft, and
    marked out of date when it is made from the previous results while a new analysis runs."""
    from . import report_pdf as pdf
    from . import snapshot

    made = snapshot.build_snapshot(cycle, result)
    if out_of_date:
        made["out_of_date"] = True
    return pdf.render_pdf(made)


def build(cycle: Cycle, name: str, result: dict, out_of_date: bool = False) -> bytes:
    """The download's bytes from an analysis result, recorded in the audit log.

    ``name`` must be known; ``out_of_date``: the result is the previous one, kept while a new
    analysis runs (the PSW chose it on the "Analysing" page), and the audit and PDF say so.
    """
    if name == "self-assessment.pdf":
        body = report_pdf(cycle, result, out_of_date)
    elif name == "figures.xlsx":
        body = figures_xlsx(cycle, result)
    elif name == "figures.csv":
        body = figures_csv(result)
    elif name.startswith("quality-report."):
        from . import quality_report

        data_ = quality_report.extract(cycle, result)
        body = (
            quality_report.as_json(data_)
            if name.endswith(".json")
            else quality_report.as_csv(data_)
        )
    else:
        body = _csv(theme_table(result))
    detail = f"downloaded {name}" + (" (out of date)" if out_of_date else "")
    record_event("exported", "cycle", cycle.id, detail)
    db.session.commit()
    return body
