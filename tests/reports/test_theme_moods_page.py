"""The themes page says a theme's mood as a person would, and its chart says what it shows
(REVIEW 2, findings 2 and 13)."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from healthcheck.extensions import db
from healthcheck.models import AnalysisResult
from tests.reports.seeding import seed


@pytest.fixture
def cycle(app):
    return seed(60, "moods")


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _set_counts(cycle_id, counts_by_index):
    """Give the stored themes the counts of the review's themes (the analysis as stored; the
    page reads it as it would any run's)."""
    row = db.session.scalars(
        select(AnalysisResult).where(
            AnalysisResult.cycle_id == cycle_id, AnalysisResult.result.is_not(None)
        )
    ).first()
    result = json.loads(row.result)
    themes = sorted(
        (t for t in result["themes"]["themes"] if t["kind"] == "theme"), key=lambda t: -t["size"]
    )
    assert len(themes) >= len(counts_by_index)
    labels = []
    for theme, counts in zip(themes, counts_by_index):
        theme["sentiment_counts"] = counts
        labels.append(theme["label"])
    row.result = json.dumps(result)
    db.session.commit()
    return labels


def _moods(page):
    out = {}
    for card in page.select(".govuk-summary-card"):
        title = card.select_one(".govuk-summary-card__title").get_text(" ", strip=True)
        for row in card.select(".govuk-summary-list__row"):
            if row.select_one("dt").get_text(strip=True) == "Sentiment":
                out[title] = row.select_one("dd").get_text(" ", strip=True)
    return out


def test_a_theme_whose_statements_mostly_complain_is_not_mostly_positive(psw_client, cycle):
    soup(psw_client.get(f"/reports/{cycle.id}/themes"))  # runs the analysis
    review = [
        {"positive": 33, "neutral": 37, "negative": 10},  # "Allocation meeting ..."
        {"positive": 157, "neutral": 0, "negative": 83},  # "Good supervision"
        {"positive": 0, "neutral": 0, "negative": 155},  # "Panel delays ..."
    ]
    labels = _set_counts(cycle.id, review)
    moods = _moods(soup(psw_client.get(f"/reports/{cycle.id}/themes")))
    shown = [next(v for k, v in moods.items() if label in k) for label in labels]
    assert shown[0] == "Mixed (33 positive, 37 neutral, 10 negative)"
    assert shown[1] == "Mixed (157 positive, 0 neutral, 83 negative)"
    assert shown[2] == "All negative (0 positive, 0 neutral, 155 negative)"
    assert not any(v.startswith("Mostly positive") for v in shown)


def test_the_theme_chart_says_how_many_themes_it_shows(psw_client, cycle):
    page = soup(psw_client.get(f"/reports/{cycle.id}/themes"))
    count = int(re.search(r"(\d+) themes?\b", page.select_one("main").get_text(" ")).group(1))
    figure = page.select_one("figure.app-chart")
    caption = figure.select_one("figcaption").get_text(" ", strip=True)
    alt = figure.select_one("img")["alt"]
    shown = min(10, count)
    expected = f"All {count} theme" if shown == count else f"The {shown} largest of {count} themes"
    assert caption.startswith(expected)
    assert expected in alt


def test_a_chart_of_the_largest_themes_says_so(psw_client, cycle):
    soup(psw_client.get(f"/reports/{cycle.id}/themes"))  # runs the analysis
    row = db.session.scalars(
        select(AnalysisResult).where(
            AnalysisResult.cycle_id == cycle.id, AnalysisResult.result.is_not(None)
        )
    ).first()
    result = json.loads(row.result)
    themes = [t for t in result["themes"]["themes"] if t["kind"] == "theme"]
    extra = [
        dict(themes[i % len(themes)], id=f"extra-{i}", label=f"Extra theme {i}", size=1)
        for i in range(16 - len(themes))
    ]
    result["themes"]["themes"] += extra
    row.result = json.dumps(result)
    db.session.commit()
    page = soup(psw_client.get(f"/reports/{cycle.id}/themes"))
    figure = page.select_one("figure.app-chart")
    assert figure.select_one("figcaption").get_text(" ", strip=True) == (
        "The 10 largest of 16 themes, by number of statements."
    )
    assert "The 10 largest of 16 themes" in figure.select_one("img")["alt"]
    assert "16 themes." in page.select_one("main").get_text(" ")


def _edit_result(cycle_id, edit):
    row = db.session.scalars(
        select(AnalysisResult).where(
            AnalysisResult.cycle_id == cycle_id, AnalysisResult.result.is_not(None)
        )
    ).first()
    result = json.loads(row.result)
    themes = [t for t in result["themes"]["themes"] if t["kind"] == "theme"]
    out = edit(themes, [a["id"] for a in result["scores"]["areas"]])
    row.result = json.dumps(result)
    db.session.commit()
    return out


def _card(page, label):
    return next(
        c
        for c in page.select(".govuk-summary-card")
        if c.select_one(".govuk-summary-card__title").get_text(strip=True) == label
    )


def test_a_theme_with_no_quote_from_the_area_says_so_not_the_anonymity_rule(psw_client, cycle):
    soup(psw_client.get(f"/reports/{cycle.id}/themes"))  # runs the analysis

    def edit(themes, areas):
        elsewhere, bare = [t for t in themes if t["quotes"]][:2]
        quoted = {q.get("area") for q in elsewhere["quotes"]}
        area = next(a for a in areas if a not in quoted)
        elsewhere["areas"][area] = 6  # statements about the area, none of its quotes
        bare["areas"][area], bare["quotes"] = 6, []  # none kept by the results layer
        return area, elsewhere["label"], bare["label"]

    area, elsewhere, bare = _edit_result(cycle.id, edit)
    page = soup(psw_client.get(f"/reports/{cycle.id}/areas/{area}"))
    card = _card(page, elsewhere).get_text(" ", strip=True)
    assert "None of this theme's quotes is from this area's questions." in card
    assert "No quotes can be shown here" not in card
    card = _card(page, bare).get_text(" ", strip=True)
    assert "No quotes can be shown here" in card and "None of this theme" not in card


def test_filtered_by_a_question_the_mood_says_it_is_the_whole_themes(psw_client, cycle):
    page = soup(psw_client.get(f"/reports/{cycle.id}/themes"))
    assert _moods(page) and not page.find(string=re.compile(r"\(whole theme\)"))
    question = _edit_result(cycle.id, lambda themes, _: next(iter(themes[0]["questions"])))
    page = soup(psw_client.get(f"/reports/{cycle.id}/themes?question={question}"))
    keys = [dt.get_text(strip=True) for dt in page.select(".govuk-summary-list__key")]
    assert "Sentiment (whole theme)" in keys and "Sentiment" not in keys
