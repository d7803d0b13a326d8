"""The solutions library: reusable results of projects, their building blocks and links, and the projects
that adopted them."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from innovex.extensions import db
from innovex.models.actors import Actor
from innovex.models.base import utcnow
from innovex.models.projects import Project
from innovex.models.users import User

solution_builders = sa.Table(
    "solution_builders",
    db.metadata,
    sa.Column("solution_id", sa.ForeignKey("solutions.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("actor_id", sa.ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Solution(db.Model):
    """What a project built, told so that others can reuse it; a project may publish several.

    `builders` are the organisations that built it (the project's owners when it is published). It is as
    visible as its project; `hidden_at` is set by moderation and leaves it to its project's owners.
    """

    __tablename__ = "solutions"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(140), unique=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    summary: Mapped[str] = mapped_column(sa.String(500))
    body: Mapped[str] = mapped_column(sa.Text, default="")  # Markdown: what it does, how to reuse it
    licence: Mapped[str | None] = mapped_column(sa.String(120))  # an SPDX id where known, else as written
    requirements: Mapped[str] = mapped_column(sa.Text, default="")
    costs: Mapped[str] = mapped_column(sa.Text, default="")
    contact: Mapped[str] = mapped_column(sa.String(200), default="")
    published_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    published_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    hidden_at: Mapped[datetime | None]
    hidden_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    project: Mapped[Project] = relationship()
    published_by: Mapped[User | None] = relationship(foreign_keys=[published_by_id])
    builders: Mapped[list[Actor]] = relationship(secondary=solution_builders, order_by=Actor.name)
    blocks: Mapped[list["SolutionBlock"]] = relationship(
        back_populates="solution", cascade="all, delete-orphan", order_by="SolutionBlock.position"
    )
    links: Mapped[list["SolutionLink"]] = relationship(
        back_populates="solution", cascade="all, delete-orphan", order_by="SolutionLink.position"
    )
    adoptions: Mapped[list["SolutionAdoption"]] = relationship(
        back_populates="solution", cascade="all, delete-orphan", order_by="SolutionAdoption.created_at"
    )

    def __repr__(self) -> str:
        return f"<Solution {self.slug}>"


class SolutionBlock(db.Model):
    """A named component of a solution that other projects can reuse on its own."""

    __tablename__ = "solution_blocks"
    __table_args__ = (sa.UniqueConstraint("solution_id", "position", name="uq_solution_blocks_position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    solution_id: Mapped[int] = mapped_column(sa.ForeignKey("solutions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(sa.String(120))
    description: Mapped[str] = mapped_column(sa.String(500), default="")

    solution: Mapped[Solution] = relationship(back_populates="blocks")


class SolutionLink(db.Model):
    """A link to the code or documents of a solution (http or https only)."""

    __tablename__ = "solution_links"
    __table_args__ = (sa.UniqueConstraint("solution_id", "position", name="uq_solution_links_position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    solution_id: Mapped[int] = mapped_column(sa.ForeignKey("solutions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    label: Mapped[str] = mapped_column(sa.String(120), default="")
    url: Mapped[str] = mapped_column(sa.String(500))

    solution: Mapped[Solution] = relationship(back_populates="links")


class SolutionAdoption(db.Model):
    """A new project started from a solution ("adopt this solution"); one row per solution and project."""

    __tablename__ = "solution_adoptions"
    __table_args__ = (
        sa.UniqueConstraint("solution_id", "project_id", name="uq_solution_adoptions_solution_project"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    solution_id: Mapped[int] = mapped_column(sa.ForeignKey("solutions.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    adopted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    solution: Mapped[Solution] = relationship(back_populates="adoptions")
    project: Mapped[Project] = relationship()
    adopted_by: Mapped[User | None] = relationship()
