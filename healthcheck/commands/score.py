"""`healthcheck score`: score an anonymised response export without the app or the database.

    healthcheck score responses.csv --instrument surveys/instruments/appendix5-v1.yaml \\
        --out scores.json [--previous last-year.csv] [--focus-groups fg.json] \\
        [--metrics figures.csv]

The output is described in docs/scores.md. Every problem with an input file is reported as
a message naming the file, line and column; the command never shows a traceback for one.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from analysis.focus_group_figures import FocusGroupFiguresError, summarise_focus_groups
from analysis.organisation_metrics import parse_metrics_csv
from analysis.responses import ResponsesFileError, read_responses_csv
from analysis.scoring import RagThresholds, score_responses
from analysis.strengths import propose_strengths_and_improvements
from analysis.suppression import MIN_GROUP
from analysis.yoy import compare_cycles
from surveys import Instrument, InstrumentError, load_instrument


def _load_instrument(path: Path) -> Instrument:
    """The instrument in the file, checked as `healthcheck instrument check` checks it."""
    try:
        return load_instrument(path)
    except InstrumentError as exc:
        raise click.ClickException(f"The instrument is not valid:\n{exc}") from None


def _read_rows(path: Path, instrument: Instrument) -> list[dict]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise click.ClickException(f"{path}: cannot read the file ({exc})") from None
    try:
        return read_responses_csv(instrument, data)
    except ResponsesFileError as exc:
        raise click.ClickException(f"{path} cannot be scored:\n{exc}") from None


@click.command("score")
@click.argument("responses", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--instrument",
    "instrument_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The instrument file (YAML) the responses were collected with.",
)
@click.option(
    "--out",
    "out_path",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Where to write scores.json.",
)
@click.option(
    "--min-group",
    default=MIN_GROUP,
    show_default=True,
    type=int,
    help="Smallest group whose figures are shown (never below 5).",
)
@click.option(
    "--green",
    default=70.0,
    show_default=True,
    type=float,
    help="Score at or above which an area or question is green.",
)
@click.option(
    "--amber",
    default=50.0,
    show_default=True,
    type=float,
    help="Score at or above which it is amber (below: red).",
)
@click.option(
    "--previous",
    "previous_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The previous cycle's export, for year-on-year change.",
)
@click.option(
    "--previous-instrument",
    "previous_instrument_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The previous cycle's instrument (default: the same as --instrument).",
)
@click.option(
    "--focus-groups",
    "focus_groups_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Focus-group scores and counts (JSON, see docs/scores.md).",
)
@click.option(
    "--metrics",
    "metrics_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Organisational intelligence figures (CSV, see docs/scores.md).",
)
def score(
    responses,
    instrument_path,
    out_path,
    min_group,
    green,
    amber,
    previous_path,
    previous_instrument_path,
    focus_groups_path,
    metrics_path,
):
    """Score a response export: areas, questions, breakdowns, year on year -> scores.json."""
    try:
        thresholds = RagThresholds(green=green, amber=amber)
        if min_group < MIN_GROUP:
            raise ValueError(f"--min-group cannot be lower than {MIN_GROUP}")
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    instrument = _load_instrument(instrument_path)
    rows = _read_rows(responses, instrument)
    try:
        result = score_responses(instrument, rows, thresholds=thresholds, min_group=min_group)
    except ValueError as exc:
        raise click.ClickException(f"{responses} cannot be scored: {exc}") from None
    result["proposals"] = propose_strengths_and_improvements(result)

    if previous_path is not None:
        previous_instrument = (
            _load_instrument(previous_instrument_path) if previous_instrument_path else instrument
        )
        previous_rows = _read_rows(previous_path, previous_instrument)
        try:
            result["year_on_year"] = compare_cycles(
                previous_instrument, previous_rows, instrument, rows, min_group=min_group
            )
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None

    if focus_groups_path is not None:
        try:
            groups = json.loads(focus_groups_path.read_text(encoding="utf-8-sig"))
            result["focus_groups"] = summarise_focus_groups(instrument, groups, min_group)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise click.ClickException(f"{focus_groups_path}: cannot read it ({exc})") from None
        except FocusGroupFiguresError as exc:
            raise click.ClickException(f"{focus_groups_path} has problems:\n{exc}") from None

    if metrics_path is not None:
        areas = {area.id: area.name for area in instrument.areas}
        try:
            data = metrics_path.read_bytes()
        except OSError as exc:
            raise click.ClickException(f"{metrics_path}: cannot read it ({exc})") from None
        figures, errors = parse_metrics_csv(data, areas)
        if errors:
            raise click.ClickException(f"{metrics_path} has problems:\n" + "\n".join(errors))
        result["organisational_intelligence"] = {"source": "organisational", "figures": figures}

    try:
        out_path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", "utf-8")
    except OSError as exc:
        raise click.ClickException(f"{out_path}: cannot write ({exc})") from None
    click.echo(f"Scored {len(rows)} responses; wrote {out_path}")


COMMANDS = [score]
