"""An organisation as schema.org JSON-LD for its profile page, with only what the viewer may see."""

from flask import url_for

from innovex import licences, provenance, visibility
from innovex.geo import COORDINATE_DECIMALS
from innovex.models import Actor
from innovex.text import plain_excerpt


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
    address = {"addressLocality": actor.city, "addressRegion": actor.region, "addressCountry": actor.country}
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
    data.update(_licence(actor))
    return data


def _licence(actor: Actor) -> dict:
    """The profile's licence (its address where known, else the text its source wrote), and the page the
    record came from. schema.org puts both on a CreativeWork, so they are stated on the profile's WebPage
    too; `license` on the Organization itself is what simpler readers look for."""
    origin = provenance.of(actor)
    licence = licences.url_of(origin.licence) or origin.licence
    page = {"@type": "WebPage", "@id": url_for("actors.detail", slug=actor.slug, _external=True)}
    if licence:
        page["license"] = licence
    if origin.imported and origin.source_link:
        page["isBasedOn"] = origin.source_link
    return {"license": licence, "mainEntityOfPage": page} if licence else {"mainEntityOfPage": page}
