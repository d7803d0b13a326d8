"""Publishing, editing and cancelling events, and the lists of upcoming and past ones."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from innovex import permissions
from innovex.abuse import check_links
from innovex.domain import DomainError
from innovex.events import times
from innovex.extensions import db
from innovex.models import Actor, Call, Event, User
from innovex.models.base import utcnow
from innovex.models.events import DEFAULT_TIMEZONE
from innovex.normalise import is_web_address
from innovex.taxonomy import sectors_by_slug

TITLE_MAX = 200
DESCRIPTION_MAX = 20_000
ADDRESS_MAX = 200
CITY_MAX = 120
URL_MAX = 500
MAX_DURATION = timedelta(days=31)
FEED_PAST = timedelta(days=30)


@dataclass
class EventInput:
    """What may be set on an event; `starts` and `ends` are wall-clock times in `timezone`."""

    title: str
    starts: datetime | None
    ends: datetime | None
    timezone: str = DEFAULT_TIMEZONE
    description: str = ""
    address: str = ""
    city: str = ""
    online_url: str = ""
    call: Call | None = None
    sectors: list[str] = field(default_factory=list)  # slugs


def _check_text(data: EventInput) -> None:
    if not data.title.strip():
        raise DomainError(_("Please enter a title."), field="title")
    limits = (
        ("title", data.title, TITLE_MAX),
        ("description", data.description, DESCRIPTION_MAX),
        ("address", data.address, ADDRESS_MAX),
        ("city", data.city, CITY_MAX),
        ("online_url", data.online_url, URL_MAX),
    )
    for name, value, limit in limits:
        if len(value) > limit:
            raise DomainError(_("Please keep this under %(max)s characters.", max=limit), field=name)
    if data.online_url.strip() and not is_web_address(data.online_url):
        raise DomainError(
            _("Please enter a web address starting with http:// or https://."), field="online_url"
        )
    if not (data.address.strip() or data.city.strip() or data.online_url.strip()):
        raise DomainError(_("Please enter a place or an online link."), field="city")


def _check_times(data: EventInput) -> tuple[datetime, datetime]:
    """The start and end in naive UTC; refuses unknown zones, far-off years and an end before the start."""
    if not times.is_known_timezone(data.timezone):
        raise DomainError(_("Please enter a time zone such as Europe/Berlin (IANA name)."), field="timezone")
    if data.starts is None:
        raise DomainError(_("Please enter when the event starts."), field="starts")
    if data.ends is None:
        raise DomainError(_("Please enter when the event ends."), field="ends")
    for name, value in (("starts", data.starts), ("ends", data.ends)):
        if not times.EARLIEST_YEAR <= value.year <= times.LATEST_YEAR:
            raise DomainError(
                _(
                    "Please enter a date between %(first)s and %(last)s.",
                    first=times.EARLIEST_YEAR,
                    last=times.LATEST_YEAR,
                ),
                field=name,
            )
    starts, ends = times.to_utc(data.starts, data.timezone), times.to_utc(data.ends, data.timezone)
    if ends <= starts:
        raise DomainError(_("The event must end after it starts."), field="ends")
    if ends - starts > MAX_DURATION:
        raise DomainError(_("An event may last at most 31 days."), field="ends")
    return starts, ends


def _apply(event: Event, data: EventInput, author: User) -> None:
    _check_text(data)
    event.starts_at, event.ends_at = _check_times(data)
    check_links(author, data.description, field="description")
    event.sectors = sectors_by_slug(data.sectors)
    event.title = data.title.strip()
    event.description = data.description
    event.timezone = data.timezone
    event.address = data.address.strip()
    event.city = data.city.strip()
    event.online_url = data.online_url.strip()
    event.call = data.call


def create_event(author: User, data: EventInput, actor: Actor | None = None) -> Event:
    """An event of one of the author's organisations, or (for moderators only) of the network."""
    if actor is not None and actor not in permissions.organising_actors(author):
        raise DomainError(_("You can only publish events for organisations you own or edit."), field="actor")
    if actor is None and not permissions.is_moderator(author):
        raise DomainError(_("Please choose the organisation that organises the event."), field="actor")
    event = Event(actor=actor, created_by=author)
    _apply(event, data, author)
    db.session.add(event)
    db.session.flush()
    return event


def edit_event(event: Event, data: EventInput, editor: User) -> None:
    if event.cancelled:
        raise DomainError(_("A cancelled event cannot be changed."))
    _apply(event, data, editor)
    db.session.flush()


def cancel_event(event: Event) -> None:
    """Cancelled events stay listed (and in the feed, so calendars learn of it), marked as cancelled."""
    if event.cancelled:
        raise DomainError(_("The event is already cancelled."))
    event.cancelled_at = utcnow()
    db.session.flush()


def upcoming_events(
    viewer, now: datetime | None = None, *, actor: Actor | None = None, call: Call | None = None
) -> sa.Select:
    """Events that have not ended, soonest first; only those of one organisation or call when given."""
    now = now or utcnow()
    select = (
        sa.select(Event)
        .where(Event.ends_at >= now, permissions.visible_events_filter(viewer))
        .order_by(Event.starts_at, Event.id)
    )
    if actor is not None:
        select = select.where(Event.actor_id == actor.id)
    if call is not None:
        select = select.where(Event.call_id == call.id)
    return select


def past_events(viewer, now: datetime | None = None) -> sa.Select:
    """Events that have ended, newest first: the archive."""
    now = now or utcnow()
    return (
        sa.select(Event)
        .where(Event.ends_at < now, permissions.visible_events_filter(viewer))
        .order_by(Event.starts_at.desc(), Event.id.desc())
    )


def feed_events(viewer, now: datetime | None = None) -> sa.Select:
    """The calendar feed: upcoming events and those of the last 30 days, so a client keeps recent ones."""
    now = now or utcnow()
    return (
        sa.select(Event)
        .where(Event.ends_at >= now - FEED_PAST, permissions.visible_events_filter(viewer))
        .order_by(Event.starts_at, Event.id)
    )
