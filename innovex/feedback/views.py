"""Feedback routes: post and reply, the permalink and sub-thread page, edit, history, delete, helpful."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from innovex import abuse, idempotency, permissions
from innovex.auth.verification import verified_required
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.feedback import services
from innovex.feedback.forms import EditFeedbackForm, FeedbackForm
from innovex.feedback.thread import thread_context
from innovex.formfields import show_error
from innovex.loaders import get_project
from innovex.models import Feedback, Project
from innovex.projects.views import detail_part, render_detail

bp = Blueprint("feedback", __name__, url_prefix="/feedback")
ITEM = "/<int(max=9223372036854775807):id>"  # larger ids would overflow the database integer: 404


@detail_part("thread")
def _thread_on_project_page(project: Project, viewer, options: dict) -> dict:
    return thread_context(project, viewer, request.args.get("sort"), form=options.get("form"))


def _item_or_404(item_id: int) -> Feedback:
    item = db.get_or_404(Feedback, item_id)
    if not permissions.can_view_project(current_user, item.project):
        abort(404)
    return item


def _item_url(item: Feedback) -> str:
    return url_for("projects.detail", slug=item.project.slug, _anchor=f"feedback-{item.id}")


@bp.route("/projects/<slug>", methods=["GET", "POST"])
@login_required
@abuse.post_limit
@verified_required
def create(slug):
    project = get_project(slug)
    form = FeedbackForm.for_author(current_user)
    if form.validate_on_submit():
        if (earlier := idempotency.repeated(form)) is not None:
            return redirect(earlier, 303)
        try:
            item = services.create_feedback(
                project,
                current_user,
                form.body.data,
                kind=form.kind.data or None,
                parent_id=form.parent,
                actor_id=form.actor_id.data,
                offering_id=form.offering_id.data,
            )
        except DomainError as error:
            show_error(form, error)
        else:
            idempotency.done(form, _item_url(item))
            db.session.commit()
            flash(_("Thank you, your feedback is posted."), "success")
            return redirect(_item_url(item), 303)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and not form.parent_id.data:
        # A refused top-level item: the project page again, the errors next to the fields of its form.
        return render_detail(project, thread={"form": form}), status
    parent = _shown_parent(form, project)
    return render_template("feedback/create.html", form=form, project=project, parent=parent), status


def _shown_parent(form: FeedbackForm, project: Project) -> Feedback | None:
    """The item a failed reply answered, to show above the form again (only if it is this project's)."""
    if not form.parent_id.data or form.parent_id.errors:
        return None
    parent = db.session.get(Feedback, form.parent)
    return parent if parent is not None and parent.project_id == project.id else None


@bp.get(f"{ITEM}/reply")
@login_required
def reply(id):
    item = _item_or_404(id)
    form = FeedbackForm.for_author(current_user, parent_id=str(item.id))
    if problem := services.reply_problem(item, current_user):
        form.form_errors.append(problem)
    return render_template("feedback/create.html", form=form, project=item.project, parent=item)


@bp.get(ITEM)
def thread(id):
    item = _item_or_404(id)
    context = thread_context(item.project, current_user, root=item)
    return render_template("feedback/thread.html", item=item, project=item.project, **context)


@bp.route(f"{ITEM}/edit", methods=["GET", "POST"])
@login_required
@abuse.post_limit
def edit(id):
    item = _item_or_404(id)
    if item.author_id != current_user.id:
        abort(403)
    form = EditFeedbackForm(obj=item)
    if form.validate_on_submit():
        try:
            services.edit_feedback(item, current_user, form.body.data)
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Your changes are saved."), "success")
            return redirect(_item_url(item), 303)
    status = 400 if request.method == "POST" else 200
    return render_template("feedback/edit.html", form=form, item=item, project=item.project), status


@bp.get(f"{ITEM}/history")
def history(id):
    item = _item_or_404(id)
    readable = permissions.can_read_feedback_text(current_user, item)
    return render_template("feedback/history.html", item=item, project=item.project, readable=readable)


@bp.post(f"{ITEM}/delete")
@login_required
@abuse.action_limit
def delete(id):
    item = _item_or_404(id)
    if item.author_id != current_user.id:
        abort(403)
    try:
        services.delete_feedback(item, current_user)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(_item_url(item), 303)
    db.session.commit()
    flash(_("Your feedback is deleted."), "success")
    return redirect(_item_url(item), 303)


@bp.post(f"{ITEM}/helpful")
@login_required
@abuse.action_limit
def helpful(id):
    item = _item_or_404(id)
    try:
        services.toggle_helpful(item, current_user)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
        context = thread_context(item.project, current_user, root=item)
        return render_template("feedback/thread.html", item=item, project=item.project, **context), 400
    db.session.commit()
    return redirect(_item_url(item), 303)
