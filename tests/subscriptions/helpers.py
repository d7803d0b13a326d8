"""Factories for subscriptions: one through the service, created an hour ago so the items a test makes next
are new for it."""

from datetime import timedelta

from innovex.extensions import db
from innovex.models.base import utcnow
from innovex.subscriptions.services import SubscriptionInput, create_subscription


def make_subscription(user, *, kinds=("project",), frequency="daily", **fields):
    subscription = create_subscription(
        user, SubscriptionInput(kinds=list(kinds), frequency=frequency, **fields)
    )
    subscription.created_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    return subscription
