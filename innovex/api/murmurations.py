"""Murmurations profiles: each public organisation and each of its offers and needs at a stable URL, valid
against organizations_schema-v1.0.0 and offers_wants_schema-v0.1.0 of the Murmurations library."""

import calendar
import re
from datetime import date

import sqlalchemy as sa
from flask import abort, jsonify, url_for

from innovex import visibility
from innovex.api.blueprint import bp
from innovex.api.params import ID_MAX, slug_ok
from innovex.datacoop.services import relations_of
from innovex.extensions import db
from innovex.models import Actor, Offering
from innovex.models.datacoop import RELATION_KINDS
from innovex.text import plain_excerpt
from innovex.vocab import ACTOR_KINDS

ORGANISATION_SCHEMA = "organizations_schema-v1.0.0"
OFFERS_WANTS_SCHEMA = "offers_wants_schema-v0.1.0"
WEB_ADDRESS = re.compile(r"^https?://")


def _timestamp(day: date) -> int:
    return calendar.timegm(day.timetuple())


def _profile_url(actor: Actor) -> str:
    return url_for("actors.detail", slug=actor.slug, _external=True)


def _contact(actor: Actor, profile: dict) -> dict:
    """The public email where the organisation allows it, else its profile page as the contact form."""
    if profile.get("email"):
        return {"email": actor.email}
    return {"contact_form": _profile_url(actor)}


def organisation_profile(actor: Actor) -> dict:
    """The public profile in the organizations schema; fields the organisation keeps private are absent."""
    profile = visibility.visible_profile(actor, None)
    tags = [str(ACTOR_KINDS[actor.kind])] + [s.label_en for s in actor.sectors]
    data = {
        "linked_schemas": [ORGANISATION_SCHEMA],
        "name": actor.name[:200],
        "primary_url": profile.get("website") if WEB_ADDRESS.match(profile.get("website") or "") else None,
        "tags": list(dict.fromkeys(tags)),
        "description": plain_excerpt(actor.description or "", 2000) or None,
        "status": "active",
        "country_iso_3166": actor.country,
        "urls": [{"name": "innovex", "url": _profile_url(actor)}],
        "contact_details": _contact(actor, profile),
        "relationships": [
            {"predicate_url": RELATION_KINDS[r.kind][2], "object_url": _profile_url(r.object)}
            for r in relations_of(actor)
            if r.subject_id == actor.id
        ],
    }
    if profile.get("lat") is not None:
        data["geolocation"] = {"lat": actor.lat, "lon": actor.lon}
        data["full_address"] = ", ".join(filter(None, [actor.address, actor.postcode, actor.city])) or None
    if profile.get("founded"):
        data["starts_at"] = _timestamp(date(actor.founded, 1, 1))
    return {key: value for key, value in data.items() if value not in (None, [], "")}


def offering_profile(offering: Offering) -> dict:
    """One offer or need in the offers and wants schema (services, since cooperatives mostly offer those)."""
    actor = offering.actor
    profile = visibility.visible_profile(actor, None)
    data = {
        "linked_schemas": [OFFERS_WANTS_SCHEMA],
        "exchange_type": "offer" if offering.kind == "offer" else "want",
        "item_type": "service",
        "transaction_type": [],
        "tags": [tag.name for tag in offering.tags],
        "title": offering.title,
        "description": plain_excerpt(offering.description or "", 1000) or offering.title,
        "details_url": _profile_url(actor),
        "geographic_scope": offering.scope,
        "contact_details": _contact(actor, profile),
    }
    if profile.get("lat") is not None:
        data["geolocation"] = {"lat": actor.lat, "lon": actor.lon}
    if offering.expires_at:
        data["expires_at"] = _timestamp(offering.expires_at)
    return data


@bp.get("/murmurations/<slug>.json")
def murmurations_profile(slug):
    if not slug_ok(slug):
        abort(404)
    actor = db.first_or_404(sa.select(Actor).where(Actor.slug == slug, visibility.public_actor_clause()))
    return jsonify(organisation_profile(actor))


@bp.get("/murmurations/offerings/<int:offering_id>.json")
def murmurations_offering(offering_id):
    if offering_id > ID_MAX:
        abort(404)
    query = (
        sa.select(Offering)
        .join(Actor, Actor.id == Offering.actor_id)
        .where(Offering.id == offering_id, visibility.public_actor_clause(), Offering.current)
        .where(visibility.group_visible_clause("offerings", None))
    )
    return jsonify(offering_profile(db.first_or_404(query)))
