"""In headless Chromium: a facilitator signs in, records a focus group, lets the session expire
while typing, signs in again and finds every word. Every page on the way has zero axe-core
violations (WCAG 2.2 A and AA)."""

import re
from datetime import timedelta

import pytest

from healthcheck.demo.users import DEMO_PASSWORD
from tests.support.browser import LiveServer, assert_accessible

pytestmark = pytest.mark.browser

FACILITATOR = "facilitator@demo.example"
LIFETIME_SECONDS = 14
WARNING_SECONDS = 10


@pytest.fixture(scope="module")
def short_session_server(sqlite_factory):
    """The seeded demo with a very short idle session, so that it can run out in a test."""
    from healthcheck import create_app
    from healthcheck.demo import seed_demo
    from healthcheck.extensions import db

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": sqlite_factory.new(),
            "WTF_CSRF_ENABLED": True,
            "SESSION_WARNING_SECONDS": WARNING_SECONDS,
            "RATELIMITS": {"sign-in": 100},
        }
    )
    app.permanent_session_lifetime = timedelta(seconds=LIFETIME_SECONDS)
    with app.app_context():
        seed_demo()
    server = LiveServer(app).start()
    yield server
    server.stop()
    with app.app_context():
        db.engine.dispose()


def sign_in(tab, email=FACILITATOR):
    tab.get_by_label("Email address").fill(email)
    tab.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    tab.get_by_role("button", name="Sign in").click()


def test_facilitator_records_a_focus_group_and_the_session_expiring_loses_nothing(
    chromium, short_session_server
):
    context = chromium.new_context(base_url=short_session_server.url, bypass_csp=True)
    context.set_default_timeout(20000)
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))

    tab.goto("/sign-in")
    assert_accessible(tab)
    sign_in(tab)
    tab.wait_for_url(re.compile(r"/focus-groups/$"))
    assert_accessible(tab)

    tab.get_by_role("button", name="Record a focus group").click()
    assert_accessible(tab)
    tab.get_by_role("button", name="Continue").click()
    tab.wait_for_url(re.compile(r"/edit/details$"))
    assert_accessible(tab)
    tab.get_by_label("Day").fill("12")
    tab.get_by_label("Month").fill("2")
    tab.get_by_label("Year").fill("2026")
    tab.get_by_label("Team or service").select_option("Locality north")  # the demo's list
    tab.get_by_label("Number of participants").fill("5")
    tab.get_by_label("Social worker", exact=True).fill("3")
    tab.get_by_label("Manager", exact=True).fill("2")
    tab.get_by_label("Everyone taking part agreed").check()
    tab.get_by_role("button", name="Save and continue").click()
    tab.wait_for_url(re.compile(r"/edit/workload$"))
    assert_accessible(tab)

    first = "Allocation feels fairer since the weekly meeting started."
    tab.locator("textarea[name='note.Q1']").fill(first)
    tab.get_by_role("button", name="Save draft").click()
    tab.wait_for_url(re.compile(r"/edit/workload$"))
    assert "Draft saved" in tab.locator(".govuk-notification-banner").first.inner_text()

    # Typing more, then leaving the laptop: the warning comes, then the session runs out.
    second = "Part-time staff said they get a full-time share of reviews; manager is looking at it."
    tab.locator("textarea[name='note.Q4']").fill(second)
    warning = tab.locator("#session-timeout")
    warning.wait_for(state="visible", timeout=(LIFETIME_SECONDS + 5) * 1000)
    assert "You will be signed out soon" in warning.inner_text()
    assert_accessible(tab)
    # Nobody clicks "Stay signed in": the form is posted after expiry and kept on the server.
    tab.wait_for_url(re.compile(r"/sign-in\?stash="), timeout=(LIFETIME_SECONDS + 10) * 1000)
    assert "your notes were kept" in tab.locator("main").inner_text()
    assert_accessible(tab)

    sign_in(tab)
    tab.wait_for_url(re.compile(r"/focus-groups/restore/"))
    assert "We kept the notes you were typing" in tab.locator("main").inner_text()
    assert tab.locator("textarea[name='note.Q1']").input_value() == first
    assert tab.locator("textarea[name='note.Q4']").input_value() == second
    assert_accessible(tab)
    tab.get_by_role("button", name="Save draft").click()
    tab.wait_for_url(re.compile(r"/edit/workload$"))

    tab.get_by_role("link", name="Back to the focus group").click()
    body = tab.locator("main").inner_text()
    assert first in body and second in body and "Locality north" in body
    assert_accessible(tab)
    assert errors == []
    context.close()


def test_identifying_details_warning_and_import_pages_are_accessible(page):
    page.goto("/sign-in")
    sign_in(page)
    page.wait_for_url(re.compile(r"/focus-groups/$"))
    page.get_by_role("link", name=re.compile("demo")).first.click()
    assert_accessible(page)
    page.get_by_role("button", name="Edit notes").click()
    page.get_by_role("link", name="Effective workload management").click()
    page.locator("textarea[name='note.Q2']").fill(
        "Call Sarah Jones on 07700 900123 about case 123456"
    )
    # autosave keeps the text at once and says straight away that it needs checking
    page.wait_for_function(
        "document.getElementById('autosave-status').textContent.includes('may include a name')"
    )
    assert "select Save draft to check them" in page.locator("#autosave-status").inner_text()
    page.get_by_role("button", name="Save draft").click()
    warning = page.locator(".app-identifiers")
    assert "may contain personal details" in warning.inner_text()
    assert warning.locator("mark").count() >= 3
    assert_accessible(page)
    page.get_by_role("button", name="Redact them and save").click()
    page.wait_for_url(re.compile(r"/edit/workload$"))
    value = page.locator("textarea[name='note.Q2']").input_value()
    assert "07700" not in value and "[phone]" in value
    page.get_by_role("link", name="Back to the focus group").click()
    page.get_by_role("button", name="Import a transcript").click()
    assert_accessible(page)


def test_notes_typed_before_autosave_loads_are_still_autosaved(page):
    page.goto("/sign-in")
    sign_in(page)
    page.wait_for_url(re.compile(r"/focus-groups/$"))
    page.get_by_role("link", name=re.compile("demo")).first.click()
    page.get_by_role("button", name="Edit notes").click()
    held = []
    page.route("**/js/autosave.js", lambda route: held.append(route))
    page.get_by_role("link", name="Effective workload management").click()
    page.locator("textarea[name='note.Q3']").fill("Typed while the page was still loading")
    assert held, "autosave.js was not requested"
    held[0].continue_()
    page.wait_for_function(
        "document.getElementById('autosave-status').textContent.includes('saved automatically')"
    )
    page.unroute("**/js/autosave.js")
    page.reload()
    assert (
        page.locator("textarea[name='note.Q3']")
        .input_value()
        .endswith("Typed while the page was still loading")
    )


@pytest.mark.parametrize("email", ["psw@demo.example", "admin@demo.example"])
def test_other_roles_pages_are_accessible(page, email):
    page.goto("/sign-in")
    sign_in(page, email)
    page.wait_for_load_state()
    assert_accessible(page)
    if email.startswith("admin"):
        page.get_by_role("link", name="Audit log").click()
        assert_accessible(page)
        page.get_by_role("link", name="Accounts").click()
        page.get_by_role("button", name="Add an account").click()
        assert_accessible(page)
    else:
        page.goto("/focus-groups/")
        assert_accessible(page)
