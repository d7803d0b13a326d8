"""Factories for calls: a committed call opened by a moderator, and a network of people around it."""

from datetime import date, timedelta

from innovex.calls import services, submissions
from innovex.calls.services import CallInput, Phase
from innovex.extensions import db
from innovex.models.base import utcnow


def today() -> date:
    return utcnow().date()


def make_call(author, *, actor=None, question="How do we share delivery vans?", **fields):
    """A committed call; opened at once when `author` is a moderator, proposed otherwise."""
    fields.setdefault("deadline", today() + timedelta(days=30))
    fields.setdefault(
        "phases",
        [
            Phase("Ideas", today() - timedelta(days=5), today() + timedelta(days=10)),
            Phase("Selection", today() + timedelta(days=11)),
        ],
    )
    call = services.create_call(author, CallInput(question=question, **fields), actor=actor)
    db.session.commit()
    return call


def submitted(call, people):
    entry = submissions.submit(call, people["project"], people["owner"])
    db.session.commit()
    return entry
