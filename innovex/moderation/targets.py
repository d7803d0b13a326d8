"""What can be reported and moderated: one entry per target type, with everything that differs between them.

A `Kind` says which model a report points at, how the thing is named and linked, who answers for it, which
organisations it belongs to, whether it is hidden, who may see (and so report) it, which resolutions the
queue offers, and which tools its moderation page offers now. How each action is performed is per action,
in moderation/tools.py. `reports.Target` and the moderators' views read only these registries, so a new
reportable type is one new entry here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import url_for

from innovex import permissions
from innovex.extensions import db
from innovex.models import Actor, Feedback, Membership, Project, ProposalComment, Suggestion, User
from innovex.text import plain_excerpt


def _feedback_tools(item: Feedback, moderator) -> tuple[str, ...]:
    tools = []
    if item.deleted_at is None:
        if item.hidden_at is None or item.hidden_by_id is None:
            tools.append("hide")
        if item.hidden_at is not None:
            tools.append("unhide")
        if permissions.can_pin_feedback(moderator, item):
            tools.append("unpin" if item.pinned_at else "pin")
    return (*tools, "move")


def _project_tools(project: Project, moderator) -> tuple[str, ...]:
    tools = [
        "unlock" if project.status == "locked" else "lock",
        "unfeature" if project.featured else "feature",
    ]
    if project.hidden_at is None or project.hidden_by_id is None:
        tools.append("hide")
    if project.hidden_at is not None:
        tools.append("unhide")
    return (*tools, "retag")


def _actor_tools(actor: Actor, moderator) -> tuple[str, ...]:
    return ("unhide" if actor.status == "hidden" else "hide",)


def _hideable_tools(obj, moderator) -> tuple[str, ...]:
    """A contribution to a proposal or a suggested correction: hidden (or restored) by a moderator."""
    return ("unhide" if obj.hidden_at is not None else "hide",)


def _user_tools(user: User, moderator) -> tuple[str, ...]:
    if user.id == moderator.id:
        return ()
    if not permissions.can_suspend(moderator, user):
        return ("warn",)
    return ("warn", "suspend", "unsuspend") if user.is_suspended else ("warn", "suspend")


@dataclass(frozen=True)
class Kind:
    name: str
    model: type
    # What the queue offers (keys of tools.QUEUE). Projects are hidden, never destroyed (their threads,
    # updates and partners' interest would go with them); organisations are hidden like their owners can.
    queue_actions: tuple[str, ...]
    label: Callable[[Any], str]
    url: Callable[[Any], str]
    tools_endpoint: str
    action_endpoint: str
    url_args: Callable[[Any], dict]
    can_see: Callable[[Any, Any], bool]
    # The tools its moderation page may offer (keys of tools.TOOLS; the action URLs accept these), and which
    # apply now.
    tool_actions: tuple[str, ...]
    tools: Callable[[Any, Any], tuple[str, ...]]
    author: Callable[[Any], User | None] = lambda obj: obj.author
    project: Callable[[Any], Project | None] = lambda obj: None
    owning_actor_ids: Callable[[Any], set[int]] = lambda obj: set()
    hidden: Callable[[Any], bool] = lambda obj: obj.hidden_at is not None
    gone: Callable[[Any], bool] = lambda obj: False
    auto_hidden: bool = False  # hidden automatically after enough reports, until a moderator decides
    # Where a member returns after reporting it (members never see the moderators' pages); default: url.
    return_url: Callable[[Any], str] | None = None

    def back_url(self, obj) -> str:
        return (self.return_url or self.url)(obj)


def _can_see_feedback(viewer, item: Feedback) -> bool:
    project_visible = permissions.can_view_project(viewer, item.project)
    return project_visible and permissions.can_read_feedback_text(viewer, item)


def _user_appears(viewer, user: User) -> bool:
    """A member is visible where their name is: as author of visible feedback or projects, or as a member
    on a visible organisation's profile. Other accounts do not reveal that they exist."""
    visible_project = sa.select(Project.id).where(permissions.visible_projects_filter(viewer))
    checks = (
        sa.select(Feedback.id).where(
            Feedback.author_id == user.id,
            Feedback.deleted_at.is_(None),
            Feedback.project_id.in_(visible_project),
        ),
        sa.select(Project.id).where(
            Project.author_id == user.id, permissions.visible_projects_filter(viewer)
        ),
        sa.select(Membership.actor_id)
        .join(Actor, Actor.id == Membership.actor_id)
        .where(Membership.user_id == user.id, permissions.visible_actors_filter(viewer)),
    )
    return any(db.session.scalar(sa.select(check.exists())) for check in checks)


def _can_see_suggestion(viewer, suggestion: Suggestion) -> bool:
    """Who sees it on the profile's suggestions page: those who decide, the suggester, and everyone while an
    ownerless profile's suggestion waits for a second member."""
    if not permissions.can_view_actor(viewer, suggestion.actor):
        return False
    return (
        permissions.is_moderator(viewer)
        or permissions.can_decide_suggestion(viewer, suggestion)
        or (viewer is not None and getattr(viewer, "id", None) == suggestion.suggester_id)
        or (suggestion.state == "open" and not suggestion.actor.owners)
    )


KINDS: dict[str, Kind] = {
    "feedback": Kind(
        name="feedback",
        model=Feedback,
        queue_actions=("dismiss", "hide", "delete", "warn", "suspend"),
        label=lambda item: plain_excerpt(item.body, 120),
        url=lambda item: url_for("feedback.thread", id=item.id),
        tools_endpoint="moderation.feedback_tools",
        action_endpoint="moderation.feedback_action",
        url_args=lambda item: {"item_id": item.id},
        can_see=_can_see_feedback,
        tool_actions=("hide", "unhide", "pin", "unpin", "move"),
        tools=_feedback_tools,
        project=lambda item: item.project,
        owning_actor_ids=lambda item: {item.actor_id} if item.actor_id else set(),
        gone=lambda item: item.deleted_at is not None,
        auto_hidden=True,
        return_url=lambda item: url_for(
            "projects.detail", slug=item.project.slug, _anchor=f"feedback-{item.id}"
        ),
    ),
    "project": Kind(
        name="project",
        model=Project,
        queue_actions=("dismiss", "hide", "warn", "suspend"),
        label=lambda project: project.title,
        url=lambda project: url_for("projects.detail", slug=project.slug),
        tools_endpoint="moderation.project_tools",
        action_endpoint="moderation.project_action",
        url_args=lambda project: {"slug": project.slug},
        can_see=permissions.can_view_project,
        tool_actions=("lock", "unlock", "feature", "unfeature", "hide", "unhide", "retag"),
        tools=_project_tools,
        project=lambda project: project,
        owning_actor_ids=lambda project: {actor.id for actor in project.owning_actors},
        auto_hidden=True,
    ),
    "actor": Kind(
        name="actor",
        model=Actor,
        queue_actions=("dismiss", "hide"),
        label=lambda actor: actor.name,
        url=lambda actor: url_for("actors.detail", slug=actor.slug),
        tools_endpoint="moderation.organisation_tools",
        action_endpoint="moderation.organisation_action",
        url_args=lambda actor: {"slug": actor.slug},
        can_see=permissions.can_view_actor,
        tool_actions=("hide", "unhide"),
        tools=_actor_tools,
        author=lambda actor: None,  # an organisation answers for itself
        owning_actor_ids=lambda actor: {actor.id},
        hidden=lambda actor: actor.status == "hidden",
    ),
    "user": Kind(
        name="user",
        model=User,
        queue_actions=("dismiss", "warn", "suspend"),
        label=lambda user: user.display_name,
        url=lambda user: url_for("moderation.user_tools", user_id=user.id),
        tools_endpoint="moderation.user_tools",
        action_endpoint="moderation.user_action",
        url_args=lambda user: {"user_id": user.id},
        can_see=lambda viewer, user: permissions.is_moderator(viewer) or _user_appears(viewer, user),
        tool_actions=("warn", "suspend", "unsuspend"),
        tools=_user_tools,
        author=lambda user: user,
        hidden=lambda user: False,
        return_url=lambda user: url_for("moderation.report", target_type="user", target_id=user.id),
    ),
    "proposal_comment": Kind(
        name="proposal_comment",
        model=ProposalComment,
        queue_actions=("dismiss", "hide", "warn", "suspend"),
        label=lambda item: plain_excerpt(item.body, 120),
        url=lambda item: url_for(
            "governance.proposal", proposal_id=item.proposal_id, _anchor=f"comment-{item.id}"
        ),
        tools_endpoint="moderation.proposal_comment_tools",
        action_endpoint="moderation.proposal_comment_action",
        url_args=lambda item: {"item_id": item.id},
        can_see=lambda viewer, item: permissions.is_moderator(viewer) or item.hidden_at is None,
        tool_actions=("hide", "unhide"),
        tools=_hideable_tools,
    ),
    "suggestion": Kind(
        name="suggestion",
        model=Suggestion,
        queue_actions=("dismiss", "hide", "warn", "suspend"),
        label=lambda suggestion: plain_excerpt(suggestion.note, 120) or suggestion.actor.name,
        url=lambda suggestion: url_for("moderation.suggestion_tools", suggestion_id=suggestion.id),
        tools_endpoint="moderation.suggestion_tools",
        action_endpoint="moderation.suggestion_action",
        url_args=lambda suggestion: {"suggestion_id": suggestion.id},
        can_see=_can_see_suggestion,
        tool_actions=("hide", "unhide"),
        tools=_hideable_tools,
        owning_actor_ids=lambda suggestion: {suggestion.actor_id},
        return_url=lambda suggestion: url_for(
            "suggestions.index", slug=suggestion.actor.slug, _anchor=f"suggestion-{suggestion.id}"
        ),
    ),
}
