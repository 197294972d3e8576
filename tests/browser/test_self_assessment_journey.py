"""The self-assessment from draft to staff page, in headless Chromium on the seeded demo.

The PSW writes each area of this year's self-assessment from the proposals (inserting one by
keyboard alone), submits it; the demo endorser endorses it; the PSW publishes it; anyone can
then read "What you told us" on a phone, with the action plan. The endorsed PDF says who
endorsed it and when, and is the same file when downloaded again after more edits to the
draft. axe-core finds nothing on any of these pages.
"""

import re
from datetime import date
from pathlib import Path

import pytest

from healthcheck.demo.users import DEMO_PASSWORD
from healthcheck.templating import uk_date
from tests.browser.test_dashboard_keyboard import controls_reached_by_tab, press_tab_until
from tests.support.browser import assert_accessible
from tests.support.documents import pdf_text

pytestmark = pytest.mark.browser

AREA_IDS = ("workload", "workflow", "tools", "workplace", "delivery")


def sign_in(tab, email):
    tab.goto("/sign-in")
    tab.get_by_label("Email address").fill(email)
    tab.get_by_label("Password", exact=True).and_(tab.locator("input")).fill(DEMO_PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_load_state()


THIS_YEAR = f"Health Check {date.today().year} (demo)"


def this_year_id(tab) -> str:
    tab.goto("/reports/")
    href = tab.locator("main a", has_text=THIS_YEAR).first.get_attribute("href")
    return re.search(r"/reports/(\d+)/", href).group(1)


def download(tab, link_name: str) -> bytes:
    with tab.expect_download(timeout=120000) as info:
        tab.get_by_role("link", name=link_name).click(no_wait_after=True)
    return Path(info.value.path()).read_bytes()


def test_psw_writes_submits_endorser_endorses_staff_page_published(page, chromium, demo_server):
    sign_in(page, "psw@demo.example")
    cycle_id = this_year_id(page)
    base = f"/reports/{cycle_id}/self-assessment"
    page.goto(f"/reports/{cycle_id}/overview", timeout=240000)
    page.wait_for_selector("h1:text-is('Overview')", timeout=240000)

    page.goto(base)
    assert_accessible(page)
    for area in AREA_IDS:
        page.goto(f"{base}/{area}")
        page.wait_for_selector("h1")
        assert_accessible(page)
        controls_reached_by_tab(page)
        page.goto(f"{base}/{area}")
        # by keyboard: insert the first proposed strength (or, for an area with none to
        # propose, such as a red one, the first proposed improvement), add a sentence, save
        field = "strengths"
        if not page.locator('[data-proposals="strengths"] button').count():
            field = "improvements"
        press_tab_until(page, f'[data-proposals="{field}"] button')
        proposal = page.evaluate(
            "() => document.activeElement.closest('li').firstChild.textContent.trim()"
        )
        with page.expect_navigation():
            page.keyboard.press("Enter")
        page.wait_for_selector(f"textarea[name={field}]")
        assert proposal in page.locator(f"textarea[name={field}]").input_value()
        # a judgement (radios: Tab reaches the group, arrows choose) and a rationale
        press_tab_until(page, "input[name=rating]")
        page.keyboard.press("Space")
        press_tab_until(page, "textarea[name=rationale]")
        page.keyboard.type(f"Our judgement for {area} (test).")
        press_tab_until(page, "textarea[name=improvements]")
        page.keyboard.type(f"Improve {area} (test).")
        press_tab_until(page, "button[type=submit]:not([name=insert]), input[type=submit]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert re.search(r"/self-assessment(#\w*)?$", page.url), page.url

    page.get_by_role("button", name="Submit for endorsement").click()
    page.wait_for_load_state()
    assert (
        "submitted for endorsement"
        in page.locator(".govuk-notification-banner--success").inner_text()
    )
    assert_accessible(page)

    # the endorser, in their own browser context
    context = chromium.new_context(base_url=demo_server.url, bypass_csp=True)
    endorser = context.new_page()
    sign_in(endorser, "endorser@demo.example")
    assert endorser.locator("h1").inner_text() == "Self-assessments to endorse"
    assert_accessible(endorser)
    endorser.locator("main a", has_text=THIS_YEAR).first.click()
    endorser.wait_for_load_state()
    assert "Our judgement for tools (test)." in endorser.content()
    assert_accessible(endorser)
    endorser.get_by_label("Comments").fill("Agreed (test)")
    endorser.get_by_role("button", name="Endorse").click()
    endorser.wait_for_load_state()
    assert "endorsed" in endorser.locator(".govuk-notification-banner--success").inner_text()
    context.close()

    # the endorsed PDF: who and when, and the same file after more edits to the draft
    page.goto(base)
    expected = f"Endorsed by Jordan Blake (demo) on {uk_date(date.today())}"
    assert expected in page.locator("[data-versions]").inner_text()
    first = download(page, re.compile(r"PDF of version 1"))
    text = pdf_text(first)
    assert expected in text and "Executive summary" in text and "Action plan" in text
    page.goto(f"{base}/workload")
    page.wait_for_selector("textarea[name=strengths]", timeout=240000)
    page.locator("textarea[name=strengths]").fill("Rewritten after endorsement (test).")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state()
    page.goto(base)
    assert download(page, re.compile(r"PDF of version 1")) == first

    # publish, then anyone can read it (no sign-in) on a phone
    page.get_by_role("button", name=re.compile("Publish to all staff")).first.click()
    page.wait_for_load_state()
    href = page.locator("[data-versions] a", has_text="Published").first.get_attribute("href")
    phone = chromium.new_context(
        base_url=demo_server.url, bypass_csp=True, viewport={"width": 375, "height": 740}
    )
    staff = phone.new_page()
    response = staff.goto(href)
    assert response.status == 200
    assert staff.locator("h1").inner_text().startswith("What you told us")
    assert staff.locator("[data-actions]").count() >= 1
    assert "We will" in staff.content() and "What needs to improve" in staff.content()
    assert "Improve tools (test)." in staff.content()
    assert staff.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(staff)
    staff.goto(href)
    controls_reached_by_tab(staff)
    phone.close()
