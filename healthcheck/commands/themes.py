"""`healthcheck themes`: find themes in a CSV of free text, without the app or the database.

    healthcheck themes answers.csv --text-column Q2 [--question-column question] [--k 8] \\
        [--method tfidf|embeddings] [--staff-names staff.txt] [--previous themes.json] \\
        --out themes.json

The output is described in docs/themes.md. Bad input is a one-line message, never a
traceback; long inputs show progress when stderr is a terminal.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path

import click

from analysis.suppression import MIN_GROUP
from analysis.textio import ColumnError, read_text_rows
from analysis.theme_analysis import analyse_themes
from analysis.theme_clusters import METHODS, MissingExtraError

# Inputs at least this long show progress on a terminal.
PROGRESS_ROWS = 500


class _Progress:
    """One rewriting line on stderr: stage, counts and elapsed seconds."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.start = time.monotonic()
        self.last = 0.0
        self.stage = None

    def __call__(self, stage, done=0, total=0):
        if not self.enabled:
            return
        now = time.monotonic()
        if stage == self.stage and now - self.last < 0.2:
            return
        self.stage, self.last = stage, now
        counts = f" {done:,}/{total:,}" if total else ""
        line = f"\r{stage}{counts} ({now - self.start:.0f}s)"
        click.echo(line.ljust(70), err=True, nl=False)

    def done(self):
        if self.enabled:
            click.echo("\r" + " " * 70 + "\r", err=True, nl=False)


def _read_staff_names(path):
    if path is None:
        return ()
    text = Path(path).read_text(encoding="utf-8-sig")
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _read_previous(path):
    if path is None:
        return None
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise click.ClickException(f"{path}: not a themes.json file ({exc})") from None
    themes = data.get("themes") if isinstance(data, dict) else None
    if not isinstance(themes, list) or not all(
        isinstance(t, dict) and "id" in t and "label" in t for t in themes
    ):
        raise click.ClickException(f"{path}: not a themes.json file (no list of themes)")
    return themes


@click.command("themes")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--text-column", required=True, help="Column holding the free text.")
@click.option("--question-column", default=None, help="Column naming the question answered.")
@click.option("--area-column", default=None, help="Column naming the health-check area.")
@click.option("--source-column", default=None, help="Column saying survey or focus_group.")
@click.option("--group-column", default=None, help="Column with a group, such as job role.")
@click.option("--k", type=click.IntRange(min=1), default=None, help="Number of themes.")
@click.option(
    "--method",
    type=click.Choice(METHODS),
    default="tfidf",
    show_default=True,
    help="embeddings needs: pip install 'healthcheck[embeddings]'.",
)
@click.option(
    "--staff-names",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Text file of names to redact, one a line.",
)
@click.option(
    "--previous",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="An earlier, edited themes.json whose renames and merges to keep.",
)
@click.option(
    "--respondent-column",
    default=None,
    help=(
        "Column saying who wrote each row: one quote per respondent per theme, two in all, "
        "and no theme from fewer than 5 respondents."
    ),
)
@click.option("--no-split", is_flag=True, help="Treat each row as one statement.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="themes.json"
)
def themes(
    file,
    text_column,
    question_column,
    area_column,
    source_column,
    group_column,
    k,
    method,
    staff_names,
    previous,
    respondent_column,
    no_split,
    seed,
    out,
):
    """Find themes in the free text of FILE (CSV) and write them to --out as JSON."""
    try:
        rows = read_text_rows(
            file,
            text_column,
            question_column=question_column,
            area_column=area_column,
            source_column=source_column,
            group_column=group_column,
            respondent_column=respondent_column,
        )
    except ColumnError as exc:
        raise click.ClickException(f"{file}: {exc}") from None
    except UnicodeDecodeError:
        raise click.ClickException(f"{file}: not a UTF-8 text file") from None
    except (csv.Error, OSError) as exc:
        raise click.ClickException(f"{file}: cannot read the CSV ({exc})") from None

    progress = _Progress(enabled=sys.stderr.isatty() and len(rows) >= PROGRESS_ROWS)
    try:
        result = analyse_themes(
            rows,
            k=k,
            method=method,
            staff_names=_read_staff_names(staff_names),
            split=not no_split,
            previous=_read_previous(previous),
            random_state=seed,
            progress=progress,
            # Without a respondent column one person's comment pasted into many rows cannot
            # be told from many people's, so no theme is withheld (docs/themes.md).
            min_writers=MIN_GROUP if respondent_column else None,
        )
    except MissingExtraError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        progress.done()

    document = result.to_dict()
    try:
        out.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "utf-8")
    except OSError as exc:
        raise click.ClickException(f"{out}: cannot write ({exc})") from None
    for message in result.messages:
        click.echo(message, err=True)
    click.echo(
        f"{len(document['themes'])} themes, {result.unclear['size']} unclear statements, "
        f"from {len(rows):,} rows: {out}",
        err=True,
    )


COMMANDS = [themes]
