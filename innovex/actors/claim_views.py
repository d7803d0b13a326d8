"""Routes for claiming an ownerless profile with an email address at its website's domain."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms import EmailField
from wtforms.validators import DataRequired, Length

from innovex import abuse
from innovex.actors import domain_claim
from innovex.actors.blueprint import bp
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.formfields import Form, show_error
from innovex.loaders import get_actor


class ClaimEmailForm(Form):
    email = EmailField(
        _l("Email address at the organisation's domain"),
        validators=[DataRequired(), Length(max=254)],
        render_kw={"autocomplete": "email"},
    )


@bp.route("/<slug>/claim/email", methods=["GET", "POST"])
@login_required
@abuse.limited("claim_mail")
def claim_by_email(slug):
    actor = get_actor(slug, need="claim")
    form = ClaimEmailForm()
    if form.validate_on_submit():
        try:
            email = domain_claim.check_claim_address(actor, form.email.data)
        except DomainError as error:
            show_error(form, error)
        else:
            domain_claim.send_claim_mail(actor, current_user, email)
            flash(
                _(
                    "We have sent a link to %(email)s. Open it within %(hours)s hours while logged in as you "
                    "are now to become the owner.",
                    email=email,
                    hours=domain_claim.max_age() // 3600,
                ),
                "success",
            )
            return redirect(url_for("actors.detail", slug=actor.slug))
    status = 422 if form.errors else 200
    return render_template(
        "actors/claim_email.html", actor=actor, form=form, site=domain_claim.site_domain(actor), token=None
    ), status


@bp.route("/<slug>/claim/email/<token>", methods=["GET", "POST"])
@login_required
@abuse.action_limit
def claim_by_email_link(slug, token):
    """The emailed link: shows one button (mail scanners open links too); the press makes the owner."""
    actor = get_actor(slug)
    try:
        email = domain_claim.email_from_token(actor, current_user, token)
    except DomainError as error:
        return render_template("actors/claim_email.html", actor=actor, error=error.message, token=token), 400
    if request.method == "POST":  # CSRFProtect has checked the form's token
        domain_claim.complete_claim(actor, current_user, email)
        db.session.commit()
        flash(
            _("You are now the owner of %(name)s. Please check that its profile is correct.", name=actor.name)
        )
        return redirect(url_for("actors.detail", slug=actor.slug))
    return render_template("actors/claim_email.html", actor=actor, email=email, token=token, error=None)
