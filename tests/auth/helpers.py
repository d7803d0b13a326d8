"""Shared by the account tests: fresh request globals, row snapshots, clients that log in."""

from functools import partial

import pytest
import sqlalchemy as sa
from flask import g, request_started
from werkzeug.security import generate_password_hash

from innovex.extensions import db
from innovex.models import LoginSession, User
from tests.factories import PASSWORD

FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture(autouse=True)
def fresh_request_globals(app):
    """English messages, and each request loads its user and locale anew.

    The `app` fixture keeps one app context open for the whole test and Flask reuses it for every request, so
    without this Flask-Login's cached `g._login_user` would carry one client's login into another's request.
    """
    app.config["BABEL_DEFAULT_LOCALE"] = "en"

    def forget(_sender, **_extra):
        g.pop("_login_user", None)
        g.pop("_flask_babel", None)

    request_started.connect(forget, app, weak=False)
    yield
    request_started.disconnect(forget, app)


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch):
    """A fast hash method: hundreds of logins with naughty strings would otherwise take minutes."""
    monkeypatch.setattr(
        "innovex.models.users.generate_password_hash",
        partial(generate_password_hash, method="pbkdf2:sha256:1000"),
    )


def user_rows() -> list[tuple]:
    """Every user row with the ids of its login sessions, read fresh, for "nothing changed" assertions."""
    db.session.expire_all()
    return [
        (u.id, u.email, u.display_name, u.handle, u.password_hash, u.role, u.locale, session_ids(u))
        for u in db.session.scalars(sa.select(User).order_by(User.id))
    ]


def session_ids(user: User) -> list[int]:
    """The ids of the user's login session rows, in order."""
    query = sa.select(LoginSession.id).where(LoginSession.user_id == user.id).order_by(LoginSession.id)
    return list(db.session.scalars(query))


def fresh(user: User) -> User:
    db.session.expire_all()
    return db.session.get(User, user.id)


def user_by_email(email: str) -> User | None:
    db.session.expire_all()
    return db.session.scalar(sa.select(User).where(User.email == email))


def logged_in(client) -> bool:
    """Whether the client's cookies still open the account dashboard."""
    return client.get("/account/").status_code == 200


def remembered_client(app, user, password=PASSWORD):
    """A second browser, logged in with "remember me"."""
    client = app.test_client()
    response = client.post("/auth/login", data={"email": user.email, "password": password, "remember": "y"})
    assert response.status_code == 302
    assert client.get_cookie("remember_token") is not None
    return client


def cookie_only_client(app, user, password=PASSWORD):
    """A browser that comes back with only its remember-me cookie, its session having expired."""
    client = remembered_client(app, user, password)
    client.delete_cookie("session")
    return client
