from flask import Blueprint

bp = Blueprint("actors", __name__, url_prefix="/organisations")


@bp.get("/")
def directory():
    return "directory"


@bp.get("/<slug>")
def detail(slug):
    return slug
