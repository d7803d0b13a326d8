"""Reading the moderation log: the moderators' filtered query, and what each entry may say to a viewer.

The full log (moderators) and the public log (everyone) list the same entries; they differ in what an entry
says: the public one has no private notes, no moderators' email addresses, and names a target only when the
viewer may see it (a hidden project's title stays hidden, a warned member stays anonymous).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from innovex import permissions
from innovex.extensions import db
from innovex.models import Actor, Feedback, ModerationAction, Project, ProposalComment, Suggestion, User

# Actions on people whose target the public log names; a warning stays between the member and the moderators.
_NAMED_USER_ACTIONS = {"suspend", "unsuspend", "grant_role", "revoke_role"}
AUTOMATIC = "auto"  # the moderator filter's value for actions without a moderator (auto-hide)


@dataclass
class LogFilters:
    """Parsed, valid filters for the full log; None means "any"."""

    moderator: int | str | None = None  # a user id, or AUTOMATIC
    target_user: User | None = None
    action: str | None = None
    date_from: date | None = None
    date_to: date | None = None


def log_query(filters: LogFilters) -> sa.Select:
    """Log entries matching the filters, newest first, with the rows every entry shows loaded alongside."""
    query = sa.select(ModerationAction).options(
        selectinload(ModerationAction.moderator),
        selectinload(ModerationAction.target_user),
    )
    if filters.moderator == AUTOMATIC:
        query = query.where(ModerationAction.moderator_id.is_(None))
    elif filters.moderator is not None:
        query = query.where(ModerationAction.moderator_id == filters.moderator)
    if filters.target_user is not None:
        query = query.where(ModerationAction.target_user_id == filters.target_user.id)
    if filters.action:
        query = query.where(ModerationAction.action == filters.action)
    if filters.date_from:
        query = query.where(ModerationAction.created_at >= datetime.combine(filters.date_from, time.min))
    if filters.date_to:
        end = datetime.combine(filters.date_to + timedelta(days=1), time.min)
        query = query.where(ModerationAction.created_at < end)
    return query.order_by(ModerationAction.created_at.desc(), ModerationAction.id.desc())


def moderator_choices() -> list[tuple[str, str]]:
    """Everyone who ever acted in the log or may act now, for the moderator filter."""
    acted = sa.select(ModerationAction.moderator_id).where(ModerationAction.moderator_id.is_not(None))
    users = db.session.scalars(
        sa.select(User)
        .where(sa.or_(User.id.in_(acted), User.role.in_(("moderator", "admin"))))
        .order_by(User.display_name, User.id)
    )
    return [(str(user.id), f"{user.display_name} (@{user.handle})") for user in users]


@dataclass
class TargetView:
    """How one entry's target is shown: a label, and a link when the viewer may follow it."""

    label: str
    url: str | None = None


def describe_targets(entries: list[ModerationAction], viewer) -> dict[int, TargetView]:
    """Target labels for a page of entries, loading each kind of target in one query (no query per entry)."""
    ids: dict[str, set[int]] = {
        "feedback": set(),
        "project": set(),
        "actor": set(),
        "user": set(),
        "proposal_comment": set(),
        "suggestion": set(),
    }
    for entry in entries:
        ids.setdefault(entry.target_type, set()).add(entry.target_id)
    project_options = (selectinload(Project.actor), selectinload(Project.coowners))
    feedback = _load(Feedback, ids["feedback"], selectinload(Feedback.project).options(*project_options))
    projects = _load(Project, ids["project"], *project_options)
    actors = _load(Actor, ids["actor"])
    users = _load(User, ids["user"])
    # Contributions to proposals and suggested corrections: found for the link, their text is not shown.
    comments = _load(ProposalComment, ids["proposal_comment"])
    suggestions = _load(Suggestion, ids["suggestion"], selectinload(Suggestion.actor))
    others = {"proposal_comment": comments, "suggestion": suggestions}
    return {
        entry.id: _describe(entry, viewer, feedback, projects, actors, users, others) for entry in entries
    }


def _load(model, ids: set[int], *options) -> dict:
    if not ids:
        return {}
    rows = db.session.scalars(sa.select(model).where(model.id.in_(ids)).options(*options))
    return {row.id: row for row in rows}


def _project_view(project: Project | None, viewer) -> TargetView:
    if project is None:
        return TargetView(_("a deleted project"))
    if not permissions.can_view_project(viewer, project):
        return TargetView(_("a project you cannot see"))
    return TargetView(
        _("project “%(title)s”", title=project.title), url_for("projects.detail", slug=project.slug)
    )


def _describe(entry, viewer, feedback, projects, actors, users, others) -> TargetView:
    if entry.target_type == "feedback":
        item = feedback.get(entry.target_id)
        if item is None:
            return TargetView(_("a deleted feedback item"))
        where = _project_view(item.project, viewer)
        if where.url is None:
            return TargetView(_("a feedback item in %(project)s", project=where.label))
        url = url_for("projects.detail", slug=item.project.slug, _anchor=f"feedback-{item.id}")
        return TargetView(_("feedback item #%(id)s on %(project)s", id=item.id, project=where.label), url)
    if entry.target_type == "project":
        return _project_view(projects.get(entry.target_id), viewer)
    if entry.target_type == "proposal":  # decisions of the data cooperative are public
        url = url_for("governance.proposal", proposal_id=entry.target_id)
        return TargetView(_("proposal #%(id)s of the data cooperative", id=entry.target_id), url)
    if entry.target_type == "proposal_comment":
        item = others["proposal_comment"].get(entry.target_id)
        if item is None:
            return TargetView(_("a deleted contribution to a proposal"))
        url = url_for("governance.proposal", proposal_id=item.proposal_id, _anchor=f"comment-{item.id}")
        return TargetView(
            _("contribution #%(id)s to proposal #%(proposal)s", id=item.id, proposal=item.proposal_id), url
        )
    if entry.target_type == "suggestion":
        suggestion = others["suggestion"].get(entry.target_id)
        if suggestion is None:
            return TargetView(_("a deleted suggested correction"))
        if not permissions.can_view_actor(viewer, suggestion.actor):
            return TargetView(_("a suggested correction to an organisation you cannot see"))
        return TargetView(
            _("suggested correction to %(name)s", name=suggestion.actor.name),
            url_for("actors.detail", slug=suggestion.actor.slug),
        )
    if entry.target_type == "actor":
        actor = actors.get(entry.target_id)
        if actor is None:
            return TargetView(_("a deleted organisation"))
        if not permissions.can_view_actor(viewer, actor):
            return TargetView(_("an organisation you cannot see"))
        return TargetView(
            _("organisation %(name)s", name=actor.name), url_for("actors.detail", slug=actor.slug)
        )
    user = users.get(entry.target_id)
    if user is None:
        return TargetView(_("a deleted account"))
    if permissions.is_moderator(viewer):
        return TargetView(_("member %(name)s (@%(handle)s)", name=user.display_name, handle=user.handle))
    if entry.action in _NAMED_USER_ACTIONS:
        return TargetView(_("member %(name)s", name=user.display_name))
    return TargetView(_("a member"))
