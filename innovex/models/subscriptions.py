"""Interest subscriptions: what a member wants to hear about (sectors, tags, a region, kinds of items) and how
often the digest of new matching items is mailed."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from innovex.extensions import db
from innovex.models.base import choice, utcnow
from innovex.models.taxonomy import Sector
from innovex.models.users import User
from innovex.normalise import region_key
from innovex.vocab import SUBSCRIPTION_FREQUENCIES

subscription_sectors = sa.Table(
    "subscription_sectors",
    db.metadata,
    sa.Column("subscription_id", sa.ForeignKey("subscriptions.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("sector_id", sa.ForeignKey("sectors.id", ondelete="CASCADE"), primary_key=True),
)


class Subscription(db.Model):
    """One interest of a member. Empty sectors, tags or region mean "any"; the criteria that are set must all
    fit (any of the sectors, any of the tags, inside the region). The region is a country (ISO 3166-1), a
    state (`state`, matched by its key against the organisations' region_key) or a circle of `radius_km`
    around `lat`/`lon` (the centre of `place` when the member named a town), or several of them. `kinds` lists
    the item kinds wanted (vocab.SUBSCRIPTION_KINDS).

    `last_sent_at` is the end of the last digest window: the next run reports what became visible after it
    (after `created_at` before the first run). `paused_at` is set by the unsubscribe link in the mail."""

    __tablename__ = "subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(80), default="")
    tags: Mapped[list] = mapped_column(sa.JSON, default=list)  # tag names as typed; matched by tag key
    kinds: Mapped[list] = mapped_column(sa.JSON, default=list)
    country: Mapped[str | None] = mapped_column(sa.String(2))
    # The state (Bundesland, Kanton) as typed, and its key, compared with the organisations' region_key.
    state: Mapped[str | None] = mapped_column(sa.String(120))
    state_key: Mapped[str | None] = mapped_column(sa.String(120))
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    radius_km: Mapped[float | None]
    place: Mapped[str | None] = mapped_column(sa.String(120))  # the town the circle is around, as typed
    frequency: Mapped[str] = mapped_column(choice(SUBSCRIPTION_FREQUENCIES, "subscription_frequency"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_sent_at: Mapped[datetime | None]
    paused_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()
    sectors: Mapped[list[Sector]] = relationship(secondary=subscription_sectors, order_by=Sector.slug)

    @validates("state")
    def _state_key(self, _key: str, state: str | None) -> str | None:
        state = " ".join((state or "").split()) or None
        self.state_key = region_key(state)
        return state

    @property
    def has_circle(self) -> bool:
        return self.lat is not None and self.lon is not None and self.radius_km is not None

    def __repr__(self) -> str:
        return f"<Subscription {self.id} of user {self.user_id}>"
