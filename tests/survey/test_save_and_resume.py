"""Save and come back later: a resume code restores every answer until the cycle closes; an
expired session or CSRF token never loses the answers on the page being sent."""

import math
import re

from sqlalchemy import select

from healthcheck.extensions import db
from healthcheck.models import Draft
from healthcheck.survey.cycles import close_cycle
from tests.support.documents import soup

from .conftest import (
    CONFIRM_UNANSWERED,
    FULL_ANSWERS,
    SLUG,
    answer_every_page,
    csrf_token_of,
    database_bytes,
    section_url,
)


def save_everything(client):
    """Answer every page, then save on the last one; returns the resume code shown."""
    answers = dict(FULL_ANSWERS)
    last = list(answers)[-1]
    for section_id, values in list(answers.items())[:-1]:
        client.post(section_url(SLUG, section_id), data=values)
    saved = client.post(section_url(SLUG, last), data={**answers[last], "action": "save"})
    assert saved.status_code == 200
    page = soup(saved)
    assert page.h1.get_text(strip=True) == "Your answers have been saved"
    return page.find(id="resume-code").get_text(strip=True)


def test_a_resume_code_is_16_unambiguous_characters_and_only_its_hash_is_stored(app, client, cycle):
    code = save_everything(client)
    letters = code.replace("-", "")
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{16}", letters)  # no I, L, O or U
    assert re.fullmatch(r"(\w{4}-){3}\w{4}", code)
    assert len(letters) * math.log2(32) >= 80  # the arithmetic is in docs/survey.md
    draft = db.session.scalars(select(Draft)).one()
    assert draft.resume_code_hash is not None and letters not in draft.resume_code_hash
    raw = database_bytes(app)
    assert letters.encode() not in raw and code.encode() not in raw


def test_resuming_in_a_new_browser_restores_every_answer(app, client, cycle, instrument):
    code = save_everything(client)
    other = app.test_client()  # a new browser: no cookie
    assert "Q1" not in str(
        soup(other.get(section_url(SLUG, "workload"))).find("input", checked=True)
    )
    resumed = other.post(f"/survey/{SLUG}/resume", data={"code": code.lower().replace("-", " ")})
    assert resumed.status_code == 303
    assert resumed.headers["Location"] == f"/survey/{SLUG}/check-answers"
    check = soup(other.get(resumed.headers["Location"]))
    assert "Your answers have been restored." in check.get_text()
    # Every answer is back, on every page.
    for section_id, values in FULL_ANSWERS.items():
        page = soup(other.get(section_url(SLUG, section_id)))
        for name, value in values.items():
            textarea = page.find("textarea", {"name": name})
            if textarea is not None:
                assert textarea.get_text() == value, name
                continue
            for v in value if isinstance(value, list) else [value]:
                assert page.find("input", {"name": name, "value": v}).has_attr("checked"), name
    assert other.post(f"/survey/{SLUG}/check-answers").status_code == 303
    assert db.session.scalar(select(Draft)) is None


def test_a_wrong_or_empty_resume_code_is_a_clear_error(client, cycle):
    save_everything(client)
    for code, message in [
        ("", "Enter your resume code"),
        ("AAAA-BBBB", "Enter the resume code exactly as it was shown when you saved your answers"),
    ]:
        response = client.post(f"/survey/{SLUG}/resume", data={"code": code})
        assert response.status_code == 200
        page = soup(response)
        assert page.find(class_="govuk-error-summary").find("a").get_text(strip=True) == message


def test_saving_again_gives_a_new_code_and_the_old_one_stops_working(app, client, cycle):
    first = save_everything(client)
    second = save_everything(client)
    assert first != second
    other = app.test_client()
    assert other.post(f"/survey/{SLUG}/resume", data={"code": first}).status_code == 200
    assert other.post(f"/survey/{SLUG}/resume", data={"code": second}).status_code == 303


def test_closing_the_cycle_deletes_drafts_and_resume_codes_stop_working(app, client, cycle):
    code = save_everything(client)
    assert close_cycle(cycle) == 1
    response = app.test_client().post(f"/survey/{SLUG}/resume", data={"code": code})
    assert soup(response).h1.get_text(strip=True) == "This survey has closed"
    assert db.session.scalar(select(Draft)) is None


def test_the_survey_cookie_ends_with_the_browser_session(client, cycle):
    response = client.post(section_url(SLUG, "workload"), data=FULL_ANSWERS["workload"])
    cookie = response.headers["Set-Cookie"]
    assert "healthcheck_session=" in cookie
    assert "Expires" not in cookie and "Max-Age" not in cookie
    assert "HttpOnly" in cookie


def test_an_expired_session_keeps_the_answers_on_the_page_being_sent(csrf_app):
    from tests.support.factories import make_cycle

    make_cycle()
    browser = csrf_app.test_client()
    token = csrf_token_of(browser.get(section_url(SLUG, "workload")))
    browser.delete_cookie("healthcheck_session")  # the session expired (browser restarted)
    data = {**FULL_ANSWERS["workload"], "csrf_token": token, "action": "continue"}
    response = browser.post(section_url(SLUG, "workload"), data=data)
    assert response.status_code == 200
    page = soup(response)
    assert "Your session had expired. Check your answers and continue." in page.get_text()
    assert page.find("input", {"name": "Q1", "value": "fairly"}).has_attr("checked")
    assert page.find("textarea", {"name": "Q2"}).get_text() == FULL_ANSWERS["workload"]["Q2"]
    assert db.session.scalar(select(Draft)) is None  # not saved from an unchecked request

    # Continuing from the page shown saves them.
    again = browser.post(
        section_url(SLUG, "workload"), data={**data, "csrf_token": csrf_token_of(response)}
    )
    assert again.status_code == 303
    assert db.session.scalars(select(Draft)).one() is not None


def test_an_expired_token_on_check_answers_asks_again_without_losing_anything(csrf_app):
    from tests.support.factories import make_cycle

    make_cycle()
    browser = csrf_app.test_client()
    token = csrf_token_of(browser.get(section_url(SLUG, "workload")))
    browser.post(
        section_url(SLUG, "workload"), data={**FULL_ANSWERS["workload"], "csrf_token": token}
    )
    response = browser.post(f"/survey/{SLUG}/check-answers", data={"csrf_token": "stale"})
    assert response.status_code == 303
    page = soup(browser.get(response.headers["Location"]))
    assert "Your session had expired" in page.get_text()
    sent = browser.post(
        f"/survey/{SLUG}/check-answers",
        data={"csrf_token": csrf_token_of_page(page), **CONFIRM_UNANSWERED},
    )
    assert sent.headers["Location"] == f"/survey/{SLUG}/confirmation"


def csrf_token_of_page(page):
    return page.find("input", {"name": "csrf_token"})["value"]


def test_answering_every_page_then_resuming_elsewhere_before_sending(app, client, cycle):
    answer_every_page(client)
    code = save_everything(client)
    assert app.test_client().post(f"/survey/{SLUG}/resume", data={"code": code}).status_code == 303


def test_resuming_lands_on_the_first_unanswered_section_and_continue_goes_on(app, client, cycle):
    client.post(section_url(SLUG, "about"), data=FULL_ANSWERS["about"])
    client.post(section_url(SLUG, "workload"), data=FULL_ANSWERS["workload"])
    client.post(section_url(SLUG, "tools"), data=FULL_ANSWERS["tools"])
    saved = client.post(
        section_url(SLUG, "tools"), data={**FULL_ANSWERS["tools"], "action": "save"}
    )
    code = soup(saved).find(id="resume-code").get_text(strip=True)

    other = app.test_client()
    resumed = other.post(f"/survey/{SLUG}/resume", data={"code": code})
    assert resumed.headers["Location"] == section_url(SLUG, "workflow")  # the first empty one
    page = soup(other.get(resumed.headers["Location"]))
    assert "Your answers have been restored." in page.get_text()
    # Continue goes to the next section, answered or not, never straight to "Check your answers".
    for section_id, following in [("workflow", "tools"), ("tools", "workplace")]:
        moved = other.post(section_url(SLUG, section_id), data=FULL_ANSWERS[section_id])
        assert moved.headers["Location"] == section_url(SLUG, following)

    check = soup(other.get(f"/survey/{SLUG}/check-answers"))
    inset = check.find(class_="govuk-inset-text")
    assert [a.get_text(strip=True) for a in inset.find_all("a")] == [
        "A healthy workplace",
        "Effective service delivery",
    ]
    refused = other.post(f"/survey/{SLUG}/check-answers")
    assert refused.status_code == 200
    summary = soup(refused).find(class_="govuk-error-summary")
    assert summary.find("a")["href"] == "#confirm_unanswered"
    assert db.session.scalars(select(Draft)).one() is not None  # nothing sent
    sent = other.post(f"/survey/{SLUG}/check-answers", data=CONFIRM_UNANSWERED)
    assert sent.headers["Location"] == f"/survey/{SLUG}/confirmation"


def test_with_every_section_answered_nothing_needs_confirming(client, cycle):
    answer_every_page(client)
    check = soup(client.get(f"/survey/{SLUG}/check-answers"))
    assert check.find(class_="govuk-inset-text") is None
    assert check.find("input", {"name": "confirm_unanswered"}) is None
    sent = client.post(f"/survey/{SLUG}/check-answers")
    assert sent.headers["Location"] == f"/survey/{SLUG}/confirmation"


def test_an_old_code_after_sending_says_the_answers_were_already_sent(app, client, cycle):
    code = save_everything(client)
    assert client.post(f"/survey/{SLUG}/check-answers").status_code == 303

    later = app.test_client()
    response = later.post(f"/survey/{SLUG}/resume", data={"code": code.lower()})
    assert response.status_code == 200
    message = soup(response).find(class_="govuk-error-summary").get_text(" ", strip=True)
    assert "already been sent" in message
    # Another code that was never used still says to check it.
    wrong = later.post(f"/survey/{SLUG}/resume", data={"code": "ABCD-EFGH-JKMN-PQRS"})
    assert "exactly as it was shown" in soup(wrong).find(class_="govuk-error-summary").text


def test_a_code_can_be_typed_with_lookalike_letters(app, client, cycle):
    code = save_everything(client)
    typed = code.replace("0", "o").replace("1", "l").replace("-", " ")
    resumed = app.test_client().post(f"/survey/{SLUG}/resume", data={"code": typed})
    assert resumed.status_code == 303


def test_a_sent_codes_hash_says_nothing_of_the_response_and_goes_when_the_survey_closes(
    app, client, cycle
):
    from healthcheck.models import SentResumeCode

    code = save_everything(client)
    client.post(f"/survey/{SLUG}/check-answers")
    assert set(SentResumeCode.__table__.columns.keys()) == {"code_hash", "cycle_id"}
    kept = db.session.scalars(select(SentResumeCode)).one()
    letters = code.replace("-", "")
    assert letters not in kept.code_hash and letters.encode() not in database_bytes(app)
    from healthcheck.models import Cycle

    close_cycle(db.session.scalars(select(Cycle).where(Cycle.slug == SLUG)).one())
    assert db.session.scalars(select(SentResumeCode)).all() == []


def test_back_keeps_what_was_typed_on_the_page_and_goes_back(client, cycle):
    # The Back link sends the page (js/save-on-back.js posts action "back"): the answers are
    # saved as Continue saves them, and the respondent lands on the section before.
    client.post(section_url(SLUG, "about"), data=FULL_ANSWERS["about"])
    typed = {"Q5": "Clear referrals from the hospital.", "overall_workflow": "fair"}
    back = client.post(section_url(SLUG, "workflow"), data={**typed, "action": "back"})
    assert back.status_code == 303
    assert back.headers["Location"] == section_url(SLUG, "workload")
    page = soup(client.get(section_url(SLUG, "workflow")))
    assert page.find("textarea", attrs={"name": "Q5"}).get_text() == typed["Q5"]
    assert page.find("input", attrs={"name": "overall_workflow", "value": "fair"}).has_attr(
        "checked"
    )
    # Changing an answer from check your answers goes back there.
    back = client.post(
        section_url(SLUG, "workflow") + "?change=1", data={**typed, "action": "back"}
    )
    assert back.headers["Location"] == f"/survey/{SLUG}/check-answers"
    # An answer that cannot be kept is shown as an error on the page, not dropped.
    too_long = client.post(section_url(SLUG, "workflow"), data={"Q5": "x" * 2001, "action": "back"})
    assert too_long.status_code == 200
    assert "There is a problem" in too_long.get_data(as_text=True)
