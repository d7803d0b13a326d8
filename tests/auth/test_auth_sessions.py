import re
from pathlib import Path

import pytest

from innovex import create_app
from innovex.extensions import db as _db
from innovex.mail import outbox_messages
from innovex.models import INDEFINITELY
from tests.auth.helpers import cookie_only_client, fresh, logged_in, remembered_client, session_ids
from tests.factories import PASSWORD, login, make_user

NEW = "a brand new passphrase"


def test_remember_cookie_alone_keeps_a_browser_logged_in(app):
    user = make_user()
    assert logged_in(cookie_only_client(app, user))


def test_without_remember_a_lost_session_means_logged_out(app):
    user = make_user()
    client = app.test_client()
    login(client, user)
    assert client.get_cookie("remember_token") is None
    client.delete_cookie("session")
    assert not logged_in(client)


def _logout_everywhere(app, client, user):
    assert client.post("/account/logout-everywhere").status_code == 302
    assert not logged_in(client)


def _change_password(app, client, user):
    data = {"current_password": PASSWORD, "password": NEW, "confirm": NEW}
    assert client.post("/account/password", data=data).status_code == 302
    assert logged_in(client)  # this browser stays logged in


def _reset_password(app, client, user):
    anonymous = app.test_client()
    anonymous.post("/auth/reset", data={"email": user.email})
    link = re.search(r"https?://\S+", outbox_messages()[-1].get_content()).group(0)
    response = anonymous.post(link, data={"password": NEW, "confirm": NEW})
    assert response.status_code == 302
    assert not logged_in(client)


def _suspend(app, client, user):
    user = fresh(user)
    user.suspended_until = INDEFINITELY
    _db.session.commit()
    assert not logged_in(client)


@pytest.mark.parametrize("action", [_logout_everywhere, _change_password, _reset_password, _suspend])
def test_other_sessions_and_remember_cookies_end(app, client, action):
    user = make_user()
    login(client, user)
    other = remembered_client(app, user)
    cookie_only = cookie_only_client(app, user)
    assert logged_in(other) and logged_in(cookie_only)
    action(app, client, user)
    assert not logged_in(other)
    assert not logged_in(cookie_only)
    if action is not _suspend:  # set in the database here; the loader refuses suspended accounts
        assert len(session_ids(user)) == (1 if action is _change_password else 0)


def test_password_change_keeps_this_browsers_remember_cookie_valid(app):
    user = make_user()
    client = remembered_client(app, user)
    data = {"current_password": PASSWORD, "password": NEW, "confirm": NEW}
    assert client.post("/account/password", data=data).status_code == 302
    client.delete_cookie("session")
    assert logged_in(client)


def _set_cookie_headers(response) -> dict[str, str]:
    return {header.split("=", 1)[0]: header for header in response.headers.getlist("Set-Cookie")}


def test_cookie_flags(app):
    user = make_user()
    response = app.test_client().post(
        "/auth/login", data={"email": user.email, "password": PASSWORD, "remember": "y"}
    )
    cookies = _set_cookie_headers(response)
    for name in ("session", "remember_token"):
        assert "HttpOnly" in cookies[name]
        assert "SameSite=Lax" in cookies[name]
        assert "Secure" not in cookies[name]


def test_cookies_are_secure_in_production(tmp_path, monkeypatch):
    monkeypatch.setenv("INNOVEX_PRODUCTION", "1")
    prod = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'prod.sqlite'}",
            "RATELIMIT_ENABLED": False,
            "WTF_CSRF_ENABLED": False,
        }
    )
    prod.instance_path = str(tmp_path / "prod-instance")
    Path(prod.instance_path).mkdir()
    assert prod.config["SESSION_COOKIE_SECURE"] and prod.config["REMEMBER_COOKIE_SECURE"]
    with prod.app_context():
        _db.create_all()
        user = make_user()
        response = prod.test_client().post(
            "/auth/login",
            data={"email": user.email, "password": PASSWORD, "remember": "y"},
            base_url="https://localhost",
        )
        cookies = _set_cookie_headers(response)
        _db.session.remove()
        _db.drop_all()
    assert response.status_code == 302
    for name in ("session", "remember_token"):
        assert "Secure" in cookies[name] and "HttpOnly" in cookies[name] and "SameSite=Lax" in cookies[name]


def test_logout_deletes_the_remember_cookie(app):
    user = make_user()
    client = remembered_client(app, user)
    client.post("/auth/logout")
    assert client.get_cookie("remember_token") is None
    assert not logged_in(client)


def test_logout_needs_the_csrf_token(csrf_app, client):
    user = make_user()
    login_page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page).group(1)
    client.post("/auth/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert logged_in(client)
    assert client.post("/auth/logout").status_code == 400
    assert logged_in(client)
