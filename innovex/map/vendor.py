"""Third-party browser assets served from their Python packages (XStatic), never from a CDN."""

from flask import Blueprint, abort, send_from_directory

bp = Blueprint("vendor", __name__, url_prefix="/static/vendor")


def _packages() -> dict[str, str]:
    import xstatic.pkg.leaflet as leaflet
    import xstatic.pkg.leaflet_markercluster as markercluster

    return {"leaflet": leaflet.BASE_DIR, "leaflet-markercluster": markercluster.BASE_DIR}


@bp.get("/<package>/<path:filename>")
def asset(package, filename):
    directory = _packages().get(package)
    if directory is None:
        abort(404)
    return send_from_directory(directory, filename, max_age=86400)
