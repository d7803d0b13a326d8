"""The history of organisation profiles: one revision per change, with old and new values per field."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from innovex.extensions import db
from innovex.models.actors import Actor
from innovex.models.base import choice, utcnow
from innovex.models.users import User
from innovex.vocab import REVISION_SOURCES, SUGGESTION_STATES


class ProfileRevision(db.Model):
    """What one change did to a profile and its offerings: `changes` maps a field to [old, new] (JSON values;
    lists of slugs for sectors and forms of collaboration, an offering's fields under `offering:<id>`)."""

    __tablename__ = "profile_revisions"
    __table_args__ = (sa.Index("ix_profile_revisions_actor_created", "actor_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(sa.ForeignKey("actors.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    source: Mapped[str] = mapped_column(choice(REVISION_SOURCES, "revision_source"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    changes: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    note: Mapped[str] = mapped_column(sa.Text, default="")

    actor: Mapped[Actor] = relationship()
    author: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<ProfileRevision {self.actor_id} {self.source} {sorted(self.changes)}>"


class Suggestion(db.Model):
    """A correction to a profile proposed by someone who does not maintain it: `changes` maps a field to
    [the value the suggester saw, the suggested value]; the owners (or, for ownerless profiles, moderators or
    a second member after a waiting period) accept or decline it."""

    __tablename__ = "suggestions"
    __table_args__ = (sa.Index("ix_suggestions_actor_state", "actor_id", "state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(sa.ForeignKey("actors.id", ondelete="CASCADE"))
    suggester_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    changes: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    note: Mapped[str] = mapped_column(sa.Text, default="")
    state: Mapped[str] = mapped_column(choice(SUGGESTION_STATES, "suggestion_state"), default="open")
    reason: Mapped[str] = mapped_column(sa.Text, default="")  # why it was declined
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    hidden_at: Mapped[datetime | None]  # hidden by moderation after a report
    hidden_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    hidden_reason: Mapped[str | None] = mapped_column(sa.Text)

    actor: Mapped[Actor] = relationship()
    suggester: Mapped[User] = relationship(foreign_keys=[suggester_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    @property
    def author(self) -> User:
        return self.suggester

    def __repr__(self) -> str:
        return f"<Suggestion {self.actor_id} {self.state} {sorted(self.changes)}>"
