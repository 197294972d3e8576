"""The board report's content, as a board member reads it: questions by their short titles,
the change since the previous health check, strengths by one rule, evidence without
placeholder sentences, focus-group totals of complete groups only. Found when the endorsed
demo report was read at the end of issue 15. No mocks: seeded cycles, real pages and PDFs."""

import io
import json
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from healthcheck.extensions import db as _db
from healthcheck.models import AssessmentVersion, FocusGroup, FocusGroupNote
from healthcheck.reports import assessment
from healthcheck.reports.area_evidence import evidence_options
from surveys import load_bundled
from tests.reports.seeding import seed
from tests.results.support import add_response
from tests.support.documents import form_values, pdf_text, soup

LONG_Q7 = "need a variety of tools to practice effectively"
PLACEHOLDER_NOTE = "Ring Mrs Okafor at 12 Oak Road, York YO1 7HH. Pool cars are never free."


def _group(cycle, participants, status, **fields):
    group = FocusGroup(
        cycle_id=cycle.id,
        instrument_id="appendix5",
        instrument_version=1,
        held_on=cycle.opens_on + timedelta(days=3),
        team="North locality",
        participants=participants,
        consent_confirmed=True,
        status=status,
        **fields,
    )
    _db.session.add(group)
    return group


@pytest.fixture
def cycles(app):
    """Last year's closed cycle and this year's, each with 60 responses; this year has a
    complete focus group (a note that is partly placeholders) and a draft one."""
    opens = date.today() - timedelta(days=380)
    last = seed(60, "last-year", opens=opens, status="closed", seed=2)
    this = seed(60, "this-year", seed=3)
    complete = _group(this, 7, "complete", summary="Workload dominated the discussion.")
    complete.notes = [FocusGroupNote(key="Q7", text=PLACEHOLDER_NOTE)]
    _group(this, 12, "draft", summary="Not typed up yet.")
    _db.session.commit()
    return last, this


def _submit_and_endorse(cycle, psw_client, endorser_client):
    assert psw_client.post(f"/reports/{cycle.id}/self-assessment/submit").status_code == 302
    response = endorser_client.post(f"/endorse/{cycle.id}/1", data={"endorse": "Endorse"})
    assert response.status_code == 302
    version = _db.session.scalar(
        select(AssessmentVersion).where(AssessmentVersion.cycle_id == cycle.id)
    )
    assert version.status == "endorsed"
    return version


def test_questions_go_by_their_short_titles_in_the_snapshot_pdf_proposals_and_xlsx(
    cycles, psw_client, endorser_client
):
    from openpyxl import load_workbook

    _, this = cycles
    instrument = load_bundled("appendix5", 1)
    titles = {q.id: q.short_title for q in instrument.questions}
    titles.update({f"{q.id}.{r.code}": r.short_title for q in instrument.questions for r in q.rows})
    proposals = []
    for area in ("workload", "workflow", "tools", "workplace", "delivery"):
        page = soup(psw_client.get(f"/reports/{this.id}/self-assessment/{area}"))
        proposals += [li.get_text(" ", strip=True) for li in page.select("[data-proposals] li")]
    assert proposals
    assert not any("…" in line or LONG_Q7 in line for line in proposals)

    version = _submit_and_endorse(this, psw_client, endorser_client)
    snap = json.loads(version.snapshot)
    labels = {q["id"]: q["label"] for a in snap["areas"] for q in a["questions"]}
    assert labels == {key: titles[key] for key in labels}
    assert labels["Q7.it"] == "Access to IT"
    assert labels["Q14.work"] == "Supervision makes a difference to your work"
    assert "…" not in version.snapshot

    text = pdf_text(psw_client.get(f"/reports/{this.id}/versions/1/report.pdf").data)
    assert "Access to IT" in text and "Fairness of work allocation" in text
    assert "…" not in text and LONG_Q7 not in text
    assert "Right knowledge and skills (staff's own view)" in text  # self-rated, said so

    book = load_workbook(
        io.BytesIO(psw_client.get(f"/reports/{this.id}/download/figures.xlsx").data)
    )
    rows = list(book["Questions"].iter_rows(values_only=True))
    column = rows[0].index("Question")
    shown = {row[1]: row[column] for row in rows[1:]}
    assert shown["Q7.it"] == "Access to IT" and shown["Q1"] == "Fairness of work allocation"
    assert all(len(name) <= 60 for name in shown.values())


def test_the_board_report_lists_every_theme_the_themes_page_shows(
    cycles, psw_client, endorser_client
):
    # Each area shows its three themes that speak most for it; a theme no area leads (a
    # concern written under many questions) was in no part of the report. Its table of all
    # themes leaves none out, with their counts.
    _, this = cycles
    page = soup(psw_client.get(f"/reports/{this.id}/themes"))
    shown = [h.get_text(strip=True) for h in page.select("h2.govuk-summary-card__title")]
    assert len(shown) >= 3
    version = _submit_and_endorse(this, psw_client, endorser_client)
    snap = json.loads(version.snapshot)
    assert [t["label"] for t in snap["themes"]] == shown
    in_areas = {t["label"] for a in snap["areas"] for t in a["themes"]}
    assert in_areas <= set(shown)
    for theme in snap["themes"]:
        counts = theme["counts"]
        assert sum(counts.values()) == theme["size"]
    pdf = psw_client.get(f"/reports/{this.id}/versions/1/report.pdf").data
    text = re.sub(r"\s+", " ", pdf_text(pdf))
    assert "All themes in what staff wrote" in text
    for label in shown:
        assert re.sub(r"\s+", " ", label) in text, label


def test_a_theme_renamed_with_personal_details_reaches_the_board_redacted(
    cycles, psw_client, endorser_client
):
    # The PSW's own words go through the one redaction engine before the board and staff
    # read them: a theme's new name too, in the area sections and the table of all themes.
    _, this = cycles
    page = soup(psw_client.get(f"/reports/{this.id}/themes"))
    theme_id = page.select_one(".govuk-summary-card")["id"].removeprefix("theme-")
    label = "Workload, ring jo.bloggs@example.org or 07700 900123"
    url = f"/reports/{this.id}/themes/{theme_id}/rename"
    response = psw_client.post(url, data={**form_values(psw_client.get(url)), "label": label})
    assert response.status_code == 302
    version = _submit_and_endorse(this, psw_client, endorser_client)
    assert "jo.bloggs" not in version.snapshot and "900123" not in version.snapshot
    snap = json.loads(version.snapshot)
    assert any(t["label"].startswith("Workload, ring [") for t in snap["themes"])
    text = pdf_text(psw_client.get(f"/reports/{this.id}/versions/1/report.pdf").data)
    assert "jo.bloggs" not in text and "900123" not in text


def test_the_change_since_the_previous_health_check_reaches_the_endorsed_report(
    cycles, psw_client, endorser_client
):
    last, this = cycles
    version = _submit_and_endorse(this, psw_client, endorser_client)
    snap = json.loads(version.snapshot)
    assert snap["compared_with"] == last.name
    changes = [a["change"] for a in snap["areas"]]
    assert all(isinstance(c, float) for c in changes), changes
    text = pdf_text(psw_client.get(f"/reports/{this.id}/versions/1/report.pdf").data)
    assert f"change since {last.name}" in text  # each area's line
    assert "not available" not in text and "no earlier health check" not in text
    first = snap["areas"][0]["change"]
    assert f"{first:+.1f}" in text
    # The proposed rationale says it too.
    page = soup(psw_client.get(f"/reports/{this.id}/self-assessment/workload"))
    assert f"on {last.name}" in page.get_text(" ")

    # Last year's own report has nothing earlier to compare with, and says so.
    older = pdf_text(psw_client.get(f"/reports/{last.id}/download/self-assessment.pdf").data)
    assert "no earlier health check" in older and "not available" not in older


def test_placeholder_sentences_and_draft_focus_groups_stay_out_of_the_board_report(
    cycles, psw, psw_client, endorser_client, app
):
    _, this = cycles
    assessment.save_area(
        this,
        "tools",
        rating="amber",
        rationale="",
        strengths="",
        improvements="",
        evidence=[{"id": "x", "kind": "Theme", "text": "Mrs Okafor, 12 Oak Road, York YO1 7HH."}],
        user=psw,
    )
    version = _submit_and_endorse(this, psw_client, endorser_client)
    snap = json.loads(version.snapshot)
    tools = next(a for a in snap["areas"] if a["id"] == "tools")
    assert tools["evidence"] == []  # nothing but placeholders: left out
    notes = [n["text"] for block in tools["focus_groups"]["notes"] for n in block["notes"]]
    assert notes == ["Pool cars are never free."]  # the sentence about nothing else went
    assert "[address]" not in version.snapshot
    # The draft group (12 participants) is in no total.
    assert snap["focus_group_count"] == {"held": 1, "participants": 7}
    text = pdf_text(psw_client.get(f"/reports/{this.id}/versions/1/report.pdf").data)
    assert "1 focus group with 7 participants" in text
    assert "19 participants" not in text and "Not typed up yet" not in text
    psw_client.post(f"/reports/{this.id}/versions/1/publish")
    staff = app.test_client().get("/what-you-told-us/this-year").get_data(as_text=True)
    assert re.search(r"7 took part in 1 focus group\b", " ".join(staff.split()))


def test_overview_strengths_follow_the_area_rule(cycles, psw_client):
    """The overview proposes only green questions on which staff did not rate themselves."""
    _, this = cycles
    add_many_green(this)
    page = soup(psw_client.get(f"/reports/{this.id}/overview"))
    items = page.find("h2", string="Proposed strengths").find_next("ul").select("li")
    scores = [float(m) for li in items for m in re.findall(r": (\d+\.\d)\)", li.get_text())]
    assert scores and all(s >= 70 for s in scores)
    assert not any("Right knowledge and skills" in li.get_text() for li in items)


def add_many_green(cycle):
    """Eighty respondents who find work allocated very fairly (Q1 turns green) and say they
    have the right knowledge and skills (self-rated: green, but never a strength)."""
    for _ in range(80):
        add_response(cycle, {"Q1": "very_fairly", "Q9": "yes"})


def test_a_focus_group_cannot_be_added_to_a_closed_endorsed_cycle(
    cycles, psw_client, endorser_client, facilitator_client
):
    last, this = cycles
    _submit_and_endorse(last, psw_client, endorser_client)
    page = soup(facilitator_client.get("/focus-groups/new"))
    offered = {i["value"] for i in page.select("input[name=cycle]")}
    assert offered == {str(this.id)}
    before = _db.session.scalar(select(func.count()).select_from(FocusGroup))
    response = facilitator_client.post("/focus-groups/new", data={"cycle": str(last.id)})
    assert response.status_code == 400
    assert _db.session.scalar(select(func.count()).select_from(FocusGroup)) == before


def test_focus_group_pages_name_the_area_as_the_survey_does_and_say_they_are_not_anonymous(
    cycles, facilitator_client
):
    _, this = cycles
    response = facilitator_client.post("/focus-groups/new", data={"cycle": str(this.id)})
    group_url = response.location.rsplit("/edit", 1)[0]
    edit = soup(facilitator_client.get(f"{group_url}/edit/delivery"))
    assert edit.h1.get_text(strip=True) == "Effective service delivery"
    view = facilitator_client.get(group_url).get_data(as_text=True)
    assert "Approach to Practice" not in view and "Effective service delivery" in view
    assert "Focus groups are not anonymous" in view


def test_a_survey_comment_is_shown_under_the_survey_wording(cycles, psw_client):
    _, this = cycles
    add_response(this, {"Q2": "I was bullied by my manager in supervision for months"})
    page = soup(psw_client.get(f"/reports/{this.id}/sensitive-comments"))
    card = " ".join(page.select_one(".app-sensitive").get_text(" ").split())
    assert "Q2: Tell us how you manage the tasks and demands of your caseload" in card
    assert "Tell me about" not in card  # the focus group's wording


def test_the_endorser_comment_uses_the_shared_reason_field(cycles, psw_client, endorser_client):
    _, this = cycles
    psw_client.post(f"/reports/{this.id}/self-assessment/submit")
    response = endorser_client.post(
        f"/endorse/{this.id}/1", data={"endorse": "Endorse", "comment": "x" * 5001}
    )
    assert response.status_code == 200
    assert "Comments must be 5,000 characters or fewer" in response.get_data(as_text=True)


def test_a_quote_with_a_placeholder_reaches_neither_the_board_nor_staff(
    cycles, psw, psw_client, endorser_client, app
):
    """Review 2, finding 5: "My manager [name] is great but…" was in the board PDF and on
    "What you told us". Evidence offers another quote of the theme, or none; a line ticked
    with such a quote keeps its theme and loses the quote."""
    page = {
        "area": {"id": "workplace"},
        "questions": [],
        "metrics": [],
        "themes": [
            {
                "id": 1,
                "label": "Good supervision",
                "sentiment": "Mixed",
                "quotes": [
                    {"text": "My manager [name] is great but supervision keeps being moved."},
                    {"text": "Supervision is valued when it happens."},
                ],
            },
            {
                "id": 2,
                "label": "Commissioned services",
                "sentiment": "Mostly negative",
                "quotes": [{"text": "On case [case number] the provider pulled out twice."}],
            },
        ],
    }
    words = {"questions": {}, "quotes": []}
    texts = [o["text"] for o in evidence_options({}, page, words)]
    assert texts == [
        "“Good supervision” (mixed): “Supervision is valued when it happens.”",
        "“Commissioned services” (mostly negative)",
    ]
    _, this = cycles
    ticked = (
        "“Good supervision” (mixed): “I spoke to [name] about supervision but nothing changed.”"
    )
    assessment.save_area(
        this,
        "tools",
        rating="amber",
        rationale="",
        strengths="",
        improvements="",
        evidence=[{"id": "t:1", "kind": "Theme", "text": ticked}],
        user=psw,
    )
    version = _submit_and_endorse(this, psw_client, endorser_client)
    tools = next(a for a in json.loads(version.snapshot)["areas"] if a["id"] == "tools")
    assert tools["evidence"] == [{"kind": "Theme", "text": "“Good supervision” (mixed)"}]
    assert all(
        "[" not in q
        for a in json.loads(version.snapshot)["areas"]
        for t in a["themes"]
        for q in t["quotes"]
    )
    text = pdf_text(psw_client.get(f"/reports/{this.id}/versions/1/report.pdf").data)
    assert "“Good supervision” (mixed)" in text and "I spoke to" not in text
    psw_client.post(f"/reports/{this.id}/versions/1/publish")
    staff = app.test_client().get("/what-you-told-us/this-year").get_data(as_text=True)
    assert "Good supervision" in staff and "I spoke to" not in staff
