"""Verified email: the link at registration, what an unconfirmed account may not do, resend, and the rule that
every posting, reporting and messaging route asks for a confirmed address."""

from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from innovex.auth import verification
from innovex.extensions import db as _db
from innovex.mail import outbox_messages
from innovex.models import Feedback, User
from innovex.notifications import services as notices
from tests.conftest import build_app
from tests.factories import login_as, make_actor, make_user
from tests.project_factories import make_project

# Routes that draw on the post, report or message budget but stay open to unconfirmed accounts: editing the
# profile one already has, and moving the account to a correct address (a mistyped one must be fixable).
OPEN_TO_UNCONFIRMED = {
    "account.email",
    "actors.edit",
    "projects.edit",
    "feedback.edit",
    "calls.edit",
    "events.edit",
    "offerings.edit",
    "moderation.new_impulse",
    "moderation.edit_impulse",
}


def _link_path(body: str) -> str:
    return urlsplit(next(word for word in body.split() if "/auth/verify/" in word)).path


def _register(client, email="neu@example.org"):
    return client.post(
        "/auth/register",
        data={
            "email": email,
            "display_name": "Nina Neu",
            "password": "a long enough passphrase",
            "confirm": "a long enough passphrase",
            "consent": "y",
        },
    )


def test_registration_mails_a_link_that_confirms_only_with_the_button(app, client, db):
    assert _register(client).status_code == 302
    user = db.session.scalar(sa.select(User).where(User.email == "neu@example.org"))
    assert user is not None and not user.email_verified
    (mail,) = outbox_messages()
    assert mail["To"] == "neu@example.org"
    path = _link_path(mail.get_content())
    assert client.get(path).status_code == 200
    db.session.refresh(user)
    assert not user.email_verified  # a mail scanner opening the link confirms nothing
    assert client.post(path).status_code == 302
    db.session.refresh(user)
    assert user.email_verified


def test_unconfirmed_accounts_cannot_post_and_nothing_is_written(app, client, db):
    owner = make_user()
    project = make_project(make_actor(owner=owner), owner)
    newcomer = make_user(email_verified_at=None)
    login_as(client, newcomer)
    form = client.get(f"/projects/{project.slug}")
    assert "confirm your email address" in form.get_data(as_text=True)  # the banner says why, before typing
    response = client.post(f"/feedback/projects/{project.slug}", data={"kind": "idea", "body": "Hallo"})
    assert response.status_code == 403
    assert "Send the link again" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Feedback)) == 0
    newcomer.email_verified_at = sa.func.now()
    db.session.commit()
    response = client.post(f"/feedback/projects/{project.slug}", data={"kind": "idea", "body": "Hallo"})
    assert response.status_code in (200, 302, 303)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Feedback)) == 1


def test_every_posting_route_asks_for_a_confirmed_address(app):
    budgets = {"post", "report", "message", "suggestion"}
    unguarded = {
        endpoint
        for endpoint, view in app.view_functions.items()
        if getattr(view, "abuse_budget", None) in budgets and not getattr(view, "needs_verified_email", False)
    }
    assert unguarded == OPEN_TO_UNCONFIRMED, "a new posting route needs @verified_required (or a reason here)"


@pytest.mark.parametrize("token", ["nonsense", "eyJ1c2VyIjoxLCJlbWFpbCI6ImFAYi5jIn0.axLb_Q.forged"])
def test_damaged_links_are_refused_with_a_page(app, client, db, token):
    make_user(email_verified_at=None)
    assert client.get(f"/auth/verify/{token}").status_code == 400
    assert client.post(f"/auth/verify/{token}").status_code == 400


def test_a_link_for_a_replaced_address_is_outdated(app, client, db):
    user = make_user(email_verified_at=None)
    with app.test_request_context():
        token = verification.verify_token(user, "old@example.org")
    assert client.post(f"/auth/verify/{token}").status_code == 400
    db.session.refresh(user)
    assert not user.email_verified


def test_resend_mails_again_within_its_limit(tmp_path):
    limited = build_app(tmp_path, RATELIMIT_ENABLED=True, RATELIMIT_VERIFY_MAIL="2 per hour")
    limited.config["WTF_CSRF_ENABLED"] = False
    with limited.app_context():
        _db.create_all()
        user = make_user(email_verified_at=None)
        client = limited.test_client()
        login_as(client, user)
        assert [client.post("/auth/verify/resend").status_code for _ in range(3)] == [302, 302, 429]
        assert [mail["To"] for mail in outbox_messages()] == [user.email, user.email]
        _db.session.remove()
        _db.drop_all()


def test_unconfirmed_accounts_get_no_notification_mail(app, client, db):
    writer = make_user()
    project = make_project(make_actor(owner=writer), writer)
    reader = make_user(email_verified_at=None, email_preference="instant")
    notices.notify(reader, "interest", by_user=writer, project=project)
    db.session.commit()
    client.get("/")  # instant mails go out after a request's commit
    assert outbox_messages() == []


def test_a_pending_address_taken_meanwhile_is_refused_at_confirmation(app, client, db):
    user = make_user()
    user.pending_email = "gewollt@example.org"
    db.session.commit()
    with app.test_request_context():
        token = verification.verify_token(user, "gewollt@example.org")
    make_user("gewollt@example.org")
    response = client.post(f"/auth/verify/{token}")
    assert response.status_code == 400 and "exists already" in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.email != "gewollt@example.org"
