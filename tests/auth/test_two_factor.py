"""Two-factor login's services: TOTP codes within one step of drift, each accepted once, recovery codes used
up, switching on and off."""

import pyotp
import pytest
import sqlalchemy as sa

from innovex.auth import two_factor
from innovex.auth.sessions import open_login_session
from innovex.domain import DomainError
from innovex.models import LoginSession, RecoveryCode
from tests.factories import PASSWORD, TOTP_SECRET, make_user

STEP = 60_000_000  # a fixed time step (some day in 2027), so that no test runs across a step boundary


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setattr(two_factor, "_current_step", lambda: STEP)


def code(step_offset: int = 0, secret: str = TOTP_SECRET) -> str:
    return pyotp.TOTP(secret).at((STEP + step_offset) * two_factor.STEP_SECONDS)


def count_codes(user) -> int:
    return two_factor.remaining_recovery_codes(user)


def test_the_current_code_is_accepted_once(app, db):
    user = make_user(two_factor=True)
    assert two_factor.check_code(user, code()) == "app"
    db.session.commit()
    assert user.totp_last_step == STEP
    with pytest.raises(DomainError, match="used already") as refused:
        two_factor.check_code(user, code())
    assert refused.value.field == "code"


@pytest.mark.parametrize("offset", [-1, 1])
def test_a_code_one_step_early_or_late_is_accepted(app, db, offset):
    user = make_user(two_factor=True)
    assert two_factor.check_code(user, code(offset)) == "app"


@pytest.mark.parametrize("offset", [-2, 2, 10])
def test_a_code_further_off_is_refused(app, db, offset):
    user = make_user(two_factor=True)
    with pytest.raises(DomainError, match="not right"):
        two_factor.check_code(user, code(offset))


def test_an_older_code_after_a_newer_one_is_refused(app, db):
    user = make_user(two_factor=True)
    two_factor.check_code(user, code(1))
    with pytest.raises(DomainError):
        two_factor.check_code(user, code(0))


@pytest.mark.parametrize(
    "wrong",
    [
        "",
        None,
        "000000x",
        "12345",
        "1234567",
        "１２３４５６",
        "\x00" * 6,
        "9" * 400,
        "abcd-efgh-ijkl",
        "\ud800" * 12,
    ],
)
def test_wrong_and_odd_codes_are_refused_with_a_field_error(app, db, wrong):
    user = make_user(two_factor=True)
    if wrong == code():
        pytest.skip("the fixed step happens to have this code")
    with pytest.raises(DomainError) as refused:
        two_factor.check_code(user, wrong)
    assert refused.value.field == "code"


def test_a_code_with_spaces_is_accepted(app, db):
    user = make_user(two_factor=True)
    current = code()
    assert two_factor.check_code(user, f" {current[:3]} {current[3:]} ") == "app"


def test_switching_on_needs_a_code_from_the_new_secret_and_gives_recovery_codes(app, db):
    user = make_user()
    record, _token = open_login_session(user)
    other_id = open_login_session(user)[0].id
    secret = two_factor.new_secret()
    with pytest.raises(DomainError):
        two_factor.enable(user, secret, code(secret=TOTP_SECRET), record)
    assert not user.two_factor_enabled
    codes = two_factor.enable(user, secret, code(secret=secret), record)
    db.session.commit()
    assert user.two_factor_enabled and user.totp_secret == secret
    assert len(codes) == two_factor.RECOVERY_CODES == len(set(codes)) == count_codes(user)
    assert record.two_factor_at is not None
    # the other session was opened with the password alone: it ends
    ids = set(db.session.scalars(sa.select(LoginSession.id).where(LoginSession.user_id == user.id)))
    assert ids == {record.id} and other_id not in ids
    stored = set(db.session.scalars(sa.select(RecoveryCode.code_hash)))
    assert not stored & {c.replace("-", "") for c in codes}, "only hashes are kept"
    with pytest.raises(DomainError, match="already"):
        two_factor.enable(user, secret, code(1, secret=secret), record)


def test_a_recovery_code_works_once(app, db):
    user = make_user()
    codes = two_factor.enable(user, TOTP_SECRET, code(), None)
    db.session.commit()
    assert two_factor.check_code(user, codes[3].upper()) == "recovery"
    db.session.commit()
    assert count_codes(user) == two_factor.RECOVERY_CODES - 1
    with pytest.raises(DomainError):
        two_factor.check_code(user, codes[3])
    assert two_factor.check_code(user, codes[4].replace("-", " ")) == "recovery"


def test_another_accounts_recovery_code_does_not_count(app, db):
    anna, ben = make_user(), make_user(two_factor=True)
    anna_codes = two_factor.enable(anna, TOTP_SECRET, code(), None)
    with pytest.raises(DomainError):
        two_factor.check_code(ben, anna_codes[0])
    assert count_codes(anna) == two_factor.RECOVERY_CODES


def test_switching_off_needs_the_password_and_a_code(app, db):
    user = make_user(two_factor=True)
    two_factor.new_recovery_codes(user)
    with pytest.raises(DomainError) as refused:
        two_factor.disable(user, "wrong password", code())
    assert refused.value.field == "current_password"
    with pytest.raises(DomainError) as refused:
        two_factor.disable(user, PASSWORD, "000000" if code() != "000000" else "111111")
    assert refused.value.field == "code"
    assert user.two_factor_enabled
    two_factor.disable(user, PASSWORD, code())
    db.session.commit()
    assert not user.two_factor_enabled and user.totp_secret is None
    assert count_codes(user) == 0


def test_the_qr_code_is_inline_svg_of_the_otpauth_address(app, db):
    user = make_user(email="anna@example.org")
    uri = two_factor.provisioning_uri(user, TOTP_SECRET)
    assert uri.startswith("otpauth://totp/innovex:anna%40example.org?secret=" + TOTP_SECRET)
    with app.test_request_context():
        svg = str(two_factor.qr_code(uri))
    assert svg.startswith("<svg ") and 'role="img"' in svg and "<script" not in svg
    assert two_factor.grouped("ABCDEFGHIJ") == "ABCD EFGH IJ"
