"""Flask-Login wiring: ids carry the session version, so old sessions die when it changes."""

from flask import Flask, current_app, request, session
from flask_babel import lazy_gettext as _l
from flask_login import login_user, logout_user

from innovex.extensions import db, login_manager
from innovex.models import User


def init_login(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """Load the user for a session id "<id>:<version>"; a stale version or a suspension logs them out."""
    raw_id, _, raw_version = user_id.partition(":")
    if not raw_id.isdigit() or not raw_version.isdigit():
        return None
    user = db.session.get(User, int(raw_id))
    if user is None or user.session_version != int(raw_version) or user.is_suspended:
        return None
    return user


def start_session(user: User, remember: bool = False) -> None:
    """Log the user in on a fresh session, keeping a language chosen before (adopted if they have none)."""
    languages = current_app.config["LANGUAGES"]
    lang = session.get("lang")
    session.clear()
    if lang in languages:
        session["lang"] = lang
        if user.locale not in languages:
            user.locale = lang
    login_user(user, remember=remember)


def refresh_session(user: User) -> None:
    """Re-issue this browser's login after the session version changed, so only the OTHER sessions end."""
    remembered = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies
    login_user(user, remember=remembered)


def end_session() -> None:
    """Log out and forget everything in the session except the chosen language."""
    lang = session.get("lang")
    session.clear()
    logout_user()  # after clear(), so its instruction to delete the remember cookie survives
    if lang:
        session["lang"] = lang
