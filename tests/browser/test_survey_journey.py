"""The staff survey in headless Chromium: a respondent completes the whole demo survey with
the keyboard alone, and every survey page, with and without errors, has zero axe-core
violations (WCAG 2.2 AA)."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.support.browser import assert_accessible

pytestmark = pytest.mark.browser

SLUG = "demo-this-year"
SECTIONS = ["workload", "workflow", "tools", "workplace", "delivery", "about"]


def focused(page):
    return page.evaluate(
        "(() => { const e = document.activeElement;"
        " return [e.tagName, e.getAttribute('name'), e.getAttribute('value'),"
        " e.textContent.trim()] })()"
    )


def tab_to(page, matches, limit=250):
    """Press Tab until the focused element satisfies `matches(tag, name, value, text)`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if matches(*focused(page)):
            return
    raise AssertionError(f"could not reach the element with Tab on {page.url}")


def choose_radio(page, name, value):
    """Tab into a radio group, then move with the arrow keys to the option (as people do)."""
    tab_to(page, lambda tag, n, v, t: tag == "INPUT" and n == name)
    for _ in range(20):
        if page.evaluate("document.activeElement.value") == value:
            break
        page.keyboard.press("ArrowDown")
    if not page.evaluate("document.activeElement.checked"):
        page.keyboard.press("Space")
    assert page.locator(f"input[name='{name}'][value='{value}']").is_checked()


def tick(page, name, value):
    tab_to(page, lambda tag, n, v, t: tag == "INPUT" and n == name and v == value)
    page.keyboard.press("Space")
    assert page.locator(f"input[name='{name}'][value='{value}']").is_checked()


def write(page, name, text):
    tab_to(page, lambda tag, n, v, t: tag == "TEXTAREA" and n == name)
    page.keyboard.type(text)


def press_button(page, text):
    tab_to(page, lambda tag, n, v, t: tag in ("BUTTON", "A") and t == text)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_respondent_completes_the_whole_demo_survey_with_the_keyboard_alone(page):
    page.goto(f"/survey/{SLUG}")
    press_button(page, "Start now")
    steps = {
        "workload": lambda: (choose_radio(page, "Q1", "fairly"), write(page, "Q2", "A list.")),
        "workflow": lambda: choose_radio(page, "overall_workflow", "good"),
        "tools": lambda: (
            choose_radio(page, "Q7.it", "adequate"),
            choose_radio(page, "Q9", "partly"),
        ),
        "workplace": lambda: write(page, "Q13", "Monthly, helpful."),
        "delivery": lambda: (
            choose_radio(page, "Q16", "8"),
            tick(page, "Q18", "time_management"),
        ),
        "about": lambda: choose_radio(page, "about_role", "prefer_not_to_say"),
    }
    for number, section_id in enumerate(SECTIONS, start=1):
        assert page.url.endswith(f"/survey/{SLUG}/questions/{section_id}")
        assert page.locator(".govuk-caption-l").inner_text() == f"Section {number} of 6"
        steps[section_id]()
        press_button(page, "Continue")
    assert page.url.endswith(f"/survey/{SLUG}/check-answers")
    summary = page.locator("main").inner_text()
    for expected in ("Fairly", "A list.", "Access to IT: Adequate", "Monthly, helpful.", "8"):
        assert expected in summary
    press_button(page, "Send my answers")
    assert page.url.endswith(f"/survey/{SLUG}/confirmation")
    assert page.locator(".govuk-panel__title").inner_text() == "Your answers have been sent"


def _break_first_choice(page):
    """Tamper with the first radio of the page (as a broken form would) and send it."""
    page.evaluate(
        "(() => { const r = document.querySelector('form .govuk-radios__input');"
        " r.value = 'not-an-option'; r.checked = true; })()"
    )
    with page.expect_navigation():
        page.locator("button[value='continue']").click()


@pytest.mark.parametrize("section_id", SECTIONS)
def test_every_survey_page_has_no_accessibility_violations_with_and_without_errors(
    page, section_id
):
    page.goto(f"/survey/{SLUG}/questions/{section_id}")
    assert_accessible(page)
    _break_first_choice(page)
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.title().startswith("Error: ")
    assert_accessible(page)


def test_over_long_text_shows_the_character_count_and_the_error_accessibly(page):
    page.goto(f"/survey/{SLUG}/questions/workload")
    page.locator("#Q2").fill("x" * 2005)
    status = page.locator(".govuk-character-count:has(#Q2) .govuk-character-count__status")
    expect(status).to_have_text("You have 5 characters too many")
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("button[value='continue']").click()
    assert "must be 2,000 characters or fewer" in page.locator(".govuk-error-summary").inner_text()
    assert page.locator("#Q2").input_value() == "x" * 2005
    assert_accessible(page)


def test_start_check_answers_saved_resume_and_confirmation_pages_are_accessible(page):
    page.goto(f"/survey/{SLUG}")
    assert_accessible(page)
    page.goto(f"/survey/{SLUG}/questions/about")
    page.locator("#about_role").check()
    with page.expect_navigation():
        page.locator("button[value='save']").click()
    assert page.locator("h1").inner_text() == "Your answers have been saved"
    code = page.locator("#resume-code").inner_text()
    assert_accessible(page)
    page.goto(f"/survey/{SLUG}/resume")
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("button", has_text="Continue").click()  # empty: an error
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page)
    page.locator("#code").fill(code)
    with page.expect_navigation():
        page.locator("button", has_text="Continue").click()
    assert page.url.endswith("/check-answers")
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("button", has_text="Send my answers").click()
    assert page.url.endswith("/confirmation")
    assert_accessible(page)


def test_closed_unknown_and_access_code_pages_are_accessible(page, demo_server):
    from healthcheck.extensions import db
    from healthcheck.models import Cycle
    from healthcheck.survey.cycles import forget_cached_cycles

    app = demo_server.server.app
    with app.app_context():
        if db.session.scalar(db.select(Cycle).where(Cycle.slug == "browser-codes")) is None:
            db.session.add(
                Cycle(
                    slug="browser-codes",
                    name="Browser test cycle with access codes (demo)",
                    opens_on=date.today() - timedelta(days=1),
                    closes_on=date.today() + timedelta(days=1),
                    instrument_id="appendix5",
                    instrument_version=1,
                    access_mode="codes",
                    status="draft",  # not listed on the start page
                    is_demo=True,
                )
            )
            db.session.commit()
    for path, heading in [
        ("/survey/demo-last-year", "This survey has closed"),
        ("/survey/no-such-survey", "Survey not found"),
        ("/survey/browser-codes", "This survey is not open yet"),
    ]:
        page.goto(path)
        assert page.locator("h1").inner_text() == heading
        assert_accessible(page)
    with app.app_context():
        cycle = db.session.scalar(db.select(Cycle).where(Cycle.slug == "browser-codes"))
        cycle.status = "open"
        db.session.commit()
        forget_cached_cycles()
    try:
        page.goto("/survey/browser-codes/access-code")
        assert_accessible(page)
        page.locator("#code").fill("ZZZZ-ZZZZ-ZZZZ")
        with page.expect_navigation():
            page.locator("button", has_text="Continue").click()
        assert re.search("exactly as it appears", page.locator(".govuk-error-summary").inner_text())
        assert_accessible(page)
    finally:
        with app.app_context():
            cycle = db.session.scalar(db.select(Cycle).where(Cycle.slug == "browser-codes"))
            cycle.status = "draft"
            db.session.commit()
            forget_cached_cycles()


def test_the_survey_runs_with_the_real_content_security_policy(chromium, demo_server):
    context = chromium.new_context(base_url=demo_server.url)
    tab = context.new_page()
    errors = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.goto(f"/survey/{SLUG}/questions/workload")
    assert tab.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    tab.locator("#Q2").fill("abc")
    status = tab.locator(".govuk-character-count:has(#Q2) .govuk-character-count__status")
    expect(status).to_have_text(re.compile(r"You have 1,?997 characters remaining"))
    assert errors == []
    context.close()
