"""The pages read one cached analysis: distributions come with it, a download waits for it, and
the "Analysing" page's status says "ready" only for an up-to-date result."""

import pytest
from sqlalchemy import event

from healthcheck.extensions import db
from healthcheck.reports import dashboard
from healthcheck.results import get_analysis
from healthcheck.results.state import AnalysisState
from tests.reports.seeding import seed
from tests.support.documents import soup


@pytest.fixture
def cycle(app):
    return seed(60, "this-year")


def test_distributions_are_computed_with_the_analysis(app, cycle):
    result = get_analysis(cycle).result
    workload = result["scores"]["areas"][0]
    dists = result["distributions"][workload["id"]]
    assert set(dists) == {item["id"] for item in workload["items"]}
    for item in workload["items"]:
        dist = dists[item["id"]]
        if item["n"]:
            assert dist["n"] == sum(o["count"] for o in dist["options"]) >= 5
        else:
            assert dist["n"] is None and dist["options"] == []


def test_a_question_with_four_answers_shows_no_distribution(app):
    few = seed(4, "few")
    result = get_analysis(few).result
    for area in result["distributions"].values():
        for dist in area.values():
            assert dist["n"] is None and dist["options"] == []


def test_an_area_page_does_not_read_the_answers_again(psw_client, cycle):
    url = f"/reports/{cycle.id}/areas/workload"
    assert get_analysis(cycle).ready  # run and cached
    statements = []

    def note(conn, cursor, statement, *args):
        statements.append(statement.lower())

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        page = soup(psw_client.get(url))
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    assert page.select(".govuk-summary-card table")  # the distributions are shown
    assert not [s for s in statements if "from answer" in s or "join answer" in s]


def test_a_download_while_analysing_says_so_and_an_unknown_name_is_404(
    psw_client, cycle, monkeypatch
):
    monkeypatch.setattr(
        dashboard, "analysis_for", lambda c, start=True: AnalysisState("running", 40)
    )
    response = psw_client.get(f"/reports/{cycle.id}/download/figures.csv")
    assert response.status_code == 200
    assert soup(response).h1.get_text(strip=True) == "Analysing…"
    assert psw_client.get(f"/reports/{cycle.id}/download/other.csv").status_code == 404


def test_the_previous_results_are_offered_and_not_called_ready(psw_client, cycle, monkeypatch):
    previous = get_analysis(cycle).result
    running = AnalysisState("running", 40, previous, stale=True)
    monkeypatch.setattr(dashboard, "analysis_for", lambda c, start=True: running)
    page = soup(psw_client.get(f"/reports/{cycle.id}/download/figures.csv"))
    assert page.h1.get_text(strip=True) == "Analysing…"
    assert page.find("a", string="Download the previous results (out of date)")
    # The progress module reloads on "ready": with only the previous result it must wait, or
    # the page above would reload every two seconds until the run ended.
    status = psw_client.get(f"/reports/{cycle.id}/analysis-status").get_json()
    assert status["ready"] is False and status["stale"] is True
    # A page (not a download) shows the previous results, marked as being updated.
    overview = psw_client.get(f"/reports/{cycle.id}/overview").get_data(as_text=True)
    assert "these results are being updated" in overview
