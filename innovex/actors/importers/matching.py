"""Which existing organisation an import record describes: by website domain, by name and city, and by
distance; every doubt is a conflict, because two organisations must never be merged."""

import sqlalchemy as sa

from innovex.actors.importers.nearby import (
    SAME_NAME_KM,
    NearbyIndex,
    Place,
    describe_distance,
    distance_km,
    similar_names,
)
from innovex.actors.records import FieldError
from innovex.extensions import db
from innovex.models import Actor
from innovex.normalise import name_key, website_domain


class ActorMatcher:
    """Finds the existing actor a record describes, refusing whenever two organisations would be merged."""

    def __init__(self) -> None:
        self.claimed: dict[int, str] = {}  # actor id -> the line that matched it
        self.domains: dict[str, str] = {}  # website domain -> line, for records of this file
        self.names: dict[tuple[str, str], str] = {}  # (name key, city) -> line
        self.places: NearbyIndex | None = (
            None  # organisations and records with coordinates, loaded when needed
        )

    def resolve(self, clean: dict, line: int | str) -> tuple[Actor | None, FieldError | None]:
        """The actor to update (None: create one), or a conflict; remembers the record for later lines.
        `line` is a line number or how messages name the record ("feature 12")."""
        line = f"line {line}" if isinstance(line, int) else line
        domain = website_domain(clean.get("website"))
        key = (name_key(clean["name"]), (clean.get("city") or "").casefold())
        if domain and domain in self.domains:
            earlier, why = self.domains[domain], f"same website {domain}"
        else:
            earlier, why = self.names.get(key), "same name and city"
        if earlier:
            return None, FieldError("conflict", f"same organisation as {earlier} ({why}); not merged")
        by_domain = self._by_domain(domain)
        by_name, error = self._by_name(key, by_domain)
        if error is None and by_domain and by_name and by_domain is not by_name:
            error = (
                f"website matches {by_domain.name!r} ({by_domain.slug}) but name and city match "
                f"{by_name.name!r} ({by_name.slug}); not merged"
            )
        elif error is None and by_name and not by_domain and domain and by_name.website_domain:
            error = (
                f"name and city match {by_name.name!r} ({by_name.slug}), whose website is "
                f"{by_name.website_domain}, not {domain}; not merged"
            )
        elif error is None and by_domain and not by_name:
            error = _elsewhere(clean, key[0], by_domain)
        actor = by_domain or by_name
        if error is None and actor is not None and actor.id in self.claimed:
            error = f"{actor.name!r} ({actor.slug}) was already matched by {self.claimed[actor.id]}"
        if error is None and actor is None:
            error = self._nearby(clean, key[0], line)
        if error:
            return None, FieldError("conflict", error)
        if actor is not None:
            self.claimed[actor.id] = line
        if domain:
            self.domains[domain] = line
        self.names[key] = line
        return actor, None

    def _nearby(self, clean: dict, key: str, line: str) -> str | None:
        """A conflict when a new record has the name of an organisation close by (another spelling of the
        city, say) or a similar name at the same place; otherwise the record is remembered as a place."""
        if clean.get("lat") is None or clean.get("lon") is None:
            return None
        if self.places is None:
            self.places = NearbyIndex()
            rows = db.session.execute(
                sa.select(Actor.name, Actor.slug, Actor.name_key, Actor.lat, Actor.lon).where(
                    Actor.lat.is_not(None), Actor.lon.is_not(None)
                )
            )
            for name, slug, name_key_, lat, lon in rows:
                self.places.add(Place(name_key_, lat, lon, f"{name!r} ({slug})"))
        found = self.places.duplicate_of(key, clean["lat"], clean["lon"])
        if found:
            place, km = found
            how = "same name" if place.name_key == key else "similar name"
            return f"possible duplicate of {place.label}: {how} {describe_distance(km)} away; not merged"
        self.places.add(Place(key, clean["lat"], clean["lon"], line))
        return None

    def _by_domain(self, domain: str | None) -> Actor | None:
        if not domain:
            return None
        return db.session.scalars(
            sa.select(Actor).where(Actor.website_domain == domain).order_by(Actor.id)
        ).first()

    def _by_name(self, key: tuple[str, str], by_domain: Actor | None) -> tuple[Actor | None, str | None]:
        candidates = [
            actor
            for actor in db.session.scalars(sa.select(Actor).where(Actor.name_key == key[0]))
            if (actor.city or "").casefold() == key[1]
        ]
        if by_domain in candidates:
            return by_domain, None
        if len(candidates) > 1:
            return None, f"name and city match {len(candidates)} organisations; not merged"
        return (candidates[0] if candidates else None), None


def _elsewhere(clean: dict, key: str, actor: Actor) -> str | None:
    """A conflict when a record shares only the website of an organisation that is somewhere else: local
    groups of one network often share a website, and one must not rename and move the other."""
    if None in (clean.get("lat"), clean.get("lon"), actor.lat, actor.lon) or similar_names(
        key, actor.name_key
    ):
        return None
    km = distance_km(clean["lat"], clean["lon"], actor.lat, actor.lon)
    if km <= SAME_NAME_KM:
        return None
    return (
        f"website matches {actor.name!r} ({actor.slug}), but the name differs and it is "
        f"{describe_distance(km)} away; not merged"
    )
