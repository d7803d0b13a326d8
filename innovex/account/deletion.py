"""Deleting one's own account: what must be settled first, and what happens to the rows that point at it.

The foreign keys decide (innovex/models): memberships, join requests and claims, helpful marks, follows,
notifications, login sessions and the reports the member filed go with the account (ON DELETE CASCADE);
feedback, projects, project updates, interests, relations proposed, invitations sent and moderation log
entries stay, without an author (ON DELETE SET NULL), and pages show them as by "a former member".
Organisations the member owns alone must get another owner or be deleted first, so that no organisation is
left without anyone to maintain it.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from innovex.account.services import require_password
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.mail import send_mail
from innovex.models import Actor, Feedback, HelpfulMark, Invitation, Membership, User


def solely_owned(user: User) -> list[Actor]:
    """The organisations of which the user is the only owner, by name."""
    other_owners = (
        sa.select(Membership.actor_id)
        .where(Membership.role == "owner", Membership.user_id != user.id)
        .scalar_subquery()
    )
    return list(
        db.session.scalars(
            sa.select(Actor)
            .join(Membership, Membership.actor_id == Actor.id)
            .where(Membership.user_id == user.id, Membership.role == "owner", Actor.id.not_in(other_owners))
            .order_by(Actor.name)
        )
    )


def delete_account(user: User, password: str) -> None:
    """Delete the account after proving the password; refused while it owns an organisation alone."""
    require_password(user, password, field="password")
    # Lock the organisations the user owns, so that two co-owners leaving at once cannot both pass the check
    # below and leave an organisation without owners (PostgreSQL; SQLite writers are serialised anyway).
    owned = sa.select(Membership.actor_id).where(Membership.user_id == user.id, Membership.role == "owner")
    db.session.execute(sa.select(Actor.id).where(Actor.id.in_(owned)).with_for_update())
    if user.role == "admin":
        admins = db.session.scalar(sa.select(sa.func.count()).select_from(User).where(User.role == "admin"))
        if admins <= 1:
            raise DomainError(
                _("You are the only administrator. Make someone else an administrator first."),
                field="password",
            )
    owned_alone = solely_owned(user)
    if owned_alone:
        raise DomainError(
            _(
                "You are the only owner of %(names)s. Make another member an owner or delete the "
                "organisation first.",
                names=", ".join(actor.name for actor in owned_alone),
            )
        )
    # The cached helpful counts would otherwise keep counting the marks that go with the account.
    marked = sa.select(HelpfulMark.feedback_id).where(HelpfulMark.user_id == user.id).scalar_subquery()
    db.session.execute(
        sa.update(Feedback)
        .where(Feedback.id.in_(marked), Feedback.helpful_count > 0)
        .values(helpful_count=Feedback.helpful_count - 1)
        .execution_options(synchronize_session=False)
    )
    # Invitations addressed to this person hold their address; they were for them, so they go too.
    db.session.execute(
        sa.delete(Invitation)
        .where(sa.func.lower(Invitation.email) == user.email.lower())
        .execution_options(synchronize_session=False)
    )
    db.session.delete(user)
    db.session.flush()


@dataclass(frozen=True)
class Farewell:
    """What the goodbye mail needs, taken before the row is gone."""

    email: str
    name: str
    locale: str | None

    @classmethod
    def of(cls, user: User) -> "Farewell":
        return cls(email=user.email, name=user.display_name, locale=user.locale)


def send_deleted_notice(farewell: Farewell) -> None:
    """Tell the former address that the account is gone, so that a takeover does not go unnoticed."""
    config = current_app.config
    locale = farewell.locale if farewell.locale in config["LANGUAGES"] else config["BABEL_DEFAULT_LOCALE"]
    with force_locale(locale):
        subject = _("Your innovex account has been deleted")
        body = _(
            "Hello %(name)s,\n\nyour innovex account and the personal data in it have just been deleted. "
            "Your feedback stays in the threads, shown as by a former member.\n\n"
            "If this was not you, please contact the team of this innovex site at once.\n",
            name=farewell.name,
        )
    send_mail(farewell.email, subject, body)
