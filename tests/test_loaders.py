"""One loader per object: 404 for what the viewer may not see, 403 for what they may not do."""

from contextlib import contextmanager

import pytest
from flask_login import login_user, logout_user
from werkzeug.exceptions import Forbidden, NotFound

from innovex.loaders import get_actor, get_project
from tests.factories import make_actor, make_user
from tests.project_factories import make_project


@contextmanager
def _as(app, user):
    """Run the loader in a request as `user` (None: anonymous)."""
    with app.test_request_context("/"):
        if user is not None:
            login_user(user)
        else:
            logout_user()
        yield


@pytest.fixture
def world(app):
    owner, outsider = make_user(), make_user()
    actor = make_actor(owner=owner)
    draft = make_project(actor, owner, visibility="draft")
    public = make_project(actor, owner)
    return {"owner": owner, "outsider": outsider, "actor": actor, "draft": draft, "public": public}


def test_a_draft_is_found_by_its_owner_and_hidden_from_others_as_if_missing(app, world):
    with _as(app, world["owner"]):
        assert get_project(world["draft"].slug, need="edit") == world["draft"]
    with _as(app, world["outsider"]):
        with pytest.raises(NotFound):
            get_project(world["draft"].slug)
        with pytest.raises(NotFound):
            get_project("no-such-project")


def test_seeing_a_project_is_not_leave_to_edit_it(app, world):
    with _as(app, world["outsider"]):
        assert get_project(world["public"].slug) == world["public"]
        with pytest.raises(Forbidden):
            get_project(world["public"].slug, need="edit")
    with _as(app, None), pytest.raises(Forbidden):
        get_project(world["public"].slug, need="own")


def test_a_hidden_organisation_is_missing_for_outsiders_and_not_managed_by_non_owners(app, world, db):
    with _as(app, world["outsider"]), pytest.raises(Forbidden):
        get_actor(world["actor"].slug, need="manage")
    world["actor"].status = "hidden"
    db.session.commit()
    with _as(app, world["outsider"]), pytest.raises(NotFound):
        get_actor(world["actor"].slug)
    with _as(app, world["owner"]):
        assert get_actor(world["actor"].slug, need="manage") == world["actor"]


def test_an_unknown_need_is_a_programming_error(app, world):
    with _as(app, world["owner"]), pytest.raises(ValueError, match="unknown need"):
        get_project(world["public"].slug, need="admin")
