"""`healthcheck cycles ...` and `healthcheck access-codes generate`: run the yearly survey."""

from datetime import date
from pathlib import Path

import click
from flask import current_app, url_for
from flask.cli import with_appcontext
from sqlalchemy import func, select

from analysis.spreadsheet_cells import csv_writer
from surveys import InstrumentError

from ..extensions import db
from ..models import Cycle, Response
from ..reports.action_plan import carry_open_actions
from ..survey import access_codes
from ..survey.cycles import CycleError, close_cycle, create_cycle, find_cycle, open_cycle


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD") from None


def _headcounts(ctx, param, values):
    counts = {}
    for value in values:
        role, sep, number = value.partition("=")
        if not sep or not number.strip().isdigit():
            raise click.BadParameter(f"{value!r}: use ROLE=NUMBER, e.g. social_worker=120")
        counts[role.strip()] = int(number)
    return counts


def _cycle(ref):
    try:
        return find_cycle(ref)
    except CycleError as exc:
        raise click.ClickException(str(exc)) from None


@click.group(help="Create, open, close and list health check cycles.")
def cycles() -> None:
    """Group for the cycle commands."""


@cycles.command("create")
@click.option("--name", required=True, help='For example "Health Check 2026".')
@click.option("--slug", required=True, help="Used in the survey link: /survey/SLUG.")
@click.option("--opens", "opens_on", required=True, callback=_date, help="YYYY-MM-DD")
@click.option("--closes", "closes_on", required=True, callback=_date, help="YYYY-MM-DD")
@click.option("--instrument", default="appendix5", show_default=True)
@click.option("--instrument-version", type=int, default=None, help="Default: the latest.")
@click.option("--access", type=click.Choice(["link", "codes"]), default="link", show_default=True)
@click.option(
    "--headcount",
    "headcounts",
    multiple=True,
    callback=_headcounts,
    help="ROLE=NUMBER, once per job role (for response rates).",
)
@with_appcontext
def create(name, slug, opens_on, closes_on, instrument, instrument_version, access, headcounts):
    """Add a cycle (status draft: open it with `healthcheck cycles open`)."""
    try:
        cycle = create_cycle(
            name=name,
            slug=slug,
            opens_on=opens_on,
            closes_on=closes_on,
            instrument_id=instrument,
            instrument_version=instrument_version,
            access_mode=access,
            headcounts=headcounts,
        )
    except (CycleError, InstrumentError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Created cycle {cycle.id}: {cycle.name} ({cycle.status}) /survey/{cycle.slug}")
    carried = carry_open_actions(cycle)
    if carried:
        source = carried[0].carried_from_cycle
        click.echo(
            f"Carried {len(carried)} open action{'' if len(carried) == 1 else 's'} "
            f"from {source.name} into its action plan"
        )


@cycles.command("open")
@click.argument("cycle_ref")
@with_appcontext
def open_command(cycle_ref):
    """Open the survey of CYCLE_REF (id or slug)."""
    try:
        cycle = open_cycle(_cycle(cycle_ref))
    except CycleError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        f"Opened cycle {cycle.id}: {cycle.name}, taking answers from {cycle.opens_on} "
        f"to {cycle.closes_on}"
    )


@cycles.command("close")
@click.argument("cycle_ref")
@with_appcontext
def close_command(cycle_ref):
    """Close the survey of CYCLE_REF (id or slug) and delete its unsent drafts."""
    cycle = _cycle(cycle_ref)
    try:
        deleted = close_cycle(cycle)
    except CycleError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Closed cycle {cycle.id}: {cycle.name}; deleted {deleted} unsent draft(s)")


@cycles.command("list")
@with_appcontext
def list_command():
    """List cycles: id, slug, name, dates, instrument, access mode, status, responses."""
    query = select(Response.cycle_id, func.count()).group_by(Response.cycle_id)
    counts = {cycle_id: n for cycle_id, n in db.session.execute(query)}
    rows = db.session.scalars(select(Cycle).order_by(Cycle.opens_on.desc(), Cycle.id))
    click.echo("id\tslug\tname\topens\tcloses\tinstrument\taccess\tstatus\tresponses\theadcount")
    for c in rows:
        click.echo(
            f"{c.id}\t{c.slug}\t{c.name}\t{c.opens_on}\t{c.closes_on}\t"
            f"{c.instrument_id} v{c.instrument_version}\t{c.access_mode}\t{c.status}\t"
            f"{counts.get(c.id, 0)}\t{c.total_headcount}"
        )


@click.group("access-codes", help="Single-use access codes for cycles that use them.")
def access_codes_group() -> None:
    """Group for the access code commands."""


@access_codes_group.command("generate")
@click.option("--cycle", "cycle_ref", required=True, help="Cycle id or slug.")
@click.option("--count", type=click.IntRange(1, access_codes.MAX_BATCH), required=True)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    required=True,
    help="CSV file to write (code, survey link), for printing or mail-merge.",
)
@click.option("--base-url", default="http://127.0.0.1:5000", show_default=True)
@with_appcontext
def generate(cycle_ref, count, out, base_url):
    """Make a batch of COUNT codes and write them to a CSV. Only their hashes are kept."""
    cycle = _cycle(cycle_ref)
    if cycle.access_mode != "codes":
        raise click.ClickException(
            f"Cycle {cycle.id} uses one open link, not access codes (create it with --access codes)"
        )
    if out.exists():
        raise click.ClickException(f"{out} already exists: choose a new file name")
    batch, codes = access_codes.generate(cycle, count)
    with current_app.test_request_context(base_url=base_url):
        link = url_for("survey.start", slug=cycle.slug, _external=True)
    with out.open("x", newline="", encoding="utf-8") as handle:
        writer = csv_writer(handle)
        writer.writerow(["code", "survey_link", "batch"])
        for code in codes:
            writer.writerow([code, link, batch])
    click.echo(
        f"Wrote {len(codes)} codes (batch {batch}) for {cycle.name} to {out}. "
        "They are not stored anywhere else: keep the file safe and delete it after printing."
    )


COMMANDS = [cycles, access_codes_group]
