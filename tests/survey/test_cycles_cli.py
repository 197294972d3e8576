"""`healthcheck cycles create / open / close / list`."""

from datetime import date

from sqlalchemy import select

from healthcheck.commands.cycles import cycles
from healthcheck.extensions import db
from healthcheck.models import Cycle, Draft

from .conftest import FULL_ANSWERS, section_url


def run(app, *args):
    return app.test_cli_runner().invoke(cycles, args=list(args))


def test_create_open_list_and_close_a_cycle(app):
    created = run(
        app, "create", "--name", "Health Check 2027", "--slug", "hc-2027", "--opens", "2000-01-04",
        "--closes", "2099-03-31", "--access", "codes", "--headcount", "social_worker=120",
        "--headcount", "manager=25",
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    cycle = db.session.scalars(select(Cycle)).one()
    assert (cycle.status, cycle.access_mode, cycle.total_headcount) == ("draft", "codes", 145)
    assert (cycle.instrument_id, cycle.instrument_version) == ("appendix5", 1)
    assert cycle.opens_on == date(2000, 1, 4)
    assert app.test_client().get("/survey/hc-2027").status_code == 200  # "not open yet" page

    assert run(app, "open", "hc-2027").exit_code == 0
    listed = run(app, "list")
    assert "hc-2027\tHealth Check 2027" in listed.output and "\topen\t" in listed.output

    client = app.test_client()
    client.post("/survey/hc-2027/access-code", data={"code": "nope"})
    db.session.add(Draft(cycle_id=cycle.id, answers="{}"))
    db.session.commit()
    closed = run(app, "close", str(cycle.id))
    assert closed.exit_code == 0 and "deleted 1 unsent draft" in closed.output
    db.session.refresh(cycle)
    assert cycle.status == "closed"


def test_create_refuses_bad_input_with_a_clear_message(app):
    base = [
        "create",
        "--name",
        "X",
        "--slug",
        "x",
        "--opens",
        "2027-01-04",
        "--closes",
        "2027-03-31",
    ]
    wrong_role = run(app, *base, "--headcount", "wizard=3")
    assert wrong_role.exit_code == 1 and "Unknown role(s) wizard" in wrong_role.output
    backwards = run(app, *base[:-1], "2026-01-01")
    assert backwards.exit_code == 1 and "close date" in backwards.output
    bad_date = run(app, *base[:-1], "31/03/2027")
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.output
    assert run(app, *base).exit_code == 0
    duplicate = run(app, *base)
    assert duplicate.exit_code == 1 and "already exists" in duplicate.output


def test_open_or_close_an_unknown_cycle_says_so(app):
    result = run(app, "open", "nope")
    assert result.exit_code == 1 and "There is no cycle 'nope'" in result.output


def test_the_demo_cycle_takes_a_whole_response(app):
    from healthcheck.demo import seed_demo

    seed_demo()
    client = app.test_client()
    for section_id, values in FULL_ANSWERS.items():
        posted = client.post(section_url("demo-this-year", section_id), data=values)
        assert posted.status_code == 303
    assert client.post("/survey/demo-this-year/check-answers").status_code == 303
