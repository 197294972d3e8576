"""Data lifecycle: purging a closed cycle's free text and drafts, and backing the database up."""

import sqlite3
import subprocess
from datetime import date, timedelta

import pytest
from sqlalchemy import create_engine, func, select, text

from healthcheck.commands.lifecycle import backup_command, find_pg_dump, purge_command
from healthcheck.extensions import db
from healthcheck.models import Answer, AuditEvent, Cycle, Response
from healthcheck.models.results import AnalysisResult
from healthcheck.models.survey import Draft
from healthcheck.purge import PurgeRefused, purge_cycle
from tests.security.routes import make_cycle

CLOSED_ANSWERS = {"Q1": "fairly", "Q3": "yes", "overall_workload": "good"}
FREE_TEXT = {
    "Q1.comment": "Jo Bloggs gives me all the hard cases",
    "Q2": "We need more time for visits",
    "Q3.comment": "my team manager",
}


def closed_cycle(closed_days_ago=400, retention_days=365, status="closed", slug="hc-old"):
    today = date.today()
    return make_cycle(
        slug=slug,
        status=status,
        opens_on=today - timedelta(days=closed_days_ago + 60),
        closes_on=today - timedelta(days=closed_days_ago),
        retention_days=retention_days,
    )


def add_response(cycle, n):
    response = Response(
        cycle_id=cycle.id,
        instrument_id=cycle.instrument_id,
        instrument_version=cycle.instrument_version,
        submitted_on=cycle.closes_on,
        submission_key=f"key-{cycle.id}-{n}",
    )
    response.answers = [Answer(key=k, value=v) for k, v in {**CLOSED_ANSWERS, **FREE_TEXT}.items()]
    db.session.add(response)


@pytest.fixture
def old_cycle(app):
    cycle = closed_cycle()
    for n in range(12):
        add_response(cycle, n)
    db.session.add(Draft(cycle_id=cycle.id, answers='{"Q2": "half written"}'))
    db.session.commit()
    return cycle


def answers(cycle):
    rows = db.session.execute(
        select(Answer.key, Answer.value)
        .join(Response)
        .where(Response.cycle_id == cycle.id)
        .order_by(Answer.response_id, Answer.key)
    )
    return [tuple(r) for r in rows]


def test_purge_deletes_free_text_and_drafts_and_keeps_closed_answers(app, old_cycle):
    before = answers(old_cycle)
    counts = purge_cycle(old_cycle.id)

    after = answers(old_cycle)
    assert counts["free-text answers"] == 12 * len(FREE_TEXT)
    assert counts["drafts"] == 1
    assert after == [row for row in before if row[0] in CLOSED_ANSWERS]
    assert db.session.scalar(select(func.count()).select_from(Response)) == 12
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 0
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "purged"))
    assert event.object_id == str(old_cycle.id) and "drafts" in event.detail


def test_purge_keeps_the_aggregated_results_without_re_running(app, old_cycle):
    from healthcheck.results import analysis

    purge_cycle(old_cycle.id)
    row = db.session.scalar(
        select(AnalysisResult).where(
            AnalysisResult.cycle_id == old_cycle.id, AnalysisResult.kind == "all"
        )
    )
    assert row is not None and row.result is not None
    state = analysis.get_analysis(old_cycle, "all")
    assert state.ready, "the stored result must stand for the purged data"
    assert row.result_fingerprint == analysis.fingerprint(old_cycle, "all")


def test_purge_leaves_other_cycles_alone(app, old_cycle):
    other = closed_cycle(slug="hc-other")
    add_response(other, 1)
    db.session.add(Draft(cycle_id=other.id))
    db.session.commit()
    before = answers(other)
    purge_cycle(old_cycle.id)
    assert answers(other) == before
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 1


@pytest.mark.parametrize("status", ["open", "draft"])
def test_an_open_or_draft_cycle_is_never_purged(app, status):
    cycle = closed_cycle(status=status, closed_days_ago=-5)
    add_response(cycle, 1)
    db.session.commit()
    before = answers(cycle)
    with pytest.raises(PurgeRefused, match="only a closed cycle"):
        purge_cycle(cycle.id, force=True)
    assert answers(cycle) == before


def test_retention_period_is_respected_unless_forced(app):
    cycle = closed_cycle(closed_days_ago=30, retention_days=365)
    add_response(cycle, 1)
    db.session.commit()
    with pytest.raises(PurgeRefused, match="kept until"):
        purge_cycle(cycle.id)
    assert len(answers(cycle)) == len(CLOSED_ANSWERS) + len(FREE_TEXT)
    purge_cycle(cycle.id, force=True)
    assert len(answers(cycle)) == len(CLOSED_ANSWERS)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "purged"))
    assert "forced" in event.detail


def test_purge_command(app, old_cycle):
    result = app.test_cli_runner().invoke(purge_command, ["--cycle", str(old_cycle.id)])
    assert result.exit_code == 0, result.output
    assert "Deleted 36 free-text answers" in result.output
    missing = app.test_cli_runner().invoke(purge_command, ["--cycle", "9999"])
    assert missing.exit_code == 1 and "no cycle 9999" in missing.output


def test_purge_on_postgresql(pg_app):
    cycle = closed_cycle()
    add_response(cycle, 1)
    db.session.commit()
    purge_cycle(cycle.id)
    assert sorted(k for k, _ in answers(cycle)) == sorted(CLOSED_ANSWERS)


# --- backup ----------------------------------------------------------------------------------


def test_sqlite_backup_is_a_whole_consistent_database(app, old_cycle, tmp_path):
    out = tmp_path / "backup.sqlite"
    result = app.test_cli_runner().invoke(backup_command, ["--out", str(out)])
    assert result.exit_code == 0, result.output
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    with sqlite3.connect(out) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM response").fetchone()[0] == 12
        assert conn.execute("SELECT count(*) FROM survey_draft").fetchone()[0] == 1
    again = app.test_cli_runner().invoke(backup_command, ["--out", str(out)])
    assert again.exit_code == 1 and "already exists" in again.output


def test_restoring_an_sqlite_backup(app_factory, tmp_path):
    """The documented restore: copy the backup over the database file, then migrate."""
    import shutil

    app = app_factory()
    with app.app_context():
        cycle = closed_cycle()
        add_response(cycle, 1)
        db.session.commit()
        out = tmp_path / "backup.sqlite"
        assert app.test_cli_runner().invoke(backup_command, ["--out", str(out)]).exit_code == 0
    restored = tmp_path / "restored.sqlite"
    shutil.copyfile(out, restored)
    again = app_factory(url=f"sqlite:///{restored}")
    with again.app_context():
        assert db.session.scalar(select(func.count()).select_from(Response)) == 1
        assert db.session.scalar(select(Cycle.slug)) == "hc-old"


def test_postgresql_backup_and_restore(pg_app, tmp_path, postgres_factory):
    if find_pg_dump() is None:
        pytest.skip("pg_dump is not installed")
    cycle = closed_cycle()
    add_response(cycle, 1)
    db.session.commit()
    out = tmp_path / "backup.dump"
    result = pg_app.test_cli_runner().invoke(backup_command, ["--out", str(out)])
    assert result.exit_code == 0, result.output
    target = postgres_factory.empty()
    pg_restore = find_pg_dump().replace("pg_dump", "pg_restore")
    libpq = target.replace("postgresql+psycopg://", "postgresql://")
    subprocess.run(
        [pg_restore, "--no-owner", "--dbname", libpq, str(out)], check=True, capture_output=True
    )
    engine = create_engine(target)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM answer")).scalar() == 6
            assert conn.execute(text("SELECT slug FROM cycle")).scalar() == "hc-old"
    finally:
        engine.dispose()
        postgres_factory.drop(target)


def _stashes(cycle, facilitator):
    """One kept form past its expiry and one still in date, on a focus group of ``cycle``."""
    from healthcheck.focus_groups import records
    from healthcheck.models.focus_group import NoteStash
    from healthcheck.timeutil import utcnow

    group = records.create_focus_group(cycle, facilitator)
    expired = NoteStash(
        focus_group_id=group.id, user_id=facilitator.id, page="workload", fields={"note.Q1": "old"},
        expires_at=utcnow() - timedelta(minutes=1),
    )  # fmt: skip
    current = NoteStash(
        focus_group_id=group.id, user_id=facilitator.id, page="workload", fields={"note.Q1": "new"},
        expires_at=utcnow() + timedelta(days=1),
    )  # fmt: skip
    db.session.add_all([expired, current])
    db.session.commit()
    return expired.id, current.id


def test_purge_also_clears_expired_kept_forms_of_every_cycle(app, old_cycle, facilitator):
    from healthcheck.models.focus_group import NoteStash

    live = closed_cycle(slug="hc-live", closed_days_ago=10)
    expired, current = _stashes(live, facilitator)
    counts = purge_cycle(old_cycle.id)
    assert counts["expired focus-group stashes"] == 1
    assert db.session.scalars(select(NoteStash.id)).all() == [current]


def test_signing_in_clears_expired_kept_forms(app, client, facilitator):
    from healthcheck.models.focus_group import NoteStash
    from tests.conftest import TEST_PASSWORD

    expired, current = _stashes(closed_cycle(slug="hc-live", closed_days_ago=10), facilitator)
    response = client.post("/sign-in", data={"email": facilitator.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.scalars(select(NoteStash.id)).all() == [current]
