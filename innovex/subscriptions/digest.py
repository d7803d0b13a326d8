"""The subscription digest: one mail per member and run covering all their due subscriptions, grouped by kind
of item, in the member's language.

The run creates the in-app notices at the same time (one per member and item, however many subscriptions it
fits) and marks them mailed, so the notification digest does not mail them again. Idempotent: each
subscription remembers the end of its last window (`last_sent_at`) and items with a notice are never reported
again; both are written in the transaction that follows the mail, so a second run right after sends nothing.
Daily subscriptions are due every run, weekly ones when seven days have passed since their last window."""

from collections.abc import Callable
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from innovex.extensions import db
from innovex.mail import MailConnection, send_mail
from innovex.models import Notification, Subscription, User
from innovex.models.base import utcnow
from innovex.notifications.mailing import DigestResult, mail_each
from innovex.notifications.render import describe
from innovex.notifications.services import notify
from innovex.notifications.unsubscribe import subscription_unsubscribe_url, unsubscribe_url
from innovex.subscriptions.matching import Match, matches
from innovex.vocab import SUBSCRIPTION_KINDS

WEEK = timedelta(days=7)
# The notice's target for each kind of item.
TARGETS = {
    "project": "project",
    "call": "call",
    "offer": "offering",
    "need": "offering",
    "solution": "solution",
}


def is_due(subscription: Subscription, now: datetime) -> bool:
    if subscription.paused_at is not None:
        return False
    if subscription.frequency == "daily":
        return True
    return (subscription.last_sent_at or subscription.created_at) <= now - WEEK


def _collect(subscriptions: list[Subscription], now: datetime) -> list[Match]:
    """Every new item of the due subscriptions, once, at most SUBSCRIPTION_DIGEST_ITEMS per kind."""
    limit = current_app.config["SUBSCRIPTION_DIGEST_ITEMS"]
    found: dict[tuple[str, int], Match] = {}
    for subscription in subscriptions:
        for match in matches(subscription, subscription.last_sent_at or subscription.created_at, now):
            found.setdefault(match.key, match)
    per_kind: dict[str, list[Match]] = {}
    for match in found.values():
        per_kind.setdefault(match.kind, []).append(match)
    return [match for kind in SUBSCRIPTION_KINDS for match in per_kind.get(kind, [])[:limit]]


def _title(match: Match) -> str:
    return match.item.question if match.kind == "call" else match.item.title


def _mail(
    user: User,
    due: list[Subscription],
    found: list[tuple[Match, Notification]],
    connection: MailConnection | None,
) -> None:
    """The mail lists each item by its title under its kind, with the link its notice leads to."""
    locale = user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]
    with force_locale(locale):
        groups = [
            (
                str(label),
                [(_title(m), describe(n, user, external=True).url) for m, n in found if m.kind == kind],
            )
            for kind, label in SUBSCRIPTION_KINDS.items()
            if any(m.kind == kind for m, _n in found)
        ]
        stop_all = unsubscribe_url(user, "subscriptions")
        body = render_template(
            "subscriptions/mail_digest.txt",
            user=user,
            groups=groups,
            subscriptions=[(s, subscription_unsubscribe_url(s)) for s in due],
            manage_url=url_for("subscriptions.index", _external=True),
            unsubscribe_url=stop_all,
        )
        subject = _("innovex: %(count)s new items for your subscriptions", count=len(found))
        send_mail(user.email, subject, body, unsubscribe_url=stop_all, connection=connection)


def send_subscription_digest(
    user: User, now: datetime | None = None, connection: MailConnection | None = None
) -> int:
    """Mail the user's due subscriptions' new items and record them; returns how many items were mailed."""
    now = now or utcnow()
    # On PostgreSQL the rows stay locked until the commit after the mail: a second run at the same time skips
    # this member instead of mailing twice (SQLite ignores the clause; run one cron there).
    mine = (
        sa.select(Subscription)
        .where(Subscription.user_id == user.id)
        .order_by(Subscription.id)
        .with_for_update(skip_locked=True)
    )
    due = [s for s in db.session.scalars(mine) if is_due(s, now)]
    if not due:
        db.session.rollback()  # ends the transaction that holds the locks
        return 0
    found = [
        (match, notify(user, "subscription", **{TARGETS[match.kind]: match.item}))
        for match in _collect(due, now)
    ]
    for _match, notice in found:
        notice.emailed_at = now  # this mail is the notice's mail
    if found:
        _mail(user, due, found, connection)
    for subscription in due:
        subscription.last_sent_at = now
    db.session.commit()
    return len(found)


def _recipients() -> list[User]:
    """Verified members with at least one active subscription; suspended ones are skipped by the run."""
    active = sa.select(Subscription.user_id).where(Subscription.paused_at.is_(None))
    return list(
        db.session.scalars(
            sa.select(User).where(User.id.in_(active), User.email_verified_at.is_not(None)).order_by(User.id)
        )
    )


def send_subscription_digests(echo: Callable[[str], None], now: datetime | None = None) -> DigestResult:
    """One digest per member with due subscriptions, through one SMTP session; a failed mail is reported and
    its items stay due for the next run."""
    now = now or utcnow()
    return mail_each(
        _recipients(), lambda user, connection: send_subscription_digest(user, now, connection), echo, "items"
    )
