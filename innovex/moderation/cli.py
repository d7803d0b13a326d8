"""`flask users role|set-role`: site roles changed through the moderation service, so that the moderation log
records them. They join the `users` group of innovex/auth/cli.py."""

import click

from innovex.auth.cli import check_role, summary, users_cli
from innovex.auth.services import find_user_by_email
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.moderation.roles import GRANTABLE, change_role


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
