"""The events of the demo: two upcoming and one past, built from the models directly like the rest."""

from datetime import datetime, timedelta

import sqlalchemy as sa

from innovex import seed_data as data
from innovex.events.times import to_utc
from innovex.extensions import db
from innovex.models import Actor, Event, Sector, User
from innovex.models.events import DEFAULT_TIMEZONE


def seed_events(now: datetime, member_actor: Actor, member: User, moderator: User) -> list[Event]:
    events = []
    for spec in data.EVENTS:
        day = (now + timedelta(days=spec["days"])).date()
        starts = to_utc(datetime(day.year, day.month, day.day, spec["hour"]), DEFAULT_TIMEZONE)
        by_member = spec["organiser"] == "member"
        event = Event(
            title=spec["title"],
            description=spec["description"],
            starts_at=starts,
            ends_at=starts + timedelta(hours=spec["hours"]),
            timezone=DEFAULT_TIMEZONE,
            address=spec["address"],
            city=spec["city"],
            online_url=spec["online_url"],
            actor=member_actor if by_member else None,
            created_by=member if by_member else moderator,
            created_at=min(now, starts) - timedelta(days=14),
        )
        event.updated_at = event.created_at
        event.sectors = list(db.session.scalars(sa.select(Sector).where(Sector.slug.in_(spec["sectors"]))))
        db.session.add(event)
        events.append(event)
    db.session.flush()
    return events
