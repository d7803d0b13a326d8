"""Placeholder blueprint; replaced by the capability's real views."""

from flask import Blueprint

bp = Blueprint("search", __name__, url_prefix="/search")


@bp.get("/")
def index():
    return "search"
