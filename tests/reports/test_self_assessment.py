"""The per-area self-assessment, its endorsement, the board report and the staff page, on a
seeded cycle with a focus group and organisational figures (no mocks)."""

import io
import json
import re
import subprocess
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from healthcheck.extensions import db as _db
from healthcheck.models import (
    Action,
    AreaAssessmentRevision,
    AssessmentVersion,
    AuditEvent,
    FocusGroup,
    FocusGroupNote,
    Metric,
)
from healthcheck.templating import uk_date
from tests.reports.seeding import seed
from tests.support.documents import pdf_text, soup

AREAS = (
    "Effective workload management",
    "Proactive workflow management",
    "Having the right tools to do the job",
    "A healthy workplace",
    "Effective service delivery",
)
FG_QUOTE = "The laptops freeze every afternoon"
UNSAFE_QUOTE = "Ring Dave on 07700 900123 about the rota"


@pytest.fixture
def cycle(app):
    cycle = seed(60, "this-year")
    group = FocusGroup(
        cycle_id=cycle.id,
        instrument_id="appendix5",
        instrument_version=1,
        held_on=date(2026, 3, 4),
        team="North locality",
        participants=7,
        consent_confirmed=True,
        status="complete",
        key_quotes=f"Q9: {FG_QUOTE}\n{UNSAFE_QUOTE}",
        summary="Workload dominated the discussion.",
    )
    group.notes = [
        FocusGroupNote(key="Q1", text="Caseloads feel unmanageable in winter."),
        FocusGroupNote(key="topic.supervision", text="Supervision is regular but rushed."),
    ]
    small = FocusGroup(
        cycle_id=cycle.id,
        instrument_id="appendix5",
        instrument_version=1,
        held_on=date(2026, 3, 5),
        team="Tiny team",
        participants=3,
        consent_confirmed=True,
        status="complete",
        key_quotes="Q9: Only three of us said this",
    )
    _db.session.add_all([group, small])
    _db.session.add(
        Metric(
            cycle_id=cycle.id,
            name="Average caseload",
            value=21.0,
            target=20.0,
            better="lower",
            area="workload",
            period="Q4",
        )
    )
    _db.session.commit()
    return cycle


def _tools_question(cycle_id, client):
    page = soup(client.get(f"/reports/{cycle_id}/areas/tools"))
    return page


def test_psw_writes_submits_endorser_endorses_and_the_pdf_is_frozen(
    app, cycle, psw_client, endorser_client, endorser, db
):
    base = f"/reports/{cycle.id}/self-assessment"
    page = soup(psw_client.get(f"{base}/workload"))
    assert page.h1.get_text(strip=True) == "Effective workload management"
    proposals = page.select('[data-proposals="strengths"] li')
    assert proposals, "the analysis proposes strengths"
    first = proposals[0].get_text(" ", strip=True).rsplit(" Insert", 1)[0]

    # one click inserts the proposal into what is already typed, and saves the draft
    response = psw_client.post(
        f"{base}/workload",
        data={"strengths": "Our own words.", "insert": "strengths:0", "rating": ""},
    )
    assert response.status_code == 302 and response.location.endswith("#strengths")
    page = soup(psw_client.get(f"{base}/workload"))
    text = page.select_one("textarea[name=strengths]").get_text()
    assert text.startswith("Our own words.\n") and first.split(":")[0] in text

    # then edited and saved with a judgement and evidence
    evidence = [i["value"] for i in page.select("input[name=evidence]")]
    assert any(v.startswith("m:") for v in evidence)  # the organisation's figure
    for area in ("workload", "workflow", "tools", "workplace", "delivery"):
        response = psw_client.post(
            f"{base}/{area}",
            data={
                "rating": "amber",
                "rationale": f"Rationale for {area}.",
                "strengths": f"Strength of {area}.\nSecond line.",
                "improvements": f"Improve {area}.",
                "evidence": evidence[:2] if area == "workload" else [],
            },
        )
        assert response.status_code == 302, area
    assert len(list(db.session.scalars(select(AreaAssessmentRevision)))) == 6  # history kept

    _db.session.add(
        Action(
            cycle_id=cycle.id,
            area="workload",
            action="Review caseload weighting with Brenda Thistlewood",
            owner="Head of Service",
            due_on=date.today() + timedelta(days=30),
        )
    )
    _db.session.commit()

    assert psw_client.post(f"{base}/submit").status_code == 302
    version = db.session.scalar(select(AssessmentVersion))
    assert (version.number, version.status) == (1, "submitted")
    page = soup(psw_client.get(base))
    assert "waiting for endorsement" in page.get_text() and not page.select("[data-endorsed]")
    assert psw_client.post(f"{base}/submit").status_code == 302  # a second one is refused
    assert db.session.query(AssessmentVersion).count() == 1

    review = soup(endorser_client.get(f"/endorse/{cycle.id}/1"))
    assert "Strength of workload." in review.get_text()
    response = endorser_client.post(
        f"/endorse/{cycle.id}/1", data={"comment": "Agreed at SMT", "endorse": "Endorse"}
    )
    assert response.status_code == 302
    db.session.refresh(version)
    assert (version.status, version.endorser_name) == ("endorsed", "Erin Endorser")
    # the PSW's page says so first, and that nothing more needs submitting
    note = soup(psw_client.get(base)).select_one("[data-endorsed]").get_text(" ", strip=True)
    assert f"Version 1 was endorsed by Erin Endorser on {uk_date(date.today())}" in note
    assert "publish it to all staff" in note and "You do not need to submit again" in note

    pdf_url = f"/reports/{cycle.id}/versions/1/report.pdf"
    first_pdf = psw_client.get(pdf_url).data
    text = pdf_text(first_pdf)
    assert f"Endorsed by Erin Endorser on {uk_date(date.today())}" in text
    assert app.config["ORGANISATION_NAME"] in text
    assert "Executive summary" in text
    for name in AREAS:
        assert name in text
    assert text.count("Judgement: Amber") == 5
    assert "Rationale for tools." in text
    assert "Focus-group evidence" in text
    assert FG_QUOTE in text and "Focus group, 7 participants, March 2026" in text
    assert "Caseloads feel unmanageable in winter." in text
    assert "Supervision is regular but rushed." in text  # a discussion topic
    assert UNSAFE_QUOTE not in text and "07700" not in text  # failed the redaction check
    assert "Only three of us" not in text and "3 participants" not in text  # group under 5
    assert "North locality" not in text  # the team is never named
    assert "Action plan" in text and "Review caseload weighting" in text
    assert "Appendix: method and anonymity" in text
    info = subprocess.run(["pdfinfo", "-"], input=first_pdf, capture_output=True, check=True)
    assert "Tagged:          yes" in info.stdout.decode()  # PDF/UA-1: tagged for screen readers
    fonts = subprocess.run(["pdffonts", "-"], input=first_pdf, capture_output=True, check=True)
    families = {
        line.split()[0].split("+")[-1].split("-")[0]
        for line in fonts.stdout.decode().splitlines()[2:]
    }
    assert families == {"DejaVu"}  # one type family
    assert "Page 2 of" in text  # page numbers

    # more edits to the draft and the plan: the endorsed PDF does not change by one byte
    psw_client.post(
        f"{base}/workload",
        data={"rating": "red", "strengths": "Rewritten.", "improvements": "", "rationale": ""},
    )
    _db.session.add(Action(cycle_id=cycle.id, area="tools", action="New laptops", owner="IT"))
    _db.session.commit()
    assert psw_client.get(pdf_url).data == first_pdf
    draft = pdf_text(psw_client.get(f"/reports/{cycle.id}/download/self-assessment.pdf").data)
    assert "Draft: not yet endorsed" in draft and "Rewritten." in draft

    actions = {e.action for e in db.session.scalars(select(AuditEvent))}
    assert {"changed", "submitted", "endorsed", "exported"} <= actions

    # publish: all staff can read it without signing in, and see the plan's live status
    assert psw_client.post(f"/reports/{cycle.id}/versions/1/publish").status_code == 302
    note = soup(psw_client.get(base)).select_one("[data-endorsed]").get_text(" ", strip=True)
    assert f"published to all staff on {uk_date(date.today())}" in note
    # the draft was edited after version 1 went in: the page says so, not "no need to submit"
    assert "The draft has changed since version 1 was submitted" in note
    assert "You do not need to submit again" not in note
    anonymous = app.test_client()
    page = soup(anonymous.get("/what-you-told-us/this-year"))
    assert "What you told us" in page.h1.get_text()
    assert "Review caseload weighting with [name]" in page.get_text()
    assert "Thistlewood" not in page.get_text()  # the staff page redacts the plan's text too
    assert "New laptops" in page.get_text()  # the plan is read live
    assert "Improve tools." in page.get_text()


def test_a_returned_version_needs_a_comment_and_the_next_submission_is_a_new_version(
    cycle, psw_client, endorser_client, db
):
    base = f"/reports/{cycle.id}/self-assessment"
    psw_client.post(f"{base}/workload", data={"rating": "green", "strengths": "A"})
    psw_client.post(f"{base}/submit")
    page = soup(
        endorser_client.post(f"/endorse/{cycle.id}/1", data={"send_back": "Return", "comment": ""})
    )
    assert "Write what should change" in page.get_text()
    endorser_client.post(f"/endorse/{cycle.id}/1", data={"send_back": "Return", "comment": "More"})
    psw_client.post(f"{base}/submit")
    assert [
        (v.number, v.status)
        for v in db.session.scalars(select(AssessmentVersion).order_by(AssessmentVersion.number))
    ] == [(1, "returned"), (2, "submitted")]
    assert endorser_client.get("/what-you-told-us/this-year").status_code == 404  # unpublished
    assert psw_client.post(f"/reports/{cycle.id}/versions/2/publish").status_code == 302
    assert endorser_client.get("/what-you-told-us/this-year").status_code == 404  # not endorsed


def test_one_status_vocabulary_for_a_figure_on_pages_pdf_and_xlsx(cycle, psw_client):
    """21 against a target of 20 (lower is better) is "Just missed" everywhere."""
    from openpyxl import load_workbook

    area = soup(psw_client.get(f"/reports/{cycle.id}/areas/workload"))
    row = next(r for r in area.select("tr") if "Average caseload" in r.get_text())
    assert row.select_one(".govuk-tag").get_text(strip=True) == "Just missed"
    figures = soup(psw_client.get(f"/metrics/?cycle={cycle.id}"))
    row = next(r for r in figures.select("tr") if "Average caseload" in r.get_text())
    assert "Just missed" in row.get_text()
    text = pdf_text(psw_client.get(f"/reports/{cycle.id}/download/self-assessment.pdf").data)
    assert "Average caseload (Q4) 21 20 Just missed" in text  # whole numbers as written
    book = load_workbook(
        io.BytesIO(psw_client.get(f"/reports/{cycle.id}/download/figures.xlsx").data)
    )
    rows = list(book["Organisational figures"].iter_rows(values_only=True))
    assert rows[1][-1] == "Just missed"
    for words in ("Amber", "Red", "Green"):
        assert words not in {r[-1] for r in rows[1:]}


def test_overdue_actions_are_flagged_on_the_plan_overview_pdf_and_xlsx(cycle, psw_client):
    from openpyxl import load_workbook

    past = date.today() - timedelta(days=3)
    _db.session.add_all(
        [
            Action(cycle_id=cycle.id, area="tools", action="Late one", owner="A", due_on=past),
            Action(
                cycle_id=cycle.id,
                area="tools",
                action="Done late",
                owner="B",
                due_on=past,
                status="done",
            ),
            Action(
                cycle_id=cycle.id,
                area="tools",
                action="Not due",
                owner="C",
                due_on=date.today() + timedelta(days=3),
            ),
        ]
    )
    _db.session.commit()
    plan = soup(psw_client.get(f"/reports/{cycle.id}/actions"))
    flagged = [r.get_text(" ", strip=True) for r in plan.select("tr") if r.select("[data-overdue]")]
    assert len(flagged) == 1 and "Late one" in flagged[0]
    overview = soup(psw_client.get(f"/reports/{cycle.id}/overview"))
    assert overview.select_one("[data-overdue-count]")["data-overdue-count"] == "1"
    text = pdf_text(psw_client.get(f"/reports/{cycle.id}/download/self-assessment.pdf").data)
    assert f"Late one A {uk_date(past)} Not started Overdue" in text
    assert f"Done late B {uk_date(past)} Done Overdue" not in text
    book = load_workbook(
        io.BytesIO(psw_client.get(f"/reports/{cycle.id}/download/figures.xlsx").data)
    )
    sheet = book["Action plan"]
    header = [c.value for c in sheet[1]]
    late = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "Late one")
    due = late[header.index("Due")]
    assert due.value.date() == past and due.number_format == "d mmmm yyyy"  # a date, not text
    assert late[header.index("Overdue")].value == "Overdue"
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width >= 10


def test_the_snapshot_is_stored_as_canonical_json(cycle, psw_client, db):
    psw_client.post(f"/reports/{cycle.id}/self-assessment/submit")
    version = db.session.scalar(select(AssessmentVersion))
    data = json.loads(version.snapshot)
    assert version.snapshot == json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert [a["name"] for a in data["areas"]] == list(AREAS)


def test_endorser_role_on_postgresql(pg_app, user_factory):
    """The migration's new role check holds on PostgreSQL too."""
    from healthcheck.models import User

    user = user_factory("endorser", name="Pg Endorser")
    assert _db.session.get(User, user.id).role_name == "Endorser"


def test_area_pages_show_focus_group_words_under_the_quote_rule(cycle, psw_client):
    tools = soup(psw_client.get(f"/reports/{cycle.id}/areas/tools"))
    words = tools.select_one("[data-focus-group-words]").get_text(" ", strip=True)
    assert FG_QUOTE in words and "Focus group, 7 participants, March 2026" in words
    assert "Only three of us" not in tools.get_text() and UNSAFE_QUOTE not in tools.get_text()
    workload = soup(psw_client.get(f"/reports/{cycle.id}/areas/workload"))
    assert "Caseloads feel unmanageable in winter." in workload.get_text()
    # Notes go under the question's short title, not "Question 1".
    headings = [h.get_text(strip=True) for h in workload.select("[data-focus-group-words] h4")]
    assert headings and not [h for h in headings if h.startswith("Question ")], headings
    assert "5 or more participants" in workload.get_text()  # the rule is said on the page
    assert "top two answers on scales of five points" in workload.get_text()  # favourable


def test_quality_report_extract_repeats_the_endorsed_figures_with_live_actions(
    cycle, psw_client, endorser_client
):
    import csv as _csv

    psw_client.post(f"/reports/{cycle.id}/self-assessment/workload", data={"rating": "red"})
    draft = psw_client.get(f"/reports/{cycle.id}/download/quality-report.json").get_json()
    assert draft["format"] == "healthcheck-quality-report/1" and draft["status"] == "draft"
    psw_client.post(f"/reports/{cycle.id}/self-assessment/submit")
    endorser_client.post(f"/endorse/{cycle.id}/1", data={"endorse": "Endorse"})
    psw_client.post(f"/reports/{cycle.id}/self-assessment/workload", data={"rating": "green"})
    past = date.today() - timedelta(days=1)
    _db.session.add(Action(cycle_id=cycle.id, area="tools", action="X", owner="O", due_on=past))
    _db.session.commit()
    data = psw_client.get(f"/reports/{cycle.id}/download/quality-report.json").get_json()
    assert (data["status"], data["endorsed_by"]) == ("endorsed", "Erin Endorser")
    assert data["areas"][0]["judgement"] == "Red"  # the endorsed figure, not the new draft
    assert data["actions"]["overdue"] == 1 and data["actions"]["by_status"]["Not started"] == 1
    assert {"area": AREAS[0], "name": "Average caseload"}.items() <= data["figures"][0].items()
    assert data["figures"][0]["status"] == "Just missed"
    body = psw_client.get(f"/reports/{cycle.id}/download/quality-report.csv").data
    rows = list(_csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert {
        "section": "area",
        "area": AREAS[0],
        "measure": "judgement",
        "value": "Red",
    }.items() <= next(r for r in rows if r["measure"] == "judgement").items()
    assert any(r["section"] == "action" and r["detail"] == "overdue" for r in rows)


def _proposed(page, field) -> list[str]:
    return [
        li.get_text(" ", strip=True).rsplit(" Insert", 1)[0]
        for li in page.select(f'[data-proposals="{field}"] li')
    ]


def _score(line: str) -> float | None:
    match = re.search(r"\(score (\d+(?:\.\d+)?) out of 100", line)
    return float(match.group(1)) if match else None


def test_only_green_questions_are_proposed_as_strengths_and_quotes_are_evidence_only(
    cycle, psw_client
):
    base = f"/reports/{cycle.id}/self-assessment"
    evidence = []
    for area in ("workload", "workflow", "tools", "workplace", "delivery"):
        page = soup(psw_client.get(f"{base}/{area}"))
        strengths, improvements = _proposed(page, "strengths"), _proposed(page, "improvements")
        for line in strengths:
            score = _score(line)
            assert score is None or score >= 70, f"{area}: {line} proposed as a strength"
        question_improvements = [s for s in map(_score, improvements) if s is not None]
        for line in strengths + improvements:
            assert "A focus group said" not in line  # quotes are offered as evidence only
        if re.search(r"The survey's rating is (Red|Amber)", page.get_text(" ")):
            assert question_improvements, f"{area} is red or amber but proposes no improvement"
        assert all(s < 70 for s in question_improvements)
        evidence += [label.get_text(" ", strip=True) for label in page.select("label")]
    assert any(FG_QUOTE in text for text in evidence)  # a quote can still be ticked as evidence


def test_endorsing_needs_the_endorse_button_and_returning_needs_a_comment(
    cycle, psw_client, endorser_client, db
):
    base = f"/reports/{cycle.id}/self-assessment"
    psw_client.post(f"{base}/workload", data={"rating": "green", "strengths": "A"})
    psw_client.post(f"{base}/submit")
    url = f"/endorse/{cycle.id}/1"

    def status():
        db.session.expire_all()
        return db.session.scalars(select(AssessmentVersion)).one().status

    for data in ({"csrf_token": "token", "send_back": ""}, {"comment": "Fine"}):
        response = endorser_client.post(url, data=data)
        assert response.status_code == 200
        summary = soup(response).find(class_="govuk-error-summary")
        assert "Choose to endorse or return with comments" in summary.get_text(" ", strip=True)
        assert status() == "submitted"  # nothing was endorsed or frozen
    page = soup(endorser_client.post(url, data={"send_back": "Return", "comment": " "}))
    assert "Write what should change" in page.get_text()
    assert status() == "submitted"
    assert endorser_client.post(url, data={"endorse": "Endorse"}).status_code == 302
    assert status() == "endorsed"


def test_a_name_the_psw_types_never_reaches_the_snapshot_report_or_staff_page(
    cycle, psw_client, db
):
    """Found by a cold review: the PSW's own words went into the board PDF unchecked, and
    their strengths and improvements onto the page every member of staff can read."""
    psw_client.post(
        f"/reports/{cycle.id}/self-assessment/workload",
        data={
            "rating": "red",
            "rationale": "Discussed with Brenda Thistlewood (team manager).",
            "strengths": "Ask Dev, he always sorts it out.",
            "improvements": "Call Mrs Okafor on 07700 900123 about the rota.",
        },
    )
    psw_client.post(f"/reports/{cycle.id}/self-assessment/submit")
    version = db.session.scalar(select(AssessmentVersion))
    for detail in ("Thistlewood", "Brenda", "Dev,", "Okafor", "07700"):
        assert detail not in version.snapshot, detail
    assert "[name]" in version.snapshot


def test_theme_evidence_sits_on_the_side_its_mood_takes_on_the_staff_page_and_pdf(
    app, cycle, psw_client, db
):
    """A positive theme is never shown under "What needs to improve" (nor a negative one under
    the strengths); a theme that takes no side, or a focus-group quote, goes under neither."""
    from bs4 import BeautifulSoup
    from flask import render_template

    from healthcheck.reports.report_pdf import render_html
    from healthcheck.shared.routes import staff_view

    psw_client.post(f"/reports/{cycle.id}/self-assessment/submit")
    snap = json.loads(db.session.scalar(select(AssessmentVersion)).snapshot)
    area = snap["areas"][0]
    area["strengths"], area["improvements"] = "Good peers.", "Supervision is moved."
    area["evidence"] = [
        {"kind": "Theme", "text": "“Peer support” (positive): “Peer support is the best thing.”"},
        {"kind": "Theme", "text": "“Legal advice” (mostly negative): “The wait is long.”"},
        {"kind": "Theme", "text": "“Duty weeks” (mixed): “Duty is busy.”"},
        {"kind": "Focus group", "text": "“We laugh a lot” (focus group, 7 people)"},
    ]
    view = staff_view(cycle, snap)["areas"][0]
    assert view["strength_quotes"] == [area["evidence"][0]["text"]]
    assert view["quotes"] == [area["evidence"][1]["text"]]
    assert view["other_quotes"] == [e["text"] for e in area["evidence"][2:]]

    class Version:
        endorser_name, decided_at = "Sam Jones", date(2026, 5, 1)

    with app.test_request_context():
        html = render_template(
            "shared/what_you_told_us.html",
            cycle=cycle,
            version=Version,
            s=snap,
            view={"areas": [view]},
            today=date(2026, 5, 1),
        )
    text = BeautifulSoup(html, "html.parser").get_text(" ", strip=True)
    working = text.index("What is working")
    improve = text.index("What needs to improve")
    also = text.index("Also said")
    assert working < text.index("Peer support is the best") < improve
    assert improve < text.index("The wait is long") < also < text.index("Duty is busy")

    with app.test_request_context():
        pdf = BeautifulSoup(render_html(snap), "html.parser")
    columns = pdf.select_one("section.area .cols").find_all("div", recursive=False)
    assert "Peer support is the best" in columns[0].get_text()
    assert "The wait is long" not in columns[0].get_text()
    assert "The wait is long" in columns[1].get_text()
    assert "Peer support" not in columns[1].get_text() and "Duty is busy" not in str(columns)
    evidence = pdf.select_one("section.area .block").get_text()
    assert "Duty is busy" in evidence and "We laugh a lot" in evidence
    assert "The wait is long" not in evidence


def test_themes_are_proposed_only_for_areas_they_bear_on_and_never_a_self_rated_strength(
    app, cycle, db
):
    from healthcheck.reports.area_evidence import (
        area_proposals,
        area_view,
        evidence_options,
        focus_group_words,
    )
    from healthcheck.results import run_analysis

    result = run_analysis(cycle).result
    raw = {t["id"]: t for t in result["themes"]["themes"]}
    own = {q.id for q in cycle.instrument.questions if q.self_rated}
    words = focus_group_words(cycle)
    seen = proposed = 0
    for area in result["scores"]["areas"]:
        page = area_view(cycle, result, area["id"])
        lines = area_proposals(result, page, words)
        for theme in page["themes"]:
            seen += 1
            whole = raw[theme["id"]]
            line = f"Staff wrote about “{theme['label']}”"
            offered = [x for x in lines["strengths"] + lines["improvements"] if line in x]
            share = whole["areas"].get(area["id"], 0) / whole["size"]
            questions = whole["questions"]
            mostly_own = sum(questions.get(q, 0) for q in own) >= sum(questions.values()) / 2
            if share < 0.25:
                assert not offered, (area["id"], theme["label"])
            if mostly_own:
                assert not any(line in x for x in lines["strengths"])
            proposed += bool(offered)
        for option in evidence_options(result, page, words):
            assert "Not applicable" not in option["text"]
    assert seen and proposed, (seen, proposed)

    def theme_lines(field):
        return [
            line
            for area in result["scores"]["areas"]
            for line in area_proposals(result, area_view(cycle, result, area["id"]), words)[field]
            if line.startswith("Staff wrote about")
        ]

    assert theme_lines("strengths")
    for whole in raw.values():  # every theme now mostly answers a self-rated question
        whole["questions"] = {**whole["questions"], "Q9": whole["size"]}
    assert not theme_lines("strengths") and theme_lines("improvements")
    for whole in raw.values():  # every theme now only brushes each area
        whole["size"] *= 5
    assert not theme_lines("strengths") and not theme_lines("improvements")


def test_a_theme_proposal_quotes_what_staff_said_on_its_side(app, cycle, db):
    from healthcheck.reports.area_evidence import area_proposals, area_view, focus_group_words
    from healthcheck.results import run_analysis

    result = run_analysis(cycle).result
    words = focus_group_words(cycle)
    quoted = 0
    for area in result["scores"]["areas"]:
        page = area_view(cycle, result, area["id"])
        lines = area_proposals(result, page, words)
        for field, sign in (("strengths", 1), ("improvements", -1)):
            for line in lines[field]:
                if not line.startswith("Staff wrote about"):
                    continue
                label = line.split("“", 1)[1].split("”", 1)[0]
                theme = next(t for t in page["themes"] if t["label"] == label)
                if ", for example: “" not in line:
                    assert line.endswith(").")
                    continue
                quote = line.split(", for example: “", 1)[1].removesuffix("”")
                match = next(q for q in theme["quotes"] if q["text"] == quote)
                assert match["sentiment"] * sign > 0, (line, match)
                quoted += 1
    assert quoted
