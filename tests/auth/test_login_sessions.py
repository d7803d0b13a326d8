"""Server-side login sessions: the cookies carry a token whose row must exist and be within its lifetimes."""

import hashlib
from datetime import timedelta

import pytest
import sqlalchemy as sa

from innovex import create_app
from innovex.auth.devices import address_prefix, browser_and_platform
from innovex.auth.sessions import end_sessions
from innovex.extensions import db
from innovex.models import LoginSession
from innovex.models.base import utcnow
from innovex.moderation.actions import suspend_user
from tests.auth.helpers import (
    FIREFOX_ON_LINUX,
    cookie_only_client,
    fresh,
    logged_in,
    remembered_client,
    session_ids,
)
from tests.factories import PASSWORD, login, make_user


def only_session(user) -> LoginSession:
    # Ends the transaction a request left open in the shared test session, whose snapshot would hide the
    # visit that the request wrote on a connection of its own.
    db.session.rollback()
    (record,) = db.session.scalars(sa.select(LoginSession).where(LoginSession.user_id == user.id))
    return record


def age(record: LoginSession, *, created: timedelta | None = None, seen: timedelta | None = None) -> None:
    """Move the login session's times into the past, as if that much time had gone by."""
    now = utcnow()
    values = {}
    if created is not None:
        values["created_at"] = now - created
    if seen is not None:
        values["last_seen_at"] = now - seen
    db.session.execute(sa.update(LoginSession).where(LoginSession.id == record.id).values(**values))
    db.session.commit()


def test_a_copied_session_cookie_is_worthless_after_logout(app, client):
    user = make_user()
    login(client, user)
    copied = client.get_cookie("session").value
    assert client.get("/account/settings").status_code == 200
    client.post("/auth/logout")
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert thief.get("/account/settings").status_code == 302
    client.set_cookie("session", copied)
    assert client.get("/account/settings").status_code == 302
    assert session_ids(user) == []


def test_a_copied_remember_cookie_is_worthless_after_logout(app):
    user = make_user()
    client = remembered_client(app, user)
    copied = client.get_cookie("remember_token").value
    client.post("/auth/logout")
    thief = app.test_client()
    thief.set_cookie("remember_token", copied)
    assert not logged_in(thief)
    assert thief.get_cookie("session") is None or not logged_in(thief)


def test_the_cookie_holds_a_random_token_and_the_database_only_its_hash(app, client):
    user = make_user()
    login(client, user)
    with client.session_transaction() as session:
        token = session["_user_id"]
    assert len(token) >= 43 and str(user.id) != token
    record = only_session(user)
    assert record.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {str(value) for value in vars(record).values()}


def test_a_session_of_the_old_kind_opens_nothing(app, client):
    user = make_user()
    with client.session_transaction() as session:
        session["_user_id"] = f"{user.id}:1"
        session["_fresh"] = True
    assert not logged_in(client)


def test_each_login_records_the_device_but_not_the_full_address(app):
    user = make_user()
    client = app.test_client()
    client.post(
        "/auth/login",
        data={"email": user.email, "password": PASSWORD},
        headers={"User-Agent": FIREFOX_ON_LINUX},
        environ_base={"REMOTE_ADDR": "203.0.113.77"},
    )
    record = only_session(user)
    assert (record.browser, record.platform) == ("Firefox", "Linux")
    assert record.address_prefix == "203.0.113.0/24"
    assert record.remember is False
    assert remembered_client(app, user) and len(session_ids(user)) == 2


@pytest.mark.parametrize(
    ("remember", "created", "seen", "alive"),
    [
        (False, timedelta(hours=13), timedelta(hours=11), True),
        (False, timedelta(hours=13), timedelta(hours=13), False),  # idle longer than 12 hours
        (True, timedelta(days=3), timedelta(hours=13), True),  # remembered: 14 days idle allowed
        (True, timedelta(days=16), timedelta(days=15), False),
        (True, timedelta(days=31), timedelta(minutes=5), False),  # past the absolute lifetime of 30 days
        (True, timedelta(days=29), timedelta(minutes=5), True),
    ],
)
def test_idle_and_absolute_lifetimes(app, remember, created, seen, alive):
    user = make_user()
    client = remembered_client(app, user) if remember else app.test_client()
    if not remember:
        login(client, user)
    age(only_session(user), created=created, seen=seen)
    assert logged_in(client) is alive
    if remember:
        client.delete_cookie("session")
        assert logged_in(client) is alive  # the remember cookie is bound to the same row


def test_lifetimes_are_settings(app, client):
    app.config["SESSION_IDLE_LIFETIME"] = timedelta(minutes=30)
    user = make_user()
    login(client, user)
    age(only_session(user), seen=timedelta(minutes=31))
    assert not logged_in(client)


def test_last_seen_is_written_at_most_once_a_minute(app, client):
    user = make_user()
    login(client, user)
    record = only_session(user)
    age(record, seen=timedelta(seconds=20))
    before = only_session(user).last_seen_at
    assert logged_in(client)
    assert only_session(user).last_seen_at == before  # recent enough: no write
    age(record, seen=timedelta(minutes=5))
    assert logged_in(client)
    assert utcnow() - only_session(user).last_seen_at < timedelta(seconds=30)


def test_a_post_records_the_visit_with_its_own_commit(app, client):
    user = make_user()
    login(client, user)
    age(only_session(user), seen=timedelta(minutes=5))
    assert client.post("/account/settings", data={"display_name": "Neu", "locale": "de"}).status_code == 302
    assert utcnow() - only_session(user).last_seen_at < timedelta(seconds=30)


def test_suspension_ends_every_session(app, client):
    moderator, user = make_user(role="moderator"), make_user()
    login(client, user)
    other = remembered_client(app, user)
    suspend_user(fresh(user), moderator, "Wiederholte Beleidigungen im Forum", days=3)
    db.session.commit()
    assert session_ids(user) == []
    assert not logged_in(client) and not logged_in(other)


def test_end_sessions_can_keep_one(app):
    user = make_user()
    first, second = remembered_client(app, user), remembered_client(app, user)
    keep = db.session.get(LoginSession, session_ids(user)[1])
    end_sessions(fresh(user), keep=keep)
    db.session.commit()
    assert session_ids(user) == [keep.id]
    assert not logged_in(first) and logged_in(second)


def test_a_remember_cookie_alone_still_opens_its_session_after_the_session_cookie_expired(app):
    user = make_user()
    client = cookie_only_client(app, user)
    assert logged_in(client)
    assert len(session_ids(user)) == 1  # no second row: the cookie names the same session


@pytest.mark.parametrize(
    ("agent", "expected"),
    [
        (FIREFOX_ON_LINUX, ("Firefox", "Linux")),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/126.0 Safari/537.36 Edg/126.0",
            ("Edge", "Windows"),
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            "Version/17.5 Mobile/15E148 Safari/604.1",
            ("Safari", "iOS"),
        ),
        (
            "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile "
            "Safari/537.36",
            ("Chrome", "Android"),
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            "Version/17.5 Safari/605.1.15",
            ("Safari", "macOS"),
        ),
        ("curl/8.5.0", (None, None)),
        (None, (None, None)),
    ],
)
def test_browser_and_platform(agent, expected):
    assert browser_and_platform(agent) == expected


@pytest.mark.parametrize(
    ("address", "prefix"),
    [
        ("192.0.2.123", "192.0.2.0/24"),
        ("2001:db8:abcd:12::1", "2001:db8:abcd::/48"),
        ("::ffff:198.51.100.7", "198.51.100.0/24"),
        ("not an address", None),
        (None, None),
    ],
)
def test_address_prefix(address, prefix):
    assert address_prefix(address) == prefix


def test_prune_deletes_expired_sessions_only(app, runner):
    user = make_user()
    clients = [remembered_client(app, user) for _ in range(3)]
    old, idle, live = (db.session.get(LoginSession, i) for i in session_ids(user))
    age(old, created=timedelta(days=31), seen=timedelta(minutes=1))
    age(idle, created=timedelta(days=20), seen=timedelta(days=15))
    result = runner.invoke(args=["sessions", "prune"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Deleted 2 expired login session(s)."
    assert session_ids(user) == [live.id]
    assert logged_in(clients[2])
    assert runner.invoke(args=["sessions", "prune"]).output.strip() == "Deleted 0 expired login session(s)."


@pytest.mark.parametrize("path", ["/account/logout-everywhere", "/account/sessions/{id}/end"])
def test_ending_a_session_that_is_due_a_visit_works(app, path):
    """The visit recorded while loading the user must not clash with deleting the same row later on."""
    user = make_user()
    client = remembered_client(app, user)
    record = only_session(user)
    age(record, seen=timedelta(minutes=5))
    assert client.post(path.format(id=record.id)).status_code == 302
    assert session_ids(user) == []
    assert not logged_in(client)


def test_a_logout_through_another_app_process_ends_the_session_here(app, tmp_path):
    """Two processes (or hosts) on one database agree, since the session's state is in the database."""
    keys = ("SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "SQLALCHEMY_ENGINE_OPTIONS", "BABEL_DEFAULT_LOCALE")
    other = create_app(
        {
            **{key: app.config[key] for key in keys if key in app.config},
            "TESTING": True,
            "RATELIMIT_ENABLED": False,
            "WTF_CSRF_ENABLED": False,
            "INDEX_DIR": str(tmp_path / "other-index"),
            "SEARCH_DRAIN": "request",
        }
    )
    other.test_client_class = app.test_client_class
    user = make_user()
    here = app.test_client()
    login(here, user)
    there = other.test_client()
    there.set_cookie("session", here.get_cookie("session").value)
    assert logged_in(there)
    there.post("/auth/logout")
    assert session_ids(user) == []
    assert not logged_in(here)
