"""A member's interest subscriptions: list, create, edit, delete, and pausing one from its digest mail."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from innovex import abuse
from innovex.domain import DomainError
from innovex.extensions import csrf, db
from innovex.formfields import country_names, show_error
from innovex.models import Subscription
from innovex.notifications.unsubscribe import resolve_subscription
from innovex.subscriptions import services
from innovex.subscriptions.forms import SubscriptionForm
from innovex.vocab import SUBSCRIPTION_FREQUENCIES, SUBSCRIPTION_KINDS

bp = Blueprint("subscriptions", __name__, url_prefix="/notifications/subscriptions")


def load_own(subscription_id: int) -> Subscription:
    """The current member's subscription, or 404 (also for another member's: no hint that it exists)."""
    subscription = db.session.get(Subscription, subscription_id)
    if subscription is None or subscription.user_id != current_user.id:
        abort(404)
    return subscription


def _form_page(form: SubscriptionForm, subscription: Subscription | None) -> str:
    return render_template(
        "subscriptions/form.html", form=form, subscription=subscription, known_states=services.known_states()
    )


@bp.get("/")
@login_required
def index():
    return render_template(
        "subscriptions/index.html",
        subscriptions=services.subscriptions_of(current_user),
        kinds=SUBSCRIPTION_KINDS,
        frequencies=SUBSCRIPTION_FREQUENCIES,
        country_names=country_names(),
    )


@bp.route("/new", methods=["GET", "POST"])
@login_required
@abuse.action_limit
def create():
    form = SubscriptionForm()
    if form.validate_on_submit():
        try:
            services.create_subscription(current_user, form.to_input())
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Your subscription has been saved."), "success")
            return redirect(url_for(".index"))
    status = 422 if form.is_submitted() else 200
    return _form_page(form, None), status


@bp.route("/<int:subscription_id>/edit", methods=["GET", "POST"])
@login_required
@abuse.action_limit
def edit(subscription_id):
    subscription = load_own(subscription_id)
    form = SubscriptionForm() if request.method == "POST" else SubscriptionForm.for_subscription(subscription)
    if form.validate_on_submit():
        try:
            services.update_subscription(subscription, form.to_input(), paused=form.paused.data)
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Your subscription has been saved."), "success")
            return redirect(url_for(".index"))
    status = 422 if form.is_submitted() else 200
    return _form_page(form, subscription), status


@bp.post("/<int:subscription_id>/delete")
@login_required
@abuse.action_limit
def delete(subscription_id):
    services.delete_subscription(load_own(subscription_id))
    db.session.commit()
    flash(_("The subscription has been deleted."), "success")
    return redirect(url_for(".index"))


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # the signed token is the authority; mail programs post here without our form (RFC 8058)
@abuse.action_limit
def unsubscribe(token):
    """Pause one subscription from the link in its digest: the page asks, its button (or a one-click POST)
    does it."""
    subscription = resolve_subscription(token)
    if subscription is None:
        abort(404)
    if request.method == "POST":
        services.pause(subscription)
        db.session.commit()
    done = request.method == "POST"
    return render_template("subscriptions/unsubscribe.html", subscription=subscription, done=done)
