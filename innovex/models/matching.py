"""Partner matching: expressions of interest in projects, and suggestions their owners marked not relevant."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from innovex.extensions import db
from innovex.models.actors import Actor
from innovex.models.base import choice, utcnow
from innovex.models.projects import Project
from innovex.models.users import User

INTEREST_STATES = ("open", "accepted", "declined", "withdrawn")
INTEREST_MESSAGE_MAX = 1000


class Interest(db.Model):
    """An organisation's expression of interest in working on a project; one per organisation and project."""

    __tablename__ = "interests"
    __table_args__ = (sa.UniqueConstraint("project_id", "actor_id", name="uq_interests_project_actor"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int] = mapped_column(sa.ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    message: Mapped[str] = mapped_column(sa.Text, default="")
    state: Mapped[str] = mapped_column(choice(INTEREST_STATES, "interest_state"), default="open")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    project: Mapped[Project] = relationship()
    actor: Mapped[Actor] = relationship()
    user: Mapped[User | None] = relationship(foreign_keys=[user_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])


class DismissedSuggestion(db.Model):
    """A project owner's "not relevant" on a suggested partner: hidden from then on, kept for tuning."""

    __tablename__ = "dismissed_suggestions"

    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True
    )
    actor_id: Mapped[int] = mapped_column(sa.ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    score: Mapped[float | None]  # the suggestion's score when it was dismissed, for tuning
    reasons: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
