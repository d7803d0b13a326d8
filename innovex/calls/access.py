"""Who may see and do what with calls: predicates for views and templates, and the SQL twin for lists."""

import sqlalchemy as sa

from innovex import permissions
from innovex.models import Actor, Call, CallSubmission, Membership, Project
from innovex.models.base import utcnow

PUBLIC_STATES = ("open", "closed")


def _authenticated(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and not user.is_suspended


def is_steward(user, call: Call) -> bool:
    """The moderators and the owners of the organisation that opened the call."""
    if permissions.is_moderator(user):
        return True
    return _authenticated(user) and call.actor is not None and call.actor.role_of(user) == "owner"


def can_view_call(user, call: Call) -> bool:
    """Open and closed calls are public; a proposal awaiting approval only proposers and moderators see."""
    if call.state in PUBLIC_STATES:
        return True
    return is_steward(user, call) or (_authenticated(user) and call.created_by_id == user.id)


def visible_calls_filter(user) -> sa.ColumnElement[bool]:
    """The WHERE clause twin of can_view_call (a test checks that they agree)."""
    public = Call.state.in_(PUBLIC_STATES)
    if permissions.is_moderator(user):
        return sa.true()
    if not _authenticated(user):
        return public
    owner_of = sa.select(Membership.actor_id).where(Membership.user_id == user.id, Membership.role == "owner")
    return sa.or_(public, Call.actor_id.in_(owner_of), Call.created_by_id == user.id)


def can_edit_call(user, call: Call) -> bool:
    return is_steward(user, call) and call.state != "closed"


def can_approve_call(user, call: Call) -> bool:
    return permissions.is_moderator(user) and call.state == "draft"


def can_close_call(user, call: Call) -> bool:
    return is_steward(user, call) and call.state == "open"


def can_propose_call(user) -> bool:
    """Moderators open calls; owners of an active organisation propose them."""
    return permissions.is_moderator(user) or bool(proposing_actors(user))


def proposing_actors(user) -> list[Actor]:
    if not _authenticated(user):
        return []
    return sorted(
        (m.actor for m in user.memberships if m.role == "owner" and m.actor.listed),
        key=lambda actor: actor.name,
    )


def takes_submissions(call: Call) -> bool:
    """Open and the deadline (inclusive) not passed."""
    return call.state == "open" and (call.deadline is None or call.deadline >= utcnow().date())


def can_submit_project(user, project: Project) -> bool:
    return permissions.can_edit_project(user, project)


def can_withdraw(user, submission: CallSubmission) -> bool:
    """The project's owners, while the call is open; a closed call keeps its record."""
    return (
        submission.state != "withdrawn"
        and submission.call.state == "open"
        and permissions.can_edit_project(user, submission.project)
    )


def supporting_actors(user) -> list[Actor]:
    """The active organisations a user may spend support for (any member acts for their organisation)."""
    if not _authenticated(user):
        return []
    return sorted((m.actor for m in user.memberships if m.actor.listed), key=lambda actor: actor.name)


def can_support(user, submission: CallSubmission) -> bool:
    """Members of an organisation other than the project's own, while the call is open."""
    if submission.state == "withdrawn" or submission.call.state != "open":
        return False
    own = {a.id for a in submission.project.owning_actors}
    return any(actor.id not in own for actor in supporting_actors(user))


def can_decide(user, submission: CallSubmission) -> bool:
    return is_steward(user, submission.call) and submission.state != "withdrawn"


def visible_submissions(call: Call, viewer) -> list[CallSubmission]:
    """Submissions of projects the viewer may see, withdrawn ones left out."""
    return [
        s
        for s in call.submissions
        if s.state != "withdrawn" and permissions.can_view_project(viewer, s.project)
    ]
