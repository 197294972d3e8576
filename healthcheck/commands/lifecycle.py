"""Data lifecycle: purge a closed cycle's raw free text and drafts, and back the database up.

`healthcheck purge --cycle ID` runs after a cycle's retention period (Cycle.retention_days after
it closed). It deletes what could identify someone or was never submitted:

- every survey answer that is free text (text questions and the comments beside closed
  answers; any answer key the instrument does not list as a closed answer counts as free text),
- every draft of the cycle (with its resume code),
- focus-group notes, key quotes, summaries and stashed forms (unless --keep-focus-group-notes),
- and, for every cycle, stashed forms past their expiry (they can no longer be restored).

It keeps the closed answers, focus-group figures and the cycle's aggregated results: the stored
analysis is brought up to date first and then re-stamped for the purged inputs, so the dashboard
keeps showing the themes found before the purge rather than re-running without the text.
An open or draft cycle is never purged; before the retention period ends only with --force.

`healthcheck backup --out FILE` writes a consistent copy of the database: SQLite through the
online backup API (safe while the app runs), PostgreSQL with pg_dump's custom format. Restoring
is described in docs/deployment.md.
"""

import os
import shutil
import sqlite3

# pg_dump runs with a fixed argument list, never through a shell.
import subprocess  # nosec B404
from datetime import date, timedelta
from glob import glob
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import delete, select, update
from sqlalchemy.engine import make_url

from ..extensions import db


class PurgeRefused(click.ClickException):
    """The cycle cannot be purged now; the message says why."""


def retention_ends(cycle) -> date:
    return cycle.closes_on + timedelta(days=cycle.retention_days)


def free_text_keys_filter(cycle):
    """A SQL condition on Answer.key: true for free text (anything that is not a closed key)."""
    from ..models import Answer

    questions = cycle.instrument.questions
    closed = {answer.key for q in questions for answer in q.answers() if answer.kind != "text"}
    return Answer.key.not_in(sorted(closed)) if closed else Answer.key.is_not(None)


def purge_cycle(cycle_id: int, today: date | None = None, force: bool = False, notes=True):
    """Delete a closed cycle's raw free text and drafts; returns what was deleted, by kind."""
    from ..audit import record_event
    from ..focus_groups.stash import delete_expired_stashes
    from ..models import Answer, Cycle, Response
    from ..models.focus_group import FocusGroup, FocusGroupNote, NoteStash
    from ..models.results import AnalysisResult
    from ..models.survey import Draft
    from ..results import analysis

    today = today or date.today()
    cycle = db.session.get(Cycle, cycle_id)
    if cycle is None:
        raise PurgeRefused(f"There is no cycle {cycle_id}")
    if cycle.status != "closed":
        raise PurgeRefused(
            f"{cycle.name} is {cycle.status}: only a closed cycle can be purged " "(close it first)"
        )
    if today < retention_ends(cycle) and not force:
        raise PurgeRefused(
            f"{cycle.name} is kept until {retention_ends(cycle):%d %B %Y} "
            f"({cycle.retention_days} days after it closed). Use --force to purge it early."
        )

    # Keep the aggregates: make sure the stored analysis describes the data as it is now.
    analysis.run_analysis(cycle, "all")
    fresh_kinds = []
    for row in db.session.scalars(
        select(AnalysisResult).where(AnalysisResult.cycle_id == cycle.id)
    ):
        if row.result is not None and row.result_fingerprint == analysis.fingerprint(
            cycle, row.kind
        ):
            fresh_kinds.append(row.kind)
    db.session.commit()

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
    # Kept forms past their expiry, of any cycle: nobody can restore them any more.
    counts["expired focus-group stashes"] = delete_expired_stashes()
    db.session.flush()
    # Re-stamp the stored results so that they stand for the purged inputs, not re-run.
    for kind in fresh_kinds:
        stamp = analysis.fingerprint(cycle, kind)
        db.session.execute(
            update(AnalysisResult)
            .where(AnalysisResult.cycle_id == cycle.id, AnalysisResult.kind == kind)
            .values(fingerprint=stamp, result_fingerprint=stamp, status="ready")
        )
    detail = ", ".join(f"{n} {what}" for what, n in counts.items())
    if force and today < retention_ends(cycle):
        detail += " (before the end of the retention period, forced)"
    record_event("purged", "cycle", cycle.id, detail)
    db.session.commit()
    return counts


@click.command("purge")
@click.option("--cycle", "cycle_id", type=int, required=True, help="The cycle's id.")
@click.option("--force", is_flag=True, help="Purge before the retention period has ended.")
@click.option(
    "--keep-focus-group-notes",
    is_flag=True,
    help="Keep focus-group notes, quotes and summaries (delete survey text and drafts only).",
)
@with_appcontext
def purge_command(cycle_id, force, keep_focus_group_notes):
    """Delete a closed cycle's raw free text and drafts, keeping its aggregated results."""
    counts = purge_cycle(cycle_id, force=force, notes=not keep_focus_group_notes)
    for what, n in counts.items():
        click.echo(f"Deleted {n} {what}")
    click.echo("Kept: closed answers, focus-group figures and the stored analysis.")


# --- backup ----------------------------------------------------------------------------------


def find_pg_dump() -> str | None:
    found = shutil.which("pg_dump")
    if found:
        return found
    candidates = sorted(
        glob("/usr/lib/postgresql/*/bin/pg_dump"), key=lambda p: int(p.split("/")[-3])
    )
    return candidates[-1] if candidates else None


def backup_database(url: str, out: Path) -> str:
    """Write a backup of the database at `url` to `out`; returns how it was made."""
    parsed = make_url(url)
    out.parent.mkdir(parents=True, exist_ok=True)
    if parsed.get_backend_name() == "sqlite":
        source = sqlite3.connect(parsed.database)
        target = sqlite3.connect(str(out))
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
        os.chmod(out, 0o600)
        return "SQLite online backup"
    if parsed.get_backend_name() == "postgresql":
        pg_dump = find_pg_dump()
        if pg_dump is None:
            raise click.ClickException(
                "pg_dump was not found: install the PostgreSQL client (apt-get install "
                "postgresql-client) or back up with your provider's tools"
            )
        libpq_url = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
        env = dict(os.environ)
        result = subprocess.run(  # nosec B603
            [pg_dump, "--format=custom", "--no-owner", "--file", str(out), libpq_url],
            capture_output=True,
            text=True,
            env=env,
        )
        if result.returncode != 0:
            raise click.ClickException(f"pg_dump failed: {result.stderr.strip()}")
        os.chmod(out, 0o600)
        return "pg_dump (custom format: restore with pg_restore)"
    raise click.ClickException(f"Cannot back up a {parsed.get_backend_name()} database")


@click.command("backup")
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The file to write (it must not exist).",
)
@with_appcontext
def backup_command(out: Path):
    """Write a consistent backup of the database (safe while the service is running)."""
    if out.exists():
        raise click.ClickException(f"{out} already exists: choose a new file name")
    how = backup_database(current_app.config["SQLALCHEMY_DATABASE_URI"], out)
    click.echo(f"Backed up to {out} ({how}, {out.stat().st_size} bytes)")


COMMANDS = [purge_command, backup_command]
