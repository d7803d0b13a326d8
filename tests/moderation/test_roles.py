"""Granting and revoking the moderator role on the web and the command line; every change is logged."""

import sqlalchemy as sa

from innovex.models import Membership, ModerationAction, User
from tests.auth.helpers import session_ids
from tests.factories import login, make_actor, make_user


def _log(db) -> list[tuple]:
    rows = db.session.scalars(sa.select(ModerationAction).order_by(ModerationAction.id))
    return [(r.action, r.target_id, r.moderator_id, r.detail, r.reason) for r in rows]


def test_an_admin_grants_by_email_or_handle_and_it_is_logged(client, db):
    admin, anna, ben = make_user(role="admin"), make_user(), make_user(handle="ben-b")
    login(client, admin)
    response = client.post("/moderation/roles", data={"user": anna.email.upper(), "reason": "Elected"})
    assert response.status_code == 303
    assert client.post("/moderation/roles", data={"user": "@ben-b"}).status_code == 303
    assert (anna.role, ben.role) == ("moderator", "moderator")
    assert _log(db) == [
        ("grant_role", anna.id, admin.id, "moderator", "Elected"),
        ("grant_role", ben.id, admin.id, "moderator", ""),
    ]
    page = client.get("/moderation/roles").get_data(as_text=True)
    assert anna.email in page and ben.email in page


def test_granting_is_idempotent(client, db):
    admin, mod = make_user(role="admin"), make_user(role="moderator")
    login(client, admin)
    response = client.post("/moderation/roles", data={"user": mod.email}, follow_redirects=True)
    assert "a moderator already" in response.get_data(as_text=True)
    assert mod.role == "moderator" and _log(db) == []


def test_revoking_ends_nothing_else(app, client, db):
    admin, mod = make_user(role="admin"), make_user(role="moderator")
    actor = make_actor(owner=mod)
    mod_client = app.test_client()
    login(mod_client, mod)
    assert mod_client.get("/moderation/dashboard").status_code == 200
    sessions = session_ids(mod)
    login(client, admin)
    assert client.post(f"/moderation/roles/{mod.id}/revoke").status_code == 303
    assert mod.role == "member" and session_ids(mod) == sessions and not mod.is_suspended
    assert db.session.scalar(sa.select(Membership).where(Membership.actor_id == actor.id)).user_id == mod.id
    assert _log(db) == [("revoke_role", mod.id, admin.id, "moderator", "")]
    # Still logged in, now as a member.
    assert mod_client.get("/account/").status_code == 200
    assert mod_client.get("/moderation/dashboard").status_code == 403


def test_admins_cannot_demote_themselves_or_other_admins_on_the_web(client, db):
    admin, other = make_user(role="admin"), make_user(role="admin")
    login(client, admin)
    for target in (admin, other):
        response = client.post(f"/moderation/roles/{target.id}/revoke", follow_redirects=True)
        assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "administrators are moderators already" in text
    response = client.post("/moderation/roles", data={"user": admin.email})
    assert response.status_code == 422
    assert "cannot give up your own administrator role" in response.get_data(as_text=True)
    assert (admin.role, other.role) == ("admin", "admin") and _log(db) == []


def test_bad_input_on_the_roles_page(client, db):
    admin = make_user(role="admin")
    login(client, admin)
    for value, message in (("", "This field is required"), ("nobody@example.org", "no account")):
        response = client.post("/moderation/roles", data={"user": value})
        assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert client.post("/moderation/roles/99999/revoke").status_code == 404
    assert _log(db) == []


def test_only_admins_manage_roles(client, db):
    mod, member = make_user(role="moderator"), make_user()
    assert client.get("/moderation/roles").status_code == 302
    login(client, mod)
    assert client.get("/moderation/roles").status_code == 403
    assert client.post("/moderation/roles", data={"user": member.email}).status_code == 403
    assert member.role == "member" and _log(db) == []


# Command line --------------------------------------------------------------------------------------------


def test_cli_grants_and_revokes_with_a_log_entry_without_moderator(runner, db):
    anna = make_user("anna@example.org")
    result = runner.invoke(args=["users", "role", "Anna@example.org", "moderator"])
    assert result.exit_code == 0, result.output
    assert "Updated" in result.output and "moderator" in result.output
    again = runner.invoke(args=["users", "role", "anna@example.org", "moderator"])
    assert again.exit_code == 0 and "Unchanged" in again.output
    assert runner.invoke(args=["users", "role", "anna@example.org", "member"]).exit_code == 0
    db.session.expire_all()
    assert db.session.get(User, anna.id).role == "member"
    assert _log(db) == [
        ("grant_role", anna.id, None, "moderator (cli)", ""),
        ("revoke_role", anna.id, None, "moderator (cli)", ""),
    ]


def test_cli_role_refuses_admins_unknown_roles_and_accounts(runner, db):
    make_user("boss@example.org", role="admin")
    result = runner.invoke(args=["users", "role", "boss@example.org", "member"])
    assert result.exit_code == 1 and "administrator" in result.output
    assert runner.invoke(args=["users", "role", "boss@example.org", "admin"]).exit_code == 2
    result = runner.invoke(args=["users", "role", "nobody@example.org", "moderator"])
    assert result.exit_code == 1 and "No account" in result.output
    assert _log(db) == []


def test_cli_set_role_changes_admins_and_is_logged(runner, db):
    boss = make_user("boss@example.org", role="admin")
    assert runner.invoke(args=["users", "set-role", "boss@example.org", "member"]).exit_code == 0
    assert runner.invoke(args=["users", "set-role", "boss@example.org", "admin"]).exit_code == 0
    assert _log(db) == [
        ("revoke_role", boss.id, None, "admin (cli)", ""),
        ("grant_role", boss.id, None, "admin (cli)", ""),
    ]
