"""The response rate and the response export, and attempts to break their anonymity."""

import csv
import io
from datetime import timedelta

from sqlalchemy import select

from analysis.responses import read_responses_csv
from healthcheck.models import AuditEvent
from healthcheck.results import response_rate
from healthcheck.results.export import export_rows, write_export

from .support import add_many, add_response, make_cycle

HEADCOUNT = {"social_worker": 40, "manager": 10, "occupational_therapist": 12}


def test_response_rate_per_day_and_role(app):
    cycle = make_cycle(headcount=HEADCOUNT)
    add_many(cycle, 6, {"about_role": "social_worker"}, cycle.opens_on)
    add_many(cycle, 7, {"about_role": "occupational_therapist"}, cycle.opens_on + timedelta(2))
    add_many(cycle, 5, {"about_role": "manager"}, cycle.opens_on + timedelta(2))

    rate = response_rate(cycle, today=cycle.opens_on + timedelta(3))

    assert rate["responses"] == 18 and rate["headcount"] == 62
    assert rate["rate_pct"] == round(100 * 18 / 62, 1)
    assert [(d["date"], d["responses"], d["cumulative"]) for d in rate["days"]] == [
        (str(cycle.opens_on), 6, 6),
        (str(cycle.opens_on + timedelta(1)), 0, 6),
        (str(cycle.opens_on + timedelta(2)), 12, 18),
        (str(cycle.opens_on + timedelta(3)), 0, 18),
    ]
    roles = {r["code"]: r for r in rate["roles"]}
    assert roles["social_worker"]["responses"] == 6
    assert roles["social_worker"]["rate_pct"] == 15.0
    assert roles["manager"]["responses"] == 5
    assert rate["suppressed_note"] is None


def test_response_rate_suppresses_small_roles_and_their_complement(app):
    cycle = make_cycle(headcount=HEADCOUNT)
    add_many(cycle, 20, {"about_role": "social_worker"})
    add_many(cycle, 6, {"about_role": "occupational_therapist"})
    add_many(cycle, 2, {"about_role": "manager"})  # a group of 2: never shown

    rate = response_rate(cycle)

    roles = {r["code"]: r for r in rate["roles"]}
    assert roles["manager"]["suppressed"] and roles["manager"]["responses"] is None
    assert roles["manager"]["rate_pct"] is None
    # total - social workers would give OT + managers = 8, and OTs alone would give managers:
    # so the next smallest (OT) is withheld too.
    assert roles["occupational_therapist"]["suppressed"]
    shown = sum(r["responses"] for r in rate["roles"] if not r["suppressed"])
    assert rate["responses"] - shown >= 5 or rate["responses"] - shown == 0
    assert rate["suppressed_note"]


def test_response_rate_by_team_uses_the_same_suppression(app, psw_client):
    """A team of 2 is withheld, and so is the next smallest that would give it away."""
    cycle = make_cycle(headcount=HEADCOUNT)
    add_many(cycle, 20, {"about_role": "social_worker", "about_team": "locality_north"})
    add_many(cycle, 6, {"about_role": "social_worker", "about_team": "locality_south"})
    add_many(cycle, 2, {"about_role": "social_worker", "about_team": "hospital_discharge"})

    rate = response_rate(cycle)

    teams = {t["code"]: t for t in rate["teams"]}
    assert teams["locality_north"]["responses"] == 20
    assert teams["hospital_discharge"]["suppressed"]
    assert teams["hospital_discharge"]["responses"] is None
    assert teams["locality_south"]["suppressed"]  # 26 - 20 - 6 would give the 2 away
    assert rate["suppressed_note"]
    page = psw_client.get(f"/reports/{cycle.id}/response-rate").get_data(as_text=True)
    table = page[page.index("data-teams") :]
    assert "Locality north" in table and ">20<" in table
    assert "Hospital discharge" in table and ">2<" not in table


def test_export_round_trips_through_the_analysis_reader(app, psw):
    cycle = make_cycle(status="closed")
    add_many(  # ten in one role (and one "not stated" team): their text may be quoted
        cycle,
        10,
        {
            "Q1": "fairly",
            "Q18": "time_management|decision_making",
            "Q16": "7",
            "about_role": "social_worker",
        },
    )
    add_response(
        cycle, {"Q2": "Call me on 07700 900123 about case 123456", "about_role": "social_worker"}
    )
    buffer = io.StringIO(newline="")

    count, notes = write_export(cycle, buffer, user=psw)

    rows = read_responses_csv(cycle.instrument, buffer.getvalue())
    assert count == len(rows) == 11
    assert sum(r["Q18"] == "time_management|decision_making" for r in rows) == 10
    (text,) = [r["Q2"] for r in rows if r["Q2"]]
    assert "07700" not in text and "123456" not in text and "[phone]" in text
    assert {r["about_role"] for r in rows} == {"social_worker"}
    event = db_event()
    assert event.action == "exported" and event.user_id == psw.id
    assert any("redact" in n or "placeholders" in n for n in notes)


def db_event():
    from healthcheck.extensions import db

    return db.session.scalar(select(AuditEvent).where(AuditEvent.action == "exported"))


def test_export_ids_differ_from_stored_ids_and_between_downloads(app):
    cycle = make_cycle(status="closed")
    stored = {r.id for r in add_many(cycle, 5, {"Q1": "fairly"})}
    first = {r["response_id"] for r in export_rows(cycle)[0]}
    second = {r["response_id"] for r in export_rows(cycle)[0]}
    assert len(first) == len(second) == 5
    assert not first & stored and not first & second


def test_no_export_while_people_can_still_answer(app, psw_client):
    # Two downloads a little apart, while the cycle is open, would differ by the responses in
    # between: whoever knew who answered then would read what they said.
    cycle = make_cycle()
    add_many(cycle, 6, {"Q1": "fairly", "about_role": "social_worker", "Q2": "Busy weeks."})
    rows, notes = export_rows(cycle)
    assert rows == [] and any("once the cycle has closed" in n for n in notes)
    response = psw_client.get(f"/exports/{cycle.id}/responses.csv")
    assert response.status_code == 302
    page = psw_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "can be downloaded once this cycle has closed" in page
    assert f"/exports/{cycle.id}/responses.csv" not in page
    cycle.status = "closed"
    from healthcheck.extensions import db

    db.session.commit()
    assert len(export_rows(cycle)[0]) == 6
    page = psw_client.get(f"/reports/{cycle.id}/downloads").get_data(as_text=True)
    assert f"/exports/{cycle.id}/responses.csv" in page


def test_cli_export_and_analyse(app, tmp_path):
    cycle = make_cycle(status="closed")
    add_many(cycle, 5, {"Q1": "fairly", "about_role": "manager"})
    from healthcheck.commands.results import analyse, export_group

    runner = app.test_cli_runner()
    out = tmp_path / "responses.csv"
    result = runner.invoke(export_group, ["responses", "--cycle", cycle.slug, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Wrote 5 responses" in result.output
    assert len(list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))) == 5
    result = runner.invoke(analyse, ["--cycle", str(cycle.id), "--kind", "scores"])
    assert result.exit_code == 0, result.output
    assert "Effective workload management" in result.output
    result = runner.invoke(analyse, ["--cycle", "nope"])
    assert result.exit_code != 0 and "no cycle" in result.output


def test_export_download_is_for_the_psw_only(app, psw_client, facilitator_client):
    cycle = make_cycle(status="closed")
    add_many(cycle, 5, {"Q1": "fairly"})
    url = f"/exports/{cycle.id}/responses.csv"
    assert facilitator_client.get(url).status_code == 403
    response = psw_client.get(url)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "no-store" in response.headers["Cache-Control"]
    assert len(read_responses_csv(cycle.instrument, response.data)) == 5


def test_an_export_after_a_reopen_waits_for_min_group_new_responses(app, admin_user):
    """Close, export; reopen, one more answer, close, export again: the two files would
    differ by that one person's row. The second export waits for MIN_GROUP_SIZE new ones."""
    from healthcheck.survey.cycles import close_cycle, reopen_cycle

    cycle = make_cycle(opens_on=-10, closes_on=20)
    add_many(cycle, 6, {"Q1": "fairly", "about_role": "social_worker", "Q2": "Busy weeks."})
    close_cycle(cycle, user=admin_user)
    assert len(write_to_rows(cycle)) == 6
    reopen_cycle(cycle, cycle.closes_on, user=admin_user)
    add_response(cycle, {"Q1": "very_unfairly", "about_role": "social_worker"})
    close_cycle(cycle, user=admin_user)
    rows, notes = export_rows(cycle)
    assert rows == [] and any("1 responses arrived since the last export" in n for n in notes)
    assert write_to_rows(cycle) == []  # a refused export does not move the step on
    assert write_to_rows(cycle) == []
    reopen_cycle(cycle, cycle.closes_on, user=admin_user)
    add_many(cycle, 4, {"Q1": "fairly", "about_role": "social_worker"})
    close_cycle(cycle, user=admin_user)
    assert len(write_to_rows(cycle)) == 11


def write_to_rows(cycle):
    buffer = io.StringIO(newline="")
    write_export(cycle, buffer)
    return read_responses_csv(cycle.instrument, buffer.getvalue())
