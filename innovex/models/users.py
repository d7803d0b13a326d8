"""People with accounts."""

from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from innovex.extensions import db
from innovex.models.base import choice, utcnow
from innovex.vocab import EMAIL_PREFERENCES, SITE_ROLES

# Suspensions without an end are stored as this date, so that "until" is always comparable.
INDEFINITELY = datetime(9999, 12, 31)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    display_name: Mapped[str] = mapped_column(sa.String(80))
    handle: Mapped[str] = mapped_column(sa.String(40), unique=True)  # for @mentions
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[str] = mapped_column(choice(SITE_ROLES, "user_role"), default="member")
    locale: Mapped[str | None] = mapped_column(sa.String(8))
    suspended_until: Mapped[datetime | None]
    suspension_reason: Mapped[str | None] = mapped_column(sa.Text)
    email_preference: Mapped[str] = mapped_column(
        choice(EMAIL_PREFERENCES, "email_preference"), default="off"
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_digest_at: Mapped[datetime | None]
    profile_reminders: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    # Set when the owner of the address opened our link (innovex.auth.verification); a changed address waits
    # in pending_email until its own link is opened.
    email_verified_at: Mapped[datetime | None]
    pending_email: Mapped[str | None] = mapped_column(sa.String(254))

    memberships: Mapped[list["Membership"]] = relationship(  # noqa: F821
        back_populates="user", cascade="all, delete-orphan"
    )

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_suspended(self) -> bool:
        return self.suspended_until is not None and self.suspended_until > utcnow()

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def is_moderator(self) -> bool:
        return self.role in ("moderator", "admin")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class LoginSession(db.Model):
    """One logged-in browser: its cookie holds a random token, this row only the token's SHA-256 hash."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    browser: Mapped[str | None] = mapped_column(sa.String(40))
    platform: Mapped[str | None] = mapped_column(sa.String(40))
    address_prefix: Mapped[str | None] = mapped_column(
        sa.String(64)
    )  # an IPv4 /24 or IPv6 /48, never the address
    remember: Mapped[bool] = mapped_column(default=False)

    user: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<LoginSession {self.id} of user {self.user_id}>"
