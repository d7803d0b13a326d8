"""Projects submitted to calls: submitting, withdrawing, organisations' support and stewards' decisions."""

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext

from innovex import permissions
from innovex.calls import access
from innovex.database import insert_once
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.models import (
    Actor,
    Call,
    CallSubmission,
    CallSupport,
    Membership,
    Project,
    ProjectCoOwner,
    User,
)
from innovex.models.base import utcnow
from innovex.notifications.services import notify

NOTE_MAX = 2_000
REASON_MIN = 10
REASON_MAX = 2_000
DECISIONS = ("submitted", "shortlisted", "selected")


def submit(call: Call, project: Project, user: User, note: str = "") -> CallSubmission:
    """Submit a project to an open call (again, after withdrawing); its owners only, until the deadline."""
    if not access.can_submit_project(user, project):
        raise DomainError(_("Only the project's owners can submit it."), field="project")
    if not access.takes_submissions(call):
        raise DomainError(_("This call takes no more submissions."))
    if project.visibility == "draft" or project.hidden_at is not None:
        raise DomainError(_("Please publish the project before you submit it."), field="project")
    if len(note) > NOTE_MAX:
        raise DomainError(_("Please keep the note under %(max)s characters.", max=NOTE_MAX), field="note")
    existing = db.session.scalar(
        sa.select(CallSubmission).where(
            CallSubmission.call_id == call.id, CallSubmission.project_id == project.id
        )
    )
    if existing is not None:
        if existing.state != "withdrawn":
            raise DomainError(_("This project is already submitted to the call."), field="project")
        existing.state, existing.withdrawn_at, existing.reason = "submitted", None, ""
        existing.decided_at = existing.decided_by = None
        existing.submitted_by, existing.submitted_at, existing.note = user, utcnow(), note
        db.session.flush()
        return existing
    submission = CallSubmission(call_id=call.id, project_id=project.id, submitted_by_id=user.id, note=note)
    if not insert_once(submission):  # a second click racing the first
        raise DomainError(_("This project is already submitted to the call."), field="project")
    db.session.expire(call, ["submissions"])
    project.last_activity_at = utcnow()
    db.session.flush()
    return submission


def withdraw(submission: CallSubmission, user: User) -> None:
    if not access.can_withdraw(user, submission):
        raise DomainError(_("Only the project's owners can withdraw it."))
    submission.state = "withdrawn"
    submission.withdrawn_at = utcnow()
    db.session.flush()


def supports_per_org() -> int:
    return max(int(current_app.config["CALL_SUPPORTS_PER_ORG"]), 0)


def supports_used(call: Call, actor: Actor) -> int:
    """Supports the organisation has given in this call; withdrawn submissions give theirs back."""
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(CallSupport)
        .join(CallSubmission, CallSubmission.id == CallSupport.submission_id)
        .where(
            CallSubmission.call_id == call.id,
            CallSubmission.state != "withdrawn",
            CallSupport.actor_id == actor.id,
        )
    )


def support(submission: CallSubmission, actor: Actor, user: User) -> CallSupport:
    """The organisation supports the submission, within its budget for the call."""
    if actor not in access.supporting_actors(user):
        raise DomainError(_("You can only support on behalf of your own organisations."), field="actor")
    if submission.state == "withdrawn" or submission.call.state != "open":
        raise DomainError(_("This submission cannot be supported any more."))
    if actor.id in {a.id for a in submission.project.owning_actors}:
        raise DomainError(_("An organisation cannot support its own project."), field="actor")
    # Lock the organisation's row so that two supports at once cannot both fit the last free place.
    db.session.execute(sa.select(Actor.id).where(Actor.id == actor.id).with_for_update())
    if db.session.get(CallSupport, (submission.id, actor.id)) is not None:
        raise DomainError(_("%(name)s already supports this submission.", name=actor.name), field="actor")
    allowed = supports_per_org()
    if supports_used(submission.call, actor) >= allowed:
        raise DomainError(
            ngettext(
                "%(name)s has used its only support in this call.",
                "%(name)s has used all its %(num)d supports in this call.",
                allowed,
                name=actor.name,
            ),
            field="actor",
        )
    row = CallSupport(submission_id=submission.id, actor_id=actor.id, user_id=user.id)
    if not insert_once(row):
        raise DomainError(_("%(name)s already supports this submission.", name=actor.name), field="actor")
    db.session.expire(submission, ["supports"])
    _notify_owners(submission, "call_supported", user, actor=actor)
    return row


def withdraw_support(submission: CallSubmission, actor: Actor, user: User) -> bool:
    if actor not in access.supporting_actors(user):
        raise DomainError(_("You can only support on behalf of your own organisations."), field="actor")
    row = db.session.get(CallSupport, (submission.id, actor.id))
    if row is None:
        return False
    db.session.delete(row)
    db.session.flush()
    db.session.expire(submission, ["supports"])
    return True


def decide(submission: CallSubmission, state: str, reason: str, steward: User) -> int:
    """A steward shortlists or selects a submission (or puts it back) with a public reason; the project's
    owners are notified of a shortlisting or selection. Returns how many were notified."""
    if not access.can_decide(steward, submission):
        raise DomainError(_("Only the call's stewards decide on submissions."))
    if state not in DECISIONS:
        raise DomainError(_("Please choose a decision from the list."), field="state")
    reason = reason.strip()
    if len(reason) < REASON_MIN:
        raise DomainError(
            _("Please give a reason of at least %(min)s characters; it is shown publicly.", min=REASON_MIN),
            field="reason",
        )
    if len(reason) > REASON_MAX:
        raise DomainError(
            _("Please keep the reason under %(max)s characters.", max=REASON_MAX), field="reason"
        )
    changed = submission.state != state
    submission.state, submission.reason = state, reason
    submission.decided_by, submission.decided_at = steward, utcnow()
    db.session.flush()
    if not changed or state == "submitted":
        return 0
    return _notify_owners(submission, f"call_{state}", steward)


def _notify_owners(submission: CallSubmission, kind: str, by_user: User, **targets) -> int:
    actor_ids = [a.id for a in submission.project.owning_actors]
    owners = db.session.scalars(
        sa.select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.actor_id.in_(actor_ids), Membership.role == "owner")
        .distinct()
        .order_by(User.id)
    )
    count = 0
    for user in owners:
        if notify(user, kind, by_user=by_user, call=submission.call, project=submission.project, **targets):
            count += 1
    db.session.flush()
    return count


def submittable_projects(call: Call, user: User) -> list[Project]:
    """The user's projects that can still be submitted to the call (published, not already in it)."""
    if not getattr(user, "is_authenticated", False):
        return []
    actor_ids = [m.actor_id for m in user.memberships]
    coowned = sa.select(ProjectCoOwner.project_id).where(
        ProjectCoOwner.actor_id.in_(actor_ids), ProjectCoOwner.state == "accepted"
    )
    taken = sa.select(CallSubmission.project_id).where(
        CallSubmission.call_id == call.id, CallSubmission.state != "withdrawn"
    )
    projects = db.session.scalars(
        sa.select(Project)
        .where(
            sa.or_(Project.actor_id.in_(actor_ids), Project.id.in_(coowned)),
            Project.id.not_in(taken),
            Project.visibility != "draft",
            Project.hidden_at.is_(None),
        )
        .order_by(Project.title)
    )
    return [p for p in projects if permissions.can_edit_project(user, p)]


def submissions_of(project: Project, viewer) -> list[CallSubmission]:
    """The calls a project is in, for its page; withdrawn ones and calls the viewer cannot see left out."""
    rows = db.session.scalars(
        sa.select(CallSubmission)
        .where(CallSubmission.project_id == project.id, CallSubmission.state != "withdrawn")
        .order_by(CallSubmission.submitted_at.desc())
    )
    return [s for s in rows if access.can_view_call(viewer, s.call)]
