"""Flask commands; each capability keeps its own command or group, registered here."""

from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@with_appcontext
def backup_command(file):
    """Write the database (and the generated secret key) to FILE, a .tar.gz that `restore` reads."""
    from innovex import backup

    try:
        click.echo(backup.backup(file, lambda line: click.echo(line, err=True)))
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from None


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a database that already holds data.")
@with_appcontext
def restore_command(file, force):
    """Replace the database with the backup in FILE, then rebuild the search index."""
    from innovex import backup

    try:
        click.echo(backup.restore(file, lambda line: click.echo(line, err=True), force=force))
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from None


def init_app(app: Flask) -> None:
    from innovex.actors.cli import actors_cli
    from innovex.auth.cli import sessions_cli, users_cli
    from innovex.governance.cli import governance_cli
    from innovex.matching.cli import match_command
    from innovex.moderation import cli as _role_commands  # noqa: F401 (adds `users role` and `set-role`)
    from innovex.notifications.cli import notify_cli
    from innovex.search import search_cli
    from innovex.seed import seed_demo_command
    from innovex.subscriptions import cli as _subscription_commands  # noqa: F401 (adds `notify subscriptions`)

    commands = (users_cli, sessions_cli, actors_cli, seed_demo_command, notify_cli, search_cli, match_command)
    for command in (*commands, governance_cli, backup_command, restore_command):
        app.cli.add_command(command)
