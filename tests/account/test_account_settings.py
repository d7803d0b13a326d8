from urllib.parse import urlsplit

import pytest
from werkzeug.security import check_password_hash

from innovex.mail import outbox_messages
from tests.auth.helpers import fresh, logged_in, remembered_client, session_ids, user_by_email, user_rows
from tests.factories import PASSWORD, login, make_user

NEW = "a brand new passphrase"


@pytest.fixture
def anna(client):
    user = make_user("anna@example.org", display_name="Anna Schmidt", handle="anna", locale="en")
    login(client, user)
    return user


def test_settings_change_name_and_language_but_not_handle(client, anna):
    response = client.post("/account/settings", data={"display_name": "  Anna S. ", "locale": "de"})
    assert response.status_code == 302
    user = fresh(anna)
    assert (user.display_name, user.locale, user.handle) == ("Anna S.", "de", "anna")
    assert '<html lang="de">' in client.get("/account/settings").get_data(as_text=True)
    with client.session_transaction() as session:
        assert session["lang"] == "de"


@pytest.mark.parametrize(
    "data",
    [
        {"display_name": "Anna", "locale": "fr"},
        {"display_name": "", "locale": "en"},
        {"display_name": "x" * 81, "locale": "en"},
        {"display_name": "An\x07na", "locale": "en"},
    ],
)
def test_bad_settings_change_nothing(client, anna, data):
    before = user_rows()
    response = client.post("/account/settings", data=data)
    assert response.status_code == 422
    assert "field-error" in response.get_data(as_text=True)
    assert user_rows() == before


def test_email_change_needs_current_password_and_normalises(client, anna):
    response = client.post(
        "/account/email", data={"email": " Anna@New.Example.org ", "current_password": PASSWORD}
    )
    assert response.status_code == 302
    assert fresh(anna).email == "anna@example.org"  # until the new address is confirmed
    assert fresh(anna).pending_email == "anna@new.example.org"
    [link_mail] = outbox_messages()
    assert link_mail["To"] == "anna@new.example.org"
    path = urlsplit(next(w for w in link_mail.get_content().split() if "/auth/verify/" in w)).path
    assert client.get(path).status_code == 200 and fresh(anna).email == "anna@example.org"
    assert client.post(path).status_code == 302
    assert fresh(anna).email == "anna@new.example.org" and fresh(anna).pending_email is None
    [_link_mail, notice] = outbox_messages()
    assert notice["To"] == "anna@example.org"
    assert "anna@new.example.org" in notice.get_content()
    client.post("/auth/logout")
    response = client.post("/auth/login", data={"email": "anna@new.example.org", "password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"email": "anna@new.example.org", "current_password": "wrong password"},
            "current password is not correct",
        ),
        ({"email": "anna@new.example.org", "current_password": ""}, "This field is required."),
        ({"email": "ben@example.org", "current_password": PASSWORD}, "exists already"),
        ({"email": "BEN@example.org", "current_password": PASSWORD}, "exists already"),
        ({"email": "not an email", "current_password": PASSWORD}, "valid email"),
        ({"email": "anna@example.org", "current_password": PASSWORD}, "already your email"),
        ({"email": "a" * 300 + "@example.org", "current_password": PASSWORD}, "field-error"),
    ],
)
def test_refused_email_changes_change_nothing(client, anna, data, message):
    make_user("ben@example.org")
    before = user_rows()
    response = client.post("/account/email", data=data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert user_rows() == before


def test_password_change_needs_current_password(client, anna):
    response = client.post(
        "/account/password", data={"current_password": PASSWORD, "password": NEW, "confirm": NEW}
    )
    assert response.status_code == 302
    user = fresh(anna)
    assert check_password_hash(user.password_hash, NEW)
    assert len(session_ids(user)) == 1  # only this browser's
    assert logged_in(client)
    assert [(m["To"], m["Subject"]) for m in outbox_messages()] == [
        ("anna@example.org", "Your innovex password was changed")
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"current_password": "wrong password", "password": NEW, "confirm": NEW},
            "current password is not correct",
        ),
        ({"current_password": PASSWORD, "password": NEW, "confirm": NEW + "x"}, "The two passwords differ."),
        ({"current_password": PASSWORD, "password": "trustno1", "confirm": "trustno1"}, "commonly used"),
        (
            {"current_password": PASSWORD, "password": "anna@example.org", "confirm": "anna@example.org"},
            "email",
        ),
        ({"current_password": PASSWORD, "password": "Anna Schmidt", "confirm": "Anna Schmidt"}, "your name"),
        ({"current_password": PASSWORD, "password": "x" * 257, "confirm": "x" * 257}, "at most 256"),
    ],
)
def test_refused_password_changes_change_nothing(app, client, anna, data, message):
    other = remembered_client(app, anna)
    before = user_rows()
    response = client.post("/account/password", data=data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert user_rows() == before
    assert logged_in(client) and logged_in(other)
    assert outbox_messages() == []


def test_logout_everywhere_is_post_only_and_ends_this_session_too(app, client, anna):
    other = remembered_client(app, anna)
    assert client.get("/account/logout-everywhere").status_code == 405
    assert logged_in(other)
    response = client.post("/account/logout-everywhere")
    assert response.status_code == 302
    assert not logged_in(client) and not logged_in(other)
    assert session_ids(anna) == []
    assert login(client, anna).status_code == 302


def test_csrf_is_required_for_account_changes(csrf_app, client, anna):
    before = user_rows()
    response = client.post("/account/logout-everywhere")
    assert response.status_code == 400
    response = client.post("/account/email", data={"email": "x@example.org", "current_password": PASSWORD})
    assert response.status_code == 400
    assert user_rows() == before
    assert user_by_email("x@example.org") is None
