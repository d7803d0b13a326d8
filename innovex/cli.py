"""Flask commands; each capability keeps its own command or group, registered here."""

from flask import Flask


def init_app(app: Flask) -> None:
    from innovex.actors.cli import actors_cli
    from innovex.auth.cli import sessions_cli, users_cli
    from innovex.matching.cli import match_command
    from innovex.notifications.cli import notify_cli
    from innovex.search import search_cli
    from innovex.seed import seed_demo_command

    for command in (
        users_cli,
        sessions_cli,
        actors_cli,
        seed_demo_command,
        notify_cli,
        search_cli,
        match_command,
    ):
        app.cli.add_command(command)
