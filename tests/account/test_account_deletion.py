"""Deleting one's own account: hand over organisations first; what stays as "a former member", what goes."""

import re

import pytest
import sqlalchemy as sa

from innovex.extensions import db
from innovex.extensions import db as _db
from innovex.mail import outbox_messages
from innovex.models import (
    Feedback,
    Follow,
    HelpfulMark,
    Impulse,
    Interest,
    Invitation,
    Membership,
    MembershipRequest,
    ModerationAction,
    Notification,
    Project,
    ProjectUpdate,
    Relation,
    Report,
    User,
)
from tests.account.world import build_world
from tests.auth.helpers import user_by_email
from tests.conftest import build_app
from tests.factories import PASSWORD, login, make_actor, make_user, session_token


@pytest.fixture
def world(client):
    world = build_world()
    login(client, world.anna)
    return world


def count(model, *where) -> int:
    db.session.expire_all()
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def snapshot() -> dict:
    db.session.expire_all()
    return {
        table.name: sorted(map(tuple, db.session.execute(table.select()).all()), key=repr)
        for table in db.metadata.sorted_tables
        if table.name not in ("search_outbox", "search_index_holders")  # search's bookkeeping
    }


def test_organisations_owned_alone_must_be_handed_over_first(client, world):
    alone = make_actor("Annas eigene eG", owner=world.anna)
    make_actor("Zu zweit eG", owner=world.anna, editors=[world.ben]).memberships[1].role = "owner"
    db.session.commit()
    page = client.get("/account/delete").get_data(as_text=True)
    assert "Annas eigene eG" in page and "Zu zweit eG" not in page
    assert f"/organisations/{alone.slug}/members" in page
    assert f"/organisations/{alone.slug}/delete" in page
    before = snapshot()
    response = client.post("/account/delete", data={"password": PASSWORD})
    assert response.status_code == 422
    assert "You are the only owner of Annas eigene eG" in response.get_data(as_text=True)
    assert snapshot() == before

    db.session.add(Membership(user=world.ben, actor=alone, role="owner"))  # handed over
    db.session.commit()
    assert "Annas eigene eG" not in client.get("/account/delete").get_data(as_text=True)
    assert client.post("/account/delete", data={"password": PASSWORD}).status_code == 302
    assert user_by_email("anna@example.org") is None
    assert count(Membership, Membership.actor_id == alone.id) == 1


@pytest.mark.parametrize(("password", "message"), [("wrong password", "not correct"), ("", "required")])
def test_a_wrong_password_changes_nothing(client, world, password, message):
    before = snapshot()
    response = client.post("/account/delete", data={"password": password})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert snapshot() == before
    assert outbox_messages() == []


def test_deletion_keeps_feedback_as_by_a_former_member_and_removes_the_rest(app, client, world):
    anna_id, email = world.anna.id, world.anna.email
    ben_client = app.test_client()
    login(ben_client, world.ben)
    response = client.post("/account/delete", data={"password": PASSWORD})
    assert response.status_code == 302
    assert db.session.get(User, anna_id) is None

    # What was hers alone goes with her.
    for model, column in [
        (Membership, Membership.user_id),
        (MembershipRequest, MembershipRequest.user_id),
        (HelpfulMark, HelpfulMark.user_id),
        (Follow, Follow.user_id),
        (Notification, Notification.user_id),
        (Report, Report.reporter_id),
    ]:
        assert count(model, column == anna_id) == 0, model
    assert count(Invitation, Invitation.email == email) == 0
    assert count(Invitation, Invitation.email == "dora@example.org") == 1
    db.session.expire_all()
    assert db.session.get(Feedback, world.bens_feedback.id).helpful_count == 0  # her mark no longer counts

    # What she wrote for others stays, without an author.
    feedback = db.session.get(Feedback, world.feedback.id)
    assert (feedback.body, feedback.author_id, feedback.helpful_count) == (
        "Annas Idee, zweite Fassung",
        None,
        1,
    )
    assert db.session.get(Project, world.project.id).author_id is None
    assert db.session.get(ProjectUpdate, world.update.id).author_id is None
    assert db.session.scalar(sa.select(Interest)).user_id is None
    assert db.session.scalar(sa.select(Relation)).proposed_by_id is None
    assert db.session.scalar(sa.select(Impulse)).author_id is None
    assert db.session.scalar(sa.select(ModerationAction)).target_user_id is None
    assert db.session.scalar(sa.select(Report)).target_user_id is None  # Ben's report about her, kept
    assert db.session.scalar(sa.select(Notification)).by_user_id is None  # Ben's notice of her feedback

    # Pages name her "a former member".
    thread = ben_client.get(f"/projects/{world.bens_project.slug}").get_data(as_text=True)
    assert "Annas Idee, zweite Fassung" in thread and "a former member" in thread
    assert "Anna Schmidt" not in thread
    page = ben_client.get(f"/projects/{world.project.slug}").get_data(as_text=True)
    assert "posted by a former member" in page and "Anna Schmidt" not in page
    notices = ben_client.get("/notifications/").get_data(as_text=True)
    assert "A former member gave feedback" in notices
    reply = ben_client.get(f"/feedback/{world.feedback.id}/reply").get_data(as_text=True)
    assert "a former member" in reply and "Anna Schmidt" not in reply
    history = ben_client.get(f"/feedback/{world.feedback.id}/history").get_data(as_text=True)
    assert "Feedback by a former member" in history
    api = ben_client.get("/api/v1/projects")
    assert api.status_code == 200 and "Anna Schmidt" not in api.get_data(as_text=True)


def test_deletion_ends_every_session_and_frees_the_email(app, client, world):
    other_device = app.test_client()
    login(other_device, world.anna)
    assert client.post("/account/delete", data={"password": PASSWORD}).status_code == 302
    for device in (client, other_device):
        response = device.get("/account/")
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    [farewell] = outbox_messages()
    assert farewell["To"] == "anna@example.org" and "deleted" in farewell["Subject"]

    response = client.post(
        "/auth/register",
        data={
            "email": "anna@example.org",
            "display_name": "Anna Neu",
            "password": PASSWORD,
            "confirm": PASSWORD,
            "consent": "y",
        },
    )
    assert response.status_code == 302
    assert user_by_email("anna@example.org").display_name == "Anna Neu"


def test_an_old_session_does_not_open_a_new_account_that_gets_the_same_id(app, client):
    # SQLite hands out the highest id again once its row is gone; the session of the deleted account must not
    # log anyone into the next account.
    make_user("first@example.org")
    anna = make_user("anna@example.org")
    old_device = app.test_client()
    login(old_device, anna)
    login(client, anna)
    assert client.post("/account/delete", data={"password": PASSWORD}).status_code == 302
    newcomer = app.test_client()
    newcomer.post(
        "/auth/register",
        data={
            "email": "new@example.org",
            "display_name": "Neu",
            "password": PASSWORD,
            "confirm": PASSWORD,
            "consent": "y",
        },
    )
    response = old_device.get("/account/")
    assert response.status_code == 302, "the deleted account's session opened the newcomer's account"


def test_the_only_administrator_cannot_delete_their_account(client):
    admin = make_user("admin@example.org", role="admin")
    login(client, admin)
    response = client.post("/account/delete", data={"password": PASSWORD})
    assert "You are the only administrator" in response.get_data(as_text=True)
    assert user_by_email("admin@example.org") is not None
    make_user("second-admin@example.org", role="admin")
    assert client.post("/account/delete", data={"password": PASSWORD}).status_code == 302
    assert user_by_email("admin@example.org") is None


def test_the_settings_page_links_to_deletion(client, world):
    assert "/account/delete" in client.get("/account/settings").get_data(as_text=True)
    assert "/account/delete" in client.get("/account/").get_data(as_text=True)


def test_deleting_needs_the_csrf_token(csrf_app, client, world):
    with client.session_transaction() as session:  # logged in without the form, which needs a token too
        session["_user_id"] = session_token(world.anna)
        session["_fresh"] = True
    response = client.post("/account/delete", data={"password": PASSWORD})
    assert response.status_code == 400
    assert user_by_email("anna@example.org") is not None
    page = client.get("/account/delete").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/account/delete", data={"password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    assert user_by_email("anna@example.org") is None


@pytest.fixture
def limited(tmp_path):
    app = build_app(
        tmp_path, WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=True, RATELIMIT_ACCOUNT_DELETE="2 per minute"
    )
    with app.app_context():
        _db.create_all()
        yield app
        _db.session.remove()
        _db.drop_all()


def test_deleting_is_rate_limited(limited):
    client = limited.test_client()
    login(client, make_user("anna@example.org"))
    codes = [client.post("/account/delete", data={"password": "wrong guess"}).status_code for _ in range(3)]
    assert codes == [422, 422, 429]
    assert user_by_email("anna@example.org") is not None
