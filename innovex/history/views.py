"""A profile's history: the revisions a viewer may see, and restoring an earlier version."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from innovex import abuse
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.history import services
from innovex.loaders import get_actor
from innovex.models import ProfileRevision
from innovex.pagination import requested_page

bp = Blueprint("history", __name__, url_prefix="/organisations")


@bp.get("/<slug>/history")
def index(slug, error: str | None = None, status: int = 200):
    actor = get_actor(slug)
    pagination = db.paginate(
        services.history_query(actor),
        page=requested_page(),
        per_page=current_app.config["PAGE_SIZE"],
        error_out=False,
    )
    entries = [(revision, services.visible_changes(revision, current_user)) for revision in pagination.items]
    entries = [(revision, changes) for revision, changes in entries if changes]
    return render_template(
        "history/index.html", actor=actor, pagination=pagination, entries=entries, error=error
    ), status


@bp.post("/<slug>/history/<int:revision_id>/restore")
@login_required
@abuse.action_limit
def restore(slug, revision_id):
    actor = get_actor(slug, need="restore")
    revision = db.get_or_404(ProfileRevision, revision_id)
    if revision.actor_id != actor.id:
        abort(404)
    try:
        services.restore_revision(revision, current_user)
    except DomainError as error:
        db.session.rollback()
        return index(slug, error.message, 422)
    db.session.commit()
    flash(_("The earlier version has been restored."), "success")
    return redirect(url_for("history.index", slug=actor.slug))
