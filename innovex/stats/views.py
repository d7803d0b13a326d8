"""Placeholder blueprint; replaced by the capability's real views."""

from flask import Blueprint

bp = Blueprint("stats", __name__, url_prefix="/statistics")


@bp.get("/")
def index():
    return "stats"
