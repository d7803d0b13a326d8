"""Factories for events: a committed event at a wall-clock time in its zone."""

from datetime import datetime, timedelta

from innovex.events import services
from innovex.events.services import EventInput
from innovex.extensions import db
from innovex.models.base import utcnow


def soon(days: int = 7, hour: int = 10) -> datetime:
    """A wall-clock time `days` from now at `hour` o'clock."""
    return (utcnow() + timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)


def event_input(title="Werkstatt: Lastenräder teilen", *, starts=None, ends=None, **fields) -> EventInput:
    starts = starts or soon()
    fields.setdefault("city", "Leipzig")
    return EventInput(title=title, starts=starts, ends=ends or starts + timedelta(hours=2), **fields)


def make_event(author, *, actor=None, **fields):
    """A committed event of `actor` (or of the network, when a moderator publishes it without one)."""
    event = services.create_event(author, event_input(**fields), actor=actor)
    db.session.commit()
    return event
