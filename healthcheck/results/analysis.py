"""Running the cycle's analysis off the request path, cached until its inputs change.

``get_analysis(cycle)`` is what pages call. It returns the stored result when the fingerprint
of the inputs (responses, focus groups, figures, settings, the previous cycle) still matches;
otherwise it claims the run through the AnalysisResult row (a conditional UPDATE, so two
workers or two processes never both run it), starts it in a daemon thread with its own app
context, waits up to half a second (a small cycle is then ready at once) and returns the
running state with its progress, and the previous result marked stale when there is one. A
run that is going is never replaced, even when new responses arrive meanwhile: it finishes,
and the next page view starts a run for the new inputs (a busy survey still gets results).

A claim records its owner (host and process id, beside the random run token) and a heartbeat
that a small thread renews every few seconds while the run computes. A run whose owner is gone
(on this host: no such process) or whose heartbeat is older than ``HEARTBEAT_STALE_AFTER`` is
abandoned (the process was killed): the next page view takes it over at once. A run that has
lost its claim (taken over) stops at its next progress report instead of computing a result
nobody may store.

The worker never holds a database transaction while it computes, and reads in a deferred
transaction (``reading()``, healthcheck/database.py) so that a survey submission never waits
for an analysis on SQLite's write lock. It reads, commits, computes, and writes progress and
the result in short write transactions (``write_transaction``: a page view that claims or runs
an analysis is a GET, and must not fail with "database is locked" while the survey is busy).

While a cycle is open, its results move only in steps of ``MIN_GROUP_SIZE`` responses or more
(``held_back``): a run starts when that many have arrived since the stored result, or when no
response has (a focus group's notes, a figure); in between the stored result is shown as it
is, and says so. Otherwise two views a little apart would differ by one or two people's
answers, and whoever knew who had just answered would read them. Once the cycle closes no
answer can arrive, and the results catch up at once.

Theme renames and merges are not part of the fingerprint: they are applied when the result is
read (analysis/theme_edits.py), so they show at once and survive re-runs.

What is computed is in healthcheck.results.compute; what a page gets back (the one wrapper,
``AnalysisState``, and the stored result as pages read it) in healthcheck.results.state.

Set ``ANALYSIS_SYNC = True`` in the config to run in the calling thread (the default when
TESTING), which keeps tests deterministic.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import socket
import threading
import time
from datetime import datetime, timedelta

from flask import Flask, current_app
from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError

from ..audit import events_of
from ..database import reading, write_transaction
from ..extensions import db
from ..models import AnalysisResult, Cycle
from ..timeutil import utcnow
from .compute import compute_analysis, fingerprint
from .json_values import json_default as _json_default
from .rows import response_count
from .state import AnalysisState, public_result, state_of, stored_row

__all__ = [
    "AnalysisState",
    "compute_analysis",
    "fingerprint",
    "get_analysis",
    "public_result",
    "run_analysis",
    "wait_for_runs",
]

log = logging.getLogger(__name__)

KINDS = ("scores", "themes", "all")
INLINE_WAIT_SECONDS = 0.5
PROGRESS_EVERY_SECONDS = 1.0
# The owner of a run renews its heartbeat this often while it computes; a run whose heartbeat
# is older than HEARTBEAT_STALE_AFTER has died with its process (on another host, where the
# process cannot be looked up) and is taken over.
HEARTBEAT_EVERY_SECONDS = 5.0
HEARTBEAT_STALE_AFTER = timedelta(seconds=30)

_threads: dict[tuple[int, str], threading.Thread] = {}


# --- who owns a run --------------------------------------------------------------------------


def this_host() -> str:
    """Which host (and process namespace) a process id belongs to: two containers on one
    machine can share a host name but not a process namespace."""
    try:
        namespace = os.readlink("/proc/self/ns/pid")
    except OSError:
        namespace = ""
    return f"{socket.gethostname()} {namespace}".strip()[:255]


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` on this host is still running (a killed, unreaped one is not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rpartition(")")[2].split()[0] != "Z"  # Z: a zombie, dead
    except (OSError, IndexError):
        return True


def abandoned(row: AnalysisResult | None, now: datetime | None = None) -> bool:
    """Whether a queued or running run's process has died: its owner is gone from this host,
    or its heartbeat is stale. A run owned by this very process is never abandoned."""
    if row is None or row.status not in ("queued", "running"):
        return False
    now = now or utcnow()
    heartbeat = row.heartbeat_at or row.updated_at
    if heartbeat is None or heartbeat < now - HEARTBEAT_STALE_AFTER:
        return True
    if row.owner_host == this_host() and row.owner_pid is not None:
        return row.owner_pid != os.getpid() and not process_alive(row.owner_pid)
    return False


def _claim(cycle_id: int, kind: str, fp: str, dead_token: str | None = None) -> str | None:
    """Take the run for ``fp``; return the run token, or None when another worker has it.

    ``dead_token``: the token of a run found abandoned, taken over only if it still holds the
    row (two processes that both found it dead do not both take it).
    """

    def claim(session) -> str | None:
        token = secrets.token_hex(16)
        now = utcnow()
        queued = {  # a fresh claim, by this process
            "fingerprint": fp,
            "status": "queued",
            "progress": 0,
            "stage": "Waiting to start",
            "run_token": token,
            "started_at": now,
            "updated_at": now,
            "owner_host": this_host(),
            "owner_pid": os.getpid(),
            "heartbeat_at": now,
        }
        if stored_row(cycle_id, kind) is None:
            try:
                with session.begin_nested():
                    session.add(AnalysisResult(cycle_id=cycle_id, kind=kind, **queued))
                return token
            except IntegrityError:
                pass  # someone else created it: fall through to the update
        # A live run (for these inputs or older ones) is never replaced: a run for older
        # inputs finishes, and the next page view starts one for the new inputs.
        heartbeat = func.coalesce(AnalysisResult.heartbeat_at, AnalysisResult.updated_at)
        busy = AnalysisResult.status.in_(("queued", "running")) & (
            heartbeat > now - HEARTBEAT_STALE_AFTER
        )
        if dead_token is not None:
            busy = busy & (AnalysisResult.run_token != dead_token)
        claimed = session.execute(
            update(AnalysisResult)
            .where(AnalysisResult.cycle_id == cycle_id, AnalysisResult.kind == kind, ~busy)
            .values(error=None, **queued)
            .execution_options(synchronize_session=False)
        ).rowcount
        return token if claimed == 1 else None

    return write_transaction(db.session, claim)


def _sync(app: Flask) -> bool:
    return bool(app.config.get("ANALYSIS_SYNC", app.testing))


def get_analysis(
    cycle: Cycle, start: bool = True, kind: str = "all", wait: float | None = None
) -> AnalysisState:
    """The cycle's analysis: the cached result when up to date, else start (or follow) a run.

    ``start=False`` only reports (a status poll). ``wait``: seconds to wait for a run to finish
    before answering "running" (default 0.5). Commits the session (it must not hold the
    database while the worker writes).
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    app = current_app._get_current_object()
    cycle_id = cycle.id
    fp = fingerprint(cycle, kind)
    row = stored_row(cycle_id, kind)
    state = state_of(row, fp, cycle_id)
    running = state.status in ("queued", "running")
    dead = running and abandoned(row)
    if dead:  # its process was killed: say so, and take it over now (unless only reporting)
        state.status = "none"
    if not dead:
        _hold(cycle, state)
    if state.ready or not start or (running and not dead):
        db.session.commit()
        return state
    token = _claim(cycle_id, kind, fp, dead_token=row.run_token if dead else None)
    if token is None:  # another worker took it a moment ago
        return state_of(stored_row(cycle_id, kind), fp, cycle_id)
    if _sync(app):
        _run(app, cycle_id, kind, fp, token)
    else:
        thread = threading.Thread(
            target=_run_in_context,
            args=(app, cycle_id, kind, fp, token),
            name=f"analysis-{cycle_id}-{kind}",
            daemon=True,
        )
        _threads[(cycle_id, kind)] = thread
        thread.start()
        thread.join(INLINE_WAIT_SECONDS if wait is None else wait)
    db.session.expire_all()
    state = state_of(stored_row(cycle_id, kind), fp, cycle_id)
    db.session.commit()
    return state


def held_back(cycle: Cycle, state: AnalysisState) -> int:
    """How many responses that arrived since the stored result are held back from a new run:
    while the cycle is open, between one and ``MIN_GROUP_SIZE`` minus one of them; else 0 (a
    run may start). No order of arrival is stored, so new responses cannot be left out of a
    run: the run waits instead."""
    if state.result is None or state.status in ("queued", "running"):
        return 0
    if cycle.status != "open" and not was_reopened(cycle):
        return 0  # its first close: the final results take everyone in
    shown = state.result.get("respondents")
    if shown is None:
        return 0
    arrived = response_count(cycle.id) - int(shown)
    return arrived if 0 < arrived < int(current_app.config["MIN_GROUP_SIZE"]) else 0


def _hold(cycle: Cycle, state: AnalysisState) -> None:
    """Mark an out-of-date ``state`` as the stored result standing, where ``held_back`` says
    new responses wait for more."""
    held = 0 if state.ready else held_back(cycle, state)
    if held:
        state.status, state.stale, state.held = "ready", False, held


def was_reopened(cycle: Cycle) -> bool:
    """Whether the cycle was ever reopened after closing (its audit log says so): closing it
    again does not catch its results up by fewer than ``MIN_GROUP_SIZE`` responses."""
    return bool(events_of("reopened", "cycle", cycle.id))


def wait_for_runs(timeout: float = 60.0) -> None:
    """Wait for this process's background runs to end (for tests and shutdown)."""
    deadline = time.monotonic() + timeout
    for thread in list(_threads.values()):
        thread.join(max(0.0, deadline - time.monotonic()))


def run_analysis(cycle: Cycle, kind: str = "all", force: bool = False) -> AnalysisState:
    """Run the analysis now, in this thread (the `healthcheck analyse` command)."""
    app = current_app._get_current_object()
    cycle_id = cycle.id
    fp = fingerprint(cycle, kind)
    row = stored_row(cycle_id, kind)
    if not force:
        state = state_of(row, fp, cycle_id)
        _hold(cycle, state)  # as for the pages: ``--force`` runs it all the same
        if state.ready:
            db.session.commit()
            return state
    token = _claim(cycle_id, kind, fp, dead_token=row.run_token if abandoned(row) else None)
    if token is None:
        raise RuntimeError("Another process is running this analysis now: try again shortly")
    _run(app, cycle_id, kind, fp, token)
    db.session.expire_all()
    state = state_of(stored_row(cycle_id, kind), fp, cycle_id)
    db.session.commit()
    return state


# --- the run ---------------------------------------------------------------------------------


def _run_in_context(app: Flask, cycle_id: int, kind: str, fp: str, token: str) -> None:
    with app.app_context():
        try:
            _run(app, cycle_id, kind, fp, token)
        finally:
            db.session.remove()


class ClaimLost(Exception):
    """The run was taken over or replaced: stop, its result could not be stored."""


def _write(cycle_id: int, kind: str, token: str, **values) -> bool:
    """Update our row if we still hold the claim; True when written. Renews the heartbeat."""
    now = utcnow()
    values.setdefault("updated_at", now)
    values.setdefault("heartbeat_at", now)

    def write(session) -> int:
        return session.execute(
            update(AnalysisResult)
            .where(
                AnalysisResult.cycle_id == cycle_id,
                AnalysisResult.kind == kind,
                AnalysisResult.run_token == token,
            )
            .values(**values)
            .execution_options(synchronize_session=False)
        ).rowcount

    return write_transaction(db.session, write) == 1


class Heartbeat:
    """A daemon thread that renews the run's heartbeat while it computes (a long step, such as
    clustering, reports no progress for a while), and notices when the claim has been lost."""

    def __init__(self, app: Flask, cycle_id: int, kind: str, token: str):
        self.app, self.cycle_id, self.kind, self.token = app, cycle_id, kind, token
        self.stop = threading.Event()
        self.lost = False
        self.thread = threading.Thread(target=self._beat, name="analysis-heartbeat", daemon=True)

    def _beat(self) -> None:
        with self.app.app_context():
            try:
                while not self.stop.wait(HEARTBEAT_EVERY_SECONDS):
                    if not _write(self.cycle_id, self.kind, self.token):
                        self.lost = True
                        return
            except Exception:  # the run goes on; a missed heartbeat only risks a takeover
                log.exception("Analysis heartbeat failed")
            finally:
                db.session.remove()

    def __enter__(self) -> "Heartbeat":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join(HEARTBEAT_EVERY_SECONDS)


def _run(app: Flask, cycle_id: int, kind: str, fp: str, token: str) -> None:
    last = [0.0]
    heartbeat = Heartbeat(app, cycle_id, kind, token)

    def progress(percent: int, stage: str, force: bool = False) -> None:
        now = time.monotonic()
        if heartbeat.lost:
            raise ClaimLost()
        if force or now - last[0] >= PROGRESS_EVERY_SECONDS:
            last[0] = now
            if not _write(cycle_id, kind, token, status="running", progress=percent, stage=stage):
                raise ClaimLost()

    try:
        with heartbeat, reading():  # reads never hold SQLite's write lock
            progress(1, "Reading responses", force=True)
            result = compute_analysis(cycle_id, kind, progress)
        text = json.dumps(result, default=_json_default, allow_nan=False)
        _write(
            cycle_id,
            kind,
            token,
            status="ready",
            progress=100,
            stage="Ready",
            result=text,
            result_fingerprint=fp,
            run_token=None,
        )
    except ClaimLost:
        db.session.rollback()
        log.info("Analysis of cycle %s (%s) stopped: another run took it over", cycle_id, kind)
    except Exception:  # a failed run is reported on the page, never a crashed worker
        log.exception("Analysis of cycle %s (%s) failed", cycle_id, kind)
        db.session.rollback()
        _write(
            cycle_id,
            kind,
            token,
            status="failed",
            stage="Failed",
            error="The analysis could not be completed. The error has been logged.",
            run_token=None,
        )
