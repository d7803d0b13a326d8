"""Placeholder blueprint; replaced by the capability's real views."""

from flask import Blueprint

bp = Blueprint("projects", __name__, url_prefix="/projects")


@bp.get("/")
def index():
    return "projects"
