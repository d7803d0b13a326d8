"""Two-factor login through the client: setting it up, the login's second step, switching it off, staff who
must have it, limits and CSRF."""

import re

import pyotp
import pytest
import sqlalchemy as sa
from flask import g

from innovex.auth import two_factor
from innovex.auth.sessions import open_login_session
from innovex.extensions import db as _db
from innovex.models import LoginSession, RecoveryCode, User
from tests.conftest import build_app
from tests.factories import PASSWORD, TOTP_SECRET, login, login_as, make_user


def now_code(secret: str = TOTP_SECRET, steps: int = 0) -> str:
    """The code for the current time step plus `steps`."""
    step = two_factor._current_step() + steps
    return pyotp.TOTP(secret).at(step * two_factor.STEP_SECONDS)


def page(response) -> str:
    return response.get_data(as_text=True)


def logged_in(client) -> bool:
    return client.get("/account/").status_code == 200


def set_up(client) -> list[str]:
    """Switch two-factor login on from the settings page, as a member does; the recovery codes."""
    html = page(client.get("/account/two-factor"))
    secret = re.search(r'class="totp-secret">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")
    response = client.post("/account/two-factor", data={"code": now_code(secret)})
    assert response.status_code == 200
    return re.findall(r"<li><code>([0-9a-f-]{14})</code></li>", page(response))


def test_setting_up_shows_a_qr_code_and_confirms_with_a_code(app, client, db):
    user = make_user()
    login_as(client, user)
    html = page(client.get("/account/two-factor"))
    assert "<svg " in html and "otpauth://totp/innovex:" in html
    secret = re.search(r'class="totp-secret">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")
    assert secret in page(client.get("/account/two-factor")).replace(" ", ""), "the same secret on reload"

    wrong = client.post("/account/two-factor", data={"code": "12345x"})
    assert wrong.status_code == 422 and 'id="code-error"' in page(wrong)
    db.session.expire_all()
    assert not db.session.get(User, user.id).two_factor_enabled

    response = client.post("/account/two-factor", data={"code": now_code(secret)})
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([0-9a-f-]{14})</code></li>", page(response))
    assert len(codes) == two_factor.RECOVERY_CODES
    db.session.expire_all()
    user = db.session.get(User, user.id)
    assert user.two_factor_enabled and user.totp_secret == secret
    assert logged_in(client), "this session stays logged in, having passed the second factor"
    assert db.session.scalar(sa.select(LoginSession.two_factor_at).where(LoginSession.user_id == user.id))
    after = page(client.get("/account/two-factor"))
    assert secret not in after.replace(" ", "") and "otpauth" not in after, "the secret is not shown again"
    assert "10 unused recovery codes" in after


def test_setting_up_needs_a_confirmed_address(app, client, db):
    user = make_user(email_verified_at=None)
    login_as(client, user)
    assert client.get("/account/two-factor").status_code == 200
    assert client.post("/account/two-factor", data={"code": "123456"}).status_code == 403


def test_login_asks_for_the_code_before_logging_in(app, client, db):
    user = make_user(two_factor=True)
    response = login(client, user, second_factor=False)
    assert response.status_code == 302 and response.headers["Location"].startswith("/auth/login/code")
    assert not logged_in(client)
    assert _db.session.scalar(sa.select(sa.func.count()).select_from(LoginSession)) == 0

    wrong = client.post("/auth/login/code", data={"code": "000000" if now_code() != "000000" else "111111"})
    assert wrong.status_code == 422
    assert 'id="code-error"' in page(wrong) and "This code is not right" in page(wrong)
    assert not logged_in(client)

    right = client.post("/auth/login/code", data={"code": now_code()})
    assert right.status_code == 302 and right.headers["Location"] == "/account/"
    assert logged_in(client)
    record = _db.session.scalar(sa.select(LoginSession).where(LoginSession.user_id == user.id))
    assert record.two_factor_at is not None


def test_the_same_code_does_not_open_a_second_session(app, client, db):
    user = make_user(two_factor=True)
    login(client, user, second_factor=False)
    used = now_code()
    client.post("/auth/login/code", data={"code": used})
    other = app.test_client()
    login(other, user, second_factor=False)
    response = other.post("/auth/login/code", data={"code": used})
    assert response.status_code == 422 and "used already" in page(response)


def test_a_new_session_asks_again(app, client, db):
    user = make_user(two_factor=True)
    login(client, user, second_factor=False)
    client.post("/auth/login/code", data={"code": now_code()})
    client.post("/auth/logout")
    assert login(client, user, second_factor=False).headers["Location"].startswith("/auth/login/code")
    assert not logged_in(client)


def test_a_recovery_code_logs_in_once(app, client, db):
    user = make_user()
    login_as(client, user)
    codes = set_up(client)
    client.post("/auth/logout")
    login(client, user, second_factor=False)
    response = client.post("/auth/login/code", data={"code": codes[0]}, follow_redirects=True)
    assert response.status_code == 200 and "9 are left" in page(response)
    client.post("/auth/logout")
    login(client, user, second_factor=False)
    response = client.post("/auth/login/code", data={"code": codes[0]})
    assert response.status_code == 422 and not logged_in(client)


def test_next_survives_the_second_step(app, client, db):
    user = make_user(two_factor=True)
    response = client.post(
        "/auth/login?next=/account/settings", data={"email": user.email, "password": PASSWORD}
    )
    assert "next=/account/settings" in response.headers["Location"].replace("%2F", "/")
    response = client.post(response.headers["Location"], data={"code": now_code()})
    assert response.headers["Location"] == "/account/settings"


def test_the_code_step_without_a_password_or_after_its_time_sends_back(app, client, db):
    assert client.get("/auth/login/code").headers["Location"].startswith("/auth/login")
    assert client.post("/auth/login/code", data={"code": now_code()}).status_code == 302
    user = make_user(two_factor=True)
    login(client, user, second_factor=False)
    app.config["TWO_FACTOR_LOGIN_MAX_AGE"] = -1
    response = client.post("/auth/login/code", data={"code": now_code()})
    assert response.headers["Location"].startswith("/auth/login") and not logged_in(client)


def test_a_forged_or_outdated_pending_note_is_refused(app, client, db):
    user = make_user(two_factor=True)
    with client.session_transaction() as session:
        session[two_factor.PENDING_KEY] = "eyJ1c2VyIjoxfQ.forged.signature"
    assert client.post("/auth/login/code", data={"code": now_code()}).status_code == 302
    login(client, user, second_factor=False)
    user.set_password("another long passphrase here")  # changed in between
    _db.session.commit()
    assert client.post("/auth/login/code", data={"code": now_code()}).status_code == 302
    assert not logged_in(client)


def test_switching_off_needs_the_password_and_a_code(app, client, db):
    user = make_user(two_factor=True)
    _db.session.add(RecoveryCode(user_id=user.id, code_hash="x" * 64))
    _db.session.commit()
    login_as(client, user)
    response = client.post(
        "/account/two-factor/disable", data={"current_password": "wrong", "code": now_code()}
    )
    assert response.status_code == 422 and 'id="current_password-error"' in page(response)
    response = client.post("/account/two-factor/disable", data={"current_password": PASSWORD, "code": ""})
    assert response.status_code == 422 and 'id="code-error"' in page(response)
    _db.session.expire_all()
    assert _db.session.get(User, user.id).two_factor_enabled
    response = client.post(
        "/account/two-factor/disable", data={"current_password": PASSWORD, "code": now_code()}
    )
    assert response.status_code == 302
    _db.session.expire_all()
    assert not _db.session.get(User, user.id).two_factor_enabled
    assert _db.session.scalar(sa.select(sa.func.count()).select_from(RecoveryCode)) == 0
    assert login(client, make_user()).status_code == 302


def test_new_recovery_codes_replace_the_old_ones(app, client, db):
    user = make_user()
    login_as(client, user)
    old = set_up(client)
    response = client.post("/account/two-factor/recovery-codes", data={"code": old[0]})
    assert response.status_code == 422, "a recovery code does not make new ones"
    response = client.post("/account/two-factor/recovery-codes", data={"code": now_code(user.totp_secret, 1)})
    new = re.findall(r"<li><code>([0-9a-f-]{14})</code></li>", page(response))
    assert len(new) == two_factor.RECOVERY_CODES and not set(new) & set(old)
    assert not two_factor.use_recovery_code(user, old[1])


@pytest.mark.parametrize("url", ["/moderation/queue", "/moderation/roles"])
def test_staff_without_two_factor_are_sent_to_set_it_up(app, client, db, url):
    admin = make_user(role="admin", two_factor=False)
    login_as(client, admin)
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/account/two-factor?next=")
    html = page(client.get(response.headers["Location"]))
    assert "Moderators and administrators must use two-factor login" in html

    codes = set_up(client)
    assert codes and client.get(url).status_code == 200


def test_staff_with_two_factor_pass_and_the_setting_can_switch_it_off(app, client, db):
    moderator = make_user(role="moderator")
    login_as(client, moderator)
    assert client.get("/moderation/queue").status_code == 200
    plain = make_user(role="moderator", two_factor=False)
    login_as(client, plain)
    assert client.get("/moderation/queue").status_code == 302
    app.config["REQUIRE_2FA_FOR_STAFF"] = False
    assert client.get("/moderation/queue").status_code == 200


def test_members_still_get_403_from_moderation(app, client, db):
    login_as(client, make_user())
    assert client.get("/moderation/queue").status_code == 403


def test_a_staff_session_that_skipped_the_second_factor_logs_in_again(app, client, db):
    moderator = make_user(role="moderator")
    _record, token = open_login_session(moderator)  # e.g. from before two-factor login existed
    _db.session.commit()
    with client.session_transaction() as session:
        session["_user_id"] = token
    response = client.get("/moderation/queue")
    assert response.status_code == 302 and response.headers["Location"].startswith("/auth/login")
    assert _db.session.scalar(sa.select(sa.func.count()).select_from(LoginSession)) == 0


@pytest.fixture
def throttled(tmp_path):
    app = build_app(
        tmp_path,
        WTF_CSRF_ENABLED=False,
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI="memory://",
        RATELIMIT_LOGIN="100 per minute",
        RATELIMIT_TOTP="100 per minute",
        RATELIMIT_TOTP_ACCOUNT="2 per minute",
    )
    with app.app_context():
        _db.create_all()
        yield app
        _db.session.remove()
        _db.drop_all()


def test_wrong_codes_are_limited_per_account_from_any_address(throttled):
    user = make_user(two_factor=True)
    statuses = []
    for n in range(3):
        client = throttled.test_client()
        client.environ_base["REMOTE_ADDR"] = f"198.51.100.{n + 1}"
        login(client, user, second_factor=False)
        statuses.append(client.post("/auth/login/code", data={"code": "abcdef"}).status_code)
    assert statuses == [422, 422, 429]
    client = throttled.test_client()
    client.environ_base["REMOTE_ADDR"] = "198.51.100.9"
    login(client, user, second_factor=False)
    response = client.post("/auth/login/code", data={"code": now_code()})
    assert response.status_code == 429 and "Too many wrong codes" in page(response)


def test_the_code_step_is_limited_per_address(tmp_path):
    app = build_app(tmp_path, WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=True, RATELIMIT_TOTP="2 per minute")
    with app.app_context():
        _db.create_all()
        user = make_user(two_factor=True)
        client = app.test_client()
        login(client, user, second_factor=False)
        statuses = [client.post("/auth/login/code", data={"code": "x"}).status_code for _ in range(3)]
        assert statuses[-1] == 429
        _db.session.remove()
        _db.drop_all()


def test_two_factor_forms_need_the_csrf_token(csrf_app, db):
    user = make_user()
    client = csrf_app.test_client()
    login_as(client, user)
    html = page(client.get("/account/two-factor"))
    secret = re.search(r'class="totp-secret">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")
    assert client.post("/account/two-factor", data={"code": now_code(secret)}).status_code == 400
    _db.session.expire_all()
    assert not _db.session.get(User, user.id).two_factor_enabled


def test_deleting_the_account_takes_its_recovery_codes(app, client, db):
    user = make_user()
    login_as(client, user)
    assert set_up(client)
    assert client.post("/account/delete", data={"password": PASSWORD}).status_code == 302
    assert _db.session.scalar(sa.select(sa.func.count()).select_from(RecoveryCode)) == 0


def test_without_two_factor_a_moderator_has_no_moderator_power_anywhere(app, client, db):
    """Not only the moderation pages: every permission check treats them as a member until they pass it."""
    from innovex import permissions
    from tests.factories import make_actor

    moderator = make_user(role="moderator", two_factor=False)
    actor = make_actor(status="hidden")
    login_as(client, moderator)
    assert client.get(f"/organisations/{actor.slug}").status_code == 404
    home = page(client.get("/"))
    assert 'href="/moderation/queue"' in home, "the navigation still shows the way to set it up"
    g.pop("_login_user", None)  # the test's shared app context caches the last request's user
    with app.test_request_context():
        assert permissions.is_moderator(moderator), "outside its own request a role is what it is"
    login_as(client, make_user(role="moderator"))
    assert client.get(f"/organisations/{actor.slug}").status_code == 200
