"""Changing matching state: dismissing suggestions, and expressions of interest and their decisions."""

import sqlalchemy as sa
from flask_babel import gettext as _

from innovex import permissions
from innovex.abuse import check_links
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.models import Actor, DismissedSuggestion, Interest, Membership, Project, User
from innovex.models.base import utcnow
from innovex.models.matching import INTEREST_MESSAGE_MAX
from innovex.notifications.services import notify


def dismiss_suggestion(
    project: Project, actor: Actor, user: User, score: float | None = None, reasons: str = ""
) -> DismissedSuggestion:
    """Record that a suggested organisation is not relevant for a project (idempotent)."""
    existing = db.session.get(DismissedSuggestion, (project.id, actor.id))
    if existing is not None:
        return existing
    dismissed = DismissedSuggestion(
        project_id=project.id, actor_id=actor.id, user_id=user.id, score=score, reasons=reasons[:2000]
    )
    db.session.add(dismissed)
    db.session.flush()
    return dismissed


def _recipients(actors: list[Actor]) -> list[User]:
    """The people who decide for some organisations: owners and editors, or every member if none."""
    ids = [a.id for a in actors]
    rows = db.session.scalars(sa.select(Membership).where(Membership.actor_id.in_(ids))).all()
    deciders = [m.user for m in rows if m.role in ("owner", "editor")] or [m.user for m in rows]
    return list({user.id: user for user in deciders}.values())


def express_interest(project: Project, actor: Actor, user: User, message: str) -> Interest:
    """An organisation's interest in a project, sent by one of its members; the project's owners are told."""
    message = (message or "").strip()
    if not permissions.can_act_for_actor(user, actor):
        raise DomainError(
            _("You can only express interest for an organisation you belong to."), field="actor"
        )
    if actor.id in {a.id for a in project.owning_actors}:
        raise DomainError(_("Your organisation already runs this project."), field="actor")
    if project.status != "open":
        raise DomainError(_("This project does not take expressions of interest at the moment."))
    if len(message) > INTEREST_MESSAGE_MAX:
        raise DomainError(
            _("Please keep the message under %(max)s characters.", max=INTEREST_MESSAGE_MAX), field="message"
        )
    check_links(user, message, field="message")
    interest = db.session.scalar(
        sa.select(Interest).where(Interest.project_id == project.id, Interest.actor_id == actor.id)
    )
    if interest is not None and interest.state != "withdrawn":
        raise DomainError(
            _("Your organisation has already expressed interest in this project."), field="actor"
        )
    if interest is None:
        interest = Interest(project=project, actor=actor)
        db.session.add(interest)
    interest.user, interest.message, interest.state = user, message, "open"
    interest.created_at, interest.decided_at, interest.decided_by_id = utcnow(), None, None
    db.session.flush()
    for recipient in _recipients(project.owning_actors):
        notify(recipient, "interest", by_user=user, project=project, actor=actor)
    return interest


def decide_interest(interest: Interest, user: User, accept: bool) -> Interest:
    """A project owner accepts or declines an open interest; the interested side hears of it."""
    if not permissions.is_project_owner(user, interest.project):
        raise DomainError(_("Only the project's owners can decide on expressions of interest."))
    if interest.state != "open":
        raise DomainError(_("This expression of interest has already been decided."))
    interest.state = "accepted" if accept else "declined"
    interest.decided_at, interest.decided_by_id = utcnow(), user.id
    recipients = _recipients([interest.actor])
    if interest.user is not None and interest.user not in recipients:
        recipients.append(interest.user)
    for recipient in recipients:
        notify(recipient, "interest_decided", by_user=user, project=interest.project, actor=interest.actor)
    db.session.flush()
    return interest


def withdraw_interest(interest: Interest, user: User) -> Interest:
    if not permissions.can_act_for_actor(user, interest.actor):
        raise DomainError(_("Only members of the interested organisation can withdraw it."))
    if interest.state != "open":
        raise DomainError(_("Only an open expression of interest can be withdrawn."))
    interest.state = "withdrawn"
    db.session.flush()
    return interest


def accepted_partners(project: Project) -> list[Interest]:
    return list(
        db.session.scalars(
            sa.select(Interest)
            .where(Interest.project_id == project.id, Interest.state == "accepted")
            .order_by(Interest.decided_at)
        )
    )


def interests_of(project: Project, actors: list[Actor]) -> list[Interest]:
    """The expressions of interest of these organisations in the project that still stand (not withdrawn)."""
    if not actors:
        return []
    return list(
        db.session.scalars(
            sa.select(Interest)
            .where(
                Interest.project_id == project.id,
                Interest.actor_id.in_([a.id for a in actors]),
                Interest.state != "withdrawn",
            )
            .order_by(Interest.created_at)
        )
    )


def open_interests(project: Project) -> list[Interest]:
    return list(
        db.session.scalars(
            sa.select(Interest)
            .where(Interest.project_id == project.id, Interest.state == "open")
            .order_by(Interest.created_at)
        )
    )
