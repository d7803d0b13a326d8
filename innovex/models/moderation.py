"""Moderation: members' reports, the log of every moderation action, and the network's impulses."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from innovex.extensions import db
from innovex.models.base import choice, utcnow
from innovex.models.projects import Project
from innovex.models.taxonomy import Sector
from innovex.models.users import User
from innovex.vocab import (
    IMPULSE_KINDS,
    MODERATION_ACTIONS,
    MODERATION_TARGETS,
    REPORT_REASONS,
    REPORT_RESOLUTIONS,
    REPORT_TARGETS,
)


class Report(db.Model):
    """One member's report of one target (feedback item, project, organisation or user).

    The target is addressed by type and id rather than by a foreign key per type, so that the queue can group
    open reports by target in one query; a report of deleted content stays in the queue until it is dismissed.
    """

    __tablename__ = "reports"
    __table_args__ = (
        sa.UniqueConstraint("reporter_id", "target_type", "target_id", name="uq_reports_reporter_target"),
        sa.Index("ix_reports_target_open", "target_type", "target_id", "resolved_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reporter_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    target_type: Mapped[str] = mapped_column(choice(REPORT_TARGETS, "report_target"))
    target_id: Mapped[int]
    # The author of the reported content (or the reported user), for auto-hide rules and the author's history.
    target_user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    reason: Mapped[str] = mapped_column(choice(REPORT_REASONS, "report_reason"))
    note: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    resolution: Mapped[str | None] = mapped_column(choice(REPORT_RESOLUTIONS, "report_resolution"))

    reporter: Mapped[User] = relationship(foreign_keys=[reporter_id])
    target_user: Mapped[User | None] = relationship(foreign_keys=[target_user_id])
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id])

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class ModerationAction(db.Model):
    """The moderation log: who did what to which target, why, and when.

    `reason` is public (the public log and the notices in threads show it); `private_note` is for moderators.
    Actions on a project's thread carry `project_id`, which is how the thread finds its visible notices.
    """

    __tablename__ = "moderation_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    moderator_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )  # None for automatic actions (auto-hide after reports)
    action: Mapped[str] = mapped_column(choice(MODERATION_ACTIONS, "moderation_action"), index=True)
    target_type: Mapped[str] = mapped_column(choice(MODERATION_TARGETS, "moderation_target"))
    target_id: Mapped[int]
    target_user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    project_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("projects.id", ondelete="SET NULL"), index=True
    )
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    private_note: Mapped[str] = mapped_column(sa.Text, default="")
    until: Mapped[datetime | None]  # end of a suspension
    detail: Mapped[str] = mapped_column(sa.String(200), default="")  # e.g. the role granted, move target
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    moderator: Mapped[User | None] = relationship(foreign_keys=[moderator_id])
    target_user: Mapped[User | None] = relationship(foreign_keys=[target_user_id])
    project: Mapped[Project | None] = relationship()


impulse_projects = sa.Table(
    "impulse_projects",
    db.metadata,
    sa.Column("impulse_id", sa.ForeignKey("impulses.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("project_id", sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
)

impulse_sectors = sa.Table(
    "impulse_sectors",
    db.metadata,
    sa.Column("impulse_id", sa.ForeignKey("impulses.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("sector_id", sa.ForeignKey("sectors.id", ondelete="CASCADE"), primary_key=True),
)


class Impulse(db.Model):
    """An announcement or call for collaboration published by the moderators."""

    __tablename__ = "impulses"

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(choice(IMPULSE_KINDS, "impulse_kind"), default="announcement")
    title: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text, default="")
    body_html: Mapped[str] = mapped_column(sa.Text, default="")
    deadline: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    withdrawn_at: Mapped[datetime | None]

    author: Mapped[User | None] = relationship()
    projects: Mapped[list[Project]] = relationship(secondary=impulse_projects, order_by=Project.title)
    sectors: Mapped[list[Sector]] = relationship(secondary=impulse_sectors, order_by=Sector.slug)
