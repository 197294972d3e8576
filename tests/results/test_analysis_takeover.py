"""A killed analysis is taken over at once from the web (red-team defect 10).

Before: a run's claim was trusted for 15 minutes after its process died ("Analysing" for 19
minutes and beyond, downloads 404). Now a claim records its owner (host, process id, run
token) and a heartbeat: a run whose process is gone is taken over by the next page view, and
while a run is going downloads show the "Analysing" page, never a 404 and never a stale file
without saying so.
"""

import os
import signal
import subprocess  # nosec B404
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text, update

from healthcheck.extensions import db
from healthcheck.models import AnalysisResult
from healthcheck.results import get_analysis
from healthcheck.results.analysis import HEARTBEAT_STALE_AFTER, _claim, fingerprint, this_host
from healthcheck.timeutil import utcnow
from tests.conftest import make_user, sign_in_client
from tests.reports.seeding import seed
from tests.support.documents import soup

ROOT = Path(__file__).resolve().parents[2]


def _row():
    """The analysis row's values, read in a transaction that is over (no lock kept)."""
    db.session.expire_all()
    row = db.session.execute(select(AnalysisResult.__table__)).first()
    db.session.commit()
    return row


def _psw_client(app):
    return sign_in_client(app.test_client(), make_user("psw"))


class RowLock:
    """Hold the analysis row against writers from another connection: the analysing process
    then stops at its next write (a progress report, its heartbeat or its result), so that
    it is killed in the middle of its run, whatever the machine's speed."""

    def __init__(self, url: str):
        self.url = url
        self.release = threading.Event()
        self.held = threading.Event()
        self.thread = threading.Thread(target=self._hold, daemon=True)

    def _hold(self):
        try:
            self._lock()
        except Exception as exc:  # noqa: BLE001 - shown by __enter__
            self.error = exc
            self.held.set()

    def _lock(self):
        if self.url.startswith("sqlite"):
            import sqlite3

            conn = sqlite3.connect(self.url.split("///", 1)[1], isolation_level=None, timeout=60)
            conn.execute("BEGIN IMMEDIATE")
            self.held.set()
            self.release.wait(60)
            conn.execute("ROLLBACK")
            conn.close()
        else:
            engine = create_engine(self.url)
            with engine.connect() as conn:
                conn.execute(text("SELECT id FROM analysis_result FOR UPDATE"))
                self.held.set()
                self.release.wait(60)
                conn.rollback()
            engine.dispose()

    def __enter__(self):
        self.error = None
        self.thread.start()
        assert self.held.wait(90) and self.error is None, self.error
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.thread.join(30)


@pytest.mark.slow
def test_a_killed_analysis_is_taken_over_at_once_by_the_web(each_db_app):
    app = each_db_app
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    cycle = seed(60, "killed")
    client = _psw_client(app)
    db.session.commit()

    env = dict(os.environ, HEALTHCHECK_ENV="development", DATABASE_URL=url, PYTHONPATH=str(ROOT))
    env["SECRET_KEY"] = "takeover-test-secret-key-" + "0" * 32
    child = subprocess.Popen(  # nosec B603 - our own command line
        [str(Path(sys.executable).parent / "healthcheck"), "analyse", "--cycle", str(cycle.id)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        row = None
        while time.monotonic() < deadline:
            row = _row()
            if row is not None and row.owner_pid == child.pid:
                break
            assert child.poll() is None, child.stderr.read().decode()[-2000:]
            time.sleep(0.02)
        assert row is not None and row.owner_pid == child.pid, "the child claimed the run"
        assert row.owner_host == this_host() and row.run_token
        with RowLock(url):
            time.sleep(0.3)  # the child is now held at its next write, mid-analysis
            child.send_signal(signal.SIGKILL)
            child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(30)
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL

    killed = _row()
    assert killed.status in ("queued", "running") and killed.result is None
    assert killed.owner_pid == child.pid
    # Its heartbeat is fresh: only the owner's death can explain a takeover now.
    assert killed.heartbeat_at > utcnow() - HEARTBEAT_STALE_AFTER

    page = client.get(f"/reports/{cycle.id}/overview")
    assert page.status_code == 200
    assert soup(page).h1.get_text(strip=True) != "Analysing…"  # the results, at once
    done = _row()
    assert done.status == "ready" and done.owner_pid == os.getpid()
    # Taken over (started_at is the new claim's) before the dead run's heartbeat went stale.
    assert done.started_at < killed.heartbeat_at + HEARTBEAT_STALE_AFTER
    assert done.run_token is None and done.result


def test_a_run_on_another_host_is_taken_over_only_when_its_heartbeat_is_stale(each_db_app):
    cycle = seed(10, "elsewhere")
    fp = fingerprint(cycle)
    token = _claim(cycle.id, "all", fp)
    assert token

    def owned_elsewhere(heartbeat_age):
        db.session.execute(
            update(AnalysisResult).values(
                owner_host="another-host",
                owner_pid=1,
                heartbeat_at=utcnow() - heartbeat_age,
                status="running",
            )
        )
        db.session.commit()

    owned_elsewhere(timedelta(seconds=5))
    assert get_analysis(cycle).status == "running"  # alive over there: left alone
    assert _row().run_token == token

    owned_elsewhere(HEARTBEAT_STALE_AFTER + timedelta(seconds=1))
    assert get_analysis(cycle, start=False).status == "none"  # a status poll says it stopped
    state = get_analysis(cycle)
    assert state.status == "ready"
    assert _row().owner_host == this_host()


def test_a_run_whose_process_has_exited_on_this_host_is_taken_over(each_db_app):
    cycle = seed(10, "gone")
    assert _claim(cycle.id, "all", fingerprint(cycle))
    gone = subprocess.Popen([sys.executable, "-c", "pass"])  # nosec B603
    gone.wait(30)
    db.session.execute(
        update(AnalysisResult).values(owner_pid=gone.pid, heartbeat_at=utcnow(), status="running")
    )
    db.session.commit()
    assert get_analysis(cycle).status == "ready"


def test_a_run_in_this_process_is_not_taken_over(each_db_app):
    cycle = seed(10, "mine")
    token = _claim(cycle.id, "all", fingerprint(cycle))
    assert get_analysis(cycle).status == "queued"
    assert _row().run_token == token


@pytest.mark.parametrize("name", ["self-assessment.pdf", "figures.xlsx", "figures.csv"])
def test_downloads_show_the_analysing_page_while_a_run_goes(each_db_app, name):
    from tests.results.support import add_response

    app = each_db_app
    cycle = seed(20, "running")
    client = _psw_client(app)
    url = f"/reports/{cycle.id}/download/{name}"

    # No result yet, a run going (held by this live process): the Analysing page, not a 404.
    assert _claim(cycle.id, "all", fingerprint(cycle))
    waiting = client.get(url)
    assert waiting.status_code == 200
    assert "attachment" not in waiting.headers.get("Content-Disposition", "")
    assert soup(waiting).h1.get_text(strip=True) == "Analysing…"
    assert not soup(waiting).find("a", string="Download the previous results (out of date)")
    assert client.get(f"/reports/{cycle.id}/download/nothing.zip").status_code == 404

    # A result, then new responses and a new run: the previous file is offered, marked.
    db.session.execute(update(AnalysisResult).values(status="failed", run_token=None))
    db.session.commit()
    fresh = client.get(url)
    assert fresh.status_code == 200
    assert f'filename="{cycle.slug}-{name}"' in fresh.headers["Content-Disposition"]
    add_response(cycle, {"Q1": "fairly"})
    assert _claim(cycle.id, "all", fingerprint(cycle))
    page = client.get(url)
    assert page.status_code == 200 and "attachment" not in page.headers.get(
        "Content-Disposition", ""
    )
    offer = soup(page).find("a", string="Download the previous results (out of date)")
    assert offer is not None
    previous = client.get(offer["href"])
    assert previous.status_code == 200
    disposition = previous.headers["Content-Disposition"]
    assert f'filename="{cycle.slug}-out-of-date-{name}"' in disposition
    if name.endswith(".pdf"):
        import io

        from pypdf import PdfReader

        pdf_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(previous.data)).pages)
        assert "Out of date" in pdf_text
