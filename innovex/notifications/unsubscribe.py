"""Stopping a kind of mail from the mail itself: a signed link per account and topic, for the body and for the
List-Unsubscribe header. The link works without logging in (that is its point), so the token is the authority:
it names the account and the topic and is signed with the site's key. Opening it only asks; the change is a
POST, from the page's button or from a mail program's one-click request (RFC 8058), because mail scanners open
links."""

from flask import current_app, url_for
from itsdangerous import BadSignature, URLSafeSerializer

from innovex.extensions import db
from innovex.models import User
from innovex.notifications.services import set_email_preference

TOPICS = ("notifications", "reminders")  # notification mails (instant and digest), profile reminders
_SALT = "innovex-unsubscribe"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def unsubscribe_url(user: User, topic: str) -> str:
    if topic not in TOPICS:
        raise ValueError(f"unknown mail topic {topic!r}")
    token = _serializer().dumps([user.id, topic])
    return url_for("notifications.unsubscribe", token=token, _external=True)


def resolve(token: str) -> tuple[User, str] | None:
    """The account and topic a link names, or None for a forged, damaged or outdated link."""
    try:
        user_id, topic = _serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    if topic not in TOPICS or not isinstance(user_id, int):
        return None
    user = db.session.get(User, user_id)
    return (user, topic) if user is not None else None


def unsubscribe(user: User, topic: str) -> None:
    if topic == "notifications":
        set_email_preference(user, "off")
    else:
        user.profile_reminders = False
        db.session.flush()
