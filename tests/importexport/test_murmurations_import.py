"""`flask actors import` of Murmurations organisation profiles: one, a list, or an index answer."""

import json

import pytest
import sqlalchemy as sa

from innovex.actors.importers.murmurations import split_address
from innovex.api.murmurations import organisation_profile
from innovex.extensions import db as _db
from innovex.models import Sector
from tests.conftest import shared_data
from tests.factories import make_actor
from tests.importexport.import_helpers import actor_named, count, run_import, write_json

# A made-up profile in organizations_schema-v1.0.0.
PROFILE = {
    "linked_schemas": ["organizations_schema-v1.0.0"],
    "name": "Datenkollektiv Süd",
    "primary_url": "https://datenkollektiv-sued.example",
    "tags": ["Platform cooperative", "Software and IT"],
    "description": "Wir betreiben freie Software für Vereine.",
    "mission": "Daten gehören denen, die sie erzeugen.",
    "status": "active",
    "full_address": "Marienplatz 1, 80331 München",
    "country_iso_3166": "DE",
    "geolocation": {"lat": 48.137, "lon": 11.575},
    "contact_details": {"email": "post@datenkollektiv-sued.example"},
    "starts_at": 1420070400,  # 2015-01-01
    "geographic_scope": "national",
}

# Entries as a Murmurations index lists them: flat coordinates, a locality and a country in words.
INDEX = {
    "data": [
        {
            "profile_url": "https://gemuesekiste.example/murmurations.json",
            "name": "Gemüsekiste Graz",
            "primary_url": "https://gemuesekiste.example",
            "linked_schemas": ["organizations_schema-v1.0.0"],
            "latitude": 47.07,
            "longitude": 15.44,
            "locality": "Graz",
            "country": "Österreich",
            "tags": ["cooperative"],
        },
        {
            "profile_url": "https://werkstatt-zuerich.example/profile.json",
            "name": "Werkstatt Zürich",
            "linked_schemas": ["organizations_schema-v1.0.0"],
            "locality": "Zürich",
            "country": "Schweiz",
        },
    ],
    "meta": {"number_of_results": 2},
}


def test_one_profile_becomes_an_organisation(runner, db, tmp_path):
    result = run_import(runner, write_json(tmp_path, PROFILE, name="profile.json"))

    assert result.exit_code == 0, result.output
    assert (
        "Imported 1 organisations: 1 created, 0 updated, 0 skipped, 0 errors (murmurations)" in result.output
    )
    actor = actor_named(db, "Datenkollektiv Süd")
    assert (actor.kind, actor.website, actor.email) == (
        "platform_coop", "https://datenkollektiv-sued.example", "post@datenkollektiv-sued.example",
    )  # fmt: skip
    assert (
        actor.description
        == "Wir betreiben freie Software für Vereine.\n\nDaten gehören denen, die sie erzeugen."
    )
    assert (actor.address, actor.postcode, actor.city, actor.country) == (
        "Marienplatz 1",
        "80331",
        "München",
        "DE",
    )
    assert (actor.lat, actor.lon) == (48.137, 11.575)
    assert actor.founded == 2015 and [s.slug for s in actor.sectors] == ["it"]


def test_the_test_profile_is_valid_against_the_schema(app):
    jsonschema = pytest.importorskip("jsonschema")
    path = shared_data("schemas", "murmurations", "dereferenced", "organizations_schema-v1.0.0.json")
    jsonschema.Draft7Validator(json.loads(path.read_text(encoding="utf-8"))).validate(PROFILE)


def test_index_answer_and_lists_of_profiles(runner, db, tmp_path):
    result = run_import(runner, write_json(tmp_path, INDEX))
    assert result.exit_code == 0, result.output
    graz = actor_named(db, "Gemüsekiste Graz")
    assert (graz.kind, graz.city, graz.country, graz.lat, graz.lon) == (
        "cooperative",
        "Graz",
        "AT",
        47.07,
        15.44,
    )
    zurich = actor_named(db, "Werkstatt Zürich")
    # No coordinates in the profile: placed at the centre of Zürich (innovex.geocoding's gazetteer).
    assert (zurich.kind, zurich.country, zurich.location_precision) == ("association", "CH", "city")
    assert round(zurich.lat, 1) == 47.4

    result = run_import(runner, write_json(tmp_path, [PROFILE, INDEX["data"][0]], name="list.json"))
    assert "Imported 2 organisations: 1 created, 1 updated" in result.output, result.output
    assert count(db) == 3


def test_bad_profiles_are_reported_and_nothing_is_written(runner, db, tmp_path):
    profiles = [
        PROFILE,
        {"linked_schemas": ["people_schema-v0.1.0"], "name": "Erika Mustermann"},
        dict(PROFILE, name=" ", primary_url="https://other.example"),
        dict(PROFILE, name="Abgewickelt eG", primary_url=None, status="cancelled"),
        dict(PROFILE, name="Zeitreise", primary_url=None, starts_at="gestern", country_iso_3166="Narnia"),
        dict(PROFILE, name="Ohne Ort", primary_url=None, geolocation=[48, 11]),
        dict(PROFILE, name="Zu viele", primary_url=None, number_of_members=-3),
    ]

    result = run_import(runner, write_json(tmp_path, profiles))

    assert result.exit_code == 1
    assert (
        "profile 2 (Erika Mustermann): linked_schemas: ['people_schema-v0.1.0'] names no organisation schema"
        in (result.output)
    )
    assert "profile 3: name: is required" in result.output
    assert "profile 4 (Abgewickelt eG): status: the organisation is cancelled; not imported" in result.output
    assert "profile 5 (Zeitreise): starts_at: 'gestern' is not a Unix time in seconds" in result.output
    assert "profile 5 (Zeitreise): country_iso_3166: 'Narnia' is not a country name or code" in result.output
    assert "profile 6 (Ohne Ort): geolocation: must be an object with lat and lon" in result.output
    assert "profile 7 (Zu viele): number_of_members: -3 is not between 0 and 50000000" in result.output
    assert "profile 1" not in result.output
    assert count(db) == 0


def test_dry_run_and_reimport(runner, db, tmp_path):
    path = write_json(tmp_path, [PROFILE, *INDEX["data"]])
    dry = run_import(runner, path, "--dry-run")
    assert "Dry run: would create 3, update 0; 0 errors (murmurations)" in dry.output and count(db) == 0
    run_import(runner, path)
    again = run_import(runner, path)
    assert "Imported 3 organisations: 0 created, 3 updated" in again.output, again.output
    assert count(db) == 3


def test_innovex_profiles_come_back_as_they_left(app, runner, db, tmp_path):
    """A profile innovex publishes, imported into another innovex, keeps kind, sectors, place and year."""
    actor = make_actor(
        "Hofladen Kollektiv", kind="network", website="https://hofladen.example", lat=52.52, lon=13.40,
        founded=2011, description="Regional und fair.", address="Dorfstraße 3", postcode="10115",
    )  # fmt: skip
    actor.sectors = [_db.session.scalar(sa.select(Sector).where(Sector.slug == "agriculture"))]
    _db.session.commit()
    with app.test_request_context():
        profile = organisation_profile(actor)
    _db.session.delete(actor)
    _db.session.commit()

    result = run_import(runner, write_json(tmp_path, profile))

    assert result.exit_code == 0, result.output
    again = actor_named(db, "Hofladen Kollektiv")
    assert (again.kind, again.website, again.country, again.lat, again.lon, again.founded) == (
        "network", "https://hofladen.example", "DE", 52.52, 13.40, 2011,
    )  # fmt: skip
    assert (again.address, again.postcode, again.city) == ("Dorfstraße 3", "10115", "Berlin")
    assert [s.slug for s in again.sectors] == ["agriculture"]
    assert again.description == "Regional und fair."


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Marienplatz 1, 80331 München", ("Marienplatz 1", "80331", "München")),
        ("Kaiserallee 4, 76133, Karlsruhe", ("Kaiserallee 4", "76133", "Karlsruhe")),
        ("Hauptplatz 1, A-8010 Graz, Österreich", ("Hauptplatz 1", "A-8010", "Graz")),
        ("Berlin", (None, None, "Berlin")),
        (
            "1 The street, The Village, The Town, Country 90210",
            ("1 The street, The Village, The Town, Country 90210", None, None),
        ),
    ],
)
def test_one_line_addresses_are_split_where_they_follow_the_european_pattern(text, parts):
    assert split_address(text) == parts
