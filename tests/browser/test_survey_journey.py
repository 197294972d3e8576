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
SECTIONS = ["about", "workload", "workflow", "tools", "workplace", "delivery"]
PHONE = {"width": 390, "height": 844}


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
    expect(page.get_by_role("button", name="Copy code")).to_be_visible()
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
    assert page.url.endswith("/questions/workload")  # the first section with no answer
    assert_accessible(page)
    page.goto(f"/survey/{SLUG}/check-answers")
    assert page.locator(".govuk-inset-text a").count() == 5  # five sections unanswered
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("button", has_text="Send my answers").click()
    assert page.locator(".govuk-error-summary").is_visible()  # asked to confirm first
    assert_accessible(page)
    page.locator("#confirm_unanswered").check()
    with page.expect_navigation():
        page.locator("button", has_text="Send my answers").click()
    assert page.url.endswith("/confirmation")
    assert_accessible(page)


def test_closed_unknown_and_access_code_pages_are_accessible(page, demo_server):
    from healthcheck.extensions import db
    from healthcheck.models import Cycle
    from healthcheck.survey.public_cycles import forget_cached_cycles

    app = demo_server.app
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


# --- On a phone ---------------------------------------------------------------------------------


@pytest.fixture
def phone(chromium, demo_server):
    """A fresh browser on a 390 px wide screen (a phone), axe injected past the CSP."""

    def open_phone():
        context = chromium.new_context(base_url=demo_server.url, bypass_csp=True, viewport=PHONE)
        context.set_default_timeout(15000)
        contexts.append(context)
        return context.new_page()

    contexts = []
    yield open_phone
    for context in contexts:
        context.close()


def answer_and_continue(tab):
    """Answer the first option of every radio group on the page, then Continue."""
    names = tab.evaluate(
        "[...new Set([...document.querySelectorAll('main form input[type=radio]')]"
        ".map(r => r.name))]"
    )
    for name in names:
        tab.locator(f"input[name='{name}']").first.check()
    with tab.expect_navigation():
        tab.locator("button[value='continue']").click()


def test_on_a_phone_save_after_section_1_resume_elsewhere_on_section_2_and_finish(phone):
    first = phone()
    first.goto(f"/survey/{SLUG}")
    with first.expect_navigation():
        first.get_by_role("button", name="Start now").click()
    assert first.locator("h1").inner_text() == "About you"
    first.locator("input[name='about_role'][value='occupational_therapist']").check()
    with first.expect_navigation():
        first.locator("button[value='save']").click()
    code = first.locator("#resume-code").inner_text()
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}", code)
    assert_accessible(first)

    second = phone()  # another browser: nothing shared but the code
    second.goto(f"/survey/{SLUG}/resume")
    second.locator("#code").fill(code.lower().replace("-", " "))
    with second.expect_navigation():
        second.get_by_role("button", name="Continue").click()
    assert second.url.endswith("/questions/workload")
    assert second.locator(".govuk-caption-l").inner_text() == "Section 2 of 6"
    assert second.locator("h1").inner_text() == "Effective workload management"
    assert "Your answers have been restored" in second.locator("main").inner_text()
    for heading in [
        "Effective workload management",
        "Proactive workflow management",
        "Having the right tools to do the job",
        "A healthy workplace",
        "Effective service delivery",
    ]:
        assert second.locator("h1").inner_text() == heading
        if heading == "Effective service delivery":  # an occupational therapist
            main = second.locator("main").inner_text()
            assert "Professional Standards for Occupational Therapy" in main
            assert second.locator("input[name='Q21']").count() == 4
            assert second.locator("input[name='Q22'], input[name='Q20']").count() == 0
        assert_accessible(second)
        answer_and_continue(second)
    assert second.url.endswith("/check-answers")
    assert second.locator(".govuk-inset-text").count() == 0  # every section answered
    with second.expect_navigation():
        second.get_by_role("button", name="Send my answers").click()
    assert second.locator(".govuk-panel__title").inner_text() == "Your answers have been sent"

    third = phone()
    third.goto(f"/survey/{SLUG}/resume")
    third.locator("#code").fill(code)
    with third.expect_navigation():
        third.get_by_role("button", name="Continue").click()
    assert "already been sent" in third.locator(".govuk-error-summary").inner_text()
    assert_accessible(third)


def test_q7_on_a_phone_is_a_short_question_then_one_radio_group_per_tool(phone):
    tab = phone()
    tab.goto(f"/survey/{SLUG}/questions/tools")
    legend = tab.locator("legend", has_text="7. ").first.inner_text()
    assert len(legend.split()) <= 13, legend
    hint = tab.locator("#Q7-hint")  # the grid's fieldset is described by it
    assert "For each one" in hint.inner_text()
    assert tab.locator("fieldset[aria-describedby='Q7-hint']").count() == 1
    rows = tab.locator("fieldset:has(input[name^='Q7.'])  fieldset")
    assert rows.count() == 8
    assert rows.first.locator("legend").inner_text() == "Access to IT"
    assert rows.first.locator("input[type=radio]").count() == 4
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways


def test_the_footer_is_the_organisations_own(page):
    page.goto(f"/survey/{SLUG}")
    footer = page.locator("footer")
    text = footer.inner_text()
    assert "Crown" not in text and "Open Government Licence" not in text
    assert footer.locator("svg, .govuk-footer__copyright-logo, .govuk-footer__crown").count() == 0
    links = footer.locator("a")
    assert [links.nth(i).inner_text() for i in range(links.count())] == [
        "Accessibility statement",
        "Privacy notice",
        "Cookies",
    ]
    assert all(links.nth(i).get_attribute("href").startswith("/") for i in range(links.count()))


def test_the_resume_code_copies_and_prints_under_the_real_policy(chromium, demo_server):
    context = chromium.new_context(base_url=demo_server.url, viewport=PHONE)  # CSP not bypassed
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    errors = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.goto(f"/survey/{SLUG}/questions/about")
    with tab.expect_navigation():
        tab.locator("button[value='save']").click()
    code = tab.locator("#resume-code").inner_text()
    tab.get_by_role("button", name="Copy code").click()
    expect(tab.locator(".app-copy-status")).to_have_text("Code copied")
    assert tab.evaluate("navigator.clipboard.readText()") == code
    tab.emulate_media(media="print")
    assert not tab.locator("header.govuk-header").is_visible()
    assert not tab.get_by_role("button", name="Copy code").is_visible()
    assert tab.locator("#resume-code").is_visible()
    assert errors == []
    context.close()


def test_the_copy_button_needs_javascript_and_the_code_is_there_without_it(chromium, demo_server):
    context = chromium.new_context(base_url=demo_server.url, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"/survey/{SLUG}/questions/about")
    tab.locator("button[value='save']").click()
    tab.wait_for_url("**/questions/about")
    assert re.search(r"\w{4}-\w{4}-\w{4}-\w{4}", tab.locator("#resume-code").inner_text())
    assert tab.get_by_role("button", name="Copy code").count() == 0
    context.close()


def test_saving_resuming_and_sending_with_sections_unanswered_by_keyboard_alone(page):
    page.goto(f"/survey/{SLUG}")
    press_button(page, "Start now")
    choose_radio(page, "about_role", "social_worker")
    press_button(page, "Save and come back later")
    code = page.locator("#resume-code").inner_text()

    page.context.clear_cookies()  # as a new browser would be
    page.goto(f"/survey/{SLUG}/resume")
    tab_to(page, lambda tag, n, v, t: tag == "INPUT" and n == "code")
    page.keyboard.type(code)
    press_button(page, "Continue")
    assert page.url.endswith("/questions/workload")
    choose_radio(page, "Q1", "fairly")
    press_button(page, "Continue")
    assert page.url.endswith("/questions/workflow")  # Continue goes on, answered or not

    page.goto(f"/survey/{SLUG}/check-answers")
    press_button(page, "Send my answers")
    assert page.locator(".govuk-error-summary").is_visible()
    tick(page, "confirm_unanswered", "yes")
    press_button(page, "Send my answers")
    assert page.url.endswith("/confirmation")


def test_back_on_a_phone_keeps_what_was_typed_and_keyboard_back_does_too(phone, page):
    tapped = phone()
    tapped.goto(f"/survey/{SLUG}")
    with tapped.expect_navigation():
        tapped.get_by_role("button", name="Start now").click()
    tapped.locator("input[name='about_role'][value='social_worker']").check()
    with tapped.expect_navigation():
        tapped.get_by_role("button", name="Continue").click()
    tapped.locator("textarea[name='Q2']").fill("A weekly list, prioritised by risk.")
    tapped.locator("input[name='Q1'][value='fairly']").check()
    with tapped.expect_navigation():
        tapped.get_by_role("link", name="Back").click()
    assert tapped.locator("h1").inner_text() == "About you"
    with tapped.expect_navigation():
        tapped.get_by_role("button", name="Continue").click()
    expect(tapped.locator("textarea[name='Q2']")).to_have_value(
        "A weekly list, prioritised by risk."
    )
    expect(tapped.locator("input[name='Q1'][value='fairly']")).to_be_checked()

    # By keyboard: Enter on the Back link sends the page too.
    page.goto(f"/survey/{SLUG}")
    press_button(page, "Start now")
    press_button(page, "Continue")
    write(page, "Q4", "Fewer duplicate forms.")
    page.locator("a.govuk-back-link").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "About you"
    press_button(page, "Continue")
    expect(page.locator("textarea[name='Q4']")).to_have_value("Fewer duplicate forms.")
