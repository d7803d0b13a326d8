"""Innovation projects, their co-owners, versioned updates and followers."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, query_expression, relationship

from innovex.extensions import db
from innovex.models.actors import Actor
from innovex.models.base import choice, utcnow
from innovex.models.taxonomy import Sector, Tag
from innovex.models.users import User
from innovex.vocab import (
    COOWNER_STATES,
    PROJECT_SEEKING,
    PROJECT_STAGES,
    PROJECT_STATUSES,
    PROJECT_VISIBILITY,
)

project_tags = sa.Table(
    "project_tags",
    db.metadata,
    sa.Column("project_id", sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("tag_id", sa.ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
)

project_competencies = sa.Table(
    "project_competencies",
    db.metadata,
    sa.Column("project_id", sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("tag_id", sa.ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
)

project_sectors = sa.Table(
    "project_sectors",
    db.metadata,
    sa.Column("project_id", sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("sector_id", sa.ForeignKey("sectors.id", ondelete="CASCADE"), primary_key=True),
)


class ProjectSeeking(db.Model):
    """One thing a project is seeking; a row each so that lists can filter on it."""

    __tablename__ = "project_seeking"

    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True
    )
    value: Mapped[str] = mapped_column(choice(PROJECT_SEEKING, "seeking_value"), primary_key=True)


class Project(db.Model):
    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(140), unique=True)
    actor_id: Mapped[int] = mapped_column(sa.ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(sa.String(200))
    summary: Mapped[str] = mapped_column(sa.String(500))
    body: Mapped[str] = mapped_column(sa.Text, default="")
    stage: Mapped[str] = mapped_column(choice(PROJECT_STAGES, "project_stage"), default="idea")
    region: Mapped[str | None] = mapped_column(sa.String(120))
    visibility: Mapped[str] = mapped_column(choice(PROJECT_VISIBILITY, "project_visibility"), default="draft")
    status: Mapped[str] = mapped_column(choice(PROJECT_STATUSES, "project_status"), default="open")
    featured: Mapped[bool] = mapped_column(default=False)
    # Hidden by moderation: only its owners and moderators still see it, whatever its visibility.
    hidden_at: Mapped[datetime | None]
    hidden_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    hidden_reason: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # When the project first left draft (public or network); interest subscriptions report it from then.
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    last_activity_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # Filled by list queries with with_expression(...) (feedback counted in the same query); None otherwise.
    feedback_count: Mapped[int | None] = query_expression()

    actor: Mapped[Actor] = relationship()
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    seeking_rows: Mapped[list[ProjectSeeking]] = relationship(cascade="all, delete-orphan")
    tags: Mapped[list[Tag]] = relationship(secondary=project_tags, order_by=Tag.name)
    competencies: Mapped[list[Tag]] = relationship(secondary=project_competencies, order_by=Tag.name)
    sectors: Mapped[list[Sector]] = relationship(secondary=project_sectors, order_by=Sector.slug)
    coowners: Mapped[list["ProjectCoOwner"]] = relationship(
        back_populates="project", cascade="all, delete-orphan"
    )
    updates: Mapped[list["ProjectUpdate"]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="ProjectUpdate.version"
    )

    @property
    def seeking(self) -> list[str]:
        return sorted(row.value for row in self.seeking_rows)

    @property
    def owning_actors(self) -> list[Actor]:
        """The owning organisation and every co-owner that has accepted."""
        return [self.actor] + [c.actor for c in self.coowners if c.state == "accepted"]

    def __repr__(self) -> str:
        return f"<Project {self.slug}>"


@sa.event.listens_for(Project.visibility, "set")
def _stamp_published(project: Project, value: str, _old, _initiator) -> None:
    """The first time a project leaves draft, by whatever path (form, seed, adoption), it is published."""
    if value != "draft" and project.published_at is None:
        project.published_at = utcnow()


class ProjectCoOwner(db.Model):
    __tablename__ = "project_coowners"

    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True
    )
    actor_id: Mapped[int] = mapped_column(sa.ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True)
    state: Mapped[str] = mapped_column(choice(COOWNER_STATES, "coowner_state"), default="invited")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    project: Mapped[Project] = relationship(back_populates="coowners")
    actor: Mapped[Actor] = relationship()


class ProjectUpdate(db.Model):
    """A versioned "what changed" post by the project's authors."""

    __tablename__ = "project_updates"
    __table_args__ = (sa.UniqueConstraint("project_id", "version", name="uq_project_updates_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text, default="")
    changes: Mapped[str] = mapped_column(sa.Text, default="")  # the short "what changed" note
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    project: Mapped[Project] = relationship(back_populates="updates")
    author: Mapped[User | None] = relationship()


class Follow(db.Model):
    __tablename__ = "follows"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
