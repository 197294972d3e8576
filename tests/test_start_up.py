"""Starting the app imports no heavy package that only some pages or commands need: matplotlib
is imported where a chart is drawn (analysis/charts.py), scipy.stats where scoring needs it,
python-docx where a transcript is read, WeasyPrint and openpyxl where a PDF or XLSX is made
(docs/engineering.md, "Imports at the top of the module"). Each added about 0.1-1 s to every
start: the CLI, each gunicorn worker, each test process."""

import subprocess  # nosec B404: runs our own interpreter on a fixed statement
import sys

import pytest

# Where the import belongs: a test that fails names the package to move there.
LAZY = {
    "matplotlib": "analysis/charts.py, where a chart is drawn",
    "scipy.stats": "analysis/scoring.py, where an interval is computed",
    "docx": "healthcheck/focus_groups/transcript.py, where a .docx is read",
    "weasyprint": "healthcheck/reports/report_pdf.py, where a PDF is made",
    "openpyxl": "the downloads that write an XLSX",
}


@pytest.fixture(scope="module")
def modules_at_start_up() -> set[str]:
    """The modules loaded by ``import healthcheck`` and ``create_app`` in a fresh interpreter."""
    code = (
        "import sys; from healthcheck import create_app; create_app('testing'); "
        "print('\\n'.join(sys.modules))"
    )
    result = subprocess.run(  # nosec B603: fixed arguments
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


@pytest.mark.parametrize("package", LAZY)
def test_starting_the_app_does_not_import(modules_at_start_up, package):
    assert package not in modules_at_start_up, f"import {package} in {LAZY[package]}"


def test_a_chart_still_draws_with_matplotlib_imported_on_first_use():
    code = (
        "import sys; from analysis import charts; assert 'matplotlib' not in sys.modules; "
        "svg = charts.figure_to_svg(charts.response_rate_figure([])); "
        "png = charts.figure_to_png(charts.response_rate_figure([])); "
        "assert svg.startswith('<?xml') and png.startswith(b'\\x89PNG'), (svg[:20], png[:8]); "
        "print('matplotlib' in sys.modules)"
    )
    result = subprocess.run(  # nosec B603: fixed arguments
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "True"
