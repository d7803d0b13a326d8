"""The public statistics page: scope and orientation of the mapped economy, as tables and SVG charts."""

from flask import Blueprint, render_template
from flask_login import current_user

from innovex import cache
from innovex.stats import queries

bp = Blueprint("stats", __name__, url_prefix="/statistics")


TOPICS = ("directory", "projects")


def _public_figures() -> dict:
    """Everything on the page that is the same for every viewer."""
    return {
        "totals": queries.totals(),
        "kinds": queries.by_kind(),
        "legal_forms": queries.by_legal_form(),
        "sectors": queries.by_sector(),
        "countries": queries.by_country(),
        "cities": queries.by_city(),
        "years": queries.growth_by_year(),
        "months": queries.growth_by_month(),
        "stages": queries.projects_by_stage(),
    }


def _viewer_figures(viewer) -> dict:
    """What depends on what the viewer may see (postcodes and offerings are per-organisation choices)."""
    return {"postcode_areas": queries.by_postcode_area(viewer), "tags": queries.offerings_by_tag(viewer)}


def _visitor_figures() -> dict:
    return _public_figures() | _viewer_figures(None)


@bp.get("/")
def index():
    viewer = current_user if current_user.is_authenticated else None
    if viewer is None:  # visitors: the whole page from the cache, one read of the versions
        figures = cache.cached("statistics-visitor", TOPICS, _visitor_figures)
    else:
        figures = cache.cached("statistics", TOPICS, _public_figures) | _viewer_figures(viewer)
    tags = figures["tags"]
    return render_template(
        "stats/index.html",
        **figures,
        tag_offers=[(name, offers) for name, offers, _needs in tags],
        tag_needs=[(name, needs) for name, _offers, needs in tags],
    )
