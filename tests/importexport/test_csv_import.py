"""`flask actors import --format csv`: separators, BOM, header guesses, --map, the mapping in the dry run."""

import sqlalchemy as sa

from innovex.actors.importers.formats import import_file
from innovex.models import Actor
from tests.conftest import shared_data
from tests.importexport.import_helpers import actor_named, count, run_import

GERMAN = (
    "Organisation;Straße;PLZ;Ort;Webseite;E-Mail;Telefon;Breitengrad;Längengrad;Gründungsjahr;Notiz\n"
    "Lastenrad-Kollektiv Leipzig eG;Karl-Heine-Straße 12;04229;Leipzig;lastenrad.example;"
    'kontakt@lastenrad.example;0341 123456;51,33;12,34;2016;"Rad; Hof"\n'
    "Tauschring Plagwitz e.V.;;04229;Leipzig;;keine;;;;;\n"
)


def write_csv(tmp_path, text, name="verzeichnis.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_german_headers_semicolons_and_a_bom_are_read_with_guessed_columns(runner, db, tmp_path):
    path = write_csv(tmp_path, GERMAN, encoding="utf-8-sig")

    dry = run_import(runner, path, "--dry-run")

    assert dry.exit_code == 0, dry.output
    assert (
        "columns: name=Organisation, address=Straße, postcode=PLZ, city=Ort, website=Webseite, email=E-Mail, "
        "phone=Telefon, lat=Breitengrad, lon=Längengrad, founded=Gründungsjahr"
    ) in dry.output
    assert "columns not imported: Notiz" in dry.output
    assert "row 2: create 'Lastenrad-Kollektiv Leipzig eG'" in dry.output
    assert "Dry run: would create 2, update 0, 1 warnings; 0 errors (csv)" in dry.output
    assert count(db) == 0

    result = run_import(runner, path)

    assert "warning: row 3 (Tauschring Plagwitz e.V.): E-Mail: 'keine' is not an email address; dropped" in (
        result.output
    )
    assert "Imported 2 organisations: 2 created, 0 updated, 0 skipped, 0 errors, 1 warnings (csv)" in (
        result.output
    )
    bikes = actor_named(db, "Lastenrad-Kollektiv Leipzig eG")
    assert (bikes.kind, bikes.legal_form, bikes.postcode, bikes.city) == (
        "cooperative",
        "eg",
        "04229",
        "Leipzig",
    )
    assert (bikes.website, bikes.email, bikes.phone) == (
        "https://lastenrad.example",
        "kontakt@lastenrad.example",
        "0341 123456",
    )
    assert (bikes.lat, bikes.lon, bikes.founded) == (51.33, 12.34, 2016)
    assert actor_named(db, "Tauschring Plagwitz e.V.").kind == "association"
    again = run_import(runner, path)
    assert "0 created, 2 updated" in again.output


def test_english_headers_commas_and_an_explicit_mapping(runner, db, tmp_path):
    text = (
        "Organization,Town,Zip,Country,Web,Contact,Kind\n"
        '"Repair Café, Oxford",Oxford,OX1 1AA,United Kingdom,repair.example,'
        "hello@repair.example,association\n"
    )
    path = write_csv(tmp_path, text, name="export.txt")

    result = run_import(runner, path, "--format", "csv", "--map", "email=Contact,postcode=Zip", "--dry-run")

    assert result.exit_code == 0, result.output
    assert (
        "columns: name=Organization, city=Town, postcode=Zip (given), country=Country, website=Web, "
        "email=Contact (given), kind=Kind"
    ) in result.output
    run_import(runner, path, "--format", "csv", "--map", "email=Contact,postcode=Zip")
    cafe = actor_named(db, "Repair Café, Oxford")
    assert (cafe.city, cafe.postcode, cafe.country, cafe.email) == (
        "Oxford",
        "OX1 1AA",
        "GB",
        "hello@repair.example",
    )


def test_file_problems_are_reported_and_nothing_is_imported(runner, db, tmp_path):
    result = run_import(runner, write_csv(tmp_path, GERMAN), "--map", "city=Stadt")
    assert result.exit_code == 1
    assert "--map: no column 'Stadt'; the columns are Organisation, Straße" in result.output

    result = run_import(runner, write_csv(tmp_path, GERMAN), "--map", "town=Ort")
    assert result.exit_code == 1 and "--map: 'town' is not one of name, website" in result.output

    result = run_import(runner, write_csv(tmp_path, "Ding;Ort\nA;B\n"))
    assert result.exit_code == 1 and "no column for the name among Ding, Ort: use --map name=Column" in (
        result.output
    )

    result = run_import(runner, write_csv(tmp_path, GERMAN, encoding="cp1252"))
    assert result.exit_code == 1 and "not valid UTF-8 (byte 17); save the file as CSV UTF-8" in result.output

    result = run_import(runner, write_csv(tmp_path, GERMAN), "--map", "city=Ort", "--format", "jsonl")
    assert result.exit_code == 1 and "--map is for CSV files only" in result.output
    assert count(db) == 0


def test_csv_is_detected_from_content_and_reports_progress(app, db):
    rows = "".join(f"Initiative {n},Stadt {n}\n" for n in range(600))
    messages = []
    format_, report = import_file(f"Name,City\n{rows}".encode(), "upload", progress=messages.append)
    assert format_ == "csv" and report.created == 600
    assert messages == ["500 rows checked", "500 organisations written"]


def test_ica_youth_coops_csv_imports_every_row(runner, db):
    path = shared_data("directories", "ica-youth-coops", "Youth-ledCoops.csv")

    result = run_import(runner, path, "--skip-invalid")

    assert result.exit_code == 0, result.output[-2000:]
    assert (
        "columns: name=Name, region=Region, country=Country, city=City, lat=Latitude, lon=Longitude"
        in result.output
    )
    assert "Imported 97 organisations: 97 created, 0 updated, 0 skipped, 0 errors" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).where(Actor.lat.is_not(None))) > 80
    # Its "Region" column holds the ICA's world regions (Africa, Americas, ...): no state.
    assert db.session.scalar(sa.select(sa.func.count()).where(Actor.region.is_not(None))) == 0
