"""The licence route of the organisations blueprint: owners (and admins) choose their profile's licence."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from innovex import abuse, licences, provenance
from innovex.actors import licensing
from innovex.actors.blueprint import bp
from innovex.actors.forms import LicenceForm
from innovex.auth.verification import verified_required
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.formfields import show_error
from innovex.loaders import get_actor


@bp.route("/<slug>/licence", methods=["GET", "POST"])
@login_required
@abuse.post_limit
@verified_required
def licence(slug):
    actor = get_actor(slug, need="relicence")
    form = LicenceForm(data={"licence": licences.of_actor(actor)})
    if form.validate_on_submit():
        try:
            licensing.relicence(actor, form.licence.data)
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("The licence of the profile has been saved."), "success")
            return redirect(url_for("actors.detail", slug=actor.slug))
    return render_template(
        "actors/licence.html",
        actor=actor,
        form=form,
        origin=provenance.of(actor),
        permitted=licensing.allowed(actor),
        rewritten=licensing.freed_from_share_alike(actor),
    ), 422 if form.errors else 200
