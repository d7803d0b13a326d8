"""Two-factor login with time-based one-time passwords (TOTP, RFC 6238, via pyotp) and recovery codes.

A member switches it on from the account settings by scanning a secret into an authenticator app and typing
the code it shows; they get RECOVERY_CODES one-time codes for the day the phone is lost. From then on, logging
in asks for a code after the password, and only then is a login session opened: the session row records that
it passed the second factor, so a new session asks again. A code is accepted once (the last used time step is
kept) and one step early or late, for clocks that drift. The secret is stored as is, since checking a code
needs it; it is shown only while setting up. Recovery codes are kept as SHA-256 hashes (they are random, so a
slow hash adds nothing) and deleted when used.
"""

import hashlib
import hmac
import re
import secrets
import time

import pyotp
import segno
import sqlalchemy as sa
from flask import current_app, flash, has_request_context, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeTimedSerializer
from markupsafe import Markup, escape
from sqlalchemy.orm.attributes import set_committed_value

from innovex.auth.sessions import current_login_session, end_session, end_sessions
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.models import LoginSession, RecoveryCode, User
from innovex.models.base import utcnow

ISSUER = "innovex"
RECOVERY_CODES = 10
STEP_SECONDS = 30
DRIFT_STEPS = 1  # codes of the previous and the next time step count too
CODE_DIGITS = 6
_NOT_CODE = re.compile(r"[\s-]+")


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_code(uri: str) -> Markup:
    """The address as an inline SVG QR code (no image request, nothing for the CSP to allow)."""
    svg = segno.make(uri, error="m").svg_inline(scale=5, border=2, dark="#000", light="#fff")
    label = escape(_("QR code for your authenticator app"))
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))


def grouped(secret: str) -> str:
    """The secret in groups of four letters, easier to type into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _clean(code: str | None) -> str:
    return _NOT_CODE.sub("", code or "").lower()[:64]


def _current_step() -> int:
    return int(time.time()) // STEP_SECONDS


def matching_step(secret: str, code: str | None, after: int | None = None) -> int | None:
    """The time step within the allowed drift whose code this is, if it is later than `after`; else None."""
    code = _clean(code)
    if len(code) != CODE_DIGITS or not (code.isascii() and code.isdigit()):  # not "١٢٣٤٥٦"
        return None
    totp = pyotp.TOTP(secret)
    now = _current_step()
    for step in range(now - DRIFT_STEPS, now + DRIFT_STEPS + 1):
        if (after is None or step > after) and hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
            return step
    return None


def _wrong_code() -> DomainError:
    return DomainError(
        _("This code is not right. Enter the current code from your app, or one of your recovery codes."),
        field="code",
    )


def check_code(user: User, code: str | None, recovery: bool = True) -> str:
    """Accept a current code of the user's app (once), or else one of their recovery codes, which is then used
    up; "app" or "recovery". DomainError(field="code") otherwise. The caller commits."""
    if not user.two_factor_enabled:
        raise DomainError(_("Two-factor login is not switched on for this account."), field="code")
    step = matching_step(user.totp_secret, code, after=user.totp_last_step)
    if step is not None:
        # A conditional update, so that two requests with the same code cannot both pass.
        taken = db.session.execute(
            sa.update(User)
            .where(User.id == user.id, sa.or_(User.totp_last_step.is_(None), User.totp_last_step < step))
            .values(totp_last_step=step)
            .execution_options(synchronize_session=False)
        )
        if taken.rowcount == 1:
            set_committed_value(user, "totp_last_step", step)
            return "app"
    elif matching_step(user.totp_secret, code) is not None:
        raise DomainError(
            _("This code has been used already. Please wait for the next code from your app."), field="code"
        )
    elif recovery and use_recovery_code(user, code):
        return "recovery"
    raise _wrong_code()


def _hash(code: str) -> str:
    return hashlib.sha256(_clean(code).encode()).hexdigest()


def use_recovery_code(user: User, code: str | None) -> bool:
    """Use up one of the user's recovery codes; whether it was one."""
    cleaned = _clean(code)
    if len(cleaned) != 12 or not all(ch in "0123456789abcdef" for ch in cleaned):
        return False
    deleted = db.session.execute(
        sa.delete(RecoveryCode)
        .where(RecoveryCode.user_id == user.id, RecoveryCode.code_hash == _hash(code))
        .execution_options(synchronize_session=False)
    )
    db.session.expire(user, ["recovery_codes"])
    return deleted.rowcount == 1


def new_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes with RECOVERY_CODES new ones; the codes, to be shown once."""
    db.session.execute(
        sa.delete(RecoveryCode)
        .where(RecoveryCode.user_id == user.id)
        .execution_options(synchronize_session=False)
    )
    codes = []
    for _n in range(RECOVERY_CODES):
        raw = secrets.token_hex(6)  # 48 random bits, shown as xxxx-xxxx-xxxx
        codes.append("-".join(raw[i : i + 4] for i in range(0, 12, 4)))
        db.session.add(RecoveryCode(user_id=user.id, code_hash=_hash(raw)))
    db.session.flush()
    db.session.expire(user, ["recovery_codes"])
    return codes


def remaining_recovery_codes(user: User) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(RecoveryCode).where(RecoveryCode.user_id == user.id)
    )


def enable(user: User, secret: str, code: str | None, login_session: LoginSession | None) -> list[str]:
    """Switch two-factor login on with the secret the user scanned, once they typed a code from it; the
    current login session counts as having passed it, the others end. Returns the new recovery codes."""
    if user.two_factor_enabled:
        raise DomainError(_("Two-factor login is already switched on."), field="code")
    step = matching_step(secret, code) if secret else None
    if step is None:
        raise DomainError(
            _("This code is not right. Check that your device's clock is right and enter the current code."),
            field="code",
        )
    user.totp_secret, user.totp_enabled_at, user.totp_last_step = secret, utcnow(), step
    if login_session is not None:
        login_session.two_factor_at = utcnow()
    # Sessions opened with the password alone would otherwise stay open without the second factor.
    end_sessions(user, keep=login_session)
    return new_recovery_codes(user)


def disable(user: User, password: str | None, code: str | None) -> None:
    """Switch two-factor login off after the password and a current (or recovery) code."""
    if not user.check_password(password or ""):
        raise DomainError(_("Your current password is not correct."), field="current_password")
    check_code(user, code)
    switch_off(user)


def switch_off(user: User) -> None:
    """Forget the secret and the recovery codes (after the checks of `disable`, or by the operator)."""
    user.totp_secret = user.totp_enabled_at = user.totp_last_step = None
    db.session.execute(
        sa.delete(RecoveryCode)
        .where(RecoveryCode.user_id == user.id)
        .execution_options(synchronize_session=False)
    )
    db.session.flush()


def staff_required() -> bool:
    """Whether moderators and admins must use two-factor login for moderation and admin pages."""
    return bool(current_app.config["REQUIRE_2FA_FOR_STAFF"])


def session_passed(user: User, login_session: LoginSession | None) -> bool:
    """Whether this login session of the user passed the second factor."""
    return user.two_factor_enabled and login_session is not None and login_session.two_factor_at is not None


def staff_powers_allowed(user) -> bool:
    """Whether a moderator's or admin's powers are open: always, unless the rule is on and `user` is the one
    making the current request without having passed two-factor login in this session. Others' roles (the
    author of a report, the log) are what they are."""
    if not has_request_context() or not staff_required():
        return True
    if not current_user.is_authenticated or current_user.id != getattr(user, "id", None):
        return True
    return session_passed(current_user, current_login_session())


def staff_guard():
    """For the moderation and admin guards: a redirect when a moderator or admin has not passed two-factor
    login in this session (to set it up, or to log in again with a code), else None."""
    user = current_user
    if not user.is_moderator or staff_powers_allowed(user):
        return None
    if user.two_factor_enabled:  # a session from before it was switched on
        end_session()
        db.session.commit()
        flash(_("Please log in again, with a code from your authenticator app."), "info")
        return redirect(url_for("auth.login", next=request.full_path))
    flash(
        _(
            "Moderators and administrators must use two-factor login: it keeps moderation safe even if a "
            "password is guessed. Please switch it on here; then you can continue."
        ),
        "info",
    )
    return redirect(url_for("account.two_factor", next=request.full_path))


# Between the password and the code: a signed, short-lived note in the Flask session, not a login. -------

PENDING_KEY = "two_factor_login"
_PENDING_SALT = "innovex.two-factor-login"


def _pending_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_PENDING_SALT)


def _fingerprint(user: User) -> str:
    # A new password or a new secret in between makes the note useless.
    material = f"{user.password_hash}\0{user.totp_secret}".encode()
    return hashlib.sha256(material).hexdigest()[:20]


def begin_login(user: User, remember: bool) -> None:
    """The password was right: remember for TWO_FACTOR_LOGIN_MAX_AGE that this browser may now give a code."""
    session.pop(PENDING_KEY, None)
    note = {"user": user.id, "fp": _fingerprint(user), "remember": bool(remember)}
    session[PENDING_KEY] = _pending_serializer().dumps(note)


def pending_login() -> tuple[User, bool] | None:
    """The account (and its "remember me") waiting for its code in this browser; None when there is none, it
    expired, or the account changed or was suspended since."""
    token = session.get(PENDING_KEY)
    if not isinstance(token, str):
        return None
    try:
        note = _pending_serializer().loads(token, max_age=current_app.config["TWO_FACTOR_LOGIN_MAX_AGE"])
    except BadSignature:  # also SignatureExpired
        return None
    user_id = note.get("user") if isinstance(note, dict) else None
    if not isinstance(user_id, int) or isinstance(user_id, bool):
        return None
    user = db.session.get(User, user_id)
    if (
        user is None
        or user.is_suspended
        or not user.two_factor_enabled
        or note.get("fp") != _fingerprint(user)
    ):
        return None
    return user, bool(note.get("remember"))


def end_pending_login() -> None:
    session.pop(PENDING_KEY, None)
