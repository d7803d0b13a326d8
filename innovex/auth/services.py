"""Accounts: registration, authentication, password reset tokens; no commits, errors as DomainError."""

import hashlib
import re
from functools import cache

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask import current_app, url_for
from flask_babel import force_locale, format_datetime
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from werkzeug.security import check_password_hash, generate_password_hash

from innovex.auth.sessions import end_sessions
from innovex.database import insert_once
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.mail import send_mail
from innovex.models import INDEFINITELY, LoginSession, User
from innovex.normalise import ascii_fold, slugify
from innovex.passwords import password_problems

EMAIL_MAX_LENGTH = 254
HANDLE_BASE_LENGTH = 32  # leaves room for "-NNNN" within the 40-character column
RESET_SALT = "innovex.password-reset"


def normalise_email(raw: str) -> str:
    """The email stripped and lower-cased, after checking its syntax (no DNS lookup)."""
    email = (raw or "").strip().lower()
    if not email or len(email) > EMAIL_MAX_LENGTH:
        raise DomainError(_("Please enter a valid email address."), field="email")
    try:
        validate_email(email, check_deliverability=False)
    except (EmailNotValidError, ValueError) as error:
        raise DomainError(_("Please enter a valid email address."), field="email") from error
    return email


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))


def ensure_email_free(email: str, field: str = "email") -> None:
    if find_user_by_email(email) is not None:
        raise DomainError(_("An account with this email address exists already."), field=field)


def check_new_password(password: str, email: str | None, name: str | None) -> None:
    problems = password_problems(password, email=email, name=name)
    if problems:
        raise DomainError(" ".join(problems), field="password")


def unique_handle(display_name: str) -> str:
    """A free @handle from the display name: "anna-schmidt", then "anna-schmidt-2", "-3", ..."""
    has_letters = re.search(r"[a-z0-9]", ascii_fold(display_name).lower())
    base = slugify(display_name, HANDLE_BASE_LENGTH) if has_letters else "user"
    taken = set(
        db.session.scalars(
            sa.select(User.handle).where(sa.or_(User.handle == base, User.handle.like(f"{base}-%")))
        )
    )
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def register_user(
    email: str, display_name: str, password: str, role: str = "member", locale: str | None = None
) -> User:
    """Create an account after checking email, uniqueness and the password policy."""
    email = normalise_email(email)
    display_name = (display_name or "").strip()
    if not display_name:
        raise DomainError(_("Please enter a name."), field="display_name")
    ensure_email_free(email)
    check_new_password(password, email, display_name)
    user = User(
        email=email, display_name=display_name, handle=unique_handle(display_name), role=role, locale=locale
    )
    user.set_password(password)
    # A concurrent registration of the same address (checked above, but committed in between by another
    # request) becomes a field error instead of a failed transaction.
    if not insert_once(user):
        raise DomainError(_("An account with this email address exists already."), field="email")
    return user


def authenticate(email: str, password: str) -> User:
    """The user with these credentials; one generic error for unknown email and wrong password alike."""
    user = find_user_by_email(email or "")
    if user is None:
        check_password_hash(_dummy_hash(), password)
        raise DomainError(_("Email address or password is wrong."))
    if not user.check_password(password):
        raise DomainError(_("Email address or password is wrong."))
    if user.is_suspended:
        raise DomainError(suspension_message(user))
    return user


@cache
def _dummy_hash() -> str:
    # Checked when no account matches, so that an unknown email takes as long as a wrong password.
    return generate_password_hash("not a real password")


def suspension_message(user: User) -> str:
    """Why and until when the user is suspended, for the login page."""
    reason = user.suspension_reason or _("No reason was given.")
    if user.suspended_until is None or user.suspended_until >= INDEFINITELY:
        return _("Your account is suspended indefinitely. Reason: %(reason)s", reason=reason)
    return _(
        "Your account is suspended until %(until)s (UTC). Reason: %(reason)s",
        until=format_datetime(user.suspended_until, "medium", rebase=False),
        reason=reason,
    )


def change_password(user: User, password: str, keep: LoginSession | None = None) -> None:
    """Set a new password and end every login session of the user but `keep` (the browser that changed it)."""
    check_new_password(password, user.email, user.display_name)
    user.set_password(password)
    end_sessions(user, keep=keep)


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=RESET_SALT)


def _fingerprint(user: User) -> str:
    # Part of the token: a new password hash (from a reset or change) makes every older token useless.
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:20]


def reset_token(user: User) -> str:
    return _serializer().dumps({"id": user.id, "fp": _fingerprint(user)})


def user_for_reset_token(token: str) -> User:
    """The user a valid, unused, unexpired reset token belongs to."""
    try:
        data = _serializer().loads(token, max_age=current_app.config["PASSWORD_RESET_MAX_AGE"])
    except SignatureExpired as error:
        raise DomainError(_("This reset link has expired. Please request a new one.")) from error
    except BadSignature as error:
        raise DomainError(_("This reset link is not valid. Please request a new one.")) from error
    user = db.session.get(User, data.get("id")) if isinstance(data, dict) and _is_id(data.get("id")) else None
    if user is None or data.get("fp") != _fingerprint(user):
        raise DomainError(
            _("This reset link has been used already or is no longer valid. Please request a new one.")
        )
    return user


def _is_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def users_language(user: User):
    """Translate what is said inside in the user's own language (mails are not answers to their request)."""
    config = current_app.config
    return force_locale(user.locale if user.locale in config["LANGUAGES"] else config["BABEL_DEFAULT_LOCALE"])


def send_reset_mail(email: str) -> None:
    """Mail a reset link if an account has this email; silent otherwise, so nobody learns who has one."""
    try:
        user = find_user_by_email(normalise_email(email))
    except DomainError:
        return
    if user is None:
        return
    link = url_for("auth.reset_password", token=reset_token(user), _external=True)
    minutes = current_app.config["PASSWORD_RESET_MAX_AGE"] // 60
    with users_language(user):
        subject = _("Reset your innovex password")
        body = _(
            "Hello %(name)s,\n\nsomeone (hopefully you) asked to reset the password of your innovex account. "
            "To choose a new password, open this link within %(minutes)s minutes:\n\n%(link)s\n\n"
            "If you did not ask for this, ignore this mail; your password stays unchanged.\n",
            name=user.display_name,
            minutes=minutes,
            link=link,
        )
    send_mail(user.email, subject, body)


def send_password_changed_notice(user: User) -> None:
    """Tell the user their password changed, so that a takeover does not go unnoticed."""
    with users_language(user):
        subject = _("Your innovex password was changed")
        body = _(
            "Hello %(name)s,\n\nthe password of your innovex account has just been changed, and every "
            "other session has been logged out.\n\n"
            "If this was not you, choose a new password right away:\n%(link)s\n",
            name=user.display_name,
            link=url_for("auth.reset_request", _external=True),
        )
    send_mail(user.email, subject, body)


def send_email_changed_notice(user: User, old_email: str) -> None:
    """Tell the previous address that the account moved to another one."""
    with users_language(user):
        subject = _("Your innovex email address was changed")
        body = _(
            "Hello %(name)s,\n\nthe email address of your innovex account has just been changed from "
            "%(old)s to %(new)s.\n\n"
            "If this was not you, please contact the team of this innovex site at once.\n",
            name=user.display_name,
            old=old_email,
            new=user.email,
        )
    send_mail(old_email, subject, body)
