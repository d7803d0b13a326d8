import pytest
from werkzeug.security import check_password_hash

from innovex.auth.services import register_user, unique_handle
from innovex.domain import DomainError
from innovex.mail import outbox_messages
from tests.auth.helpers import logged_in, user_by_email, user_rows
from tests.factories import make_user

GOOD = "a long and unusual passphrase"


def register(client, **overrides):
    data = {
        "email": "anna@example.org",
        "display_name": "Anna Schmidt",
        "password": GOOD,
        "confirm": GOOD,
        "consent": "y",
    }
    data.update(overrides)
    return client.post("/auth/register", data=data)


def test_register_page_renders(client):
    response = client.get("/auth/register")
    assert response.status_code == 200
    assert 'name="confirm"' in response.get_data(as_text=True)


def test_register_creates_account_logs_in_and_points_to_organisations(client):
    response = register(client, email="  Anna@Example.ORG ")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/account/")
    user = user_by_email("anna@example.org")
    assert user.display_name == "Anna Schmidt"
    assert user.handle == "anna-schmidt"
    assert user.role == "member"
    assert check_password_hash(user.password_hash, GOOD)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Welcome to innovex" in page
    assert 'href="/organisations/new"' in page
    assert 'href="/organisations/"' in page
    assert logged_in(client)


def test_handles_get_numbered_when_taken(app):
    assert unique_handle("Anna Schmidt") == "anna-schmidt"
    first = register_user("a1@example.org", "Anna Schmidt", GOOD)
    second = register_user("a2@example.org", "anna  schmidt!", GOOD)
    third = register_user("a3@example.org", "Änna Schmidt", GOOD)
    assert (first.handle, second.handle, third.handle) == ("anna-schmidt", "anna-schmidt-2", "aenna-schmidt")
    assert register_user("a4@example.org", "ANNA SCHMIDT", GOOD).handle == "anna-schmidt-3"
    assert register_user("a5@example.org", "東京", GOOD).handle == "user"
    assert len(register_user("a6@example.org", "x" * 80, GOOD).handle) <= 40


def test_register_adopts_language_chosen_before(client):
    client.post("/language", data={"lang": "en", "next": "/"})
    register(client)
    assert user_by_email("anna@example.org").locale == "en"


@pytest.mark.parametrize(
    ("accept", "locale", "subject"),
    [
        ("en-GB,en;q=0.8", "en", "Please confirm your email address for innovex"),
        ("de-DE,de;q=0.9", "de", "Bitte bestätigen Sie Ihre E-Mail-Adresse für innovex"),
    ],
)
def test_register_keeps_the_browsers_language_for_the_mails(client, accept, locale, subject):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = accept
    register(client)
    assert user_by_email("anna@example.org").locale == locale
    assert [mail["Subject"] for mail in outbox_messages()] == [subject]


def test_duplicate_email_is_refused_with_field_error(client):
    make_user("anna@example.org")
    before = user_rows()
    response = register(client, email="ANNA@example.org ")
    assert response.status_code == 422
    assert "An account with this email address exists already." in response.get_data(as_text=True)
    assert user_rows() == before
    assert not logged_in(client)


def test_service_refuses_duplicates_too(app):
    make_user("anna@example.org")
    with pytest.raises(DomainError) as caught:
        register_user("Anna@Example.org", "Anna", GOOD)
    assert caught.value.field == "email"


@pytest.mark.parametrize(
    "email", ["not-an-email", "anna@", "@example.org", "anna@localhost", "a b@example.org"]
)
def test_bad_email_is_refused(client, email):
    response = register(client, email=email)
    assert response.status_code == 422
    assert "Please enter a valid email address." in response.get_data(as_text=True)
    assert user_rows() == []


def test_mismatched_confirmation_is_refused(client):
    response = register(client, confirm=GOOD + "!")
    assert response.status_code == 422
    assert "The two passwords differ." in response.get_data(as_text=True)
    assert user_rows() == []


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "Use at least 8 characters."),
        ("", "This field is required."),
        ("x" * 257, "Use at most 256 characters."),
        ("iloveyou", "commonly used passwords"),
        ("Football", "commonly used passwords"),
        ("anna@example.org", "must not be your email address"),
        ("Anna Schmidt", "must not be your name"),
    ],
)
def test_password_policy_is_enforced(client, password, message):
    response = register(client, password=password, confirm=password)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert user_rows() == []


def test_no_composition_rules_and_long_passwords_accepted(client):
    password = "y" * 100 + "ü" * 28
    assert len(password) == 128
    response = register(client, password=password, confirm=password)
    assert response.status_code == 302
    assert check_password_hash(user_by_email("anna@example.org").password_hash, password)


def test_logged_in_user_is_sent_to_the_dashboard(client):
    register(client)
    response = client.get("/auth/register")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/"


def test_a_registration_racing_another_with_the_same_email_gets_a_field_error(app, monkeypatch):
    """The uniqueness check and the insert are not atomic; the unique constraint decides, without a 500."""
    import sqlalchemy as sa

    from innovex.auth import services
    from innovex.domain import DomainError
    from innovex.extensions import db
    from innovex.models import User

    services.register_user("race@example.org", "First", "a long enough passphrase")
    db.session.commit()
    monkeypatch.setattr(services, "ensure_email_free", lambda *args, **kwargs: None)  # the check saw nothing
    try:
        services.register_user("race@example.org", "Second", "another long passphrase")
    except DomainError as error:
        assert error.field == "email"
    else:
        raise AssertionError("no error for a duplicate email")
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1
