"""Flask-Login wiring: ids carry the session version, so old sessions die when it changes."""

from flask import Flask
from flask_babel import lazy_gettext as _l

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
