"""`flask instrument ...`: check instrument files before a survey uses them."""

from pathlib import Path

import click

from surveys import InstrumentError, available_instruments, load_instrument


@click.group(help="Work with survey instrument files (surveys/instruments/*.yaml).")
def instrument() -> None:
    """Group for the instrument commands."""


@instrument.command("check")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def check(ctx: click.Context, files: tuple[Path, ...]) -> None:
    """Validate instrument FILES (default: every bundled one) as the app will load them.

    Prints "OK: <id> v<version>, N questions" for each good file and every problem in each bad
    one, and exits with status 1 if any file is bad.
    """
    paths = files or tuple(ref.path for ref in available_instruments())
    if not paths:
        click.echo("No instrument files found.", err=True)
        ctx.exit(1)
    failed = False
    for path in paths:
        try:
            loaded = load_instrument(path)
        except InstrumentError as exc:
            click.echo(str(exc), err=True)
            failed = True
        else:
            click.echo(f"OK: {loaded.id} v{loaded.version}, {len(loaded.questions)} questions")
    if failed:
        ctx.exit(1)


@instrument.command("list")
def list_instruments() -> None:
    """List the bundled instrument files (id, version, path)."""
    for ref in available_instruments():
        click.echo(f"{ref.id}\tv{ref.version}\t{ref.path}")


COMMANDS = [instrument]
