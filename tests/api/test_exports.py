"""Open data downloads: license and attribution with every file, formula-safe CSV, import-format JSONL."""

import csv
import io
import json

from innovex.actors.importers.validation import Taxonomy, validate_line
from innovex.api.exports import safe_cell
from tests.factories import make_actor, make_offering


def test_csv_escapes_formulas_and_carries_the_license(client, db):
    make_actor("=cmd|' /C calc'!A0", city="+Berlin", lat=-33.9, lon=18.4)
    response = client.get("/api/v1/export/actors.csv")
    assert response.mimetype == "text/csv"
    assert 'rel="license"' in response.headers["Link"] and "creativecommons.org" in response.headers["Link"]
    assert 'rel="describedby"' in response.headers["Link"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0]["name"] == "'=cmd|' /C calc'!A0" and rows[0]["city"] == "'+Berlin"
    assert rows[0]["lat"] == "-33.9"  # numbers stay numbers
    metadata = client.get("/api/v1/export/actors.csv-metadata.json").get_json()
    assert metadata["dc:license"][0]["@id"].startswith("https://creativecommons.org")
    assert [c["name"] for c in metadata["tableSchema"]["columns"]] == list(rows[0].keys())


def test_safe_cell():
    assert [safe_cell(v) for v in ("=1+1", "-x", "@SUM", "\tx", "ok", None, -3, 2.5)] == [
        "'=1+1", "'-x", "'@SUM", "'\tx", "ok", "", "-3", "2.5",
    ]  # fmt: skip


def test_geojson_export_has_license_members(client, db):
    make_actor("Mapped", lat=50.0, lon=8.0)
    make_actor("Unmapped")
    data = client.get("/api/v1/export/actors.geojson").get_json()
    assert data["license"] == "CC BY 4.0" and data["attribution"]
    geometries = {f["properties"]["name"]: f["geometry"] for f in data["features"]}
    assert geometries == {"Mapped": {"type": "Point", "coordinates": [8.0, 50.0]}, "Unmapped": None}


def test_jsonl_is_valid_import_format_without_private_fields(client, db):
    actor = make_actor(
        "Linien eG", email="hidden@example.org", visibility={"figures": "private"}, founded=1990
    )
    make_offering(actor, title="Beratung", tags=["beratung"])
    make_actor("Versteckt", status="hidden")
    response = client.get("/api/v1/export/actors.jsonl")
    assert 'rel="license"' in response.headers["Link"]
    records = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    assert [r["name"] for r in records] == ["Linien eG"]
    record = records[0]
    assert "email" not in record and "founded" not in record
    assert record["offerings"][0]["title"] == "Beratung"
    clean, errors = validate_line(record, Taxonomy.load())
    assert not errors and clean["name"] == "Linien eG"


def test_open_data_page_names_license_and_downloads(client):
    page = client.get("/api/v1/open-data").get_data(as_text=True)
    assert "CC BY 4.0" in page and 'rel="license"' in page
    for path in ("/api/v1/export/actors.csv", "/api/v1/export/actors.geojson", "/api/v1/export/actors.jsonl"):
        assert path in page


def test_geojson_features_have_an_id_the_profile_url_and_six_decimals(client, db):
    slug = make_actor("Genau eG", lat=52.123456789, lon=13.987654321).slug
    for path in ("/api/v1/actors.geojson", "/api/v1/export/actors.geojson"):
        (feature,) = client.get(path).get_json()["features"]
        assert feature["id"] == slug == feature["properties"]["slug"], path
        assert feature["properties"]["url"] == f"http://localhost/organisations/{slug}", path
        assert feature["geometry"]["coordinates"] == [13.987654, 52.123457], path


def test_map_geojson_urls_follow_the_host(client, db):
    make_actor("Zwei Namen", lat=50.0, lon=8.0)
    for host in ("a.example", "b.example"):
        (feature,) = client.get("/api/v1/actors.geojson", headers={"Host": host}).get_json()["features"]
        assert feature["properties"]["url"].startswith(f"http://{host}/"), host


def test_csv_with_a_byte_order_mark_for_spreadsheets(client, db):
    make_actor("Räume für alle", postcode="01067")
    plain = client.get("/api/v1/export/actors.csv").get_data()
    marked = client.get("/api/v1/export/actors.csv?bom=true").get_data()
    assert not plain.startswith(b"\xef\xbb\xbf") and marked == b"\xef\xbb\xbf" + plain
    assert client.get("/api/v1/export/actors.csv?bom=false").get_data() == plain
    assert client.get("/api/v1/export/actors.csv?bom=yes").status_code == 400
    rows = list(csv.DictReader(io.StringIO(marked.decode("utf-8-sig"))))
    assert rows[0]["name"] == "Räume für alle" and rows[0]["postcode"] == "01067"
    assert "bom=true" in client.get("/api/v1/open-data").get_data(as_text=True)


def test_csvw_metadata_has_datatypes_and_a_primary_key(client, db):
    metadata = client.get("/api/v1/export/actors.csv-metadata.json").get_json()
    schema = metadata["tableSchema"]
    assert schema["primaryKey"] == "slug"
    columns = {c["name"]: c for c in schema["columns"]}
    assert columns["postcode"]["datatype"] == "string"
    assert columns["lat"]["datatype"] == "double" and columns["founded"]["datatype"] == "integer"
    assert columns["confirmed_at"]["datatype"] == "dateTime" and columns["url"]["datatype"] == "anyURI"
    assert columns["sectors"]["separator"] == ";" and columns["slug"]["required"] is True
    assert metadata["dialect"]["header"] is True


def test_csv_says_how_precise_each_point_is(client, db):
    exact = make_actor("Genau eG", lat=51.34, lon=12.37)
    centre = make_actor("Ungefähr eG", city="Leipzig")
    centre.set_point(51.34, 12.37, "city")
    make_actor("Ohne Ort eG")
    db.session.commit()
    rows = {
        row["name"]: row
        for row in csv.DictReader(io.StringIO(client.get("/api/v1/export/actors.csv").get_data(as_text=True)))
    }
    assert rows[exact.name]["location_precision"] == "exact"
    assert rows["Ungefähr eG"]["location_precision"] == "city"
    assert rows["Ohne Ort eG"]["location_precision"] == "" and rows["Ohne Ort eG"]["lat"] == ""
