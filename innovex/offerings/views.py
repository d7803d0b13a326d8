"""Offers and needs: the public list, one offering, and creating, editing and deleting them."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from innovex import abuse, idempotency
from innovex.actors.blueprint import require
from innovex.auth.verification import verified_required
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.formfields import show_error
from innovex.loaders import get_actor
from innovex.models import Offering
from innovex.offerings import services
from innovex.offerings.forms import OfferingFilterForm, OfferingForm
from innovex.pagination import requested_page
from innovex.permissions import can_edit_offering
from innovex.visibility import field_visible

bp = Blueprint("offerings", __name__)


def load_offering(offering_id: int) -> Offering:
    """The offering, or 404 when its organisation, or its offerings, are hidden from the current user."""
    offering = db.get_or_404(Offering, offering_id)
    if not field_visible(offering.actor, "offerings", current_user):
        abort(404)
    return offering


@bp.get("/offerings/")
def index():
    form = OfferingFilterForm(formdata=request.args)
    form.validate()
    values = {field.name: field.data or None for field in form if field.name not in form.errors}
    page = requested_page()
    pagination = db.paginate(
        services.offerings_query(current_user, values.get("kind"), values.get("tag")),
        page=page,
        per_page=current_app.config["PAGE_SIZE"],
        error_out=False,
    )
    dropped = [str(form[name].label.text) for name in form.errors]
    return render_template("offerings/index.html", form=form, pagination=pagination, dropped=dropped)


@bp.get("/offerings/<int:offering_id>")
def detail(offering_id):
    return render_template("offerings/detail.html", offering=load_offering(offering_id))


@bp.route("/organisations/<slug>/offerings/new", methods=["GET", "POST"])
@login_required
@abuse.post_limit
@verified_required
def create(slug):
    actor = get_actor(slug, need="edit")
    form = OfferingForm()
    if form.validate_on_submit():
        if (earlier := idempotency.repeated(form)) is not None:
            return redirect(earlier, 303)
        try:
            offering = services.create_offering(actor, services.OfferingData(**form.offering_data()))
        except DomainError as error:
            show_error(form, error)
        else:
            idempotency.done(form, url_for("actors.detail", slug=actor.slug))
            db.session.commit()
            flash(_("%(title)s has been added.", title=offering.title), "success")
            return redirect(url_for("actors.detail", slug=actor.slug))
    return render_template("offerings/create.html", actor=actor, form=form), 422 if form.errors else 200


@bp.route("/offerings/<int:offering_id>/edit", methods=["GET", "POST"])
@login_required
@abuse.post_limit
def edit(offering_id):
    offering = load_offering(offering_id)
    require(can_edit_offering(current_user, offering))
    form = OfferingForm(obj=offering)
    if request.method == "GET":
        form.tags.data = ", ".join(tag.name for tag in offering.tags)
    if form.validate_on_submit():
        try:
            services.update_offering(offering, services.OfferingData(**form.offering_data()))
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Your changes have been saved."), "success")
            return redirect(url_for("offerings.detail", offering_id=offering.id))
    return render_template("offerings/edit.html", offering=offering, form=form), 422 if form.errors else 200


@bp.post("/offerings/<int:offering_id>/delete")
@login_required
@abuse.action_limit
def delete(offering_id):
    offering = load_offering(offering_id)
    require(can_edit_offering(current_user, offering))
    slug = offering.actor.slug
    services.delete_offering(offering)
    db.session.commit()
    flash(_("The entry has been deleted."), "success")
    return redirect(url_for("actors.detail", slug=slug))
