"""Event times: local wall-clock times in an IANA zone to naive UTC and back, and how they are shown."""

from datetime import UTC, datetime
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from babel.dates import format_date, format_time
from flask_babel import get_locale

EARLIEST_YEAR = 2000
LATEST_YEAR = 2100


@cache
def known_timezones() -> frozenset[str]:
    """The IANA zone names this system knows (zoneinfo also opens file paths, so names are checked first)."""
    return frozenset(available_timezones())


def is_known_timezone(name: str) -> bool:
    return name in known_timezones()


def to_utc(local: datetime, zone: str) -> datetime:
    """A wall-clock time in `zone` as naive UTC, as the columns store it."""
    return local.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC).replace(tzinfo=None)


def to_local(utc: datetime, zone: str) -> datetime:
    """Naive UTC as a naive wall-clock time in `zone` (what a form shows)."""
    return utc.replace(tzinfo=UTC).astimezone(ZoneInfo(zone)).replace(tzinfo=None)


def zone_abbreviation(local: datetime, locale) -> str:
    """The zone's abbreviation in the reader's language where the CLDR has one (MEZ, MESZ in German),
    else the tz database's (CET, CEST, EDT); CLDR falls back to a bare offset such as +0100 otherwise."""
    localized = format_time(local, "z", tzinfo=local.tzinfo, locale=locale)
    if localized.isalpha():
        return localized
    return local.strftime("%Z")


def format_in_zone(local: datetime) -> str:
    """An aware datetime in the reader's language and its own zone, with the zone's abbreviation."""
    locale = get_locale() or "de"
    day = format_date(local, "medium", locale=locale)
    time = format_time(local, "short", tzinfo=local.tzinfo, locale=locale)
    return f"{day}, {time} {zone_abbreviation(local, locale)}"
