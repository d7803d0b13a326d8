"""The start page, the language switch, the legal pages (Impressum, privacy notice) and the favicon."""

import sqlalchemy as sa
from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_login import current_user

from innovex import abuse, cache
from innovex.api.serializers import license_info
from innovex.extensions import db
from innovex.main import legal
from innovex.models import Actor, Offering, Project
from innovex.moderation.impulses import current_impulses
from innovex.permissions import visible_actors_filter, visible_projects_filter
from innovex.projects.queries import ProjectFilters, project_list
from innovex.redirects import redirect_next

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    visible = visible_actors_filter(current_user)
    recent_actors = db.session.scalars(
        sa.select(Actor).where(visible).order_by(Actor.created_at.desc(), Actor.id.desc()).limit(6)
    ).all()
    active_projects = db.session.scalars(
        project_list(current_user, ProjectFilters(sort="active")).limit(6)
    ).all()
    featured = db.session.scalars(
        project_list(current_user, ProjectFilters(sort="newest")).where(Project.featured.is_(True)).limit(6)
    ).all()
    return render_template(
        "main/index.html",
        recent_actors=recent_actors,
        active_projects=active_projects,
        featured_projects=featured,
        impulses=current_impulses(limit=5),
        stats=_counts(current_user)
        if current_user.is_authenticated
        else cache.cached("home-counts", ("directory", "projects"), lambda: _counts(None)),
    )


def _counts(viewer) -> dict[str, int]:
    """What the network holds, as the viewer may see it, in one query."""
    visible = visible_actors_filter(viewer)

    def count(model, *where) -> sa.ScalarSelect:
        query = sa.select(sa.func.count()).select_from(model)
        if model is Offering:
            query = query.join(Actor)
        return query.where(*where).scalar_subquery()

    row = db.session.execute(
        sa.select(
            count(Actor, visible).label("actors"),
            count(Offering, visible, Offering.kind == "offer").label("offers"),
            count(Offering, visible, Offering.kind == "need").label("needs"),
            count(Project, visible_projects_filter(viewer)).label("projects"),
        )
    ).one()
    return row._asdict()


@bp.post("/language")
@abuse.action_limit
def set_language():
    lang = request.form.get("lang")
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
        if current_user.is_authenticated:
            current_user.locale = lang
            db.session.commit()
    return redirect_next(request.form.get("next"))


@bp.get("/impressum")
def impressum():
    return render_template("main/impressum.html", operator=legal.operator())


@bp.get("/datenschutz")
def privacy():
    config = current_app.config
    return render_template(
        "main/privacy.html",
        operator=legal.operator(),
        remember_days=legal.days(config["REMEMBER_COOKIE_DURATION"]),
        tile_hosts=config["MAP_TILE_HOSTS"].split(),
        license=license_info(),
    )


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico whatever the page links; send them to the SVG."""
    return redirect(url_for("static", filename="favicon.svg"), 301)
