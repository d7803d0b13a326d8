"""The moderation blueprint and the guard its moderator-only views share."""

from functools import wraps

from flask import Blueprint, abort
from flask_login import current_user

from innovex import permissions
from innovex.auth.two_factor import staff_guard

bp = Blueprint("moderation", __name__, url_prefix="/moderation")


def moderator_required(view):
    """Moderators and admins only: anonymous visitors are sent to log in, members get 403, staff without
    two-factor login in this session are sent to switch it on (REQUIRE_2FA_FOR_STAFF)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            from flask import current_app

            return current_app.login_manager.unauthorized()
        if not permissions.has_staff_role(current_user):
            abort(403)
        if (detour := staff_guard()) is not None:
            return detour
        if not permissions.is_moderator(current_user):  # fail closed whatever the guard says
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def admin_required(view):
    """Site admins only (granting and revoking roles), with two-factor login as for moderators."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            from flask import current_app

            return current_app.login_manager.unauthorized()
        if not (permissions.has_staff_role(current_user) and current_user.is_admin):
            abort(403)
        if (detour := staff_guard()) is not None:
            return detour
        if not permissions.is_admin(current_user):  # fail closed whatever the guard says
            abort(403)
        return view(*args, **kwargs)

    return wrapped
