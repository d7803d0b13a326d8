"""Freshness of profiles: owners confirm "still correct", get reminded after a year, and old ones go stale."""

from contextlib import nullcontext
from datetime import datetime, timedelta

import click
import sqlalchemy as sa
from flask import current_app, has_request_context, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.orm import selectinload

from innovex import permissions
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.mail import MailConnection, mail_connection, send_mail
from innovex.models import Actor, Membership, User
from innovex.models.base import utcnow
from innovex.notifications.unsubscribe import unsubscribe_url

CONFIRM_SALT = "innovex.datacoop.confirm-profile"


def last_confirmed(actor: Actor) -> datetime:
    """When the profile was last known to be right: its confirmation, else its creation."""
    return actor.confirmed_at or actor.created_at or utcnow()


def _cutoff(setting: str) -> datetime:
    return utcnow() - timedelta(days=current_app.config[setting])


def is_stale(actor: Actor) -> bool:
    """Unconfirmed for FRESHNESS_STALE_DAYS (15 months): marked stale, never deleted."""
    return last_confirmed(actor) < _cutoff("FRESHNESS_STALE_DAYS")


def stale_clause() -> sa.ColumnElement[bool]:
    """The SQL twin of is_stale, for the map and the directory."""
    return sa.func.coalesce(Actor.confirmed_at, Actor.created_at) < _cutoff("FRESHNESS_STALE_DAYS")


def confirm_profile(actor: Actor) -> None:
    actor.confirmed_at = utcnow()
    actor.reminded_at = None


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=CONFIRM_SALT)


def confirm_token(actor: Actor, user: User) -> str:
    return _serializer().dumps({"actor": actor.id, "user": user.id})


def user_from_token(actor: Actor, token: str) -> User:
    """The owner an emailed link was made for, if the link is genuine, recent, for this profile and the
    person may still edit it; otherwise a DomainError."""
    try:
        data = _serializer().loads(token, max_age=current_app.config["CONFIRM_LINK_MAX_AGE"])
    except BadSignature:  # also SignatureExpired
        raise DomainError(
            _("This link is invalid or has expired. Please log in and confirm there.")
        ) from None
    user = db.session.get(User, data.get("user")) if isinstance(data, dict) else None
    if user is None or data.get("actor") != actor.id or not permissions.can_edit_actor(user, actor):
        raise DomainError(_("This link is invalid or has expired. Please log in and confirm there."))
    return user


def due_for_reminder() -> sa.Select:
    """Active profiles unconfirmed for a year whose owners were not reminded lately."""
    return (
        sa.select(Actor)
        .where(
            Actor.listed,
            sa.func.coalesce(Actor.confirmed_at, Actor.created_at) < _cutoff("FRESHNESS_REMIND_DAYS"),
            sa.or_(Actor.reminded_at.is_(None), Actor.reminded_at < _cutoff("FRESHNESS_REMIND_AGAIN_DAYS")),
            Actor.id.in_(sa.select(Membership.actor_id).where(Membership.role == "owner")),
        )
        .options(selectinload(Actor.memberships).selectinload(Membership.user))
        .order_by(Actor.id)
    )


def remind_stale_owners(echo: bool = False) -> int:
    """Email the owners of profiles unconfirmed for a year a signed "still correct?" link; returns the
    number of profiles. The caller commits (reminded_at is set, so a daily run does not repeat itself)."""
    actors = db.session.scalars(due_for_reminder()).all()
    mails = 0
    # Outside a request (the CLI) links need a URL context; BASE_URL makes them point to the real host.
    base_url = current_app.config["BASE_URL"]
    context = (
        nullcontext() if has_request_context() else current_app.test_request_context("/", base_url=base_url)
    )
    with context, mail_connection() as connection:  # one SMTP session for the whole run
        for number, actor in enumerate(actors, 1):
            for owner in actor.owners:
                if not owner.is_suspended and owner.profile_reminders:
                    _send_reminder(actor, owner, connection)
                    mails += 1
            actor.reminded_at = utcnow()
            if echo:
                click.echo(f"[{number}/{len(actors)}] {actor.slug}")
    db.session.flush()
    if echo:
        click.echo(f"Reminded the owners of {len(actors)} profiles ({mails} mails).")
    return len(actors)


def _send_reminder(actor: Actor, owner: User, connection: MailConnection) -> None:
    link = url_for(
        "datacoop.confirm_link", slug=actor.slug, token=confirm_token(actor, owner), _external=True
    )
    stop_url = unsubscribe_url(owner, "reminders")
    with force_locale(owner.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        subject = _("Is the profile of %(name)s still correct?", name=actor.name)
        body = _(
            "Hello %(person)s,\n\nthe profile of %(name)s on innovex was last confirmed on %(date)s. "
            "Please check it and confirm with one click that it is still correct:\n\n%(link)s\n\n"
            "Profiles that nobody confirms for 15 months are marked as possibly outdated.",
            person=owner.display_name,
            name=actor.name,
            date=last_confirmed(actor).date().isoformat(),
            link=link,
        )
        body += "\n\n" + _("No more of these reminders: %(url)s", url=stop_url)
    send_mail(owner.email, subject, body, unsubscribe_url=stop_url, connection=connection)
