"""Impulses of the "call for collaboration" kind become calls; the impulse stays, linked from its call."""

from dataclasses import dataclass

import sqlalchemy as sa

from innovex.calls.services import QUESTION_MAX, call_slug
from innovex.extensions import db
from innovex.models import Call, Impulse
from innovex.models.base import utcnow


@dataclass
class Converted:
    impulse: Impulse
    call: Call


def pending_impulses() -> list[Impulse]:
    """Call impulses that no call was made from yet, oldest first."""
    linked = sa.select(Call.impulse_id).where(Call.impulse_id.is_not(None))
    return list(
        db.session.scalars(
            sa.select(Impulse)
            .where(Impulse.kind == "call", Impulse.id.not_in(linked))
            .order_by(Impulse.created_at, Impulse.id)
        )
    )


def call_from_impulse(impulse: Impulse) -> Call:
    """A call with the impulse's text, deadline, sectors, author and dates; a withdrawn impulse becomes a
    call only moderators see, one past its deadline a closed call. Linked projects stay on the impulse,
    which the call page links to (they were linked by moderators, not submitted by their owners)."""
    today = utcnow().date()
    if impulse.withdrawn_at is not None:
        state = "draft"
    elif impulse.deadline is not None and impulse.deadline < today:
        state = "closed"
    else:
        state = "open"
    call = Call(
        slug=call_slug(impulse.title),
        question=impulse.title[:QUESTION_MAX],
        context=impulse.body or "",
        deadline=impulse.deadline,
        state=state,
        created_by_id=impulse.author_id,
        approved_by_id=impulse.author_id if state != "draft" else None,
        impulse=impulse,
        created_at=impulse.created_at,
        opened_at=impulse.created_at if state != "draft" else None,
        closed_at=utcnow() if state == "closed" else None,
    )
    call.sectors = list(impulse.sectors)
    db.session.add(call)
    db.session.flush()
    return call


def convert_impulses() -> list[Converted]:
    """Convert every pending call impulse; idempotent (a converted impulse is linked and skipped)."""
    return [Converted(impulse, call_from_impulse(impulse)) for impulse in pending_impulses()]
