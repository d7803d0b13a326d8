"""The search page, and the request hooks that keep the index in step with the database."""

import logging

import sqlalchemy as sa
from flask import Blueprint, current_app, g, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from innovex import abuse, vocab
from innovex.extensions import db
from innovex.models import Sector
from innovex.search import drainer, maintenance
from innovex.search.results import search_page

bp = Blueprint("search", __name__, url_prefix="/search")
log = logging.getLogger(__name__)
TYPE_LABELS = {
    "actor": _l("Organisations"),
    "offering": _l("Offerings"),
    "project": _l("Projects"),
    "solution": _l("Solutions"),
}
FACET_TITLES = {
    "type": _l("Type"),
    "kind": _l("Kind of organisation"),
    "sector": _l("Sector"),
    "country": _l("Country"),
    "stage": _l("Project stage"),
}


@bp.before_app_request
def _start_serving():
    maintenance.start_serving(current_app._get_current_object())


@bp.after_app_request
def _drain_after_commit(response):
    # The request committed searchable changes: hand them to the index without waiting for its lock.
    if g.pop("search_outbox_pending", False):
        drainer.after_commit(current_app._get_current_object())
    return response


@bp.get("/")
@abuse.limited("search", methods=("GET",))
def index():
    text = request.args.get("q", "")
    page = search_page(text, current_user, request.args.to_dict())
    return render_template("search/index.html", page=page, labels=facet_labels(), titles=FACET_TITLES)


def facet_labels() -> dict[str, dict]:
    """Human labels for the facet values shown on the page."""
    sectors = {sector.slug: sector.label for sector in db.session.scalars(sa.select(Sector))}
    return {
        "type": TYPE_LABELS,
        "kind": vocab.ACTOR_KINDS,
        "sector": sectors,
        "stage": vocab.PROJECT_STAGES,
        "country": {},
    }
