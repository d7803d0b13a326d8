"""`flask actors export`: the import format, sorted by slug, UTF-8, and a lossless round trip."""

import json

import sqlalchemy as sa

from innovex.extensions import db as _db
from innovex.models import Actor
from tests.factories import make_actor, make_offering
from tests.importexport.test_actor_import import SECOND, VALID, write


def test_export_writes_every_active_actor_sorted_by_slug(runner, db, tmp_path):
    make_actor("Zebra Kooperative", slug="zebra")
    make_actor("Äpfel eG", slug="aepfel", description="Saft 🍏")
    make_actor("Versteckt", slug="hidden", status="hidden")
    path = tmp_path / "out.jsonl"

    result = runner.invoke(args=["actors", "export", str(path)])

    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert "Saft 🍏" in text  # not escaped
    records = [json.loads(line) for line in text.splitlines()]
    assert [r["name"] for r in records] == ["Äpfel eG", "Zebra Kooperative"]
    assert list(records[0]) == [
        "name", "kind", "legal_form", "description", "website", "email", "phone", "address", "postcode",
        "city", "region", "country", "lat", "lon", "location_precision", "founded", "members", "source",
        "source_id", "source_url", "licence", "sectors", "collaboration", "offerings",
    ]  # fmt: skip


def test_export_writes_the_file_when_there_is_nothing_to_export(runner, db, tmp_path):
    make_actor("Versteckt", slug="hidden", status="hidden")
    path = tmp_path / "empty.jsonl"

    result = runner.invoke(args=["actors", "export", str(path)])

    assert result.exit_code == 0, result.output
    assert "Exported 0 organisations" in result.output
    assert path.exists() and path.read_bytes() == b""


def test_exported_offerings_carry_tags_scope_and_expiry(runner, db, tmp_path):
    actor = make_actor("Druckerei-Kollektiv")
    make_offering(actor, title="Risodruck", tags=["druck", "grafik"], scope="national")
    path = tmp_path / "out.jsonl"
    runner.invoke(args=["actors", "export", str(path)])
    (record,) = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert record["offerings"] == [
        {"kind": "offer", "title": "Risodruck", "description": "", "tags": ["druck", "grafik"],
         "scope": "national", "expires": None}
    ]  # fmt: skip


def test_round_trip_gives_identical_files(runner, app, db, tmp_path):
    unicode_record = dict(
        SECOND, name="Grünkohl & Söhne eG", city="Köln", description="„Zitat“ — 😀", phone="+49 221 123456",
        source="https://directory.example", source_id="e98fb912", source_url="https://directory.example/e98fb912",
        licence="ODbL-1.0",
    )  # fmt: skip
    source = write(
        tmp_path, VALID, unicode_record, dict(SECOND, city="Kiel"), {"name": "Kino", "kind": "network"}
    )
    assert runner.invoke(args=["actors", "import", str(source)]).exit_code == 0
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    assert runner.invoke(args=["actors", "export", str(first)]).exit_code == 0

    _db.session.remove()
    _db.drop_all()
    _db.create_all()
    from innovex.taxonomy import sync_taxonomies

    sync_taxonomies()
    _db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(Actor.id))) == 0
    result = runner.invoke(args=["actors", "import", str(first)])
    assert "4 created" in result.output, result.output
    assert runner.invoke(args=["actors", "export", str(second)]).exit_code == 0

    assert first.read_bytes() == second.read_bytes()
    assert len(first.read_text(encoding="utf-8").splitlines()) == 4
    exported = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    kept = next(record for record in exported if record["name"] == "Grünkohl & Söhne eG")
    assert (kept["phone"], kept["source_id"], kept["licence"]) == ("+49 221 123456", "e98fb912", "ODbL-1.0")
    # A city centre found on the first import stays a city centre, and a given point stays exact.
    kiel = next(record for record in exported if record["city"] == "Kiel")
    assert kiel["location_precision"] == "city" and 54.2 < kiel["lat"] < 54.4
    assert next(r for r in exported if r["name"] == VALID["name"])["location_precision"] == "exact"
