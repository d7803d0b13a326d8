"""Calls for collaboration: a question the network asks, its phases, the projects submitted to it and the
organisations that support them."""

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from innovex.extensions import db
from innovex.models.actors import Actor
from innovex.models.base import choice, utcnow
from innovex.models.moderation import Impulse
from innovex.models.projects import Project
from innovex.models.taxonomy import Sector
from innovex.models.users import User

CALL_STATES = {"draft": _l("Awaiting approval"), "open": _l("Open"), "closed": _l("Closed")}
SUBMISSION_STATES = {
    "submitted": _l("Submitted"),
    "shortlisted": _l("Shortlisted"),
    "selected": _l("Selected"),
    "withdrawn": _l("Withdrawn"),
}

call_sectors = sa.Table(
    "call_sectors",
    db.metadata,
    sa.Column("call_id", sa.ForeignKey("calls.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("sector_id", sa.ForeignKey("sectors.id", ondelete="CASCADE"), primary_key=True),
)


class Call(db.Model):
    """A call for collaboration; opened by a moderator, or proposed by an organisation and approved.

    Its stewards are the moderators and the owners of the opening organisation (`actor`, None when the
    moderators opened it). `impulse` is the impulse a call was converted from, kept so nothing is lost.
    """

    __tablename__ = "calls"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(140), unique=True)
    question: Mapped[str] = mapped_column(sa.String(200))
    context: Mapped[str] = mapped_column(sa.Text, default="")  # Markdown, rendered by the one filter
    offers: Mapped[str] = mapped_column(sa.Text, default="")  # support, funding, pilot users ... (Markdown)
    region: Mapped[str | None] = mapped_column(sa.String(120))
    deadline: Mapped[date | None]
    state: Mapped[str] = mapped_column(choice(CALL_STATES, "call_state"), default="draft", index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("actors.id", ondelete="SET NULL"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    approved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    impulse_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("impulses.id", ondelete="SET NULL"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    opened_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]

    actor: Mapped[Actor | None] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    approved_by: Mapped[User | None] = relationship(foreign_keys=[approved_by_id])
    impulse: Mapped[Impulse | None] = relationship()
    sectors: Mapped[list[Sector]] = relationship(secondary=call_sectors, order_by=Sector.slug)
    phases: Mapped[list["CallPhase"]] = relationship(
        back_populates="call", cascade="all, delete-orphan", order_by="CallPhase.position"
    )
    submissions: Mapped[list["CallSubmission"]] = relationship(
        back_populates="call", cascade="all, delete-orphan", order_by="CallSubmission.id"
    )

    def __repr__(self) -> str:
        return f"<Call {self.slug}>"


class CallPhase(db.Model):
    """One phase of a call (ideas, feedback, selection ...); phases follow each other in `position` order."""

    __tablename__ = "call_phases"
    __table_args__ = (
        sa.UniqueConstraint("call_id", "position", name="uq_call_phases_position"),
        sa.CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(sa.ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(sa.String(120))
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]

    call: Mapped[Call] = relationship(back_populates="phases")


class CallSubmission(db.Model):
    """A project submitted to a call by its owners; one row per call and project (withdrawing keeps it)."""

    __tablename__ = "call_submissions"
    __table_args__ = (sa.UniqueConstraint("call_id", "project_id", name="uq_call_submissions_call_project"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(sa.ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    submitted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    state: Mapped[str] = mapped_column(choice(SUBMISSION_STATES, "submission_state"), default="submitted")
    note: Mapped[str] = mapped_column(sa.Text, default="")  # the submitters' word to the stewards
    reason: Mapped[str] = mapped_column(sa.Text, default="")  # the stewards' public reason for a decision
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[datetime | None]

    call: Mapped[Call] = relationship(back_populates="submissions")
    project: Mapped[Project] = relationship()
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    supports: Mapped[list["CallSupport"]] = relationship(
        back_populates="submission", cascade="all, delete-orphan", order_by="CallSupport.created_at"
    )


class CallSupport(db.Model):
    """A member organisation's support for a submission; each organisation has a budget per call."""

    __tablename__ = "call_supports"

    submission_id: Mapped[int] = mapped_column(
        sa.ForeignKey("call_submissions.id", ondelete="CASCADE"), primary_key=True
    )
    actor_id: Mapped[int] = mapped_column(
        sa.ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    submission: Mapped[CallSubmission] = relationship(back_populates="supports")
    actor: Mapped[Actor] = relationship()
    user: Mapped[User | None] = relationship()
