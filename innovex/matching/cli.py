"""Placeholder command; replaced by the capability's real command."""

import click


@click.command("match")
@click.argument("slug")
def match_command(slug):
    """Print partner suggestions for a project."""
