"""The moderation log, impulses, the network dashboard and role grants."""

from innovex.moderation.blueprint import bp  # noqa: F401
