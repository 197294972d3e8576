"""`healthcheck users create|list|disable|reset-password`: staff accounts from the command line."""

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from ..auth import accounts
from ..extensions import db
from ..models import User
from ..models.user import ROLES


@click.group("users")
def users_group():
    """Staff accounts: facilitators, the Principal Social Worker and administrators."""


def _password(value):
    return value or click.prompt("Password", hide_input=True, confirmation_prompt=True)


@users_group.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", required=True, type=click.Choice(list(ROLES)))
@click.option("--password", envvar="HEALTHCHECK_NEW_PASSWORD", help="Prompted for when not given.")
@with_appcontext
def create_command(email, name, role, password):
    """Add an account (12 characters or more, not a common password)."""
    try:
        user = accounts.create_user(email, name, role, _password(password))
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Added {user.role_name} account for {user.email}")


@users_group.command("list")
@with_appcontext
def list_command():
    """List accounts."""
    for user in db.session.scalars(select(User).order_by(User.email)):
        state = "active" if user.active else "disabled"
        click.echo(f"{user.email}\t{user.role}\t{state}\t{user.name}")


def _user(email: str) -> User:
    user = accounts.find_user(email)
    if user is None:
        raise click.ClickException(f"No account for {email}")
    return user


@users_group.command("disable")
@click.argument("email")
@with_appcontext
def disable_command(email):
    """Disable an account and end its sessions."""
    accounts.set_active(_user(email), False)
    click.echo(f"Disabled {email}")


@users_group.command("enable")
@click.argument("email")
@with_appcontext
def enable_command(email):
    """Enable a disabled account."""
    accounts.set_active(_user(email), True)
    click.echo(f"Enabled {email}")


@users_group.command("reset-password")
@click.argument("email")
@click.option("--password", envvar="HEALTHCHECK_NEW_PASSWORD")
@with_appcontext
def reset_command(email, password):
    """Set a new password, end sessions and lift any lock-out."""
    try:
        accounts.reset_password(_user(email), _password(password))
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Password reset for {email}")


COMMANDS = [users_group]
