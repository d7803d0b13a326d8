from datetime import timedelta

import pytest

from innovex.models import INDEFINITELY
from innovex.models.base import utcnow
from tests.auth.helpers import fresh, logged_in, session_ids, user_rows
from tests.factories import PASSWORD, login, make_user

GENERIC = "Email address or password is wrong."


def test_login_page_renders(client):
    page = client.get("/auth/login").get_data(as_text=True)
    assert 'name="remember"' in page and 'name="password"' in page


def test_login_and_logout(client):
    user = make_user("anna@example.org")
    response = client.post("/auth/login", data={"email": " ANNA@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/"
    assert logged_in(client)
    assert client.get("/auth/logout").status_code == 405
    assert logged_in(client)
    response = client.post("/auth/logout")
    assert response.status_code == 302
    assert not logged_in(client)
    with client.session_transaction() as session:
        assert "_user_id" not in session
    assert session_ids(user) == []  # logging out deleted the login session


@pytest.mark.parametrize(
    ("email", "password"), [("anna@example.org", "wrong password"), ("nobody@example.org", PASSWORD)]
)
def test_wrong_credentials_get_one_generic_error(client, email, password):
    make_user("anna@example.org")
    before = user_rows()
    response = client.post("/auth/login", data={"email": email, "password": password})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert GENERIC in page
    assert "exist" not in page
    assert not logged_in(client)
    assert user_rows() == before


def test_suspended_user_is_told_until_when_and_why(client, db):
    user = make_user("anna@example.org")
    user.suspended_until = utcnow() + timedelta(days=3)
    user.suspension_reason = "Spam in three projects"
    db.session.commit()
    response = login(client, user)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "suspended until" in page
    assert str(user.suspended_until.year) in page
    assert "Spam in three projects" in page
    assert not logged_in(client)


def test_indefinite_suspension_says_so(client, db):
    user = make_user(suspended_until=INDEFINITELY, suspension_reason="Harassment")
    page = login(client, user).get_data(as_text=True)
    assert "suspended indefinitely" in page and "Harassment" in page
    assert "9999" not in page


def test_wrong_password_of_suspended_user_reveals_nothing(client):
    user = make_user(suspended_until=INDEFINITELY, suspension_reason="Harassment")
    page = login(client, user, password="not the password").get_data(as_text=True)
    assert GENERIC in page and "Harassment" not in page


def test_past_suspension_no_longer_blocks(client):
    user = make_user(suspended_until=utcnow() - timedelta(minutes=1), suspension_reason="Cooled down")
    assert login(client, user).status_code == 302


def test_running_session_ends_when_user_is_suspended(client, db):
    user = make_user()
    login(client, user)
    assert logged_in(client)
    user.suspended_until = INDEFINITELY
    db.session.commit()
    response = client.get("/account/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")


def test_login_required_page_comes_back_after_login(client):
    user = make_user()
    response = client.get("/account/settings")
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/auth/login?next=")
    response = client.post(location, data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/account/settings"


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/ok", "/ok"),
        ("//evil.com", "/account/"),
        ("https://evil.com", "/account/"),
        ("/\\evil.com", "/account/"),
        ("javascript:alert(1)", "/account/"),
        ("\thttp://evil", "/account/"),
    ],
)
def test_next_is_only_followed_to_local_paths(client, target, expected):
    user = make_user()
    response = client.post(
        "/auth/login", query_string={"next": target}, data={"email": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_language_chosen_before_login_is_kept(client, db):
    user = make_user(locale=None)
    client.post("/language", data={"lang": "en", "next": "/"})
    login(client, user)
    assert fresh(user).locale == "en"
    with client.session_transaction() as session:
        assert session["lang"] == "en"


def test_users_own_language_wins_over_the_session(client):
    user = make_user(locale="de")
    client.post("/language", data={"lang": "en", "next": "/"})
    login(client, user)
    assert fresh(user).locale == "de"


def test_over_long_login_input_is_a_field_error(client):
    make_user("anna@example.org")
    response = client.post("/auth/login", data={"email": "a" * 300 + "@example.org", "password": "p" * 300})
    assert response.status_code == 422
    assert "field-error" in response.get_data(as_text=True)
    assert not logged_in(client)
