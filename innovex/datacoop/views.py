"""Data cooperative pages: visibility settings, "still correct" confirmation, relations."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from innovex import abuse, licences, permissions, provenance, visibility
from innovex.auth.verification import verified_required
from innovex.datacoop import freshness, services
from innovex.datacoop.forms import RelationForm, VisibilityForm
from innovex.datacoop.jsonld import jsonld
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.loaders import get_actor
from innovex.models import Relation
from innovex.redirects import redirect_next

bp = Blueprint("datacoop", __name__, url_prefix="/organisations")


@bp.app_context_processor
def datacoop_helpers() -> dict:
    """Helpers for the profile partials (_profile_facts, _relations, _jsonld) wherever they are included."""
    return {
        "visible_profile": visibility.visible_profile,
        "field_visible": visibility.field_visible,
        "is_stale": freshness.is_stale,
        "last_confirmed": freshness.last_confirmed,
        "relations_of": services.relations_of,
        "actor_jsonld": jsonld,
        "provenance_of": provenance.of,
        "licence_name": licences.name_of,
        "licence_url": licences.url_of,
    }


@bp.route("/<slug>/visibility", methods=["GET", "POST"])
@login_required
@abuse.action_limit
def visibility_settings(slug):
    actor = get_actor(slug)
    if not permissions.can_edit_actor(current_user, actor):
        abort(403)
    levels = {group: visibility.level_of(actor, group) for group in visibility.GROUPS}
    form = VisibilityForm(data=levels)
    if form.validate_on_submit():
        try:
            services.save_visibility(actor, form.levels())
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "error")
        else:
            db.session.commit()
            flash(_("Saved. The public now sees what you chose."))
            return redirect(url_for("datacoop.visibility_settings", slug=actor.slug))
    status = 422 if form.errors else 200
    return render_template("datacoop/visibility.html", actor=actor, form=form), status


@bp.post("/<slug>/confirm")
@login_required
@abuse.action_limit
def confirm(slug):
    actor = get_actor(slug)
    if not permissions.can_edit_actor(current_user, actor):
        abort(403)
    freshness.confirm_profile(actor)
    db.session.commit()
    flash(_("Thank you: the profile is confirmed as correct."))
    return redirect_next(request.form.get("next"), "actors.detail", slug=actor.slug)


@bp.route("/<slug>/confirm/<token>", methods=["GET", "POST"])
@abuse.action_limit
def confirm_link(slug, token):
    """The emailed link: shows one button; the signed token stands in for a login."""
    actor = get_actor(slug)
    try:
        freshness.user_from_token(actor, token)
    except DomainError as error:
        return render_template("datacoop/confirm_link.html", actor=actor, error=error.message), 400
    if request.method == "POST":
        freshness.confirm_profile(actor)
        db.session.commit()
        flash(_("Thank you: the profile is confirmed as correct."))
        return redirect(url_for("actors.detail", slug=actor.slug))
    return render_template("datacoop/confirm_link.html", actor=actor, error=None)


@bp.route("/<slug>/relations", methods=["GET", "POST"])
@login_required
@abuse.message_limit
@verified_required
def relations(slug):
    actor = get_actor(slug)
    if not permissions.can_manage_members(current_user, actor):
        abort(403)
    form = RelationForm()
    if form.validate_on_submit():
        try:
            services.propose_relation(current_user, actor, form.kind.data, form.target.data)
        except DomainError as error:
            db.session.rollback()
            getattr(form, error.field or "target").errors.append(error.message)
        else:
            db.session.commit()
            flash(_("Proposed. The other organisation's owners have been asked to confirm."))
            return redirect(url_for("datacoop.relations", slug=actor.slug))
    all_relations = services.relations_of(actor, confirmed_only=False)
    status = 422 if form.errors else 200
    return render_template("datacoop/relations.html", actor=actor, form=form, relations=all_relations), status


def _relation_for_owner(relation_id: int, *, object_side_only: bool) -> Relation:
    relation = db.get_or_404(Relation, relation_id)
    sides = [relation.object] if object_side_only else [relation.subject, relation.object]
    if not any(permissions.can_view_actor(current_user, side) for side in sides):
        abort(404)
    if not any(permissions.can_manage_members(current_user, side) for side in sides):
        abort(403)
    return relation


@bp.post("/relations/<int:relation_id>/confirm")
@login_required
@abuse.action_limit
def confirm_relation(relation_id):
    relation = _relation_for_owner(relation_id, object_side_only=True)
    try:
        services.confirm_relation(current_user, relation)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(_("The relation is confirmed and shown on both profiles."))
    return redirect(url_for("datacoop.relations", slug=relation.object.slug))


@bp.post("/relations/<int:relation_id>/remove")
@login_required
@abuse.action_limit
def remove_relation(relation_id):
    relation = _relation_for_owner(relation_id, object_side_only=False)
    own = (
        relation.subject
        if permissions.can_manage_members(current_user, relation.subject)
        else relation.object
    )
    services.remove_relation(relation)
    db.session.commit()
    flash(_("The relation has been removed."))
    return redirect(url_for("datacoop.relations", slug=own.slug))
