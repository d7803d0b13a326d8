"""The public map: filters like the directory, a list that works without JavaScript, Leaflet on top."""

from dataclasses import asdict, astuple

from flask import Blueprint, current_app, render_template, request, url_for

from innovex import cache
from innovex.api.filters import actor_filters, actor_query
from innovex.api.params import slug_ok
from innovex.api.viewport import extent, point
from innovex.pagination import paginate_shared_count, requested_page
from innovex.vocab import ACTOR_KINDS

bp = Blueprint("map", __name__, url_prefix="/map")
LIST_PAGE_SIZE = 50


@bp.get("/")
def index():
    form, filters, dropped = actor_filters(request.args)
    page = requested_page()
    pagination = paginate_shared_count(  # the public list, the same for everyone: its total once per change
        actor_query(filters, None),
        page=page,
        per_page=LIST_PAGE_SIZE,
        name="map-total",
        topics=("directory",),
        parts=astuple(filters),
    )
    active = {name: value for name, value in asdict(filters).items() if value}
    focus = request.args.get("focus", "")
    focus_point = point(focus) if slug_ok(focus) else None
    return render_template(
        "map/index.html",
        form=form,
        pagination=pagination,
        dropped=dropped,
        viewport_url=url_for("api.actors_viewport", **active),
        bounds=cache.cached("map-extent", ("directory",), lambda: extent(filters), *astuple(filters)),
        tile_url=current_app.config["MAP_TILE_URL"],
        tile_attribution=current_app.config["MAP_TILE_ATTRIBUTION"],
        kinds={key: str(label) for key, label in ACTOR_KINDS.items()},
        focus=focus if focus_point else "",
        focus_point=focus_point,
    )
