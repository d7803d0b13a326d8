"""A user's own account: the dashboard, settings, email, password and sessions."""

import json

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import current_user, login_required

from innovex import abuse
from innovex.account import deletion, services
from innovex.account.forms import (
    DeleteAccountForm,
    EmailForm,
    PasswordForm,
    SettingsForm,
    TwoFactorCodeForm,
    TwoFactorDisableForm,
    TwoFactorSetupForm,
)
from innovex.account.personal_data import personal_data
from innovex.auth import sessions, two_factor
from innovex.auth.services import send_password_changed_notice
from innovex.auth.sessions import current_login_session, end_session, end_sessions, live_sessions
from innovex.auth.verification import send_verification, verified_required
from innovex.auth.views import form_page
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.formfields import show_error
from innovex.loaders import get_login_session
from innovex.models import User
from innovex.redirects import safe_next

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
@abuse.action_limit
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
    return form_page(
        "account/settings.html", form, sessions=live_sessions(me()), this_session=current_login_session()
    )


@bp.post("/sessions/<int:session_id>/end")
@abuse.action_limit
def end_login_session(session_id: int):
    record = get_login_session(session_id)
    if record == current_login_session():
        end_session()
        db.session.commit()
        flash(_("You have been logged out on this device."), "info")
        return redirect(url_for("auth.login"))
    sessions.end_login_session(record)
    db.session.commit()
    flash(_("The session has been ended; that device is logged out."), "success")
    return redirect(url_for("account.settings"))


@bp.route("/email", methods=["GET", "POST"])
@abuse.message_limit
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
            sent_to = send_verification(me())
            flash(
                _(
                    "We sent a link to %(email)s. Your address changes when you open it; until then it stays "
                    "%(old)s.",
                    email=sent_to,
                    old=old_email,
                ),
                "info",
            )
            return redirect(url_for("account.dashboard"))
    return form_page("account/email.html", form)


@bp.route("/password", methods=["GET", "POST"])
@abuse.action_limit
def password():
    form = PasswordForm()
    form.account = me()
    if form.validate_on_submit():
        try:
            services.replace_password(
                me(), form.current_password.data, form.password.data, keep=current_login_session()
            )
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            send_password_changed_notice(me())
            flash(
                _("Your password has been changed. You have been logged out on all other devices."), "success"
            )
            return redirect(url_for("account.dashboard"))
    return form_page("account/password.html", form)


@bp.post("/logout-everywhere")
@abuse.action_limit
def logout_everywhere():
    end_sessions(me())
    end_session()
    db.session.commit()
    flash(_("You have been logged out on all devices, including this one."), "info")
    return redirect(url_for("auth.login"))


@bp.get("/data")
def data():
    return render_template("account/data.html")


@bp.get("/data.json")
@abuse.limited("personal_data", methods=("GET",))
def data_download():
    """Everything innovex holds about the member, as a JSON attachment (structure: personal_data.py)."""
    body = json.dumps(personal_data(me()), ensure_ascii=False, indent=2)
    response = current_app.response_class(body, mimetype="application/json")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="innovex-personal-data-{me().handle}.json"'
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/delete", methods=["GET", "POST"])
@abuse.limited("account_delete")
def delete():
    form = DeleteAccountForm()
    if form.validate_on_submit():
        user = me()
        farewell = deletion.Farewell.of(user)
        try:
            deletion.delete_account(user, form.password.data)
        except DomainError as error:
            show_error(form, error)
        else:
            end_session()
            db.session.commit()
            deletion.send_deleted_notice(farewell)
            flash(
                _("Your account has been deleted. Your feedback stays, shown as by a former member."), "info"
            )
            return redirect(url_for("main.index"))
    return form_page("account/delete.html", form, owned=deletion.solely_owned(me()))


# Two-factor login (innovex.auth.two_factor) -------------------------------------------------------------

SETUP_KEY = "two_factor_setup"  # the secret being set up, in the signed session until a code confirms it


def _setup_secret() -> str:
    secret = session.get(SETUP_KEY)
    if not isinstance(secret, str) or len(secret) != 32:
        secret = session[SETUP_KEY] = two_factor.new_secret()
    return secret


def _wrong_code(form, error: DomainError) -> None:
    abuse.account_hit("totp", me().email)
    show_error(form, error)


def _too_many_codes(form) -> bool:
    if abuse.account_allows("totp", me().email):
        return False
    form.code.errors.append(_("Too many wrong codes for this account. Please wait a few minutes."))
    return True


def _two_factor_page(form=None, status: int | None = None, **forms):
    """The settings page of two-factor login: setting it up, or switching it off and new recovery codes."""
    context = {"next": safe_next(request.args.get("next")), "staff": me().is_moderator}
    if me().two_factor_enabled:
        context |= {
            "disable_form": forms.get("disable_form") or TwoFactorDisableForm(formdata=None),
            "codes_form": forms.get("codes_form") or TwoFactorCodeForm(formdata=None),
            "remaining": two_factor.remaining_recovery_codes(me()),
        }
    else:
        secret = _setup_secret()
        uri = two_factor.provisioning_uri(me(), secret)
        context |= {
            "form": form or TwoFactorSetupForm(formdata=None),
            "secret": two_factor.grouped(secret),
            "uri": uri,
            "qr": two_factor.qr_code(uri),
        }
    failed = any(f is not None and f.errors for f in (form, *forms.values()))
    return render_template("account/two_factor.html", **context), status or (422 if failed else 200)


def _codes_page(codes: list[str]):
    return render_template(
        "account/recovery_codes.html", codes=codes, next=safe_next(request.args.get("next"))
    )


@bp.route("/two-factor", methods=["GET", "POST"], endpoint="two_factor")
@abuse.limited("totp")
@verified_required
def two_factor_setup():
    if me().two_factor_enabled or request.method == "GET":
        return _two_factor_page()
    form = TwoFactorSetupForm()
    if form.validate_on_submit():
        if _too_many_codes(form):
            return _two_factor_page(form, status=429)
        try:
            codes = two_factor.enable(me(), _setup_secret(), form.code.data, current_login_session())
        except DomainError as error:
            _wrong_code(form, error)
        else:
            session.pop(SETUP_KEY, None)
            db.session.commit()
            flash(_("Two-factor login is on. Other devices have been logged out."), "success")
            return _codes_page(codes)
    return _two_factor_page(form)


@bp.post("/two-factor/disable")
@abuse.limited("totp")
@verified_required
def two_factor_disable():
    if not me().two_factor_enabled:
        return redirect(url_for("account.two_factor"))
    form = TwoFactorDisableForm()
    if form.validate_on_submit():
        if _too_many_codes(form):
            return _two_factor_page(disable_form=form, status=429)
        try:
            two_factor.disable(me(), form.current_password.data, form.code.data)
        except DomainError as error:
            _wrong_code(form, error)
        else:
            db.session.commit()
            flash(_("Two-factor login is off. Logging in needs only your password again."), "info")
            return redirect(url_for("account.settings"))
    return _two_factor_page(disable_form=form)


@bp.post("/two-factor/recovery-codes")
@abuse.limited("totp")
@verified_required
def two_factor_new_codes():
    if not me().two_factor_enabled:
        return redirect(url_for("account.two_factor"))
    form = TwoFactorCodeForm()
    if form.validate_on_submit():
        if _too_many_codes(form):
            return _two_factor_page(codes_form=form, status=429)
        try:
            two_factor.check_code(me(), form.code.data, recovery=False)
        except DomainError as error:
            _wrong_code(form, error)
        else:
            codes = two_factor.new_recovery_codes(me())
            db.session.commit()
            flash(_("Here are your new recovery codes; the old ones no longer work."), "success")
            return _codes_page(codes)
    return _two_factor_page(codes_form=form)
