"""The cycle's analysis, run off the request path and cached until its inputs change.

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

Theme renames and merges are not part of the fingerprint: they are applied when the result is
read (analysis/theme_edits.py), so they show at once and survive re-runs.

Set ``ANALYSIS_SYNC = True`` in the config to run in the calling thread (the default when
TESTING), which keeps tests deterministic.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from flask import Flask, current_app
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from analysis.theme_edits import apply_edits, apply_hidden
from analysis.theme_proposals import theme_proposals

from ..database import reading, write_transaction
from ..extensions import db
from ..models import AnalysisResult, Cycle, Metric
from ..staff_list import staff_names
from ..timeutil import utcnow
from . import response_rate as response_rate_module
from .json_values import json_default as _json_default
from .review import hidden_for
from .rows import (
    about_group_sizes,
    cycle_rows,
    focus_group_fingerprint,
    focus_group_inputs,
    response_count,
    survey_text_rows,
)
from .theme_edit_log import theme_edits
from .theme_results import compute_themes

log = logging.getLogger(__name__)

# Bump when the analysis changes in a way that makes stored results out of date.
ALGORITHM_VERSION = "3"  # 3: no theme from fewer than MIN_GROUP_SIZE writers (2: role figures)
KINDS = ("scores", "themes", "all")
INLINE_WAIT_SECONDS = 0.5
PROGRESS_EVERY_SECONDS = 1.0
# The owner of a run renews its heartbeat this often while it computes; a run whose heartbeat
# is older than HEARTBEAT_STALE_AFTER has died with its process (on another host, where the
# process cannot be looked up) and is taken over.
HEARTBEAT_EVERY_SECONDS = 5.0
HEARTBEAT_STALE_AFTER = timedelta(seconds=30)

_threads: dict[tuple[int, str], threading.Thread] = {}


@dataclass
class AnalysisState:
    """What a page needs to know about a cycle's analysis.

    ``status``: "ready", "queued", "running", "failed" or "none" (never run, not started).
    ``result``: the result dict (see docs/scores.md, "The cycle's analysis"), or the previous
    one while a new run is going (then ``stale`` is True), or None.
    """

    status: str
    progress: int = 0
    result: dict | None = None
    stale: bool = False
    stage: str | None = None
    error: str | None = None
    updated_at: datetime | None = None
    fingerprint: str | None = field(default=None, repr=False)

    @property
    def ready(self) -> bool:
        return self.status == "ready"


# --- fingerprint -----------------------------------------------------------------------------


def previous_cycle(cycle: Cycle) -> Cycle | None:
    """The latest earlier cycle with the same instrument id (any version), for year on year."""
    return db.session.scalar(
        select(Cycle)
        .where(
            Cycle.instrument_id == cycle.instrument_id,
            Cycle.id != cycle.id,
            Cycle.opens_on < cycle.opens_on,
            Cycle.is_demo == cycle.is_demo,
        )
        .order_by(Cycle.opens_on.desc(), Cycle.id.desc())
        .limit(1)
    )


def _metric_rows(cycle_id: int) -> list[Metric]:
    return list(
        db.session.scalars(select(Metric).where(Metric.cycle_id == cycle_id).order_by(Metric.id))
    )


def fingerprint(cycle: Cycle, kind: str = "all") -> str:
    """A hash of everything the analysis of ``kind`` reads: when it changes, re-run.

    Responses are counted, not their answers: a response never changes once stored, and
    counting every answer on each page view cost about 190 ms at 10,000 responses. (Purging
    free text re-stamps the stored results itself, see healthcheck/purge.py.)
    """
    config = current_app.config
    parts: dict[str, Any] = {
        "algorithm": ALGORITHM_VERSION,
        "kind": kind,
        "instrument": [cycle.instrument_id, cycle.instrument_version],
        "responses": response_count(cycle.id),
        "settings": [
            config["MIN_GROUP_SIZE"],
            config["MIN_QUOTE_GROUP_SIZE"],
            config["RAG_GREEN"],
            config["RAG_AMBER"],
        ],
        "focus_groups": focus_group_fingerprint(cycle),
    }
    if kind != "themes":
        parts["headcount"] = sorted((h.role, h.headcount) for h in cycle.headcounts)
        parts["metrics"] = [
            [m.id, m.name, m.value, m.target, m.better, m.area, m.period]
            for m in _metric_rows(cycle.id)
        ]
        previous = previous_cycle(cycle)
        if previous is not None:
            parts["previous"] = [previous.id, response_count(previous.id)]
    text = json.dumps(parts, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- reading and claiming --------------------------------------------------------------------


def _row(cycle_id: int, kind: str) -> AnalysisResult | None:
    return db.session.scalar(
        select(AnalysisResult).where(
            AnalysisResult.cycle_id == cycle_id, AnalysisResult.kind == kind
        )
    )


def _load(text: str | None) -> dict | None:
    return json.loads(text) if text else None


def _public(result: dict | None, cycle_id: int) -> dict | None:
    """The stored result as pages see it: theme edits applied, matching keys removed."""
    if result is None:
        return None
    result = dict(result)
    if result.get("themes"):
        edited = apply_edits(result["themes"], theme_edits(cycle_id))
        edited = apply_hidden(edited, hidden_for(cycle_id))
        for theme in (edited.get("themes") or []) + [edited.get("unclear") or {}]:
            theme.pop("member_keys", None)
            for quote in theme.get("quotes") or []:
                quote.pop("by", None)  # the writer token (results.theme_results) is never shown
        result["themes"] = edited
        if "proposals" in result:
            result["proposals"] = dict(result["proposals"])
            result["proposals"]["themes"] = theme_proposals(edited)
    return result


def _state(row: AnalysisResult | None, fp: str, cycle_id: int) -> AnalysisState:
    if row is None:
        return AnalysisState("none", fingerprint=fp)
    result = _public(_load(row.result), cycle_id)
    if row.result is not None and row.result_fingerprint == fp:
        return AnalysisState(
            "ready", 100, result, False, None, None, row.updated_at, fingerprint=fp
        )
    if row.status in ("queued", "running"):
        # A run is going, maybe for slightly older inputs: it is left to finish (so that a
        # busy survey still gets results), and the next page view after it starts another.
        status = row.status
    else:
        status = row.status if row.fingerprint == fp else "none"
    if status == "ready":  # ready for another fingerprint, never for this one
        status = "none"
    return AnalysisState(
        status,
        row.progress if status in ("queued", "running") else 0,
        result,
        result is not None,
        row.stage,
        row.error if status == "failed" else None,
        row.updated_at,
        fingerprint=fp,
    )


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
        owner = {"owner_host": this_host(), "owner_pid": os.getpid(), "heartbeat_at": now}
        if _row(cycle_id, kind) is None:
            try:
                with session.begin_nested():
                    session.add(
                        AnalysisResult(
                            cycle_id=cycle_id,
                            kind=kind,
                            fingerprint=fp,
                            status="queued",
                            progress=0,
                            stage="Waiting to start",
                            run_token=token,
                            started_at=now,
                            updated_at=now,
                            **owner,
                        )
                    )
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
            .values(
                fingerprint=fp,
                status="queued",
                progress=0,
                stage="Waiting to start",
                run_token=token,
                error=None,
                started_at=now,
                updated_at=now,
                **owner,
            )
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
    row = _row(cycle_id, kind)
    state = _state(row, fp, cycle_id)
    running = state.status in ("queued", "running")
    dead = running and abandoned(row)
    if dead:  # its process was killed: say so, and take it over now (unless only reporting)
        state.status = "none"
    if state.ready or not start or (running and not dead):
        db.session.commit()
        return state
    token = _claim(cycle_id, kind, fp, dead_token=row.run_token if dead else None)
    if token is None:  # another worker took it a moment ago
        return _state(_row(cycle_id, kind), fp, cycle_id)
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
    state = _state(_row(cycle_id, kind), fp, cycle_id)
    db.session.commit()
    return state


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
    row = _row(cycle_id, kind)
    if not force:
        state = _state(row, fp, cycle_id)
        if state.ready:
            db.session.commit()
            return state
    token = _claim(cycle_id, kind, fp, dead_token=row.run_token if abandoned(row) else None)
    if token is None:
        raise RuntimeError("Another process is running this analysis now: try again shortly")
    _run(app, cycle_id, kind, fp, token)
    db.session.expire_all()
    state = _state(_row(cycle_id, kind), fp, cycle_id)
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


def compute_analysis(cycle_id: int, kind: str = "all", progress=None) -> dict[str, Any]:
    """Read the cycle's inputs, then compute the result dict (see docs/scores.md)."""
    from analysis.focus_group_figures import FocusGroupFiguresError, summarise_focus_groups
    from analysis.organisation_metrics import metric_status
    from analysis.scoring import RagThresholds, score_responses
    from analysis.strengths import propose_strengths_and_improvements
    from analysis.yoy import compare_cycles

    def report(percent, stage):
        if progress is not None:
            progress(percent, stage)

    config = current_app.config
    min_group = int(config["MIN_GROUP_SIZE"])
    min_quote = int(config["MIN_QUOTE_GROUP_SIZE"])
    cycle = db.session.get(Cycle, cycle_id)
    if cycle is None:
        raise LookupError(f"No cycle {cycle_id}")
    instrument = cycle.instrument
    rows = cycle_rows(cycle, instrument)
    fg = focus_group_inputs(cycle, instrument)
    result: dict[str, Any] = {
        "cycle": {
            "id": cycle.id,
            "slug": cycle.slug,
            "name": cycle.name,
            "instrument": {"id": instrument.id, "version": instrument.version},
        },
        "computed_at": utcnow().isoformat(timespec="seconds"),
        "respondents": len(rows),
        "min_group": min_group,
        "min_quote_group": min_quote,
    }
    areas = {a.id: a.name for a in instrument.areas}
    if kind in ("scores", "all"):
        metrics = [
            {
                "name": m.name,
                "value": m.value,
                "target": m.target,
                "better": m.better,
                "area": m.area,
                "area_name": areas.get(m.area, m.area),
                "period": m.period,
                "status": metric_status(m.value, m.target, m.better),
            }
            for m in _metric_rows(cycle.id)
        ]
        result["response_rate"] = response_rate_module.summary(cycle)
        previous = previous_cycle(cycle)
        previous_rows = previous_instrument = None
        if previous is not None:
            previous_instrument = previous.instrument
            previous_rows = cycle_rows(previous, previous_instrument)
            # Plain values: no model may be touched once the transaction ends below (a lazy
            # load would open a transaction, and on SQLite hold the write lock, while we compute).
            previous = {"id": previous.id, "slug": previous.slug, "name": previous.name}
    if kind in ("themes", "all"):
        text_rows = survey_text_rows(cycle, instrument, rows)
        sizes = about_group_sizes(rows)
        try:
            role_options = instrument.question("about_role").options or ()
        except KeyError:
            role_options = ()
        role_labels = {o.code: o.label for o in role_options if o.code != "prefer_not_to_say"}
        # What the respondent was asked (the survey's wording), for reading answers' sentiment.
        question_texts = {
            q.id: getattr(q, "survey_text", "") or q.text for q in instrument.questions if q.text
        }
        question_titles = {q.id: q.short_title for q in instrument.questions}
        question_titles.update(
            {f"topic.{t.id}": t.short_title for t in instrument.discussion_topics}
        )
        last_year = None
        earlier = previous_cycle(cycle)
        if earlier is not None:
            earlier_instrument = earlier.instrument
            earlier_rows = cycle_rows(earlier, earlier_instrument)
            last_year = {
                "survey_rows": survey_text_rows(earlier, earlier_instrument, earlier_rows),
                "respondents": len(earlier_rows),
                "name": earlier.name,
            }
    db.session.commit()  # release the database before computing

    thresholds = RagThresholds(green=float(config["RAG_GREEN"]), amber=float(config["RAG_AMBER"]))
    if kind in ("scores", "all"):
        report(10, "Scoring the areas")
        scores = score_responses(instrument, rows, thresholds=thresholds, min_group=min_group)
        result["scores"] = scores
        result["metrics"] = metrics
        report(25, "Summarising the focus groups")
        try:
            result["focus_groups"] = summarise_focus_groups(instrument, fg["groups"], min_group)
        except FocusGroupFiguresError as exc:
            result["focus_groups"] = {"source": "focus_group", "errors": exc.errors}
        report(30, "Comparing with last year")
        result["yoy"] = None
        if previous is not None and previous_rows:
            try:
                result["yoy"] = compare_cycles(
                    previous_instrument, previous_rows, instrument, rows, min_group=min_group
                )
                result["yoy"]["previous_cycle"] = previous
            except ValueError as exc:
                result["yoy"] = {"error": str(exc)}
        result["proposals"] = propose_strengths_and_improvements(scores)
    if kind in ("themes", "all"):
        report(35, "Finding themes")

        def theme_progress(stage, done, total):
            fraction = (done / total) if total else 0.0
            report(35 + int(60 * min(fraction, 1.0)), stage)

        result["themes"] = compute_themes(
            text_rows,
            fg["notes"],
            sizes,
            len(rows),
            min_quote_group=min_quote,
            min_group=min_group,
            role_labels=role_labels,
            progress=theme_progress,
            hidden_quotes=hidden_for(cycle.id)["quote"],
            staff_names=staff_names(),
            question_texts=question_texts,
            last_year=last_year,
            ratings=comment_ratings(instrument, rows, text_rows),
        )
        result["themes"]["question_titles"] = question_titles
        if "proposals" in result:
            result["proposals"]["themes"] = theme_proposals(result["themes"])
    report(98, "Saving")
    return result


def comment_ratings(instrument, rows: list[dict], text_rows: list[dict]) -> list[float | None]:
    """Per free-text row, the respondent's closed rating beside that comment box, 0 (worst)
    to 1 (best): the mean of the question's scored answers (a grid's rows); None for a text
    question, or when the respondent gave no scored answer."""
    from analysis.scoring import scored_items

    items = scored_items(instrument)
    by_question: dict[str, list] = {}
    for item in items:
        by_question.setdefault(item.question, []).append(item)
    out: list[float | None] = []
    for text_row in text_rows:
        rating = None
        if str(text_row.get("column", "")).endswith(".comment"):
            respondent = rows[text_row["response"]]
            values = [
                item.values[respondent.get(item.column)]
                for item in by_question.get(text_row["question"], ())
                if respondent.get(item.column) in item.values
            ]
            if values:
                rating = sum(values) / len(values) / 100.0
        out.append(rating)
    return out
