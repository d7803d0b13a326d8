"""Helpers for the organisation tests: a cast of users around actor A."""

from types import SimpleNamespace

import pytest

from innovex.extensions import db
from innovex.models import INDEFINITELY, Invitation, MembershipRequest
from tests.factories import make_actor, make_offering, make_user


def suspend(user) -> None:
    user.suspended_until = INDEFINITELY
    db.session.commit()


@pytest.fixture
def cast(app):
    """Actor A (owner, editor, member, an offering, a pending invitation and join request), actor B with its
    owner, an ownerless actor C, a moderator, an admin and a suspended user."""
    owner_a, editor_a, member_a = make_user(), make_user(), make_user()
    owner_b, moderator, admin = make_user(), make_user(role="moderator"), make_user(role="admin")
    suspended = make_user()
    a = make_actor("Alpha Kooperative", owner=owner_a, editors=[editor_a], members=[member_a])
    b = make_actor("Beta Netzwerk", owner=owner_b)
    c = make_actor("Gamma Verein", kind="association")
    offering = make_offering(a, title="Buchhaltung für Genossenschaften", tags=["buchhaltung"])
    outsider = make_user()
    invitation = Invitation(actor=a, email="invitee@example.org", role="member", token="tok-" + "x" * 40)
    join = MembershipRequest(actor=a, user=outsider, kind="join", message="Hallo")
    claim = MembershipRequest(actor=c, user=outsider, kind="claim", message="Das sind wir")
    db.session.add_all([invitation, join, claim])
    db.session.commit()
    return SimpleNamespace(
        a=a, b=b, c=c, offering=offering, owner_a=owner_a, editor_a=editor_a, member_a=member_a,
        owner_b=owner_b, moderator=moderator, admin=admin, suspended=suspended, outsider=outsider,
        invitation=invitation, join=join, claim=claim,
    )  # fmt: skip


# Bookkeeping that reads may legitimately change (the search outbox is drained after requests, and the first
# drain registers the index that consumes it).
DERIVED_TABLES = {"search_outbox", "search_index_holders"}


def snapshot() -> dict:
    """Every row of every table, to show that a refused request changed nothing."""
    return {
        table.name: sorted(map(tuple, db.session.execute(table.select()).all()), key=repr)
        for table in db.metadata.sorted_tables
        if table.name not in DERIVED_TABLES
    }
