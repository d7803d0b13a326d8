import json

import pytest

from tests.auth.helpers import logged_in, user_by_email, user_rows
from tests.conftest import shared_data
from tests.factories import make_user

GOOD = "a long and unusual passphrase"


@pytest.fixture
def naughty():
    return [s for s in json.loads(shared_data("bad-input", "blns", "blns.json").read_text()) if s.strip()]


def register(client, **overrides):
    data = {
        "email": "anna@example.org",
        "display_name": "Anna",
        "password": GOOD,
        "confirm": GOOD,
        "consent": "y",
    }
    data.update(overrides)
    return client.post("/auth/register", data=data)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "a" * 250 + "@example.org"),
        ("display_name", "n" * 81),
        ("display_name", "Anna\x00Admin"),
        ("display_name", "evil\u202egnp.exe"),
        ("display_name", "   "),
    ],
)
def test_over_long_and_invisible_input_is_a_field_error(client, field, value):
    response = register(client, **{field: value})
    assert response.status_code == 422
    assert "field-error" in response.get_data(as_text=True)
    assert user_rows() == []


def test_naughty_emails_are_field_errors(client, naughty):
    for value in naughty:
        response = register(client, email=value)
        assert response.status_code == 422, value
        assert 'id="email-error"' in response.get_data(as_text=True), value
    assert user_rows() == []


def test_naughty_names_never_break_registration(client, naughty):
    """Every string is either refused next to the field or stored as typed and shown escaped."""
    for n, value in enumerate(naughty[::12]):
        response = register(client, email=f"n{n}@example.org", display_name=value)
        assert response.status_code in (302, 422), value
        if response.status_code == 422:
            assert 'id="display_name-error"' in response.get_data(as_text=True), value
            assert user_by_email(f"n{n}@example.org") is None
            continue
        assert user_by_email(f"n{n}@example.org").display_name == value.strip()
        assert client.get("/account/").status_code == 200
        assert "<script>alert" not in client.get("/account/").get_data(as_text=True)
        client.post("/auth/logout")


def test_naughty_logins_are_refused_quietly(client, naughty):
    user = make_user("anna@example.org")
    before = user_rows()
    for value in naughty[::20]:
        response = client.post("/auth/login", data={"email": value, "password": value})
        assert response.status_code == 422, value
        response = client.post("/auth/login", data={"email": user.email, "password": value})
        assert response.status_code == 422, value
    assert not logged_in(client)
    assert user_rows() == before


def test_naughty_reset_tokens_are_refused(client, naughty):
    for value in naughty[::10]:
        response = client.get("/auth/reset/" + value.replace("/", "").replace("?", "").replace("#", "") + "x")
        assert response.status_code in (400, 404), value
