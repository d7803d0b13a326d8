"""Reports, the review queue and moderators' actions on content and people."""

import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms import SelectChoice

from innovex import abuse
from innovex.auth.verification import verified_required
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.formfields import as_choices, show_error, taxonomy_choices
from innovex.loaders import get_actor, get_project
from innovex.models import Feedback, ProposalComment, Report, Sector, Suggestion, User
from innovex.moderation import reports
from innovex.moderation.blueprint import bp, moderator_required
from innovex.moderation.forms import (
    MoveForm,
    ReasonForm,
    ReportForm,
    ResolveForm,
    RetagForm,
    SuspendForm,
)
from innovex.moderation.targets import KINDS
from innovex.moderation.tools import QUEUE, TOOLS
from innovex.pagination import requested_page
from innovex.vocab import MODERATION_ACTIONS

TARGET = "<any(feedback,project,actor,user,proposal_comment,suggestion):target_type>/<int:target_id>"


# Reports -------------------------------------------------------------------------------------------------


@bp.route(f"/report/{TARGET}", methods=["GET", "POST"])
@login_required
@abuse.report_limit
@verified_required
def report(target_type, target_id):
    """Any member reports what they can see, once; reports share one per-user budget (new accounts less)."""
    target = reports.load_target(target_type, target_id)
    if target is None or not reports.can_see(current_user, target):
        abort(404)
    existing = reports.existing_report(current_user, target)
    if existing is not None and request.method == "POST":
        flash(_("You already reported this. The moderators will look at it."), "info")
        return redirect(target.kind.back_url(target.obj), 303)
    form = ReportForm()
    if form.validate_on_submit():
        try:
            _report, created = reports.file_report(current_user, target, form.reason.data, form.note.data)
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            if created:
                flash(_("Thank you. The moderators will review your report."), "success")
            else:
                flash(_("You already reported this. The moderators will look at it."), "info")
            return redirect(target.kind.back_url(target.obj), 303)
    status = 400 if form.is_submitted() else 200
    return render_template("moderation/report.html", form=form, target=target, existing=existing), status


# The review queue ----------------------------------------------------------------------------------------


def _resolve_form(entry_key: str, allowed, formdata=True) -> ResolveForm:
    form = ResolveForm(prefix=entry_key) if formdata else ResolveForm(prefix=entry_key, formdata=None)
    form.action.choices = [SelectChoice(action, QUEUE[action].label) for action in allowed]
    return form


def _render_queue(failed: tuple[str, ResolveForm] | None = None, status: int = 200):
    pagination = reports.open_queue(requested_page(), int(current_app.config["PAGE_SIZE"]))
    entries = pagination.items
    forms = {entry.key: _resolve_form(entry.key, entry.actions, formdata=False) for entry in entries}
    if failed is not None:
        key, form = failed
        if key in forms:
            forms[key] = form
        else:  # resolved meanwhile by someone else: say so above the queue
            for message in form.form_errors or [e for errors in form.errors.values() for e in errors]:
                flash(message, "error")
    return render_template(
        "moderation/queue.html", entries=entries, forms=forms, total=pagination.total, pagination=pagination
    ), status


@bp.get("/queue")
@moderator_required
def queue():
    return _render_queue()


@bp.post(f"/queue/{TARGET}")
@moderator_required
@abuse.action_limit
def resolve(target_type, target_id):
    target = reports.load_target(target_type, target_id)
    allowed = target.actions
    key = f"{target_type}-{target_id}"
    form = _resolve_form(key, allowed)
    if form.validate_on_submit():
        try:
            reports.resolve(
                target,
                form.action.data,
                current_user,
                reason=form.reason.data or "",
                private_note=form.private_note.data or "",
                days=form.period,
            )
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Done. The reports on this are resolved and the reporters are told."), "success")
            return redirect(url_for(".queue"), 303)
    return _render_queue((key, form), 400)


# Moderation tools per target -------------------------------------------------------------------------------

LABELS = {
    "hide": _l("Hide"),
    "unhide": _l("Restore"),
    "pin": _l("Pin to the top"),
    "unpin": _l("Unpin"),
    "move": _l("Move this sub-thread"),
    "lock": _l("Lock the thread"),
    "unlock": _l("Unlock the thread"),
    "feature": _l("Feature on the home page"),
    "unfeature": _l("Stop featuring"),
    "retag": _l("Save tags and sectors"),
    "warn": _l("Warn"),
    "suspend": _l("Suspend"),
    "unsuspend": _l("Lift the suspension"),
}


# The form that asks for each kind of tool (targets.Tool.form).
TOOL_FORMS = {"reason": ReasonForm, "suspend": SuspendForm, "move": MoveForm, "retag": RetagForm}


def _available(kind: str, obj) -> dict:
    """The tools that apply to obj now, as the registry says, each with its form class."""
    return {action: TOOL_FORMS[TOOLS[action].form] for action in KINDS[kind].tools(obj, current_user)}


def _actions_of(kind: str) -> str:
    """The URL converter's list of the tools a target type may have (`<any(...):action>`)."""
    return ",".join(KINDS[kind].tool_actions)


def _build(cls, action: str, formdata: bool):
    form = cls(prefix=action) if formdata else cls(prefix=action, formdata=None)
    if isinstance(form, RetagForm):
        form.sectors.choices = as_choices(taxonomy_choices(Sector, "slug"))
    return form


def _tools(kind: str, obj, failed: tuple[str, object] | None = None, status: int = 200):
    target_kind = KINDS[kind]
    forms = {action: _build(cls, action, formdata=False) for action, cls in _available(kind, obj).items()}
    if "retag" in forms and (failed is None or failed[0] != "retag"):
        forms["retag"].tags.data = ", ".join(tag.name for tag in obj.tags)
        forms["retag"].sectors.data = [sector.slug for sector in obj.sectors]
    if failed is not None:
        forms[failed[0]] = failed[1]
    target = reports.Target(kind, obj.id, obj)
    open_reports = db.session.scalars(
        sa.select(Report)
        .where(Report.target_type == kind, Report.target_id == obj.id, Report.resolved_at.is_(None))
        .order_by(Report.created_at)
    ).all()
    author = target.author
    return render_template(
        "moderation/tools.html",
        target=target,
        forms=forms,
        labels=LABELS,
        action_urls={
            action: url_for(target_kind.action_endpoint, action=action, **target_kind.url_args(obj))
            for action in forms
        },
        open_reports=open_reports,
        history=reports.author_history(author, exclude=target) if author is not None else None,
        action_labels=MODERATION_ACTIONS,
    ), status


def _act(kind: str, obj, action: str, done_url):
    target_kind = KINDS[kind]
    cls = _available(kind, obj).get(action)
    if cls is None:
        flash(_("This action does not apply right now."), "error")
        return redirect(url_for(target_kind.tools_endpoint, **target_kind.url_args(obj)), 303)
    form = _build(cls, action, formdata=True)
    if form.validate_on_submit():
        try:
            TOOLS[action].perform(obj, kind, current_user._get_current_object(), form)
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Done: %(action)s.", action=MODERATION_ACTIONS[action]), "success")
            return redirect(done_url(), 303)
    return _tools(kind, obj, (action, form), 400)


def _feedback_or_404(item_id: int) -> Feedback:
    return db.get_or_404(Feedback, item_id)


@bp.get("/feedback/<int:item_id>")
@moderator_required
def feedback_tools(item_id):
    return _tools("feedback", _feedback_or_404(item_id))


@bp.post(f"/feedback/<int:item_id>/<any({_actions_of('feedback')}):action>")
@moderator_required
@abuse.action_limit
def feedback_action(item_id, action):
    item = _feedback_or_404(item_id)

    def done() -> str:
        return url_for("projects.detail", slug=item.project.slug, _anchor=f"feedback-{item.id}")

    return _act("feedback", item, action, done)


@bp.get("/projects/<slug>")
@moderator_required
def project_tools(slug):
    return _tools("project", get_project(slug))


@bp.post(f"/projects/<slug>/<any({_actions_of('project')}):action>")
@moderator_required
@abuse.action_limit
def project_action(slug, action):
    project = get_project(slug)
    return _act("project", project, action, lambda: url_for("projects.detail", slug=project.slug))


@bp.get("/organisations/<slug>")
@moderator_required
def organisation_tools(slug):
    return _tools("actor", get_actor(slug))


@bp.post(f"/organisations/<slug>/<any({_actions_of('actor')}):action>")
@moderator_required
@abuse.action_limit
def organisation_action(slug, action):
    actor = get_actor(slug)
    return _act("actor", actor, action, lambda: url_for("actors.detail", slug=actor.slug))


@bp.get("/users/<int:user_id>")
@moderator_required
def user_tools(user_id):
    return _tools("user", db.get_or_404(User, user_id))


@bp.post(f"/users/<int:user_id>/<any({_actions_of('user')}):action>")
@moderator_required
@abuse.action_limit
def user_action(user_id, action):
    user = db.get_or_404(User, user_id)
    return _act("user", user, action, lambda: url_for(".user_tools", user_id=user.id))


@bp.get("/proposal-comments/<int:item_id>")
@moderator_required
def proposal_comment_tools(item_id):
    return _tools("proposal_comment", db.get_or_404(ProposalComment, item_id))


@bp.post(f"/proposal-comments/<int:item_id>/<any({_actions_of('proposal_comment')}):action>")
@moderator_required
@abuse.action_limit
def proposal_comment_action(item_id, action):
    item = db.get_or_404(ProposalComment, item_id)
    return _act("proposal_comment", item, action, lambda: KINDS["proposal_comment"].url(item))


@bp.get("/suggestions/<int:suggestion_id>")
@moderator_required
def suggestion_tools(suggestion_id):
    return _tools("suggestion", db.get_or_404(Suggestion, suggestion_id))


@bp.post(f"/suggestions/<int:suggestion_id>/<any({_actions_of('suggestion')}):action>")
@moderator_required
@abuse.action_limit
def suggestion_action(suggestion_id, action):
    suggestion = db.get_or_404(Suggestion, suggestion_id)
    return _act(
        "suggestion", suggestion, action, lambda: url_for(".suggestion_tools", suggestion_id=suggestion.id)
    )
