"""The moderation blueprint with all its views; importing the view modules registers their routes."""

from innovex.moderation import network_views, queue_views  # noqa: F401
from innovex.moderation.blueprint import bp

__all__ = ["bp"]
