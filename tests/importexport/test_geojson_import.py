"""`flask actors import` of GeoJSON with OpenStreetMap-style properties: mapping, errors, duplicates."""

import json
import time

import pytest
import sqlalchemy as sa

from innovex.actors.importers.common import first_phone
from innovex.actors.importers.errors import ImportFileError
from innovex.actors.importers.formats import import_file
from innovex.actors.importers.validation import COUNTRIES
from innovex.models import Actor, Membership, Relation
from innovex.permissions import can_claim_actor
from tests.conftest import shared_data
from tests.factories import login, make_actor, make_user
from tests.importexport.import_helpers import actor_named, count, run_import, write_json


def feature(properties, lon=12.3731, lat=51.3397, geometry=None):
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": geometry if geometry is not None else {"type": "Point", "coordinates": [lon, lat]},
    }


def collection(*features):
    return {"type": "FeatureCollection", "features": list(features)}


BAKERY = feature(
    {
        "name": "Brotzeit Backkollektiv eG",
        "contact:website": "https://brotzeit-kollektiv.example/;https://www.facebook.com/brotzeit",
        "contact:email": "mailto:hallo@brotzeit-kollektiv.example",
        "addr:street": "Lindenauer Markt",
        "addr:housenumber": "7",
        "addr:postcode": "04177",
        "addr:city": "Leipzig",
        "addr:country": "Deutschland",
        "description:de": "Wir backen gemeinsam Brot.",
        "opening_hours": "Mo-Fr 07:00-18:00",
        "phone": "+49 341 000000",
        "free_keywords": "Handwerk und Produktion;bakery",
        "start_date": "2014-05",
    }
)
REPAIR = feature(
    {
        "name": "Reparaturcafé Plagwitz",
        "website": "reparatur-plagwitz.example",
        "addr:city": "Leipzig",
        "addr:country": "DE",
    },
    lon=12.33,
    lat=51.32,
)
GARDEN = feature(
    {"name": "Gemeinschaftsgarten Wien-Nord", "addr:city": "Wien", "addr:country": "Österreich"},
    geometry={
        "type": "Polygon",
        "coordinates": [[[16.36, 48.24], [16.38, 48.24], [16.38, 48.26], [16.36, 48.26], [16.36, 48.24]]],
    },
)


def test_features_become_ownerless_organisations_with_mapped_fields(runner, db, tmp_path):
    result = run_import(runner, write_json(tmp_path, collection(BAKERY, REPAIR, GARDEN)))

    assert result.exit_code == 0, result.output
    assert "Imported 3 organisations: 3 created, 0 updated, 0 skipped, 0 errors (geojson)" in result.output
    bakery = actor_named(db, "Brotzeit Backkollektiv eG")
    assert (bakery.kind, bakery.legal_form) == ("cooperative", "eg")
    assert bakery.website == "https://brotzeit-kollektiv.example/"  # the first of OpenStreetMap's ";" values
    assert bakery.website_domain == "brotzeit-kollektiv.example"
    assert bakery.email == "hallo@brotzeit-kollektiv.example"
    assert (bakery.address, bakery.postcode, bakery.city, bakery.country) == (
        "Lindenauer Markt 7", "04177", "Leipzig", "DE",
    )  # fmt: skip
    assert (bakery.lat, bakery.lon, bakery.founded) == (51.3397, 12.3731, 2014)
    assert bakery.description == "Wir backen gemeinsam Brot."
    assert [s.slug for s in bakery.sectors] == ["manufacturing"]
    repair = actor_named(db, "Reparaturcafé Plagwitz")
    assert (repair.kind, repair.legal_form, repair.website) == (
        "association",
        None,
        "https://reparatur-plagwitz.example",
    )
    garden = actor_named(db, "Gemeinschaftsgarten Wien-Nord")
    assert garden.country == "AT" and (garden.lat, garden.lon) == pytest.approx((48.25, 16.37))
    assert count(db, Membership) == 0
    assert can_claim_actor(make_user(), bakery)  # imported profiles can be claimed


def test_kind_option_sets_the_kind_of_organisations_whose_name_says_none(runner, db, tmp_path):
    result = run_import(runner, write_json(tmp_path, collection(BAKERY, REPAIR)), "--kind", "supporter")
    assert result.exit_code == 0, result.output
    assert actor_named(db, "Reparaturcafé Plagwitz").kind == "supporter"
    assert actor_named(db, "Brotzeit Backkollektiv eG").kind == "cooperative"


def test_bad_features_are_reported_by_number_and_source_key_and_nothing_is_written(runner, db, tmp_path):
    document = collection(
        BAKERY,
        feature({"addr:city": "Leipzig"}),
        feature({"name": "Kiezladen", "contact:email": "kiezladen at example", "addr:country": "Atlantis"}),
        {"type": "Point", "coordinates": [1, 2]},
        feature({"name": "Weit weg"}, lat=123.0),
        feature({"name": "Ohne Ort"}, geometry={"type": "Point", "coordinates": ["a", "b"]}),
        feature({"name": "Liste"}, geometry=[]),
    )

    result = run_import(runner, write_json(tmp_path, document))

    assert result.exit_code == 1
    assert "feature 2: name: is required" in result.output
    assert (
        "feature 3 (Kiezladen): contact:email: 'kiezladen at example' is not an email address"
        in result.output
    )
    assert "feature 3 (Kiezladen): addr:country: 'Atlantis' is not a country name or code" in result.output
    assert "feature 4: not a GeoJSON Feature" in result.output
    assert "feature 5 (Weit weg): geometry: 123.0 is not between -90 and 90" in result.output
    assert "feature 6 (Ohne Ort): geometry: Point without valid coordinates" in result.output
    assert "feature 7 (Liste): geometry: must be an object or null" in result.output
    assert "feature 1" not in result.output
    assert "Nothing was imported" in result.output
    assert count(db) == 0


def test_malformed_contact_fields_and_an_unknown_country_are_dropped_with_warnings(runner, db, tmp_path):
    pool = feature({"name": "Pool Arts", "contact:email": "http://poolarts.example", "addr:country": "Frace"})
    cafe = feature(
        {
            "name": "Yellow Submarine",
            "contact:email": "01865 236119",
            "contact:website": "www.http://yellow.example/",
            "addr:city": "Oxford",
        },
        lon=-1.25,
        lat=51.75,
    )
    steiermark = feature(
        {"name": "Klimabündnis", "contact:email": "http://steiermark@klima.example"}, lon=15.4
    )

    result = run_import(runner, write_json(tmp_path, collection(pool, cafe, steiermark)))

    assert result.exit_code == 0, result.output
    assert "warning: feature 1 (Pool Arts): addr:country: 'Frace' is not a country name or code this " in (
        result.output
    )
    assert "contact:email: 'http://poolarts.example' is not an email address; taken as the website" in (
        result.output
    )
    assert (
        "warning: feature 2 (Yellow Submarine): contact:email: '01865 236119' is not an email address; "
        in (result.output)
    )
    assert "3 created, 0 updated, 0 skipped, 0 errors, 3 warnings" in result.output
    assert actor_named(db, "Pool Arts").website == "http://poolarts.example"
    assert actor_named(db, "Yellow Submarine").website == "http://yellow.example/"
    assert actor_named(db, "Klimabündnis").email == "steiermark@klima.example"


def test_skip_invalid_imports_the_good_features(runner, db, tmp_path):
    path = write_json(tmp_path, collection(BAKERY, feature({"description": "no name"}), REPAIR))
    result = run_import(runner, path, "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert "Imported 2 organisations: 2 created, 0 updated, 1 skipped, 1 errors (geojson)" in result.output
    assert count(db) == 2


def test_dry_run_lists_what_would_happen_and_writes_nothing(runner, db, tmp_path):
    existing = make_actor("Reparaturcafé Plagwitz", city="Leipzig")
    result = run_import(runner, write_json(tmp_path, collection(BAKERY, REPAIR)), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "feature 1: create 'Brotzeit Backkollektiv eG'" in result.output
    assert f"feature 2: update 'Reparaturcafé Plagwitz' ({existing.slug})" in result.output
    assert "Dry run: would create 1, update 1; 0 errors (geojson)" in result.output
    db.session.expire_all()
    assert count(db) == 1 and db.session.get(Actor, existing.id).website is None


def test_reimport_creates_no_duplicates_and_keeps_what_the_file_does_not_say(runner, db, tmp_path):
    path = write_json(tmp_path, collection(BAKERY, REPAIR, GARDEN))
    run_import(runner, path)
    bakery = actor_named(db, "Brotzeit Backkollektiv eG")
    bakery.members = 12
    db.session.commit()

    result = run_import(runner, path)

    assert "0 created, 3 updated" in result.output, result.output
    assert count(db) == 3
    assert actor_named(db, "Brotzeit Backkollektiv eG").members == 12


def test_guessed_kind_never_changes_an_existing_organisation(runner, db, tmp_path):
    make_actor("Reparaturcafé Plagwitz", city="Leipzig", kind="platform_coop", legal_form="gmbh")
    result = run_import(runner, write_json(tmp_path, collection(REPAIR)))
    assert "0 created, 1 updated" in result.output, result.output
    repair = actor_named(db, "Reparaturcafé Plagwitz")
    assert (repair.kind, repair.legal_form) == ("platform_coop", "gmbh")
    assert repair.website == "https://reparatur-plagwitz.example"


def test_profiles_maintained_by_their_owners_are_kept(runner, db, tmp_path):
    owned = make_actor("Reparaturcafé Plagwitz", city="Leipzig", owner=make_user(), description="Unser Text")
    result = run_import(runner, write_json(tmp_path, collection(REPAIR, BAKERY)), "--dry-run")
    assert (
        f"feature 1: keep 'Reparaturcafé Plagwitz' ({owned.slug}), maintained by its owners" in result.output
    )
    assert (
        "Dry run: would create 1, update 0, 1 kept as their owners maintain them; 0 errors" in result.output
    )

    result = run_import(runner, write_json(tmp_path, collection(REPAIR, BAKERY)))

    assert "1 created, 0 updated, 0 skipped, 0 errors, 1 kept" in result.output, result.output
    repair = actor_named(db, "Reparaturcafé Plagwitz")
    assert (repair.website, repair.description) == (None, "Unser Text")


def test_same_website_with_another_name_is_a_branch_and_same_name_and_city_a_duplicate(runner, db, tmp_path):
    branch = feature(dict(REPAIR["properties"], name="Reparaturcafé Lindenau"), lon=12.31)
    twin = feature({"name": "Reparaturcafe  PLAGWITZ", "addr:city": "Leipzig"}, lon=12.0, lat=51.0)
    copy = feature(dict(REPAIR["properties"], **{"addr:city": "Leipzig-Plagwitz"}), lon=12.3301, lat=51.32)
    path = write_json(tmp_path, collection(REPAIR, branch, twin, copy))

    dry = run_import(runner, path, "--dry-run", "--skip-invalid")

    assert (
        "feature 2: create 'Reparaturcafé Lindenau', a possible branch of feature 1 "
        "(same website reparatur-plagwitz.example)"
    ) in dry.output
    assert "Dry run: would create 2, update 0, 1 linked as possible branches" in dry.output

    result = run_import(runner, path, "--skip-invalid")

    assert (
        "feature 3 (Reparaturcafe  PLAGWITZ): conflict: same organisation as feature 1 (same name and city)"
        in (result.output)
    )
    assert (
        "feature 4 (Reparaturcafé Plagwitz): conflict: same organisation as feature 1 (same website "
        "reparatur-plagwitz.example, same name and place); not merged"
    ) in result.output
    assert "2 created, 0 updated, 2 skipped, 2 errors, 1 linked as possible branches" in result.output
    plagwitz, lindenau = actor_named(db, "Reparaturcafé Plagwitz"), actor_named(db, "Reparaturcafé Lindenau")
    relation = db.session.scalars(sa.select(Relation)).one()
    assert (relation.subject, relation.object) == (lindenau, plagwitz)
    assert (relation.kind, relation.state, relation.proposed_by) == ("partner_of", "proposed", None)

    again = run_import(runner, path, "--skip-invalid")

    assert "0 created, 2 updated" in again.output and "linked" not in again.output
    assert count(db, Relation) == 1


def test_same_name_close_by_or_similar_name_at_the_same_place_is_a_possible_duplicate(runner, db, tmp_path):
    existing = make_actor("Reparaturcafé Plagwitz", city="Leipzig", lat=51.32, lon=12.33)
    nearby = feature(
        {"name": "Reparaturcafe Plagwitz", "addr:city": "Leipzig-Plagwitz"}, lon=12.336, lat=51.32
    )
    neighbour = feature({"name": "Stadtteilladen Lindenau"}, lon=12.31, lat=51.34)
    same_door = feature({"name": "Stadtteilladen Lindenow", "addr:city": "Leipzig"}, lon=12.3101, lat=51.34)
    far_away = feature({"name": "Reparaturcafé Plagwitz", "addr:city": "Dresden"}, lon=13.73, lat=51.05)

    result = run_import(
        runner, write_json(tmp_path, collection(nearby, neighbour, same_door, far_away)), "--skip-invalid"
    )

    assert (
        f"feature 1 (Reparaturcafe Plagwitz): conflict: possible duplicate of 'Reparaturcafé Plagwitz' "
        f"({existing.slug}): same name 417 m away; not merged"
    ) in result.output
    assert (
        "feature 3 (Stadtteilladen Lindenow): conflict: possible duplicate of feature 2: "
        "similar name 7 m away; not merged"
    ) in result.output
    assert "2 created, 0 updated, 2 skipped" in result.output
    assert {a.city for a in db.session.scalars(sa.select(Actor))} == {"Leipzig", None, "Dresden"}


def test_names_differing_in_one_whole_word_at_one_door_are_two_organisations(runner, db, tmp_path):
    bakery = feature({"name": "Better Health Bakery", "addr:city": "London"}, lon=-0.07513, lat=51.53754)
    bikes = feature({"name": "Better Health Bikes", "addr:city": "London"}, lon=-0.07520, lat=51.53723)
    typo = feature({"name": "Better Helth Bakery", "addr:city": "London"}, lon=-0.07514, lat=51.53754)

    result = run_import(runner, write_json(tmp_path, collection(bakery, bikes, typo)), "--skip-invalid")

    assert "2 created, 0 updated, 1 skipped" in result.output, result.output
    assert "feature 3 (Better Helth Bakery): conflict: possible duplicate of feature 1" in result.output
    assert {a.name for a in db.session.scalars(sa.select(Actor))} == {
        "Better Health Bakery",
        "Better Health Bikes",
    }


def test_a_shared_website_does_not_merge_organisations_in_different_places(runner, db, tmp_path):
    existing = make_actor(
        "Foodsharing Wien", website="https://foodsharing.example/wien", website_domain="foodsharing.example",
        city="Wien", lat=48.21, lon=16.37,
    )  # fmt: skip
    graz = feature(
        {"name": "Foodsharing Graz", "website": "https://foodsharing.example/graz"}, lon=15.44, lat=47.07
    )
    renamed = feature(
        {"name": "Foodsharing Vienna", "website": "https://foodsharing.example"}, lon=16.371, lat=48.21
    )

    result = run_import(runner, write_json(tmp_path, collection(graz)))

    assert result.exit_code == 0, result.output
    assert "1 created, 0 updated, 0 skipped, 0 errors, 1 linked as possible branches" in result.output
    relation = db.session.scalars(sa.select(Relation)).one()
    assert (relation.subject.name, relation.object) == ("Foodsharing Graz", existing)
    result = run_import(runner, write_json(tmp_path, collection(renamed)))
    assert "0 created, 1 updated" in result.output, result.output  # the same place: renamed
    assert actor_named(db, "Foodsharing Vienna").id == existing.id


def test_source_id_page_phone_and_licence_are_kept_and_a_reimport_matches_on_the_source_id(
    runner, db, client, tmp_path
):
    properties = {
        "name": "Bulgarian Food Bank", "contact:phone": "+3592 953 4100; +3592 953 4101",
        "_id": "e98fb912", "_uri": "https://data.example/place/e98fb912", "addr:city": "Sofia",
    }  # fmt: skip
    document = dict(collection(feature(properties)), source="https://data.example/place/X", license="CC0")
    first = run_import(runner, write_json(tmp_path, document))
    assert "1 created" in first.output, first.output
    actor = actor_named(db, "Bulgarian Food Bank")
    assert (actor.phone, actor.source, actor.source_id) == (
        "+3592 953 4100",
        "https://data.example/place/X",
        "e98fb912",
    )
    assert (actor.source_url, actor.licence) == ("https://data.example/place/e98fb912", "CC0-1.0")

    page = client.get(f"/organisations/{actor.slug}")
    assert 'href="https://data.example/place/e98fb912"' in page.text and "CC0" in page.text

    moved = dict(properties, name="Food Bank Bulgaria", **{"addr:city": "Plovdiv"})
    document["features"] = [
        feature(moved, lon=24.75, lat=42.15),
        feature(dict(moved, _id="other", **{"addr:city": "Varna"}), lon=27.9),
    ]
    again = run_import(runner, write_json(tmp_path, document))
    assert "1 created, 1 updated" in again.output, again.output
    assert actor_named(db, "Food Bank Bulgaria").id == actor.id  # renamed and moved: the same source record


def test_shops_of_one_chain_at_other_addresses_are_branches_not_duplicates(runner, db, tmp_path):
    def shop(street, lon, city="Budapest"):
        properties = {"name": "Culinaris", "website": "culinaris.example", "addr:street": street}
        return feature(dict(properties, **{"addr:city": city}) if city else properties, lon=lon, lat=47.5)

    first = shop("Balassi Bálint utca 7", 19.05)
    second = shop("Hunyadi tér 3", 19.07)  # 1.5 km away: another shop
    regeocoded = shop("Balassi Balint utca 7", 19.06)  # the first shop again, placed 750 m off
    group = feature({"name": "Netswerk", "website": "netswerk.example"}, lon=14.42, lat=47.93)
    other_group = feature({"name": "Netswerk", "website": "netswerk.example/linz"}, lon=14.28, lat=48.33)

    result = run_import(
        runner,
        write_json(tmp_path, collection(first, second, regeocoded, group, other_group)),
        "--skip-invalid",
    )

    assert (
        "feature 3 (Culinaris): conflict: same organisation as feature 1 (same website culinaris.example, "
        "same name and place); not merged"
    ) in result.output
    assert "4 created, 0 updated, 1 skipped, 1 errors, 2 linked as possible branches" in result.output
    assert count(db, Relation) == 2


def test_proposed_branch_relation_can_be_confirmed_by_the_owners_of_the_first(client, runner, db, tmp_path):
    owner = make_user("owner@example.org")
    hub = make_actor(
        "Foodsharing Wien", owner=owner, website="https://foodsharing.example",
        website_domain="foodsharing.example", lat=48.21, lon=16.37,
    )  # fmt: skip
    graz = feature({"name": "Foodsharing Graz", "website": "foodsharing.example/graz"}, lon=15.44, lat=47.07)
    run_import(runner, write_json(tmp_path, collection(graz)))

    relation = db.session.scalars(sa.select(Relation)).one()
    login(client, owner)
    page = client.get(f"/organisations/{hub.slug}/relations")

    assert "Foodsharing Graz" in page.text and "Waiting for your confirmation" in page.text
    assert client.post(f"/organisations/relations/{relation.id}/confirm").status_code == 302
    db.session.expire_all()
    assert db.session.get(Relation, relation.id).state == "confirmed"


def test_file_level_problems_stop_the_import(runner, db, tmp_path):
    broken = tmp_path / "broken.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    result = run_import(runner, broken)
    assert result.exit_code == 1
    assert "broken.geojson: invalid JSON: Expecting value at line 1 column 44" in result.output
    assert "Nothing was imported." in result.output

    result = run_import(runner, write_json(tmp_path, {"hello": "world"}), "--format", "geojson")
    assert result.exit_code == 1 and "not a GeoJSON FeatureCollection" in result.output

    result = run_import(runner, write_json(tmp_path, {"hello": "world"}))
    assert result.exit_code == 1 and "cannot tell the file's format: use --format" in result.output
    assert count(db) == 0


def test_a_broken_document_is_reported_as_broken_json_not_as_json_lines(app, db):
    pretty = json.dumps(collection(REPAIR), indent=2)
    with pytest.raises(ImportFileError, match="invalid JSON: Expecting ',' delimiter at line"):
        import_file(pretty.replace('"Feature",', '"Feature"').encode(), "directory.json")
    lines = b'{"name": "Kino eG", "kind": "cooperative"}\n{"name": "Kiezladen", "kind": "cooperative"}\n'
    assert import_file(lines, "actors.json", dry_run=True)[0] == "jsonl"


def test_progress_names_features(app, db):
    features = [feature({"name": f"Initiative {n}"}, lon=n / 100, lat=45.0) for n in range(600)]
    messages = []
    _format, report = import_file(json.dumps(collection(*features)).encode(), progress=messages.append)
    assert messages == ["500 features checked", "500 organisations written"]
    assert report.created == 600


def test_format_is_detected_from_content(app, db):
    content = json.dumps(collection(REPAIR)).encode()
    format_, report = import_file(content, "export.json", dry_run=True)
    assert format_ == "geojson" and report.created == 1
    format_, _report = import_file(json.dumps([REPAIR]).encode(), None, dry_run=True)
    assert format_ == "geojson"


# The real TransforMap file in ../shared/data --------------------------------------------------------------


def test_susy_transformap_file_imports_with_iso_countries_and_no_duplicates_on_reimport(runner, db):
    path = shared_data("directories", "susy-transformap", "susy_data.geojson.json")
    features = json.loads(path.read_text(encoding="utf-8"))["features"]

    started = time.perf_counter()
    result = run_import(runner, path, "--skip-invalid")
    seconds = time.perf_counter() - started

    assert result.exit_code == 0, result.output[-2000:]
    created = count(db)
    summary = result.output.strip().splitlines()[-1]
    assert summary.startswith(f"Imported {created} organisations: {created} created, 0 updated")
    skipped = len(features) - created
    assert f"{skipped} skipped, {skipped} errors, " in summary
    # Local groups of one network on one website are kept; only true duplicates are left out, each saying
    # which earlier feature it repeats.
    assert skipped <= 25, summary
    errors = [line for line in result.output.splitlines() if ": conflict: " in line or ": " in line[:12]]
    rejections = [line for line in result.output.splitlines() if " not merged" in line]
    assert len(rejections) == skipped, errors
    assert all(
        "same name and city" in line
        or "same name and place" in line
        or "similar name at the same place" in line
        for line in rejections
    ), rejections
    # Two projects of one charity at one door, and two shops next door, whose names differ in one word.
    assert {
        "Better Health Bikes",
        "Better Health Bakery",
        "Sustainable Food Cities",
        "Sustainable Fish Cities",
    } <= set(db.session.scalars(sa.select(Actor.name)))
    links = count(db, Relation)
    assert links > 150 and f"{links} linked as possible branches of one with the same website" in summary
    oases = db.session.scalars(
        sa.select(Actor).where(Actor.website_domain == "wwf.it").order_by(Actor.id)
    ).all()
    assert len(oases) > 20
    assert {relation.object for relation in db.session.scalars(sa.select(Relation))} >= {oases[0]}
    countries = dict(
        db.session.execute(sa.select(Actor.country, sa.func.count()).group_by(Actor.country)).all()
    )
    assert set(countries) - {None} <= COUNTRIES
    assert countries["AT"] > 150 and countries["DE"] > 150 and countries["GB"] > 400  # Österreich, England...
    assert "warning: feature 724 (Mozaïk RH Hauts de France): addr:country: 'Frace' is not a country" in (
        result.output
    )  # dropped, the record kept
    assert "feature 1 (Bulgarian Food Bank): contact:website: 'update6' is not an http(s) web address" in (
        result.output
    )  # reported, not guessed at
    assert db.session.scalar(sa.select(sa.func.count()).where(Actor.slug.like("item%"))) == 0
    print(f"susy import: {len(features)} features in {seconds:.2f} s, {created} created")  # pytest -s

    again = run_import(runner, path, "--skip-invalid")

    assert f"Imported {created} organisations: 0 created, {created} updated" in again.output
    assert count(db) == created and count(db, Relation) == links


@pytest.mark.parametrize(
    ("value", "phone"),
    [
        ("+3592 953 4100; +3592 953 4101", "+3592 953 4100"),
        ("(+30) 6976855676 (+30) 697 222 19 22", "(+30) 6976855676"),
        ("T: +44 117 910 6700 F: +44 117 910 6701", "+44 117 910 6700"),
        ("Mobile +356 9900 5648/Office +356 2122 5542", "+356 9900 5648"),
        ("0115 9250599/ 0115 8590028", "0115 9250599"),
        ("+49 (0) 711 – 169 178 14", "+49 (0) 711 - 169 178 14"),
        ("0341/123456", "0341/123456"),
        ("Change the world", "Change the world"),  # no number: kept as it is, to be reported and dropped
    ],
)
def test_first_phone_takes_the_first_number_without_labels(value, phone):
    assert first_phone(value) == phone
