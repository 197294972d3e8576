"""The Principal Social Worker's dashboard: pages, plan, charts and downloads on a seeded cycle."""

import io
from datetime import date

import pytest
from sqlalchemy import select

from healthcheck.models import Action, AuditEvent, Cycle, SelfAssessment
from healthcheck.reports import action_plan
from tests.reports.seeding import seed
from tests.support.documents import form_values, soup

AREAS = (
    "Effective workload management",
    "Proactive workflow management",
    "Having the right tools to do the job",
    "A healthy workplace",
    "Effective service delivery",
)


@pytest.fixture
def cycle(app):
    return seed(60, "this-year")


def pages(cycle_id):
    return [
        "/reports/",
        f"/reports/{cycle_id}/overview",
        f"/reports/{cycle_id}/areas/workload",
        f"/reports/{cycle_id}/areas/delivery",
        f"/reports/{cycle_id}/themes",
        f"/reports/{cycle_id}/response-rate",
        f"/reports/{cycle_id}/self-assessment",
        f"/reports/{cycle_id}/actions",
        f"/reports/{cycle_id}/actions/new",
        f"/reports/{cycle_id}/downloads",
    ]


def test_every_page_opens_for_the_principal_social_worker(psw_client, cycle):
    for url in pages(cycle.id):
        response = psw_client.get(url)
        assert response.status_code == 200, url
        assert soup(response).find("h1"), url


@pytest.mark.parametrize("who", ["facilitator_client", "admin_client"])
def test_other_roles_are_refused(request, cycle, who):
    client = request.getfixturevalue(who)
    for url in pages(cycle.id) + [f"/reports/{cycle.id}/download/figures.xlsx"]:
        assert client.get(url).status_code == 403, url


def test_anonymous_visitors_are_sent_to_sign_in(client, cycle):
    response = client.get(f"/reports/{cycle.id}/overview")
    assert response.status_code == 302
    assert "/sign-in" in response.headers["Location"]


def test_overview_shows_the_five_areas_with_scores_and_ratings(psw_client, cycle):
    page = soup(psw_client.get(f"/reports/{cycle.id}/overview"))
    rows = page.select("table.app-table--numbers tbody tr")
    assert [r.th.get_text(strip=True) for r in rows] == list(AREAS)
    for row in rows:
        score = row.select_one('[data-field="score"]').get_text(strip=True)
        assert 0 <= float(score) <= 100
        assert row.select_one(".govuk-tag").get_text(strip=True) in ("Green", "Amber", "Red")
    image = page.select_one("img.app-chart__image")
    assert image["alt"].startswith("Bar chart of area scores")


def test_charts_are_svg_without_any_css(psw_client, cycle):
    for name in ("areas", "item-Q1", "themes", "response-rate"):
        response = psw_client.get(f"/reports/{cycle.id}/charts/{name}.svg")
        assert response.status_code == 200, name
        assert response.mimetype == "image/svg+xml"
        svg = response.get_data(as_text=True)
        assert "<style" not in svg and "style=" not in svg, name
        assert "<title>" in svg


def test_area_page_shows_each_question_distribution(psw_client, cycle):
    page = soup(psw_client.get(f"/reports/{cycle.id}/areas/workload"))
    cards = page.select(".govuk-summary-card")
    assert len(cards) >= 3
    table = cards[0].select_one("table")
    counts = [int(td.get_text()) for td in table.select("tbody td:nth-of-type(1)")]
    assert sum(counts) == 60
    # Each question goes by its short title, its full wording folded away beneath.
    titles = [c.select_one(".govuk-summary-card__title").get_text(strip=True) for c in cards]
    assert "Fairness of work allocation" in titles
    asked = cards[titles.index("Fairness of work allocation")].select_one(".govuk-details__text")
    assert asked is not None and len(asked.get_text()) > len("Fairness of work allocation")


def test_self_assessment_is_saved_and_audited(psw_client, cycle, db):
    response = psw_client.post(
        f"/reports/{cycle.id}/self-assessment",
        data={"strengths": "Supervision is valued", "improvements": "Caseloads"},
    )
    assert response.status_code == 302
    saved = db.session.scalar(select(SelfAssessment).where(SelfAssessment.cycle_id == cycle.id))
    assert saved.strengths == "Supervision is valued"
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.object_type == "self_assessment"))


def test_an_action_needs_area_action_and_owner(psw_client, cycle):
    response = psw_client.post(f"/reports/{cycle.id}/actions/new", data={"status": "not_started"})
    assert response.status_code == 200
    text = soup(response).select_one(".govuk-error-summary").get_text()
    assert "Select the area this action improves" in text
    assert "Enter the action" in text
    assert "Enter who owns the action" in text


def test_adding_and_changing_an_action(psw_client, cycle, db):
    response = psw_client.post(
        f"/reports/{cycle.id}/actions/new",
        data={
            "area": "workload",
            "action": "Review caseload weighting",
            "owner": "Head of service",
            "due_on": ["31", "3", "2027"],
            "status": "not_started",
        },
    )
    assert response.status_code == 302
    action = db.session.scalar(select(Action).where(Action.cycle_id == cycle.id))
    assert action.due_on == date(2027, 3, 31)
    response = psw_client.post(
        f"/reports/{cycle.id}/actions/{action.id}",
        data={
            "area": "workload",
            "action": "Review caseload weighting",
            "owner": "Head of service",
            "due_on": ["", "", ""],
            "status": "done",
        },
    )
    assert response.status_code == 302
    db.session.refresh(action)
    assert action.status == "done" and action.due_on is None
    page = soup(psw_client.get(f"/reports/{cycle.id}/actions"))
    assert "Review caseload weighting" in page.select_one("table").get_text()


def test_a_bad_due_date_is_explained(psw_client, cycle):
    response = psw_client.post(
        f"/reports/{cycle.id}/actions/new",
        data={
            "area": "tools",
            "action": "x",
            "owner": "y",
            "due_on": ["31", "2", "2027"],
            "status": "not_started",
        },
    )
    assert "Due date must be a real date" in response.get_data(as_text=True)


def test_open_actions_carry_into_the_next_cycle_once(app, db, user_factory):
    last = seed(0, "last", opens=date(2025, 1, 6), status="closed")
    this = seed(0, "next", opens=date(2026, 1, 6))
    user = user_factory("psw")
    for status in ("not_started", "in_progress", "done", "dropped"):
        action_plan.add_action(last, "tools", f"Action {status}", "Owner", None, status, user)
    copies = action_plan.carry_open_actions(this, user)
    assert sorted(a.action for a in copies) == ["Action in_progress", "Action not_started"]
    assert all(a.carried_from_cycle_id == last.id for a in copies)
    assert action_plan.carry_open_actions(this, user) == []
    assert len(action_plan.actions_for(this)) == 2


def test_creating_a_cycle_carries_the_open_actions_but_never_demo_ones(app, db, user_factory):
    from healthcheck.commands.cycles import cycles

    user = user_factory("psw")
    last = seed(0, "last", opens=date(2025, 1, 6), status="closed")
    action_plan.add_action(
        last, "tools", "Replace the laptops", "Head of IT", None, "in_progress", user
    )
    action_plan.add_action(
        last, "workload", "Weighted caseloads", "Team manager", None, "done", user
    )
    demo = seed(0, "demo-last", opens=date(2025, 6, 2), status="closed")
    demo.is_demo = True
    db.session.commit()
    action_plan.add_action(demo, "tools", "A demo action", "Demo owner", None, "not_started", user)

    result = app.test_cli_runner().invoke(
        cycles,
        ["create", "--name", "Health Check 2026", "--slug", "hc-2026", "--opens", "2026-01-05",
         "--closes", "2026-03-31"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Carried 1 open action from Cycle last" in result.output
    created = db.session.scalars(select(Cycle).where(Cycle.slug == "hc-2026")).one()
    carried = action_plan.actions_for(created)
    assert [(a.action, a.status, a.carried_from_cycle_id) for a in carried] == [
        ("Replace the laptops", "in_progress", last.id)
    ]
    assert not carried[0].is_demo
    # opening the plan later carries nothing twice
    assert action_plan.carry_open_actions(created, user) == []
    assert len(action_plan.actions_for(created)) == 1


def test_renaming_a_theme(psw_client, cycle):
    page = soup(psw_client.get(f"/reports/{cycle.id}/themes"))
    card = page.select_one(".govuk-summary-card")
    theme_id = card["id"].removeprefix("theme-")
    url = f"/reports/{cycle.id}/themes/{theme_id}/rename"
    response = psw_client.post(
        url, data={**form_values(psw_client.get(url)), "label": "Workload pressure"}
    )
    assert response.status_code == 302
    page = soup(psw_client.get(f"/reports/{cycle.id}/themes"))
    assert page.select_one(f"#theme-{theme_id} h2").get_text(strip=True) == "Workload pressure"


def test_merging_themes_needs_two(psw_client, cycle):
    page = soup(psw_client.get(f"/reports/{cycle.id}/themes"))
    ids = [c["id"].removeprefix("theme-") for c in page.select(".govuk-summary-card")]
    response = psw_client.post(
        f"/reports/{cycle.id}/themes/merge", data={"theme_ids": ids[:1], "label": "x"}
    )
    assert "Select at least two themes to merge" in response.get_data(as_text=True)
    response = psw_client.post(
        f"/reports/{cycle.id}/themes/merge", data={"theme_ids": ids[:2], "label": "Combined"}
    )
    assert response.status_code == 302
    page = soup(psw_client.get(f"/reports/{cycle.id}/themes"))
    assert "Combined" in [h.get_text(strip=True) for h in page.select(".govuk-summary-card h2")]


def test_xlsx_figures_equal_the_page_and_the_download_is_audited(psw_client, cycle, db):
    from openpyxl import load_workbook

    page = soup(psw_client.get(f"/reports/{cycle.id}/overview"))
    shown = {
        r.th.get_text(strip=True): float(r.select_one('[data-field="score"]').get_text())
        for r in page.select("table.app-table--numbers tbody tr")
    }
    response = psw_client.get(f"/reports/{cycle.id}/download/figures.xlsx")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.data))
    rows = list(book["Areas"].iter_rows(values_only=True))
    assert {r[0]: r[2] for r in rows[1:]} == shown
    assert db.session.scalar(
        select(AuditEvent).where(
            AuditEvent.action == "exported", AuditEvent.object_id == str(cycle.id)
        )
    )


def test_pdf_holds_the_area_names_and_scores(psw_client, cycle):
    from pypdf import PdfReader

    page = soup(psw_client.get(f"/reports/{cycle.id}/overview"))
    scores = [
        r.select_one('[data-field="score"]').get_text(strip=True)
        for r in page.select("table.app-table--numbers tbody tr")
    ]
    response = psw_client.get(f"/reports/{cycle.id}/download/self-assessment.pdf")
    assert response.mimetype == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    text = " ".join(text.split())
    for name in AREAS:
        assert name in text
    for score in scores:
        assert score in text


def test_csv_downloads(psw_client, cycle):
    for name in ("figures.csv", "themes.csv"):
        response = psw_client.get(f"/reports/{cycle.id}/download/{name}")
        assert response.status_code == 200 and response.mimetype == "text/csv"
    assert psw_client.get(f"/reports/{cycle.id}/download/other.zip").status_code == 404


def test_unknown_cycle_and_area_are_not_found(psw_client, cycle):
    assert psw_client.get("/reports/999/overview").status_code == 404
    assert psw_client.get(f"/reports/{cycle.id}/areas/nowhere").status_code == 404


def test_the_analysing_page_works_without_javascript(psw_client, cycle, monkeypatch):
    from healthcheck.reports import dashboard
    from healthcheck.results.state import AnalysisState

    monkeypatch.setattr(
        dashboard,
        "analysis_for",
        lambda c, start=True: AnalysisState("running", 40),
    )
    page = soup(psw_client.get(f"/reports/{cycle.id}/overview"))
    assert page.h1.get_text(strip=True) == "Analysing…"
    assert page.select_one("progress")["value"] == "40"
    assert page.find("a", string="Refresh")
    assert not page.select("script:not([src]):not([nonce])")


def test_status_is_json(psw_client, cycle):
    data = psw_client.get(f"/reports/{cycle.id}/analysis-status").get_json()
    assert set(data) == {"status", "progress", "ready", "stale"}


def test_default_cycle_is_the_open_one(psw_client, app):
    seed(0, "old", opens=date(2024, 1, 6), status="closed")
    current = seed(0, "current")
    page = soup(psw_client.get("/reports/"))
    assert page.select_one("a.govuk-button")["href"] == f"/reports/{current.id}/overview"
    assert Cycle


@pytest.mark.parametrize(
    "path, data",
    [
        (
            "actions/new",
            {"area": "nowhere", "action": "x" * 5000, "owner": "'; DROP TABLE", "status": "?"},
        ),
        (
            "actions/new",
            {
                "area": "tools",
                "action": "a",
                "owner": "b",
                "due_on": ["x", "99", "-1"],
                "status": "done",
            },
        ),
        ("actions/new", {"due_on": "31"}),
        ("self-assessment", {"strengths": "x" * 30000, "improvements": "\x00"}),
        ("themes/merge", {"theme_ids": ["no-such", "other"], "label": "x"}),
        ("themes/no-such/rename", {"label": "x"}),
    ],
)
def test_hostile_values_never_break_a_form(psw_client, cycle, path, data):
    response = psw_client.post(f"/reports/{cycle.id}/{path}", data=data)
    assert response.status_code in (200, 302, 400, 404), response.status_code
