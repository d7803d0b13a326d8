"""Where an organisation is on the map: the point its owner picked, or one found from its address.

A point found by geocoding is replaced when the address changes; a point picked by the owner or brought by
an import ("exact") is never replaced by geocoding.
"""

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app

from innovex.extensions import db
from innovex.geocoding import Place, locate
from innovex.models import Actor

ADDRESS_FIELDS = ("address", "postcode", "city", "country")
SAME_POINT = 1e-7  # degrees: a point the form sent back unchanged (text round trips may differ a little)


@dataclass(frozen=True)
class Before:
    """The address and point of a profile before an edit."""

    address: tuple
    lat: float | None
    lon: float | None
    precision: str | None

    @classmethod
    def of(cls, actor: Actor) -> "Before":
        return cls(address_of(actor), actor.lat, actor.lon, actor.location_precision)

    def found(self) -> bool:
        """The point was geocoded, not picked."""
        return self.lat is not None and self.precision not in (None, "exact")

    def same_point(self, lat: float, lon: float) -> bool:
        return abs(self.lat - lat) < SAME_POINT and abs(self.lon - lon) < SAME_POINT


def address_of(actor: Actor) -> tuple:
    return tuple((getattr(actor, name) or "").strip().casefold() for name in ADDRESS_FIELDS)


def place_profile(actor: Actor, lat: float | None, lon: float | None, before: Before | None = None) -> None:
    """Set the point from the profile form: a point the owner gave is exact; without one, or when the
    form only sent back the point found before, the address is geocoded again if it changed."""
    sent_back = lat is not None and lon is not None and before is not None and before.found()
    if sent_back and before.same_point(lat, lon):
        if before.address == address_of(actor):
            actor.set_point(before.lat, before.lon, before.precision)
            return
        lat = lon = None  # the found point belongs to the old address
    if lat is not None and lon is not None:
        actor.set_point(lat, lon, "exact")
        return
    geocode_actor(actor, max_wait=current_app.config["GEOCODER_MAX_WAIT"])


def geocode_actor(actor: Actor, max_wait: float | None = None) -> Place | None:
    """Give the organisation the point of its address (or of its city), or none when nothing is found."""
    place = locate(actor.address, actor.postcode, actor.city, actor.country, max_wait=max_wait)
    if place is None:
        actor.set_point(None, None, None)
    else:
        actor.set_point(place.lat, place.lon, place.precision)
    return place


def place_imported(actor: Actor, clean: dict, before: Before | None) -> Place | None:
    """After an import wrote a record: its coordinates are exact, or as precise as the record says; without
    them, a profile with no point, or with a found point and a changed address, is geocoded (waiting for the
    geocoder's turn)."""
    if clean.get("lat") is not None and clean.get("lon") is not None:
        actor.set_point(clean["lat"], clean["lon"], clean.get("location_precision") or "exact")
        return None
    if actor.lat is not None and actor.location_precision == "exact":
        return None
    if actor.lat is not None and before is not None and before.address == address_of(actor):
        return None
    if not (actor.city or actor.postcode):
        return None
    return geocode_actor(actor)


def unplaced_query(limit: int | None = None) -> sa.Select:
    """Organisations with an address (a city or postcode at least) and no point, oldest first."""
    query = (
        sa.select(Actor)
        .where(Actor.lat.is_(None), sa.or_(Actor.city.is_not(None), Actor.postcode.is_not(None)))
        .order_by(Actor.id)
    )
    return query.limit(limit) if limit else query


@dataclass
class GeocodeReport:
    checked: int = 0
    address: int = 0
    city: int = 0
    missing: int = 0

    def summary(self, dry_run: bool) -> str:
        verb = "Would place" if dry_run else "Placed"
        return (
            f"{verb} {self.address + self.city} of {self.checked} organisations without a point: "
            f"{self.address} by their address, {self.city} at their city's centre; {self.missing} not found"
        )


CHECKPOINT_EVERY = 50  # organisations between two calls of `checkpoint` (a long run keeps what it found)


def geocode_unplaced(
    limit: int | None = None,
    echo: Callable[[str], None] | None = None,
    checkpoint: Callable[[], None] | None = None,
) -> GeocodeReport:
    """Geocode the organisations without a point, at the geocoder's pace. Flushes, and calls `checkpoint`
    (the caller's commit) every CHECKPOINT_EVERY organisations; the caller commits or rolls back the rest."""
    report = GeocodeReport()
    for actor in db.session.scalars(unplaced_query(limit)).all():
        report.checked += 1
        place = geocode_actor(actor)
        if place is None:
            report.missing += 1
        elif place.precision == "address":
            report.address += 1
        else:
            report.city += 1
        if echo:
            found = f"{place.precision} {place.lat:.5f}, {place.lon:.5f}" if place else "not found"
            echo(f"{report.checked}: {actor.slug} ({actor.city or actor.postcode}): {found}")
        if checkpoint and report.checked % CHECKPOINT_EVERY == 0:
            db.session.flush()
            checkpoint()
    db.session.flush()
    return report
