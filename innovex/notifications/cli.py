"""`flask notify ...`: the daily email digest and the interest subscriptions' digests."""

import click
from flask import current_app
from flask.cli import AppGroup

notify_cli = AppGroup("notify", help="Notifications and email digests.")


@notify_cli.command("digest")
def digest_command() -> None:
    """Mail every user with the daily preference the notifications not yet mailed, and mark them mailed."""
    from innovex.notifications.mailing import send_digests

    # Links in the mails need a host; outside a request it comes from BASE_URL (INNOVEX_BASE_URL).
    base_url = current_app.config.get("BASE_URL") or "http://localhost:5000"
    with current_app.test_request_context("/", base_url=base_url):
        result = send_digests(click.echo)
    click.echo(f"Sent {result.users} digests covering {result.items} notifications")
    if result.failures:
        click.echo(f"{result.failures} digests failed; they will be retried next time", err=True)
