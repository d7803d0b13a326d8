"""A user's own account: profile settings, email, password, sessions, and what the dashboard lists."""

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import contains_eager

from innovex.auth.services import change_password, normalise_email
from innovex.auth.verification import request_email_change
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.models import Actor, Invitation, LoginSession, Membership, User


def update_settings(user: User, display_name: str, locale: str) -> None:
    """Change the name shown to others and the language of pages and mails (the @handle stays)."""
    user.display_name = display_name.strip()
    user.locale = locale
    db.session.flush()


def require_password(user: User, password: str, field: str = "current_password") -> None:
    if not user.check_password(password or ""):
        raise DomainError(_("Your current password is not correct."), field=field)


def change_email(user: User, current_password: str, new_email: str) -> None:
    """Ask to move the account to another address, after proving the current password: the new address gets
    a confirmation link and replaces the old one when it is opened (innovex.auth.verification)."""
    require_password(user, current_password)
    email = normalise_email(new_email)
    if email == user.email:
        raise DomainError(_("This is already your email address."), field="email")
    request_email_change(user, email)


def replace_password(
    user: User, current_password: str, new_password: str, keep: LoginSession | None = None
) -> None:
    """Set a new password after proving the current one; every login session but `keep` ends."""
    require_password(user, current_password)
    change_password(user, new_password, keep=keep)


def my_memberships(user: User) -> list[Membership]:
    """The user's organisations with their role, by organisation name."""
    return list(
        db.session.scalars(
            sa.select(Membership)
            .join(Membership.actor)
            .where(Membership.user_id == user.id)
            .options(contains_eager(Membership.actor))
            .order_by(Actor.name)
        )
    )


def pending_invitations(user: User) -> list[Invitation]:
    """Invitations addressed to the user's email, except to organisations they belong to already."""
    member_of = sa.select(Membership.actor_id).where(Membership.user_id == user.id)
    return list(
        db.session.scalars(
            sa.select(Invitation)
            .join(Invitation.actor)
            .where(sa.func.lower(Invitation.email) == user.email, Invitation.actor_id.not_in(member_of))
            .options(contains_eager(Invitation.actor))
            .order_by(Invitation.created_at.desc())
        )
    )
