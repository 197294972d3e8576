"""The sensitive comments page: PSW only, redacted, area and question only, never in a
report or download, and the organisation's routes shown."""

import io

import pytest
from bs4 import BeautifulSoup

from tests.reports.seeding import seed
from tests.results.support import add_response

DISCLOSURE = "I was bullied by Brenda Thistlewood in supervision for months"


@pytest.fixture
def cycle(app):
    cycle = seed(30, "sensitive")
    add_response(cycle, {"Q2": DISCLOSURE, "about_role": "ot_assistant"})
    return cycle


def test_the_psw_sees_the_redacted_disclosure_without_who_wrote_it(psw_client, cycle):
    response = psw_client.get(f"/reports/{cycle.id}/sensitive-comments")
    assert response.status_code == 200
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    cards = page.select(".app-sensitive")
    assert len(cards) == 1
    text = " ".join(cards[0].get_text(" ").split())
    assert "Bullying" in text and "[name]" in text
    assert "Thistlewood" not in text and "Brenda" not in text
    assert "Effective workload management" in text and "Q2" in text
    assert "OT assistant" not in text and "ot_assistant" not in text
    assert page.select_one("#route-safeguarding").get_text(strip=True)
    assert page.select_one("#route-whistleblowing").get_text(strip=True)


def test_it_is_in_no_report_or_download(psw_client, cycle):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    shown = psw_client.get(f"/reports/{cycle.id}/themes").get_data(as_text=True)
    shown += psw_client.get(f"/reports/{cycle.id}/download/themes.csv").get_data(as_text=True)
    pdf = psw_client.get(f"/reports/{cycle.id}/download/self-assessment.pdf").data
    shown += " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    book = load_workbook(
        io.BytesIO(psw_client.get(f"/reports/{cycle.id}/download/figures.xlsx").data)
    )
    shown += " ".join(
        str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row
    )
    assert "bullied" not in shown.lower()
    assert "Sensitive" not in shown.replace("Sensitive comments</a>", "")


# Ten or more in one role wrote these: any other comment of theirs could be quoted, so only
# the sensitive rule keeps these out of the themes, the area pages and every download.
QUOTABLE = [
    "I have been bullied by a senior manager in team meetings for months.",
    "I was bullied by a senior manager after I raised concerns about workload.",
    "Being bullied by a senior manager has made me dread coming to work.",
    "I am bullied by a senior manager and have reported it twice.",
]


@pytest.fixture
def quotable_cycle(app):
    from tests.support.factories import close_cycle

    cycle = seed(30, "sensitive-quotable")
    for i in range(16):
        add_response(cycle, {"Q2": QUOTABLE[i % 4], "about_role": "social_worker"})
    return close_cycle(cycle)


def test_a_disclosure_from_a_quotable_group_is_in_no_report_or_download(psw_client, quotable_cycle):
    from openpyxl import load_workbook

    from analysis.sensitive import is_sensitive

    assert all(is_sensitive(text) for text in QUOTABLE)
    cycle = quotable_cycle
    listed = psw_client.get(f"/reports/{cycle.id}/sensitive-comments").get_data(as_text=True)
    assert listed.count("senior manager") >= 4
    shown = ""
    for path in ("themes", "overview", "areas/workload", "self-assessment/workload"):
        response = psw_client.get(f"/reports/{cycle.id}/{path}")
        assert response.status_code == 200, path
        shown += response.get_data(as_text=True)
    for name in ("themes.csv", "figures.csv"):
        shown += psw_client.get(f"/reports/{cycle.id}/download/{name}").get_data(as_text=True)
    export = psw_client.get(f"/exports/{cycle.id}/responses.csv")
    assert export.status_code == 200
    shown += export.get_data(as_text=True)
    book = load_workbook(
        io.BytesIO(psw_client.get(f"/reports/{cycle.id}/download/figures.xlsx").data)
    )
    shown += " ".join(
        str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row
    )
    assert "bullied" not in shown.lower()
    # The group's other comments still are: only the disclosures are held back.
    assert "Caseloads are too high" in shown


def test_only_the_psw_opens_it(facilitator_client, admin_client, cycle):
    for client in (facilitator_client, admin_client):
        assert client.get(f"/reports/{cycle.id}/sensitive-comments").status_code == 403


def test_the_routes_are_settings(app_factory, monkeypatch):
    monkeypatch.setenv("HEALTHCHECK_SAFEGUARDING_ROUTE", "Call the MASH on 0000")
    app = app_factory()
    assert app.config["SENSITIVE_SAFEGUARDING_ROUTE"] == "Call the MASH on 0000"
