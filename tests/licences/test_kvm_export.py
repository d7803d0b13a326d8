"""`flask actors export --format kvm` and `--licence`: Karte von morgen entries, only what that map accepts,
a summary of what was left out, and a round trip through the Karte von morgen importer."""

import json

import pytest
import sqlalchemy as sa

from innovex.models import Actor, Sector
from tests.conftest import shared_data
from tests.factories import make_actor
from tests.importexport.import_helpers import actor_named, count, run_import

SURVIVING = (
    "name", "description", "website", "email", "phone", "address", "postcode", "city", "country", "lat",
    "lon", "licence",
)  # fmt: skip


def export(runner, path, *options):
    return runner.invoke(args=["actors", "export", str(path), *options])


def placed(name, licence, **fields):
    values = {
        "description": f"{name} macht gemeinsam Energie.",
        "lat": 51.34,
        "lon": 12.37,
        "address": "Karl-Liebknecht-Str. 1",
        "postcode": "04107",
        "city": "Leipzig",
        "licence": licence,
    }
    return make_actor(name, **{**values, **fields})


def test_only_records_kvm_accepts_go_out_and_the_summary_says_why(runner, db, tmp_path):
    placed("Offen eG", "CC0-1.0")
    placed("Teilen eG", "ODbL-1.0")
    placed("Namensnennung eG", "CC-BY-4.0")
    make_actor("Netzwerk ohne Lizenz", description="x", lat=51.0, lon=12.0)  # the network's CC BY 4.0
    placed("Ohne Beschreibung eG", "CC0-1.0", description="")
    placed("Ohne Punkt eG", "CC0-1.0", lat=None, lon=None)
    placed("Versteckt eG", "CC0-1.0", visibility={"location": "network"})
    path = tmp_path / "kvm.json"
    result = export(runner, path, "--format", "kvm")
    assert result.exit_code == 0, result.output
    entries = json.loads(path.read_text(encoding="utf-8"))
    assert [e["title"] for e in entries] == ["Offen eG", "Teilen eG"]
    assert [e["license"] for e in entries] == ["CC0-1.0", "ODbL-1.0"]
    summary = result.output.strip().splitlines()[-1]
    assert summary.startswith("Exported 2 organisations as Karte von morgen entries; left out 5: ")
    assert "2 under CC-BY-4.0, which Karte von morgen does not accept" in summary
    assert "2 without an exact public point on the map" in summary
    assert "1 without a description" in summary


def test_entries_carry_only_public_fields(runner, db, tmp_path):
    placed("Offen eG", "CC0-1.0", email="info@offen.example", phone="+49 341 1234567")
    path = tmp_path / "kvm.json"
    export(runner, path, "--format", "kvm")
    (entry,) = json.loads(path.read_text(encoding="utf-8"))
    assert "email" not in entry and "telephone" not in entry  # contact is for network members by default
    assert entry["links"][0]["url"].endswith("/organisations/" + actor_named(db, "Offen eG").slug)


def test_the_licence_option_narrows_both_formats(runner, db, tmp_path):
    placed("Offen eG", "CC0-1.0")
    placed("Teilen eG", "ODbL-1.0")
    placed("Namensnennung eG", "CC-BY-4.0")
    path = tmp_path / "cc0.jsonl"
    result = export(runner, path, "--licence", "cc0")
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [line["licence"] for line in lines] == ["CC0-1.0"]
    assert "Exported 1 organisations as JSON Lines (cc0 only); left out 2: " in result.output
    kvm = tmp_path / "kvm.json"
    result = export(runner, kvm, "--format", "kvm", "--licence", "cc0")
    assert [e["title"] for e in json.loads(kvm.read_text(encoding="utf-8"))] == ["Offen eG"]
    assert "1 under ODbL-1.0, outside the licences asked for" in result.output


def test_an_empty_kvm_export_is_an_empty_list(runner, db, tmp_path):
    path = tmp_path / "kvm.json"
    assert export(runner, path, "--format", "kvm").exit_code == 0
    assert json.loads(path.read_text(encoding="utf-8")) == []


def test_bad_options_are_refused_without_a_traceback(runner, db, tmp_path):
    result = export(runner, tmp_path / "x.json", "--licence", "gpl")
    assert result.exit_code == 2 and "Invalid value for '--licence'" in result.output
    result = export(runner, tmp_path / "x.json", "--format", "xml")
    assert result.exit_code == 2 and "Invalid value for '--format'" in result.output


def test_round_trip_through_the_kvm_importer(runner, db, tmp_path):
    energy = db.session.scalar(sa.select(Sector).where(Sector.slug == "energy"))
    assert energy is not None
    cooperative = placed(
        "Bürgerenergie Leipzig eG",
        "ODbL-1.0",
        website="https://energie.example",
        email="info@energie.example",
        phone="+49 341 1234567",
        visibility={"contact": "public"},
    )
    cooperative.sectors = [energy]
    placed("Tauschring Connewitz", "CC0-1.0", kind="association", lat=51.31, lon=12.38)
    db.session.commit()
    before = {
        a.name: {key: getattr(a, key) for key in SURVIVING} for a in db.session.scalars(sa.select(Actor))
    }
    sectors = {a.name: [s.slug for s in a.sectors] for a in db.session.scalars(sa.select(Actor))}
    kinds = {a.name: a.kind for a in db.session.scalars(sa.select(Actor))}
    path = tmp_path / "kvm.json"
    assert export(runner, path, "--format", "kvm").exit_code == 0
    for actor in db.session.scalars(sa.select(Actor)):
        db.session.delete(actor)
    db.session.commit()
    result = run_import(runner, path, "--format", "kvm")
    assert result.exit_code == 0, result.output
    assert count(db) == 2
    db.session.expire_all()
    for actor in db.session.scalars(sa.select(Actor)):
        assert {key: getattr(actor, key) for key in SURVIVING} == before[actor.name]
        assert [s.slug for s in actor.sectors] == sectors[actor.name]
        assert actor.kind == kinds[actor.name]
        assert actor.source_format == "kvm" and actor.source_licence == actor.licence


def test_entries_fit_the_openfairdb_schema(runner, db, tmp_path):
    yaml = pytest.importorskip("yaml")
    spec_path = shared_data("directories", "kvm-openfairdb-sample", "openapi.yaml")
    schemas = yaml.safe_load(spec_path.read_text(encoding="utf-8"))["components"]["schemas"]
    allowed = set(schemas["NewEntry"]["properties"]) | {"license", "id"}
    placed("Offen eG", "CC0-1.0", website="https://offen.example", visibility={"contact": "public"})
    path = tmp_path / "kvm.json"
    export(runner, path, "--format", "kvm")
    (entry,) = json.loads(path.read_text(encoding="utf-8"))
    assert set(entry) <= allowed
    assert set(schemas["NewEntry"]["required"]) <= set(entry)


def test_the_sample_search_result_goes_back_with_its_ids(runner, db, tmp_path):
    sample = shared_data("directories", "kvm-openfairdb-sample", "search_results.json")
    assert run_import(runner, sample, "--format", "kvm", "--skip-invalid").exit_code == 0
    imported = count(db)
    path = tmp_path / "kvm.json"
    result = export(runner, path, "--format", "kvm")
    entries = json.loads(path.read_text(encoding="utf-8"))
    assert entries and all(e["license"] == "ODbL-1.0" and len(e["id"]) == 32 for e in entries)
    assert f"Exported {len(entries)} organisations" in result.output
    assert len(entries) <= imported
