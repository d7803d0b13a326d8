"""Calls for collaboration: the list, the call page, opening and proposing, approval and closing."""

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from innovex import abuse, permissions
from innovex.auth.verification import verified_required
from innovex.calls import access, services, submissions
from innovex.calls.cli import register_cli
from innovex.calls.forms import CallForm, DecisionForm, SubmitForm, SupportForm
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.formfields import show_error
from innovex.models import Call
from innovex.models.calls import CALL_STATES, SUBMISSION_STATES
from innovex.pagination import requested_page

bp = Blueprint("calls", __name__, url_prefix="/calls")
register_cli(bp)


@bp.app_context_processor
def _calls_context() -> dict:
    return {"call_states": CALL_STATES, "submission_states": SUBMISSION_STATES, "calls_access": access}


@bp.app_template_global()
def call_submissions_of(project):
    """For the project page: the calls the project is submitted to."""
    return submissions.submissions_of(project, current_user)


def load_call(slug: str) -> Call:
    """The call or 404, also when the viewer may not see it (a proposal does not reveal it exists)."""
    call = db.one_or_404(sa.select(Call).where(Call.slug == slug))
    if not access.can_view_call(current_user, call):
        abort(404)
    return call


def load_stewarded(slug: str) -> Call:
    call = load_call(slug)
    if not access.is_steward(current_user, call):
        abort(403)
    return call


@bp.get("/")
def index():
    page = db.paginate(
        services.listed_calls(current_user),
        page=requested_page(),
        per_page=current_app.config["PAGE_SIZE"],
        error_out=False,
    )
    return render_template("calls/index.html", page=page, current_phase=services.current_phase)


@bp.get("/<slug>")
def detail(slug):
    call = load_call(slug)
    return render_template(
        "calls/detail.html",
        call=call,
        phase=services.current_phase(call),
        entries=access.visible_submissions(call, current_user),
        takes_submissions=access.takes_submissions(call),
        supporters=access.supporting_actors(current_user),
        supports_allowed=submissions.supports_per_org(),
    )


@bp.route("/new", methods=["GET", "POST"])
@login_required
@abuse.post_limit
@verified_required
def create():
    if not access.can_propose_call(current_user):
        abort(403)
    actors = access.proposing_actors(current_user)
    moderator = permissions.is_moderator(current_user)
    form = CallForm(actors=actors, moderator=moderator)
    if form.validate_on_submit():
        actor = next((a for a in actors if str(a.id) == form.actor.data), None)
        try:
            call = services.create_call(current_user, form.to_input(), actor=actor)
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            if call.state == "open":
                flash(_("The call is open."), "success")
            else:
                flash(
                    _("Your call has been proposed; it becomes public once a moderator approves it."),
                    "success",
                )
            return redirect(url_for(".detail", slug=call.slug), 303)
    status = 422 if form.is_submitted() else 200
    return render_template("calls/form.html", form=form, call=None), status


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@login_required
@abuse.post_limit
def edit(slug):
    call = load_stewarded(slug)
    if not access.can_edit_call(current_user, call):
        abort(403)
    if request.method == "POST":
        form = CallForm()
        del form.actor
    else:
        form = CallForm.for_call(call)
    if form.validate_on_submit():
        try:
            services.edit_call(call, form.to_input(), current_user)
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Your changes have been saved."), "success")
            return redirect(url_for(".detail", slug=call.slug), 303)
    status = 422 if form.is_submitted() else 200
    return render_template("calls/form.html", form=form, call=call), status


def _act(call: Call, action, message: str):
    """Run one state change of a call; a refused change is flashed, nothing is written."""
    try:
        action()
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(message, "success")
    return redirect(url_for(".detail", slug=call.slug), 303)


@bp.post("/<slug>/approve")
@login_required
@abuse.action_limit
def approve(slug):
    call = load_call(slug)
    if not permissions.is_moderator(current_user):
        abort(403)
    return _act(call, lambda: services.approve_call(call, current_user), _("The call is open."))


@bp.post("/<slug>/close")
@login_required
@abuse.action_limit
def close(slug):
    call = load_stewarded(slug)
    return _act(call, lambda: services.close_call(call), _("The call is closed."))


# Submissions ---------------------------------------------------------------------------------------------


def _submission(call: Call, submission_id: int):
    entry = next((s for s in call.submissions if s.id == submission_id), None)
    if entry is None or entry not in access.visible_submissions(call, current_user):
        abort(404)
    return entry


@bp.route("/<slug>/submit", methods=["GET", "POST"])
@login_required
@abuse.post_limit
@verified_required
def submit(slug):
    call = load_call(slug)
    projects = submissions.submittable_projects(call, current_user)
    form = SubmitForm()
    form.project.choices = [(p.slug, p.title) for p in projects]
    if form.validate_on_submit():
        project = next(p for p in projects if p.slug == form.project.data)
        try:
            submissions.submit(call, project, current_user, note=form.note.data or "")
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("“%(project)s” is submitted to the call.", project=project.title), "success")
            return redirect(url_for(".detail", slug=call.slug, _anchor="submissions"), 303)
    status = 422 if form.is_submitted() else 200
    return render_template(
        "calls/submit.html", form=form, call=call, projects=projects, open=access.takes_submissions(call)
    ), status


@bp.post("/<slug>/submissions/<int:submission_id>/withdraw")
@login_required
@abuse.action_limit
def withdraw(slug, submission_id):
    call = load_call(slug)
    entry = _submission(call, submission_id)
    if not access.can_withdraw(current_user, entry):
        abort(403)
    return _act(call, lambda: submissions.withdraw(entry, current_user), _("The submission is withdrawn."))


def _supporting_actor(form: SupportForm):
    actors = access.supporting_actors(current_user)
    form.actor.choices = [(str(a.id), a.name) for a in actors]
    if not form.validate_on_submit():
        return None
    return next(a for a in actors if str(a.id) == form.actor.data)


@bp.post("/<slug>/submissions/<int:submission_id>/support")
@login_required
@abuse.post_limit
@verified_required
def support(slug, submission_id):
    call = load_call(slug)
    entry = _submission(call, submission_id)
    form = SupportForm()
    actor = _supporting_actor(form)
    if actor is None:
        flash(_("Please choose one of your organisations."), "error")
        return redirect(url_for(".detail", slug=call.slug, _anchor=f"submission-{entry.id}"), 303)
    return _act(
        call,
        lambda: submissions.support(entry, actor, current_user),
        _("%(name)s supports “%(project)s”.", name=actor.name, project=entry.project.title),
    )


@bp.post("/<slug>/submissions/<int:submission_id>/unsupport")
@login_required
@abuse.action_limit
def unsupport(slug, submission_id):
    call = load_call(slug)
    entry = _submission(call, submission_id)
    form = SupportForm()
    actor = _supporting_actor(form)
    if actor is None:
        abort(403)
    return _act(
        call,
        lambda: submissions.withdraw_support(entry, actor, current_user),
        _("The support has been withdrawn."),
    )


@bp.route("/<slug>/submissions/<int:submission_id>/decide", methods=["GET", "POST"])
@login_required
@abuse.action_limit
def decide(slug, submission_id):
    call = load_stewarded(slug)
    entry = _submission(call, submission_id)
    if not access.can_decide(current_user, entry):
        abort(403)
    current = {"reason": entry.reason, "state": entry.state if entry.state in submissions.DECISIONS else None}
    form = DecisionForm(data=None if request.method == "POST" else current)
    if form.validate_on_submit():
        try:
            notified = submissions.decide(entry, form.state.data, form.reason.data, current_user)
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("The decision is saved; %(count)s owners were notified.", count=notified), "success")
            return redirect(url_for(".detail", slug=call.slug, _anchor=f"submission-{entry.id}"), 303)
    status = 422 if form.is_submitted() else 200
    return render_template("calls/decide.html", form=form, call=call, entry=entry), status
