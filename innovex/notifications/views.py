"""The notifications page, marking notices read, and the email preference."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from innovex import abuse
from innovex.domain import DomainError
from innovex.extensions import csrf, db
from innovex.models import Notification
from innovex.notifications import services
from innovex.notifications import unsubscribe as unsubscribing
from innovex.notifications.forms import SettingsForm
from innovex.notifications.render import describe
from innovex.pagination import requested_page

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.after_app_request
def send_instant_mail(response):
    """Instant mails go out once the request's transaction has committed (see services)."""
    services.send_committed_mail()
    return response


@bp.get("/")
@login_required
def index():
    page = db.paginate(
        services.notifications_for(current_user),
        page=requested_page(),
        per_page=current_app.config["PAGE_SIZE"],
        error_out=False,
    )
    notices = [(item, describe(item, current_user)) for item in page.items]
    return render_template("notifications/index.html", page=page, notices=notices)


@bp.post("/<int:notification_id>/read")
@login_required
@abuse.action_limit
def mark_read(notification_id):
    notification = db.get_or_404(Notification, notification_id)
    if notification.user_id != current_user.id:
        abort(404)
    services.mark_read(notification)
    db.session.commit()
    return redirect(url_for(".index"))


@bp.post("/read")
@login_required
@abuse.action_limit
def mark_all_read():
    count = services.mark_all_read(current_user)
    db.session.commit()
    flash(_("%(count)s notifications marked as read.", count=count), "success")
    return redirect(url_for(".index"))


@bp.route("/settings", methods=["GET", "POST"])
@login_required
@abuse.action_limit
def settings():
    form = SettingsForm(obj=current_user)
    if form.validate_on_submit():
        try:
            services.set_email_preference(current_user, form.email_preference.data)
            current_user.profile_reminders = form.profile_reminders.data
        except DomainError as error:
            db.session.rollback()
            form.email_preference.errors = [*form.email_preference.errors, error.message]
        else:
            db.session.commit()
            flash(_("Your notification settings have been saved."), "success")
            return redirect(url_for(".settings"))
    return render_template("notifications/settings.html", form=form), 422 if form.is_submitted() else 200


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # the signed token is the authority; mail programs post here without our form (RFC 8058)
@abuse.action_limit
def unsubscribe(token):
    """Stop one kind of mail from a link in it: the page asks, its button (or a one-click POST) does it."""
    found = unsubscribing.resolve(token)
    if found is None:
        abort(404)
    user, topic = found
    if request.method == "POST":
        unsubscribing.unsubscribe(user, topic)
        db.session.commit()
        return render_template("notifications/unsubscribe.html", topic=topic, done=True)
    return render_template("notifications/unsubscribe.html", topic=topic, done=False)
