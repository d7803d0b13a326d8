"""Reports, the review queue and moderators' actions on content and people."""

from innovex.moderation.blueprint import bp  # noqa: F401
