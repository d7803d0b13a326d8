"""A moderator, a member and a small roadmap with one theme and one milestone, for the roadmap's tests."""

from datetime import date

import pytest

from innovex.extensions import db as _db
from innovex.roadmap import services
from tests.factories import make_actor, make_user
from tests.project_factories import make_project


@pytest.fixture
def people(db):
    moderator = make_user(role="moderator", display_name="Mona Moderator")
    owner = make_user(display_name="Olga Owner")
    home = make_actor("Lastenrad eG", owner=owner)
    return {
        "moderator": moderator,
        "owner": owner,
        "home": home,
        "project": make_project(home, owner, title="Geteilte Lastenräder"),
        "member": make_user(display_name="Max Member"),
    }


@pytest.fixture
def theme(people):
    theme = services.create_theme(
        people["moderator"], {"name": "Mobilität", "goal": "Weniger Autos", "horizon_on": date(2030, 12, 31)}
    )
    services.add_milestone(
        theme,
        people["moderator"],
        {"title": "Pilot in Leipzig", "due_on": date(2027, 6, 1), "state": "planned"},
    )
    _db.session.commit()
    return theme
