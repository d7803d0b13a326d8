"""`flask notify subscriptions`: the interest subscriptions' digests, in the notify group."""

import click
from flask import current_app

from innovex.notifications.cli import notify_cli
from innovex.subscriptions.digest import send_subscription_digests


@notify_cli.command("subscriptions")
def subscriptions_command() -> None:
    """Mail every member the new items of their due interest subscriptions (daily every run, weekly after
    seven days), one mail per member; a second run right after sends nothing."""
    base_url = current_app.config.get("BASE_URL") or "http://localhost:5000"
    with current_app.test_request_context("/", base_url=base_url):
        result = send_subscription_digests(click.echo)
    click.echo(f"Sent {result.users} subscription digests covering {result.items} items")
    if result.failures:
        click.echo(f"{result.failures} subscription digests failed; they will be retried next time", err=True)
