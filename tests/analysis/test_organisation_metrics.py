"""Organisational intelligence figures: checked as a whole, status against target."""

import pytest

from analysis.organisation_metrics import metric_status, parse_metrics_csv

AREAS = {"workload": "Effective workload management", "tools": "Having the right tools"}
HEADER = "name,value,target,better,area,period\r\n"


def test_good_file():
    text = HEADER + (
        "Average caseload,18,20,lower,workload,2024-25\r\n"
        "Supervision compliance,81%,90%,higher,Effective Workload  Management,2024-25\r\n"
        'Laptops issued,"1,200",,,tools,\r\n'
    )
    rows, errors = parse_metrics_csv(("\ufeff" + text).encode("utf-8"), AREAS)
    assert errors == []
    assert [(r["name"], r["value"], r["target"], r["area"], r["status"]) for r in rows] == [
        ("Average caseload", 18.0, 20.0, "workload", "green"),
        ("Supervision compliance", 81.0, 90.0, "workload", "amber"),
        ("Laptops issued", 1200.0, None, "tools", None),
    ]
    assert rows[0]["line"] == 2 and rows[2]["period"] is None


def test_a_bad_file_is_rejected_whole_with_every_problem():
    text = HEADER + (
        "Average caseload,18,20,lower,workload,2024-25\r\n"
        "Turnover,lots,abc,up,finance,2024-25\r\n"
        ",1,2,,tools,2024-25\r\n"
        "Average caseload,19,20,lower,workload,2024-25\r\n"
    )
    rows, errors = parse_metrics_csv(text, AREAS)
    assert rows == []
    assert errors == [
        "Line 3, column value: enter a number",
        "Line 3, column target: enter a number",
        "Line 3, column better: enter higher or lower",
        "Line 3, column area: 'finance' is not an area (use one of: tools, workload)",
        "Line 4, column name: enter the name",
        "Line 4, column better: enter higher or lower",
        "Line 5, column name: 'Average caseload' for this period is also on line 2",
    ]


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "The file is empty"),
        (b"   \r\n", "The file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "The file is not a CSV file (it contains binary data)"),
        (b"name,value\r\n", "missing: target, better, area, period"),
        (HEADER.encode(), "The file has a header row but no figures"),
        ((HEADER.rstrip() + ",colour\r\n").encode(), "Line 1, column colour: not a known column"),
        ((HEADER + "a,1,2,higher,tools\r\n").encode(), "Line 2: 5 values, but the header has 6"),
    ],
)
def test_unusable_files(data, message):
    rows, errors = parse_metrics_csv(data, AREAS)
    assert rows == [] and any(message in e for e in errors), errors


def test_windows_excel_encoding_and_utf16():
    text = HEADER + "Spend \u00a3k,12,10,lower,tools,Q4\r\n"
    rows, errors = parse_metrics_csv(text.encode("cp1252"), AREAS)
    assert errors == [] and rows[0]["name"] == "Spend \u00a3k" and rows[0]["status"] == "red"
    rows, errors = parse_metrics_csv(text.encode("utf-16"), list(AREAS))
    assert errors == [] and rows[0]["area"] == "tools"


def test_too_many_rows():
    text = HEADER + "".join(f"m{i},1,,,tools,\r\n" for i in range(4))
    assert parse_metrics_csv(text, AREAS, max_rows=3) == (
        [],
        ["The file has more than 3 figures: split it or remove some"],
    )


@pytest.mark.parametrize(
    "value, target, better, expected",
    [
        (90, 90, "higher", "green"),
        (95, 90, "higher", "green"),
        (81, 90, "higher", "amber"),  # 9 short of 90: exactly 10%
        (80.9, 90, "higher", "red"),
        (22, 20, "lower", "amber"),  # 2 over 20: exactly 10%
        (22.1, 20, "lower", "red"),
        (0, 0, "lower", "green"),
        (1, 0, "lower", "red"),  # a target of 0 has no amber band
        (-9, -10, "lower", "amber"),
        (None, 5, "higher", None),
        (5, None, "higher", None),
    ],
)
def test_metric_status(value, target, better, expected):
    assert metric_status(value, target, better) == expected


def test_metric_status_rejects_a_bad_direction():
    with pytest.raises(ValueError):
        metric_status(1, 2, "up")
