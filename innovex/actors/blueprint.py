"""The organisations blueprint and the one check its views share; the loader is innovex.loaders.get_actor."""

from flask import Blueprint, abort

bp = Blueprint("actors", __name__, url_prefix="/organisations")


def require(allowed: bool) -> None:
    if not allowed:
        abort(403)
