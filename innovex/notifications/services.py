"""Creating and counting notifications."""

import sqlalchemy as sa

from innovex.extensions import db
from innovex.models import Notification, User


def notify(user: User, kind: str, *, by_user: User | None = None, **targets) -> Notification | None:
    """Record a notice for a user about a target (actor, project, feedback or update); never to oneself."""
    if by_user is not None and by_user.id == user.id:
        return None
    notification = Notification(user=user, kind=kind, by_user=by_user, **targets)
    db.session.add(notification)
    return notification


def unread_count(user: User) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    )
