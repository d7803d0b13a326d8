"""Suggesting a correction to a profile, the list of suggestions, and deciding on them."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from innovex import abuse, permissions
from innovex.auth.verification import verified_required
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.formfields import show_error
from innovex.history.services import FIELD_LABELS
from innovex.loaders import get_actor
from innovex.models import Suggestion
from innovex.suggestions import services
from innovex.suggestions.forms import DeclineForm, SuggestionForm
from innovex.visibility import visible_field_names

bp = Blueprint("suggestions", __name__, url_prefix="/organisations")


@bp.app_context_processor
def suggestion_helpers() -> dict:
    return {"can_confirm_suggestion": permissions.can_confirm_suggestion, "field_labels": FIELD_LABELS}


def _form_for(actor) -> SuggestionForm:
    """The form with the fields the user may see only, so that it reveals no hidden value of the profile."""
    form = SuggestionForm(obj=actor)
    for name in set(services.FIELDS) - visible_field_names(actor, current_user, services.FIELDS):
        delattr(form, name)
    return form


@bp.route("/<slug>/suggest", methods=["GET", "POST"])
@login_required
@abuse.suggestion_limit
@verified_required
def create(slug):
    actor = get_actor(slug, need="suggest")
    form = _form_for(actor)
    if form.validate_on_submit():
        try:
            services.suggest(actor, current_user, form.values(), form.note.data)
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Thank you. Your suggestion has been sent to those who maintain the profile."), "success")
            return redirect(url_for("suggestions.index", slug=actor.slug))
    return render_template("suggestions/create.html", actor=actor, form=form), 422 if form.errors else 200


@bp.get("/<slug>/suggestions")
@login_required
def index(slug, error: str | None = None, status: int = 200, refused: dict[int, DeclineForm] | None = None):
    """The suggestions the user may see, each with its own decline form; `refused` holds a decline form that
    failed, by suggestion id, shown again with its error next to its field."""
    actor = get_actor(slug)
    items = [
        (
            suggestion,
            sorted(visible_field_names(actor, current_user, suggestion.changes)),
            (refused or {}).get(suggestion.id) or _decline_form(suggestion),
        )
        for suggestion in db.session.scalars(services.open_suggestions(actor))
        if permissions.can_decide_suggestion(current_user, suggestion)
        or suggestion.suggester_id == current_user.id
        or (suggestion.state == "open" and not actor.owners)
    ]
    return render_template("suggestions/index.html", actor=actor, items=items, error=error), status


def _decline_form(suggestion: Suggestion) -> DeclineForm:
    """One form per suggestion on the page, so that each reason field has its own id and label."""
    return DeclineForm(prefix=f"decline-{suggestion.id}-")


def _load(suggestion_id: int, slug: str) -> Suggestion:
    suggestion = db.get_or_404(Suggestion, suggestion_id)
    actor = get_actor(slug)
    if suggestion.actor_id != actor.id or suggestion.hidden_at is not None:
        abort(404)
    return suggestion


def _decided(slug: str, action) -> object:
    try:
        action()
    except DomainError as error:
        db.session.rollback()
        return index(slug, error.message, 409)
    db.session.commit()
    flash(_("Your decision has been saved."), "success")
    return redirect(url_for("suggestions.index", slug=slug))


@bp.post("/<slug>/suggestions/<int:suggestion_id>/accept")
@login_required
@abuse.action_limit
def accept(slug, suggestion_id):
    suggestion = _load(suggestion_id, slug)
    if not permissions.can_decide_suggestion(current_user, suggestion):
        abort(403)
    return _decided(slug, lambda: services.accept(suggestion, current_user))


@bp.post("/<slug>/suggestions/<int:suggestion_id>/decline")
@login_required
@abuse.action_limit
def decline(slug, suggestion_id):
    suggestion = _load(suggestion_id, slug)
    if not permissions.can_decide_suggestion(current_user, suggestion):
        abort(403)
    form = _decline_form(suggestion)
    if not form.validate_on_submit():
        return index(slug, status=422, refused={suggestion.id: form})
    return _decided(slug, lambda: services.decline(suggestion, current_user, form.reason.data))


@bp.post("/<slug>/suggestions/<int:suggestion_id>/confirm")
@login_required
@abuse.action_limit
@verified_required  # a confirmation changes someone else's profile, as a suggestion does
def confirm(slug, suggestion_id):
    suggestion = _load(suggestion_id, slug)
    if not permissions.can_confirm_suggestion(current_user, suggestion):
        abort(403)
    return _decided(slug, lambda: services.confirm(suggestion, current_user))
