"""Organisations on the map, the people who belong to them, and what they offer and need."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from innovex.extensions import db
from innovex.models.base import choice, utcnow
from innovex.models.taxonomy import CollaborationForm, Sector, Tag
from innovex.models.users import User
from innovex.normalise import collation_key, region_key
from innovex.vocab import (
    ACTOR_KINDS,
    ACTOR_STATUSES,
    APPROXIMATE_PRECISIONS,
    LEGAL_FORMS,
    LOCATION_PRECISIONS,
    MEMBERSHIP_ROLES,
    OFFERING_KINDS,
    OFFERING_SCOPES,
    REQUEST_KINDS,
    REQUEST_STATES,
)

actor_sectors = sa.Table(
    "actor_sectors",
    db.metadata,
    sa.Column("actor_id", sa.ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("sector_id", sa.ForeignKey("sectors.id", ondelete="CASCADE"), primary_key=True),
    sa.Index(
        "ix_actor_sectors_sector", "sector_id", "actor_id"
    ),  # the filter "in sector X", from the sector side
)

actor_collaboration = sa.Table(
    "actor_collaboration",
    db.metadata,
    sa.Column("actor_id", sa.ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("form_id", sa.ForeignKey("collaboration_forms.id", ondelete="CASCADE"), primary_key=True),
    sa.Index("ix_actor_collaboration_form", "form_id", "actor_id"),
)

offering_tags = sa.Table(
    "offering_tags",
    db.metadata,
    sa.Column("offering_id", sa.ForeignKey("offerings.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("tag_id", sa.ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
)


class Actor(db.Model):
    __tablename__ = "actors"
    __table_args__ = (
        sa.CheckConstraint("lat IS NULL OR (lat >= -90 AND lat <= 90)", name="lat_range"),
        sa.CheckConstraint("lon IS NULL OR (lon >= -180 AND lon <= 180)", name="lon_range"),
        sa.CheckConstraint("(lat IS NULL) = (lon IS NULL)", name="lat_lon_together"),
        sa.Index("ix_actors_sort_name", "sort_name", "id"),  # the directory's order, page by page
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(120), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    name_key: Mapped[str] = mapped_column(sa.String(200), index=True)  # normalised name, for duplicates
    sort_name: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")  # see _sort_name
    kind: Mapped[str] = mapped_column(choice(ACTOR_KINDS, "actor_kind"))
    legal_form: Mapped[str | None] = mapped_column(choice(LEGAL_FORMS, "legal_form"))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    website: Mapped[str | None] = mapped_column(sa.String(500))
    website_domain: Mapped[str | None] = mapped_column(sa.String(255), index=True)
    email: Mapped[str | None] = mapped_column(sa.String(254))
    address: Mapped[str | None] = mapped_column(sa.String(200))
    postcode: Mapped[str | None] = mapped_column(sa.String(20))
    city: Mapped[str | None] = mapped_column(sa.String(120), index=True)
    country: Mapped[str | None] = mapped_column(sa.String(2), index=True)
    # The state (Bundesland, Kanton) as people write it, and its comparison key (normalise.region_key), kept
    # in step by the validator below so that subscriptions compare regions however they are spelt.
    region: Mapped[str | None] = mapped_column(sa.String(120))
    region_key: Mapped[str | None] = mapped_column(sa.String(120), index=True)
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    # How the point was found (vocab.LOCATION_PRECISIONS); None without a point. Geocoding never replaces
    # an "exact" point: the owner picked it, or the import brought it.
    location_precision: Mapped[str | None] = mapped_column(choice(LOCATION_PRECISIONS, "location_precision"))
    founded: Mapped[int | None]
    members: Mapped[int | None]
    phone: Mapped[str | None] = mapped_column(sa.String(50))
    # Where an imported profile comes from: the directory (its address or name), the record's id and page
    # there, its licence and the last import; re-imports match on source and source id.
    source: Mapped[str | None] = mapped_column(sa.String(200))
    source_id: Mapped[str | None] = mapped_column(sa.String(200), index=True)
    source_url: Mapped[str | None] = mapped_column(sa.String(500))
    licence: Mapped[str | None] = mapped_column(sa.String(100))  # an SPDX id (innovex.licences) or as stated
    # The licence the source published the record under, kept when owners re-licence the profile: a
    # share-alike source binds what may be chosen (innovex.actors.licensing).
    source_licence: Mapped[str | None] = mapped_column(sa.String(100))
    source_format: Mapped[str | None] = mapped_column(sa.String(20))  # the import format: kvm, geojson, ...
    imported_at: Mapped[datetime | None]  # the last import that wrote the record
    status: Mapped[str] = mapped_column(choice(ACTOR_STATUSES, "actor_status"), default="active")
    confirmed_at: Mapped[datetime | None]
    # Data cooperative: who may see each field group (innovex.visibility); last freshness reminder.
    visibility: Mapped[dict] = mapped_column(sa.JSON, default=dict, server_default="{}")
    reminded_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    sectors: Mapped[list[Sector]] = relationship(secondary=actor_sectors, order_by=Sector.slug)
    collaboration: Mapped[list[CollaborationForm]] = relationship(
        secondary=actor_collaboration, order_by=CollaborationForm.slug
    )
    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="actor", cascade="all, delete-orphan"
    )
    offerings: Mapped[list["Offering"]] = relationship(
        back_populates="actor", cascade="all, delete-orphan", order_by="Offering.id"
    )

    @hybrid_property
    def listed(self) -> bool:
        """Shown to everyone: not hidden by its owners or by moderators (in SQL too: `Actor.listed`)."""
        return self.status == "active"

    @validates("name")
    def _sort_name(self, _key: str, name: str) -> str:
        """Keep the stored sort key with the name, however it is set, so that the directory sorts in SQL on an
        index the way readers expect ("Ökodorf" among the O, not after the Z)."""
        self.sort_name = collation_key(name or "")[:200]
        return name

    @validates("region")
    def _region_key(self, _key: str, region: str | None) -> str | None:
        region = " ".join((region or "").split()) or None
        self.region_key = region_key(region)
        return region

    @validates("lat")
    def _point_precision(self, _key: str, lat: float | None) -> float | None:
        """A point set without a precision is exact (owners, imports, seeds); no point, no precision."""
        if lat is None:
            self.location_precision = None
        elif self.location_precision is None:
            self.location_precision = "exact"
        return lat

    def set_point(self, lat: float | None, lon: float | None, precision: str | None) -> None:
        """Place the organisation (or take it off the map with None) and say how the point was found."""
        self.lat, self.lon = lat, lon
        self.location_precision = precision if lat is not None else None

    @property
    def approximate(self) -> bool:
        """The point is only the centre of the city: the map and the API say so."""
        return self.lat is not None and self.location_precision in APPROXIMATE_PRECISIONS

    @property
    def owners(self) -> list[User]:
        return [m.user for m in self.memberships if m.role == "owner"]

    def role_of(self, user) -> str | None:
        if user is None or not getattr(user, "is_authenticated", False):
            return None
        for membership in self.memberships:
            if membership.user_id == user.id:
                return membership.role
        return None

    def __repr__(self) -> str:
        return f"<Actor {self.slug}>"


class Membership(db.Model):
    __tablename__ = "memberships"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    actor_id: Mapped[int] = mapped_column(sa.ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(choice(MEMBERSHIP_ROLES, "membership_role"), default="member")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(back_populates="memberships")
    actor: Mapped[Actor] = relationship(back_populates="memberships")


class Invitation(db.Model):
    """An owner's invitation of a person, by email, to join an organisation with a role."""

    __tablename__ = "invitations"
    __table_args__ = (sa.UniqueConstraint("actor_id", "email", name="uq_invitations_actor_email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(sa.ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(sa.String(254), index=True)
    role: Mapped[str] = mapped_column(choice(MEMBERSHIP_ROLES, "invitation_role"), default="member")
    token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    actor: Mapped[Actor] = relationship()
    invited_by: Mapped[User | None] = relationship()


class MembershipRequest(db.Model):
    """A user's request to join an organisation (decided by its owners) or to claim an ownerless one
    (decided by moderators)."""

    __tablename__ = "membership_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(sa.ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(choice(REQUEST_KINDS, "request_kind"))
    message: Mapped[str] = mapped_column(sa.Text, default="")
    state: Mapped[str] = mapped_column(choice(REQUEST_STATES, "request_state"), default="open")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    actor: Mapped[Actor] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])


class Offering(db.Model):
    """Something an organisation offers to others or needs from them; what partner matching searches."""

    __tablename__ = "offerings"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(sa.ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(choice(OFFERING_KINDS, "offering_kind"))
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    scope: Mapped[str] = mapped_column(choice(OFFERING_SCOPES, "offering_scope"), default="regional")
    expires_at: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    actor: Mapped[Actor] = relationship(back_populates="offerings")
    tags: Mapped[list[Tag]] = relationship(secondary=offering_tags, order_by=Tag.name)

    @hybrid_property
    def current(self) -> bool:
        """Not past its expiry date (also a SQL clause: `Offering.current`)."""
        return self.expires_at is None or self.expires_at >= utcnow().date()

    @current.inplace.expression
    @classmethod
    def _current_expression(cls) -> sa.ColumnElement[bool]:
        return sa.or_(cls.expires_at.is_(None), cls.expires_at >= utcnow().date())

    @property
    def is_expired(self) -> bool:
        return not self.current

    def __repr__(self) -> str:
        return f"<Offering {self.kind} {self.title!r}>"
