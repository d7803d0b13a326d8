"""Notification mails: one instant mail per notice, or a daily digest of the notices not yet mailed."""

import smtplib
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from innovex.extensions import db
from innovex.mail import MailConnection, mail_connection, send_mail
from innovex.models import Notification, User
from innovex.models.base import utcnow
from innovex.notifications.render import describe
from innovex.notifications.unsubscribe import unsubscribe_url


def _locale(user: User) -> str:
    return user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]


def send_instant(notification: Notification) -> bool:
    """Mail one notification to a user who asked for instant mail; False when nothing was sent."""
    user = notification.user
    if user.email_preference != "instant" or user.is_suspended or not user.email_verified:
        return False
    with force_locale(_locale(user)):
        notice = describe(notification, user, external=True)
        stop_url = unsubscribe_url(user, "notifications")
        body = render_template(
            "notifications/mail_instant.txt",
            user=user,
            notice=notice,
            settings_url=url_for("notifications.settings", _external=True),
            unsubscribe_url=stop_url,
        )
        send_mail(user.email, _("innovex: %(text)s", text=notice.text[:120]), body, unsubscribe_url=stop_url)
    return True


@dataclass
class DigestResult:
    """What a run of mails did: members mailed, items they covered, mails that failed."""

    users: int = 0
    items: int = 0
    failures: int = 0


def _due(user: User) -> list[Notification]:
    stmt = sa.select(Notification).where(Notification.user_id == user.id, Notification.emailed_at.is_(None))
    if user.last_digest_at is not None:
        stmt = stmt.where(Notification.created_at > user.last_digest_at)
    return list(db.session.scalars(stmt.order_by(Notification.created_at, Notification.id)))


def send_digest(user: User, connection: MailConnection | None = None) -> int:
    """Mail the user's notices not yet mailed since the last digest and mark them; returns how many."""
    due = _due(user)
    now = utcnow()
    if due:
        with force_locale(_locale(user)):
            notices = [describe(notification, user, external=True) for notification in due]
            stop_url = unsubscribe_url(user, "notifications")
            body = render_template(
                "notifications/mail_digest.txt",
                user=user,
                notices=notices,
                settings_url=url_for("notifications.settings", _external=True),
                unsubscribe_url=stop_url,
            )
            subject = _("innovex: %(count)s new notifications", count=len(due))
            send_mail(user.email, subject, body, unsubscribe_url=stop_url, connection=connection)
        for notification in due:
            notification.emailed_at = now
    user.last_digest_at = now
    db.session.commit()
    return len(due)


def send_digests(echo: Callable[[str], None]) -> DigestResult:
    """One digest per user with the daily preference, all through one SMTP session."""
    users = db.session.scalars(
        sa.select(User)
        .where(User.email_preference == "daily", User.email_verified_at.is_not(None))  # confirmed only
        .order_by(User.id)
    ).all()
    return mail_each(users, send_digest, echo, "notifications")


def mail_each(
    users: list[User],
    send_one: Callable[[User, MailConnection], int],
    echo: Callable[[str], None],
    noun: str,
) -> DigestResult:
    """Run `send_one` (which mails one user and returns how many items it covered) for every user who is not
    suspended, all through one SMTP session; a failed mail is reported and left for next time."""
    try:
        with mail_connection() as connection:
            return _mail_each(users, send_one, connection, echo, noun)
    except (smtplib.SMTPException, OSError) as error:  # the server refused the session itself
        echo(f"  mail server not reachable: {error}")
        return DigestResult(failures=len(users))


def _mail_each(users, send_one, connection: MailConnection, echo, noun: str) -> DigestResult:
    result = DigestResult()
    for user in users:
        if user.is_suspended:
            continue
        try:
            count = send_one(user, connection)
        except Exception as error:  # one broken address must not stop everyone else's mail
            db.session.rollback()
            result.failures += 1
            echo(f"  failed for user {user.id}: {error}")
            continue
        if count:
            result.users += 1
            result.items += count
            echo(f"  user {user.id}: {count} {noun}")
    return result
