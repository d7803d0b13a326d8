"""Registering, logging in and out, and resetting a forgotten password."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from innovex import abuse
from innovex.auth import services, two_factor, verification
from innovex.auth.forms import LoginForm, RegisterForm, ResetPasswordForm, ResetRequestForm, TwoFactorForm
from innovex.auth.sessions import end_session, start_session
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.formfields import Form, show_error
from innovex.i18n import select_locale
from innovex.redirects import redirect_next

bp = Blueprint("auth", __name__, url_prefix="/auth")


def form_page(template: str, form: Form, **context):
    """Render a form page; 422 when a submitted form was refused."""
    return render_template(template, form=form, **context), 422 if form.errors else 200


@bp.route("/register", methods=["GET", "POST"])
@abuse.limited("register")
def register():
    if current_user.is_authenticated:
        return redirect(url_for("account.dashboard"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = services.register_user(
                form.email.data, form.display_name.data, form.password.data, locale=select_locale()
            )  # the language they registered in is the one their mails are written in
        except DomainError as error:
            show_error(form, error)
        else:
            start_session(user)
            db.session.commit()
            sent_to = verification.send_verification(user)
            flash(_("Welcome to innovex! Next, create your organisation or join an existing one."), "success")
            flash(
                _("We sent a link to %(email)s: please open it to confirm your address.", email=sent_to),
                "info",
            )
            return redirect(url_for("account.dashboard", welcome=1))
    return form_page("auth/register.html", form)


@bp.route("/login", methods=["GET", "POST"])
@abuse.limited("login")
def login():
    if current_user.is_authenticated:
        return redirect_next(request.args.get("next"), "account.dashboard")
    form = LoginForm()
    if form.validate_on_submit():
        email = form.email.data
        if not abuse.account_allows("login", email):
            form.email.errors.append(
                _(
                    "Too many failed attempts for this account. Please wait a few minutes, or choose a new "
                    "password with “Forgot your password?”."
                )
            )
            return render_template("auth/login.html", form=form), 429
        try:
            user = services.authenticate(email, form.password.data)
        except DomainError as error:
            abuse.account_hit("login", email)
            show_error(form, error)
        else:
            if user.two_factor_enabled:  # not logged in yet: the code comes first
                two_factor.begin_login(user, remember=form.remember.data)
                return redirect(url_for("auth.login_code", next=request.args.get("next")))
            start_session(user, remember=form.remember.data)
            db.session.commit()
            return abuse.remember_device(redirect_next(request.args.get("next"), "account.dashboard"), email)
    return form_page("auth/login.html", form)


@bp.route("/login/code", methods=["GET", "POST"])
@abuse.limited("totp")
def login_code():
    """The login's second step for accounts with two-factor login: a code from the app or a recovery code."""
    if current_user.is_authenticated:
        return redirect_next(request.args.get("next"), "account.dashboard")
    pending = two_factor.pending_login()
    if pending is None:
        flash(_("Please log in again: the time for entering the code has run out."), "info")
        return redirect(url_for("auth.login", next=request.args.get("next")))
    user, remember = pending
    form = TwoFactorForm()
    if form.validate_on_submit():
        if not abuse.account_allows("totp", user.email):
            form.code.errors.append(_("Too many wrong codes for this account. Please wait a few minutes."))
            return render_template("auth/login_code.html", form=form), 429
        try:
            used = two_factor.check_code(user, form.code.data)
        except DomainError as error:
            abuse.account_hit("totp", user.email)
            show_error(form, error)
        else:
            start_session(user, remember=remember, two_factor=True)  # also forgets the pending note
            db.session.commit()
            if used == "recovery":
                flash(recovery_code_used(user), "info")
            return abuse.remember_device(
                redirect_next(request.args.get("next"), "account.dashboard"), user.email
            )
    return form_page("auth/login_code.html", form)


def recovery_code_used(user) -> str:
    return ngettext(
        "You used a recovery code; %(num)d is left. You can make new ones in your settings.",
        "You used a recovery code; %(num)d are left. You can make new ones in your settings.",
        two_factor.remaining_recovery_codes(user),
    )


@bp.post("/logout")
@abuse.action_limit
def logout():
    end_session()
    db.session.commit()
    flash(_("You are logged out."), "info")
    return redirect(url_for("main.index"))


@bp.route("/reset", methods=["GET", "POST"])
@abuse.limited("reset")
def reset_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        # The same answer whether or not a mail goes out: nobody learns which addresses have accounts, and
        # one person's inbox is not flooded from many addresses.
        if abuse.account_allows("reset", form.email.data):
            abuse.account_hit("reset", form.email.data)
            services.send_reset_mail(form.email.data)
        flash(
            _("If an account exists for this address, we have sent it a link to choose a new password."),
            "info",
        )
        return redirect(url_for("auth.login"))
    return form_page("auth/reset_request.html", form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
@abuse.limited("reset")
def reset_password(token: str):
    try:
        user = services.user_for_reset_token(token)
    except DomainError as error:
        return render_template("auth/reset_password.html", form=None, problem=error.message), 400
    form = ResetPasswordForm()
    form.account = user
    if form.validate_on_submit():
        try:
            services.change_password(user, form.password.data)
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            services.send_password_changed_notice(user)
            flash(_("Your password has been changed. Please log in with the new one."), "success")
            return redirect(url_for("auth.login"))
    return form_page("auth/reset_password.html", form, problem=None)


@bp.route("/verify/<token>", methods=["GET", "POST"])
@abuse.limited("reset")
def verify_email(token: str):
    """The link from the confirmation mail: the page asks, its button confirms (mail scanners open links)."""
    form = Form()
    try:
        _user, email = verification.user_for_token(token)
    except DomainError as error:
        return render_template("auth/verify_email.html", form=None, problem=error.message, email=None), 400
    if form.validate_on_submit():
        try:
            verification.confirm(token)
        except DomainError as error:
            db.session.rollback()
            return render_template(
                "auth/verify_email.html", form=None, problem=error.message, email=email
            ), 400
        db.session.commit()
        flash(_("Thank you: %(email)s is confirmed.", email=email), "success")
        return redirect(url_for("account.dashboard" if current_user.is_authenticated else "auth.login"))
    return render_template("auth/verify_email.html", form=form, problem=None, email=email)


@bp.post("/verify/resend")
@login_required
@abuse.limited("verify_mail")
def resend_verification():
    form = Form()
    if form.validate_on_submit() and (current_user.pending_email or not current_user.email_verified):
        sent_to = verification.send_verification(current_user)
        flash(_("We sent a new link to %(email)s.", email=sent_to), "info")
    return redirect_next(request.form.get("next"), "account.dashboard")
