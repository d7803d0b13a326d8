"""Events: upcoming ones and the archive, the event page, publishing, editing, cancelling, iCal."""

import sqlalchemy as sa
from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from innovex import abuse, permissions
from innovex.auth.verification import verified_required
from innovex.calls import access as calls_access
from innovex.domain import DomainError
from innovex.events import ical, services, times
from innovex.events.forms import EventForm
from innovex.extensions import db
from innovex.formfields import show_error
from innovex.loaders import get_event
from innovex.models import Actor, Call
from innovex.pagination import requested_page

bp = Blueprint("events", __name__, url_prefix="/events")
FEED_MAX = 500
EMBEDDED_MAX = 5


@bp.app_template_global()
def upcoming_events_of(actor=None, call=None, limit: int = EMBEDDED_MAX) -> list:
    """For a profile or a call page: the next few events of that organisation or call."""
    select = services.upcoming_events(current_user, actor=actor, call=call).limit(limit)
    return list(db.session.scalars(select))


def _page(select):
    return db.paginate(
        select, page=requested_page(), per_page=current_app.config["PAGE_SIZE"], error_out=False
    )


@bp.get("/")
def index():
    page = _page(services.upcoming_events(current_user))
    return render_template("events/index.html", page=page, past=False)


@bp.get("/past")
def past():
    page = _page(services.past_events(current_user))
    return render_template("events/index.html", page=page, past=True)


@bp.get("/<int:event_id>")
def detail(event_id):
    return render_template("events/detail.html", event=get_event(event_id))


def _zone_names() -> list[str]:
    return sorted(z for z in times.known_timezones() if z.startswith("Europe/")) + ["UTC"]


def _preselected(form: EventForm, actors: list[Actor]) -> None:
    """`?actor=<slug>` and `?call=<slug>` from the links on a profile and a call page."""
    actor = next((a for a in actors if a.slug == request.args.get("actor")), None)
    if actor is not None:
        form.actor.data = str(actor.id)
    if request.args.get("call") in {choice.value for choice in form.call.choices}:
        form.call.data = request.args["call"]


def _linked_call() -> Call | None:
    slug = request.args.get("call")
    call = db.session.scalar(sa.select(Call).where(Call.slug == slug)) if slug else None
    return call if call is not None and calls_access.can_view_call(current_user, call) else None


@bp.route("/new", methods=["GET", "POST"])
@login_required
@abuse.post_limit
@verified_required
def create():
    if not permissions.can_create_event(current_user):
        abort(403)
    actors = permissions.organising_actors(current_user)
    moderator = permissions.is_moderator(current_user)
    form = EventForm(viewer=current_user, actors=actors, moderator=moderator, linked=_linked_call())
    if request.method == "GET":
        _preselected(form, actors)
    if form.validate_on_submit():
        actor = next((a for a in actors if str(a.id) == form.actor.data), None)
        try:
            event = services.create_event(current_user, form.to_input(), actor=actor)
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("The event is published."), "success")
            return redirect(url_for(".detail", event_id=event.id), 303)
    status = 422 if form.is_submitted() else 200
    return render_template("events/form.html", form=form, event=None, zones=_zone_names()), status


@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@login_required
@abuse.post_limit
def edit(event_id):
    event = get_event(event_id, "edit")
    data = None if request.method == "POST" else EventForm.data_of(event)
    form = EventForm(data=data, viewer=current_user, linked=event.call)
    del form.actor  # the organiser stays who published the event
    if form.validate_on_submit():
        try:
            services.edit_event(event, form.to_input(), current_user)
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Your changes have been saved."), "success")
            return redirect(url_for(".detail", event_id=event.id), 303)
    status = 422 if form.is_submitted() else 200
    return render_template("events/form.html", form=form, event=event, zones=_zone_names()), status


@bp.post("/<int:event_id>/cancel")
@login_required
@abuse.action_limit
def cancel(event_id):
    event = get_event(event_id, "edit")
    services.cancel_event(event)
    db.session.commit()
    flash(_("The event is cancelled."), "success")
    return redirect(url_for(".detail", event_id=event.id), 303)


def _calendar(events, name: str, filename: str) -> Response:
    body = ical.calendar(events, lambda e: url_for(".detail", event_id=e.id, _external=True), name)
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@bp.get("/<int:event_id>.ics")
def event_ics(event_id):
    event = get_event(event_id)
    return _calendar([event], event.title, f"event-{event.id}.ics")


@bp.get("/feed.ics")
def feed():
    events = db.session.scalars(services.feed_events(current_user).limit(FEED_MAX))
    return _calendar(events, _("innovex events"), "innovex-events.ics")
