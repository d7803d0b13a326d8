"""`flask users ...`: create and list accounts (innovex/moderation/cli.py adds the role commands, which the
moderation log records); `flask sessions prune`."""

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from innovex.auth import sessions, two_factor
from innovex.auth.services import find_user_by_email, register_user
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.models import User
from innovex.models.base import utcnow
from innovex.vocab import SITE_ROLES

users_cli = AppGroup("users", help="Manage user accounts.")
sessions_cli = AppGroup("sessions", help="Manage login sessions.")
ROLES = ", ".join(SITE_ROLES)


def check_role(role: str) -> str:
    if role not in SITE_ROLES:
        raise click.ClickException(f"Unknown role {role!r}; use one of: {ROLES}.")
    return role


def summary(user: User) -> str:
    """One line per user: id, email, handle, role, and a suspension if there is one."""
    line = f"{user.id}\t{user.email}\t@{user.handle}\t{user.role}\t{user.display_name}"
    if user.is_suspended:
        line += f"\tsuspended until {user.suspended_until:%Y-%m-%d %H:%M}"
    return line


@users_cli.command("create")
@click.option("--email", required=True, help="Login email address.")
@click.option("--name", "display_name", required=True, help="Display name.")
@click.option("--role", default="member", show_default=True, help=f"Site role: {ROLES}.")
@click.option("--password", help="Password; prompted for (hidden, twice) when left out.")
def create_user(email: str, display_name: str, role: str, password: str | None) -> None:
    """Create an account; the password policy applies as on the registration page."""
    check_role(role)
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = register_user(email, display_name, password, role=role)
        user.email_verified_at = utcnow()  # the operator vouches for addresses given on the command line
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from error
    db.session.commit()
    click.echo(f"Created {summary(user)}")


@users_cli.command("list")
def list_users() -> None:
    """Every account, one line each, oldest first."""
    for user in db.session.scalars(sa.select(User).order_by(User.id)):
        click.echo(summary(user))


@users_cli.command("reset-two-factor")
@click.argument("email")
def reset_two_factor(email: str) -> None:
    """Switch off two-factor login for someone who lost both their device and their recovery codes (check who
    is asking first); every session of the account ends, and they can set it up again after logging in."""
    user = find_user_by_email(email)
    if user is None:
        raise click.ClickException(f"No account with the email address {email!r}.")
    if not user.two_factor_enabled:
        raise click.ClickException(f"Two-factor login is not switched on for {user.email}.")
    two_factor.switch_off(user)
    sessions.end_sessions(user)
    db.session.commit()
    click.echo(f"Two-factor login switched off and all sessions ended for {summary(user)}")


@sessions_cli.command("prune")
def prune_sessions() -> None:
    """Delete the login sessions past their idle or absolute lifetime (a daily cron, like the digests)."""
    removed = sessions.prune()
    db.session.commit()
    click.echo(f"Deleted {removed} expired login session(s).")
