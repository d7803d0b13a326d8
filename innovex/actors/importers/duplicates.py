"""Which existing organisation an import record describes: by source id, by website domain, by name and
city, and by distance; every doubt is a conflict, because two organisations must never be merged.

Local groups of one network often share a website (24 oases of one association, 20 food-sharing points on
one domain): a record with the website of another but another name or another place is a distinct
organisation, created and remembered as a possible branch of the first one with that website."""

from dataclasses import dataclass

import sqlalchemy as sa

from innovex.actors.importers.nearby import (
    SAME_NAME_KM,
    SIMILAR_NAME_KM,
    NearbyIndex,
    Place,
    address_key,
    describe_distance,
)
from innovex.actors.importers.validation import FieldError
from innovex.extensions import db
from innovex.geo import distance_km
from innovex.models import Actor
from innovex.normalise import name_key, similar_names, similar_spelling, website_domain


@dataclass(frozen=True)
class Seen:
    """A record of this file, or an organisation, as a record is compared with it."""

    line: str
    name_key: str
    city: str  # case-folded, "" when not given
    lat: float | None
    lon: float | None
    address: str = ""  # address_key of the street address

    @classmethod
    def of_actor(cls, actor: Actor) -> "Seen":
        return cls(
            "",
            actor.name_key,
            (actor.city or "").casefold(),
            actor.lat,
            actor.lon,
            address_key(actor.address),
        )


def same_place(one: Seen, other: Seen) -> bool:
    """Whether two records are at one place. Coordinates within SIMILAR_NAME_KM are; another city further
    than SAME_NAME_KM is not; else the street addresses decide when both have one (geocoding is often off,
    sometimes by continents), else the city, else coordinates within SAME_NAME_KM. Nothing to tell them
    apart (no city, no coordinates) counts as one place."""
    km = None
    if None not in (one.lat, one.lon, other.lat, other.lon):
        km = distance_km(one.lat, one.lon, other.lat, other.lon)
    if km is not None and km <= SIMILAR_NAME_KM:
        return True
    if one.city and other.city and one.city != other.city and (km is None or km > SAME_NAME_KM):
        return False
    if one.address and other.address:
        return similar_spelling(one.address, other.address)
    if one.city and other.city:
        return True
    return km is None or km <= SAME_NAME_KM


def _same_organisation(seen: Seen, other: Seen) -> str | None:
    """How a record sharing a website with `other` is the same organisation (None: it is another one)."""
    if seen.name_key == other.name_key and same_place(seen, other):
        return "same name and place"
    if (
        None not in (seen.lat, seen.lon, other.lat, other.lon)
        and distance_km(seen.lat, seen.lon, other.lat, other.lon) <= SIMILAR_NAME_KM
        and similar_names(seen.name_key, other.name_key)
    ):
        return "similar name at the same place"
    return None


class ActorMatcher:
    """Finds the existing actor a record describes, refusing whenever two organisations would be merged."""

    def __init__(self) -> None:
        self.claimed: dict[int, str] = {}  # actor id -> the line that matched it
        self.domains: dict[str, list[Seen]] = {}  # website domain -> records of this file with it
        self.names: dict[tuple[str, str], list[Seen]] = {}  # (name key, city) -> records of this file
        self.sources: dict[tuple[str, str], str] = {}  # (source, source id) -> line
        self.places: NearbyIndex | None = (
            None  # organisations and records with coordinates, loaded when needed
        )
        # line of a new record -> the organisation (Actor) or earlier line (str) it shares a website with
        self.branch_of: dict[str, Actor | str] = {}

    def resolve(self, clean: dict, line: int | str) -> tuple[Actor | None, FieldError | None]:
        """The actor to update (None: create one), or a conflict; remembers the record for later lines.
        `line` is a line number or how messages name the record ("feature 12")."""
        line = f"line {line}" if isinstance(line, int) else line
        domain = website_domain(clean.get("website"))
        key = (name_key(clean["name"]), (clean.get("city") or "").casefold())
        lat, lon = clean.get("lat"), clean.get("lon")
        seen = Seen(line, key[0], key[1], lat, lon, address_key(clean.get("address")))
        source = (clean.get("source") or "", clean.get("source_id") or "")
        earlier = self._earlier(seen, domain, source)
        if earlier:
            return None, FieldError("conflict", f"same organisation as {earlier}; not merged")
        by_source = self._by_source(source)
        if by_source is not None:
            actor, error = by_source, None
        else:
            actor, error = self._match(clean, key, domain)
        if error is None and actor is not None and actor.id in self.claimed:
            error = f"{actor.name!r} ({actor.slug}) was already matched by {self.claimed[actor.id]}"
        if error is None and actor is None:
            error = self._nearby(clean, key[0], line)
        if error:
            return None, FieldError("conflict", error)
        if actor is not None:
            self.claimed[actor.id] = line
        elif domain:
            hub = self._hub(domain)
            if hub is not None:
                self.branch_of[line] = hub
        if domain:
            self.domains.setdefault(domain, []).append(seen)
        self.names.setdefault(key, []).append(seen)
        if all(source):
            self.sources[source] = line
        return actor, None

    def _earlier(self, seen: Seen, domain: str | None, source: tuple[str, str]) -> str | None:
        """An earlier record of this file that is the same organisation, with why."""
        if all(source) and source in self.sources:
            return f"{self.sources[source]} (same source id {source[1]})"
        for other in self.domains.get(domain, []) if domain else []:
            how = _same_organisation(seen, other)
            if how:
                return f"{other.line} (same website {domain}, {how})"
        for other in self.names.get((seen.name_key, seen.city), []):
            if same_place(seen, other):
                return f"{other.line} (same name and city)"
        return None

    def _hub(self, domain: str) -> Actor | str | None:
        """The organisation a new record with this website is a possible branch of: the first one saved with
        it, else the first record of this file with it."""
        actor = db.session.scalars(
            sa.select(Actor).where(Actor.website_domain == domain).order_by(Actor.id).limit(1)
        ).first()
        if actor is not None:
            return actor
        earlier = self.domains.get(domain)
        return earlier[0].line if earlier else None

    def _by_source(self, source: tuple[str, str]) -> Actor | None:
        if not all(source):
            return None
        return db.session.scalars(
            sa.select(Actor).where(Actor.source == source[0], Actor.source_id == source[1]).order_by(Actor.id)
        ).first()

    def _match(
        self, clean: dict, key: tuple[str, str], domain: str | None
    ) -> tuple[Actor | None, str | None]:
        seen = Seen("", key[0], key[1], clean.get("lat"), clean.get("lon"), address_key(clean.get("address")))
        by_domain, with_domain = self._by_domain(seen, domain)
        by_name, error = self._by_name(key, by_domain, seen)
        other = by_domain or (with_domain[0] if with_domain else None)
        if error is None and other and by_name and other is not by_name and by_name not in with_domain:
            error = (
                f"website matches {other.name!r} ({other.slug}) but name and city match "
                f"{by_name.name!r} ({by_name.slug}); not merged"
            )
        elif error is None and by_name and not by_domain and domain and by_name.website_domain:
            error = (
                f"name and city match {by_name.name!r} ({by_name.slug}), whose website is "
                f"{by_name.website_domain}, not {domain}; not merged"
            )
        return by_domain or by_name, error

    def _by_domain(self, seen: Seen, domain: str | None) -> tuple[Actor | None, list[Actor]]:
        """The organisation with this website that the record describes (the same name at the same place,
        or, renamed, the only one with this website at the record's place; None: another organisation),
        and all organisations with this website."""
        if not domain:
            return None, []
        candidates = list(
            db.session.scalars(sa.select(Actor).where(Actor.website_domain == domain).order_by(Actor.id))
        )
        for actor in candidates:
            if _same_organisation(seen, Seen.of_actor(actor)):
                return actor, candidates
        here = [actor for actor in candidates if actor.id not in self.claimed and _here(seen, actor)]
        return (here[0] if len(here) == 1 else None), candidates

    def _nearby(self, clean: dict, key: str, line: str) -> str | None:
        """A conflict when a new record has the name of an organisation close by (another spelling of the
        city, say) or a similar name at the same place; otherwise the record is remembered as a place."""
        if clean.get("lat") is None or clean.get("lon") is None:
            return None
        if self.places is None:
            self.places = NearbyIndex()
            rows = db.session.execute(
                sa.select(Actor.name, Actor.slug, Actor.name_key, Actor.lat, Actor.lon, Actor.address).where(
                    Actor.lat.is_not(None), Actor.lon.is_not(None)
                )
            )
            for name, slug, name_key_, lat, lon, address in rows:
                self.places.add(Place(name_key_, lat, lon, f"{name!r} ({slug})", address_key(address)))
        address = address_key(clean.get("address"))
        found = self.places.duplicate_of(key, clean["lat"], clean["lon"], address)
        if found:
            place, km = found
            how = "same name" if place.name_key == key else "similar name"
            return f"possible duplicate of {place.label}: {how} {describe_distance(km)} away; not merged"
        self.places.add(Place(key, clean["lat"], clean["lon"], line, address))
        return None

    def _by_name(
        self, key: tuple[str, str], by_domain: Actor | None, seen: Seen
    ) -> tuple[Actor | None, str | None]:
        candidates = [
            actor
            for actor in db.session.scalars(sa.select(Actor).where(Actor.name_key == key[0]))
            if (actor.city or "").casefold() == key[1]
        ]
        if by_domain in candidates:
            return by_domain, None
        if len(candidates) > 1:  # branches of one name in one city: the one at the record's address
            here = [actor for actor in candidates if same_place(seen, Seen.of_actor(actor))]
            candidates = here if len(here) == 1 else candidates
        if len(candidates) > 1:
            return None, f"name and city match {len(candidates)} organisations; not merged"
        return (candidates[0] if candidates else None), None


def _here(seen: Seen, actor: Actor) -> bool:
    """Whether an organisation is where the record is: by coordinates when both have them, else by city."""
    if None not in (seen.lat, seen.lon, actor.lat, actor.lon):
        return distance_km(seen.lat, seen.lon, actor.lat, actor.lon) <= SAME_NAME_KM
    return bool(seen.city) and seen.city == (actor.city or "").casefold()
