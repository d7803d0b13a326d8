"""Placeholder blueprint; replaced by the capability's real views."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.get("/")
def index():
    return "api"
