"""Suggesting a correction, and accepting, declining or (for ownerless profiles) confirming it."""

import sqlalchemy as sa
from flask_babel import gettext as _

from innovex import permissions
from innovex.abuse import check_links
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.history.services import FIELD_LABELS, current_value, set_field
from innovex.history.tracking import revision_context
from innovex.models import Actor, Suggestion, User
from innovex.models.base import utcnow
from innovex.notifications.services import notify

FIELDS = (
    "name", "description", "website", "email", "phone", "address", "postcode", "city", "region", "country",
)  # fmt: skip


def _clean(name: str, value) -> str | None:
    text = " ".join((value or "").split()) if name == "name" else (value or "").strip()
    if name == "description":
        return text
    if name == "country":
        text = text.upper()
    return text or None


def suggest(actor: Actor, user: User, values: dict, note: str) -> Suggestion:
    """Record a suggestion of the fields that differ from the profile; the owners are notified."""
    changes = {}
    for name in FIELDS:
        if name in values:
            new, seen = _clean(name, values[name]), current_value(actor, name)
            if new != seen:
                changes[name] = [seen, new]
    if "name" in changes and not changes["name"][1]:
        raise DomainError(_("Please enter a name."), field="name")
    if not changes:
        raise DomainError(_("You have not changed any field yet."), field="name")
    check_links(user, note, values.get("description") if "description" in changes else None, field="note")
    suggestion = Suggestion(actor=actor, suggester=user, changes=changes, note=(note or "").strip())
    db.session.add(suggestion)
    db.session.flush()
    for owner in actor.owners:
        notify(owner, "suggestion", by_user=user, actor=actor)
    return suggestion


def open_suggestions(actor: Actor) -> sa.Select:
    return (
        sa.select(Suggestion)
        .where(Suggestion.actor_id == actor.id, Suggestion.hidden_at.is_(None))
        .order_by(Suggestion.state != "open", Suggestion.created_at.desc(), Suggestion.id.desc())
    )


def stale_fields(suggestion: Suggestion) -> list[str]:
    """The fields whose value changed since the suggestion was made."""
    actor = suggestion.actor
    return [name for name, (seen, _new) in suggestion.changes.items() if current_value(actor, name) != seen]


def _decide(suggestion: Suggestion, state: str, user: User, reason: str = "") -> None:
    """Move an open suggestion to `state` in one conditional UPDATE, so that two tabs (or two owners)
    deciding at once end in one decision: the second finds it decided."""
    result = db.session.execute(
        sa.update(Suggestion)
        .where(Suggestion.id == suggestion.id, Suggestion.state == "open")
        .values(state=state, decided_at=utcnow(), decided_by_id=user.id, reason=reason)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise DomainError(_("This suggestion has already been decided."))
    db.session.expire(suggestion, ["state", "decided_at", "decided_by_id", "reason"])


def _apply(suggestion: Suggestion, user: User) -> None:
    if suggestion.state != "open":
        raise DomainError(_("This suggestion has already been decided."))
    stale = stale_fields(suggestion)
    if stale:
        names = ", ".join(str(FIELD_LABELS.get(name, name)) for name in stale)
        raise DomainError(
            _(
                "The profile has changed since this correction was suggested (%(fields)s), so it cannot be "
                "applied as it is. Please decline it or ask for a new suggestion.",
                fields=names,
            )
        )
    _decide(suggestion, "accepted", user)
    actor = suggestion.actor
    with revision_context("suggestion", suggestion.suggester, note=suggestion.note):
        for name, (_seen, new) in suggestion.changes.items():
            set_field(actor, name, new)
    notify(suggestion.suggester, "suggestion_decided", by_user=user, actor=actor)


def accept(suggestion: Suggestion, user: User) -> None:
    """Apply the suggested fields in the caller's transaction, credited to the suggester."""
    _apply(suggestion, user)


def decline(suggestion: Suggestion, user: User, reason: str) -> None:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Please give a reason."), field="reason")
    _decide(suggestion, "declined", user, reason)
    notify(suggestion.suggester, "suggestion_decided", by_user=user, actor=suggestion.actor)


def confirm(suggestion: Suggestion, user: User) -> None:
    if not permissions.can_confirm_suggestion(user, suggestion):
        raise DomainError(_("This suggestion cannot be confirmed by you (yet)."))
    _apply(suggestion, user)
