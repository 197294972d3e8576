"""`healthcheck seed-demo`: a clearly labelled demo, safe to run again."""

import click
from flask.cli import with_appcontext

from ..demo import seed_demo


@click.command("seed-demo")
@with_appcontext
def seed_demo_command():
    """Add the demo cycles, responses, focus groups, figures and logins (idempotent)."""
    for line in seed_demo():
        click.echo(line)


COMMANDS = [seed_demo_command]
