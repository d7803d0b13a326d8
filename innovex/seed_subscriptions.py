"""The demo member's interest subscriptions: one around Leipzig for mobility, one for new solutions and
needs anywhere in Germany, one for energy in the state of Sachsen; `flask notify subscriptions` mails what
appears after the seed."""

from datetime import datetime, timedelta

from innovex.extensions import db
from innovex.models import Subscription, User
from innovex.taxonomy import sectors_by_slug


def seed_subscriptions(now: datetime, member: User) -> list[Subscription]:
    subscriptions = [
        Subscription(
            user=member,
            name="Mobilität rund um Leipzig",
            kinds=["project", "call", "offer"],
            tags=["Lastenrad", "Carsharing"],
            place="Leipzig",
            lat=51.34,
            lon=12.37,
            radius_km=80,
            frequency="weekly",
            sectors=sectors_by_slug(["mobility"]),
            created_at=now - timedelta(days=3),
        ),
        Subscription(
            user=member,
            name="Lösungen und Bedarfe in Deutschland",
            kinds=["solution", "need"],
            tags=[],
            country="DE",
            frequency="daily",
            created_at=now - timedelta(days=1),
        ),
        Subscription(
            user=member,
            name="Energie in Sachsen",
            kinds=["project", "call", "offer", "solution"],
            tags=[],
            state="Sachsen",
            frequency="weekly",
            sectors=sectors_by_slug(["energy"]),
            created_at=now - timedelta(days=2),
        ),
    ]
    db.session.add_all(subscriptions)
    db.session.flush()
    return subscriptions
