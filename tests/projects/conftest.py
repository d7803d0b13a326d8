"""Fixtures for project tests: a cast of users in every role around organisations A and B."""

from types import SimpleNamespace

import pytest

from innovex.models import INDEFINITELY
from tests.factories import make_actor, make_user

ROLES = ("anonymous", "member_a", "owner_a", "owner_b", "moderator", "admin", "suspended")


@pytest.fixture
def cast(app):
    """Users in every role: members and owners of A, an owner of B, staff, and a suspended member of A."""
    owner_a, member_a, owner_b = make_user(), make_user(), make_user()
    suspended = make_user(suspended_until=INDEFINITELY)
    actor_a = make_actor("Kooperative A", owner=owner_a, members=[member_a, suspended])
    actor_b = make_actor("Kooperative B", owner=owner_b)
    return SimpleNamespace(
        actor_a=actor_a,
        actor_b=actor_b,
        users={
            "anonymous": None,
            "member_a": member_a,
            "owner_a": owner_a,
            "owner_b": owner_b,
            "moderator": make_user(role="moderator"),
            "admin": make_user(role="admin"),
            "suspended": suspended,
        },
    )


@pytest.fixture
def in_request(app):
    """A request context, for calling services that translate messages (the locale needs a request)."""
    with app.test_request_context():
        yield
