"""Governance of the data cooperative: its texts, member organisations, network settings, proposals, votes."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from innovex.extensions import db
from innovex.models.actors import Actor
from innovex.models.base import choice, utcnow
from innovex.models.users import User
from innovex.vocab import PROPOSAL_KINDS, PROPOSAL_STATES, TEXT_KINDS, VOTE_CHOICES


class CoopText(db.Model):
    """One version of a text of the cooperative (the data charter, the moderation rules), in both languages;
    the highest version of a kind is the current one. Stored as typed, rendered through innovex.text."""

    __tablename__ = "coop_texts"
    __table_args__ = (sa.UniqueConstraint("kind", "version", name="uq_coop_texts_kind_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(choice(TEXT_KINDS, "coop_text_kind"))
    version: Mapped[int]
    body_de: Mapped[str] = mapped_column(sa.Text)
    body_en: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    created_by: Mapped[User | None] = relationship()


class CoopMember(db.Model):
    """An organisation in the data cooperative: which charter version which owner accepted, and when; one row
    per organisation (joining again after leaving reuses it)."""

    __tablename__ = "coop_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(sa.ForeignKey("actors.id", ondelete="CASCADE"), unique=True)
    charter_version: Mapped[int]
    accepted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    left_at: Mapped[datetime | None]
    # The owners let the organisation's editors cast its vote as well.
    editors_vote: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    actor: Mapped[Actor] = relationship()
    accepted_by: Mapped[User | None] = relationship()

    @property
    def active(self) -> bool:
        return self.left_at is None


class NetworkSetting(db.Model):
    """A network-wide setting stored as text; innovex.network_settings is its one typed door."""

    __tablename__ = "network_settings"

    key: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    value: Mapped[str] = mapped_column(sa.String(200))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Proposal(db.Model):
    """A decision put to the member organisations; `change` says what applying it does (by kind).

    `state` goes open -> passed/rejected exactly once, by a conditional UPDATE (services.close), so that two
    processes closing at the same moment do not apply it twice."""

    __tablename__ = "proposals"
    __table_args__ = (sa.Index("ix_proposals_state_closes", "state", "closes_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(choice(PROPOSAL_KINDS, "proposal_kind"))
    title: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text, default="")
    change: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("actors.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    opens_at: Mapped[datetime]
    closes_at: Mapped[datetime]
    quorum: Mapped[float]  # share of member organisations that must vote (abstentions count)
    majority: Mapped[float]  # share of yes among yes and no needed to pass
    secret: Mapped[bool] = mapped_column(default=False)
    state: Mapped[str] = mapped_column(choice(PROPOSAL_STATES, "proposal_state"), default="open")
    closed_at: Mapped[datetime | None]
    applied_at: Mapped[datetime | None]
    result: Mapped[dict] = mapped_column(sa.JSON, default=dict)  # counts and members at close
    outcome: Mapped[str] = mapped_column(sa.String(300), default="")

    author: Mapped[User | None] = relationship()
    actor: Mapped[Actor | None] = relationship()
    votes: Mapped[list["Vote"]] = relationship(
        back_populates="proposal", cascade="all, delete-orphan", order_by="Vote.id"
    )
    comments: Mapped[list["ProposalComment"]] = relationship(
        back_populates="proposal", cascade="all, delete-orphan", order_by="ProposalComment.id"
    )

    @property
    def is_open(self) -> bool:
        return self.state == "open"


class Vote(db.Model):
    """The one vote of a member organisation on a proposal; changing it updates this row. In an election
    (kind "election") the choice is "yes" for the candidate named by `candidate_id`, or "abstain"."""

    __tablename__ = "votes"
    __table_args__ = (sa.UniqueConstraint("proposal_id", "actor_id", name="uq_votes_proposal_actor"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposals.id", ondelete="CASCADE"))
    actor_id: Mapped[int] = mapped_column(sa.ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    choice: Mapped[str] = mapped_column(choice(VOTE_CHOICES, "vote_choice"))
    candidate_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    proposal: Mapped[Proposal] = relationship(back_populates="votes")
    actor: Mapped[Actor] = relationship()
    user: Mapped[User | None] = relationship(foreign_keys=[user_id])
    candidate: Mapped[User | None] = relationship(foreign_keys=[candidate_id])


class ProposalComment(db.Model):
    """One contribution to the discussion of a proposal, stored as typed and rendered through innovex.text."""

    __tablename__ = "proposal_comments"
    __table_args__ = (sa.Index("ix_proposal_comments_proposal_created", "proposal_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposals.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Hidden by moderation after a report (the discussion keeps a placeholder).
    hidden_at: Mapped[datetime | None]
    hidden_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    hidden_reason: Mapped[str | None] = mapped_column(sa.Text)

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    proposal: Mapped[Proposal] = relationship(back_populates="comments")
