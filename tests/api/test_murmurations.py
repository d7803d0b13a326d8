"""Murmurations profiles validate against the library's schemas (when ../shared/data is present)."""

import json
import re

import jsonschema
import pytest

from innovex.extensions import db
from innovex.models import Relation, Sector
from tests.conftest import shared_data
from tests.factories import make_actor, make_offering


def _schema(name: str) -> dict:
    path = shared_data("schemas", "murmurations", "dereferenced", f"{name}.json")
    return json.loads(path.read_text())


@pytest.fixture
def full_actor(app):
    actor = make_actor(
        "Murmel eG",
        description="Wir *programmieren*.",
        website="https://murmel.example",
        email="hallo@murmel.example",
        address="Weg 1",
        postcode="20095",
        lat=53.55,
        lon=9.99,
        founded=2015,
        visibility={"contact": "public"},
    )
    actor.sectors = [db.session.query(Sector).filter_by(slug="it").one()]
    partner = make_actor("Verband")
    db.session.add(Relation(subject=actor, object=partner, kind="member_of", state="confirmed"))
    db.session.commit()
    return actor


def test_organisation_profile_is_valid(client, full_actor):
    schema = _schema("organizations_schema-v1.0.0")
    data = client.get(f"/api/v1/murmurations/{full_actor.slug}.json").get_json()
    jsonschema.validate(data, schema)
    assert data["primary_url"] == "https://murmel.example"
    assert data["geolocation"] == {"lat": 53.55, "lon": 9.99}
    assert data["relationships"][0]["predicate_url"] == "https://schema.org/memberOf"


def test_minimal_and_private_profiles_are_valid_and_hide_fields(client, db):
    schema = _schema("organizations_schema-v1.0.0")
    actor = make_actor("Still", city=None, country=None, lat=1.0, lon=2.0, visibility={"location": "private"})
    data = client.get(f"/api/v1/murmurations/{actor.slug}.json").get_json()
    jsonschema.validate(data, schema)
    assert "geolocation" not in data and "contact_details" in data


def test_offers_and_needs_are_valid(client, full_actor):
    schema = _schema("offers_wants_schema-v0.1.0")
    offer = make_offering(
        full_actor, title="Hosting", tags=["hosting", "server"], description="Server *für* euch"
    )
    need = make_offering(full_actor, kind="need", title="Räume", scope="local")
    for offering, exchange in ((offer, "offer"), (need, "want")):
        data = client.get(f"/api/v1/murmurations/offerings/{offering.id}.json").get_json()
        jsonschema.validate(data, schema)
        assert data["exchange_type"] == exchange


def test_hidden_profiles_have_no_murmurations_profile(client, db):
    hidden = make_actor(status="hidden")
    quiet = make_actor(visibility={"offerings": "network"})
    offering = make_offering(quiet)
    assert client.get(f"/api/v1/murmurations/{hidden.slug}.json").status_code == 404
    assert client.get(f"/api/v1/murmurations/offerings/{offering.id}.json").status_code == 404


def _head_links(html: str) -> list[str]:
    pattern = r'<link rel="alternate" type="application/json" title="Murmurations" href="([^"]+)">'
    return re.findall(pattern, html)


def test_profile_page_links_its_murmurations_profile(client, app):
    from tests.factories import login, make_user

    actor = make_actor("Verlinkt eG")
    (href,) = _head_links(client.get(f"/organisations/{actor.slug}").get_data(as_text=True))
    assert href == f"http://localhost/api/v1/murmurations/{actor.slug}.json"
    assert client.get(href).get_json()["name"] == "Verlinkt eG"
    hidden = make_actor("Versteckt eG", status="hidden")
    login(client, make_user(role="moderator"))
    page = client.get(f"/organisations/{hidden.slug}")
    assert page.status_code == 200 and _head_links(page.get_data(as_text=True)) == []


def _jsonld(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def test_jsonld_puts_the_point_on_a_place(client, app):
    actor = make_actor("Ort eG", address="Markt 1", postcode="01067", lat=51.0504881234, lon=13.7372621234)
    data = _jsonld(client.get(f"/organisations/{actor.slug}").get_data(as_text=True))
    assert data["@type"] == "Organization" and "geo" not in data
    place = data["location"]
    assert place["@type"] == "Place" and place["address"]["postalCode"] == "01067"
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 51.050488, "longitude": 13.737262}
    private = make_actor("Geheim eG", lat=50.0, lon=8.0, visibility={"location": "private"})
    data = _jsonld(client.get(f"/organisations/{private.slug}").get_data(as_text=True))
    assert "geo" not in data["location"] and "geo" not in data
