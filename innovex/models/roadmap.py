"""The network's shared innovation roadmap: themes with goals and a time horizon, milestones with a state,
the calls and projects attached to each milestone, and a public log of every change."""

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from innovex.extensions import db
from innovex.models.base import choice, utcnow
from innovex.models.calls import Call
from innovex.models.projects import Project
from innovex.models.users import User

MILESTONE_STATES = {"planned": _l("Planned"), "in_progress": _l("In progress"), "reached": _l("Reached")}
ROADMAP_CHANGES = {
    "theme_created": _l("Theme added"),
    "theme_edited": _l("Theme changed"),
    "theme_archived": _l("Theme archived"),
    "milestone_added": _l("Milestone added"),
    "milestone_edited": _l("Milestone changed"),
    "milestone_removed": _l("Milestone removed"),
    "linked": _l("Attached"),
    "unlinked": _l("Detached"),
}
# How the log names the fields a change touched.
ROADMAP_FIELDS = {
    "name": _l("name"),
    "goal": _l("goal"),
    "horizon_on": _l("horizon"),
    "title": _l("title"),
    "description": _l("description"),
    "due_on": _l("planned date"),
    "state": _l("state"),
    "reached_on": _l("date reached"),
}

milestone_projects = sa.Table(
    "roadmap_milestone_projects",
    db.metadata,
    sa.Column("milestone_id", sa.ForeignKey("roadmap_milestones.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("project_id", sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
)
milestone_calls = sa.Table(
    "roadmap_milestone_calls",
    db.metadata,
    sa.Column("milestone_id", sa.ForeignKey("roadmap_milestones.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("call_id", sa.ForeignKey("calls.id", ondelete="CASCADE"), primary_key=True),
)


class RoadmapTheme(db.Model):
    """A field the network wants to move forward in (Mobilität, Energie ...), with its goal and horizon."""

    __tablename__ = "roadmap_themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(100), unique=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    goal: Mapped[str] = mapped_column(sa.Text, default="")  # Markdown, rendered by the one filter
    horizon_on: Mapped[date | None]  # by when the goal should be reached
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    archived_at: Mapped[datetime | None]

    milestones: Mapped[list["RoadmapMilestone"]] = relationship(
        back_populates="theme",
        cascade="all, delete-orphan",
        order_by=lambda: (RoadmapMilestone.when.is_(None), RoadmapMilestone.when, RoadmapMilestone.id),
    )

    def __repr__(self) -> str:
        return f"<RoadmapTheme {self.slug}>"


class RoadmapMilestone(db.Model):
    """A step on a theme's way, planned for a date, and what the network attached to it."""

    __tablename__ = "roadmap_milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    theme_id: Mapped[int] = mapped_column(sa.ForeignKey("roadmap_themes.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(160))
    description: Mapped[str] = mapped_column(sa.Text, default="")  # Markdown
    due_on: Mapped[date | None] = mapped_column()
    state: Mapped[str] = mapped_column(choice(MILESTONE_STATES, "milestone_state"), default="planned")
    reached_on: Mapped[date | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    theme: Mapped[RoadmapTheme] = relationship(back_populates="milestones")
    # The date a milestone stands at: when it was reached, else when it is planned for.
    when = column_property(sa.func.coalesce(reached_on, due_on))
    projects: Mapped[list[Project]] = relationship(secondary=milestone_projects, order_by=Project.title)
    calls: Mapped[list[Call]] = relationship(secondary=milestone_calls, order_by=Call.question)

    def __repr__(self) -> str:
        return f"<RoadmapMilestone {self.theme_id} {self.title!r}>"


class RoadmapChange(db.Model):
    """One entry of the roadmap's public log: who changed what, when; `changes` maps a field to [old, new]."""

    __tablename__ = "roadmap_changes"
    __table_args__ = (sa.Index("ix_roadmap_changes_theme_created", "theme_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    theme_id: Mapped[int] = mapped_column(sa.ForeignKey("roadmap_themes.id", ondelete="CASCADE"))
    milestone_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("roadmap_milestones.id", ondelete="SET NULL"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(choice(ROADMAP_CHANGES, "roadmap_change"))
    detail: Mapped[str] = mapped_column(sa.String(300), default="")  # what was changed, in its own words
    changes: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    theme: Mapped[RoadmapTheme] = relationship()
    author: Mapped[User | None] = relationship()
