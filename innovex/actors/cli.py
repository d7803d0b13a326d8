"""`flask actors ...`: import, export and look after organisation profiles."""

import click
from flask.cli import AppGroup

from innovex.actors.importexport import export_actors, import_actors
from innovex.datacoop.freshness import remind_stale_owners
from innovex.extensions import db

actors_cli = AppGroup("actors", help="Import, export and look after organisation profiles.")


@actors_cli.command("export")
@click.argument("file", type=click.File("w", encoding="utf-8", atomic=True))
def export_command(file):
    """Write every active organisation to FILE as JSON Lines ("-" for standard output)."""
    count = export_actors(file)
    click.echo(f"Exported {count} organisations", err=True)


@actors_cli.command("import")
@click.argument("file", type=click.File("rb"))
@click.option("--dry-run", is_flag=True, help="Check the file and say what would change; write nothing.")
@click.option("--skip-invalid", is_flag=True, help="Import the valid lines and list the invalid ones.")
def import_command(file, dry_run, skip_invalid):
    """Create or update organisations from FILE, JSON Lines as described in docs/import-format.md."""
    report = import_actors(
        file, dry_run=dry_run, skip_invalid=skip_invalid, progress=lambda text: click.echo(text, err=True)
    )
    for error in report.errors:
        click.echo(error, err=True)
    if dry_run:
        for action in report.actions:
            click.echo(action)
    if dry_run or report.failed:
        db.session.rollback()
    else:
        db.session.commit()
    if report.failed and not dry_run:
        click.echo("Nothing was imported: correct the lines above or use --skip-invalid.", err=True)
    click.echo(report.summary())
    if report.failed:
        raise click.exceptions.Exit(1)


@actors_cli.command("remind")
def remind_command():
    """Email the owners of profiles unconfirmed for a year a "still correct?" link (for a daily cron job)."""
    remind_stale_owners(echo=True)
    db.session.commit()
