"""The `healthcheck` command: the Flask CLI bound to the app factory, plus our own commands.

Each module in healthcheck/commands/ lists its click commands (or groups) in COMMANDS, and the
modules are named in COMMAND_MODULES below. Commands that work on files only (score, themes,
instrument check) need no app, database or SECRET_KEY.
"""

import sys

import click
from flask.cli import FlaskGroup
from flask_migrate.cli import db as db_command

from . import create_app
from .commands import cycles, demo, instrument, lifecycle, results, score, themes, users
from .config import ConfigError

COMMAND_MODULES = (cycles, demo, instrument, lifecycle, results, score, themes, users)


def _factory():
    return create_app()


class HealthCheckGroup(FlaskGroup):
    """Lists commands without building the app, so `--help` works with no configuration."""

    def list_commands(self, ctx):
        self._load_plugin_commands()
        return sorted(click.Group.list_commands(self, ctx))


cli = HealthCheckGroup(
    create_app=_factory,
    load_dotenv=False,
    help="Health Check: the annual health check of a social care workforce.",
)

cli.add_command(db_command)

for _module in COMMAND_MODULES:
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; a configuration problem is one clear line, not a traceback."""
    try:
        cli.main(args=argv, prog_name="healthcheck")
    except ConfigError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
