"""A whole year of a health check, run from the browser by the administrator and the Principal
Social Worker, with no command line: lists, a cycle, headcounts, access codes (CSV and PDF
slips), opening, a respondent using a code, closing, and the response rate. Every new page has
zero axe-core violations (with and without errors) and is reached control by control with Tab.
"""

import csv
import io
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.browser.test_dashboard_keyboard import controls_reached_by_tab, follow, press_tab_until
from tests.conftest import TEST_PASSWORD, _make_app, make_user
from tests.support.browser import LiveServer, assert_accessible

pytestmark = pytest.mark.browser

SLUG = "hc-this-year"
ADMIN = "ada@council.example"
PSW = "pat@council.example"
PSW_PASSWORD = "a-long-temporary-phrase-for-pat-7"


@pytest.fixture
def fresh_server(sqlite_factory, tmp_path):
    """An empty service (no demo) with one administrator, as on the first day."""
    app = _make_app(
        sqlite_factory.new(),
        WTF_CSRF_ENABLED=True,
        PROPAGATE_EXCEPTIONS=False,
        INSTRUMENTS_UPLOAD_DIR=str(tmp_path / "instruments"),
    )
    with app.app_context():
        make_user("admin", email=ADMIN, name="Ada Admin")
    server = LiveServer(app).start()
    yield server
    server.stop()


@pytest.fixture
def browser_context(chromium, fresh_server):
    made = []

    def new_tab():
        context = chromium.new_context(
            base_url=fresh_server.url, bypass_csp=True, accept_downloads=True
        )
        context.set_default_timeout(20000)
        made.append(context)
        return context.new_page()

    yield new_tab
    for context in made:
        context.close()


def sign_in(tab, email, password):
    tab.goto("/sign-in")
    tab.get_by_label("Email address").fill(email)
    tab.get_by_label("Password", exact=True).and_(tab.locator("input")).fill(password)
    with tab.expect_navigation():
        tab.get_by_role("button", name="Sign in").click()


def submit(tab, name):
    with tab.expect_navigation():
        tab.get_by_role("button", name=name).click()


def check_page(tab, errors=False):
    """Zero axe-core violations, every control reached by Tab; with errors, a summary."""
    assert_accessible(tab)
    # GOV.UK Frontend moves focus to an error summary; Tab then starts from the top of the page
    # again (as after loading it) for the walk through every control.
    tab.evaluate(
        "() => { const t = document.createElement('div'); t.tabIndex = -1;"
        " document.body.prepend(t); t.focus(); t.remove(); }"
    )
    controls_reached_by_tab(tab)
    if errors:
        assert tab.locator(".govuk-error-summary").is_visible()
        assert tab.title().startswith("Error: ")


def fill_date(tab, name, day):
    tab.locator(f"#{name}-day").fill(str(day.day))
    tab.locator(f"#{name}-month").fill(str(day.month))
    tab.locator(f"#{name}-year").fill(str(day.year))


def download(tab, button):
    with tab.expect_download() as info:
        tab.get_by_role("button", name=button).click()
    return info.value


def test_a_whole_year_from_the_browser(browser_context):
    today = date.today()
    admin = browser_context()
    sign_in(admin, ADMIN, TEST_PASSWORD)

    # The administrator adds the Principal Social Worker's account.
    admin.goto("/admin/accounts/new")
    admin.get_by_label("Full name").fill("Pat Principal")
    admin.get_by_label("Email address").fill(PSW)
    admin.get_by_label("Principal Social Worker").check()
    admin.get_by_label("Temporary password").fill(PSW_PASSWORD)
    submit(admin, "Add account")

    # The organisation's lists: job roles from the survey's choices, teams typed in.
    admin.goto("/admin/cycles")
    check_page(admin)
    with admin.expect_navigation():
        admin.get_by_role("link", name="Teams and job roles").click()
    check_page(admin)
    admin.locator("form[action$='/lists/role/start-from-survey'] button").click()
    admin.wait_for_selector("text=added from the survey's options", state="attached")
    for team in ("Locality North", "Locality South", "Hospital discharge"):
        admin.goto("/admin/lists/team/new")
        admin.get_by_label("Name of the team or service").fill(team)
        submit(admin, "Add team or service")
    admin.goto("/admin/lists/team/new")
    admin.get_by_label("Name of the team or service").fill("locality north")
    submit(admin, "Add team or service")
    assert "already in the list" in admin.locator(".govuk-error-summary").inner_text()
    check_page(admin, errors=True)
    admin.goto("/admin/lists")
    check_page(admin)
    rename = admin.get_by_role("link", name="Rename Hospital discharge")
    with admin.expect_navigation():
        rename.click()
    check_page(admin)
    admin.get_by_label("New name").fill("Hospital discharge team")
    submit(admin, "Rename")
    assert "locality_north" in admin.locator("main").inner_text()

    # The Principal Social Worker creates this year's cycle (a wrong date first).
    psw = browser_context()
    sign_in(psw, PSW, PSW_PASSWORD)
    psw.goto("/admin/cycles/new")
    check_page(psw)
    assert psw.locator("#opens_on-month").input_value() == "01"  # Quarter 4 is suggested
    psw.get_by_label("Name", exact=True).fill("Health Check this year")
    psw.get_by_label("Survey link name").fill(SLUG)
    fill_date(psw, "opens_on", today + timedelta(days=30))
    fill_date(psw, "closes_on", today)
    psw.get_by_label("Single-use access codes").check()
    submit(psw, "Create health check")
    assert (
        "close date must be the same as or after"
        in psw.locator(".govuk-error-summary").inner_text()
    )
    check_page(psw, errors=True)
    fill_date(psw, "opens_on", today)
    fill_date(psw, "closes_on", today + timedelta(days=30))
    submit(psw, "Create health check")
    assert psw.locator("h1").inner_text().startswith("Health Check this year")
    cycle_url = psw.url
    cycle_id = re.search(r"/admin/cycles/(\d+)$", cycle_url).group(1)
    check_page(psw)

    # The administrator uploads the headcounts (a bad file first) and makes the codes.
    admin.goto(f"/admin/cycles/{cycle_id}")
    check_page(admin)
    with admin.expect_navigation():
        admin.get_by_role("link", name="Change the name and dates").click()
    check_page(admin)
    admin.get_by_label("Name", exact=True).fill("Health Check this year (staff survey)")
    submit(admin, "Save changes")
    assert admin.locator("h1").inner_text().startswith("Health Check this year (staff survey)")
    admin.goto(f"/admin/cycles/{cycle_id}/headcounts/upload")
    check_page(admin)
    admin.set_input_files(
        "#file",
        files=[{"name": "headcounts.csv", "mimeType": "text/csv",
                "buffer": b"group,code,headcount\nrole,social_worker,ten\n"}],
    )  # fmt: skip
    submit(admin, "Upload headcounts")
    assert "Line 2, column headcount" in admin.locator(".govuk-error-summary").inner_text()
    check_page(admin, errors=True)
    good = (
        "group,code,headcount\nrole,social_worker,120\nrole,Manager,30\n"
        "team,Locality North,70\nteam,locality_south,60\nteam,Hospital discharge team,20\n"
    )
    admin.set_input_files(
        "#file",
        files=[{"name": "headcounts.csv", "mimeType": "text/csv", "buffer": good.encode()}],
    )
    submit(admin, "Upload headcounts")
    assert "150 staff" in admin.locator("main").inner_text()
    admin.goto(f"/admin/cycles/{cycle_id}/headcounts")
    check_page(admin)
    assert admin.get_by_label("Social worker").input_value() == "120"

    admin.goto(f"/admin/cycles/{cycle_id}/invitations")
    check_page(admin)
    assert admin.locator(".app-qr-code svg").count() == 1
    assert f"{today.day + 0}" in admin.locator("#message-invitation").input_value()
    admin.get_by_label("How many codes").fill("0")
    submit(admin, "Make codes and download them")
    assert "from 1 to 5,000" in admin.locator(".govuk-error-summary").inner_text()
    check_page(admin, errors=True)
    admin.get_by_label("How many codes").fill("5")
    admin.get_by_label("A CSV file for a mail merge").check()
    rows = list(csv.DictReader(io.StringIO(
        Path(download(admin, "Make codes and download them").path()).read_text("utf-8-sig")
    )))  # fmt: skip
    assert len(rows) == 5 and rows[0]["survey_link"].endswith(f"/survey/{SLUG}")
    admin.get_by_label("How many codes").fill("3")
    admin.get_by_label(re.compile("Printable slips")).check()
    slips = download(admin, "Make codes and download them")
    assert slips.suggested_filename.endswith(".pdf")
    text = "".join(p.extract_text() for p in PdfReader(slips.path()).pages)
    slip_codes = re.findall(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", text)
    assert len(slip_codes) == 3

    # The Principal Social Worker opens it.
    psw.goto(cycle_url)
    with psw.expect_navigation():
        psw.get_by_role("button", name="Open the survey").click()
    check_page(psw)
    submit(psw, "Open the survey")
    assert "is open" in psw.locator(".govuk-notification-banner--success").inner_text()

    # A member of staff uses a code from the CSV and sends their answers.
    staff = browser_context()
    staff.goto(f"/survey/{SLUG}/access-code")
    staff.locator("#code").fill(rows[0]["code"])
    submit(staff, "Continue")
    staff.locator("#about_role").check()  # About you comes first
    submit(staff, "Continue")
    for _ in range(5):
        submit(staff, "Continue")
    staff.locator("#confirm_unanswered").check()  # sending with the five areas unanswered
    submit(staff, "Send my answers")
    assert staff.locator(".govuk-panel__title").inner_text() == "Your answers have been sent"

    # The administrator closes it, after reading what closing does.
    admin.goto(cycle_url)
    with admin.expect_navigation():
        admin.get_by_role("button", name="Close the survey").click()
    assert "wipes the order" in admin.locator("main").inner_text()
    check_page(admin)
    submit(admin, "Close the survey")
    assert "is closed" in admin.locator(".govuk-notification-banner--success").inner_text()
    admin.goto(f"/admin/cycles/{cycle_id}/reopen")
    check_page(admin)
    admin.goto(f"/admin/cycles/{cycle_id}/archive")
    check_page(admin)

    # The response rate shows.
    psw.goto(f"/reports/{cycle_id}/response-rate")
    assert "1 response: a response rate of 0.7% of 150 staff." in psw.locator("main").inner_text()


def test_instrument_pages_and_the_keyboard_alone(browser_context):
    admin = browser_context()
    sign_in(admin, ADMIN, TEST_PASSWORD)
    admin.goto("/admin/instruments")
    check_page(admin)
    follow(admin, "a[href$='/instruments/appendix5/v1']")
    check_page(admin)
    admin.goto("/admin/instruments/upload")
    check_page(admin)
    admin.set_input_files(
        "#file",
        files=[{"name": "broken.yaml", "mimeType": "text/yaml",
                "buffer": b"id: appendix5\nversion: 2\ntitle: X\nareas: []\nsections: []\n"}],
    )  # fmt: skip
    submit(admin, "Upload instrument")
    assert "broken.yaml" in admin.locator(".govuk-error-summary").inner_text()
    check_page(admin, errors=True)

    # Add a team with the keyboard alone: Tab, type, Enter.
    admin.goto("/admin/lists")
    follow(admin, "a[href$='/lists/team/new']")
    press_tab_until(admin, "input[name=label]")
    admin.keyboard.type("Safeguarding")
    with admin.expect_navigation():
        admin.keyboard.press("Enter")
    assert "Safeguarding added" in admin.locator(".govuk-notification-banner--success").inner_text()


def test_the_demo_shows_the_lists_and_headcounts(page):
    from healthcheck.demo.users import DEMO_PASSWORD

    sign_in(page, "admin@demo.example", DEMO_PASSWORD)
    page.goto("/admin/lists")
    lists = page.locator("main").inner_text()
    assert "Locality north" in lists and "Social worker" in lists
    check_page(page)
    page.goto("/admin/cycles")
    check_page(page)
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(r"Health Check \d+ \(demo\)")).first.click()
    main = page.locator("main").inner_text()
    assert "By team or service" in main and "Locality north" in main
    check_page(page)


def test_the_audit_log_and_accounts_fit_a_phone(chromium, demo_server):
    """On a 390 px screen the audit log's and the accounts' pages do not scroll sideways; their
    tables scroll in a region the keyboard can reach."""
    from healthcheck.demo.users import DEMO_PASSWORD

    context = chromium.new_context(
        base_url=demo_server.url, bypass_csp=True, viewport={"width": 390, "height": 844}
    )
    try:
        tab = context.new_page()
        sign_in(tab, "admin@demo.example", DEMO_PASSWORD)
        tab.goto("/admin/audit-log")
        assert "Who did what" in tab.locator("main").inner_text()
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        assert tab.locator(".app-table-scroll[tabindex='0']").count() == 1
        check_page(tab)
        tab.goto("/admin/")  # the accounts: five columns and email addresses
        assert "Staff who can sign in" in tab.locator("main").inner_text()
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        assert tab.locator(".app-table-scroll[tabindex='0'] table").count() == 1
        check_page(tab)
    finally:
        context.close()
