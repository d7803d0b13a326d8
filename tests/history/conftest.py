"""A cast around one organisation with a history: owner, editor, member, an outsider, moderator, admin."""

from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from innovex.actors import services as actor_services
from innovex.extensions import db
from innovex.models import ProfileRevision
from tests.factories import make_actor, make_user

ROLES = ("visitor", "member", "owner", "editor", "moderator", "admin")


def profile(**changes):
    data = {"name": "Alpha eG", "kind": "cooperative", "city": "Leipzig", "country": "DE"}
    return actor_services.ActorProfile(**{**data, **changes})


def revisions(actor) -> list[ProfileRevision]:
    db.session.expire_all()
    query = (
        sa.select(ProfileRevision).where(ProfileRevision.actor_id == actor.id).order_by(ProfileRevision.id)
    )
    return list(db.session.scalars(query))


@pytest.fixture
def cast(app):
    """Actor A, renamed twice (Alpha eG -> Beta eG -> Gamma eG) with a network-only email added; `outsider` is
    a member of the network without a role in A."""
    owner, editor, member = make_user(), make_user(), make_user()
    outsider, moderator, admin = make_user(), make_user(role="moderator"), make_user(role="admin")
    a = make_actor("Alpha eG", owner=owner, editors=[editor], members=[member], city="Leipzig")
    actor_services.update_actor(a, profile(name="Beta eG", email="info@beta.example"))
    db.session.commit()
    actor_services.update_actor(a, profile(name="Gamma eG", email="info@beta.example"))
    db.session.commit()
    first_edit = revisions(a)[1]
    return SimpleNamespace(
        a=a, owner=owner, editor=editor, member=member, outsider=outsider, moderator=moderator, admin=admin,
        first_edit=first_edit,
    )  # fmt: skip
