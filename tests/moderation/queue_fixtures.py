"""Fixtures for the report, action and queue tests (loaded with `pytest_plugins`): a cast around a project."""

from types import SimpleNamespace

import pytest

from innovex.models import INDEFINITELY
from tests.factories import make_actor, make_user
from tests.moderation.queue_cast import post
from tests.project_factories import make_project


@pytest.fixture
def in_request(app):
    """Services build URLs and translate messages, so they run inside a request."""
    with app.test_request_context("/"):
        yield


@pytest.fixture
def world(app, in_request):
    """An organisation with its owner and a member, their public project, an outside author with one feedback
    item on it, three outside reporters, a moderator, an admin and a suspended member."""
    owner, insider = make_user(display_name="Olga Owner"), make_user(display_name="Ines Insider")
    coop = make_actor("Kooperative Ost", owner=owner, members=[insider])
    project = make_project(coop, owner, title="Solardach Ost")
    author = make_user(display_name="Arno Author")
    item = post(project, author, "Buy cheap pills at example.org")
    return SimpleNamespace(
        owner=owner,
        insider=insider,
        coop=coop,
        project=project,
        author=author,
        item=item,
        reporters=[make_user(display_name=f"Reporter {n}") for n in range(1, 4)],
        moderator=make_user(display_name="Mona Moderator", role="moderator"),
        admin=make_user(display_name="Adam Admin", role="admin"),
        suspended=make_user(display_name="Sven Suspended", suspended_until=INDEFINITELY),
    )
