"""Failed logins and reset mails are limited per account, whatever the address they come from; a browser
that logged in to the account before is not counted, so a guesser cannot lock the owner out."""

import pytest

from innovex.abuse import DEVICE_COOKIE
from innovex.extensions import db as _db
from innovex.mail import outbox_messages
from tests.conftest import build_app
from tests.factories import PASSWORD, make_user


@pytest.fixture
def throttled(tmp_path):
    app = build_app(
        tmp_path,
        WTF_CSRF_ENABLED=False,
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI="memory://",
        RATELIMIT_LOGIN="100 per minute",  # per address: out of the way here
        RATELIMIT_RESET="100 per minute",
        RATELIMIT_LOGIN_ACCOUNT="3 per minute",
        RATELIMIT_RESET_ACCOUNT="2 per hour",
    )
    with app.app_context():
        _db.create_all()
        yield app
        _db.session.remove()
        _db.drop_all()


def login(client, email, password, address):
    return client.post(
        "/auth/login", data={"email": email, "password": password}, environ_base={"REMOTE_ADDR": address}
    )


def guess(app, email, times):
    """Wrong passwords from as many addresses (and browsers) as guesses."""
    addresses = [f"198.51.100.{n}" for n in range(times)]
    return [login(app.test_client(), email, "wrong-guess", address).status_code for address in addresses]


def test_guesses_from_many_addresses_slow_down_for_that_account(throttled):
    owner = make_user("owner@example.org")
    assert guess(throttled, owner.email, 4) == [422, 422, 422, 429]
    fresh_browser = throttled.test_client()
    response = login(fresh_browser, owner.email, PASSWORD, "203.0.113.9")
    assert response.status_code == 429
    assert "Too many failed attempts for this account" in response.get_data(as_text=True)
    assert fresh_browser.get("/account/settings").status_code == 302  # not logged in
    other = make_user("other@example.org")
    assert login(throttled.test_client(), other.email, PASSWORD, "198.51.100.1").status_code == 302


def test_the_owners_known_browser_still_gets_in(throttled):
    owner = make_user("owner@example.org")
    browser = throttled.test_client()
    assert login(browser, owner.email, PASSWORD, "203.0.113.9").status_code == 302
    assert browser.get_cookie(DEVICE_COOKIE) is not None
    browser.post("/auth/logout")
    guess(throttled, owner.email, 5)
    assert login(browser, owner.email, PASSWORD, "203.0.113.9").status_code == 302
    assert browser.get("/account/settings").status_code == 200


def test_a_forged_device_cookie_does_not_help(throttled):
    owner = make_user("owner@example.org")
    guess(throttled, owner.email, 3)
    attacker = throttled.test_client()
    attacker.set_cookie(DEVICE_COOKIE, "eyJ4IjoieSJ9.forged")
    assert login(attacker, owner.email, PASSWORD, "198.51.100.200").status_code == 429


def test_reset_mails_per_account_are_limited_without_saying_so(throttled):
    owner = make_user("owner@example.org")
    before = len(outbox_messages())
    answers = []
    for n in range(4):
        response = throttled.test_client().post(
            "/auth/reset", data={"email": owner.email}, environ_base={"REMOTE_ADDR": f"198.51.100.{n}"}
        )
        answers.append(response.status_code)
    assert answers == [302, 302, 302, 302]  # the same answer every time
    assert len(outbox_messages()) - before == 2
