"""The Principal Social Worker names the parts of what a theme covers in their own words
(issue 14): the names show on the themes and area pages, in downloads and in the board
report, and are kept when the analysis runs again with new responses. A name that is empty or
too long is refused with a message and nothing is saved; only the PSW may rename; the keys by
which a part is found again never leave the server.

On the demo, whose themes have parts ("What it covers"), as a council's would.
"""

import io
import re
import secrets

import pytest
from sqlalchemy import func, select

from healthcheck.demo import seed_demo
from healthcheck.models import Answer, AuditEvent, Cycle, Response, ThemeEdit
from healthcheck.results import get_analysis
from healthcheck.results.theme_edit_log import stored_themes
from tests.support.documents import pdf_text, soup

NEW_NAME = "Staff find it helps them learn from each other"
AREAS = ("workload", "workflow", "tools", "workplace", "delivery")


@pytest.fixture
def last_year(app, db):
    seed_demo()
    cycle = db.session.scalars(
        select(Cycle).where(Cycle.status == "closed").order_by(Cycle.opens_on.desc())
    ).first()
    get_analysis(cycle)
    return cycle


def _card(client, cycle, theme_id=None):
    """The id and "What it covers" lines of ``theme_id``'s card, or the first with parts."""
    page = soup(client.get(f"/reports/{cycle.id}/themes"))
    cards = [c for c in page.select(".govuk-summary-card") if c.select_one('[data-field="covers"]')]
    card = next(c for c in cards if theme_id in (None, c["id"].removeprefix("theme-")))
    lines = [li.get_text(" ", strip=True) for li in card.select('[data-field="covers"] li')]
    return card["id"].removeprefix("theme-"), lines


def _named(lines):
    return [re.sub(r" \(\d+\)$", "", line) for line in lines if not line.startswith("Other things")]


def _form(client, url):
    return {
        i["name"]: i.get("value", "") for i in soup(client.get(url)).select("input[name^=part_]")
    }


def test_a_renamed_part_shows_everywhere_and_survives_a_re_run(psw_client, last_year, db):
    theme_id, lines = _card(psw_client, last_year)
    url = f"/reports/{last_year.id}/themes/{theme_id}/parts"
    names = _form(psw_client, url)
    assert list(names.values()) == _named(lines)  # each box holds the part's name, in order
    first = names["part_1"]

    response = psw_client.post(url, data={**names, "part_1": f"  {NEW_NAME}   "})
    assert response.status_code == 302 and response.headers["Location"].endswith(theme_id)
    assert "1 part renamed" in psw_client.get(response.headers["Location"]).get_data(as_text=True)
    _, renamed = _card(psw_client, last_year, theme_id)
    count = re.search(r"\(\d+\)$", lines[0]).group(0)
    assert renamed == [f"{NEW_NAME} {count}"] + lines[1:]
    page = soup(psw_client.get(url))
    assert f"The analysis called it ‘{first}’" in page.get_text()
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.object_type == "theme")).one()
    assert event.action == "changed" and NEW_NAME in event.detail

    # The area page that shows the theme, the downloads and the board report say it too.
    assert any(
        NEW_NAME in psw_client.get(f"/reports/{last_year.id}/areas/{a}").get_data(as_text=True)
        for a in AREAS
    )
    csv = psw_client.get(f"/reports/{last_year.id}/download/themes.csv").get_data(as_text=True)
    assert f"{NEW_NAME} {count}" in csv
    pdf = psw_client.get(f"/reports/{last_year.id}/download/self-assessment.pdf").data
    assert f"{NEW_NAME} {count}" in pdf_text(pdf)

    # Five more responses: the analysis runs again, and the part keeps the PSW's name.
    respondents = get_analysis(last_year).result["respondents"]
    for response in db.session.scalars(
        select(Response).where(Response.cycle_id == last_year.id).limit(5)
    ).all():
        copy = Response(
            cycle_id=last_year.id,
            instrument_id=response.instrument_id,
            instrument_version=response.instrument_version,
            submitted_on=response.submitted_on,
            submission_key=secrets.token_hex(32),
        )
        copy.answers = [Answer(key=a.key, value=a.value) for a in response.answers]
        db.session.add(copy)
    db.session.commit()
    # (More answers can regroup the themes: the name follows the part's statements.)
    assert get_analysis(last_year).result["respondents"] > respondents
    page = soup(psw_client.get(f"/reports/{last_year.id}/themes"))
    rerun = [li.get_text(" ", strip=True) for li in page.select('[data-field="covers"] li')]
    assert len([line for line in rerun if line.startswith(f"{NEW_NAME} (")]) == 1
    theme_id = next(
        c["id"].removeprefix("theme-")
        for c in page.select(".govuk-summary-card")
        if NEW_NAME in c.get_text()
    )
    url = f"/reports/{last_year.id}/themes/{theme_id}/parts"
    first = next(
        p.get_text().split("‘")[1].split("’")[0]
        for p in soup(psw_client.get(url)).select(".govuk-hint")
        if "The analysis called it" in p.get_text()
    )
    names = _form(psw_client, url)
    number = next(k for k, v in names.items() if v == NEW_NAME)

    # The analysis's own name again undoes it.
    psw_client.post(url, data={**names, number: first})
    _, undone = _card(psw_client, last_year, theme_id)
    assert NEW_NAME not in " ".join(undone) and first in _named(undone)


@pytest.mark.parametrize(
    "name, message",
    [("   ", "Enter a name for part 2"), ("x" * 121, "The name of part 2 must be 120 characters")],
)
def test_a_bad_name_is_refused_and_nothing_is_saved(psw_client, last_year, db, name, message):
    theme_id, lines = _card(psw_client, last_year)
    url = f"/reports/{last_year.id}/themes/{theme_id}/parts"
    names = _form(psw_client, url)
    response = psw_client.post(url, data={**names, "part_1": NEW_NAME, "part_2": name})
    assert response.status_code == 200
    page = soup(response)
    assert message in page.select_one(".govuk-error-summary").get_text()
    assert page.select_one("#part_2-error") and message in page.select_one("#part_2-error").text
    assert page.select_one("input[name=part_1]")["value"] == NEW_NAME  # what was typed is kept
    assert db.session.scalar(select(func.count()).select_from(ThemeEdit)) == 0
    assert _card(psw_client, last_year, theme_id)[1] == lines


def test_only_the_psw_renames_parts_and_a_missing_theme_is_not_found(
    request, psw_client, last_year
):
    theme_id, _ = _card(psw_client, last_year)
    url = f"/reports/{last_year.id}/themes/{theme_id}/parts"
    for who in ("facilitator_client", "admin_client"):
        client = request.getfixturevalue(who)
        assert client.get(url).status_code == 403
        assert client.post(url, data={"part_1": "x"}).status_code == 403
    assert psw_client.get(f"/reports/{last_year.id}/themes/t999/parts").status_code == 404
    assert psw_client.post(f"/reports/{last_year.id}/themes/t999/parts").status_code == 404


def test_the_keys_that_find_a_part_again_never_leave_the_server(psw_client, last_year):
    from openpyxl import load_workbook

    keys = {
        key
        for t in stored_themes(last_year)["themes"]
        for p in t.get("parts") or ()
        for key in p["member_keys"]
    }
    assert len(keys) > 100
    # What the pages and downloads read (results.state.public_result) holds none of them.
    public = get_analysis(last_year).result["themes"]["themes"]
    assert all("member_keys" not in p for t in public for p in t.get("parts") or ())
    theme_id, _ = _card(psw_client, last_year)
    psw_client.post(
        f"/reports/{last_year.id}/themes/{theme_id}/parts",
        data={
            **_form(psw_client, f"/reports/{last_year.id}/themes/{theme_id}/parts"),
            "part_1": NEW_NAME,
        },
    )
    base = f"/reports/{last_year.id}"
    shown = [psw_client.get(f"{base}/themes").get_data(as_text=True)]
    shown += [psw_client.get(f"{base}/themes/{theme_id}/parts").get_data(as_text=True)]
    shown += [psw_client.get(f"{base}/areas/{a}").get_data(as_text=True) for a in AREAS]
    for name in ("themes.csv", "figures.csv", "quality-report.json", "quality-report.csv"):
        shown.append(psw_client.get(f"{base}/download/{name}").get_data(as_text=True))
    book = load_workbook(io.BytesIO(psw_client.get(f"{base}/download/figures.xlsx").data))
    shown += [str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row]
    text = "\n".join(shown)
    assert not [key for key in keys if key in text]
