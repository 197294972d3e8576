"""No page, chart, quote or download shows a group below the minimum size, whatever the filters.

Three cycles push on the rules: one too small for any figure, one whose respondents all sit in
small groups (so no quote may be shown), and one with small roles beside large ones.
"""

import io
import itertools
import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from healthcheck.reports import dashboard
from tests.reports.seeding import TEXTS, default_about, seed

MIN = 5


def soup(response):
    assert response.status_code == 200, response.request.path
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def numbers(text):
    return [float(x) for x in re.findall(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])", text)]


def all_downloads(client, cycle_id):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    out = {}
    for name in ("figures.csv", "themes.csv"):
        out[name] = client.get(f"/reports/{cycle_id}/download/{name}").get_data(as_text=True)
    book = load_workbook(io.BytesIO(client.get(f"/reports/{cycle_id}/download/figures.xlsx").data))
    out["figures.xlsx"] = "\n".join(
        " ".join("" if v is None else str(v) for v in row)
        for sheet in book
        for row in sheet.iter_rows(values_only=True)
    )
    pdf = PdfReader(
        io.BytesIO(client.get(f"/reports/{cycle_id}/download/self-assessment.pdf").data)
    )
    out["pdf"] = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    return out


def test_a_cycle_below_the_minimum_shows_no_figure_anywhere(psw_client, app):
    cycle = seed(MIN - 1, "tiny")
    overview = soup(psw_client.get(f"/reports/{cycle.id}/overview"))
    cells = overview.select('[data-field="score"]')
    assert cells and all(c.get_text(strip=True) == "withheld" for c in cells)
    for area in ("workload", "workflow", "tools", "workplace", "delivery"):
        page = soup(psw_client.get(f"/reports/{cycle.id}/areas/{area}"))
        assert not page.select(".govuk-summary-card table"), area
        assert psw_client.get(f"/reports/{cycle.id}/charts/item-Q1.svg").status_code == 404
    svg = psw_client.get(f"/reports/{cycle.id}/charts/areas.svg").get_data(as_text=True)
    title = re.search(r"<title>(.*?)</title>", svg).group(1)
    assert title.count(": withheld") == 5
    downloads = all_downloads(psw_client, cycle.id)
    for name, text in downloads.items():
        for sentence in TEXTS:
            assert sentence not in text, name
    from openpyxl import load_workbook

    book = load_workbook(
        io.BytesIO(psw_client.get(f"/reports/{cycle.id}/download/figures.xlsx").data)
    )
    for row in list(book["Areas"].iter_rows(values_only=True))[1:]:
        assert row[1:6] == ("withheld",) * 5, row
    for row in list(book["Questions"].iter_rows(values_only=True))[1:]:
        assert row[3:8] == ("withheld",) * 5, row


def test_quotes_never_come_from_groups_under_the_quote_minimum(psw_client, app):
    # 40 respondents, each team of 8 (< 10): no survey quote may be shown anywhere.
    teams = [
        "hospital_discharge",
        "locality_north",
        "locality_south",
        "mental_health",
        "safeguarding",
    ]
    cycle = seed(
        40,
        "small-teams",
        about=lambda i: {"about_role": "social_worker", "about_team": teams[i % 5]},
    )
    result = dashboard.analysis_for(cycle).result
    options = dashboard.theme_filter_options(result)
    for url_filters in filter_combinations(options):
        page = soup(psw_client.get(f"/reports/{cycle.id}/themes", query_string=url_filters))
        assert not page.select(".app-quote"), url_filters
    for area in ("workload", "tools"):
        assert not soup(psw_client.get(f"/reports/{cycle.id}/areas/{area}")).select(".app-quote")
    for name, text in all_downloads(psw_client, cycle.id).items():
        for sentence in TEXTS:
            assert sentence not in text, name


def filter_combinations(options):
    """Every combination of filters the themes page offers (each one set or not)."""
    keys = list(options)
    choices = [[None] + [code for code, _ in options[k]] for k in keys]
    for combo in itertools.product(*choices):
        yield {k: v for k, v in zip(keys, combo) if v is not None}


def test_theme_figures_under_every_filter_combination(psw_client, app):
    cycle = seed(120, "mixed")
    result = dashboard.analysis_for(cycle).result
    options = dashboard.theme_filter_options(result)
    # the role filter is one of them, offering only roles of MIN or more (3 roles of 120)
    assert options["role"] and set(options) == {"area", "question", "source", "role"}
    roles_in_cycle = Counter(default_about(i)["about_role"] for i in range(120))
    assert {code for code, _ in options["role"]} == {
        r for r, n in roles_in_cycle.items() if n >= MIN
    }
    raw = {t["id"]: t for t in dashboard.themes_list(result)}
    checked = role_figures = 0
    for filters in filter_combinations(options):
        page = soup(psw_client.get(f"/reports/{cycle.id}/themes", query_string=filters))
        for card in page.select(".govuk-summary-card"):
            theme = raw[card["id"].removeprefix("theme-")]
            size_text = card.select_one('[data-field="size"]').get_text(" ", strip=True)
            shown = numbers(size_text)
            for value in shown:
                assert value >= MIN, (filters, size_text)
                # the rest of the theme must not be a small group either
                assert theme["size"] - value == 0 or theme["size"] - value >= MIN
            role_cell = card.select_one('[data-field="role"]')
            assert (role_cell is not None) == ("role" in filters)
            if role_cell is not None:
                # listed under a role filter only with that role's figure (withheld = unlisted)
                assert numbers(role_cell.get_text(" ", strip=True)), (filters, card["id"])
                for value in numbers(role_cell.get_text(" ", strip=True)):
                    role_figures += 1
                    assert value >= MIN, (filters, value)
                    rest = theme["respondents"] - value
                    assert rest == 0 or rest >= MIN, (filters, value)
                    withheld = theme["respondents"] - sum(theme["role_counts"].values())
                    assert withheld == 0 or withheld >= MIN
                # quotes under a role filter come from that role only
                quotes = {q["text"]: q for q in theme["quotes"]}
                for quote in card.select(".app-quote"):
                    text = quote.get_text(strip=True).strip("“”")
                    assert quotes[text].get("role") == filters["role"], (filters, text)
            checked += 1
    assert checked > 0 and role_figures > 0


def test_response_rate_never_shows_a_small_role(psw_client, app):
    # 3 managers and 4 OT assistants: both withheld, and the withheld total (7) is safe.
    roles = ["manager"] * 3 + ["ot_assistant"] * 4 + ["social_worker"] * 30
    cycle = seed(len(roles), "rate", about=lambda i: {"about_role": roles[i]})
    page = soup(psw_client.get(f"/reports/{cycle.id}/response-rate"))
    rows = page.select("table")[0].select("tbody tr")
    shown = {}
    for row in rows:
        cells = row.select("td")
        value = cells[1].get_text(strip=True)
        if value != "withheld":
            shown[row.th.get_text(strip=True)] = int(value)
    assert all(v >= MIN for v in shown.values())
    assert "Manager" not in shown and "Occupational therapy assistant" not in shown
    withheld_total = len(roles) - sum(shown.values())
    assert withheld_total == 0 or withheld_total >= MIN


@pytest.mark.parametrize("setting", [4])
def test_minimum_group_sizes_cannot_be_lowered(setting, monkeypatch):
    from healthcheck.config import ConfigError, config_class

    monkeypatch.setenv("HEALTHCHECK_MIN_GROUP_SIZE", str(setting))
    with pytest.raises((ConfigError, ValueError)):
        config_class("development").load("/tmp")
