"""Stopping a kind of mail from the mail itself: a signed link per account and topic, for the body and for the
List-Unsubscribe header. The link works without logging in (that is its point), so the token is the authority:
it names the account and the topic and is signed with the site's key. Opening it only asks; the change is a
POST, from the page's button or from a mail program's one-click request (RFC 8058), because mail scanners open
links."""

import sqlalchemy as sa
from flask import current_app, url_for
from itsdangerous import BadSignature, URLSafeSerializer

from innovex.extensions import db
from innovex.models import Subscription, User
from innovex.models.base import utcnow
from innovex.notifications.services import set_email_preference

# Notification mails (instant and digest), profile reminders, and all interest subscriptions of the account
# (the List-Unsubscribe header of a subscription digest; the body also links each subscription on its own).
TOPICS = ("notifications", "reminders", "subscriptions")
_SALT = "innovex-unsubscribe"
_SUBSCRIPTION_SALT = "innovex-unsubscribe-subscription"


def _serializer(salt: str = _SALT) -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=salt)


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
    elif topic == "subscriptions":
        pause_all(user)
    else:
        user.profile_reminders = False
        db.session.flush()


def pause_all(user: User) -> None:
    """Pause every active subscription of the account (the digest's List-Unsubscribe)."""
    db.session.execute(
        sa.update(Subscription)
        .where(Subscription.user_id == user.id, Subscription.paused_at.is_(None))
        .values(paused_at=utcnow())
        .execution_options(synchronize_session="fetch")
    )


def subscription_unsubscribe_url(subscription: Subscription) -> str:
    """The link that pauses one interest subscription (its owner and id, signed)."""
    token = _serializer(_SUBSCRIPTION_SALT).dumps([subscription.user_id, subscription.id])
    return url_for("subscriptions.unsubscribe", token=token, _external=True)


def resolve_subscription(token: str) -> Subscription | None:
    """The subscription a link names, or None for a forged link or a subscription deleted since."""
    try:
        user_id, subscription_id = _serializer(_SUBSCRIPTION_SALT).loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    if not isinstance(user_id, int) or not isinstance(subscription_id, int):
        return None
    subscription = db.session.get(Subscription, subscription_id)
    return subscription if subscription is not None and subscription.user_id == user_id else None
