"""Data lifecycle commands: purge a closed cycle (healthcheck/purge.py), back the database up.

`healthcheck purge --cycle ID` runs the purge service after a cycle's retention period; what it
deletes and keeps is described in healthcheck/purge.py.

`healthcheck backup --out FILE` writes a consistent copy of the database: SQLite through the
online backup API (safe while the app runs), PostgreSQL with pg_dump's custom format. Restoring
is described in docs/deployment.md.
"""

import os
import shutil
import sqlite3

# pg_dump runs with a fixed argument list, never through a shell.
import subprocess  # nosec B404
from glob import glob
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url

from ..purge import PurgeRefused, purge_cycle


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
    try:
        counts = purge_cycle(cycle_id, force=force, notes=not keep_focus_group_notes)
    except PurgeRefused as exc:
        raise click.ClickException(str(exc)) from None
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
