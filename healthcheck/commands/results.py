"""`healthcheck analyse`, `healthcheck export responses` and `healthcheck import-metrics`.

    healthcheck analyse --cycle 3            run the cycle's analysis now and cache it
    healthcheck export responses --cycle 3 --out responses.csv
    healthcheck import-metrics --cycle 3 figures.csv

``--cycle`` takes a cycle's id or its slug (demo-this-year). Exports and imports are audited.
"""

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from ..extensions import db
from ..metrics.imports import MetricsFileError, import_metrics
from ..models import Cycle
from ..results.analysis import run_analysis
from ..results.export import write_export


def _cycle(value: str) -> Cycle:
    cycle = None
    if value.isdigit():
        cycle = db.session.get(Cycle, int(value))
    if cycle is None:
        cycle = db.session.scalar(select(Cycle).where(Cycle.slug == value))
    if cycle is None:
        raise click.BadParameter(f"no cycle with id or slug {value!r}", param_hint="--cycle")
    return cycle


CYCLE = click.option("--cycle", "cycle_ref", required=True, help="The cycle's id or slug.")


@click.command("analyse")
@CYCLE
@click.option(
    "--kind",
    type=click.Choice(["all", "scores", "themes"]),
    default="all",
    show_default=True,
    help="Which part of the analysis to run.",
)
@click.option("--force", is_flag=True, help="Run even when the cached result is up to date.")
@with_appcontext
def analyse(cycle_ref, kind, force):
    """Run a cycle's analysis now (synchronously) and cache the result for the pages."""
    cycle = _cycle(cycle_ref)
    name = cycle.name
    try:
        state = run_analysis(cycle, kind=kind, force=force)
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from None
    if state.status != "ready":
        raise click.ClickException(state.error or f"The analysis ended as {state.status}")
    result = state.result  # ready: there is one, read by analysis.result.read_result
    click.echo(f"Analysis of {name} ({kind}) is ready: {result.get('respondents', 0)} responses")
    if state.held:
        click.echo(
            f"  {state.held} newer responses are held back until there are "
            f"{current_app.config['MIN_GROUP_SIZE']} (docs/scores.md); --force runs them in"
        )
    for area in result["scores"]["areas"]:
        score = "withheld" if area.get("score") is None else f"{area['score']:.1f}"
        click.echo(f"  {area['name']}: {score} ({area.get('rag') or 'no rating'}, n={area['n']})")
    themes = result["themes"]
    if kind != "scores":
        click.echo(f"  {len(themes['themes'])} themes from {themes.get('statements')} statements")


@click.group("export")
def export_group():
    """Export data (audited)."""


@export_group.command("responses")
@CYCLE
@click.option(
    "--out",
    "out_path",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Where to write the CSV.",
)
@with_appcontext
def export_responses(cycle_ref, out_path):
    """Write a cycle's anonymised response export (docs/scores.md, "The response export")."""
    cycle = _cycle(cycle_ref)
    try:
        with out_path.open("w", encoding="utf-8", newline="") as handle:
            count, notes = write_export(cycle, handle)
    except OSError as exc:
        raise click.ClickException(f"{out_path}: cannot write ({exc})") from None
    click.echo(f"Wrote {count} responses to {out_path}")
    for note in notes:
        click.echo(f"  Note: {note}")


@click.command("import-metrics")
@CYCLE
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def import_metrics_command(cycle_ref, file):
    """Import organisational figures from a CSV FILE (all or nothing, audited)."""
    cycle = _cycle(cycle_ref)
    name = cycle.name
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise click.ClickException(f"{file}: cannot read it ({exc})") from None
    try:
        metrics = import_metrics(cycle, data, source=f"command line, {file.name}")
    except MetricsFileError as exc:
        raise click.ClickException(
            f"{file} was not imported; nothing was saved. Problems:\n" + "\n".join(exc.errors)
        ) from None
    click.echo(f"Imported {len(metrics)} figures for {name}")


COMMANDS = [analyse, export_group, import_metrics_command]
