"""In-app notices; their text is rendered from kind and targets, so it follows the reader's language."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from innovex.extensions import db
from innovex.models.actors import Actor, Offering
from innovex.models.base import choice, utcnow
from innovex.models.calls import Call
from innovex.models.feedback import Feedback
from innovex.models.governance import Proposal
from innovex.models.moderation import Impulse, ModerationAction
from innovex.models.projects import Project, ProjectUpdate
from innovex.models.solutions import Solution
from innovex.models.users import User
from innovex.vocab import NOTIFICATION_KINDS


class Notification(db.Model):
    __tablename__ = "notifications"
    __table_args__ = (sa.Index("ix_notifications_user_read", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(choice(NOTIFICATION_KINDS, "notification_kind"))
    by_user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("actors.id", ondelete="CASCADE"))
    project_id: Mapped[int | None] = mapped_column(sa.ForeignKey("projects.id", ondelete="CASCADE"))
    feedback_id: Mapped[int | None] = mapped_column(sa.ForeignKey("feedback.id", ondelete="CASCADE"))
    update_id: Mapped[int | None] = mapped_column(sa.ForeignKey("project_updates.id", ondelete="CASCADE"))
    moderation_action_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("moderation_actions.id", ondelete="CASCADE")
    )
    impulse_id: Mapped[int | None] = mapped_column(sa.ForeignKey("impulses.id", ondelete="CASCADE"))
    call_id: Mapped[int | None] = mapped_column(sa.ForeignKey("calls.id", ondelete="CASCADE"))
    solution_id: Mapped[int | None] = mapped_column(sa.ForeignKey("solutions.id", ondelete="CASCADE"))
    offering_id: Mapped[int | None] = mapped_column(sa.ForeignKey("offerings.id", ondelete="CASCADE"))
    # An election a candidate was named in (kinds "candidacy" and "election_result").
    proposal_id: Mapped[int | None] = mapped_column(sa.ForeignKey("proposals.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]
    emailed_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    by_user: Mapped[User | None] = relationship(foreign_keys=[by_user_id])
    actor: Mapped[Actor | None] = relationship()
    project: Mapped[Project | None] = relationship()
    feedback: Mapped[Feedback | None] = relationship()
    update: Mapped[ProjectUpdate | None] = relationship()
    moderation_action: Mapped[ModerationAction | None] = relationship()
    impulse: Mapped[Impulse | None] = relationship()
    call: Mapped[Call | None] = relationship()
    solution: Mapped[Solution | None] = relationship()
    offering: Mapped[Offering | None] = relationship()
    proposal: Mapped[Proposal | None] = relationship()
