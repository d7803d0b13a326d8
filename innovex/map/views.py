"""Placeholder blueprint; replaced by the capability's real views."""

from flask import Blueprint

bp = Blueprint("map", __name__, url_prefix="/map")


@bp.get("/")
def index():
    return "map"
