"""The Principal Social Worker names the parts of what a theme covers in their own words
(issue 14): the names show on the themes and area pages, in downloads and in the board
report, and are kept when the analysis runs again with new responses. A name that is empty or
too long is refused with a message and nothing is saved; only the PSW may rename; the keys by
which a part is found again never leave the server.

On the demo, whose themes have parts ("What it covers"), as a council's would.
"""

import io
import json
import re
import secrets

import pytest
from sqlalchemy import func, select

from analysis.theme_edits import theme_ref
from healthcheck.demo import seed_demo
from healthcheck.models import Answer, AuditEvent, Cycle, Response, ThemeEdit
from healthcheck.results import get_analysis
from healthcheck.results.theme_edit_log import stored_themes
from tests.support.documents import form_values, pdf_text, soup

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


def _more_answers(db, cycle, n):
    """``n`` more responses, each a copy of one already in (so the analysis runs again)."""
    for response in db.session.scalars(
        select(Response).where(Response.cycle_id == cycle.id).limit(n)
    ).all():
        copy = Response(
            cycle_id=cycle.id,
            instrument_id=response.instrument_id,
            instrument_version=response.instrument_version,
            submitted_on=response.submitted_on,
            submission_key=secrets.token_hex(32),
        )
        copy.answers = [Answer(key=a.key, value=a.value) for a in response.answers]
        db.session.add(copy)
    db.session.commit()


def _form(client, url):
    """The page's form as a browser would post it: each part's box, and what it was made from."""
    return form_values(client.get(url))


def _names(form):
    return [v for k, v in form.items() if k.startswith("part_")]


def test_a_renamed_part_shows_everywhere_and_survives_a_re_run(psw_client, last_year, db):
    theme_id, lines = _card(psw_client, last_year)
    url = f"/reports/{last_year.id}/themes/{theme_id}/parts"
    names = _form(psw_client, url)
    assert _names(names) == _named(lines)  # each box holds the part's name, in order
    first = names["part_1"]

    # The box wraps (a text area), so a name may come with a line break in it: one line kept.
    typed = NEW_NAME.replace(" helps ", " helps\r\n")
    response = psw_client.post(url, data={**names, "part_1": f"  {typed}   "})
    assert response.status_code == 302 and response.headers["Location"].endswith(theme_id)
    assert "1 part renamed" in psw_client.get(response.headers["Location"]).get_data(as_text=True)
    _, renamed = _card(psw_client, last_year, theme_id)
    count = re.search(r"\(\d+\)$", lines[0]).group(0)
    assert renamed == [f"{NEW_NAME} {count} (renamed)"] + lines[1:]  # the PSW's, marked
    page = soup(psw_client.get(url))
    assert f"The analysis called it ‘{first}’" in page.get_text()
    # Each box gives an example of what its part holds, where the theme's card quotes one:
    # a quote the page already shows, never another.
    themes = soup(psw_client.get(f"/reports/{last_year.id}/themes"))
    quoted = themes.select_one(f"#theme-{theme_id}").select("blockquote.app-quote")
    quoted = " ".join(q.get_text(" ", strip=True) for q in quoted)
    examples = [
        h.get_text().split("“")[1].split("”")[0]
        for h in page.select(".govuk-hint")
        if "For example" in h.get_text()
    ]
    assert len(examples) >= 3 and all(e in quoted for e in examples), examples
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

    # Every part named by the PSW; then five more responses, and the analysis runs again.
    form = _form(psw_client, url)
    given = {k: f"Named by the PSW, part {k[5:]}" for k in form if k.startswith("part_")}
    given["part_1"] = NEW_NAME
    assert psw_client.post(url, data={**form, **given}).status_code == 302
    respondents = get_analysis(last_year).result["respondents"]
    _more_answers(db, last_year, 5)
    assert get_analysis(last_year).result["respondents"] > respondents
    # More answers can regroup the themes: a name follows its part's statements, wherever
    # they are; a part whose statements are no longer together loses its name, and the
    # page says which.
    page = soup(psw_client.get(f"/reports/{last_year.id}/themes"))
    rerun = [li.get_text(" ", strip=True) for li in page.select('[data-field="covers"] li')]
    notice = page.select_one('[data-field="names-not-shown"]')
    lost = [li.get_text(strip=True) for li in notice.select("li")] if notice else []
    for name in given.values():
        shown = [
            line for line in rerun if re.fullmatch(rf"{re.escape(name)} \(\d+\) \(renamed\)", line)
        ]
        assert len(shown) + lost.count(name) == 1, name
    assert len(lost) <= 2
    kept = next(name for name in given.values() if name not in lost)
    theme_id = next(
        c["id"].removeprefix("theme-")
        for c in page.select(".govuk-summary-card")
        if kept in c.get_text()
    )
    url = f"/reports/{last_year.id}/themes/{theme_id}/parts"
    names = _form(psw_client, url)
    number = next(k for k, v in names.items() if v == kept)
    hint = soup(psw_client.get(url)).select_one(f"#{number}-hint").get_text()
    first = hint.split("‘")[1].split("’")[0]

    # The analysis's own name again undoes it.
    psw_client.post(url, data={**names, number: first})
    _, undone = _card(psw_client, last_year, theme_id)
    assert kept not in " ".join(undone) and first in _named(undone)


@pytest.mark.parametrize(
    "name, message",
    [
        ("   ", "Enter a name for part 2"),
        ("\u200b\u200d", "Enter a name for part 2"),  # zero-width characters only: no name
        ("\n\u2028\t", "Enter a name for part 2"),
        ("x" * 121, "The name of part 2 must be 120 characters"),
    ],
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
    assert page.select_one("textarea[name=part_1]").get_text().strip() == NEW_NAME  # kept
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


def test_a_page_made_from_an_earlier_run_saves_nothing(psw_client, last_year, db):
    # Theme ids and parts are those of the run the page was made from: after more answers,
    # "t1" may be another theme, and a post of the old page would name its parts wrongly.
    theme_id, lines = _card(psw_client, last_year)
    parts_url = f"/reports/{last_year.id}/themes/{theme_id}/parts"
    rename_url = f"/reports/{last_year.id}/themes/{theme_id}/rename"
    old_parts, old_rename = _form(psw_client, parts_url), _form(psw_client, rename_url)
    _more_answers(db, last_year, 40)
    get_analysis(last_year)
    response = psw_client.post(parts_url, data={**old_parts, "part_1": NEW_NAME})
    assert response.status_code == 200
    page = soup(response)
    assert "Nothing was saved" in page.select_one(".govuk-error-summary").get_text()
    assert NEW_NAME in page.select_one('[data-field="typed"]').get_text()  # nothing typed is lost
    assert NEW_NAME not in [t.get_text().strip() for t in page.select("textarea[name^=part_]")]
    response = psw_client.post(rename_url, data={**old_rename, "label": "Supervision and support"})
    assert "Nothing was saved" in soup(response).select_one(".govuk-error-summary").get_text()
    assert db.session.scalar(select(func.count()).select_from(ThemeEdit)) == 0
    # The page as it is now saves.
    response = psw_client.post(parts_url, data={**_form(psw_client, parts_url), "part_1": NEW_NAME})
    assert response.status_code == 302


def test_a_new_name_replaces_the_last_and_the_analysis_name_leaves_none(psw_client, last_year, db):
    theme_id, _ = _card(psw_client, last_year)
    url = f"/reports/{last_year.id}/themes/{theme_id}/parts"
    first = _form(psw_client, url)["part_1"]
    for name in ("Supervision feels like a tick box", NEW_NAME):
        psw_client.post(url, data={**_form(psw_client, url), "part_1": name})
    assert [e.payload for e in db.session.scalars(select(ThemeEdit))] == [
        db.session.scalars(select(ThemeEdit)).one().payload
    ]
    assert NEW_NAME in db.session.scalars(select(ThemeEdit)).one().payload
    psw_client.post(url, data={**_form(psw_client, url), "part_1": first})
    assert db.session.scalar(select(func.count()).select_from(ThemeEdit)) == 0
    assert _card(psw_client, last_year, theme_id)[1][0].startswith(f"{first} (")


def test_a_name_the_analysis_no_longer_shows_is_said_on_the_themes_page(psw_client, last_year, db):
    # A part named in an earlier run whose statements are no longer together (a real edit
    # row, as that run's page would have stored it).
    [theme] = [t for t in stored_themes(last_year)["themes"] if t.get("parts")][:1]
    gone = {"label": "Pool cars", "keys": ["000000000000"] * 6}
    payload = {"theme": theme_ref(theme), "part": gone, "label": "Pool cars are never free"}
    db.session.add(ThemeEdit(cycle_id=last_year.id, kind="part", payload=json.dumps(payload)))
    db.session.commit()
    page = soup(psw_client.get(f"/reports/{last_year.id}/themes"))
    notice = page.select_one('[data-field="names-not-shown"]')
    assert "Pool cars are never free" in notice.get_text() and "not shown" in notice.get_text()
    assert "Pool cars are never free" not in page.select_one("main .govuk-summary-card").get_text()


def test_part_names_reach_the_board_and_staff_redacted(psw_client, last_year):
    from healthcheck.reports.snapshot import build_snapshot

    theme_id, _ = _card(psw_client, last_year)
    url = f"/reports/{last_year.id}/themes/{theme_id}/parts"
    name = "Staff say ring jo.bloggs@example.org or 07700 900123"
    assert psw_client.post(url, data={**_form(psw_client, url), "part_1": name}).status_code == 302
    snapshot = json.dumps(build_snapshot(last_year, get_analysis(last_year).result))
    assert "Staff say ring [" in snapshot
    pdf = pdf_text(psw_client.get(f"/reports/{last_year.id}/download/self-assessment.pdf").data)
    for told in (snapshot, pdf):
        assert "jo.bloggs" not in told and "900123" not in told
