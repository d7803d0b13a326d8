"""Revisions come from the one session hook, whoever writes: form service, import, moderator, restore."""

import json

import pytest
import sqlalchemy as sa

from innovex.actors import services as actor_services
from innovex.actors.importexport import import_actors
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.history import services
from innovex.history.tracking import revision_context
from innovex.models import ProfileRevision, Sector
from innovex.offerings import services as offering_services
from tests.factories import make_actor, make_offering, make_user
from tests.history.conftest import profile, revisions


def edits(actor) -> list[ProfileRevision]:
    """The revisions after the one that created the profile."""
    return revisions(actor)[1:]


@pytest.fixture
def owner(app):
    return make_user()


def test_creating_a_profile_is_the_first_revision(owner):
    sector = db.session.scalars(sa.select(Sector)).first()
    with revision_context("form", owner):
        actor = actor_services.create_actor(owner, profile(sector_ids=[sector.id]))
    db.session.commit()
    [first] = revisions(actor)
    assert first.source == "form" and first.author_id == owner.id
    assert first.changes["name"] == [None, "Alpha eG"]
    assert first.changes["sectors"] == [None, [sector.slug]]


def test_an_edit_records_old_and_new_values_once_per_save(owner):
    actor = make_actor("Alpha eG", owner=owner, city="Leipzig")
    actor_services.update_actor(actor, profile(name="Alpha Neu eG", website="https://alpha.example"))
    db.session.commit()
    [revision] = edits(actor)
    assert revision.source == "cli"  # outside a request and without a context
    assert revision.changes["name"] == ["Alpha eG", "Alpha Neu eG"]
    assert revision.changes["website"] == [None, "https://alpha.example"]
    assert "city" not in revision.changes  # unchanged fields are not part of the revision


def test_saving_unchanged_values_records_nothing(owner):
    actor = make_actor("Alpha eG", owner=owner, city="Leipzig")
    actor_services.update_actor(actor, profile())  # may place the profile at its city centre (geocoding)
    db.session.commit()
    before = edits(actor)
    actor_services.update_actor(actor, profile())
    db.session.commit()
    assert edits(actor) == before


def test_offerings_are_part_of_the_history(owner):
    actor = make_actor("Alpha eG", owner=owner)
    offering = make_offering(actor, title="Beratung", tags=["beratung"])
    data = offering_services.OfferingData(
        kind="offer", title="Beratung und Buchhaltung", tags="beratung, buch"
    )
    offering_services.update_offering(offering, data)
    db.session.commit()
    created, changed = edits(actor)
    key = f"offering:{offering.id}"
    assert created.changes[key][0] is None and created.changes[key][1]["title"] == "Beratung"
    old, new = changed.changes[key]
    assert old["title"] == "Beratung" and new["title"] == "Beratung und Buchhaltung"
    assert new["tags"] == ["beratung", "buch"]
    offering_services.delete_offering(offering)
    db.session.commit()
    assert edits(actor)[-1].changes[key][1] is None


def test_an_import_is_credited_to_the_import(app):
    line = {"name": "Importiert eG", "kind": "cooperative", "city": "Kassel", "sectors": []}
    report = import_actors([json.dumps(line)])
    db.session.commit()
    assert report.created == 1
    revision = db.session.scalars(sa.select(ProfileRevision)).one()
    assert revision.source == "import" and revision.author_id is None
    assert revision.changes["city"] == [None, "Kassel"]


def test_a_dry_run_import_records_nothing(app):
    import_actors([json.dumps({"name": "Trocken eG", "kind": "cooperative"})], dry_run=True)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(ProfileRevision.id))) == 0


def test_a_moderator_hiding_a_profile_is_credited_to_them(client, owner):
    from tests.factories import login_as

    actor = make_actor("Alpha eG", owner=owner)
    moderator = make_user(role="moderator")
    login_as(client, moderator)
    response = client.post(f"/moderation/organisations/{actor.slug}/hide", data={"hide-reason": "Spam"})
    assert response.status_code in (302, 303)
    [revision] = edits(actor)
    assert revision.source == "moderator" and revision.author_id == moderator.id
    assert revision.changes["status"] == ["active", "hidden"]


def test_restore_brings_back_the_values_as_of_a_revision(owner):
    actor = make_actor("Alpha eG", owner=owner, city="Leipzig")
    actor_services.update_actor(actor, profile(name="Beta eG"))
    db.session.commit()
    actor_services.update_actor(actor, profile(name="Gamma eG", city="Halle"))
    db.session.commit()
    first, _second = edits(actor)
    services.restore_revision(first, owner)
    db.session.commit()
    db.session.expire_all()
    assert (actor.name, actor.city) == ("Beta eG", "Leipzig")
    restore = edits(actor)[-1]
    assert restore.source == "restore" and restore.author_id == owner.id
    # the point moved with the city (geocoding), so it comes back with it
    assert restore.changes.items() >= {"name": ["Gamma eG", "Beta eG"], "city": ["Halle", "Leipzig"]}.items()
    assert set(restore.changes) <= {"name", "city", "lat", "lon"}
    assert restore.note == f"revision:{first.id}"


def test_restore_brings_back_a_deleted_offering_and_sectors(owner):
    sector = db.session.scalars(sa.select(Sector)).first()
    actor = make_actor("Alpha eG", owner=owner, city="Leipzig")
    actor_services.update_actor(actor, profile(sector_ids=[sector.id]))
    offering = make_offering(actor, title="Beratung", tags=["beratung"])
    actor_services.update_actor(actor, profile())
    offering_services.delete_offering(offering)
    db.session.commit()
    with_offering = edits(actor)[0]
    services.restore_revision(with_offering, owner)
    db.session.commit()
    db.session.expire_all()
    assert [s.slug for s in actor.sectors] == [sector.slug]
    assert [(o.title, [t.name for t in o.tags]) for o in actor.offerings] == [("Beratung", ["beratung"])]


def test_restoring_the_current_version_is_refused(owner):
    actor = make_actor("Alpha eG", owner=owner, city="Leipzig")
    actor_services.update_actor(actor, profile(name="Beta eG"))
    db.session.commit()
    [only] = edits(actor)
    with pytest.raises(DomainError):
        services.restore_revision(only, owner)


def test_status_is_not_restored(owner):
    actor = make_actor("Alpha eG", owner=owner, city="Leipzig")
    actor_services.update_actor(actor, profile(name="Beta eG"))
    db.session.commit()
    actor.status = "hidden"
    db.session.commit()
    actor_services.update_actor(actor, profile(name="Gamma eG"))
    db.session.commit()
    services.restore_revision(edits(actor)[0], owner)
    db.session.commit()
    db.session.expire_all()
    assert (actor.name, actor.status) == ("Beta eG", "hidden")


def test_word_diff_marks_what_changed():
    assert services.word_diff("eine alte Beschreibung", "eine neue Beschreibung") == [
        ("equal", "eine"), ("delete", "alte"), ("insert", "neue"), ("equal", "Beschreibung"),
    ]  # fmt: skip


def test_the_public_sees_only_public_fields_of_a_revision(owner):
    actor = make_actor("Alpha eG", owner=owner, city="Leipzig")
    actor_services.update_actor(actor, profile(name="Beta eG", email="info@beta.example"))
    db.session.commit()
    [revision] = edits(actor)
    # lat/lon: the city centre geocoding placed the profile at (location is public by default)
    fields = lambda viewer: {c.field for c in services.visible_changes(revision, viewer)} - {"lat", "lon"}  # noqa: E731
    assert fields(None) == {"name"}  # contact is for the network by default
    assert fields(make_user()) == {"name", "email"}
    actor.visibility = {"contact": "private"}
    actor.status = "active"
    db.session.commit()
    assert fields(make_user()) == {"name"}
    assert fields(owner) >= {"name", "email"}
