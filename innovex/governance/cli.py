"""`flask governance close`: close the proposals whose voting window has ended and apply those that passed."""

import click
from flask.cli import AppGroup

governance_cli = AppGroup("governance", help="The data cooperative's proposals.")


@governance_cli.command("close")
def close_command():
    """Close every proposal whose voting has ended, apply the passed ones, and print a summary."""
    from innovex.governance import proposals

    passed, rejected = proposals.close_due(click.echo)
    click.echo(f"closed {passed + rejected} proposals: {passed} passed, {rejected} rejected")
