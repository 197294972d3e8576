"""Running a health check from the administrator's pages: cycles, lists, headcounts,
invitations and instrument versions. Bad input gets a clear error and stores nothing, on SQLite
and on PostgreSQL."""

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from healthcheck.extensions import db
from healthcheck.models import (
    AccessCode,
    AuditEvent,
    Cycle,
    CycleHeadcount,
    CycleTeamHeadcount,
    OrgListEntry,
)
from healthcheck.survey.cycles import create_cycle, open_cycle
from surveys import INSTRUMENTS_DIR
from tests.conftest import make_user, sign_in_client
from tests.support.documents import soup


def errors(response) -> str:
    summary = soup(response).find(class_="govuk-error-summary")
    assert summary is not None, "no error summary on the page"
    return " ".join(summary.get_text(" ", strip=True).split())


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def date_fields(name: str, day: date) -> dict:
    return {name: [str(day.day), str(day.month), str(day.year)]}


def cycle_form(name="Health Check 2027", slug="hc-2027", opens=date(2027, 1, 6),
               closes=date(2027, 3, 31), access="link") -> dict:  # fmt: skip
    data = {"name": name, "slug": slug, "instrument": "appendix5:1", "access_mode": access}
    data.update(date_fields("opens_on", opens))
    data.update(date_fields("closes_on", closes))
    return data


def admin(app):
    return sign_in_client(app.test_client(), make_user("admin", name="Ada Admin"))


def today_cycle(slug="now", access="codes", status="draft") -> Cycle:
    cycle = create_cycle(
        name=f"Cycle {slug}",
        slug=slug,
        opens_on=date.today() - timedelta(days=1),
        closes_on=date.today() + timedelta(days=30),
        access_mode=access,
    )
    if status == "open":
        open_cycle(cycle)
    return cycle


# --- the happy path -------------------------------------------------------------------------


def test_a_cycle_is_created_changed_opened_closed_reopened_and_archived(app):
    client = admin(app)
    page = soup(client.get("/admin/cycles/new"))
    suggested = [i["value"] for i in page.select("input[name=opens_on]")]
    assert suggested[1] == "01"  # Quarter 4: the survey opens in January
    created = client.post("/admin/cycles/new", data=cycle_form())
    assert created.status_code == 302
    cycle = db.session.scalars(select(Cycle)).one()
    assert (cycle.status, cycle.opens_on, cycle.closes_on) == (
        "draft", date(2027, 1, 6), date(2027, 3, 31),
    )  # fmt: skip
    # The next new cycle suggests the first year whose link is free.
    again = soup(client.get("/admin/cycles/new"))
    year = cycle.opens_on.year + 1
    assert again.select_one("input[name=slug]")["value"] == f"hc-{year}"
    assert again.select_one("input[name=name]")["value"] == f"Health Check {year}"
    assert again.select("input[name=opens_on]")[2]["value"] == str(year)

    edit = cycle_form(name="HC 2027", closes=date(2027, 3, 28))
    del edit["slug"]  # not on the page: the link never changes
    changed = client.post(f"/admin/cycles/{cycle.id}/edit", data=edit)
    assert changed.status_code == 302
    db.session.refresh(cycle)
    assert (cycle.name, cycle.closes_on) == ("HC 2027", date(2027, 3, 28))

    assert client.post(f"/admin/cycles/{cycle.id}/open").status_code == 302
    db.session.refresh(cycle)
    assert cycle.status == "open"
    refused = client.post(
        f"/admin/cycles/{cycle.id}/edit", data=cycle_form(name="HC 2027", closes=date(2027, 3, 1))
    )
    assert "can no longer change" in errors(refused)

    assert client.post(f"/admin/cycles/{cycle.id}/close").status_code == 302
    db.session.refresh(cycle)
    assert cycle.status == "closed"
    reopen_page = soup(client.get(f"/admin/cycles/{cycle.id}/reopen")).get_text()
    assert "wipes the order" in reopen_page and "analysis" in reopen_page
    later = date.today() + timedelta(days=40)
    assert (
        client.post(f"/admin/cycles/{cycle.id}/reopen", data=date_fields("closes_on", later))
    ).status_code == 302
    db.session.refresh(cycle)
    assert (cycle.status, cycle.closes_on) == ("open", later)
    client.post(f"/admin/cycles/{cycle.id}/close")
    assert client.post(f"/admin/cycles/{cycle.id}/archive").status_code == 302
    db.session.refresh(cycle)
    assert cycle.archived

    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.object_type == "cycle").order_by(AuditEvent.id)
    ).all()
    assert actions == [
        "created", "changed", "opened", "closed", "reopened", "closed", "archived",
    ]  # fmt: skip


def test_the_principal_social_worker_creates_and_opens_but_does_not_close(app):
    client = sign_in_client(app.test_client(), make_user("psw"))
    assert client.post("/admin/cycles/new", data=cycle_form()).status_code == 302
    cycle = db.session.scalars(select(Cycle)).one()
    assert client.post(f"/admin/cycles/{cycle.id}/open").status_code == 302
    assert client.post(f"/admin/cycles/{cycle.id}/close").status_code == 403
    page = soup(client.get(f"/admin/cycles/{cycle.id}"))
    assert page.find("a", string="Close the survey") is None


def test_lists_keep_their_codes_when_renamed(app):
    client = admin(app)
    client.post("/admin/lists/team/new", data={"label": "Locality North"})
    entry = db.session.scalars(select(OrgListEntry)).one()
    assert (entry.kind, entry.code) == ("team", "locality_north")
    client.post(f"/admin/lists/team/{entry.id}/rename", data={"label": "North Locality"})
    db.session.refresh(entry)
    assert (entry.code, entry.label) == ("locality_north", "North Locality")
    duplicate = client.post("/admin/lists/team/new", data={"label": "north locality"})
    assert "already in the list" in errors(duplicate)
    client.post(f"/admin/lists/team/{entry.id}/retire")
    db.session.refresh(entry)
    assert entry.retired
    client.post("/admin/lists/role/start-from-survey")
    roles = db.session.scalars(select(OrgListEntry.code).where(OrgListEntry.kind == "role"))
    assert "social_worker" in set(roles)


def test_headcounts_by_form_and_by_csv(app):
    client = admin(app)
    client.post("/admin/lists/team/new", data={"label": "Locality North"})
    cycle = today_cycle()
    typed = client.post(
        f"/admin/cycles/{cycle.id}/headcounts",
        data={"role__social_worker": "120", "team__locality_north": "45"},
    )
    assert typed.status_code == 302
    db.session.refresh(cycle)
    assert cycle.total_headcount == 120
    assert [(h.team, h.headcount) for h in cycle.team_headcounts] == [("locality_north", 45)]

    csv_file = (
        b"group,code,headcount\nrole,social_worker,130\nrole,Manager,20\nteam,Locality North,50\n"
    )
    uploaded = client.post(
        f"/admin/cycles/{cycle.id}/headcounts/upload",
        data={"file": (io.BytesIO(csv_file), "headcounts.csv")},
        content_type="multipart/form-data",
    )
    assert uploaded.status_code == 302
    db.session.refresh(cycle)
    assert {h.role: h.headcount for h in cycle.headcounts} == {"social_worker": 130, "manager": 20}
    assert cycle.team_headcounts[0].headcount == 50


def test_codes_download_as_a_formula_safe_csv_and_as_pdf_slips(app):
    client = admin(app)
    cycle = today_cycle()
    got = client.post(
        f"/admin/cycles/{cycle.id}/invitations", data={"count": "3", "file_format": "csv"}
    )
    assert got.mimetype == "text/csv"
    assert "attachment" in got.headers["Content-Disposition"]
    lines = got.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0] == "code,survey_link,batch" and len(lines) == 4
    assert lines[1].split(",")[1].endswith("/survey/now")
    slips = client.post(
        f"/admin/cycles/{cycle.id}/invitations", data={"count": "4", "file_format": "pdf"}
    )
    assert slips.mimetype == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(slips.data)).pages)
    assert text.count("It works once") == 4
    assert count(AccessCode) == 7
    page = soup(client.get(f"/admin/cycles/{cycle.id}/invitations"))
    assert page.select_one(".app-qr-code svg") is not None
    invitation = page.find("textarea", id="message-invitation").get_text()
    assert f"{cycle.closes_on.day} {cycle.closes_on:%B %Y}" in invitation
    qr = client.get(f"/admin/cycles/{cycle.id}/qr-code.svg")
    assert qr.mimetype == "image/svg+xml" and b"<svg" in qr.data


def test_a_formula_in_a_cell_is_written_as_text():
    from analysis.spreadsheet_cells import csv_bytes

    assert csv_bytes([["=HYPERLINK(1)", "+1", "ok"]]).decode("utf-8-sig") == (
        "'=HYPERLINK(1),+1,ok\r\n"  # a plain number is not a formula
    )


def _v2_text(reword=True) -> str:
    text = (INSTRUMENTS_DIR / "appendix5-v1.yaml").read_text()
    text = text.replace("\nversion: 1\n", "\nversion: 2\n", 1)
    if reword:
        text = text.replace(
            "How fairly is work allocated in your team?", "How fairly is work shared in your team?"
        )
    return text


def test_a_new_instrument_version_is_uploaded_and_mapped(app_factory, tmp_path):
    app = app_factory(INSTRUMENTS_UPLOAD_DIR=str(tmp_path))
    with app.app_context():
        client = admin(app)
        uploaded = client.post(
            "/admin/instruments/upload",
            data={"file": (io.BytesIO(_v2_text().encode()), "appendix5-2027.yaml")},
            content_type="multipart/form-data",
        )
        assert uploaded.status_code == 302
        assert (tmp_path / "appendix5-v2.yaml").exists()
        page = soup(client.get("/admin/instruments/appendix5/v2"))
        row = page.find("code", string="Q1").find_parent("tr")
        assert "Reworded" in row.get_text()
        form = soup(client.get("/admin/cycles/new"))
        assert form.find("option", value="appendix5:2") is not None
        again = client.post(
            "/admin/instruments/upload",
            data={"file": (io.BytesIO(_v2_text().encode()), "appendix5-2027.yaml")},
            content_type="multipart/form-data",
        )
        assert "already exists" in errors(again)


# --- bad input: a clear error, nothing stored (SQLite and PostgreSQL) ------------------------


def test_reversed_dates_are_refused(each_db_app):
    client = admin(each_db_app)
    response = client.post(
        "/admin/cycles/new", data=cycle_form(opens=date(2027, 3, 31), closes=date(2027, 1, 6))
    )
    assert response.status_code == 200
    assert "The close date must be the same as or after the open date" in errors(response)
    assert count(Cycle) == 0
    assert count(AuditEvent) == 0


def test_overlapping_open_cycles_are_refused(each_db_app):
    client = admin(each_db_app)
    today_cycle("running", status="open")
    response = client.post(
        "/admin/cycles/new",
        data=cycle_form(opens=date.today(), closes=date.today() + timedelta(days=60)),
    )
    assert "Cycle running is open from" in errors(response)
    assert "Two surveys cannot be open at once" in errors(response)
    assert count(Cycle) == 1
    # a draft made before the other opened cannot be opened over it either
    db.session.execute(Cycle.__table__.update().values(status="draft"))
    draft = today_cycle("second")
    db.session.execute(
        Cycle.__table__.update().where(Cycle.slug == "running").values(status="open")
    )
    db.session.commit()
    refused = client.post(f"/admin/cycles/{draft.id}/open")
    assert "Two surveys cannot be open at once" in errors(refused)
    db.session.refresh(draft)
    assert draft.status == "draft"


def test_a_headcount_csv_with_a_bad_row_stores_nothing(each_db_app):
    client = admin(each_db_app)
    cycle = today_cycle()
    client.post(f"/admin/cycles/{cycle.id}/headcounts", data={"role__manager": "10"})
    before = count(AuditEvent)
    bad = b"group,code,headcount\nrole,social_worker,130\nrole,manager,lots\nteam,Nowhere,4\n"
    response = client.post(
        f"/admin/cycles/{cycle.id}/headcounts/upload",
        data={"file": (io.BytesIO(bad), "headcounts.csv")},
        content_type="multipart/form-data",
    )
    shown = errors(response)
    assert "Line 3, column headcount: enter a whole number" in shown
    assert "Line 4, column code: 'Nowhere' is not in the list of teams and services" in shown
    db.session.expire_all()
    assert [(h.role, h.headcount) for h in db.session.scalars(select(CycleHeadcount))] == [
        ("manager", 10)
    ]
    assert count(CycleTeamHeadcount) == 0
    assert count(AuditEvent) == before


@pytest.mark.parametrize(
    "body, message",
    [
        (
            b"group,code,headcount\nrole,social_worker," + b"1" * 131_073 + b"\n",
            "Line 2: each value must be 1,000 characters or fewer",
        ),
        (b"group" + b"," * 99_999, "Line 1: the file must have 100 columns or fewer"),
        (b"group,code,headcount\n" + b"role,manager,1\n" * 2_001, "more than 2,000 headcounts"),
    ],
    ids=["a value over csv's own limit", "100,000 columns", "too many rows"],
)
def test_a_headcount_csv_too_large_in_shape_stores_nothing(app, body, message):
    """One value longer than Python's csv module reads (131,072 characters) was a 500."""
    client = admin(app)
    cycle = today_cycle()
    client.post(f"/admin/cycles/{cycle.id}/headcounts", data={"role__manager": "10"})
    before = count(AuditEvent)
    response = client.post(
        f"/admin/cycles/{cycle.id}/headcounts/upload",
        data={"file": (io.BytesIO(body), "headcounts.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert message in errors(response)
    db.session.expire_all()
    assert [(h.role, h.headcount) for h in db.session.scalars(select(CycleHeadcount))] == [
        ("manager", 10)
    ]
    assert count(AuditEvent) == before


def test_an_invalid_instrument_file_is_refused_naming_file_and_question(each_db_app, tmp_path):
    client = admin(each_db_app)
    bad = _v2_text().replace(
        "        type: single\n        area: workload",
        "        type: singel\n        area: workload",
        1,
    )
    response = client.post(
        "/admin/instruments/upload",
        data={"file": (io.BytesIO(bad.encode()), "appendix5-draft.yaml")},
        content_type="multipart/form-data",
    )
    shown = errors(response)
    assert "appendix5-draft.yaml" in shown and "Q1" in shown
    assert not any(p.name == "appendix5-v2.yaml" for p in tmp_path.iterdir())
    from surveys import available_instruments

    assert [r.version for r in available_instruments()] == [1]
    assert count(AuditEvent) == 0


def test_printable_slips_come_at_most_500_to_a_file(app):
    client = admin(app)
    cycle = today_cycle()
    response = client.post(
        f"/admin/cycles/{cycle.id}/invitations", data={"count": "501", "file_format": "pdf"}
    )
    assert "at most 500 to a file" in errors(response)
    assert count(AccessCode) == 0


@pytest.mark.parametrize("asked", ["0", "1000000", "many"])
def test_a_code_count_out_of_bounds_is_refused(each_db_app, asked):
    client = admin(each_db_app)
    cycle = today_cycle()
    response = client.post(
        f"/admin/cycles/{cycle.id}/invitations", data={"count": asked, "file_format": "csv"}
    )
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "Enter a whole number of codes from 1 to 5,000" in errors(response)
    assert count(AccessCode) == 0


def test_the_command_line_uses_the_same_rules(app):
    """One implementation, two front doors: the CLI refuses what the pages refuse."""
    from healthcheck.commands.cycles import cycles

    today_cycle("running", status="open")
    result = app.test_cli_runner().invoke(
        cycles,
        ["create", "--name", "Clash", "--slug", "clash", "--opens", date.today().isoformat(),
         "--closes", (date.today() + timedelta(days=9)).isoformat()],
    )  # fmt: skip
    assert result.exit_code == 1 and "Two surveys cannot be open at once" in result.output
    assert count(Cycle) == 1
    again = app.test_cli_runner().invoke(cycles, ["open", "running"])
    assert again.exit_code == 1 and "already open" in again.output


def test_a_focus_groups_team_is_chosen_from_the_organisations_list(app):
    from healthcheck.focus_groups import records
    from healthcheck.organisation import add_entry

    facilitator = make_user("facilitator")
    cycle = today_cycle(status="open")
    group = records.create_focus_group(cycle, facilitator)
    client = sign_in_client(app.test_client(), facilitator)
    typed = soup(client.get(f"/focus-groups/{group.id}/edit/details"))
    assert typed.find("input", attrs={"name": "team"}) is not None  # no list yet: typed in
    add_entry("team", "Locality North")
    page = soup(client.get(f"/focus-groups/{group.id}/edit/details"))
    choices = [o.get_text() for o in page.find("select", attrs={"name": "team"}).find_all("option")]
    assert choices == ["Select a team or service", "Locality North"]
    refused = client.post(
        f"/focus-groups/{group.id}/edit/details",
        data={"action": "draft", "version": str(group.version), "team": "Somewhere else"},
    )
    assert "Select the team or service from the list" in refused.get_data(as_text=True)
    db.session.refresh(group)
    assert group.team != "Somewhere else"


def test_a_cycle_cannot_be_opened_while_another_is_open_whatever_its_dates(each_db_app):
    client = sign_in_client(each_db_app.test_client(), make_user("psw", name="Pat PSW"))
    demo = create_cycle(
        name="Demo health check",
        slug="demo",
        opens_on=date.today() - timedelta(days=400),
        closes_on=date.today() - timedelta(days=300),
    )
    demo.is_demo = True
    db.session.commit()
    open_cycle(demo)  # an open demo cycle takes answers on any date
    later = create_cycle(
        name="Health Check next year",
        slug="next",
        opens_on=date.today() + timedelta(days=10),
        closes_on=date.today() + timedelta(days=60),
    )
    refused = client.post(f"/admin/cycles/{later.id}/open")
    shown = errors(refused)
    assert (
        "Demo health check (the demo cycle, which takes answers on any date) is still open" in shown
    )
    assert "Two surveys cannot be open at once" in shown
    db.session.refresh(later)
    assert later.status == "draft"
    # once the other is closed, it opens
    db.session.execute(Cycle.__table__.update().where(Cycle.id == demo.id).values(status="closed"))
    db.session.commit()
    assert client.post(f"/admin/cycles/{later.id}/open").status_code == 302
    db.session.refresh(later)
    assert later.status == "open"
