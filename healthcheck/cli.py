"""The `healthcheck` command: the Flask CLI bound to the app factory, plus our own commands.

Every module in healthcheck/commands/ that defines COMMANDS contributes them. Commands that
work on files only (score, themes, instrument check) need no app, database or SECRET_KEY.
"""

import importlib
import pkgutil
import sys

import click
from flask.cli import FlaskGroup
from flask_migrate.cli import db as db_command

from . import commands, create_app
from .config import ConfigError


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

for _info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
    _module = importlib.import_module(f"{commands.__name__}.{_info.name}")
    for _command in getattr(_module, "COMMANDS", ()):
        cli.add_command(_command)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; a configuration problem is one clear line, not a traceback."""
    try:
        cli.main(args=argv, prog_name="healthcheck")
    except ConfigError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
