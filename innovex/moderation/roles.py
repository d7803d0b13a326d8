"""Granting and revoking site roles; every change goes into the moderation log."""

import sqlalchemy as sa
from flask_babel import gettext as _

from innovex.domain import DomainError
from innovex.extensions import db
from innovex.models import User
from innovex.moderation.log import record

RANK = {"member": 0, "moderator": 1, "admin": 2}
# What the roles page and `flask users role` hand out; the admin role is changed only with `users set-role`.
GRANTABLE = ("moderator", "member")


def find_user(identifier: str) -> User | None:
    """An account by email address or handle (with or without the @)."""
    identifier = (identifier or "").strip()
    if "@" in identifier.lstrip("@"):
        return db.session.scalar(sa.select(User).where(User.email == identifier.lower()))
    handle = identifier.lstrip("@").lower()
    return db.session.scalar(sa.select(User).where(User.handle == handle)) if handle else None


def staff() -> list[User]:
    """Moderators and admins, admins first, for the roles page."""
    return list(
        db.session.scalars(
            sa.select(User)
            .where(User.role.in_(("moderator", "admin")))
            .order_by(User.role, User.display_name, User.id)
        )
    )


def change_role(
    user: User, role: str, *, by: User | None, reason: str = "", via: str = "web", allow_admin: bool = False
) -> bool:
    """Give `user` the site role `role`, logged as a grant or revoke; False when nothing changed.

    Idempotent (the same role again changes and logs nothing). Only the role changes: sessions, memberships
    and content stay as they are. An admin's role is touched only with `allow_admin` (the CLI's set-role),
    and never by that admin themselves, so nobody locks themselves out by accident.
    """
    if role not in RANK or (role == "admin" and not allow_admin):
        raise DomainError(_("Please choose one of the roles offered."), field="role")
    if user.role == role:
        return False
    if user.is_admin and by is not None and by.id == user.id:
        raise DomainError(_("You cannot give up your own administrator role here."), field="user")
    if user.is_admin and not allow_admin:
        raise DomainError(
            _("%(name)s is an administrator; administrators are moderators already.", name=user.display_name),
            field="user",
        )
    granted = RANK[role] > RANK[user.role]
    detail = role if granted else user.role
    user.role = role
    record(
        "grant_role" if granted else "revoke_role",
        "user",
        user.id,
        moderator=by,
        target_user_id=user.id,
        reason=reason,
        detail=detail if via == "web" else f"{detail} ({via})",  # cli, or vote (innovex.governance)
    )
    return True
