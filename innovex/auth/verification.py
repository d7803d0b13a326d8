"""Verified email addresses: registration and a change of address send a signed link to the address; only its
owner can open it. Until an address is confirmed the account can read, keep its settings and edit what it
already has, but not post, report, send interest or invitations (`verified_required` on those routes), and
it receives no notification mail. A changed address replaces the old one only when its link is opened, and the
old address is told. Opening the link shows a button; the POST confirms, because mail scanners open links."""

from collections.abc import Callable
from functools import wraps

from flask import current_app, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeTimedSerializer

from innovex.auth.services import ensure_email_free, send_email_changed_notice, users_language
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.mail import send_mail
from innovex.models import User
from innovex.models.base import utcnow

VERIFY_SALT = "innovex.verify-email"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=VERIFY_SALT)


def verify_token(user: User, email: str) -> str:
    return _serializer().dumps({"user": user.id, "email": email})


def send_verification(user: User) -> str:
    """Mail the confirmation link to the address waiting for it (a changed one, else the account's own);
    returns that address."""
    email = user.pending_email or user.email
    link = url_for("auth.verify_email", token=verify_token(user, email), _external=True)
    days = current_app.config["EMAIL_VERIFY_MAX_AGE"] // 86400
    with users_language(user):
        subject = _("Please confirm your email address for innovex")
        body = _(
            "Hello %(name)s,\n\nplease confirm that %(email)s is your address for innovex by opening this "
            "link within %(days)s days and pressing the button there:\n\n%(link)s\n\n"
            "If you did not register on innovex or change your address there, ignore this mail; nothing "
            "happens without the button.\n",
            name=user.display_name,
            email=email,
            days=days,
            link=link,
        )
    send_mail(email, subject, body)
    return email


def user_for_token(token: str) -> tuple[User, str]:
    """The account and address a link confirms; DomainError for a damaged, expired or outdated link."""
    invalid = DomainError(_("This confirmation link is invalid or has expired. Log in to get a new one."))
    try:
        data = _serializer().loads(token, max_age=current_app.config["EMAIL_VERIFY_MAX_AGE"])
    except BadSignature:  # also SignatureExpired
        raise invalid from None
    user = db.session.get(User, data.get("user")) if isinstance(data, dict) else None
    email = data.get("email") if isinstance(data, dict) else None
    if user is None or email not in (user.email, user.pending_email):
        raise invalid
    return user, email


def confirm(token: str) -> User:
    """Confirm the address a link names: the account's own, or a changed one that then replaces it."""
    user, email = user_for_token(token)
    if email == user.pending_email:
        ensure_email_free(email)  # someone may have registered it since the change was asked for
        old_email = user.email
        user.email, user.pending_email = email, None
        user.email_verified_at = utcnow()
        db.session.flush()
        send_email_changed_notice(user, old_email)
    elif not user.email_verified:
        user.email_verified_at = utcnow()
        db.session.flush()
    return user


def request_email_change(user: User, email: str) -> None:
    """Keep a new address waiting for its confirmation (the caller mails the link once this is committed);
    the account keeps the old one until then."""
    ensure_email_free(email)
    user.pending_email = email
    db.session.flush()


def verified_required(view: Callable) -> Callable:
    """Refuse a POST from an account whose address is not confirmed yet, with a page that says why and
    offers the link again; reading the form stays possible."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if request.method == "POST" and current_user.is_authenticated and not current_user.email_verified:
            return render_template("auth/verify_needed.html"), 403
        return view(*args, **kwargs)

    wrapped.needs_verified_email = True
    return wrapped
