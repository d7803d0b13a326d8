"""Threaded, typed feedback on projects."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from innovex.extensions import db
from innovex.models.actors import Actor, Offering
from innovex.models.base import choice, utcnow
from innovex.models.projects import Project, ProjectUpdate
from innovex.models.users import User
from innovex.vocab import FEEDBACK_KINDS


class Feedback(db.Model):
    __tablename__ = "feedback"
    __table_args__ = (sa.Index("ix_feedback_project_created", "project_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("feedback.id", ondelete="CASCADE"), index=True
    )
    depth: Mapped[int] = mapped_column(default=0)  # 0 for top-level items
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("actors.id", ondelete="SET NULL"))
    kind: Mapped[str | None] = mapped_column(choice(FEEDBACK_KINDS, "feedback_kind"))  # top level only
    body: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str] = mapped_column(sa.Text)
    offering_id: Mapped[int | None] = mapped_column(sa.ForeignKey("offerings.id", ondelete="SET NULL"))
    addressed_in_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("project_updates.id", ondelete="SET NULL"), index=True
    )
    helpful_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]
    hidden_at: Mapped[datetime | None]
    hidden_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    hidden_reason: Mapped[str | None] = mapped_column(sa.Text)
    pinned_at: Mapped[datetime | None]  # pinned items lead the thread; top-level items only

    project: Mapped[Project] = relationship()
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    actor: Mapped[Actor | None] = relationship()
    offering: Mapped[Offering | None] = relationship()
    addressed_in: Mapped[ProjectUpdate | None] = relationship()
    revisions: Mapped[list["FeedbackRevision"]] = relationship(
        cascade="all, delete-orphan", order_by="FeedbackRevision.id"
    )

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    def __repr__(self) -> str:
        return f"<Feedback {self.id} on {self.project_id}>"


class FeedbackRevision(db.Model):
    """An earlier version of a feedback body, kept when its author edits it."""

    __tablename__ = "feedback_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    feedback_id: Mapped[int] = mapped_column(sa.ForeignKey("feedback.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class HelpfulMark(db.Model):
    __tablename__ = "helpful_marks"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    feedback_id: Mapped[int] = mapped_column(
        sa.ForeignKey("feedback.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
