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
    # Two-factor login (innovex.auth.two_factor): the TOTP secret, stored as is (like the session secret it
    # must be readable to check codes; it is shown only while setting up), when it was switched on, and the
    # last time step a code was accepted for, so that the same code cannot be used twice.
    totp_secret: Mapped[str | None] = mapped_column(sa.String(64))
    totp_enabled_at: Mapped[datetime | None]
    totp_last_step: Mapped[int | None] = mapped_column(sa.BigInteger)

    memberships: Mapped[list["Membership"]] = relationship(  # noqa: F821
        back_populates="user", cascade="all, delete-orphan"
    )
    recovery_codes: Mapped[list["RecoveryCode"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
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
    def two_factor_enabled(self) -> bool:
        return self.totp_enabled_at is not None and self.totp_secret is not None

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
    # When this session passed the second factor; a new session of a 2FA account asks again.
    two_factor_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<LoginSession {self.id} of user {self.user_id}>"


class RecoveryCode(db.Model):
    """A one-time code that stands in for the authenticator app; only its SHA-256 hash is kept, and using it
    deletes the row."""

    __tablename__ = "recovery_codes"
    __table_args__ = (sa.UniqueConstraint("user_id", "code_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(back_populates="recovery_codes")

    def __repr__(self) -> str:
        return f"<RecoveryCode {self.id} of user {self.user_id}>"
