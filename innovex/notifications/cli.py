"""Placeholder command group; replaced by the capability's real commands."""

from flask.cli import AppGroup

notify_cli = AppGroup("notify", help="Notifications and email digests.")
