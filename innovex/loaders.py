"""One loader per object, the permission check joined to it (as flaskr's `get_post(id, check_author)`).

Each loader answers 404 when the object does not exist or the current user may not see it (a draft or a hidden
organisation does not reveal that it exists), and 403 when the user sees it but may not do what `need` names.
"""

from collections.abc import Callable

import sqlalchemy as sa
from flask import abort
from flask_login import current_user

from innovex import permissions
from innovex.extensions import db
from innovex.models import Actor, Event, LoginSession, Project

PROJECT_NEEDS: dict[str, Callable] = {
    "view": lambda user, project: True,
    "edit": permissions.can_edit_project,
    "own": permissions.is_project_owner,
    "suggestions": permissions.can_see_suggestions,
}
ACTOR_NEEDS: dict[str, Callable] = {
    "view": lambda user, actor: True,
    "edit": permissions.can_edit_actor,
    "manage": permissions.can_manage_members,
    "delete": permissions.can_delete_actor,
    "relicence": permissions.can_relicence_actor,
    "members": permissions.can_view_members,
    "join": permissions.can_request_join,
    "claim": permissions.can_claim_actor,
    "restore": permissions.can_restore_profile,
    "suggest": permissions.can_suggest_correction,
}

EVENT_NEEDS: dict[str, Callable] = {
    "view": lambda user, event: True,
    "edit": permissions.can_edit_event,
}


def _needed(needs: dict[str, Callable], need: str) -> Callable:
    if need not in needs:
        raise ValueError(f"unknown need {need!r}; known: {', '.join(needs)}")
    return needs[need]


def get_project(slug: str, need: str = "view") -> Project:
    """The project with this slug for the current user: 404 unless they may see it, 403 unless `need`."""
    allowed = _needed(PROJECT_NEEDS, need)
    project = db.session.scalar(sa.select(Project).where(Project.slug == slug))
    if project is None or not permissions.can_view_project(current_user, project):
        abort(404)
    if not allowed(current_user, project):
        abort(403)
    return project


def get_actor(slug: str, need: str = "view") -> Actor:
    """The organisation with this slug for the current user: 404 unless they may see it, 403 unless `need`."""
    allowed = _needed(ACTOR_NEEDS, need)
    actor = db.session.scalar(sa.select(Actor).where(Actor.slug == slug))
    if actor is None or not permissions.can_view_actor(current_user, actor):
        abort(404)
    if not allowed(current_user, actor):
        abort(403)
    return actor


def get_login_session(session_id: int) -> LoginSession:
    """One of the current user's own login sessions: 404 for another user's or a missing one."""
    record = db.session.get(LoginSession, session_id)
    if record is None or not permissions.can_end_login_session(current_user, record):
        abort(404)
    return record


def get_event(event_id: int, need: str = "view") -> Event:
    """The event with this id for the current user: 404 unless they may see it, 403 unless `need`."""
    allowed = _needed(EVENT_NEEDS, need)
    event = db.session.get(Event, event_id)
    if event is None or not permissions.can_view_event(current_user, event):
        abort(404)
    if not allowed(current_user, event):
        abort(403)
    return event
