"""Moderation and network management: reports, the review queue, actions on content and people, the log,
impulses, the network dashboard and role grants."""
