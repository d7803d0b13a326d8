"""Creating, counting, reading and mailing notifications.

Instant mails are sent after the transaction that created the notification commits: `notify` remembers the
new row in `flask.g`, a session `after_commit` hook marks the remembered rows as committed (a rollback drops
them), and `send_committed_mail` runs after the request (or at the end of a CLI app context). So no mail goes
out for a change that was rolled back, the mail I/O happens outside the transaction, and a mail failure is
logged but never breaks the request.
"""

import sqlalchemy as sa
from flask import current_app, g, has_app_context
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from innovex.domain import DomainError
from innovex.extensions import db
from innovex.models import Notification, User
from innovex.models.base import utcnow
from innovex.vocab import EMAIL_PREFERENCES

_PENDING = "notify_pending"
_COMMITTED = "notify_committed"
_RECORDED = "notify_recorded"  # session.info: the notices of the open transaction, by member and event


def _target_id(target):
    return None if target is None else (getattr(target, "id", None) or id(target))


def notify(user: User, kind: str, *, by_user: User | None = None, **targets) -> Notification | None:
    """Record a notice for a user about a target (actor, project, feedback or update); never to oneself."""
    if by_user is not None and by_user.id == user.id:
        return None
    # One notice per member and event: the same notice twice in one transaction is recorded once.
    key = (user.id, kind, *sorted((name, _target_id(target)) for name, target in targets.items()))
    recorded = db.session.info.setdefault(_RECORDED, {})
    if key in recorded:
        return recorded[key]
    notification = Notification(user=user, kind=kind, by_user=by_user, **targets)
    db.session.add(notification)
    recorded[key] = notification
    if user.email_preference == "instant" and has_app_context():
        g.setdefault(_PENDING, []).append(notification)
    return notification


def unread_count(user: User) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    )


def notifications_for(user: User) -> sa.Select:
    """The user's notifications, newest first, for db.paginate."""
    return (
        sa.select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )


def mark_read(notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.flush()


def mark_all_read(user: User) -> int:
    """Mark every unread notice of the user as read in one statement; returns how many."""
    result = db.session.execute(
        sa.update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
        .execution_options(synchronize_session="fetch")
    )
    return result.rowcount


def set_email_preference(user: User, preference: str) -> None:
    if preference not in EMAIL_PREFERENCES:
        raise DomainError(_("Please choose one of the options."), field="email_preference")
    user.email_preference = preference
    db.session.flush()


# Instant mail --------------------------------------------------------------------------------------------


@sa.event.listens_for(Session, "after_commit")
def _remember_committed(session) -> None:
    session.info.pop(_RECORDED, None)
    if has_app_context() and g.get(_PENDING):
        g.setdefault(_COMMITTED, []).extend(g.pop(_PENDING))


@sa.event.listens_for(Session, "after_rollback")
def _forget_rolled_back(session) -> None:
    session.info.pop(_RECORDED, None)
    if has_app_context():
        g.pop(_PENDING, None)


def send_committed_mail() -> int:
    """Mail the committed notifications of users who want instant mail; returns how many were sent."""
    from innovex.notifications.mailing import send_instant

    notifications = g.pop(_COMMITTED, []) if has_app_context() else []
    sent = 0
    for notification in notifications:
        try:
            row = db.session.get(Notification, notification.id)
            if row is not None and row.emailed_at is None and send_instant(row):
                row.emailed_at = utcnow()
                db.session.commit()
                sent += 1
        except Exception:  # a mail server failure must not break the page the user asked for
            db.session.rollback()
            current_app.logger.exception("Instant notification mail %s failed", notification.id)
    return sent
