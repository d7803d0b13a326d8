"""The state (Actor.region) travels through every import and export: JSON Lines both ways, CSV (the export's
`region` column and German/English headers), OpenStreetMap's addr:state, Karte von morgen's state, and the
API and JSON-LD (schema.org addressRegion)."""

import csv
import io
import json
import re

import pytest

from tests.factories import make_actor
from tests.importexport.import_helpers import actor_named, count, run_import, write_json


def placed(name, region, **fields):
    values = {"description": f"{name} macht Energie.", "lat": 51.34, "lon": 12.37, "city": "Leipzig",
              "licence": "CC0-1.0", "region": region}  # fmt: skip
    return make_actor(name, **{**values, **fields})


def test_json_lines_export_and_import_keep_the_state(runner, db, tmp_path):
    placed("Sonnenstrom eG", "Sachsen")
    first = tmp_path / "first.jsonl"
    assert runner.invoke(args=["actors", "export", str(first)]).exit_code == 0
    (record,) = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    assert record["region"] == "Sachsen"
    record.update(name="Windstrom eG", region="Freistaat Thüringen")
    again = tmp_path / "again.jsonl"
    again.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    result = run_import(runner, again)
    assert result.exit_code == 0, result.output
    imported = actor_named(db, "Windstrom eG")
    assert (imported.region, imported.region_key) == ("Freistaat Thüringen", "thuringen")


def test_a_too_long_state_is_an_error_of_its_line(runner, db, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"name": "Lang eG", "kind": "cooperative", "region": "x" * 121}) + "\n")
    result = run_import(runner, path)
    assert result.exit_code != 0 and "region" in result.output
    assert count(db) == 0


def test_the_csv_export_has_a_region_column_that_the_csv_import_reads_back(client, runner, db, tmp_path):
    placed("Sonnenstrom eG", "Sachsen")
    text = client.get("/api/v1/export/actors.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["region"] == "Sachsen"
    path = tmp_path / "export.csv"
    path.write_text(text.replace("Sonnenstrom eG", "Sonnenstrom Zwei eG"), encoding="utf-8")
    result = run_import(runner, path, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert actor_named(db, "Sonnenstrom Zwei eG").region == "Sachsen"


@pytest.mark.parametrize("header", ["Bundesland", "State", "Province", "Kanton", "Region"])
def test_csv_headers_that_name_the_state(runner, db, tmp_path, header):
    path = tmp_path / "liste.csv"
    path.write_text(f"Name;Ort;{header};Land\nBergstrom eG;Innsbruck;Tirol;Österreich\n", encoding="utf-8")
    dry = run_import(runner, path, "--dry-run")
    assert f"region={header}" in dry.output and "country=Land" in dry.output, dry.output
    assert run_import(runner, path).exit_code == 0
    actor = actor_named(db, "Bergstrom eG")
    assert (actor.region, actor.region_key, actor.country) == ("Tirol", "tirol", "AT")


def test_geojson_reads_addr_state(runner, db, tmp_path):
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [8.54, 47.37]},
        "properties": {"name": "Velokurier Zürich", "addr:city": "Zürich", "addr:state": "ZH",
                       "addr:country": "CH"},
    }  # fmt: skip
    result = run_import(runner, write_json(tmp_path, feature, "zh.geojson"), "--format", "geojson")
    assert result.exit_code == 0, result.output
    assert actor_named(db, "Velokurier Zürich").region == "ZH"


def test_kvm_export_writes_the_state_and_the_kvm_import_reads_it(runner, db, tmp_path):
    placed("Offen eG", "Sachsen")
    path = tmp_path / "kvm.json"
    assert runner.invoke(args=["actors", "export", str(path), "--format", "kvm"]).exit_code == 0
    (entry,) = json.loads(path.read_text(encoding="utf-8"))
    assert entry["state"] == "Sachsen"
    entry.update(title="Offen Zwei eG", state="Bayern", lat=48.14, lng=11.58)
    result = run_import(runner, write_json(tmp_path, [entry], "back.json"), "--format", "kvm")
    assert result.exit_code == 0, result.output
    assert actor_named(db, "Offen Zwei eG").region == "Bayern"


def test_the_api_and_json_ld_name_the_state(client, db):
    actor = placed("Sonnenstrom eG", "Sachsen")
    record = client.get(f"/api/v1/organisations/{actor.slug}").get_json()
    assert record["region"] == "Sachsen"
    html = client.get(f"/organisations/{actor.slug}").get_data(as_text=True)
    (data,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert json.loads(data)["address"]["addressRegion"] == "Sachsen"
