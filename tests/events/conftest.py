"""The people around events, for every test of the events."""

import pytest

from tests.factories import make_actor, make_user


@pytest.fixture
def people(db):
    """A moderator; an organisation with its owner, editor and member; another organisation's owner; a
    bystander with no organisation."""
    moderator = make_user(role="moderator", display_name="Mona Moderator")
    owner, editor, member = (make_user(display_name=n) for n in ("Olga Owner", "Erik Editor", "Max Member"))
    home = make_actor("Lastenrad eG", owner=owner, editors=[editor], members=[member])
    other_owner = make_user(display_name="Otto Other")
    other = make_actor("Kiezladen eG", owner=other_owner)
    return {
        "moderator": moderator,
        "owner": owner,
        "editor": editor,
        "member": member,
        "home": home,
        "other_owner": other_owner,
        "other": other,
        "bystander": make_user(display_name="Bea Bystander"),
    }
