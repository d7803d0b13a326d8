"""Member organisations of the data cooperative and proposals, as real rows."""

from datetime import timedelta

import pytest

from innovex.extensions import db
from innovex.governance import membership, proposals
from innovex.models.base import utcnow
from tests.factories import make_actor, make_user


def member_org(owner=None, *, editors=(), members=(), **fields):
    """An organisation that has joined the data cooperative; (actor, its CoopMember)."""
    owner = owner or make_user()
    actor = make_actor(owner=owner, editors=editors, members=members, **fields)
    member = membership.join(actor, owner, membership.current_text("charter").version)
    db.session.commit()
    return actor, member


def file_proposal(member, kind="taxonomy", change=None, *, user=None, **fields):
    """A proposal filed by the member organisation's first owner."""
    change = change or {"target": "tag", "operation": "add", "name": "Gemeinwohl"}
    data = proposals.ProposalInput(
        kind=kind,
        title=fields.pop("title", "A proposal"),
        body=fields.pop("body", "Why"),
        change=change,
        **fields,
    )
    proposal = proposals.file(data, user or member.actor.owners[0], member)
    db.session.commit()
    return proposal


def end_window(proposal):
    """Move the proposal's window into the past, as time passing would."""
    proposal.opens_at = utcnow() - timedelta(days=2)
    proposal.closes_at = utcnow() - timedelta(seconds=1)
    db.session.commit()


@pytest.fixture
def coop(app):
    """Three member organisations (a, b, c) with owners; a has an editor."""
    editor = make_user(display_name="Editor")
    a = member_org(make_user(display_name="Owner A"), editors=[editor])
    b = member_org(make_user(display_name="Owner B"))
    c = member_org(make_user(display_name="Owner C"))
    return {"a": a, "b": b, "c": c, "editor": editor}
