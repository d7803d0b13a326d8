"""The read API: organisations, offerings and public projects as paginated JSON, and the map's GeoJSON."""

import sqlalchemy as sa
from flask import Response, current_app, jsonify, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from innovex import visibility
from innovex.actors.services import current_offerings_filter
from innovex.api import (
    exports,  # noqa: F401  (adds the export and open-data routes to bp)
    murmurations,  # noqa: F401  (adds the Murmurations routes to bp)
)
from innovex.api.blueprint import ApiError, bp
from innovex.api.filters import actor_query, strict_actor_filters
from innovex.api.geojson import map_response
from innovex.api.openapi import openapi_document
from innovex.api.serializers import actor_json, license_info, offering_json, project_json
from innovex.extensions import db
from innovex.models import Actor, Offering, Project, Sector, Tag
from innovex.pagination import MAX_PAGE
from innovex.permissions import visible_actors_filter
from innovex.taxonomy import normalise_tag
from innovex.taxonomy_data import SECTORS
from innovex.vocab import OFFERING_KINDS, OFFERING_SCOPES, PROJECT_SEEKING, PROJECT_STAGES

__all__ = ["bp"]
SECTOR_SLUGS = {slug for slug, _de, _en in SECTORS}


@bp.get("/")
def index():
    return jsonify(
        organisations=url_for("api.organisations", _external=True),
        offerings=url_for("api.offerings", _external=True),
        projects=url_for("api.projects", _external=True),
        geojson=url_for("api.actors_geojson", _external=True),
        openapi=url_for("api.openapi", _external=True),
        open_data=url_for("api.open_data", _external=True),
        **license_info(),
    )


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_document())


@bp.get("/actors.geojson")
def actors_geojson():
    """Public organisations with a public point; the same for everyone, so caches may share it."""
    return map_response(strict_actor_filters(request.args))


@bp.get("/organisations")
def organisations():
    query = actor_query(strict_actor_filters(request.args), current_user).options(
        selectinload(Actor.sectors),
        selectinload(Actor.collaboration),
        selectinload(Actor.offerings).selectinload(Offering.tags),
        selectinload(Actor.memberships),
    )
    return paginated(query, lambda actor: actor_json(actor, current_user))


@bp.get("/organisations/<slug>")
def organisation(slug):
    actor = db.first_or_404(sa.select(Actor).where(Actor.slug == slug, visible_actors_filter(current_user)))
    return jsonify(actor_json(actor, current_user))


def _choice(name: str, vocabulary) -> str | None:
    value = request.args.get(name)
    if value is not None and value not in vocabulary:
        raise ApiError(_("Unknown filter value for: %(fields)s", fields=name))
    return value


@bp.get("/offerings")
def offerings():
    """Current offers and needs of organisations whose offerings the viewer may see."""
    query = (
        sa.select(Offering)
        .join(Actor, Actor.id == Offering.actor_id)
        .where(
            visible_actors_filter(current_user), visibility.group_visible_clause("offerings", current_user)
        )
        .where(current_offerings_filter())
        .options(selectinload(Offering.tags), selectinload(Offering.actor))
        .order_by(Offering.id)
    )
    if kind := _choice("kind", OFFERING_KINDS):
        query = query.where(Offering.kind == kind)
    if scope := _choice("scope", OFFERING_SCOPES):
        query = query.where(Offering.scope == scope)
    if tag := request.args.get("tag"):
        query = query.where(Offering.tags.any(Tag.name == normalise_tag(tag)))
    if slug := request.args.get("organisation"):
        query = query.where(Actor.slug == slug)
    return paginated(query, offering_json)


def _public_projects() -> sa.Select:
    return (
        sa.select(Project)
        .join(Actor, Actor.id == Project.actor_id)
        .where(Project.visibility == "public", Actor.status == "active", Project.hidden_at.is_(None))
        .options(
            selectinload(Project.tags),
            selectinload(Project.sectors),
            selectinload(Project.seeking_rows),
            selectinload(Project.actor),
        )
    )


@bp.get("/projects")
def projects():
    query = _public_projects().order_by(Project.created_at.desc(), Project.id.desc())
    if stage := _choice("stage", PROJECT_STAGES):
        query = query.where(Project.stage == stage)
    if seeking := _choice("seeking", PROJECT_SEEKING):
        query = query.where(Project.seeking_rows.any(value=seeking))
    if sector := _choice("sector", SECTOR_SLUGS):
        query = query.where(Project.sectors.any(Sector.slug == sector))
    if tag := request.args.get("tag"):
        query = query.where(Project.tags.any(Tag.name == normalise_tag(tag)))
    return paginated(query, project_json)


@bp.get("/projects/<slug>")
def project(slug):
    return jsonify(project_json(db.first_or_404(_public_projects().where(Project.slug == slug))))


def _page_arguments() -> tuple[int, int]:
    limit = current_app.config["API_MAX_PER_PAGE"]
    try:
        page = int(request.args.get("page", 1))
        per_page = int(request.args.get("per_page", current_app.config["PAGE_SIZE"]))
    except ValueError:
        raise ApiError(_("page and per_page must be whole numbers.")) from None
    if not 1 <= page <= MAX_PAGE or not 1 <= per_page <= limit:
        raise ApiError(_("page must be 1 or more, per_page between 1 and %(limit)s.", limit=limit))
    return page, per_page


def paginated(query: sa.Select, serialize) -> Response:
    """One page of results with the total and links to the neighbouring pages (like RFC 8288 in JSON)."""
    page, per_page = _page_arguments()
    pagination = db.paginate(query, page=page, per_page=per_page, error_out=False, count=True)
    args = {k: v for k, v in request.args.items() if k not in ("page", "per_page")}

    def link(number: int) -> str:
        return url_for(request.endpoint, page=number, per_page=per_page, _external=True, **args)

    links = {"self": link(page), "first": link(1), "last": link(max(pagination.pages, 1))}
    if pagination.has_prev:
        links["prev"] = link(page - 1)
    if pagination.has_next:
        links["next"] = link(page + 1)
    return jsonify(
        items=[serialize(item) for item in pagination.items],
        page=page,
        per_page=per_page,
        total=pagination.total,
        pages=pagination.pages,
        links=links,
        **license_info(),
    )
