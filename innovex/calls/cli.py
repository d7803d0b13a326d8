"""`flask calls import-impulses`: turn the impulses of the "call for collaboration" kind into calls."""

import click
from flask import Blueprint

from innovex.extensions import db


def register_cli(bp: Blueprint) -> None:
    @bp.cli.command("import-impulses")
    @click.option("--dry-run", is_flag=True, help="Show what would be converted; change nothing.")
    def import_impulses(dry_run: bool) -> None:
        """Make a call of every call impulse not converted yet; the impulses stay, linked to their calls."""
        from innovex.calls.impulses import convert_impulses

        converted = convert_impulses()
        for item in converted:
            click.echo(f"impulse {item.impulse.id} -> call {item.call.slug} ({item.call.state})")
        if dry_run:
            db.session.rollback()
            click.echo(f"{len(converted)} impulses would be converted (dry run, nothing changed)")
        else:
            db.session.commit()
            click.echo(f"{len(converted)} impulses converted")
