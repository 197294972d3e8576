"""Human review: the PSW hides a quote or key term; it is gone from the page, the PDF, the XLSX
and the CSV, stays gone after the analysis runs again, and every hide is audited."""

import io

import pytest
from sqlalchemy import select

from healthcheck.models import AuditEvent, HiddenText
from tests.reports.seeding import seed
from tests.results.support import add_many
from tests.support.documents import soup

TEXTS = (
    "Caseloads are too high and we are understaffed",
    "My manager is supportive and helpful in supervision",
    "IT systems are slow and the laptops crash often",
    "Supervision is regular and useful for reflection",
    "Not enough time for reflection or training",
    "Duty weeks are chaotic and nobody covers sickness",
    "The hospital discharge team is under huge pressure",
    "Training courses are good but hard to get onto",
)


@pytest.fixture
def cycle(app):
    return seed(60, "review", texts=TEXTS)


def _downloads(client, cycle_id) -> str:
    from openpyxl import load_workbook
    from pypdf import PdfReader

    pdf = client.get(f"/reports/{cycle_id}/download/self-assessment.pdf").data
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    book = load_workbook(io.BytesIO(client.get(f"/reports/{cycle_id}/download/figures.xlsx").data))
    cells = [
        str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row
    ]
    csv_text = client.get(f"/reports/{cycle_id}/download/themes.csv").get_data(as_text=True)
    return " ".join((text + " " + " ".join(cells) + " " + csv_text).split())


def test_psw_hides_a_quote_and_it_is_gone_everywhere_even_after_a_rerun(psw_client, cycle, db):
    page = soup(psw_client.get(f"/reports/{cycle.id}/themes"))
    card = page.select_one(".govuk-summary-card")
    quote = card.select_one("blockquote").get_text(strip=True).strip("“”")
    link = card.select_one("a.app-hide-quote")["href"]
    assert quote in _downloads(psw_client, cycle.id)  # the first quote is in the PDF too

    form = psw_client.get(link)
    assert form.status_code == 200 and quote in form.get_data(as_text=True)
    refused = psw_client.post(link, data={"reason": ""})
    assert "Enter why you are hiding this quote" in refused.get_data(as_text=True)
    assert psw_client.post(link, data={"reason": "Could identify the writer"}).status_code == 302

    def shown():
        page_text = soup(psw_client.get(f"/reports/{cycle.id}/themes")).get_text(" ")
        return " ".join(page_text.split()) + " " + _downloads(psw_client, cycle.id)

    assert quote not in shown()
    # New responses make the analysis run again: the quote stays hidden.
    add_many(cycle, 3, {"Q2": quote, "about_role": "social_worker"})
    assert quote not in shown()
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "hidden"))
    assert event is not None and "Could identify the writer" in event.detail
    assert db.session.scalar(select(HiddenText.kind)) == "quote"


def test_psw_hides_a_key_term(psw_client, cycle, db):
    page = soup(psw_client.get(f"/reports/{cycle.id}/themes"))
    card = page.select_one(".govuk-summary-card")
    theme_id = card["id"].removeprefix("theme-")
    url = f"/reports/{cycle.id}/themes/{theme_id}/hide-term"
    form = soup(psw_client.get(url))
    term = form.select_one("input[name=term]")["value"]
    response = psw_client.post(url, data={"term": term, "reason": "Names a small team"})
    assert response.status_code == 302
    page = soup(psw_client.get(f"/reports/{cycle.id}/themes"))
    terms = page.select_one(f"#theme-{theme_id}").get_text(" ")
    row = [dd for dd in page.select(f"#theme-{theme_id} dd") if term in dd.get_text()]
    assert all(term not in [t.strip() for t in dd.get_text().split(",")] for dd in row), terms
    assert db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "hidden", AuditEvent.object_type == "term")
    )


def test_other_roles_cannot_hide(facilitator_client, admin_client, cycle):
    for client in (facilitator_client, admin_client):
        url = f"/reports/{cycle.id}/themes/t1/quotes/1/hide"
        assert client.post(url, data={"reason": "x"}).status_code == 403
