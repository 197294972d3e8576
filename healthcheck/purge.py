"""Purging a closed cycle after its retention period: its raw free text and drafts go.

`purge_cycle` (run by `healthcheck purge --cycle ID`, healthcheck/commands/lifecycle.py) runs
after a cycle's retention period (Cycle.retention_days after it closed). It deletes what could
identify someone or was never submitted:

- every survey answer that is free text (text questions and the comments beside closed
  answers; any answer key the instrument does not list as a closed answer counts as free text),
- every draft of the cycle (with its resume code),
- focus-group notes, key quotes, summaries and stashed forms (unless notes=False),
- and, for every cycle, whatever housekeeping deletes (stashed forms past their expiry).

It keeps the closed answers, focus-group figures and the cycle's aggregated results: the stored
analysis is brought up to date first and then re-stamped for the purged inputs, so the dashboard
keeps showing the themes found before the purge rather than re-running without the text.
An open or draft cycle is never purged; before the retention period ends only with force=True.
"""

from datetime import date, timedelta

from sqlalchemy import delete, select, update

from .audit import record_event
from .extensions import db
from .housekeeping import run_housekeeping
from .models import (
    AnalysisResult,
    Answer,
    Cycle,
    Draft,
    FocusGroup,
    FocusGroupNote,
    NoteStash,
    Response,
)
from .results import analysis


class PurgeRefused(Exception):
    """The cycle cannot be purged now; the message says why."""


def retention_ends(cycle: Cycle) -> date:
    return cycle.closes_on + timedelta(days=cycle.retention_days)


def free_text_keys_filter(cycle: Cycle):
    """A SQL condition on Answer.key: true for free text (anything that is not a closed key)."""
    questions = cycle.instrument.questions
    closed = {answer.key for q in questions for answer in q.answers() if answer.kind != "text"}
    return Answer.key.not_in(sorted(closed)) if closed else Answer.key.is_not(None)


def purge_cycle(cycle_id: int, today: date | None = None, force: bool = False, notes=True):
    """Delete a closed cycle's raw free text and drafts; returns what was deleted, by kind.
    Raises PurgeRefused (nothing deleted) for an unknown, open or draft cycle, or one still
    in its retention period without `force`."""
    today = today or date.today()
    cycle = db.session.get(Cycle, cycle_id)
    if cycle is None:
        raise PurgeRefused(f"There is no cycle {cycle_id}")
    if cycle.status != "closed":
        raise PurgeRefused(
            f"{cycle.name} is {cycle.status}: only a closed cycle can be purged (close it first)"
        )
    if today < retention_ends(cycle) and not force:
        raise PurgeRefused(
            f"{cycle.name} is kept until {retention_ends(cycle):%d %B %Y} "
            f"({cycle.retention_days} days after it closed). Use --force to purge it early."
        )

    fresh_kinds = _bring_analysis_up_to_date(cycle)
    counts = _delete_free_text(cycle, notes)
    # Expired records of any cycle (kept forms nobody can restore any more).
    counts.update(run_housekeeping())
    db.session.flush()
    _restamp_results(cycle, fresh_kinds)
    detail = ", ".join(f"{n} {what}" for what, n in counts.items())
    if force and today < retention_ends(cycle):
        detail += " (before the end of the retention period, forced)"
    record_event("purged", "cycle", cycle.id, detail)
    db.session.commit()
    return counts


def _bring_analysis_up_to_date(cycle: Cycle) -> list[str]:
    """Keep the aggregates: make sure the stored analysis describes the data as it is now.
    Returns the kinds of result that are fresh (and so may be re-stamped after the purge)."""
    analysis.run_analysis(cycle, "all")
    fresh_kinds = [
        row.kind
        for row in db.session.scalars(
            select(AnalysisResult).where(AnalysisResult.cycle_id == cycle.id)
        )
        if row.result is not None
        and row.result_fingerprint == analysis.fingerprint(cycle, row.kind)
    ]
    db.session.commit()
    return fresh_kinds


def _delete_free_text(cycle: Cycle, notes: bool) -> dict[str, int]:
    counts = {}
    response_ids = select(Response.id).where(Response.cycle_id == cycle.id)
    counts["free-text answers"] = db.session.execute(
        delete(Answer)
        .where(Answer.response_id.in_(response_ids))
        .where(free_text_keys_filter(cycle))
    ).rowcount
    counts["drafts"] = db.session.execute(delete(Draft).where(Draft.cycle_id == cycle.id)).rowcount
    if notes:
        group_ids = select(FocusGroup.id).where(FocusGroup.cycle_id == cycle.id)
        counts["focus-group notes"] = db.session.execute(
            delete(FocusGroupNote).where(FocusGroupNote.focus_group_id.in_(group_ids))
        ).rowcount
        counts["focus-group stashes"] = db.session.execute(
            delete(NoteStash).where(NoteStash.focus_group_id.in_(group_ids))
        ).rowcount
        counts["focus-group quotes and summaries"] = db.session.execute(
            update(FocusGroup)
            .where(FocusGroup.cycle_id == cycle.id)
            .where((FocusGroup.key_quotes != "") | (FocusGroup.summary != ""))
            .values(key_quotes="", summary="")
            .execution_options(synchronize_session=False)
        ).rowcount
    return counts


def _restamp_results(cycle: Cycle, kinds: list[str]) -> None:
    """Re-stamp the stored results so that they stand for the purged inputs, not re-run."""
    for kind in kinds:
        stamp = analysis.fingerprint(cycle, kind)
        db.session.execute(
            update(AnalysisResult)
            .where(AnalysisResult.cycle_id == cycle.id, AnalysisResult.kind == kind)
            .values(fingerprint=stamp, result_fingerprint=stamp, status="ready")
        )
