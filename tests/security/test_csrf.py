"""CSRF on every state-changing route, found from the URL map so that new routes are covered by themselves."""

import hashlib
import re

import pytest
import sqlalchemy as sa
from werkzeug.routing.converters import NumberConverter

from innovex.extensions import db
from innovex.models import Feedback, Invitation, MembershipRequest, Notification, User
from tests.factories import make_actor, make_offering, make_user, session_token
from tests.project_factories import make_project

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# What a form would carry, so that a route missing CSRF protection would really act and be noticed.
FORM = {
    "lang": "en",
    "next": "/",
    "title": "Neuer Titel",
    "summary": "Kurz",
    "body": "Ein Beitrag",
    "kind": "idea",
    "role": "editor",
    "decision": "accept",
    "status": "closed",
    "message": "Hallo",
    "email": "someone@example.org",
}


def database_checksum() -> str:
    """A digest of every committed row of every table, to prove that a refused request wrote nothing."""
    db.session.rollback()
    digest = hashlib.sha256()
    for table in db.metadata.sorted_tables:
        rows = sorted(repr(tuple(row)) for row in db.session.execute(sa.select(table)))
        digest.update(f"{table.name}:{len(rows)}:{rows}".encode())
    return digest.hexdigest()


@pytest.fixture
def world(csrf_app):
    """An admin who owns an organisation with a project, feedback, an offering, members and requests."""
    admin = make_user(role="admin", locale="de")
    member = make_user()
    outsider = make_user()
    actor = make_actor(owner=admin, members=[member])
    partner = make_actor(owner=outsider)
    project = make_project(actor, admin)
    offering = make_offering(actor, tags=["energie"])
    feedback = Feedback(project=project, author=admin, kind="idea", body="Idee", body_html="<p>Idee</p>")
    invitation = Invitation(
        actor_id=actor.id, email="new@example.org", token="t" * 32, invited_by_id=admin.id
    )
    request = MembershipRequest(actor_id=actor.id, user_id=outsider.id, kind="join")
    db.session.add_all([feedback, invitation, request])
    db.session.flush()
    notification = Notification(user_id=admin.id, kind="feedback", project_id=project.id)
    db.session.add(notification)
    db.session.commit()
    return {
        "admin": admin,
        "values": {
            "actor_slug": partner.slug,
            "actor_id": partner.id,
            "id": feedback.id,
            "feedback_id": feedback.id,
            "offering_id": offering.id,
            "notification_id": notification.id,
            "request_id": request.id,
            "invitation_id": invitation.id,
            "user_id": member.id,
            "token": invitation.token,
            "project_slug": project.slug,
        },
        "actor_slug": actor.slug,
        "project_slug": project.slug,
    }


def url_arguments(rule, world) -> dict:
    """Plausible values for a rule's arguments: real objects of the admin where the name says which."""
    values = {}
    for name in rule.arguments:
        if name == "slug":
            on_project = rule.endpoint.startswith(("projects.", "feedback.", "matching."))
            values[name] = world["project_slug"] if on_project else world["actor_slug"]
        elif name in world["values"]:
            values[name] = world["values"][name]
        else:
            converter = rule._converters[name]  # no public accessor for a rule's converters
            if hasattr(converter, "items"):  # any(a, b): one of its words
                values[name] = sorted(converter.items)[0]
            elif isinstance(converter, NumberConverter):
                values[name] = 1
            else:
                values[name] = "x"
    return values


# Routes that take requests without our token by design: browsers post CSP reports without one, and the view
# only logs (tests/security/test_csp_report.py); mail programs post one-click unsubscribes (RFC 8058) without
# one, and the signed link is the authority (tests/notifications/test_mail.py, tests/subscriptions).
CSRF_EXEMPT = {"security.csp_report", "notifications.unsubscribe", "subscriptions.unsubscribe"}


def unsafe_rules(app):
    return [
        rule
        for rule in app.url_map.iter_rules()
        if rule.methods & UNSAFE_METHODS and rule.endpoint not in CSRF_EXEMPT
    ]


def log_in(client, user: User) -> None:
    with client.session_transaction() as session:
        session["_user_id"] = session_token(user)
        session["_fresh"] = True


def test_the_url_map_has_the_routes_this_test_relies_on(csrf_app):
    endpoints = {rule.endpoint for rule in unsafe_rules(csrf_app)}
    assert {"main.set_language", "auth.logout", "auth.login"} <= endpoints


def post_everywhere(app, world) -> list[tuple[str, int, bool]]:
    """POST (and PUT, ...) to every such route as the admin; (request, status, database changed) for each."""
    client = app.test_client()
    adapter = app.url_map.bind("localhost")
    admin_id = world["admin"].id
    outcomes = []
    for rule in unsafe_rules(app):
        path = adapter.build(rule.endpoint, url_arguments(rule, world), method=next(iter(rule.methods)))
        for method in sorted(rule.methods & UNSAFE_METHODS):
            log_in(client, db.session.get(User, admin_id))  # again: an earlier route may have logged out
            before = database_checksum()  # after logging in, which records a login session
            response = client.open(path, method=method, data=FORM)
            refused = response.status_code == 400 and '<p class="error-code">400</p>' in response.get_data(
                as_text=True
            )
            outcomes.append((f"{method} {path} ({rule.endpoint})", refused, database_checksum() != before))
    return outcomes


def test_every_state_changing_route_refuses_a_request_without_token(csrf_app, world):
    outcomes = post_everywhere(csrf_app, world)
    failures = [f"{request} was not refused" for request, refused, _changed in outcomes if not refused]
    failures += [f"{request} changed the database" for request, _refused, changed in outcomes if changed]
    assert not failures, "\n".join(failures)


def test_without_csrf_protection_the_same_requests_would_act(csrf_app, world):
    """The check above can fail: with protection off, the same requests get through and write."""
    csrf_app.config["WTF_CSRF_ENABLED"] = False
    csrf_app.config["PROPAGATE_EXCEPTIONS"] = False
    outcomes = post_everywhere(csrf_app, world)
    changed = [request for request, _refused, changed in outcomes if changed]
    assert any("(main.set_language)" in request for request in changed)
    assert len(changed) >= 5, changed
    assert sum(not refused for _request, refused, _changed in outcomes) > len(outcomes) / 2


def test_a_token_from_another_session_is_refused(csrf_app, world):
    other = csrf_app.test_client()
    token = csrf_token(other)
    client = csrf_app.test_client()
    log_in(client, world["admin"])
    before = database_checksum()
    response = client.post("/language", data={"lang": "en", "next": "/", "csrf_token": token})
    assert response.status_code == 400
    assert database_checksum() == before


def csrf_token(client) -> str:
    """The token the site puts into its forms for this client's session."""
    page = client.get("/").get_data(as_text=True)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, "no CSRF token in the page"
    return match.group(1)


def test_language_switch_with_token_is_accepted(csrf_app, world):
    client = csrf_app.test_client()
    log_in(client, world["admin"])
    response = client.post("/language", data={"lang": "en", "next": "/", "csrf_token": csrf_token(client)})
    assert response.status_code == 302
    db.session.rollback()
    assert db.session.get(User, world["admin"].id).locale == "en"


def test_logout_with_token_is_accepted(csrf_app, world):
    client = csrf_app.test_client()
    log_in(client, world["admin"])
    response = client.post("/auth/logout", data={"csrf_token": csrf_token(client)})
    assert response.status_code in (302, 303)
    with client.session_transaction() as session:
        assert "_user_id" not in session


def test_mark_all_notifications_read_with_token_is_accepted(csrf_app, world):
    client = csrf_app.test_client()
    log_in(client, world["admin"])
    response = client.post("/notifications/read", data={"csrf_token": csrf_token(client)})
    assert response.status_code in (302, 303)
    db.session.rollback()
    notification = db.session.get(Notification, world["values"]["notification_id"])
    assert notification.read_at is not None
