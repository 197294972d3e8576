"""Every dashboard page by keyboard alone, in headless Chromium on the seeded demo.

Two kinds of check. On every page, Tab alone reaches every control a mouse could use (in
document order, each once, with a visible focus indicator and no trap). Then the Principal
Social Worker's tasks are done with key presses only: no click, no fill, no focus() call;
Tab moves between controls, Enter follows links and submits, Space ticks, arrow keys choose.
"""

import re

import pytest

from healthcheck.demo.users import DEMO_PASSWORD
from tests.support.browser import assert_accessible

pytestmark = pytest.mark.browser

AREA_IDS = ("workload", "workflow", "tools", "workplace", "delivery")

# Marks every control a mouse could use, as Tab should reach it: visible, enabled, not
# tabindex=-1, one per radio group (Tab reaches the checked radio, or the first). Returns how
# many were marked.
MARK_CONTROLS = """() => {
  const selector = 'a[href], button, input, select, textarea, summary, [tabindex]';
  const groups = new Set();
  let n = 0;
  for (const el of document.querySelectorAll(selector)) {
    el.removeAttribute('data-kb');
    if (el.disabled || el.type === 'hidden' || el.getAttribute('tabindex') === '-1') continue;
    if (el.closest('details:not([open])') && el.tagName !== 'SUMMARY') continue;
    const box = el.matches('.govuk-radios__input, .govuk-checkboxes__input')
      ? el.parentElement : el;
    if (!box.getClientRects().length || getComputedStyle(box).visibility === 'hidden') continue;
    if (el.type === 'radio') {
      const checked = el.form && el.form.querySelector(`input[name="${el.name}"]:checked`);
      if (groups.has(el.name) || (checked && checked !== el)) continue;
      groups.add(el.name);
    }
    el.setAttribute('data-kb', String(n++));
  }
  return n;
}"""

# What has focus now, and whether the focus can be seen: GOV.UK Frontend draws it as an
# outline, a box shadow or a yellow background, and for a radio or checkbox on its label.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const seen = (style) => (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
      && style.outlineColor !== 'rgba(0, 0, 0, 0)')
    || (style.boxShadow && style.boxShadow !== 'none')
    || style.backgroundColor === 'rgb(255, 221, 0)';
  let visible = seen(getComputedStyle(el));
  if (!visible && el.labels && el.labels.length) {
    const label = el.labels[0];
    visible = seen(getComputedStyle(label, '::before')) || seen(getComputedStyle(label, '::after'));
  }
  return {kb: el.getAttribute('data-kb'), tag: el.tagName, text: (el.innerText || el.name || '')
    .trim().slice(0, 60), visible};
}"""


def controls_reached_by_tab(tab) -> None:
    """Tab from the top of the page to its end: every control once, in order, focus seen."""
    total = tab.evaluate(MARK_CONTROLS)
    assert total > 0, tab.url
    tab.evaluate("() => { document.activeElement && document.activeElement.blur(); }")
    tab.evaluate("() => window.scrollTo(0, 0)")
    reached = []
    for _ in range(total + 5):
        tab.keyboard.press("Tab")
        focused = tab.evaluate(FOCUSED)
        if focused is None or focused["kb"] is None:
            if reached:  # past the last control (the browser's own UI): no trap
                break
            continue
        if reached and focused["kb"] == "0":  # round to the first control again: no trap
            break
        assert focused["visible"], f"no visible focus on {focused} at {tab.url}"
        reached.append(int(focused["kb"]))
    assert reached == list(range(total)), f"Tab order on {tab.url}: {reached} of {total}"


def press_tab_until(tab, selector: str, limit: int = 200) -> None:
    """Press Tab until the focused element matches ``selector`` (as a keyboard user would)."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        if tab.evaluate("(s) => !!document.activeElement?.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector} on {tab.url}")


def follow(tab, selector: str) -> None:
    """Tab to a link or button and press Enter, waiting for the page it leads to."""
    press_tab_until(tab, selector)
    with tab.expect_navigation():
        tab.keyboard.press("Enter")


def sign_in_by_keyboard(tab) -> None:
    tab.goto("/sign-in")
    press_tab_until(tab, "input[type=email], input[name=email]")
    tab.keyboard.type("psw@demo.example")
    press_tab_until(tab, "input[type=password]")
    tab.keyboard.type(DEMO_PASSWORD)
    with tab.expect_navigation():
        tab.keyboard.press("Enter")


def test_every_dashboard_page_is_reached_control_by_control_with_tab(page):
    sign_in_by_keyboard(page)
    page.goto("/reports/")
    controls_reached_by_tab(page)
    follow(page, "main a.govuk-button")  # the closed cycle with results
    page.wait_for_selector("h1:text-is('Overview')", timeout=240000)
    cycle_id = re.search(r"/reports/(\d+)/", page.url).group(1)
    first_theme = page.evaluate(
        '() => document.querySelector(\'a[href*="/themes/"][href$="/rename"]\')?.href'
    )
    base = f"/reports/{cycle_id}"
    paths = [f"{base}/overview"] + [f"{base}/areas/{a}" for a in AREA_IDS]
    paths += [
        f"{base}/themes",
        f"{base}/themes?source=survey",
        f"{base}/themes/merge",
        f"{base}/response-rate",
        f"{base}/self-assessment",
        f"{base}/actions",
        f"{base}/actions/new",
        f"{base}/downloads",
    ]
    page.goto(f"{base}/themes")
    rename = page.locator(".govuk-summary-card__action a").first.get_attribute("href")
    paths.append(first_theme or rename)
    paths.append(page.locator("main a[href$='/parts']").first.get_attribute("href"))
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, path
        controls_reached_by_tab(page)
        assert_accessible(page)


def test_the_principal_social_workers_tasks_by_keyboard_alone(page):
    sign_in_by_keyboard(page)
    page.goto("/reports/")
    follow(page, "main a.govuk-button")
    page.wait_for_selector("h1:text-is('Overview')", timeout=240000)
    cycle_id = re.search(r"/reports/(\d+)/", page.url).group(1)
    base = f"/reports/{cycle_id}"

    # an area page from the overview's table
    follow(page, f"main a[href$='{base}/areas/workload']")
    assert page.url.endswith(f"{base}/areas/workload")

    # themes: filter by source and role with the arrow keys, then clear the filters
    follow(page, f"nav a[href$='{base}/themes']")
    press_tab_until(page, "select#filter-source")
    page.keyboard.press("ArrowDown")  # "All" -> the first source
    press_tab_until(page, "select#filter-role")
    page.keyboard.press("ArrowDown")  # "All roles" -> the first role offered
    follow(page, "main button.govuk-button--secondary")
    assert "source=" in page.url and "role=" in page.url
    assert not re.search(r"source=(&|$)", page.url) and not re.search(r"role=(&|$)", page.url)
    # every theme listed under a role filter shows that role's figure (none are "withheld")
    cards = page.locator(".govuk-summary-card").count()
    assert page.locator('[data-field="role"]').count() == cards
    assert "withheld" not in " ".join(page.locator('[data-field="role"]').all_inner_texts())
    follow(page, f"main form a[href$='{base}/themes']")  # Clear filters
    assert "role=" not in page.url

    # merge the two smallest themes: Space ticks, typing names, Enter submits
    follow(page, f"main a[href$='{base}/themes/merge']")
    boxes = page.locator("input[name=theme_ids]")
    for index in (boxes.count() - 2, boxes.count() - 1):
        value = boxes.nth(index).get_attribute("value")
        press_tab_until(page, f"input[name=theme_ids][value='{value}']")
        page.keyboard.press("Space")
    press_tab_until(page, "input[name=label]")
    page.keyboard.type("Smaller themes together")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("text=Themes merged")
    assert page.locator(".govuk-summary-card__title", has_text="Smaller themes together").count()

    # name a part of what the largest theme covers in the PSW's own words: Tab to its box,
    # type over it, Tab on to "Save names" and Enter saves
    follow(page, "main a[href$='/parts']")
    page.wait_for_selector("h1:text-is('Rename what a theme covers')")
    press_tab_until(page, "textarea[name=part_1]")
    page.keyboard.press("Control+A")
    page.keyboard.type("Staff value learning from each other in groups")
    press_tab_until(page, "main form .govuk-button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("text=1 part renamed")
    covers = page.locator('[data-field="covers"]', has_text="Staff value learning from each")
    assert covers.count() == 1

    # the self-assessment's overall summary: write both lists, save (each area's page is
    # done by keyboard in test_self_assessment_journey.py)
    follow(page, f"nav a[href$='{base}/self-assessment']")
    press_tab_until(page, "textarea[name=strengths]")
    page.keyboard.press("Control+End")
    page.keyboard.type("\nKeyboard strength: supervision is regular.")
    press_tab_until(page, "textarea[name=improvements]")
    page.keyboard.press("Control+End")
    page.keyboard.type("\nKeyboard improvement: caseload weighting.")
    follow(page, "main form:has(textarea[name=strengths]) button")
    assert "supervision is regular" in page.locator("textarea[name=strengths]").input_value()

    # add an action: type-ahead in the area list, arrow keys between the status radios
    follow(page, f"nav a[href$='{base}/actions']")
    follow(page, f"main a[href$='{base}/actions/new']")
    press_tab_until(page, "select[name=area]")
    page.keyboard.type("Having")  # type-ahead: "Having the right tools to do the job"
    press_tab_until(page, "textarea[name=action]")
    page.keyboard.type("Replace the slowest laptops (keyboard)")
    press_tab_until(page, "input[name=owner]")
    page.keyboard.type("Head of IT")
    press_tab_until(page, "input[name=due_on]")  # day, month and year, one Tab apart
    page.keyboard.type("15")
    for value in ("6", "2027"):
        page.keyboard.press("Tab")
        page.keyboard.type(value)
    press_tab_until(page, "input[name=status]")
    page.keyboard.press("ArrowDown")  # Not started -> In progress
    follow(page, "main form button")
    page.wait_for_selector("text=Action added")
    row = page.locator("tr", has_text="Replace the slowest laptops (keyboard)")
    assert "Having the right tools" in row.inner_text()
    assert "In progress" in row.inner_text()
    assert "15 June 2027" in row.inner_text()

    # change its status to done
    change = row.locator("a").get_attribute("href")
    follow(page, f"main a[href='{change}']")
    press_tab_until(page, "input[name=status]:checked")
    page.keyboard.press("ArrowDown")  # In progress -> Done
    follow(page, "main form button")
    row = page.locator("tr", has_text="Replace the slowest laptops (keyboard)")
    assert "Done" in row.inner_text()

    # a download by Enter on its link
    follow(page, f"nav a[href$='{base}/downloads']")
    press_tab_until(page, "a[href$='themes.csv']")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".csv")
    assert_accessible(page)
