"""A respondent's journey: start page, one page per area and About you, check, send, done."""

import re

import pytest
from sqlalchemy import select

from healthcheck.extensions import db
from healthcheck.models import Answer, Draft, Response
from tests.support.documents import soup
from tests.support.factories import make_cycle

from .conftest import (
    CONFIRM_UNANSWERED,
    FULL_ANSWERS,
    SLUG,
    answer_every_page,
    flat_answers,
    section_url,
)

SECTIONS = list(FULL_ANSWERS)


def test_start_page_says_what_is_collected_what_is_not_and_how_answers_are_used(client, cycle):
    page = soup(client.get(f"/survey/{SLUG}"))
    headings = [h.get_text(strip=True) for h in page.find_all("h2")]
    assert {"What we collect", "What we do not collect", "How we use your answers"} <= set(headings)
    text = page.get_text(" ", strip=True)
    assert "IP address" in text and "the time of day you answered" in text
    start = page.find("a", class_="govuk-button--start")
    assert start["href"] == section_url(SLUG, "about")  # About you first: roles decide Q20 to Q22
    # The page title names the cycle once (its own title names it already).
    title = page.title.get_text()
    assert title.count(cycle.name) == 1, title
    # A page's title is its heading: "Enter your resume code", as its h1 says.
    resume = soup(client.get(f"/survey/{SLUG}/resume"))
    assert resume.title.get_text().startswith(resume.h1.get_text(strip=True) + " – "), resume.title


@pytest.mark.parametrize("position, section_id", list(enumerate(SECTIONS, start=1)))
def test_each_page_has_a_progress_line_a_back_link_and_save_and_continue(
    client, cycle, position, section_id
):
    response = client.get(section_url(SLUG, section_id))
    assert response.status_code == 200
    page = soup(response)
    assert page.find(class_="govuk-caption-l").get_text(strip=True) == (
        f"Section {position} of {len(SECTIONS)}"
    )
    back = page.find("a", class_="govuk-back-link")
    expected_back = (
        f"/survey/{SLUG}" if position == 1 else section_url(SLUG, SECTIONS[position - 2])
    )
    assert back["href"] == expected_back
    buttons = {b.get_text(strip=True) for b in page.select("form button")}
    assert buttons == {"Continue", "Save and come back later"}
    assert response.headers["Cache-Control"] == "no-store"


def test_free_text_shows_its_character_limit(client, cycle):
    page = soup(client.get(section_url(SLUG, "workload")))
    textarea = page.find("textarea", id="Q2")
    count = textarea.find_parent(attrs={"data-module": "govuk-character-count"})
    assert count["data-maxlength"] == "2000"
    assert "You can enter up to 2000 characters" in count.get_text()


def test_every_question_of_the_instrument_is_asked_in_order(client, cycle, instrument):
    names = []
    for section_id in SECTIONS:
        page = soup(client.get(section_url(SLUG, section_id)))
        for element in page.select("form input[name], form textarea[name]"):
            if element["name"] not in ("csrf_token",) and element["name"] not in names:
                names.append(element["name"])
    keys = [
        k
        for section in instrument.survey_sections
        for q in section.questions
        for k in q.answer_keys()
    ]
    assert names == keys  # every key, About you first
    assert sorted(names) == sorted(instrument.answer_keys())


def test_a_respondent_answers_every_page_checks_and_sends(client, cycle, instrument):
    last = answer_every_page(client)
    assert last.headers["Location"] == f"/survey/{SLUG}/check-answers"

    check = soup(client.get(f"/survey/{SLUG}/check-answers"))
    text = check.get_text(" ", strip=True)
    assert "Very good" in text and "Translators: Partly adequate" in text
    assert "I have improved my time management skills" in text
    assert "Protected time for it." in text
    changes = check.select("a.govuk-link[href*='change=1']")
    assert len(changes) == len(instrument.questions)

    sent = client.post(f"/survey/{SLUG}/check-answers")
    assert sent.status_code == 303
    assert sent.headers["Location"] == f"/survey/{SLUG}/confirmation"
    done = soup(client.get(sent.headers["Location"]))
    assert done.find(class_="govuk-panel__title").get_text(strip=True) == (
        "Your answers have been sent"
    )

    response = db.session.scalars(select(Response)).one()
    assert re.fullmatch(r"[0-9a-f]{32}", response.id)
    stored = {a.key: a.value for a in db.session.scalars(select(Answer))}
    assert stored == flat_answers()
    assert (response.instrument_id, response.instrument_version) == ("appendix5", 1)
    assert db.session.scalar(select(Draft)) is None


def test_a_change_link_goes_back_to_the_page_and_continue_goes_on_to_the_next(client, cycle):
    answer_every_page(client)
    changed = client.post(
        section_url(SLUG, "workflow", change=1),
        data={**FULL_ANSWERS["workflow"], "overall_workflow": "very_good"},
    )
    assert changed.headers["Location"] == section_url(SLUG, "tools")
    page = soup(client.get(section_url(SLUG, "workflow", change=1)))
    assert page.find("a", class_="govuk-back-link")["href"] == f"/survey/{SLUG}/check-answers"
    assert page.find("input", {"name": "overall_workflow", "value": "very_good"}).has_attr(
        "checked"
    )


def test_answers_are_shown_again_when_going_back(client, cycle):
    answer_every_page(client)
    page = soup(client.get(section_url(SLUG, "tools")))
    assert page.find("input", {"name": "Q7.translators", "value": "partly"}).has_attr("checked")
    assert page.find("textarea", {"name": "Q8"}).get_text() == FULL_ANSWERS["tools"]["Q8"]


def test_skipping_every_question_still_sends_an_empty_response(client, cycle):
    for section_id in SECTIONS:
        assert client.post(section_url(SLUG, section_id)).status_code == 303
    asked = client.post(f"/survey/{SLUG}/check-answers")
    assert asked.status_code == 200  # six empty sections: confirm first
    assert "Confirm that you want to send" in soup(asked).find(class_="govuk-error-summary").text
    sent = client.post(f"/survey/{SLUG}/check-answers", data=CONFIRM_UNANSWERED)
    assert sent.status_code == 303
    response = db.session.scalars(select(Response)).one()
    assert response.answers == []


@pytest.mark.parametrize(
    "status, opens, closes, state, heading, code",
    [
        ("closed", -60, -1, "closed", "This survey has closed", 200),
        ("open", -60, -1, "closed", "This survey has closed", 200),
        ("open", 5, 30, "not_open", "This survey is not open yet", 200),
        ("draft", -5, 30, "not_open", "This survey is not open yet", 200),
    ],
)
@pytest.mark.parametrize(
    "path",
    ["", "/questions/workload", "/check-answers", "/resume", "/access-code"],
)
def test_a_closed_or_not_yet_open_cycle_gets_a_clear_page(
    app, status, opens, closes, state, heading, code, path
):
    make_cycle(slug="other", status=status, opens_on=opens, closes_on=closes)
    client = app.test_client()
    for method in (client.get, client.post) if path else (client.get,):
        response = method(f"/survey/other{path}")
        assert response.status_code == code
        assert soup(response).h1.get_text(strip=True) == heading


@pytest.mark.parametrize("path", ["/survey/nope", "/survey/nope/questions/workload"])
def test_an_unknown_cycle_gets_a_clear_not_found_page(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert soup(response).h1.get_text(strip=True) == "Survey not found"


def test_an_unknown_section_is_not_found(client, cycle):
    assert client.get(section_url(SLUG, "nope")).status_code == 404


def test_the_confirmation_page_needs_a_sent_response(client, cycle):
    response = client.get(f"/survey/{SLUG}/confirmation")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/survey/{SLUG}"
