"""A hidden organisation's projects disappear with it for everyone but its members and staff."""

import pytest

from innovex import permissions
from innovex.extensions import db
from innovex.projects.queries import ProjectFilters, project_list
from tests.factories import login_as
from tests.project_factories import make_project
from tests.projects.conftest import ROLES


@pytest.mark.parametrize("role", ROLES)
def test_list_detail_and_feed_agree_on_a_hidden_organisations_project(app, client, cast, role):
    author = cast.users["owner_a"]
    project = make_project(cast.actor_a, author, title="Verborgenes Vorhaben", visibility="public")
    cast.actor_a.status = "hidden"
    db.session.commit()
    viewer = cast.users[role]
    login_as(client, viewer)

    expected = role in ("member_a", "owner_a", "moderator", "admin")
    listed = project.id in {p.id for p in db.session.scalars(project_list(viewer, ProjectFilters()))}
    assert listed is expected
    assert permissions.can_view_project(viewer, project) is expected
    assert (client.get(f"/projects/{project.slug}").status_code == 200) is expected
    assert ("Verborgenes Vorhaben" in client.get("/projects/").get_data(as_text=True)) is expected
    assert ("Verborgenes Vorhaben" in client.get("/projects/feed.xml").get_data(as_text=True)) is expected
