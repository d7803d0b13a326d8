"""Events of the network: workshops, network meetings, a call's pitch day; in UTC with their own time zone."""

import uuid
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from innovex.extensions import db
from innovex.models.actors import Actor
from innovex.models.base import utcnow
from innovex.models.calls import Call
from innovex.models.taxonomy import Sector
from innovex.models.users import User

DEFAULT_TIMEZONE = "Europe/Berlin"

event_sectors = sa.Table(
    "event_sectors",
    db.metadata,
    sa.Column("event_id", sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("sector_id", sa.ForeignKey("sectors.id", ondelete="CASCADE"), primary_key=True),
)


def _new_uid() -> str:
    return str(uuid.uuid4())


class Event(db.Model):
    """An event published by an organisation (its owners and editors) or by the moderators (`actor` None).

    `starts_at`/`ends_at` are naive UTC like every timestamp; `timezone` is the IANA zone the organisers
    think in, used to show and export the time. `uid` is the iCalendar UID: random, so it never changes
    when the site moves to another address.
    """

    __tablename__ = "events"
    __table_args__ = (sa.CheckConstraint("ends_at > starts_at", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(sa.String(36), unique=True, default=_new_uid)
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")  # Markdown, rendered by the one filter
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime] = mapped_column(index=True)
    timezone: Mapped[str] = mapped_column(sa.String(64), default=DEFAULT_TIMEZONE)
    address: Mapped[str] = mapped_column(sa.String(200), default="")
    city: Mapped[str] = mapped_column(sa.String(120), default="")
    online_url: Mapped[str] = mapped_column(sa.String(500), default="")
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    call_id: Mapped[int | None] = mapped_column(sa.ForeignKey("calls.id", ondelete="SET NULL"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    cancelled_at: Mapped[datetime | None]

    actor: Mapped[Actor | None] = relationship()
    call: Mapped[Call | None] = relationship()
    created_by: Mapped[User | None] = relationship()
    sectors: Mapped[list[Sector]] = relationship(secondary=event_sectors, order_by=Sector.slug)

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def starts_local(self) -> datetime:
        """The start as an aware datetime in the event's own zone."""
        return self.starts_at.replace(tzinfo=UTC).astimezone(self.zone)

    @property
    def ends_local(self) -> datetime:
        return self.ends_at.replace(tzinfo=UTC).astimezone(self.zone)

    @property
    def location(self) -> str:
        """Address and city in one line (empty for an online-only event)."""
        return ", ".join(part for part in (self.address, self.city) if part)

    def __repr__(self) -> str:
        return f"<Event {self.id} {self.title!r}>"
