"""A user's own account: the dashboard, settings, email, password and sessions."""

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import current_user, login_required

from innovex.account import services
from innovex.account.forms import EmailForm, PasswordForm, SettingsForm
from innovex.auth.services import send_email_changed_notice, send_password_changed_notice
from innovex.auth.sessions import end_session, refresh_session
from innovex.auth.views import form_page, show_error
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.models import User

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.before_request
@login_required
def require_login():
    """Every page here is about the logged-in user's own account."""


def me() -> User:
    return current_user._get_current_object()


@bp.get("/")
def dashboard():
    return render_template(
        "account/dashboard.html",
        memberships=services.my_memberships(me()),
        invitations=services.pending_invitations(me()),
        welcome=bool(request.args.get("welcome")),
    )


@bp.route("/settings", methods=["GET", "POST"])
def settings():
    form = SettingsForm(obj=me())
    if not form.is_submitted() and form.locale.data is None:
        form.locale.data = session.get("lang") or "de"
    if form.validate_on_submit():
        services.update_settings(me(), form.display_name.data, form.locale.data)
        session["lang"] = form.locale.data
        db.session.commit()
        refresh()  # so that the confirmation is already in the chosen language
        flash(_("Your settings have been saved."), "success")
        return redirect(url_for("account.settings"))
    return form_page("account/settings.html", form)


@bp.route("/email", methods=["GET", "POST"])
def email():
    form = EmailForm()
    old_email = me().email
    if form.validate_on_submit():
        try:
            services.change_email(me(), form.current_password.data, form.email.data)
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            send_email_changed_notice(me(), old_email)
            flash(_("Your email address has been changed."), "success")
            return redirect(url_for("account.dashboard"))
    return form_page("account/email.html", form)


@bp.route("/password", methods=["GET", "POST"])
def password():
    form = PasswordForm()
    form.account = me()
    if form.validate_on_submit():
        try:
            services.replace_password(me(), form.current_password.data, form.password.data)
        except DomainError as error:
            show_error(form, error)
        else:
            refresh_session(me())
            db.session.commit()
            send_password_changed_notice(me())
            flash(
                _("Your password has been changed. You have been logged out on all other devices."), "success"
            )
            return redirect(url_for("account.dashboard"))
    return form_page("account/password.html", form)


@bp.post("/logout-everywhere")
def logout_everywhere():
    services.logout_everywhere(me())
    db.session.commit()
    end_session()
    flash(_("You have been logged out on all devices, including this one."), "info")
    return redirect(url_for("auth.login"))
