"""Charts take labels that people typed (theme names, team names): text is only ever text."""

import pytest

from analysis import charts

HOSTILE_LABELS = [
    r"Caseload \d allocation",
    r"\\server\data\forms",
    r"\1 \g<0> \\",
    "Costs $5 and $10 a day",
    r"$\frac{1}{0}$",
    r"$\\server\data$ and $\nocommand$",  # mathtext that does not parse
    "Back\\slash & <angle> brackets",
]


@pytest.mark.parametrize("label", HOSTILE_LABELS)
def test_a_typed_label_reaches_the_chart_and_its_title_unchanged(label):
    themes = [{"label": label, "size": 12}, {"label": "Workload", "size": 7}]
    alt = charts.theme_sizes_alt(themes)
    svg = charts.figure_to_svg(charts.theme_sizes_figure(themes), title=alt)
    escaped = alt.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert f"<title>{escaped}</title>" in svg
    assert svg.startswith("<?xml") and svg.rstrip().endswith("</svg>")
    charts.figure_to_png(charts.theme_sizes_figure(themes))  # renders without a math error


@pytest.mark.parametrize("label", HOSTILE_LABELS)
def test_typed_labels_render_in_every_chart_that_takes_text(label):
    options = [{"label": label, "count": 6, "pct": 60.0}, {"label": "No", "count": 4, "pct": 40.0}]
    charts.figure_to_png(charts.distribution_figure(options, title=label))
    areas = [{"name": label, "score": 61.0, "ci_low": 55.0, "ci_high": 67.0, "rag": "amber"}]
    charts.figure_to_png(charts.area_scores_figure(areas))
