"""The Principal Social Worker's dashboard in headless Chromium, on the seeded demo.

Signs in, opens every dashboard page (zero axe-core violations on each), renames a theme and
adds an action by keyboard, downloads the PDF and the XLSX and checks what is in them, and
checks that the SVG charts load under the real Content Security Policy.
"""

import io
import re
from pathlib import Path

import pytest

from healthcheck.demo.users import DEMO_PASSWORD
from tests.support.browser import assert_accessible

pytestmark = pytest.mark.browser

AREAS = (
    "Effective workload management",
    "Proactive workflow management",
    "Having the right tools to do the job",
    "A healthy workplace",
    "Effective service delivery",
)


def sign_in(tab):
    tab.goto("/sign-in")
    tab.get_by_label("Email address").fill("psw@demo.example")
    tab.get_by_label("Password", exact=True).and_(tab.locator("input")).fill(DEMO_PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_load_state()


def open_overview(tab, check=True):
    tab.goto("/reports/")
    if check:  # axe is injected, so only where the CSP is bypassed
        assert_accessible(tab)
    href = tab.locator("a.govuk-button").first.get_attribute("href")
    # The first view may run the analysis (in the request when testing, else off it with an
    # "Analysing" page that refreshes itself): allow it time.
    tab.goto(href, timeout=240000)
    tab.wait_for_selector("h1:text-is('Overview')", timeout=240000)
    return re.search(r"/reports/(\d+)/", tab.url).group(1)


def overview_scores(tab):
    scores = {}
    for row in tab.locator("table.app-table--numbers tbody tr").all():
        name = row.locator("th").inner_text().strip()
        scores[name] = row.locator('[data-field="score"]').inner_text().strip()
    return scores


def test_principal_social_worker_journey(page):
    sign_in(page)
    cycle_id = open_overview(page)
    assert_accessible(page)
    scores = overview_scores(page)
    assert list(scores) == list(AREAS)

    # every page opens with no accessibility violations
    paths = [
        f"/reports/{cycle_id}/areas/{area}"
        for area in ("workload", "workflow", "tools", "workplace", "delivery")
    ] + [
        f"/reports/{cycle_id}/themes",
        f"/reports/{cycle_id}/response-rate",
        f"/reports/{cycle_id}/self-assessment",
        f"/reports/{cycle_id}/actions",
        f"/reports/{cycle_id}/actions/new",
        f"/reports/{cycle_id}/themes/merge",
        f"/reports/{cycle_id}/downloads",
    ]
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, path
        assert_accessible(page)

    # rename a theme, by keyboard
    page.goto(f"/reports/{cycle_id}/themes")
    rename = page.locator(".govuk-summary-card__action a").first
    rename.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:text-is('Rename a theme')")
    assert_accessible(page)
    field = page.get_by_label("New name for the theme")
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("Caseload pressure (renamed)")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Theme renamed")
    assert page.locator(
        ".govuk-summary-card__title", has_text="Caseload pressure (renamed)"
    ).count()

    # add an action, by keyboard
    page.goto(f"/reports/{cycle_id}/actions/new")
    page.get_by_label("Area").select_option("workload")
    page.get_by_label("Action", exact=True).fill("Weighted caseload pilot")
    page.get_by_label("Owner").fill("Team manager")
    page.get_by_label("Day").fill("30")
    page.get_by_label("Month").fill("9")
    page.get_by_label("Year").fill("2027")
    page.get_by_label("In progress").check()
    page.get_by_role("button", name="Save action").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Action added")
    assert page.locator("table", has_text="Weighted caseload pilot").count() == 1
    assert_accessible(page)

    # downloads: the PDF holds the five areas and their scores; the XLSX equals the page
    page.goto(f"/reports/{cycle_id}/downloads")
    # The links are plain links (no "download" attribute, so that the "Analysing" page shows if
    # an analysis is running): the download begins when the file's headers arrive, after the
    # PDF is drawn, which takes a while on a loaded machine.
    with page.expect_download(timeout=180000) as pdf_info:
        page.get_by_text("Self-assessment report (PDF)").click()
    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(Path(pdf_info.value.path()).read_bytes()))
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    for name, score in scores.items():
        assert name in text
        assert score in text
    with page.expect_download(timeout=180000) as xlsx_info:
        page.get_by_text("Figures, themes and action plan (XLSX spreadsheet)").click()
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(Path(xlsx_info.value.path()).read_bytes()))
    rows = list(book["Areas"].iter_rows(values_only=True))[1:]
    assert {r[0]: str(r[2]) for r in rows} == scores
    actions = [r[1] for r in book["Action plan"].iter_rows(values_only=True)]
    assert "Weighted caseload pilot" in actions


def test_keyboard_reaches_every_dashboard_link(page):
    sign_in(page)
    cycle_id = open_overview(page)
    links = page.locator("main a[href]").count()
    reached = set()
    for _ in range(links + 40):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.getAttribute('href')")
        if href:
            reached.add(href)
    for path in ("themes", "response-rate", "self-assessment", "actions", "downloads"):
        assert f"/reports/{cycle_id}/{path}" in reached
    assert f"/reports/{cycle_id}/areas/workload" in reached


def test_charts_load_under_the_real_csp(chromium, demo_server):
    context = chromium.new_context(base_url=demo_server.url)  # CSP not bypassed
    tab = context.new_page()
    errors = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(tab)
    cycle_id = open_overview(tab, check=False)
    for path in (
        f"/reports/{cycle_id}/overview",
        f"/reports/{cycle_id}/areas/workload",
        f"/reports/{cycle_id}/response-rate",
    ):
        tab.goto(path)
        tab.wait_for_load_state("networkidle")
        images = tab.locator("img.app-chart__image")
        assert images.count() > 0, path
        for i in range(images.count()):
            width = images.nth(i).evaluate("img => img.complete && img.naturalWidth")
            assert width and width > 0, path
    # a chart drawn with its colours: the bars are not all black (no blocked styles)
    svg = tab.request.get(f"/reports/{cycle_id}/charts/areas.svg")
    assert 'fill="#' in svg.text() and "style" not in svg.text()
    assert not [e for e in errors if "Content Security Policy" in e], errors
    context.close()


def test_on_a_phone_the_psws_tables_scroll_in_their_own_regions(chromium, demo_server):
    """At 375 px the area scores, the actions and the focus groups scroll in their own regions
    (which the keyboard can reach), not the page; a chart says it scrolls, and says so only
    where it does."""
    context = chromium.new_context(base_url=demo_server.url, viewport={"width": 375, "height": 800})
    tab = context.new_page()
    sign_in(tab)
    cycle_id = open_overview(tab, check=False)
    pages = [f"/reports/{cycle_id}/{page}" for page in ("overview", "actions", "self-assessment")]
    for width in (375, 320):
        tab.set_viewport_size({"width": width, "height": 800})
        for path in pages + ["/focus-groups/"]:
            tab.goto(path)
            fits = "document.documentElement.scrollWidth <= window.innerWidth + 1"
            assert tab.evaluate(fits), (path, width)
            assert tab.locator(".app-table-scroll[tabindex='0'] table").count() >= 1, path
    tab.goto(f"/reports/{cycle_id}/overview")
    hint = tab.locator(".app-chart__hint").first
    assert hint.is_visible() and "Scroll sideways" in hint.inner_text()
    tab.set_viewport_size({"width": 1280, "height": 800})
    assert not hint.is_visible()  # the chart fits: nothing to scroll
    # Where a table fits, its region does not scroll either (its hidden link text stays put).
    for path in pages:
        tab.goto(path)
        regions = tab.locator(".app-table-scroll")
        for i in range(regions.count()):
            assert regions.nth(i).evaluate("r => r.scrollWidth <= r.clientWidth"), path
    context.close()


def test_on_a_phone_a_chart_keeps_a_readable_size_and_scrolls_in_its_frame(chromium, demo_server):
    context = chromium.new_context(base_url=demo_server.url, viewport={"width": 375, "height": 800})
    tab = context.new_page()
    sign_in(tab)
    cycle_id = open_overview(tab, check=False)
    tab.goto(f"/reports/{cycle_id}/themes")
    tab.wait_for_load_state("networkidle")
    image = tab.locator("img.app-chart__image").first
    assert image.evaluate("img => img.getBoundingClientRect().width") >= 600
    frame = tab.locator(".app-chart__frame").first
    assert frame.evaluate("f => f.scrollWidth > f.clientWidth")
    # The page itself does not scroll sideways; the frame takes focus to be scrolled.
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    frame.focus()
    tab.keyboard.press("ArrowRight")
    # Chromium scrolls smoothly: wait for it rather than read at once.
    tab.wait_for_function(
        "() => document.querySelector('.app-chart__frame').scrollLeft > 0", timeout=10000
    )
    context.close()
