"""In headless Chromium (issue 13): a facilitator types an uncommon name into focus-group
notes and is warned and can redact it; the Principal Social Worker hides a quote and it is gone
from the themes page, the PDF and the XLSX after the analysis runs again. Zero axe-core
violations on the pages on the way."""

import io
import re
from pathlib import Path

import pytest

from tests.conftest import TEST_PASSWORD, _make_app, make_user
from tests.reports.seeding import seed
from tests.results.support import add_many
from tests.support.browser import LiveServer, assert_accessible

pytestmark = pytest.mark.browser

TEXTS = (
    "Caseloads are too high and we are understaffed",
    "My manager is supportive and helpful in supervision",
    "IT systems are slow and the laptops crash often",
    "Supervision is regular and useful for reflection",
    "Not enough time for reflection or training",
    "Duty weeks are chaotic and nobody covers sickness",
)


@pytest.fixture(scope="module")
def review_server(sqlite_factory):
    from healthcheck.extensions import db
    from healthcheck.focus_groups import records

    app = _make_app(sqlite_factory.new(), WTF_CSRF_ENABLED=True, RATELIMITS={"sign-in": 100})
    with app.app_context():
        cycle = seed(40, "review-journey", texts=TEXTS)
        facilitator = make_user("facilitator", "fac@example.org", "Fay Cilitator")
        make_user("psw", "psw@example.org", "Pat Principal")
        make_user("admin", "admin@example.org", "Ada Admin")
        group = records.create_focus_group(cycle, facilitator)
        ids = {"cycle": cycle.id, "group": group.id}
    server = LiveServer(app).start()
    server.app, server.ids = app, ids
    yield server
    server.stop()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def tab(chromium, review_server):
    context = chromium.new_context(base_url=review_server.url, bypass_csp=True)
    context.set_default_timeout(30000)
    yield context.new_page()
    context.close()


def sign_in(tab, email):
    tab.goto("/sign-in")
    tab.get_by_label("Email address").fill(email)
    tab.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_load_state()


def test_facilitator_is_warned_about_an_uncommon_name_and_redacts_it(tab, review_server):
    sign_in(tab, "fac@example.org")
    group = review_server.ids["group"]
    tab.goto(f"/focus-groups/{group}/edit/workload")
    tab.locator("textarea[name='note.Q2']").fill(
        "Brenda Thistlewood said Mr Okonkwo-Baptiste covers every duty week on his own"
    )
    tab.get_by_role("button", name="Save draft").click()
    warning = tab.locator(".app-identifiers")
    assert "may contain personal details" in warning.inner_text()
    marked = " ".join(warning.locator("mark").all_inner_texts())
    assert "Thistlewood" in marked and "Okonkwo-Baptiste" in marked
    assert_accessible(tab)
    tab.get_by_role("button", name="Redact them and save").click()
    tab.wait_for_url(re.compile(r"/edit/workload$"))
    value = tab.locator("textarea[name='note.Q2']").input_value()
    assert "Thistlewood" not in value and "Okonkwo" not in value and "[name]" in value


def _download_text(tab, link_text, kind):
    with tab.expect_download() as info:
        tab.get_by_text(link_text).click()
    data = Path(info.value.path()).read_bytes()
    if kind == "pdf":
        from pypdf import PdfReader

        return " ".join(
            " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages
        )
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    return " ".join(
        str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row
    )


def test_psw_hides_a_quote_and_it_is_gone_after_a_rerun(tab, review_server):
    cycle = review_server.ids["cycle"]
    sign_in(tab, "psw@example.org")
    tab.goto(f"/reports/{cycle}/themes", timeout=240000)
    tab.wait_for_selector("h1:text-is('Themes')", timeout=240000)
    first = tab.locator(".govuk-summary-card").first
    quote = first.locator("blockquote").first.inner_text().strip().strip("“”")
    first.locator("a.app-hide-quote").first.click()
    assert_accessible(tab)
    tab.get_by_role("button", name="Hide quote").click()
    assert "Enter why you are hiding this quote" in tab.locator(".govuk-error-summary").inner_text()
    tab.get_by_label("Why are you hiding this quote?").fill("Could identify the writer")
    tab.get_by_role("button", name="Hide quote").click()
    tab.wait_for_selector("text=Quote hidden")
    assert quote not in tab.locator("main").inner_text()
    assert_accessible(tab)

    with review_server.app.app_context():  # new responses arrive: the analysis runs again
        from healthcheck.extensions import db
        from healthcheck.models import Cycle

        add_many(db.session.get(Cycle, cycle), 2, {"Q2": quote, "about_role": "social_worker"})
    tab.goto(f"/reports/{cycle}/themes", timeout=240000)
    tab.wait_for_selector("h1:text-is('Themes')", timeout=240000)
    assert quote not in tab.locator("main").inner_text()
    tab.goto(f"/reports/{cycle}/downloads")
    pdf = _download_text(tab, "Self-assessment report (PDF)", "pdf")
    xlsx = _download_text(tab, "Figures, themes and action plan (XLSX spreadsheet)", "xlsx")
    assert quote not in pdf and quote not in xlsx
    assert "Themes" in xlsx or "theme" in xlsx.lower()


def test_sensitive_comments_and_staff_list_pages_are_accessible(tab, review_server, tmp_path):
    cycle = review_server.ids["cycle"]
    sign_in(tab, "psw@example.org")
    tab.goto(f"/reports/{cycle}/sensitive-comments", timeout=240000)
    assert "Only you can see this page" in tab.locator("main").inner_text()
    assert_accessible(tab)
    tab.context.clear_cookies()
    sign_in(tab, "admin@example.org")
    tab.goto("/admin/staff-list")
    assert_accessible(tab)
    staff = tmp_path / "staff.txt"
    staff.write_text("Xanthe Quorndon\nDeep Anand\n", encoding="utf-8")
    tab.get_by_label("Upload the staff list").set_input_files(str(staff))
    tab.get_by_role("button", name="Upload staff list").click()
    tab.wait_for_selector("text=Staff list of 2 names uploaded")
    assert "Quorndon" not in tab.locator("main").inner_text()
    assert_accessible(tab)
