"""Reports, the review queue and moderators' actions on content and people."""

import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms import SelectChoice

from innovex import abuse, permissions
from innovex.auth.verification import verified_required
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.formfields import as_choices, show_error, taxonomy_choices
from innovex.loaders import get_actor, get_project
from innovex.models import Actor, Feedback, Project, ProposalComment, Report, Sector, Suggestion, User
from innovex.moderation import actions, reports
from innovex.moderation.blueprint import bp, moderator_required
from innovex.moderation.forms import (
    QUEUE_LABELS,
    MoveForm,
    ReasonForm,
    ReportForm,
    ResolveForm,
    RetagForm,
    SuspendForm,
)
from innovex.moderation.targets import KINDS
from innovex.pagination import requested_page
from innovex.taxonomy import parse_tags
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
    form.action.choices = [SelectChoice(action, QUEUE_LABELS[action]) for action in allowed]
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


def _feedback_forms(item: Feedback, moderator) -> dict:
    forms = {}
    if item.deleted_at is None:
        if item.hidden_at is None or item.hidden_by_id is None:
            forms["hide"] = ReasonForm
        if item.hidden_at is not None:
            forms["unhide"] = ReasonForm
        if permissions.can_pin_feedback(moderator, item):
            forms["unpin" if item.pinned_at else "pin"] = ReasonForm
    forms["move"] = MoveForm
    return forms


def _project_forms(project: Project, moderator) -> dict:
    forms = {"unlock" if project.status == "locked" else "lock": ReasonForm}
    forms["unfeature" if project.featured else "feature"] = ReasonForm
    if project.hidden_at is None or project.hidden_by_id is None:
        forms["hide"] = ReasonForm
    if project.hidden_at is not None:
        forms["unhide"] = ReasonForm
    forms["retag"] = RetagForm
    return forms


def _actor_forms(actor: Actor, moderator) -> dict:
    return {"unhide" if actor.status == "hidden" else "hide": ReasonForm}


def _hideable_forms(obj, moderator) -> dict:
    """A contribution to a proposal or a suggested correction: hidden (or restored) by a moderator."""
    return {"unhide" if obj.hidden_at is not None else "hide": ReasonForm}


def _user_forms(user: User, moderator) -> dict:
    if user.id == moderator.id:
        return {}
    forms = {"warn": ReasonForm}
    if permissions.can_suspend(moderator, user):
        forms["suspend"] = SuspendForm
        if user.is_suspended:
            forms["unsuspend"] = ReasonForm
    return forms


def _perform(kind: str, obj, action: str, form) -> None:
    reason, note, me = (
        form.reason.data or "",
        form.private_note.data or "",
        current_user._get_current_object(),
    )
    if action in ("hide", "unhide"):
        getattr(actions, action)(obj, kind, me, reason, note)
    elif action in ("pin", "unpin"):
        actions.set_pinned(obj, action == "pin", me, reason, note)
    elif action == "move":
        actions.move_subthread(obj, actions.find_destination(form.destination.data), me, reason, note)
    elif action in ("lock", "unlock"):
        getattr(actions, action)(obj, me, reason, note)
    elif action in ("feature", "unfeature"):
        actions.set_featured(obj, action == "feature", me, reason, note)
    elif action == "retag":
        actions.retag(obj, me, parse_tags(form.tags.data), list(form.sectors.data or []), reason, note)
    elif action == "warn":
        actions.warn_user(obj, me, reason, note)
    elif action == "suspend":
        actions.suspend_user(obj, me, reason, form.period, note)
    else:
        actions.unsuspend_user(obj, me, reason, note)


TOOL_FORMS = {
    "feedback": _feedback_forms,
    "project": _project_forms,
    "actor": _actor_forms,
    "user": _user_forms,
    "proposal_comment": _hideable_forms,
    "suggestion": _hideable_forms,
}


def _build(cls, action: str, formdata: bool):
    form = cls(prefix=action) if formdata else cls(prefix=action, formdata=None)
    if isinstance(form, RetagForm):
        form.sectors.choices = as_choices(taxonomy_choices(Sector, "slug"))
    return form


def _tools(kind: str, obj, failed: tuple[str, object] | None = None, status: int = 200):
    available, target_kind = TOOL_FORMS[kind], KINDS[kind]
    forms = {
        action: _build(cls, action, formdata=False) for action, cls in available(obj, current_user).items()
    }
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
    available, target_kind = TOOL_FORMS[kind], KINDS[kind]
    cls = available(obj, current_user).get(action)
    if cls is None:
        flash(_("This action does not apply right now."), "error")
        return redirect(url_for(target_kind.tools_endpoint, **target_kind.url_args(obj)), 303)
    form = _build(cls, action, formdata=True)
    if form.validate_on_submit():
        try:
            _perform(kind, obj, action, form)
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


@bp.post("/feedback/<int:item_id>/<any(hide,unhide,pin,unpin,move):action>")
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


@bp.post("/projects/<slug>/<any(lock,unlock,feature,unfeature,hide,unhide,retag):action>")
@moderator_required
@abuse.action_limit
def project_action(slug, action):
    project = get_project(slug)
    return _act("project", project, action, lambda: url_for("projects.detail", slug=project.slug))


@bp.get("/organisations/<slug>")
@moderator_required
def organisation_tools(slug):
    return _tools("actor", get_actor(slug))


@bp.post("/organisations/<slug>/<any(hide,unhide):action>")
@moderator_required
@abuse.action_limit
def organisation_action(slug, action):
    actor = get_actor(slug)
    return _act("actor", actor, action, lambda: url_for("actors.detail", slug=actor.slug))


@bp.get("/users/<int:user_id>")
@moderator_required
def user_tools(user_id):
    return _tools("user", db.get_or_404(User, user_id))


@bp.post("/users/<int:user_id>/<any(warn,suspend,unsuspend):action>")
@moderator_required
@abuse.action_limit
def user_action(user_id, action):
    user = db.get_or_404(User, user_id)
    return _act("user", user, action, lambda: url_for(".user_tools", user_id=user.id))


@bp.get("/proposal-comments/<int:item_id>")
@moderator_required
def proposal_comment_tools(item_id):
    return _tools("proposal_comment", db.get_or_404(ProposalComment, item_id))


@bp.post("/proposal-comments/<int:item_id>/<any(hide,unhide):action>")
@moderator_required
@abuse.action_limit
def proposal_comment_action(item_id, action):
    item = db.get_or_404(ProposalComment, item_id)
    return _act("proposal_comment", item, action, lambda: KINDS["proposal_comment"].url(item))


@bp.get("/suggestions/<int:suggestion_id>")
@moderator_required
def suggestion_tools(suggestion_id):
    return _tools("suggestion", db.get_or_404(Suggestion, suggestion_id))


@bp.post("/suggestions/<int:suggestion_id>/<any(hide,unhide):action>")
@moderator_required
@abuse.action_limit
def suggestion_action(suggestion_id, action):
    suggestion = db.get_or_404(Suggestion, suggestion_id)
    return _act(
        "suggestion", suggestion, action, lambda: url_for(".suggestion_tools", suggestion_id=suggestion.id)
    )
