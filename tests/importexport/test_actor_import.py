"""`flask actors import`: validation with line numbers, all-or-nothing, dry run, duplicates, conflicts."""

import json

import pytest
import sqlalchemy as sa

from innovex.actors.importexport import import_actors, validate_line
from innovex.models import Actor, Membership, Offering, Tag
from innovex.models.base import utcnow
from tests.factories import make_actor, make_user

VALID = {
    "name": "Lastenrad-Kollektiv Leipzig eG",
    "kind": "cooperative",
    "legal_form": "eg",
    "description": "Wir **teilen** Lastenräder.",
    "website": "https://www.lastenrad-leipzig.example/start",
    "email": "kontakt@lastenrad-leipzig.example",
    "address": "Karl-Heine-Straße 12",
    "postcode": "04229",
    "city": "Leipzig",
    "country": "de",
    "lat": 51.33,
    "lon": 12.34,
    "founded": 2016,
    "members": 42,
    "sectors": ["mobility", "environment"],
    "collaboration": ["implementation"],
    "offerings": [
        {"kind": "offer", "title": "Lastenrad-Logistik", "tags": ["Lastenrad", "logistik"]},
        {"kind": "need", "title": "Buchhaltung", "description": "Für 40 Mitglieder", "tags": ["buchhaltung"],
         "scope": "local", "expires": "2030-06-30"},
    ],
}  # fmt: skip

SECOND = {
    "name": "Solar-Genossenschaft Nordheide",
    "kind": "cooperative",
    "city": "Buchholz",
    "country": "DE",
}


def write(tmp_path, *records, name="actors.jsonl"):
    path = tmp_path / name
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_import(runner, path, *options):
    return runner.invoke(args=["actors", "import", str(path), *options])


def count(db, model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_valid_file_creates_actors_with_offerings_tags_and_taxonomies(runner, db, tmp_path):
    result = run_import(runner, write(tmp_path, VALID, SECOND))

    assert result.exit_code == 0, result.output
    assert "Imported 2 organisations: 2 created, 0 updated, 0 skipped, 0 errors" in result.output
    actor = db.session.scalar(sa.select(Actor).where(Actor.slug == "lastenrad-kollektiv-leipzig-eg"))
    assert actor.country == "DE" and actor.website_domain == "lastenrad-leipzig.example"
    assert actor.name_key == "lastenrad kollektiv leipzig" and actor.status == "active"
    assert (actor.lat, actor.lon, actor.founded, actor.members) == (51.33, 12.34, 2016, 42)
    assert [s.slug for s in actor.sectors] == ["environment", "mobility"]
    assert [c.slug for c in actor.collaboration] == ["implementation"]
    offer, need = actor.offerings
    assert (offer.kind, offer.title, [t.name for t in offer.tags]) == (
        "offer", "Lastenrad-Logistik", ["Lastenrad", "logistik"],
    )  # fmt: skip
    assert (need.scope, need.expires_at.isoformat(), need.description) == (
        "local",
        "2030-06-30",
        "Für 40 Mitglieder",
    )
    assert count(db, Membership) == 0  # imported actors have no owners


def test_invalid_lines_are_reported_with_line_numbers_and_nothing_is_imported(runner, db, tmp_path):
    bad = dict(SECOND, country="Germany", lat=100, founded="1990", colour="green")
    path = write(tmp_path, VALID, "", bad, "{not json", '["a list"]', dict(SECOND, name="x", kind="bakery"))

    result = run_import(runner, path)

    assert result.exit_code == 1
    assert "line 3: country: 'Germany' is not an ISO 3166 code" in result.output
    assert "line 3: lat: 100 is not between -90 and 90" in result.output
    assert "line 3: lon: lat and lon must be given together" in result.output
    assert "line 3: founded: must be a whole number" in result.output
    assert "line 3: colour: unknown field" in result.output
    assert "line 4: invalid JSON" in result.output
    assert "line 5: not a JSON object" in result.output
    assert "line 6: kind: 'bakery' is not one of" in result.output
    assert "line 1" not in result.output
    assert "Nothing was imported" in result.output
    assert count(db, Actor) == 0 and count(db, Offering) == 0 and count(db, Tag) == 0


def test_skip_invalid_imports_valid_lines_and_lists_the_others(runner, db, tmp_path):
    path = write(tmp_path, VALID, dict(SECOND, sectors=["bakery"]), SECOND)

    result = run_import(runner, path, "--skip-invalid")

    assert result.exit_code == 0, result.output
    assert "line 2: sectors: 'bakery' is not one of" in result.output
    assert "Imported 2 organisations: 2 created, 0 updated, 1 skipped, 1 errors" in result.output
    assert count(db, Actor) == 2


def test_dry_run_reports_and_writes_nothing(runner, db, tmp_path):
    existing = make_actor(SECOND["name"], city="Buchholz")
    result = run_import(runner, write(tmp_path, VALID, SECOND), "--dry-run")

    assert result.exit_code == 0, result.output
    assert "line 1: create 'Lastenrad-Kollektiv Leipzig eG'" in result.output
    assert f"line 2: update 'Solar-Genossenschaft Nordheide' ({existing.slug})" in result.output
    assert "Dry run: would create 1, update 1; 0 errors" in result.output
    db.session.expire_all()
    assert count(db, Actor) == 1 and count(db, Offering) == 0 and count(db, Tag) == 0
    assert db.session.get(Actor, existing.id).country == "DE"


def test_dry_run_with_errors_fails(runner, db, tmp_path):
    result = run_import(runner, write(tmp_path, dict(VALID, founded="1999")), "--dry-run")
    assert result.exit_code == 1
    assert "line 1: founded: must be a whole number, not '1999'" in result.output
    assert count(db, Actor) == 0


def test_a_malformed_optional_field_is_dropped_with_a_warning_and_the_record_kept(runner, db, tmp_path):
    existing = make_actor(SECOND["name"], city="Buchholz", email="post@solar.example")
    path = write(
        tmp_path,
        dict(VALID, email="nope", country="Deutschland"),
        dict(SECOND, email="info(at)solar", website="ftp://solar.example"),
        dict(SECOND, name="Pool Arts", email="http://poolarts.example"),
    )

    result = run_import(runner, path)

    assert result.exit_code == 0, result.output
    assert ("warning: line 1: email: 'nope' is not an email address; dropped") in result.output
    assert "warning: line 1: country: 'Deutschland' is not an ISO" in (result.output)
    assert "line 2: website: 'ftp://solar.example' is not an http(s)" in (result.output)
    assert (
        "line 3: email: 'http://poolarts.example' is not an email address; taken as the website"
    ) in result.output
    assert (
        "Imported 3 organisations: 2 created, 1 updated, 0 skipped, 0 errors, "
        "2 placed by their address or city, 5 warnings" in result.output
    )
    db.session.expire_all()
    created = db.session.scalar(sa.select(Actor).where(Actor.name == VALID["name"]))
    assert (created.email, created.country, created.city) == (None, None, "Leipzig")
    assert db.session.get(Actor, existing.id).email == "post@solar.example"  # left as it was
    pool = db.session.scalar(sa.select(Actor).where(Actor.name == "Pool Arts"))
    assert (pool.email, pool.website) == (None, "http://poolarts.example")


def test_dry_run_summary_counts_what_it_lists_even_with_errors(runner, db, tmp_path):
    existing = make_actor(SECOND["name"], city="Buchholz")
    path = write(tmp_path, VALID, SECOND, {"name": "Ohne Art"})

    result = run_import(runner, path, "--dry-run")

    assert result.exit_code == 1
    assert "line 1: create 'Lastenrad-Kollektiv Leipzig eG'" in result.output
    assert f"line 2: update 'Solar-Genossenschaft Nordheide' ({existing.slug})" in result.output
    assert (
        "Dry run: 1 errors, so nothing would be imported; with --skip-invalid it would create 1, "
        "update 1, skip 1"
    ) in result.output
    result = run_import(runner, path, "--dry-run", "--skip-invalid")
    assert "Dry run: would create 1, update 1, skip 1; 1 errors" in result.output
    result = run_import(runner, path)
    assert "Imported 0 organisations: 0 created, 0 updated, 0 skipped, 1 errors" in result.output
    assert count(db, Actor) == 1


def test_reimport_is_idempotent(runner, db, tmp_path):
    path = write(tmp_path, VALID, SECOND)
    run_import(runner, path)
    before = [count(db, model) for model in (Actor, Offering, Tag)]

    result = run_import(runner, path)

    assert "0 created, 2 updated" in result.output
    assert [count(db, model) for model in (Actor, Offering, Tag)] == before == [2, 2, 3]


def test_reimport_updates_values_and_matches_offerings_by_kind_and_title(runner, db, tmp_path):
    run_import(runner, write(tmp_path, VALID))
    changed = dict(
        VALID,
        name="Lastenrad Kollektiv Leipzig",  # renamed, still found by its website
        members=50,
        offerings=[{"kind": "offer", "title": "lastenrad-logistik ", "tags": ["kurierdienst"]},
                   {"kind": "need", "title": "Lastenrad-Logistik"}],
    )  # fmt: skip

    result = run_import(runner, write(tmp_path, changed, name="changed.jsonl"))

    assert "0 created, 1 updated" in result.output, result.output
    actor = db.session.scalar(sa.select(Actor))
    assert (actor.name, actor.members) == ("Lastenrad Kollektiv Leipzig", 50)
    assert [(o.kind, o.title) for o in actor.offerings] == [
        ("offer", "lastenrad-logistik"), ("need", "Buchhaltung"), ("need", "Lastenrad-Logistik"),
    ]  # fmt: skip
    assert [t.name for t in actor.offerings[0].tags] == ["kurierdienst"]


def test_matches_on_name_and_city_when_there_is_no_website(runner, db, tmp_path):
    existing = make_actor("Solar-Genossenschaft Nordheide eG", city="BUCHHOLZ")
    result = run_import(runner, write(tmp_path, dict(SECOND, members=300)))
    assert "0 created, 1 updated" in result.output
    db.session.expire_all()
    assert db.session.get(Actor, existing.id).members == 300 and count(db, Actor) == 1


def test_shared_host_website_is_no_identity(runner, db, tmp_path):
    shared = "https://www.facebook.com/groups/coops"
    make_actor("Dorfladen Altenburg", website=shared, website_domain=None, city="Altenburg")
    record = dict(SECOND, website=shared)

    result = run_import(runner, write(tmp_path, record, dict(record, name="Kino eG", city="Kassel")))

    assert result.exit_code == 0, result.output
    assert "2 created, 0 updated" in result.output
    assert count(db, Actor) == 3


def test_conflicting_identities_are_reported_not_merged(runner, db, tmp_path):
    by_domain = make_actor(
        "Hosting-Kooperative", website="https://hosting.example", website_domain="hosting.example"
    )
    by_name = make_actor("Solar-Genossenschaft Nordheide", city="Buchholz")
    line = dict(SECOND, website="https://hosting.example")

    result = run_import(runner, write(tmp_path, line))

    assert result.exit_code == 1
    assert "line 1: conflict: website matches 'Hosting-Kooperative'" in result.output
    db.session.expire_all()
    assert db.session.get(Actor, by_name.id).website is None
    assert db.session.get(Actor, by_domain.id).city == "Berlin"


def test_same_name_and_city_with_another_website_is_a_conflict(runner, db, tmp_path):
    make_actor("Solar-Genossenschaft Nordheide", city="Buchholz", website="https://a.example",
               website_domain="a.example")  # fmt: skip
    result = run_import(runner, write(tmp_path, dict(SECOND, website="https://b.example")))
    assert result.exit_code == 1
    assert "line 1: conflict: name and city match" in result.output
    assert count(db, Actor) == 1


def test_two_lines_for_one_organisation_are_a_conflict(runner, db, tmp_path):
    copy = dict(VALID, city="Leipzig-Lindenau", offerings=[])  # same website, name and place
    branch = dict(VALID, name="Lastenräder Halle", city="Halle", lat=51.48, lon=11.97, offerings=[])
    path = write(tmp_path, VALID, SECOND, copy, dict(SECOND, country="AT"), branch)

    result = run_import(runner, path, "--skip-invalid")

    assert (
        "line 3: conflict: same organisation as line 1 (same website lastenrad-leipzig.example, "
        "same name and place); not merged"
    ) in result.output
    assert "line 4: conflict: same organisation as line 2 (same name and city)" in result.output
    assert "1 linked as possible branches of one with the same website" in result.output
    assert count(db, Actor) == 3
    assert db.session.scalar(sa.select(Actor).where(Actor.city == "Buchholz")).country == "DE"


def test_unicode_names_and_slugs(runner, db, tmp_path):
    record = dict(
        SECOND, name="Gemüse-Kooperative Straßburg „Grünkohl“", city="Köln", description="😀 Ümläute"
    )
    result = run_import(runner, write(tmp_path, record))
    assert result.exit_code == 0, result.output
    actor = db.session.scalar(sa.select(Actor))
    assert actor.slug == "gemuese-kooperative-strassburg-gruenkohl"
    assert actor.description == "😀 Ümläute"


def test_same_name_in_another_city_gets_its_own_slug(runner, db, tmp_path):
    result = run_import(runner, write(tmp_path, SECOND, dict(SECOND, city="Kiel")))
    assert "2 created" in result.output
    slugs = sorted(db.session.scalars(sa.select(Actor.slug)))
    assert slugs == ["solar-genossenschaft-nordheide", "solar-genossenschaft-nordheide-kiel"]


def test_validate_line_checks_lengths_offerings_and_types(app):
    clean, errors = validate_line(
        dict(
            SECOND,
            name="x" * 201,
            members=-1,
            founded=True,
            website="ftp://files.example",
            offerings=[{"kind": "gift", "title": ""}, {"kind": "offer", "title": "A", "size": 1},
                       {"kind": "offer", "title": "B", "expires": "31.12.2030", "tags": ["x" * 61]}],
        )
    )  # fmt: skip
    messages = [str(error) for error in errors]
    assert clean is None
    assert "name: is 201 characters long, at most 200 are allowed" in messages
    assert "members: -1 is not between 0 and 50000000" in messages
    assert "founded: must be a whole number, not true" in messages
    assert "website: 'ftp://files.example' is not an http(s) web address" in messages
    assert any(m.startswith("offerings[0].kind: 'gift'") for m in messages)
    assert "offerings[0].title: is required" in messages
    assert "offerings[1].size: unknown field" in messages
    assert "offerings[2].expires: '31.12.2030' is not a date like 2026-12-31" in messages
    assert any(m.startswith("offerings[2].tags:") for m in messages)


def test_validate_line_accepts_a_minimal_record(app):
    clean, errors = validate_line({"name": "Kino eG", "kind": "cooperative", "website": "kino.example"})
    assert errors == []
    assert clean == {"name": "Kino eG", "kind": "cooperative", "website": "https://kino.example"}


def test_progress_is_reported_for_long_files(app, db):
    messages = []
    lines = [json.dumps({"name": f"Genossenschaft {n}", "kind": "cooperative"}) for n in range(1000)]
    report = import_actors(lines, progress=messages.append)
    assert "500 lines checked" in messages and "1000 organisations written" in messages
    assert report.created == 1000 and count(db, Actor) == 1000
    db.session.rollback()
    assert count(db, Actor) == 0


def test_invalid_utf8_is_reported(runner, db, tmp_path):
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(json.dumps(SECOND).encode() + b"\n" + '{"name": "Bäckerei"}'.encode("latin-1") + b"\n")
    result = run_import(runner, path)
    assert result.exit_code == 1 and "line 2: not valid UTF-8" in result.output
    assert count(db, Actor) == 0


def test_owners_of_matched_actors_are_kept(runner, db, tmp_path):
    owner = make_user()
    make_actor(SECOND["name"], city="Buchholz", owner=owner)
    run_import(runner, write(tmp_path, SECOND))
    assert [m.user_id for m in db.session.scalars(sa.select(Membership))] == [owner.id]


def test_hostile_lines_are_errors_not_crashes(runner, db, tmp_path):
    path = write(
        tmp_path, "[" * 100_000, '{"name": "x", "kind": "cooperative", "lat": Infinity, "lon": 1}', "null"
    )
    result = run_import(runner, path)
    assert result.exit_code == 1, result.output
    assert "line 1: invalid JSON" in result.output
    assert "line 2: invalid JSON: Infinity is not a JSON value" in result.output
    assert "line 3: not a JSON object" in result.output
    assert count(db, Actor) == 0


def test_numbers_out_of_range_are_errors(app):
    _clean, errors = validate_line(dict(SECOND, lat=1e999, lon=-181, founded=1500, members=10**20))
    assert [str(e) for e in errors] == [
        "lat: Infinity is not between -90 and 90",
        "lon: -181 is not between -180 and 180",
        f"founded: 1500 is not between 1700 and {utcnow().year}",
        "members: 100000000000000000000 is not between 0 and 50000000",
    ]


def test_imported_names_never_take_a_reserved_address(app, tmp_path):
    """An organisation called "New" must not get /organisations/new, the address of the create form."""
    import json

    import sqlalchemy as sa

    from innovex.actors.importexport import import_actors
    from innovex.extensions import db
    from innovex.models import Actor

    line = json.dumps({"name": "New", "kind": "cooperative", "city": "Berlin", "country": "DE"}).encode()
    report = import_actors([line], dry_run=False, skip_invalid=False)
    db.session.commit()
    assert not report.errors
    assert db.session.scalar(sa.select(Actor.slug).where(Actor.name == "New")) != "new"


@pytest.mark.whoosh
def test_imported_actors_are_searchable_when_the_command_ends(runner, db, tmp_path):
    from innovex.search.outbox import index_root
    from innovex.search.whoosh import store

    result = run_import(runner, write(tmp_path, VALID))
    assert result.exit_code == 0, result.output
    assert "search index built" in result.output  # no index yet: it was built
    assert store.is_healthy(index_root())
    second = run_import(runner, write(tmp_path, SECOND, name="second.jsonl"))
    assert "search index: " in second.output and "changes applied" in second.output
    found = runner.invoke(args=["search", "query", "Nordheide", "--json"])
    assert [r["name"] for r in json.loads(found.stdout)["results"]] == ["Solar-Genossenschaft Nordheide"]


def test_dry_run_leaves_the_index_alone(runner, db, tmp_path):
    result = run_import(runner, write(tmp_path, VALID), "--dry-run")
    assert "search index" not in result.output


@pytest.mark.parametrize(
    ("precision", "stored"), [(None, "exact"), ("exact", "exact"), ("address", "address"), ("city", "city")]
)
def test_an_imported_point_keeps_the_precision_the_record_gives(runner, db, tmp_path, precision, stored):
    record = dict(VALID, location_precision=precision) if precision else VALID
    result = runner.invoke(args=["actors", "import", str(write(tmp_path, record))])
    assert result.exit_code == 0, result.output
    actor = db.session.scalar(sa.select(Actor).where(Actor.name == VALID["name"]))
    assert (actor.lat, actor.location_precision) == (VALID["lat"], stored)


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (dict(VALID, location_precision="roughly"), "'roughly' is not one of exact, address, city"),
        (dict(VALID, lat=None, lon=None, location_precision="city"), "location_precision needs lat and lon"),
    ],
)
def test_a_wrong_precision_is_reported_and_nothing_written(runner, db, tmp_path, record, message):
    result = runner.invoke(args=["actors", "import", str(write(tmp_path, record))])
    assert message in result.output, result.output
    assert db.session.scalar(sa.select(sa.func.count(Actor.id))) == 0
