"""iCalendar (RFC 5545) for events, made with the icalendar package: one event or the feed of many."""

from collections.abc import Callable, Iterable
from datetime import UTC, timedelta

import icalendar

from innovex.models import Event
from innovex.text import plain_excerpt

PRODID = "-//innovex//events//EN"
UID_DOMAIN = "events.innovex"


def _component(event: Event, url: str) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", f"{event.uid}@{UID_DOMAIN}")
    item.add("dtstamp", event.updated_at.replace(tzinfo=UTC))
    item.add("created", event.created_at.replace(tzinfo=UTC))
    item.add("last-modified", event.updated_at.replace(tzinfo=UTC))
    item.add("summary", event.title)
    item.add("dtstart", event.starts_local)  # with TZID of the event's zone (UTC is written with Z)
    item.add("dtend", event.ends_local)
    item.add("url", url)
    location = event.location or event.online_url
    if location:
        item.add("location", location)
    description = plain_excerpt(event.description, len(event.description) + 1)
    if event.online_url:
        description = f"{description}\n\n{event.online_url}".strip()
    if description:
        item.add("description", description)
    if event.sectors:
        item.add("categories", [sector.label for sector in event.sectors])
    item.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    return item


def calendar(events: Iterable[Event], url_of: Callable[[Event], str], name: str) -> bytes:
    """The events as one VCALENDAR with the VTIMEZONE definitions their TZIDs need."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    events = list(events)
    for event in events:
        cal.add_component(_component(event, url_of(event)))
    if events:
        # Transitions from a year before the first event to a year after the last (the default stops at 2038).
        first = min(e.starts_at for e in events).date() - timedelta(days=366)
        last = max(e.ends_at for e in events).date() + timedelta(days=366)
        cal.add_missing_timezones(first_date=first, last_date=last)
    return cal.to_ical()
