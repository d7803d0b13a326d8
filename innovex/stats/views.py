"""The public statistics page: scope and orientation of the mapped economy, as tables and SVG charts."""

from flask import Blueprint, render_template
from flask_login import current_user

from innovex.stats import queries

bp = Blueprint("stats", __name__, url_prefix="/statistics")


@bp.get("/")
def index():
    viewer = current_user if current_user.is_authenticated else None
    tags = queries.offerings_by_tag(viewer)
    return render_template(
        "stats/index.html",
        totals=queries.totals(),
        kinds=queries.by_kind(),
        legal_forms=queries.by_legal_form(),
        sectors=queries.by_sector(),
        countries=queries.by_country(),
        cities=queries.by_city(),
        postcode_areas=queries.by_postcode_area(viewer),
        years=queries.growth_by_year(),
        months=queries.growth_by_month(),
        tags=tags,
        tag_offers=[(name, offers) for name, offers, _needs in tags],
        tag_needs=[(name, needs) for name, _offers, needs in tags],
        stages=queries.projects_by_stage(),
    )
