"""innovex.provenance: the source's name, and what imports record about where a record came from."""

import json

import pytest

from innovex import provenance
from tests.factories import make_actor
from tests.importexport.import_helpers import actor_named, run_import, write_json


@pytest.mark.parametrize(
    ("source", "source_format", "name"),
    [
        ("https://kartevonmorgen.org", "kvm", "Karte von morgen"),
        ("https://data.transformap.co/place/SSEDAS_PARTNER", "geojson", "TransforMap"),
        ("murmurations", "murmurations", "Murmurations"),
        ("https://www.daten.example/verzeichnis", "csv", "daten.example"),
        ("Genossenschaftsverband Nord", None, "Genossenschaftsverband Nord"),
        (None, "kvm", "Karte von morgen"),
        (None, "csv", None),
    ],
)
def test_source_names(source, source_format, name):
    assert provenance.source_name(source, source_format) == name


def test_only_web_addresses_become_links(app):
    actor = make_actor("Link eG", source="javascript:alert(1)", source_id="1", source_url=None)
    assert provenance.of(actor).source_link is None
    actor = make_actor("Seite eG", source="https://dir.example", source_id="2", source_url=None)
    assert provenance.of(actor).source_link == "https://dir.example"


def test_a_profile_made_here_is_not_imported(app):
    origin = provenance.of(make_actor("Hier eG"))
    assert not origin.imported and origin.source_name is None and origin.licence == "CC-BY-4.0"
    assert not origin.relicensed


def test_an_import_records_its_format_and_the_source_licence(runner, db, tmp_path):
    collection = {
        "type": "FeatureCollection",
        "source": "https://data.transformap.co/place/X",
        "license": "Public Domain",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [13.4, 52.5]},
                "properties": {"name": "Kiezladen eG", "_id": "e98fb912"},
            }
        ],
    }
    result = run_import(runner, write_json(tmp_path, collection, "susy.geojson"))
    assert result.exit_code == 0, result.output
    actor = actor_named(db, "Kiezladen eG")
    assert (actor.source_format, actor.licence, actor.source_licence) == ("geojson", "CC0-1.0", "CC0-1.0")
    origin = provenance.of(actor)
    assert origin.source_name == "TransforMap" and origin.imported_at is not None


def test_a_jsonl_import_records_its_format(runner, db, tmp_path):
    path = tmp_path / "a.jsonl"
    line = {"name": "Zeile eG", "kind": "cooperative", "source": "https://dir.example", "source_id": "9"}
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert run_import(runner, path).exit_code == 0
    actor = actor_named(db, "Zeile eG")
    assert actor.source_format == "jsonl" and actor.source_licence is None  # the source stated none
