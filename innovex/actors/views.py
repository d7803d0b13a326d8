"""Organisation profiles and the directory: list, create, show, edit, delete."""

from dataclasses import fields

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from innovex import abuse, idempotency
from innovex.actors import (
    claim_views,  # noqa: F401  (adds the claim-by-email routes to bp)
    licence_views,  # noqa: F401  (adds the licence route to bp)
    member_views,  # noqa: F401  (adds the membership routes to bp)
    services,
)
from innovex.actors.blueprint import bp
from innovex.actors.forms import ActorForm, DeleteActorForm, DirectoryForm
from innovex.actors.membership import open_request
from innovex.auth.verification import verified_required
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.formfields import show_error
from innovex.loaders import get_actor
from innovex.matching.panels import projects_for_actor_context
from innovex.pagination import requested_page
from innovex.permissions import can_view_actor
from innovex.visibility import visible_groups

__all__ = ["bp"]


@bp.get("/")
def directory():
    form = DirectoryForm(formdata=request.args)
    values, dropped = form.valid_filters()
    filters = services.DirectoryFilters(
        **{f.name: values.get(f.name) for f in fields(services.DirectoryFilters)}
    )
    page = requested_page()
    pagination = services.directory_page(filters, current_user, page, current_app.config["PAGE_SIZE"])
    return render_template("actors/directory.html", form=form, pagination=pagination, dropped=dropped)


@bp.route("/new", methods=["GET", "POST"])
@login_required
@abuse.post_limit
@verified_required
def create():
    form = ActorForm()
    candidates = []
    if form.validate_on_submit():
        if not form.different_organisation.data:
            candidates = possible_duplicates(form)
        if not candidates and (earlier := idempotency.repeated(form)) is not None:
            return redirect(earlier, 303)
        if not candidates:
            try:
                actor = services.create_actor(current_user, services.ActorProfile(**form.profile_data()))
            except DomainError as error:
                show_error(form, error)
            else:
                idempotency.done(form, url_for("actors.detail", slug=actor.slug))
                db.session.commit()
                flash(_("Your organisation %(name)s has been created.", name=actor.name), "success")
                return redirect(url_for("actors.detail", slug=actor.slug))
    status = 422 if form.errors else 200
    return render_template("actors/create.html", form=form, candidates=candidates), status


def possible_duplicates(form: ActorForm) -> list:
    """The duplicates the current user may see, so that hidden profiles do not leak through this check."""
    found = services.find_possible_duplicates(form.name.data, form.website.data, form.city.data)
    return [actor for actor in found if can_view_actor(current_user, actor)]


@bp.get("/<slug>")
def detail(slug):
    actor = get_actor(slug)
    pending = {
        kind
        for kind in ("join", "claim")
        if current_user.is_authenticated and open_request(actor, current_user, kind)
    }
    groups = visible_groups(actor, current_user)
    return render_template(
        "actors/detail.html",
        pending=pending,
        groups=groups,
        **projects_for_actor_context(actor, current_user),
    )


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@login_required
@abuse.post_limit
def edit(slug):
    actor = get_actor(slug, need="edit")
    form = ActorForm(obj=actor)
    if request.method == "GET":
        form.sector_ids.data = [sector.id for sector in actor.sectors]
        form.collaboration_ids.data = [item.id for item in actor.collaboration]
        form.country.data = actor.country or "DE"
        form.legal_form.data = actor.legal_form or ""
    if form.validate_on_submit():
        try:
            services.update_actor(actor, services.ActorProfile(**form.profile_data()))
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("The profile has been saved."), "success")
            return redirect(url_for("actors.detail", slug=actor.slug))
    return render_template("actors/edit.html", actor=actor, form=form), 422 if form.errors else 200


@bp.route("/<slug>/delete", methods=["GET", "POST"])
@login_required
@abuse.action_limit
def delete(slug):
    actor = get_actor(slug, need="delete")
    form = DeleteActorForm()
    if form.validate_on_submit():
        name = actor.name
        try:
            services.delete_actor(actor)
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("%(name)s has been deleted.", name=name), "success")
            return redirect(url_for("actors.directory"))
    return render_template("actors/delete.html", actor=actor, form=form), 422 if form.errors else 200
