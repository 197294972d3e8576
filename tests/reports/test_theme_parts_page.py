"""The themes page and themes.csv say what each theme covers, in parts with their counts,
and never a part's count from a small group (nor the others, from which it could be worked
out)."""

import json

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from healthcheck.extensions import db
from healthcheck.models import AnalysisResult
from tests.reports.seeding import seed


@pytest.fixture
def cycle(app):
    return seed(60, "parts")


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _edit_largest_theme(cycle_id, edit):
    """Apply ``edit`` to the largest stored theme (the analysis as stored; the page reads it
    as it would any run's). Returns the theme, edited."""
    row = db.session.scalars(
        select(AnalysisResult).where(
            AnalysisResult.cycle_id == cycle_id, AnalysisResult.result.is_not(None)
        )
    ).first()
    result = json.loads(row.result)
    theme = max(
        (t for t in result["themes"]["themes"] if t["kind"] == "theme"), key=lambda t: t["size"]
    )
    edit(theme)
    row.result = json.dumps(result)
    db.session.commit()
    return theme


def _store_parts(cycle_id, sizes):
    """Give the largest stored theme parts of ``sizes``. Returns its label and size."""

    def edit(theme):
        assert theme["size"] >= sum(sizes) + 5
        labels = ["Faster laptops", "Translator booking"]
        theme["parts"] = [{"label": label, "size": n} for label, n in zip(labels, sizes)]

    theme = _edit_largest_theme(cycle_id, edit)
    return theme["label"], theme["size"]


def _covers(page, label):
    card = next(
        c
        for c in page.select(".govuk-summary-card")
        if c.select_one(".govuk-summary-card__title").get_text(strip=True) == label
    )
    for row in card.select(".govuk-summary-list__row"):
        if row.select_one("dt").get_text(" ", strip=True) == "What it covers (statements)":
            return [li.get_text(" ", strip=True) for li in row.select("li")]
    return None


def test_the_themes_page_and_csv_say_what_a_theme_covers(psw_client, cycle):
    soup(psw_client.get(f"/reports/{cycle.id}/themes"))  # runs the analysis
    label, size = _store_parts(cycle.id, [7, 5])
    page = soup(psw_client.get(f"/reports/{cycle.id}/themes"))
    rest = size - 12
    assert _covers(page, label) == [
        "Faster laptops (7)",
        "Translator booking (5)",
        f"Other things ({rest})",
    ]
    csv_text = psw_client.get(f"/reports/{cycle.id}/download/themes.csv").get_data(as_text=True)
    assert f"Faster laptops (7); Translator booking (5); Other things ({rest})" in csv_text


def test_a_part_from_a_small_group_shows_no_part_at_all(psw_client, cycle):
    soup(psw_client.get(f"/reports/{cycle.id}/themes"))
    label, _ = _store_parts(cycle.id, [7, 3])
    page = soup(psw_client.get(f"/reports/{cycle.id}/themes"))
    # Not the small part, nor the other (with the theme's size it would give the small one).
    assert _covers(page, label) is None
    csv_text = psw_client.get(f"/reports/{cycle.id}/download/themes.csv").get_data(as_text=True)
    for shown in (page.get_text(" "), csv_text):
        assert "Faster laptops" not in shown and "Translator booking" not in shown


def _store_areas(cycle_id, areas_of):
    theme = _edit_largest_theme(cycle_id, lambda t: t.update(areas=areas_of(t["size"])))
    return theme["label"]


def _area_themes(client, cycle, area):
    page = soup(client.get(f"/reports/{cycle.id}/areas/{area}"))
    return [t.get_text(strip=True) for t in page.select(".govuk-summary-card__title")]


def test_an_area_lists_a_theme_only_with_enough_statements_on_it(psw_client, cycle):
    soup(psw_client.get(f"/reports/{cycle.id}/themes"))
    # All but two of its statements on workload: the number there is withheld (the two
    # elsewhere are a small group), but the theme is about workload all the same.
    label = _store_areas(cycle.id, lambda size: {"workload": size - 2, "tools": 2})
    assert label in _area_themes(psw_client, cycle, "workload")
    # Two statements on tools do not make it a theme about tools.
    assert label not in _area_themes(psw_client, cycle, "tools")
