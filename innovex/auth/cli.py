"""`flask users ...`: create accounts, change site roles, list accounts; `flask sessions prune`."""

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from innovex.auth import sessions
from innovex.auth.services import find_user_by_email, register_user
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.models import User
from innovex.moderation.roles import GRANTABLE, change_role
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
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from error
    db.session.commit()
    click.echo(f"Created {summary(user)}")


def _change_role(email: str, role: str, allow_admin: bool) -> None:
    """Change the role through the moderation service, so that the change is logged (moderator: none)."""
    user = find_user_by_email(email)
    if user is None:
        raise click.ClickException(f"No account with the email address {email!r}.")
    try:
        changed = change_role(user, role, by=None, via="cli", allow_admin=allow_admin)
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from error
    db.session.commit()
    click.echo(f"{'Updated' if changed else 'Unchanged'} {summary(user)}")


@users_cli.command("role")
@click.argument("email")
@click.argument("role", type=click.Choice(GRANTABLE))
def role_command(email: str, role: str) -> None:
    """Grant (moderator) or revoke (member) the moderator role; logged in the moderation log."""
    _change_role(email, role, allow_admin=False)


@users_cli.command("set-role")
@click.argument("email")
@click.argument("role")
def set_role(email: str, role: str) -> None:
    """Give an account any site role, including admin; logged in the moderation log."""
    check_role(role)
    _change_role(email, role, allow_admin=True)


@users_cli.command("list")
def list_users() -> None:
    """Every account, one line each, oldest first."""
    for user in db.session.scalars(sa.select(User).order_by(User.id)):
        click.echo(summary(user))


@sessions_cli.command("prune")
def prune_sessions() -> None:
    """Delete the login sessions past their idle or absolute lifetime (a daily cron, like the digests)."""
    removed = sessions.prune()
    db.session.commit()
    click.echo(f"Deleted {removed} expired login session(s).")
