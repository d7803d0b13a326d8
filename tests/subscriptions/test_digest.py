"""The subscription digest through the outbox mail backend: one mail per member covering all subscriptions,
in German and English, idempotent, with in-app notices and working unsubscribe links."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from innovex.mail import outbox_messages
from innovex.models import Notification, Subscription
from innovex.models.base import utcnow
from innovex.notifications.mailing import send_digests
from innovex.notifications.render import describe
from innovex.subscriptions.digest import send_subscription_digests
from tests.calls.call_factories import make_call
from tests.factories import make_actor, make_offering, make_user
from tests.project_factories import make_project
from tests.subscriptions.helpers import make_subscription


@pytest.fixture
def scene(db):
    reader = make_user(display_name="Lea", locale="de")
    author = make_user()
    actor = make_actor("Rad eG", owner=author, city="Leipzig", lat=51.34, lon=12.37)
    return reader, author, actor


def run(app, now=None):
    with app.test_request_context("/", base_url="https://innovex.example"):
        return send_subscription_digests(lambda line: None, now=now)


def test_one_mail_for_all_subscriptions_in_german(app, db, scene):
    reader, author, actor = scene
    make_subscription(reader, name="Lastenräder", tags=["Lastenrad"], kinds=["project", "offer"])
    make_subscription(reader, name="Alles in Leipzig", lat=51.34, lon=12.37, radius_km=20)
    project = make_project(actor, author, title="Lastenrad-Verleih", tags=["Lastenrad"])
    make_offering(actor, title="Wir reparieren Lastenräder", tags=["Lastenrad"])
    make_project(actor, author, title="Entwurf", visibility="draft")
    result = run(app)
    assert (result.users, result.items, result.failures) == (1, 2, 0)
    (mail,) = outbox_messages()
    body = mail.get_content()
    assert mail["To"] == reader.email
    assert "neue Einträge" in mail["Subject"]
    assert "Projekte" in body and "Angebote" in body
    assert "Lastenrad-Verleih" in body and f"https://innovex.example/projects/{project.slug}" in body
    assert body.count("Lastenrad-Verleih") == 1  # fits both subscriptions, reported once
    assert "Entwurf" not in body
    assert "„Lastenräder“ pausieren" in body and "„Alles in Leipzig“ pausieren" in body
    assert mail["List-Unsubscribe"].startswith("<https://innovex.example/notifications/unsubscribe/")
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_english_for_english_readers(app, db, scene):
    reader, author, actor = scene
    reader.locale = "en"
    db.session.commit()
    make_subscription(reader, kinds=["call"])
    make_call(make_user(role="moderator"), question="Who shares delivery vans?")
    run(app)
    (mail,) = outbox_messages()
    assert "new items for your subscriptions" in mail["Subject"]
    assert "Calls for collaboration" in mail.get_content()
    assert "Who shares delivery vans?" in mail.get_content()


def test_a_second_run_sends_nothing(app, db, scene):
    reader, author, actor = scene
    make_subscription(reader)
    make_project(actor, author)
    assert run(app).users == 1
    assert run(app).users == 0
    assert len(outbox_messages()) == 1


def test_notices_one_per_item_and_not_mailed_again_by_the_notification_digest(app, db, scene):
    reader, author, actor = scene
    reader.email_preference = "daily"
    db.session.commit()
    make_subscription(reader)
    make_subscription(reader, country="DE")
    project = make_project(actor, author, title="Solarpark")
    run(app)
    (notice,) = db.session.scalars(sa.select(Notification).where(Notification.user_id == reader.id))
    assert notice.kind == "subscription" and notice.project_id == project.id and notice.emailed_at
    with app.test_request_context("/"):
        assert "Solarpark" in describe(notice, reader).text
        send_digests(lambda line: None)
    assert len(outbox_messages()) == 1  # only the subscription digest


def test_weekly_subscriptions_wait_seven_days(app, db, scene):
    reader, author, actor = scene
    subscription = make_subscription(reader, frequency="weekly")
    make_project(actor, author)
    assert run(app).users == 0
    assert run(app, now=utcnow() + timedelta(days=7)).users == 1
    assert subscription.last_sent_at is not None


def test_unverified_suspended_and_paused_members_get_nothing(app, db, scene):
    reader, author, actor = scene
    unverified = make_user(email_verified_at=None)
    suspended = make_user(suspended_until=utcnow() + timedelta(days=3))
    for user in (unverified, suspended, reader):
        make_subscription(user)
    db.session.execute(
        sa.update(Subscription).where(Subscription.user_id == reader.id).values(paused_at=utcnow())
    )
    db.session.commit()
    make_project(actor, author)
    assert run(app).users == 0
    assert outbox_messages() == []


def test_a_failed_mail_keeps_the_items_due(app, db, scene, monkeypatch):
    reader, author, actor = scene
    make_subscription(reader)
    make_project(actor, author)

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("innovex.subscriptions.digest.send_mail", broken)
    assert run(app).failures == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)) == 0
    monkeypatch.undo()
    assert run(app).items == 1


def test_the_mail_links_pause_one_or_all_subscriptions(app, client, db, scene):
    reader, author, actor = scene
    first = make_subscription(reader, name="Erstes")
    second = make_subscription(reader, name="Zweites")
    make_project(actor, author)
    run(app)
    body = outbox_messages()[0].get_content()
    link = next(line for line in body.splitlines() if "„Erstes“" in line).split(": ", 1)[1]
    path = urlsplit(link).path
    assert client.get(path).status_code == 200
    assert first.paused_at is None  # opening the link only asks
    assert client.post(path).status_code == 200  # the one-click POST, no CSRF token, no login
    db.session.refresh(first)
    db.session.refresh(second)
    assert first.paused_at is not None and second.paused_at is None
    assert client.post(path[:-3] + "abc").status_code == 404  # a damaged token
    header = outbox_messages()[0]["List-Unsubscribe"].strip("<>")
    assert client.post(urlsplit(header).path).status_code == 200
    db.session.refresh(second)
    assert second.paused_at is not None


def test_the_cli(runner, db, scene):
    reader, author, actor = scene
    make_subscription(reader)
    make_project(actor, author)
    result = runner.invoke(args=["notify", "subscriptions"])
    assert result.exit_code == 0, result.output
    assert f"user {reader.id}: 1 items" in result.output
    assert "Sent 1 subscription digests covering 1 items" in result.output
    again = runner.invoke(args=["notify", "subscriptions"])
    assert "Sent 0 subscription digests covering 0 items" in again.output


def test_an_offering_notice_leads_to_the_offering_while_its_organisation_shows_it(app, db, scene):
    reader, author, actor = scene
    make_subscription(reader, kinds=["need"])
    need = make_offering(actor, kind="need", title="Wir suchen Fahrradmechaniker")
    run(app)
    (notice,) = db.session.scalars(sa.select(Notification).where(Notification.user_id == reader.id))
    with app.test_request_context("/"):
        shown = describe(notice, reader)
        assert "Neuer Bedarf" not in shown.text  # the page language of this request is English
        assert "Wir suchen Fahrradmechaniker" in shown.text and "Rad eG" in shown.text
        assert shown.url == f"/offerings/{need.id}"
        actor.visibility = {"offerings": "private"}
        db.session.commit()
        hidden = describe(notice, reader)
        assert "Fahrradmechaniker" not in hidden.text and hidden.url is None


def test_deleting_the_account_deletes_its_subscriptions(db, scene):
    from innovex.account.deletion import delete_account
    from tests.factories import PASSWORD

    reader, author, actor = scene
    make_subscription(reader)
    delete_account(reader, PASSWORD)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Subscription)) == 0
