"""Placeholder blueprint; replaced by the capability's real views."""

from flask import Blueprint

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.get("/")
def index():
    return "notifications"
