"""The organisations blueprint and the loaders its views share."""

import sqlalchemy as sa
from flask import Blueprint, abort, current_app
from flask_login import current_user

from innovex.extensions import db, limiter
from innovex.models import Actor
from innovex.permissions import can_view_actor

bp = Blueprint("actors", __name__, url_prefix="/organisations")

# Rate limit for the POSTs that create rows others see (organisations, invitations, requests).
post_limit = limiter.limit(lambda: current_app.config["RATELIMIT_POST"], methods=["POST"])


def load_actor(slug: str) -> Actor:
    """The organisation with this slug, or 404 when there is none or the current user may not see it."""
    actor = db.session.scalar(sa.select(Actor).where(Actor.slug == slug))
    if actor is None or not can_view_actor(current_user, actor):
        abort(404)
    return actor


def require(allowed: bool) -> None:
    if not allowed:
        abort(403)
