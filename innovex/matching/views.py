"""Partner suggestions, "not relevant" feedback, and expressions of interest."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from innovex import abuse, permissions
from innovex.auth.verification import verified_required
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.loaders import get_actor, get_project
from innovex.matching import services
from innovex.matching.forms import InterestForm
from innovex.matching.panels import (
    interest_context,
    projects_for_actor_context,
    suggestions_context,
)
from innovex.models import Actor, Interest, Project

bp = Blueprint("matching", __name__, url_prefix="/matching")


def load_interest(interest_id: int) -> Interest:
    interest = db.get_or_404(Interest, interest_id)
    if not permissions.can_view_project(current_user, interest.project):
        abort(404)
    return interest


@bp.get("/projects/<slug>")
def suggestions(slug):
    project = get_project(slug, need="suggestions")
    context = {
        **suggestions_context(project, current_user, request.args),
        **interest_context(project, current_user),
    }
    return render_template("matching/suggestions.html", **context)


@bp.post("/projects/<slug>/dismiss/<int:actor_id>")
@login_required
@abuse.action_limit
def dismiss(slug, actor_id):
    project = get_project(slug, need="own")
    actor = db.get_or_404(Actor, actor_id)
    if not permissions.can_view_actor(current_user, actor):
        abort(404)
    services.dismiss_suggestion(project, actor, current_user, reasons=request.form.get("reasons", "")[:2000])
    db.session.commit()
    flash(_("“%(name)s” will not be suggested for this project again.", name=actor.name), "success")
    return redirect(url_for("matching.suggestions", slug=project.slug))


@bp.get("/projects/<slug>/interest")
def interest(slug):
    project = get_project(slug)
    return render_template("matching/interest.html", **interest_context(project, current_user))


@bp.post("/projects/<slug>/interest")
@login_required
@abuse.message_limit
@verified_required
def express_interest(slug):
    project = get_project(slug)
    context = interest_context(project, current_user)
    form = InterestForm()
    form.actor.choices = context["interest_form"].actor.choices if context["interest_form"] else []
    if form.validate_on_submit():
        try:
            services.express_interest(
                project, db.session.get(Actor, form.actor.data), current_user, form.message.data or ""
            )
            db.session.commit()
            flash(_("Your interest was sent to the project's owners."), "success")
            return redirect(url_for("matching.interest", slug=project.slug))
        except DomainError as error:
            db.session.rollback()
            if error.field and error.field in form:
                form[error.field].errors = [*form[error.field].errors, error.message]
            else:
                form.form_errors.append(error.message)
    context["interest_form"] = form
    return render_template("matching/interest.html", **context), 422


@bp.post("/interests/<int:interest_id>/<any(accept, decline):decision>")
@login_required
@abuse.action_limit
def decide(interest_id, decision):
    interest = load_interest(interest_id)
    if not permissions.is_project_owner(current_user, interest.project):
        abort(403)
    return _apply(
        lambda: services.decide_interest(interest, current_user, decision == "accept"),
        _("Decision saved; the organisation has been notified."),
        interest.project,
    )


@bp.post("/interests/<int:interest_id>/withdraw")
@login_required
@abuse.action_limit
def withdraw(interest_id):
    interest = load_interest(interest_id)
    if not permissions.can_act_for_actor(current_user, interest.actor):
        abort(403)
    return _apply(
        lambda: services.withdraw_interest(interest, current_user), _("Interest withdrawn."), interest.project
    )


def _apply(change, success: str, project: Project):
    try:
        change()
        db.session.commit()
        flash(success, "success")
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    return redirect(url_for("matching.interest", slug=project.slug))


@bp.get("/organisations/<slug>")
def projects_for_actor(slug):
    actor = get_actor(slug)
    return render_template(
        "matching/projects_for_actor.html", **projects_for_actor_context(actor, current_user)
    )
