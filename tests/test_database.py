"""SQLite transactions: a GET that writes takes the write lock first, and never fails because
another connection is writing (red-team defect 9: downloads returned 500 "database is locked"
while the survey was busy). On PostgreSQL the same requests wait for the writer and succeed.
"""

import sqlite3
import threading
import time
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, func, select, text

from healthcheck.database import DeferredWriteError, write_transaction
from healthcheck.extensions import db
from healthcheck.models import AnalysisResult, AuditEvent
from tests.reports.seeding import seed

HOLD_SECONDS = 1.0


@contextmanager
def another_writer(app, seconds=HOLD_SECONDS):
    """Another connection holds the write lock for ``seconds`` (as a submission being stored
    does), from the moment the block starts."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    holding = threading.Event()
    done = threading.Event()
    errors = []

    def hold():
        try:
            if url.startswith("sqlite"):
                conn = sqlite3.connect(url.split("///", 1)[1], isolation_level=None)
                conn.execute("BEGIN IMMEDIATE")
                holding.set()
                time.sleep(seconds)
                conn.execute("COMMIT")
                conn.close()
            else:
                engine = create_engine(url)
                with engine.begin() as conn:
                    conn.execute(text("LOCK TABLE audit_event, analysis_result IN EXCLUSIVE MODE"))
                    holding.set()
                    time.sleep(seconds)
                engine.dispose()
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
            holding.set()
        finally:
            done.set()

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    assert holding.wait(10)
    try:
        yield
    finally:
        done.wait(30)
        assert not errors, errors


def _signed_in_psw_client(app):
    from tests.conftest import make_user, sign_in_client

    return sign_in_client(app.test_client(), make_user("psw"))


def test_downloads_succeed_while_another_connection_writes(each_db_app):
    app = each_db_app
    cycle = seed(30, "busy", status="closed")
    client = _signed_in_psw_client(app)
    db.session.commit()

    # First download: the analysis is claimed and run, and the download audited, all in a GET.
    with another_writer(app):
        first = client.get(f"/reports/{cycle.id}/download/figures.csv")
    assert first.status_code == 200, first.get_data(as_text=True)[:500]
    assert "attachment" in first.headers["Content-Disposition"]

    # Then each download (the analysis is cached): only the audit row is written.
    for name in ("themes.csv", "figures.xlsx"):
        with another_writer(app):
            response = client.get(f"/reports/{cycle.id}/download/{name}")
        assert response.status_code == 200, name
    with another_writer(app):
        export = client.get(f"/exports/{cycle.id}/responses.csv")
    assert export.status_code == 200

    audited = db.session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.object_id == str(cycle.id))
    )
    assert audited == 4
    assert db.session.scalar(select(AnalysisResult.status)) == "ready"


def test_a_write_in_a_deferred_sqlite_transaction_is_refused_under_test(app):
    """The class, not the example: any GET that writes without write_transaction fails its
    tests at once instead of failing under load in production."""
    db.session.commit()
    with app.test_request_context("/anything", method="GET"):
        db.session.scalar(select(func.count()).select_from(AuditEvent))  # a read: fine
        db.session.add(AuditEvent(action="x", object_type="y"))
        with pytest.raises(DeferredWriteError):
            db.session.flush()
        db.session.rollback()

        event = AuditEvent(action="x", object_type="y")
        write_transaction(db.session, lambda session: session.add(event))
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == 1

    with app.test_request_context("/anything", method="POST"):
        db.session.add(AuditEvent(action="x", object_type="z"))
        db.session.commit()  # a POST begins IMMEDIATE: no complaint
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == 2


def test_write_transaction_retries_when_the_lock_stays_busy(app_factory):
    app = app_factory(SQLITE_BUSY_TIMEOUT_MS=100)
    attempts = []
    with app.app_context(), app.test_request_context("/", method="GET"):
        db.session.commit()

        def work(session):
            attempts.append(1)
            session.add(AuditEvent(action="retried", object_type="test"))

        with another_writer(app, seconds=0.5):
            write_transaction(db.session, work)
        assert len(attempts) > 1  # the first attempt timed out after 100 ms and was retried
        assert (
            db.session.scalar(
                select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "retried")
            )
            == 1
        )
        db.session.remove()
