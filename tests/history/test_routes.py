"""The history page and restoring through the test client, and the authorization table of both routes."""

import pytest

from innovex.extensions import db
from tests.actors.conftest import snapshot
from tests.factories import login_as
from tests.history.conftest import ROLES, revisions

LOGIN = "login"
USER_OF = {
    "member": "outsider",
    "owner": "owner",
    "editor": "editor",
    "moderator": "moderator",
    "admin": "admin",
}


def act_as(client, cast, who):
    if who != "visitor":
        login_as(client, getattr(cast, USER_OF[who]))


ROUTES = [
    ("history", "GET", lambda c: f"/organisations/{c.a.slug}/history", dict.fromkeys(ROLES, 200)),
    ("restore", "POST", lambda c: f"/organisations/{c.a.slug}/history/{c.first_edit.id}/restore",
     {"visitor": LOGIN, "member": 403, "owner": 302, "editor": 302, "moderator": 302, "admin": 302}),
]  # fmt: skip


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize(("name", "method", "url", "expected"), ROUTES, ids=[r[0] for r in ROUTES])
def test_authorization_table(client, cast, who, name, method, url, expected):
    act_as(client, cast, who)
    before = snapshot()
    response = client.get(url(cast)) if method == "GET" else client.post(url(cast), data={})
    db.session.expire_all()
    after = snapshot()
    want = expected[who]
    if want == LOGIN:
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    else:
        assert response.status_code == want, response.get_data(as_text=True)[:2000]
    assert (after != before) == (method == "POST" and want == 302)


def test_every_route_is_in_the_table(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint.startswith("history.")}
    assert endpoints == {"history.index", "history.restore"}


def test_the_public_sees_public_fields_only(client, cast):
    page = client.get(f"/organisations/{cast.a.slug}/history").get_data(as_text=True)
    assert "Gamma eG" in page and "Beta eG" in page
    assert "info@beta.example" not in page  # contact details are for the network by default
    assert cast.owner.display_name not in page  # authors are named to members only
    assert "Restore this version" not in page


def test_members_see_network_fields_and_authors(client, cast):
    login_as(client, cast.outsider)
    page = client.get(f"/organisations/{cast.a.slug}/history").get_data(as_text=True)
    assert "info@beta.example" in page
    assert "Restore this version" not in page


def test_owner_restores_through_the_page(client, cast):
    login_as(client, cast.owner)
    page = client.get(f"/organisations/{cast.a.slug}/history").get_data(as_text=True)
    assert f"/history/{cast.first_edit.id}/restore" in page
    response = client.post(f"/organisations/{cast.a.slug}/history/{cast.first_edit.id}/restore")
    assert response.status_code == 302
    db.session.expire_all()
    assert cast.a.name == "Beta eG"
    assert revisions(cast.a)[-1].source == "restore"


def test_restoring_the_current_version_is_refused_with_a_message(client, cast):
    login_as(client, cast.owner)
    latest = revisions(cast.a)[-1]
    before = snapshot()
    response = client.post(f"/organisations/{cast.a.slug}/history/{latest.id}/restore")
    assert response.status_code == 422
    assert "already has the values" in response.get_data(as_text=True)
    db.session.expire_all()
    assert snapshot() == before


def test_a_revision_of_another_organisation_is_not_found(client, cast):
    from tests.factories import make_actor

    other = make_actor("Andere eG", owner=cast.owner)
    login_as(client, cast.owner)
    response = client.post(f"/organisations/{other.slug}/history/{cast.first_edit.id}/restore")
    assert response.status_code == 404


def test_a_hidden_profile_has_no_public_history(client, cast):
    cast.a.status = "hidden"
    db.session.commit()
    assert client.get(f"/organisations/{cast.a.slug}/history").status_code == 404


def test_restore_needs_the_csrf_token(csrf_app, cast):
    client = csrf_app.test_client()
    login_as(client, cast.owner)
    response = client.post(f"/organisations/{cast.a.slug}/history/{cast.first_edit.id}/restore")
    assert response.status_code == 400


def test_the_profile_form_records_a_revision_credited_to_its_user(client, cast):
    login_as(client, cast.editor)
    data = {"name": "Delta eG", "kind": "cooperative", "country": "DE", "city": "Leipzig"}
    assert client.post(f"/organisations/{cast.a.slug}/edit", data=data).status_code == 302
    revision = revisions(cast.a)[-1]
    assert (revision.source, revision.author_id) == ("form", cast.editor.id)
    assert revision.changes["name"] == ["Gamma eG", "Delta eG"]
