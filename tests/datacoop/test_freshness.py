"""Yearly "still correct?" reminders with a signed link that confirms the profile in one click."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest

from innovex.datacoop.freshness import confirm_token, remind_stale_owners
from innovex.extensions import db
from innovex.mail import outbox_messages
from innovex.models.base import utcnow
from tests.factories import make_actor, make_user


@pytest.fixture
def old(app):
    owner = make_user(display_name="Olga Owner")
    actor = make_actor("Alte Genossenschaft", owner=owner, editors=[make_user()])
    actor.created_at = utcnow() - timedelta(days=400)
    db.session.commit()
    return actor, owner


def _link_path(body: str) -> str:
    url = urlsplit(next(word for word in body.split() if "/confirm/" in word))
    return url.path + (f"?{url.query}" if url.query else "")


def test_reminds_owners_once_and_reports(app, old, capsys):
    actor, owner = old
    fresh = make_actor(owner=make_user())  # created now: not due
    assert remind_stale_owners(echo=True) == 1
    db.session.commit()
    messages = outbox_messages()
    assert [m["To"] for m in messages] == [owner.email]
    assert "Alte Genossenschaft" in messages[0]["Subject"]
    assert "Reminded the owners of 1 profiles (1 mails)." in capsys.readouterr().out
    assert actor.reminded_at is not None and fresh.reminded_at is None
    assert remind_stale_owners() == 0  # not again the next day
    assert len(outbox_messages()) == 1


def test_emailed_link_confirms_without_login(app, client, old):
    actor, _owner = old
    remind_stale_owners()
    db.session.commit()
    path = _link_path(outbox_messages()[0].get_content())
    page = client.get(path)
    assert page.status_code == 200 and "still correct" in page.get_data(as_text=True)
    assert client.post(path).status_code == 302
    db.session.refresh(actor)
    assert actor.confirmed_at is not None and actor.reminded_at is None


def test_tampered_foreign_or_outdated_tokens_change_nothing(app, client, old):
    actor, owner = old
    other = make_actor(owner=make_user())
    bad_paths = [
        f"/organisations/{actor.slug}/confirm/{confirm_token(actor, owner)}x",
        f"/organisations/{other.slug}/confirm/{confirm_token(actor, owner)}",
        f"/organisations/{actor.slug}/confirm/{confirm_token(actor, make_user())}",  # not an owner
    ]
    for path in bad_paths:
        assert client.post(path).status_code == 400
    app.config["CONFIRM_LINK_MAX_AGE"] = -1
    assert (
        client.post(f"/organisations/{actor.slug}/confirm/{confirm_token(actor, owner)}").status_code == 400
    )
    db.session.refresh(actor)
    db.session.refresh(other)
    assert actor.confirmed_at is None and other.confirmed_at is None


def test_actors_remind_command_mails_owners_with_links_to_the_configured_host(app, old, runner):
    app.config["BASE_URL"] = "https://innovex.example.coop"
    result = runner.invoke(args=["actors", "remind"])
    assert result.exit_code == 0, result.output
    assert "Reminded the owners of 1 profiles" in result.output
    mails = outbox_messages()
    assert mails and "https://innovex.example.coop/" in mails[-1].get_content()
    assert runner.invoke(args=["actors", "remind"]).output.count("Reminded the owners of 0 profiles") == 1
