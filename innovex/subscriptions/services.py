"""Creating, changing, pausing and deleting a member's interest subscriptions."""

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from innovex import cache, geocoding
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.models import Actor, Subscription, User
from innovex.models.base import utcnow
from innovex.normalise import has_control_characters, known_regions, region_key
from innovex.taxonomy import distinct_tags, sectors_by_slug
from innovex.vocab import SUBSCRIPTION_FREQUENCIES, SUBSCRIPTION_KINDS

NAME_MAX = 80
TAGS_MAX = 20
RADIUS_MAX_KM = 2000
PLACE_MAX = 120
STATE_MAX = 120
# Where a place named without a country is looked for, in this order: the network's own countries.
PLACE_COUNTRIES = ("DE", "AT", "CH")


@dataclass
class SubscriptionInput:
    """What the form may set on a subscription, and nothing else (no user, no dates)."""

    kinds: list[str]
    frequency: str
    name: str = ""
    sectors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    country: str | None = None
    state: str = ""  # a state (Bundesland, Kanton) as typed; compared by normalise.region_key
    lat: float | None = None
    lon: float | None = None
    radius_km: float | None = None
    place: str = ""  # a town to put the circle's centre on, instead of latitude and longitude


def subscriptions_of(user: User) -> list[Subscription]:
    return list(
        db.session.scalars(
            sa.select(Subscription).where(Subscription.user_id == user.id).order_by(Subscription.id)
        )
    )


def _check(data: SubscriptionInput) -> None:
    if not data.kinds or any(kind not in SUBSCRIPTION_KINDS for kind in data.kinds):
        raise DomainError(_("Please choose at least one kind of news."), field="kinds")
    if data.frequency not in SUBSCRIPTION_FREQUENCIES:
        raise DomainError(_("Please choose one of the options."), field="frequency")
    if len(data.name) > NAME_MAX:
        raise DomainError(_("Please enter at most %(count)s characters.", count=NAME_MAX), field="name")
    if len(distinct_tags(data.tags)) > TAGS_MAX:
        raise DomainError(_("Please enter at most %(count)s entries.", count=TAGS_MAX), field="tags")
    data.state = " ".join(data.state.split())
    if len(data.state) > STATE_MAX:
        raise DomainError(_("Please enter at most %(count)s characters.", count=STATE_MAX), field="state")
    if has_control_characters(data.state) or (data.state and not region_key(data.state)):
        raise DomainError(_("Please enter the name of a state, e.g. Sachsen."), field="state")
    _place_centre(data)
    circle = (data.lat, data.lon, data.radius_km)
    if any(value is not None for value in circle) and any(value is None for value in circle):
        raise DomainError(
            _("For a circle, please enter latitude, longitude and radius (or leave all three empty)."),
            field="radius_km",
        )
    if data.radius_km is not None and not 0 < data.radius_km <= RADIUS_MAX_KM:
        raise DomainError(
            _("Please enter a radius between 1 and %(max)s km.", max=RADIUS_MAX_KM), field="radius_km"
        )


def known_states() -> list[str]:
    """States to suggest in the form: those the directory's organisations name (one spelling per key, the
    most used), then the Länder and Kantone of Germany, Austria and Switzerland not among them. Computed once
    per change of the directory (innovex.cache), not on every form."""
    return cache.cached("subscription-states", ("directory",), _known_states)


def _known_states() -> list[str]:
    counted = (
        sa.select(Actor.region, Actor.region_key, sa.func.count())
        .where(Actor.listed, Actor.region_key.is_not(None))
        .group_by(Actor.region, Actor.region_key)
        .order_by(sa.func.count().desc(), Actor.region)
    )
    names: dict[str, str] = {}
    for region, key, _count in db.session.execute(counted):
        names.setdefault(key, region)
    for region in known_regions():
        names.setdefault(region_key(region), region)
    return sorted(names.values(), key=str.casefold)


def _place_centre(data: SubscriptionInput) -> None:
    """Put the circle's centre on the named place (the chosen country's, else the first of PLACE_COUNTRIES
    that knows it); a place nobody knows is refused next to its field."""
    place = " ".join(data.place.split())
    data.place = place
    if not place:
        return
    if len(place) > PLACE_MAX:
        raise DomainError(_("Please enter at most %(count)s characters.", count=PLACE_MAX), field="place")
    if data.radius_km is None:
        raise DomainError(
            _("Please enter a radius for the circle around %(place)s.", place=place), field="radius_km"
        )
    for country in (data.country,) if data.country else PLACE_COUNTRIES:
        found = geocoding.locate(None, None, place, country, max_wait=2)
        if found is not None:
            data.lat, data.lon = round(found.lat, 4), round(found.lon, 4)
            return
    raise DomainError(
        _("We do not know a town of this name. Please check the spelling, or enter latitude and longitude."),
        field="place",
    )


def _apply(subscription: Subscription, data: SubscriptionInput) -> None:
    _check(data)
    subscription.sectors = sectors_by_slug(data.sectors) if data.sectors else []
    subscription.name = data.name.strip()
    subscription.tags = distinct_tags(data.tags)
    subscription.kinds = [kind for kind in SUBSCRIPTION_KINDS if kind in data.kinds]
    subscription.frequency = data.frequency
    subscription.country = data.country or None
    subscription.state = data.state or None
    subscription.lat, subscription.lon, subscription.radius_km = data.lat, data.lon, data.radius_km
    subscription.place = data.place or None


def create_subscription(user: User, data: SubscriptionInput) -> Subscription:
    """A new subscription; at most SUBSCRIPTIONS_MAX per member, so one account cannot make the digest run
    heavy."""
    limit = current_app.config["SUBSCRIPTIONS_MAX"]
    count = db.session.scalar(sa.select(sa.func.count()).where(Subscription.user_id == user.id))
    if count >= limit:
        raise DomainError(_("You can have at most %(count)s subscriptions.", count=limit))
    subscription = Subscription(user=user)
    _apply(subscription, data)
    db.session.add(subscription)
    db.session.flush()
    return subscription


def update_subscription(subscription: Subscription, data: SubscriptionInput, paused: bool = False) -> None:
    _apply(subscription, data)
    if paused and subscription.paused_at is None:
        subscription.paused_at = utcnow()
    elif not paused and subscription.paused_at is not None:
        # Resumed: the digest starts from now instead of reporting everything of the paused time.
        subscription.paused_at = None
        subscription.last_sent_at = utcnow()
    db.session.flush()


def pause(subscription: Subscription) -> None:
    if subscription.paused_at is None:
        subscription.paused_at = utcnow()
        db.session.flush()


def delete_subscription(subscription: Subscription) -> None:
    db.session.delete(subscription)
    db.session.flush()
