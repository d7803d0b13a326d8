"""The moderation log, impulses, the network dashboard and role grants."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from innovex import abuse, permissions
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.formfields import show_error
from innovex.models import Impulse, User
from innovex.moderation import dashboard as network
from innovex.moderation import impulses, logview, roles
from innovex.moderation.blueprint import admin_required, bp, moderator_required
from innovex.moderation.logview import LogFilters
from innovex.moderation.network_forms import ImpulseForm, LogFilterForm, RoleForm
from innovex.pagination import requested_page


def _log_page(template: str, filters: LogFilters, **context):
    page = db.paginate(
        logview.log_query(filters),
        page=requested_page(),
        per_page=current_app.config["PAGE_SIZE"],
        error_out=False,
    )
    targets = logview.describe_targets(page.items, current_user)
    return render_template(template, page=page, targets=targets, **context)


# The log -------------------------------------------------------------------------------------------------


@bp.get("/log")
@moderator_required
def log():
    form = LogFilterForm(request.args)
    status = 200 if form.validate() or not request.args else 400
    return _log_page("moderation/log.html", form.filters(), form=form), status


@bp.get("/public-log")
def public_log():
    return _log_page("moderation/log_public.html", LogFilters())


# The dashboard -------------------------------------------------------------------------------------------


@bp.get("/dashboard")
@moderator_required
def dashboard():
    queue_url = url_for("moderation.queue") if "moderation.queue" in current_app.view_functions else None
    return render_template("moderation/dashboard.html", board=network.build_dashboard(), queue_url=queue_url)


# Impulses ------------------------------------------------------------------------------------------------


def _impulse_or_404(impulse_id: int) -> Impulse:
    impulse = db.get_or_404(Impulse, impulse_id)
    if not permissions.can_view_impulse(current_user, impulse):
        abort(404)
    return impulse


@bp.get("/impulses")
def impulse_list():
    page = db.paginate(
        impulses.all_impulses(current_user),
        page=requested_page(),
        per_page=current_app.config["PAGE_SIZE"],
        error_out=False,
    )
    return render_template("moderation/impulses.html", page=page, is_open=impulses.is_open)


@bp.get("/impulses/<int:impulse_id>")
def impulse(impulse_id):
    item = _impulse_or_404(impulse_id)
    return render_template(
        "moderation/impulse.html",
        impulse=item,
        projects=impulses.visible_projects(item, current_user),
        is_open=impulses.is_open(item),
    )


@bp.route("/impulses/new", methods=["GET", "POST"])
@moderator_required
@abuse.post_limit
def new_impulse():
    form = ImpulseForm()
    if form.validate_on_submit():
        try:
            item, notified = impulses.publish_impulse(current_user, form.to_input())
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("The impulse is published; %(count)s members were notified.", count=notified), "success")
            return redirect(url_for(".impulse", impulse_id=item.id), 303)
    status = 422 if form.is_submitted() else 200
    return render_template("moderation/impulse_form.html", form=form, impulse=None), status


@bp.route("/impulses/<int:impulse_id>/edit", methods=["GET", "POST"])
@moderator_required
@abuse.post_limit
def edit_impulse(impulse_id):
    item = db.get_or_404(Impulse, impulse_id)
    form = ImpulseForm() if request.method == "POST" else ImpulseForm.for_impulse(item)
    if form.validate_on_submit():
        try:
            impulses.edit_impulse(item, form.to_input())
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Your changes have been saved."), "success")
            return redirect(url_for(".impulse", impulse_id=item.id), 303)
    status = 422 if form.is_submitted() else 200
    return render_template("moderation/impulse_form.html", form=form, impulse=item), status


@bp.post("/impulses/<int:impulse_id>/withdraw")
@moderator_required
@abuse.action_limit
def withdraw_impulse(impulse_id):
    item = db.get_or_404(Impulse, impulse_id)
    impulses.withdraw_impulse(item)
    db.session.commit()
    flash(_("The impulse has been withdrawn; only moderators see it now."), "success")
    return redirect(url_for(".impulse", impulse_id=item.id), 303)


# Roles ---------------------------------------------------------------------------------------------------


def _roles_page(form: RoleForm, status: int = 200):
    return render_template("moderation/roles.html", form=form, staff=roles.staff()), status


@bp.get("/roles")
@admin_required
def role_list():
    return _roles_page(RoleForm())


@bp.post("/roles")
@admin_required
@abuse.action_limit
def grant_role():
    form = RoleForm()
    if not form.validate():
        return _roles_page(form, 422)
    user = roles.find_user(form.user.data)
    if user is None:
        form.user.errors = [_("There is no account with this email address or handle.")]
        return _roles_page(form, 422)
    try:
        changed = roles.change_role(user, "moderator", by=current_user, reason=form.reason.data or "")
    except DomainError as error:
        show_error(form, error)
        return _roles_page(form, 422)
    db.session.commit()
    if changed:
        flash(_("%(name)s is a moderator now.", name=user.display_name), "success")
    else:
        flash(_("%(name)s is a moderator already.", name=user.display_name), "info")
    return redirect(url_for(".role_list"), 303)


@bp.post("/roles/<int:user_id>/revoke")
@admin_required
@abuse.action_limit
def revoke_role(user_id):
    user = db.get_or_404(User, user_id)
    try:
        changed = roles.change_role(
            user, "member", by=current_user, reason=request.form.get("reason", "")[:500]
        )
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(url_for(".role_list"), 303)
    db.session.commit()
    if changed:
        flash(_("%(name)s is no longer a moderator.", name=user.display_name), "success")
    return redirect(url_for(".role_list"), 303)
