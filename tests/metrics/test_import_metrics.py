"""Importing organisational figures: all or nothing, every problem listed, audited."""

import io

from bs4 import BeautifulSoup
from sqlalchemy import func, select

from healthcheck.models import AuditEvent, Metric
from tests.results.support import make_cycle

GOOD = (
    "name,value,target,better,area,period\n"
    "Average caseload per worker,24,20,lower,workload,2025-26\n"
    "Supervision compliance (%),92%,90,higher,A healthy workplace,2025-26\n"
    "Agency staff (%),10.5,10,lower,workload,2025-26\n"
)
BAD = (
    "name,value,target,better,area,period\n"
    "Average caseload per worker,twenty,20,lower,workload,2025-26\n"
    "Supervision compliance,92,90,sideways,workplace,2025-26\n"
    ",5,,,nowhere,\n"
)


def _count(db):
    return db.session.scalar(select(func.count()).select_from(Metric))


def _upload(client, cycle, data, filename="figures.csv"):
    return client.post(
        "/metrics/",
        data={"cycle": str(cycle.id), "file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def test_a_good_file_is_imported_and_listed_with_rag(app, db, psw_client):
    cycle = make_cycle()
    response = _upload(psw_client, cycle, GOOD.encode())
    assert response.status_code == 302
    assert _count(db) == 3
    page = BeautifulSoup(psw_client.get(response.location).data, "html.parser")
    rows = {
        tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in page.select("tbody tr")
    }
    assert rows["Average caseload per worker"][-1] == "Target missed"
    assert rows["Supervision compliance (%)"][-1] == "Target met"
    assert rows["Agency staff (%)"][-1] == "Just missed"
    assert rows["Supervision compliance (%)"][0] == "A healthy workplace"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.object_type == "metrics"))
    assert event.action == "created" and "3" in event.detail


def test_a_bad_file_lists_every_problem_and_saves_nothing(app, db, psw_client):
    cycle = make_cycle()
    response = _upload(psw_client, cycle, BAD.encode())
    assert response.status_code == 200
    page = BeautifulSoup(response.data, "html.parser")
    assert page.title.get_text().startswith("Error:")
    summary = [li.get_text(strip=True) for li in page.select(".govuk-error-summary__list li")]
    assert "Line 2, column value: enter a number" in summary
    assert "Line 3, column better: enter higher or lower" in summary
    assert "Line 4, column name: enter the name" in summary
    assert any(s.startswith("Line 4, column area:") for s in summary)
    assert _count(db) == 0
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == 0


def test_uploads_are_checked_by_name_size_and_type(app, db, psw_client):
    cycle = make_cycle()
    for data, filename, message in [
        (GOOD.encode(), "figures.xlsx", "must be a CSV"),
        (b"PK\x03\x04rest-of-a-zip", "figures.csv", "must be a CSV"),
        (b"", "figures.csv", "empty"),
        (b"name,value\x00", "figures.csv", "not a CSV"),
    ]:
        page = BeautifulSoup(_upload(psw_client, cycle, data, filename).data, "html.parser")
        summary = page.select_one(".govuk-error-summary").get_text()
        assert message in summary, (filename, summary)
    assert _count(db) == 0


def test_a_file_over_the_size_limit_is_refused_before_reading():
    from healthcheck.metrics.imports import check_upload

    assert check_upload("figures.csv", b"a" * 1_000_001) == [
        "The selected file must be smaller than 1MB"
    ]
    assert check_upload(None, b"") == ["Select a CSV file"]
    assert check_upload("figures.CSV", GOOD.encode()) == []


def test_only_the_psw_can_import(app, facilitator_client, admin_client, client):
    cycle = make_cycle()
    assert _upload(facilitator_client, cycle, GOOD.encode()).status_code == 403
    assert _upload(admin_client, cycle, GOOD.encode()).status_code == 403
    assert client.get("/metrics/").status_code == 302  # sign in first


def test_import_metrics_command(app, db, tmp_path):
    from healthcheck.commands.results import import_metrics_command

    cycle = make_cycle()
    runner = app.test_cli_runner()
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD)
    result = runner.invoke(import_metrics_command, ["--cycle", cycle.slug, str(bad)])
    assert result.exit_code == 1
    assert "nothing was saved" in result.output and "Line 3, column better" in result.output
    assert _count(db) == 0
    good = tmp_path / "good.csv"
    good.write_text(GOOD)
    result = runner.invoke(import_metrics_command, ["--cycle", str(cycle.id), str(good)])
    assert result.exit_code == 0, result.output
    assert _count(db) == 3
    # Importing the same names and periods again replaces them.
    runner.invoke(import_metrics_command, ["--cycle", str(cycle.id), str(good)])
    assert _count(db) == 3


def test_a_file_too_large_in_shape_is_refused_with_a_message_and_nothing_saved(app, db, psw_client):
    """Small in bytes, large in work: 100,000 columns in one row (which once took minutes to
    check, a problem listed for each), or one value longer than Python's csv module reads."""
    cycle = make_cycle()
    wide = "name" + "," * 99_999 + "\n"  # 100,000 columns, 100KB
    long_value = "name,value,target,better,area,period\n" + "x" * 131_073 + ",1,,,workload,\n"
    for data, message in [
        (wide, "Line 1: the file must have 100 columns or fewer"),
        (GOOD.splitlines()[0] + "\n" + ",".join(["1"] * 100_000), "100 columns or fewer"),
        (long_value, "Line 2: each value must be 1,000 characters or fewer"),
    ]:
        response = _upload(psw_client, cycle, data.encode())
        assert response.status_code == 200
        page = BeautifulSoup(response.data, "html.parser")
        summary = [li.get_text(strip=True) for li in page.select(".govuk-error-summary__list li")]
        assert any(message in s for s in summary), summary
        assert len(summary) == 1
    assert _count(db) == 0
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == 0
