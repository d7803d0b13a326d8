"""The people around a solution, for every test of the solutions library."""

import pytest

from tests.factories import make_actor, make_user
from tests.project_factories import make_project


@pytest.fixture
def people(db):
    """A moderator, a project with its owner and a member of its organisation, another organisation's owner
    and member (the adopters), a bystander with no organisation."""
    moderator = make_user(role="moderator", display_name="Mona Moderator")
    owner, member = make_user(display_name="Olga Owner"), make_user(display_name="Max Member")
    home = make_actor("Lastenrad eG", owner=owner, members=[member])
    project = make_project(home, owner, title="Shared cargo bikes", stage="completed", tags=["Mobilität"])
    other_owner, other_member = make_user(display_name="Otto Other"), make_user(display_name="Mia Other")
    other = make_actor("Kiezladen eG", owner=other_owner, members=[other_member])
    return {
        "moderator": moderator,
        "owner": owner,
        "member": member,
        "home": home,
        "project": project,
        "other_owner": other_owner,
        "other_member": other_member,
        "other": other,
        "bystander": make_user(display_name="Bea Bystander"),
    }
