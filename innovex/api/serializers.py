"""Organisations, offerings and projects as JSON data, always built from visibility.visible_profile."""

from datetime import UTC, date, datetime

from flask import current_app, url_for

from innovex import visibility
from innovex.datacoop.freshness import is_stale
from innovex.models import Actor, Offering, Project
from innovex.text import plain_excerpt

COORDINATE_DECIMALS = 6  # about 0.1 m, as in the GeoJSON


def plain(value):
    """Dates as ISO 8601 text (times with their UTC offset, as RFC 3339 asks), everything else unchanged."""
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [plain_dict(v) if isinstance(v, dict) else plain(v) for v in value]
    return value


def plain_dict(data: dict) -> dict:
    return {key: plain(value) for key, value in data.items()}


def actor_json(actor: Actor, viewer) -> dict:
    """An organisation as the API shows it to this viewer: the visible profile plus links and freshness."""
    data = plain_dict(visibility.visible_profile(actor, viewer))
    data["stale"] = is_stale(actor)
    data["url"] = url_for("actors.detail", slug=actor.slug, _external=True)
    data["murmurations_url"] = url_for("api.murmurations_profile", slug=actor.slug, _external=True)
    return data


def offering_json(offering: Offering) -> dict:
    data = plain_dict(visibility.offering_data(offering))
    data["organisation"] = {
        "slug": offering.actor.slug,
        "name": offering.actor.name,
        "url": url_for("actors.detail", slug=offering.actor.slug, _external=True),
    }
    return data


def project_json(project: Project) -> dict:
    return {
        "slug": project.slug,
        "title": project.title,
        "summary": project.summary,
        "body": project.body,
        "stage": project.stage,
        "status": project.status,
        "seeking": project.seeking,
        "tags": [t.name for t in project.tags],
        "sectors": [s.slug for s in project.sectors],
        "organisation": {"slug": project.actor.slug, "name": project.actor.name},
        "created_at": plain(project.created_at),
        "url": url_for("projects.detail", slug=project.slug, _external=True),
    }


def jsonld(actor: Actor, viewer=None) -> dict:
    """schema.org Organization for the profile page, with only what the viewer may see."""
    profile = visibility.visible_profile(actor, viewer)
    if not profile:
        return {}
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": actor.name,
        "url": url_for("actors.detail", slug=actor.slug, _external=True),
        "description": plain_excerpt(actor.description or "", 300),
    }
    address = {"addressLocality": actor.city, "addressCountry": actor.country}
    if "address" in profile:
        address.update(streetAddress=actor.address, postalCode=actor.postcode)
    data["address"] = {"@type": "PostalAddress", **{k: v for k, v in address.items() if v}}
    # An Organization has no geo of its own in schema.org: the point belongs to its Place.
    place = {"@type": "Place", "address": data["address"]}
    if "address" in profile and actor.lat is not None and actor.lon is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": round(actor.lat, COORDINATE_DECIMALS),
            "longitude": round(actor.lon, COORDINATE_DECIMALS),
        }
    data["location"] = place
    if profile.get("email"):
        data["email"] = actor.email
    if profile.get("website"):
        data["sameAs"] = actor.website
    if profile.get("founded"):
        data["foundingDate"] = str(actor.founded)
    return data


def license_info() -> dict:
    config = current_app.config
    return {
        "license": config["DATA_LICENSE"],
        "license_url": config["DATA_LICENSE_URL"],
        "attribution": config["DATA_ATTRIBUTION"],
    }
