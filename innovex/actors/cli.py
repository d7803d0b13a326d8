import click
from flask.cli import AppGroup

actors_cli = AppGroup("actors", help="Import, export and look after organisation profiles.")


@actors_cli.command("export")
@click.argument("path")
def export_command(path):
    """Placeholder."""
