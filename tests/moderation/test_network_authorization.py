"""Who may use each route of the network views (log, impulses, dashboard, roles), for every role.

The table must cover every endpoint whose view lives in innovex.moderation.network_views; a test fails when
a new one is added without a row here.
"""

from datetime import timedelta

import pytest

from innovex.models import Impulse
from innovex.models.base import utcnow
from tests.factories import login, make_user

MODULE = "innovex.moderation.network_views"
ROLES = ("anonymous", "member", "moderator", "admin", "suspended")

LOGIN = 302  # anonymous (and suspended: their session ends) are sent to log in
PUBLIC = dict.fromkeys(ROLES, 200)
MODERATORS_GET = {"anonymous": LOGIN, "member": 403, "moderator": 200, "admin": 200, "suspended": LOGIN}
ADMINS_GET = {"anonymous": LOGIN, "member": 403, "moderator": 403, "admin": 200, "suspended": LOGIN}


def _post(ok: int, admins_only: bool = False) -> dict:
    return {
        "anonymous": LOGIN,
        "member": 403,
        "moderator": 403 if admins_only else ok,
        "admin": ok,
        "suspended": LOGIN,
    }


IMPULSE_FORM = {"kind": "announcement", "title": "Neu"}

# endpoint, method, url (formatted with the fixture's ids), form data, expected status per role
TABLE = [
    ("moderation.log", "GET", "/moderation/log", None, MODERATORS_GET),
    ("moderation.public_log", "GET", "/moderation/public-log", None, PUBLIC),
    ("moderation.dashboard", "GET", "/moderation/dashboard", None, MODERATORS_GET),
    ("moderation.impulse_list", "GET", "/moderation/impulses", None, PUBLIC),
    ("moderation.impulse", "GET", "/moderation/impulses/{impulse}", None, PUBLIC),
    ("moderation.new_impulse", "GET", "/moderation/impulses/new", None, MODERATORS_GET),
    ("moderation.new_impulse", "POST", "/moderation/impulses/new", IMPULSE_FORM, _post(303)),
    ("moderation.edit_impulse", "GET", "/moderation/impulses/{impulse}/edit", None, MODERATORS_GET),
    ("moderation.edit_impulse", "POST", "/moderation/impulses/{impulse}/edit", IMPULSE_FORM, _post(303)),
    ("moderation.withdraw_impulse", "POST", "/moderation/impulses/{impulse}/withdraw", {}, _post(303)),
    ("moderation.role_list", "GET", "/moderation/roles", None, ADMINS_GET),
    ("moderation.grant_role", "POST", "/moderation/roles", {"user": "{target_email}"}, _post(303, True)),
    ("moderation.revoke_role", "POST", "/moderation/roles/{target}/revoke", {}, _post(303, True)),
]


def _cases():
    for endpoint, method, url, data, expected in TABLE:
        for role in ROLES:
            yield pytest.param(method, url, data, role, expected[role], id=f"{endpoint}-{method}-{role}")


@pytest.fixture
def ids(db):
    author = make_user(role="moderator")
    impulse = Impulse(author=author, title="Call for partners")
    target = make_user("target@example.org", role="moderator")
    db.session.add(impulse)
    db.session.commit()
    return {"impulse": impulse.id, "target": target.id, "target_email": target.email}


def _log_in_as(client, db, role: str) -> None:
    if role == "anonymous":
        return
    user = make_user(role={"suspended": "moderator"}.get(role, role))
    assert login(client, user).status_code == 302
    if role == "suspended":  # suspended after logging in: the session must not carry on
        user.suspended_until = utcnow() + timedelta(days=1)
        db.session.commit()


@pytest.mark.parametrize(("method", "url", "data", "role", "status"), list(_cases()))
def test_authorization_table(client, db, ids, method, url, data, role, status):
    _log_in_as(client, db, role)
    url = url.format(**ids)
    if method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, data={k: v.format(**ids) for k, v in data.items()})
    assert response.status_code == status
    if status == LOGIN:
        assert "/auth/login" in response.location


def test_withdrawn_impulses_are_for_moderators_only(client, db, ids):
    db.session.get(Impulse, ids["impulse"]).withdrawn_at = utcnow()
    db.session.commit()
    url = f"/moderation/impulses/{ids['impulse']}"
    assert client.get(url).status_code == 404
    login(client, make_user())
    assert client.get(url).status_code == 404
    other = client.application.test_client()
    login(other, make_user(role="moderator"))
    assert other.get(url).status_code == 200


def test_every_network_route_is_in_the_table(app):
    covered = {(endpoint, method) for endpoint, method, *_rest in TABLE}
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        if view.__module__ != MODULE:
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (rule.endpoint, method) in covered, f"{rule.endpoint} {method} is missing from the table"
    found = {e for e, view in app.view_functions.items() if view.__module__ == MODULE}
    assert found == {endpoint for endpoint, *_rest in TABLE}
