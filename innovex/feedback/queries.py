"""The rows of a project's feedback thread: loaded in a fixed number of queries, whatever the thread's size.
Arranging them for a page (tree, flags, URLs, labels) is feedback/thread.py's work."""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from innovex.extensions import db
from innovex.models import (
    Actor,
    Feedback,
    HelpfulMark,
    ModerationAction,
    Offering,
    Project,
    ProjectUpdate,
    User,
)

_ITEM_NOTICES = ("pin", "unpin", "move")  # item-level actions that concern the whole thread


@dataclass(slots=True)
class ThreadItem:
    """What the thread shows of one item: plain values from one joined query, cheap to read in a template."""

    id: int
    parent_id: int | None
    depth: int
    author_id: int | None
    kind: str | None
    body_html: str
    helpful_count: int
    created_at: datetime
    edited_at: datetime | None
    deleted_at: datetime | None
    hidden_at: datetime | None
    hidden_reason: str | None  # the moderator's public reason (the private note is elsewhere)
    pinned_at: datetime | None
    author_name: str | None
    actor_slug: str | None
    actor_name: str | None
    offering_id: int | None
    offering_title: str | None
    offering_actor_slug: str | None
    offering_actor_name: str | None
    addressed_version: int | None


def load_items(project: Project) -> list[ThreadItem]:
    """All items of a project, oldest first, with their authors, organisations, offerings and updates:
    one joined query whatever the thread's size, read as plain rows (ORM objects cost several times more)."""
    offering_actor = aliased(Actor)
    query = (
        sa.select(
            Feedback.id,
            Feedback.parent_id,
            Feedback.depth,
            Feedback.author_id,
            Feedback.kind,
            Feedback.body_html,
            Feedback.helpful_count,
            Feedback.created_at,
            Feedback.edited_at,
            Feedback.deleted_at,
            Feedback.hidden_at,
            Feedback.hidden_reason,
            Feedback.pinned_at,
            User.display_name,
            Actor.slug,
            Actor.name,
            Offering.id,
            Offering.title,
            offering_actor.slug,
            offering_actor.name,
            ProjectUpdate.version,
        )
        .select_from(Feedback)
        .outerjoin(User, User.id == Feedback.author_id)
        .outerjoin(Actor, Actor.id == Feedback.actor_id)
        .outerjoin(Offering, Offering.id == Feedback.offering_id)
        .outerjoin(offering_actor, offering_actor.id == Offering.actor_id)
        .outerjoin(ProjectUpdate, ProjectUpdate.id == Feedback.addressed_in_id)
        .where(Feedback.project_id == project.id)
        .order_by(Feedback.created_at, Feedback.id)
    )
    return [ThreadItem(*row) for row in db.session.execute(query)]


def helpful_ids(project: Project, viewer) -> set[int]:
    """The ids of the project's items the viewer has marked helpful (no query for anonymous viewers)."""
    if not getattr(viewer, "is_authenticated", False):
        return set()
    query = (
        sa.select(HelpfulMark.feedback_id)
        .join(Feedback, Feedback.id == HelpfulMark.feedback_id)
        .where(Feedback.project_id == project.id, HelpfulMark.user_id == viewer.id)
    )
    return set(db.session.scalars(query))


def moderation_entries(project: Project) -> list[tuple[str, str, datetime]]:
    """The moderation log's entries about this thread, oldest first, as (action, public reason, when);
    "move_in" is the destination's side of a move. Private notes are not read."""
    query = (
        sa.select(
            ModerationAction.action,
            ModerationAction.project_id,
            ModerationAction.reason,
            ModerationAction.created_at,
        )
        .where(
            sa.or_(
                sa.and_(
                    ModerationAction.project_id == project.id,
                    sa.or_(
                        ModerationAction.target_type == "project", ModerationAction.action.in_(_ITEM_NOTICES)
                    ),
                ),
                sa.and_(ModerationAction.action == "move", ModerationAction.detail == project.slug),
            )
        )
        .order_by(ModerationAction.created_at, ModerationAction.id)
    )
    return [
        ("move_in" if action == "move" and project_id != project.id else action, reason, created_at)
        for action, project_id, reason, created_at in db.session.execute(query)
    ]
