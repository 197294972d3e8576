"""Every place that states the response rate states it over the headcount it used, and says
what it left out: the response rate page, the overview, the endorser's review, the PDF, the
staff page and the Quality Report extract all say "17.4% of 230 staff, excluding ...", never
a rate beside the whole headcount it was not taken over. One rule, in
healthcheck/results/response_rate.py (rate_wording). No mocks: a seeded cycle, real pages
and a real PDF read with pdftotext."""

import csv
import io

import pytest

from healthcheck.extensions import db as _db
from healthcheck.results import response_rate
from tests.reports.seeding import seed
from tests.support.documents import pdf_text, soup

# 40 social workers (200 staff), 10 OT assistants (a wrong headcount of 6) and 10 "Other" (no
# headcount); the 30 managers gave no responses. The rate is 40 of 230 staff: before, it was
# said as "21.7% of 236 staff" (50 of 230, "Other" counted, beside the whole headcount).
WORDING = (
    "17.4% of 230 staff, excluding 1 role with more responses than its headcount "
    "and 1 role with no headcount"
)
WHOLE_HEADCOUNT = "of 236 staff"


def _about(i):
    return {"about_role": "social_worker" if i < 40 else "ot_assistant" if i < 50 else "other"}


@pytest.fixture
def cycle(app):
    cycle = seed(60, "this-year", about=_about)
    # seed's headcounts: social workers 200, managers 30, OT assistants 20, made wrong here.
    next(h for h in cycle.headcounts if h.role == "ot_assistant").headcount = 6
    _db.session.commit()
    return cycle


def test_the_rate_leaves_out_roles_over_their_headcount_or_without_one(cycle):
    rate = response_rate(cycle)

    assert (rate["responses"], rate["headcount"]) == (60, 236)
    assert (rate["rate_pct"], rate["rate_headcount"]) == (17.4, 230)
    assert rate["rate_excludes"] == {"over_headcount": 1, "no_headcount": 1}
    assert sorted(rate["rate_left_out"]) == ["Occupational therapy assistant", "Other"]


def test_pages_pdf_staff_page_and_extract_state_the_rate_over_the_headcount_used(
    app, cycle, psw_client, endorser_client
):
    page = soup(psw_client.get(f"/reports/{cycle.id}/response-rate")).main.get_text(" ")
    page = " ".join(page.split())
    assert f"60 responses: a response rate of {WORDING}." in page
    assert "Other: no headcount was given" in page
    assert "Occupational therapy assistant: more responses than the headcount" in page
    overview = soup(psw_client.get(f"/reports/{cycle.id}/overview")).main.get_text(" ")
    assert f"({WORDING})" in " ".join(overview.split())

    assert psw_client.post(f"/reports/{cycle.id}/self-assessment/submit").status_code == 302
    review = soup(endorser_client.get(f"/endorse/{cycle.id}/1")).main.get_text(" ")
    assert f"({WORDING})" in " ".join(review.split())
    endorsed = endorser_client.post(f"/endorse/{cycle.id}/1", data={"endorse": "Endorse"})
    assert endorsed.status_code == 302

    pdf = pdf_text(psw_client.get(f"/reports/{cycle.id}/versions/1/report.pdf").data)
    assert f"60 survey responses ({WORDING});" in pdf
    assert f"60 staff answered the survey, a response rate of {WORDING}." in pdf

    assert psw_client.post(f"/reports/{cycle.id}/versions/1/publish").status_code == 302
    staff = soup(app.test_client().get("/what-you-told-us/this-year")).main.get_text(" ")
    assert f"60 of you answered the health check survey ({WORDING})" in " ".join(staff.split())

    body = psw_client.get(f"/reports/{cycle.id}/download/quality-report.csv").data
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    rate_row = next(r for r in rows if r["measure"] == "response_rate_pct")
    assert (rate_row["value"], rate_row["detail"]) == ("17.4", WORDING)
    data = psw_client.get(f"/reports/{cycle.id}/download/quality-report.json").get_json()
    assert data["response_rate"]["rate_headcount"] == 230

    for text in (page, overview, review, pdf, staff, body.decode("utf-8-sig")):
        assert WHOLE_HEADCOUNT not in text and "21.7% of 2" not in text


def test_with_nothing_left_out_the_rate_reads_as_before(app, psw_client):
    cycle = seed(30, "plain", about=lambda i: {"about_role": "social_worker"})
    rate = response_rate(cycle)
    assert rate["rate_excludes"] == {"over_headcount": 0, "no_headcount": 0}
    page = " ".join(soup(psw_client.get(f"/reports/{cycle.id}/response-rate")).get_text().split())
    assert "30 responses: a response rate of 12.0% of 250 staff." in page
    assert "excluding" not in page and "leaves out" not in page


def test_a_snapshot_made_before_the_rate_said_what_it_left_out_reads_as_it_did(app):
    """A frozen report keeps its words: an old snapshot has no rate_headcount."""
    from healthcheck.results.response_rate import rate_wording

    old = {"rate_pct": 43.4, "headcount": 950, "responses": 412}
    assert rate_wording(old) == "43.4% of 950 staff"
    assert rate_wording({"rate_pct": None, "headcount": 950}) is None
    several = {"rate_pct": 50.0, "rate_headcount": 10, "rate_excludes": {"over_headcount": 2}}
    assert rate_wording(several) == (
        "50.0% of 10 staff, excluding 2 roles with more responses than their headcounts"
    )
