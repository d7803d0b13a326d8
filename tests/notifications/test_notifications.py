"""Notifications: rendering of every kind, the page, read marks, settings, instant mail and the digest."""

import pytest
import sqlalchemy as sa

from innovex.mail import outbox_messages
from innovex.models import Feedback, Notification, ProjectUpdate
from innovex.notifications import services
from innovex.notifications.render import describe
from innovex.vocab import NOTIFICATION_KINDS
from tests.calls.call_factories import make_call
from tests.factories import login_as, make_actor, make_user
from tests.project_factories import make_project


@pytest.fixture
def scene(db):
    reader, writer = make_user(), make_user(display_name="Wera Schreiber")
    actor = make_actor("Kooperative Nord", owner=writer)
    project = make_project(actor, writer, title="Lastenrad-Netz")
    item = Feedback(project=project, author=reader, kind="idea", body="b", body_html="b")
    update = ProjectUpdate(project=project, author=writer, version=3, title="t", changes="c")
    db.session.add_all([item, update])
    db.session.commit()
    return reader, writer, actor, project, item, update


def targets(kind, actor, project, item, update) -> dict:
    return {
        "reply": {"project": project, "feedback": item},
        "feedback": {"project": project, "feedback": item},
        "mention": {"project": project, "feedback": item},
        "update": {"project": project, "update": update},
        "addressed": {"project": project, "feedback": item, "update": update},
        "invitation": {"project": project, "actor": actor},
        "membership": {"actor": actor},
        "relation": {"actor": actor},
    }.get(kind, {"project": project, "actor": actor})


# Moderation notices, impulses, decisions of the data cooperative and its candidates' notices have their own
# targets; tests/moderation and tests/governance cover their sentences and links.
MODERATION_KINDS = {"moderation", "report_resolved", "impulse", "governance", "candidacy", "election_result"}


@pytest.mark.parametrize("kind", [kind for kind in NOTIFICATION_KINDS if kind not in MODERATION_KINDS])
def test_every_kind_renders_a_sentence_with_a_link(app, db, scene, kind):
    reader, writer, actor, project, item, update = scene
    extra = {}
    if kind.startswith("call_"):  # a call's notice names the call and leads to its page
        extra["call"] = make_call(make_user(role="moderator"), question="Wie teilen wir Lastenräder?")
    notification = services.notify(
        reader, kind, by_user=writer, **targets(kind, actor, project, item, update), **extra
    )
    db.session.commit()
    with app.test_request_context():
        notice = describe(notification, reader)
    if extra:
        assert "Wie teilen wir Lastenräder?" in notice.text and notice.url.startswith("/calls/")
        return
    names = "Lastenrad-Netz" in notice.text or "Kooperative Nord" in notice.text
    assert names and notice.url.startswith(("/projects/", "/organisations/"))


def test_targets_the_reader_cannot_see_lose_title_and_link(app, db, scene):
    reader, writer, actor, project, item, update = scene
    notification = services.notify(reader, "update", by_user=writer, project=project, update=update)
    project.visibility = "draft"
    db.session.commit()
    with app.test_request_context():
        notice = describe(notification, reader)
    assert "Lastenrad-Netz" not in notice.text and notice.url is None


def test_never_notifies_oneself(db, scene):
    reader = scene[0]
    assert services.notify(reader, "membership", by_user=reader, actor=scene[2]) is None


def test_page_lists_newest_first_highlights_unread_and_marks_read(client, db, scene):
    reader, writer, actor, project, item, update = scene
    first = services.notify(reader, "feedback", by_user=writer, project=project, feedback=item)
    db.session.commit()
    second = services.notify(reader, "update", by_user=writer, project=project, update=update)
    second.created_at = first.created_at.replace(year=first.created_at.year + 1)
    db.session.commit()
    login_as(client, reader)
    page = client.get("/notifications/").get_data(as_text=True)
    assert page.count('class="notification unread"') == 2
    assert page.index("update-3") < page.index(f"feedback-{item.id}")
    assert client.post(f"/notifications/{first.id}/read").status_code == 302
    db.session.expire_all()
    assert first.read_at is not None and second.read_at is None
    assert client.post("/notifications/read").status_code == 302
    db.session.expire_all()
    assert services.unread_count(reader) == 0


def test_settings_change_the_email_preference_and_refuse_nonsense(client, db):
    user = make_user()
    login_as(client, user)
    assert client.post("/notifications/settings", data={"email_preference": "daily"}).status_code == 302
    db.session.expire_all()
    assert user.email_preference == "daily"
    assert client.post("/notifications/settings", data={"email_preference": "hourly"}).status_code == 422
    db.session.expire_all()
    assert user.email_preference == "daily"


def test_instant_mail_goes_out_after_the_commit_only(client, db, scene):
    reader, writer, actor, project, item, update = scene
    reader.email_preference = "instant"
    db.session.commit()
    login_as(client, writer)
    client.post(f"/projects/{project.slug}/updates/new", data={"title": "x" * 300, "changes": "c"})
    assert outbox_messages() == []  # the failed form rolled back: no mail
    response = client.post(
        f"/projects/{project.slug}/updates/new", data={"title": "Neu", "changes": "c", "addressed": [item.id]}
    )
    assert response.status_code == 302
    (mail,) = outbox_messages()
    assert mail["To"] == reader.email and "Lastenrad-Netz" in mail.get_content()
    notification = db.session.scalar(sa.select(Notification).where(Notification.user_id == reader.id))
    assert notification.emailed_at is not None


def test_instant_mail_failure_does_not_break_the_request(client, db, scene, monkeypatch):
    reader, writer, actor, project, item, update = scene
    reader.email_preference = "instant"
    db.session.commit()

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("innovex.notifications.mailing.send_mail", broken)
    login_as(client, writer)
    response = client.post(f"/projects/{project.slug}/updates/new", data={"title": "Neu", "changes": "c"})
    assert response.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ProjectUpdate)) == 2


def test_digest_command_mails_daily_users_once(runner, db, scene):
    reader, writer, actor, project, item, update = scene
    reader.email_preference = "daily"
    other = make_user(email_preference="daily")
    instant = make_user(email_preference="instant")
    db.session.commit()
    for user in (reader, other, instant):
        services.notify(user, "update", by_user=writer, project=project, update=update)
    services.notify(reader, "feedback", by_user=writer, project=project, feedback=item)
    db.session.commit()
    result = runner.invoke(args=["notify", "digest"])
    assert result.exit_code == 0, result.output
    assert "Sent 2 digests covering 3 notifications" in result.output
    mails = {mail["To"]: mail.get_content() for mail in outbox_messages()}
    assert set(mails) == {reader.email, other.email}
    assert "http://" in mails[reader.email] and "Lastenrad-Netz" in mails[reader.email]
    again = runner.invoke(args=["notify", "digest"])
    assert "Sent 0 digests covering 0 notifications" in again.output
    assert len(outbox_messages()) == 2
    emailed = db.session.scalars(sa.select(Notification.emailed_at).where(Notification.user_id == reader.id))
    assert all(emailed)
