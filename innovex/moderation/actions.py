"""Moderators' actions on content and people. Each one changes the target, records itself in the moderation
log (with the project when it concerns a thread) and tells the people it concerns, with the public reason."""

from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from innovex import permissions
from innovex.auth.sessions import end_sessions
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.feedback import services as feedback_services
from innovex.models import INDEFINITELY, Feedback, ModerationAction, Project, Sector, User
from innovex.models.base import utcnow
from innovex.moderation.log import record
from innovex.notifications.services import notify
from innovex.projects.services import touch_activity
from innovex.taxonomy import get_or_create_tags

REASON_MAX = 1000
SUSPENSION_DAYS_MAX = 3650
TAGS_MAX = 20  # as on the project form


def check_reason(reason: str | None, *, required: bool = True, minimum: int = 1) -> str:
    """The public reason, stripped; moderators explain what they do, in at most REASON_MAX characters."""
    reason = (reason or "").strip()
    if required and len(reason) < minimum:
        if minimum > 1:
            message = _("Please explain in at least %(min)d characters.", min=minimum)
        else:
            message = _("Please give a reason.")
        raise DomainError(message, field="reason")
    if len(reason) > REASON_MAX:
        raise DomainError(_("Please keep it under %(limit)d characters.", limit=REASON_MAX), field="reason")
    return reason


def _check_note(note: str | None) -> str:
    note = (note or "").strip()
    if len(note) > REASON_MAX:
        raise DomainError(
            _("Please keep it under %(limit)d characters.", limit=REASON_MAX), field="private_note"
        )
    return note


def _tell(user: User | None, entry: ModerationAction, moderator: User | None, **targets) -> None:
    if user is not None:
        notify(user, "moderation", by_user=moderator, moderation_action=entry, **targets)


def _tell_project_people(project: Project, entry: ModerationAction, moderator: User | None) -> None:
    """The project's author, or the owners of its organisation when the author's account is gone."""
    people = [project.author] if project.author is not None else list(project.actor.owners)
    for user in people:
        _tell(user, entry, moderator, project=project)


# Hiding and deleting --------------------------------------------------------------------------------------


def _log_content(action: str, obj, kind: str, moderator: User | None, **fields) -> ModerationAction:
    """Record an action on a feedback item, a project, a contribution to a proposal or a suggested correction
    (in its project's thread where it has one) and tell the people it concerns."""
    project = obj if kind == "project" else (obj.project if kind == "feedback" else None)
    entry = record(
        action,
        kind,
        obj.id,
        moderator=moderator,
        target_user_id=obj.author.id if obj.author is not None else None,
        project_id=project.id if project is not None else None,
        **fields,
    )
    if kind == "project":
        _tell_project_people(obj, entry, moderator)
    elif kind == "feedback":
        _tell(obj.author, entry, moderator, project=project, feedback=obj)
    elif kind == "suggestion":
        _tell(obj.author, entry, moderator, actor=obj.actor)
    else:
        _tell(obj.author, entry, moderator)
    return entry


def auto_hide(obj: Feedback | Project, kind: str, reasons: list[str]) -> ModerationAction:
    """Hide reported content pending review (no moderator); the author learns why from the report reasons."""
    obj.hidden_at, obj.hidden_by_id, obj.hidden_reason = utcnow(), None, ""
    return _log_content("auto_hide", obj, kind, None, detail=",".join(reasons))


def hide(obj, kind: str, moderator: User, reason: str, note: str = "") -> ModerationAction:
    """Hide a feedback item (the thread keeps a placeholder), a project or an organisation profile."""
    reason, note = check_reason(reason), _check_note(note)
    if kind == "actor":
        if obj.status == "hidden":
            raise DomainError(_("This organisation is hidden already."))
        obj.status = "hidden"
        entry = record("hide", "actor", obj.id, moderator=moderator, reason=reason, private_note=note)
        for owner in obj.owners:
            _tell(owner, entry, moderator, actor=obj)
        return entry
    if kind == "feedback" and obj.deleted_at is not None:
        raise DomainError(_("This item was deleted."))
    if obj.hidden_at is not None and obj.hidden_by_id is not None:
        raise DomainError(_("This is hidden already."))
    # Confirming an automatic hide keeps its date: the placeholder tells when it disappeared.
    obj.hidden_at = obj.hidden_at or utcnow()
    obj.hidden_by_id, obj.hidden_reason = moderator.id, reason
    return _log_content("hide", obj, kind, moderator, reason=reason, private_note=note)


def unhide(obj, kind: str, moderator: User, reason: str, note: str = "") -> ModerationAction:
    """Restore a hidden feedback item, project or organisation profile."""
    reason, note = check_reason(reason), _check_note(note)
    if kind == "actor":
        if obj.status != "hidden":
            raise DomainError(_("This organisation is not hidden."))
        obj.status = "active"
        entry = record("unhide", "actor", obj.id, moderator=moderator, reason=reason, private_note=note)
        for owner in obj.owners:
            _tell(owner, entry, moderator, actor=obj)
        return entry
    if obj.hidden_at is None:
        raise DomainError(_("This is not hidden."))
    obj.hidden_at = obj.hidden_by_id = obj.hidden_reason = None
    return _log_content("unhide", obj, kind, moderator, reason=reason, private_note=note)


def delete_feedback(item: Feedback, moderator: User, reason: str, note: str = "") -> ModerationAction:
    """Remove an item's text and history as its author's delete does; the placeholder keeps its replies."""
    reason, note = check_reason(reason), _check_note(note)
    if item.deleted_at is not None:
        raise DomainError(_("This item was deleted."))
    feedback_services.remove_text(item)
    return _log_content("delete", item, "feedback", moderator, reason=reason, private_note=note)


def dismiss(
    target_type: str,
    target_id: int,
    moderator: User,
    reason: str,
    note: str,
    author: User | None,
    project: Project | None,
) -> ModerationAction:
    """Log that a target's reports were dismissed (the reason is optional: nothing happened to anyone)."""
    return record(
        "dismiss",
        target_type,
        target_id,
        moderator=moderator,
        target_user_id=author.id if author is not None else None,
        project_id=project.id if project is not None else None,
        reason=check_reason(reason, required=False),
        private_note=_check_note(note),
    )


# Threads and projects -------------------------------------------------------------------------------------


def _project_action(project: Project, action: str, moderator: User, reason: str, note: str, **extra):
    return _log_content(
        action,
        project,
        "project",
        moderator,
        reason=check_reason(reason),
        private_note=_check_note(note),
        **extra,
    )


def lock(project: Project, moderator: User, reason: str, note: str = "") -> ModerationAction:
    """No new feedback; what is there stays readable."""
    if project.status == "locked":
        raise DomainError(_("This thread is locked already."))
    entry = _project_action(project, "lock", moderator, reason, note)
    project.status = "locked"
    return entry


def unlock(project: Project, moderator: User, reason: str, note: str = "") -> ModerationAction:
    if project.status != "locked":
        raise DomainError(_("This thread is not locked."))
    entry = _project_action(project, "unlock", moderator, reason, note)
    project.status = "open"
    return entry


def set_featured(project: Project, featured: bool, moderator: User, reason: str, note: str = ""):
    if project.featured == featured:
        raise DomainError(_("Nothing to change."))
    entry = _project_action(project, "feature" if featured else "unfeature", moderator, reason, note)
    project.featured = featured
    return entry


def retag(
    project: Project, moderator: User, tags: list[str], sectors: list[str], reason: str, note: str = ""
) -> ModerationAction:
    """Moderators curate a project's tags and sectors; everything else on it stays its owners' words."""
    if len(tags) > TAGS_MAX:
        raise DomainError(_("Please enter at most %(count)s entries.", count=TAGS_MAX), field="tags")
    found = db.session.scalars(sa.select(Sector).where(Sector.slug.in_(sectors))).all() if sectors else []
    if len(found) != len(set(sectors)):
        raise DomainError(_("Please choose sectors from the list."), field="sectors")
    before = (sorted(t.name for t in project.tags), sorted(s.slug for s in project.sectors))
    after_tags = get_or_create_tags(tags)
    if before == (sorted(t.name for t in after_tags), sorted(s.slug for s in found)):
        raise DomainError(_("Nothing to change."))
    entry = _project_action(project, "retag", moderator, reason, note)
    project.tags, project.sectors = after_tags, list(found)
    return entry


def set_pinned(item: Feedback, pinned: bool, moderator: User, reason: str, note: str = ""):
    """Pinned top-level items lead their thread."""
    if not permissions.can_pin_feedback(moderator, item):
        raise DomainError(_("Only top-level feedback can be pinned."))
    if (item.pinned_at is not None) == pinned:
        raise DomainError(_("Nothing to change."))
    item.pinned_at = utcnow() if pinned else None
    action = "pin" if pinned else "unpin"
    return _log_content(
        action, item, "feedback", moderator, reason=check_reason(reason), private_note=_check_note(note)
    )


def move_subthread(item: Feedback, destination: Project, moderator: User, reason: str, note: str = ""):
    """Move an item and all its replies to another project; the item becomes top-level there.

    The entry's project is the source thread and its detail the destination's slug (slugs never change),
    so both threads can show the notice.
    """
    reason, note = check_reason(reason), _check_note(note)
    source = item.project
    if destination.id == source.id:
        raise DomainError(_("Please choose another project."), field="destination")
    rows = db.session.scalars(sa.select(Feedback).where(Feedback.project_id == source.id)).all()
    children: dict[int, list[Feedback]] = {}
    for row in rows:
        children.setdefault(row.parent_id or 0, []).append(row)
    offset, moving, stack = item.depth, [], [item]
    while stack:
        node = stack.pop()
        moving.append(node)
        stack.extend(children.get(node.id, []))
    for node in moving:
        node.project_id, node.depth = destination.id, node.depth - offset
        node.addressed_in_id = None  # an update of the old project does not address it in the new one
    item.parent_id, item.pinned_at = None, None
    touch_activity(destination)
    entry = record(
        "move",
        "feedback",
        item.id,
        moderator=moderator,
        target_user_id=item.author_id,
        project_id=source.id,
        reason=reason,
        private_note=note,
        detail=destination.slug,
    )
    db.session.flush()
    db.session.expire(item, ["project"])
    _tell(item.author, entry, moderator, project=destination, feedback=item)
    return entry


def find_destination(slug: str) -> Project:
    project = db.session.scalar(sa.select(Project).where(Project.slug == (slug or "").strip().lower()))
    if project is None:
        raise DomainError(_("There is no project with this address."), field="destination")
    return project


# People ---------------------------------------------------------------------------------------------------


def warn_user(user: User, moderator: User, reason: str, note: str = "") -> ModerationAction:
    """A formal warning: logged, and the member is told why."""
    entry = record(
        "warn",
        "user",
        user.id,
        moderator=moderator,
        target_user_id=user.id,
        reason=check_reason(reason),
        private_note=_check_note(note),
    )
    _tell(user, entry, moderator)
    return entry


def suspend_user(
    user: User, moderator: User, reason: str, days: int | None, note: str = ""
) -> ModerationAction:
    """Suspend for a number of days or, with days None, indefinitely; every session ends at once."""
    if not permissions.can_suspend(moderator, user):
        raise DomainError(_("Moderators cannot suspend administrators or themselves."))
    reason = check_reason(reason, minimum=int(current_app.config["SUSPENSION_REASON_MIN_LENGTH"]))
    if days is not None and not 1 <= days <= SUSPENSION_DAYS_MAX:
        raise DomainError(
            _("Please enter between 1 and %(max)d days, or choose indefinitely.", max=SUSPENSION_DAYS_MAX),
            field="days",
        )
    until = INDEFINITELY if days is None else utcnow() + timedelta(days=days)
    user.suspended_until, user.suspension_reason = until, reason
    end_sessions(user)
    entry = record(
        "suspend",
        "user",
        user.id,
        moderator=moderator,
        target_user_id=user.id,
        reason=reason,
        private_note=_check_note(note),
        until=until,
    )
    _tell(user, entry, moderator)
    return entry


def unsuspend_user(user: User, moderator: User, reason: str, note: str = "") -> ModerationAction:
    if not user.is_suspended:
        raise DomainError(_("This member is not suspended."))
    entry = record(
        "unsuspend",
        "user",
        user.id,
        moderator=moderator,
        target_user_id=user.id,
        reason=check_reason(reason),
        private_note=_check_note(note),
    )
    user.suspended_until = user.suspension_reason = None
    _tell(user, entry, moderator)
    return entry
