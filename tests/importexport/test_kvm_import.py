"""`flask actors import` of Karte von morgen (OpenFairDB) search results and entries."""

import json

import sqlalchemy as sa

from innovex.models import Actor
from tests.conftest import shared_data
from tests.factories import make_actor
from tests.importexport.import_helpers import actor_named, count, run_import, write_json

INITIATIVE = "2cd00bebec0c48ba9db761da48678134"
COMPANY = "77b3c33a92554bcf8e8c2c86cedd6f6f"

# Made-up entries in the shape of OpenFairDB's GET /search answer (SearchResponse of its openapi.yaml).
SEARCH = {
    "visible": [
        {
            "id": "0a1b2c3d4e5f40718293a4b5c6d7e8f9",
            "status": "confirmed",
            "lat": 50.9375,
            "lng": 6.9603,
            "title": "Saatgutbibliothek Ehrenfeld",
            "description": "Wir verleihen samenfestes Saatgut an alle, die gärtnern.",
            "categories": [INITIATIVE],
            "tags": ["saatgut", "garten"],
            "ratings": {"total": 1.5},
        },
        {
            "id": "1b2c3d4e5f60718293a4b5c6d7e8f9a0",
            "lat": 50.94,
            "lng": 6.95,
            "title": "Lastenrad Kurierdienst Rheinland GmbH",
            "description": "Zustellung ohne Motor in der Innenstadt.",
            "categories": [COMPANY],
            "tags": ["mobilitaet", "energie"],
            "avg_rating": 0.5,
        },
    ],
    "invisible": [
        {
            "id": "2c3d4e5f60718293a4b5c6d7e8f9a0b1",
            "lat": 48.1372,
            "lng": 11.5756,
            "title": "Energiegenossenschaft Isartal",
            "description": "Bürgerinnen und Bürger betreiben Solaranlagen auf Schuldächern.",
            "categories": [COMPANY],
            "tags": [],
        }
    ],
}

# Made-up full entries as GET /entries/{ids} returns them.
ENTRIES = [
    {
        "id": "3d4e5f60718293a4b5c6d7e8f9a0b1c2",
        "version": 3,
        "title": "Tauschladen Nordstadt",
        "description": "Geben und nehmen ohne Geld.",
        "lat": 49.0135,
        "lng": 8.4044,
        "street": "Kaiserallee 4",
        "zip": "76133",
        "city": "Karlsruhe",
        "country": "Deutschland",
        "email": "tauschen@tauschladen-nordstadt.example",
        "homepage": "https://tauschladen-nordstadt.example",
        "founded_on": "2019-03-01",
        "categories": [INITIATIVE],
        "tags": ["tauschen"],
        "license": "CC0-1.0",
    }
]


def test_search_result_entries_become_organisations(runner, db, tmp_path):
    result = run_import(runner, write_json(tmp_path, SEARCH, name="search.json"))

    assert result.exit_code == 0, result.output
    assert "Imported 3 organisations: 3 created, 0 updated, 0 skipped, 0 errors (kvm)" in result.output
    seeds = actor_named(db, "Saatgutbibliothek Ehrenfeld")
    assert (seeds.kind, seeds.lat, seeds.lon) == ("association", 50.9375, 6.9603)
    assert seeds.description.startswith("Wir verleihen") and seeds.sectors == []
    courier = actor_named(db, "Lastenrad Kurierdienst Rheinland GmbH")
    assert (courier.kind, courier.legal_form) == ("collaborative", "gmbh")  # a company, by its category
    assert [s.slug for s in courier.sectors] == ["energy"]  # the tag "energie" names a sector
    assert actor_named(db, "Energiegenossenschaft Isartal").kind == "cooperative"  # the name says more


def test_full_entries_carry_address_contact_and_founding_year(runner, db, tmp_path):
    result = run_import(runner, write_json(tmp_path, ENTRIES), "--format", "kvm")

    assert result.exit_code == 0, result.output
    shop = actor_named(db, "Tauschladen Nordstadt")
    assert (shop.address, shop.postcode, shop.city, shop.country) == (
        "Kaiserallee 4",
        "76133",
        "Karlsruhe",
        "DE",
    )
    assert (shop.email, shop.website, shop.founded) == (
        "tauschen@tauschladen-nordstadt.example", "https://tauschladen-nordstadt.example", 2019,
    )  # fmt: skip


def test_bad_entries_are_reported_and_nothing_is_written(runner, db, tmp_path):
    search = {
        "visible": [
            SEARCH["visible"][0],
            {"lat": 50.0, "lng": 7.0, "description": "ohne Titel"},
            {"title": "Nur Breite", "lat": 50.0},
            dict(SEARCH["visible"][1], status="archived"),
            "Karte",
        ]
    }

    result = run_import(runner, write_json(tmp_path, search))

    assert result.exit_code == 1
    assert "entry 2: title: is required" in result.output
    assert "entry 3 (Nur Breite): lat/lng: lat and lon must be given together" in result.output
    assert "entry 4 (Lastenrad Kurierdienst Rheinland GmbH): status: the entry is archived; not imported" in (
        result.output
    )
    assert "entry 5: not a JSON object" in result.output
    assert "entry 1" not in result.output
    assert count(db) == 0


def test_dry_run_and_reimport_write_no_duplicates(runner, db, tmp_path):
    path = write_json(tmp_path, SEARCH)
    dry = run_import(runner, path, "--dry-run")
    assert "Dry run: would create 3, update 0; 0 errors (kvm)" in dry.output and count(db) == 0

    run_import(runner, path)
    again = run_import(runner, path)

    assert "Imported 3 organisations: 0 created, 3 updated" in again.output, again.output
    assert count(db) == 3


def test_an_entry_beside_an_organisation_of_the_same_name_is_a_possible_duplicate(runner, db, tmp_path):
    existing = make_actor("Saatgut-Bibliothek Ehrenfeld", city="Köln", lat=50.9380, lon=6.9610)
    result = run_import(runner, write_json(tmp_path, SEARCH), "--skip-invalid")
    assert (
        "entry 1 (Saatgutbibliothek Ehrenfeld): conflict: possible duplicate of "
        f"'Saatgut-Bibliothek Ehrenfeld' ({existing.slug}): similar name 74 m away; not merged"
    ) in result.output
    assert "2 created, 0 updated, 1 skipped" in result.output
    assert count(db) == 3


def test_karte_von_morgen_sample_imports_and_reimports_without_duplicates(runner, db):
    path = shared_data("directories", "kvm-openfairdb-sample", "search_results.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    entries = document["visible"] + document["invisible"]

    result = run_import(runner, path)

    assert result.exit_code == 0, result.output
    assert f"Imported {len(entries)} organisations: {len(entries)} created" in result.output
    kinds = dict(db.session.execute(sa.select(Actor.kind, sa.func.count()).group_by(Actor.kind)).all())
    assert sum(kinds.values()) == len(entries) and kinds["association"] > 20 and kinds["collaborative"] > 20
    assert db.session.scalar(sa.select(sa.func.count()).where(Actor.lat.is_(None))) == 0

    again = run_import(runner, path)

    assert f"0 created, {len(entries)} updated" in again.output
    assert count(db) == len(entries)


def test_karte_von_morgen_entries_already_mapped_by_transformap_are_reported(runner, db):
    """The two directories overlap: entries on both are found by name and distance, not doubled."""
    run_import(
        runner, shared_data("directories", "susy-transformap", "susy_data.geojson.json"), "--skip-invalid"
    )
    before = count(db)

    result = run_import(runner, shared_data("directories", "kvm-openfairdb-sample", "search_results.json"))

    assert result.exit_code == 1
    assert "entry 4 (NeuLand Köln): conflict: possible duplicate of 'NeuLand Köln'" in result.output
    assert count(db) == before
