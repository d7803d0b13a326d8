import re
import time

from itsdangerous import TimestampSigner
from werkzeug.security import check_password_hash

from innovex.auth.services import reset_token
from innovex.mail import outbox_messages
from tests.auth.helpers import fresh, session_ids, user_rows
from tests.factories import PASSWORD, login, make_user

NEW = "a brand new passphrase"
ANSWER = "If an account exists for this address, we have sent it a link"


def request_link(client, email) -> str:
    response = client.post("/auth/reset", data={"email": email}, follow_redirects=True)
    assert ANSWER in response.get_data(as_text=True)
    message = outbox_messages()[-1]
    assert message["To"] == email.strip().lower()
    return re.search(r"https?://\S+", message.get_content()).group(0)


def test_reset_page_renders(client):
    assert client.get("/auth/reset").status_code == 200


def test_unknown_email_gets_the_same_answer_and_no_mail(client):
    make_user("anna@example.org")
    known = client.post("/auth/reset", data={"email": "anna@example.org"})
    unknown = client.post("/auth/reset", data={"email": "nobody@example.org"})
    invalid = client.post("/auth/reset", data={"email": "not an email"})
    assert known.status_code == unknown.status_code == invalid.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"] == invalid.headers["Location"]
    assert [m["To"] for m in outbox_messages()] == ["anna@example.org"]
    assert ANSWER in client.get("/auth/login").get_data(as_text=True)


def test_reset_link_works_once(client):
    user = make_user("anna@example.org", display_name="Anna")
    link = request_link(client, "ANNA@example.org ")
    assert "Anna" in outbox_messages()[-1].get_content()
    assert client.get(link).status_code == 200
    response = client.post(link, data={"password": NEW, "confirm": NEW})
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/login"
    changed = fresh(user)
    assert check_password_hash(changed.password_hash, NEW)
    assert session_ids(changed) == []
    assert "Your innovex password was changed" in {m["Subject"] for m in outbox_messages()}
    assert login(client, changed, password=NEW).status_code == 302
    client.post("/auth/logout")

    before = user_rows()
    for response in (
        client.get(link),
        client.post(link, data={"password": "another passphrase!", "confirm": "another passphrase!"}),
    ):
        assert response.status_code == 400
        assert "has been used already" in response.get_data(as_text=True)
    assert user_rows() == before


def test_password_change_kills_an_older_link(client):
    user = make_user()
    link = request_link(client, user.email)
    login(client, user)
    client.post("/account/password", data={"current_password": PASSWORD, "password": NEW, "confirm": NEW})
    assert client.get(link).status_code == 400


def test_tampered_token_is_refused(client, app):
    user = make_user()
    token = reset_token(user)
    before = user_rows()
    for bad in (
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        "garbage",
        token.replace(".", "x", 1),
    ):
        response = client.post(f"/auth/reset/{bad}", data={"password": NEW, "confirm": NEW})
        assert response.status_code == 400
        assert "This reset link is not valid." in response.get_data(as_text=True)
    assert user_rows() == before


def test_expired_token_is_refused(client, app, monkeypatch):
    user = make_user()
    token = reset_token(user)
    before = user_rows()
    later = int(time.time()) + app.config["PASSWORD_RESET_MAX_AGE"] + 5
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: later)
    response = client.post(f"/auth/reset/{token}", data={"password": NEW, "confirm": NEW})
    assert response.status_code == 400
    assert "This reset link has expired." in response.get_data(as_text=True)
    assert user_rows() == before


def test_new_password_must_follow_the_policy(client):
    user = make_user(display_name="Anna Schmidt")
    link = request_link(client, user.email)
    before = user_rows()
    for password in ("baseball", "short", "anna schmidt", user.email):
        response = client.post(link, data={"password": password, "confirm": password})
        assert response.status_code == 422
        assert "field-error" in response.get_data(as_text=True)
    assert user_rows() == before
    assert client.get(link).status_code == 200  # a refusal does not use the link up


def test_mail_is_written_in_the_users_language(app, client, monkeypatch):
    from flask_babel import get_locale

    from innovex.auth import services

    def tagged(text, **values):
        return f"[{get_locale()}] " + (text % values if values else text)

    monkeypatch.setattr(services, "_", tagged)
    app.config["BABEL_DEFAULT_LOCALE"] = "de"
    make_user("anna@example.org", locale="de")
    make_user("ben@example.org", locale="en")
    make_user("cem@example.org", locale=None)
    for email in ("anna@example.org", "ben@example.org", "cem@example.org"):
        client.post("/auth/reset", data={"email": email})
    subjects = {message["To"]: message["Subject"] for message in outbox_messages()}
    assert subjects == {
        "anna@example.org": "[de] Reset your innovex password",
        "ben@example.org": "[en] Reset your innovex password",
        "cem@example.org": "[de] Reset your innovex password",  # no preference: the site's default language
    }
