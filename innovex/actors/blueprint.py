"""The organisations blueprint and the loaders its views share."""

import sqlalchemy as sa
from flask import Blueprint, abort
from flask_login import current_user

from innovex.extensions import db
from innovex.models import Actor
from innovex.permissions import can_view_actor

bp = Blueprint("actors", __name__, url_prefix="/organisations")


def load_actor(slug: str) -> Actor:
    """The organisation with this slug, or 404 when there is none or the current user may not see it."""
    actor = db.session.scalar(sa.select(Actor).where(Actor.slug == slug))
    if actor is None or not can_view_actor(current_user, actor):
        abort(404)
    return actor


def require(allowed: bool) -> None:
    if not allowed:
        abort(403)
