"""The start and error pages in headless Chromium: zero axe-core violations (WCAG 2.2 AA)."""

import pytest

from tests.support.browser import assert_accessible

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path, status",
    [
        ("/", 200),
        ("/accessibility", 200),
        ("/privacy", 200),
        ("/cookies", 200),
        ("/no-such-page", 404),
        ("/test-only/server-error", 500),
    ],
)
def test_pages_have_no_accessibility_violations(page, path, status):
    response = page.goto(path)
    assert response.status == status
    assert_accessible(page)


def test_skip_link_is_the_first_thing_a_keyboard_reaches(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main-content"


def test_govuk_frontend_javascript_runs_without_csp_errors(chromium, demo_server):
    context = chromium.new_context(base_url=demo_server.url)  # the real CSP, not bypassed
    tab = context.new_page()
    errors = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.goto("/")
    assert tab.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    assert errors == []
    context.close()
