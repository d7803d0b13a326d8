"""The read API: organisations, offerings and public projects as paginated JSON, and the map's GeoJSON."""

import sqlalchemy as sa
from flask import Response, abort, jsonify, request, url_for
from flask_login import current_user
from sqlalchemy.orm import selectinload

from innovex import abuse, pickers, visibility
from innovex.api import (
    exports,  # noqa: F401  (adds the export and open-data routes to bp)
    murmurations,  # noqa: F401  (adds the Murmurations routes to bp)
)
from innovex.api.blueprint import bp
from innovex.api.filters import actor_query, strict_actor_filters
from innovex.api.geojson import body_response, map_response
from innovex.api.openapi import openapi_document
from innovex.api.params import (
    OFFERING_PARAMS,
    PAGE,
    PER_PAGE,
    PROJECT_PARAMS,
    SUGGEST_PARAMS,
    VIEWPORT_PARAMS,
    slug_ok,
    tag_value,
)
from innovex.api.serializers import actor_json, license_info, offering_json, project_json
from innovex.api.viewport import cached_viewport_body, parse_viewport
from innovex.extensions import db
from innovex.models import Actor, Offering, Project
from innovex.permissions import visible_actors_filter, visible_projects_filter
from innovex.projects.queries import ProjectFilters
from innovex.taxonomy import tag_is

__all__ = ["bp"]


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


@bp.get("/actors/viewport.geojson")
def actors_viewport():
    """The map's points in a box at a zoom level, single or as clusters counted by the database."""
    bbox, zoom = (param.value() for param in VIEWPORT_PARAMS)
    filters = strict_actor_filters(request.args)
    return body_response(cached_viewport_body(filters, parse_viewport(bbox, zoom)))


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
    if not slug_ok(slug):
        abort(404)
    actor = db.first_or_404(sa.select(Actor).where(Actor.slug == slug, visible_actors_filter(current_user)))
    return jsonify(actor_json(actor, current_user))


def _checked(params) -> dict:
    """The query parameters of one operation, each checked against its OpenAPI schema (400 naming it)."""
    return {param.name: tag_value() if param.name == "tag" else param.value() for param in params}


@bp.get("/offerings")
def offerings():
    """Current offers and needs of organisations whose offerings the viewer may see."""
    args = _checked(OFFERING_PARAMS)
    query = (
        sa.select(Offering)
        .join(Actor, Actor.id == Offering.actor_id)
        .where(
            visible_actors_filter(current_user), visibility.group_visible_clause("offerings", current_user)
        )
        .where(Offering.current)
        .options(selectinload(Offering.tags), selectinload(Offering.actor))
        .order_by(Offering.id)
    )
    if kind := args["kind"]:
        query = query.where(Offering.kind == kind)
    if scope := args["scope"]:
        query = query.where(Offering.scope == scope)
    if tag := args["tag"]:
        query = query.where(Offering.tags.any(tag_is(tag)))
    if slug := args["organisation"]:
        query = query.where(Actor.slug == slug)
    return paginated(query, offering_json)


def _public_projects() -> sa.Select:
    return (
        sa.select(Project)
        .where(visible_projects_filter(None))
        .options(
            selectinload(Project.tags),
            selectinload(Project.sectors),
            selectinload(Project.seeking_rows),
            selectinload(Project.actor),
        )
    )


@bp.get("/projects")
def projects():
    args = _checked(PROJECT_PARAMS)
    filters = ProjectFilters(
        stage=args["stage"], seeking=args["seeking"], sector=args["sector"], tag=args["tag"]
    )
    query = filters.apply(_public_projects()).order_by(Project.created_at.desc(), Project.id.desc())
    return paginated(query, project_json)


@bp.get("/projects/<slug>")
def project(slug):
    if not slug_ok(slug):
        abort(404)
    return jsonify(project_json(db.first_or_404(_public_projects().where(Project.slug == slug))))


@bp.get("/suggest")
@abuse.limited("picker", methods=("GET",))
def suggest():
    """What the pickers offer as the user types: up to ten rows of a kind this viewer may see."""
    args = _checked(SUGGEST_PARAMS)
    return jsonify(pickers.suggest(args["kind"], args["q"], current_user))


def paginated(query: sa.Select, serialize) -> Response:
    """One page of results with the total and links to the neighbouring pages (like RFC 8288 in JSON)."""
    page, per_page = PAGE.value(), PER_PAGE.value()
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
