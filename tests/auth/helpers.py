"""Shared by the account tests: row snapshots, clients that log in. (Fresh request globals and cheap password
hashing come from tests/conftest.py for every suite.)"""

import sqlalchemy as sa

from innovex.extensions import db
from innovex.models import LoginSession, User
from tests.factories import PASSWORD

FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


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
