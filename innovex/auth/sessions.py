"""Server-side login sessions: the session and remember-me cookies carry only a random token, and a row of
login_sessions (holding its SHA-256 hash) says whether it still opens the account.

Logging out deletes the row, so a copied cookie is worthless afterwards; a password change, a suspension,
"log out everywhere" and account deletion delete the user's rows. Because the state is in the database, every
app process and host agrees on it. A session ends after SESSION_IDLE_LIFETIME without a request (with
"remember me" SESSION_REMEMBER_IDLE_LIFETIME) and SESSION_ABSOLUTE_LIFETIME after the login at the latest.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import Flask, current_app, g, request, session
from flask_babel import lazy_gettext as _l
from flask_login import login_user, logout_user
from sqlalchemy.orm.attributes import set_committed_value

from innovex.auth.devices import address_prefix, browser_and_platform
from innovex.database import READ_ONLY_METHODS
from innovex.extensions import db, login_manager
from innovex.models import LoginSession, User
from innovex.models.base import utcnow

# last_seen_at is written at most this often per session, not on every request.
TOUCH_INTERVAL = timedelta(minutes=1)


def init_login(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def expired(now: datetime | None = None) -> sa.ColumnElement[bool]:
    """SQL: the login session is past its idle or absolute lifetime (one rule for the loader and prune)."""
    now = now or utcnow()
    config = current_app.config
    idle = sa.case(
        (LoginSession.remember, now - config["SESSION_REMEMBER_IDLE_LIFETIME"]),
        else_=now - config["SESSION_IDLE_LIFETIME"],
    )
    return sa.or_(
        LoginSession.created_at < now - config["SESSION_ABSOLUTE_LIFETIME"], LoginSession.last_seen_at < idle
    )


@login_manager.user_loader
def load_user(token: str) -> User | None:
    """The user of a live login session with this token; None for an unknown, ended or expired one, and for a
    suspended account."""
    found = db.session.execute(
        sa.select(LoginSession, User)
        .join(LoginSession.user)
        .where(LoginSession.token_hash == _hash(token), sa.not_(expired()))
    ).first()
    if found is None or found.User.is_suspended:
        return None
    g.login_session = found.LoginSession
    _touch(found.LoginSession)
    return found.User


def _touch(record: LoginSession) -> None:
    now = utcnow()
    if now - record.last_seen_at < TOUCH_INTERVAL:
        return
    if request.method in READ_ONLY_METHODS:
        # A reading request commits nothing, so the visit is written in a short transaction of its own.
        try:
            with db.engine.begin() as connection:
                connection.execute(
                    sa.update(LoginSession).where(LoginSession.id == record.id).values(last_seen_at=now)
                )
        except sa.exc.OperationalError:
            return  # a busy database: the next request a minute on tries again
        set_committed_value(record, "last_seen_at", now)
    else:
        # Committed with the request's own changes; a writing request holds the write lock already.
        record.last_seen_at = now


def current_login_session() -> LoginSession | None:
    """This browser's login session, once the current user has been loaded."""
    return g.get("login_session")


def start_session(user: User, remember: bool = False, two_factor: bool = False) -> None:
    """Log the user in on a fresh session, keeping a language chosen before (adopted if they have none);
    `two_factor` when they passed the second factor too (innovex.auth.two_factor)."""
    languages = current_app.config["LANGUAGES"]
    lang = session.get("lang")
    session.clear()
    if lang in languages:
        session["lang"] = lang
        if user.locale not in languages:
            user.locale = lang
    record, token = open_login_session(
        user,
        remember,
        user_agent=request.headers.get("User-Agent"),
        address=request.remote_addr,
        two_factor=two_factor,
    )
    login_user(user, remember=remember, duration=current_app.config["SESSION_ABSOLUTE_LIFETIME"])
    # Flask-Login keeps "_user_id" in the session and signs it into the remember cookie: both carry the token.
    session["_user_id"] = token
    g.login_session = record


def open_login_session(
    user: User,
    remember: bool = False,
    user_agent: str | None = None,
    address: str | None = None,
    two_factor: bool = False,
) -> tuple[LoginSession, str]:
    """Record a new login session of the user; the row and the token for its cookie (not stored anywhere)."""
    token = secrets.token_urlsafe(32)
    browser, platform = browser_and_platform(user_agent)
    record = LoginSession(
        token_hash=_hash(token),
        user=user,
        browser=browser,
        platform=platform,
        address_prefix=address_prefix(address),
        remember=remember,
        two_factor_at=utcnow() if two_factor else None,
    )
    db.session.add(record)
    db.session.flush()
    return record, token


def end_session() -> None:
    """Log out: delete this browser's login session (the caller commits) and forget everything in the session
    but the chosen language."""
    token = session.get("_user_id")
    if isinstance(token, str):
        db.session.execute(
            sa.delete(LoginSession)
            .where(LoginSession.token_hash == _hash(token))
            .execution_options(synchronize_session=False)
        )
    lang = session.get("lang")
    session.clear()
    logout_user()  # after clear(), so its instruction to delete the remember cookie survives
    if lang:
        session["lang"] = lang


def end_sessions(user: User, keep: LoginSession | None = None) -> None:
    """End every login session of the user, except `keep` (this browser's, after a password change)."""
    query = sa.delete(LoginSession).where(LoginSession.user_id == user.id)
    if keep is not None:
        query = query.where(LoginSession.id != keep.id)
    db.session.execute(query.execution_options(synchronize_session=False))
    db.session.flush()


def live_sessions(user: User) -> list[LoginSession]:
    """The user's login sessions that still open the account, most recently used first."""
    return list(
        db.session.scalars(
            sa.select(LoginSession)
            .where(LoginSession.user_id == user.id, sa.not_(expired()))
            .order_by(LoginSession.last_seen_at.desc(), LoginSession.id.desc())
        )
    )


def end_login_session(record: LoginSession) -> None:
    db.session.delete(record)
    db.session.flush()


def prune(now: datetime | None = None) -> int:
    """Delete the expired login sessions; how many."""
    result = db.session.execute(
        sa.delete(LoginSession).where(expired(now)).execution_options(synchronize_session=False)
    )
    db.session.flush()
    return result.rowcount
