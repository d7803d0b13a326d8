"""Re-licensing a profile: the rule for imported records, who may, CSRF, a confirmed address, the history."""

import pytest
import sqlalchemy as sa

from innovex.actors import licensing
from innovex.domain import DomainError
from innovex.extensions import db as _db
from innovex.history.tracking import revision_context
from innovex.models import Membership, ProfileRevision
from innovex.taxonomy import get_or_create_tags
from tests.factories import login_as, make_actor, make_offering, make_user
from tests.licences.test_profiles import KVM, imported


def revisions(actor) -> list[ProfileRevision]:
    _db.session.expire_all()
    query = (
        sa.select(ProfileRevision).where(ProfileRevision.actor_id == actor.id).order_by(ProfileRevision.id)
    )
    return list(_db.session.scalars(query))


# Service: the rule ------------------------------------------------------------------------------------------


def test_own_profiles_take_any_open_licence(app):
    actor = make_actor(owner=make_user(), licence="CC-BY-4.0")
    for spdx in ("CC0-1.0", "ODbL-1.0", "CC-BY-SA-4.0", "DL-DE-ZERO-2.0"):
        licensing.relicence(actor, spdx)
        assert actor.licence == spdx


def test_licences_outside_the_list_are_refused(app):
    actor = make_actor(owner=make_user())
    for spdx in ("MIT", "Proprietary", ""):
        with pytest.raises(DomainError) as refused:
            licensing.relicence(actor, spdx)
        assert refused.value.field == "licence"


def test_a_claimed_odbl_import_cannot_become_cc0(app):
    actor = imported(owner=make_user())
    with pytest.raises(DomainError) as refused:
        licensing.relicence(actor, "CC0-1.0")
    assert refused.value.field == "licence"
    assert "share-alike" in refused.value.message and "ODbL 1.0" in refused.value.message
    licensing.relicence(actor, "ODbL-1.0")  # the same licence stays possible
    assert licensing.allowed(actor) == {"ODbL-1.0"}


def test_the_source_licence_binds_even_after_a_record_names_another(app):
    # Karte von morgen's default applies to a record imported without a licence of its own.
    actor = make_actor(owner=make_user(), source=KVM, source_id="x1", licence=None)
    with pytest.raises(DomainError):
        licensing.relicence(actor, "CC-BY-4.0")


def test_an_unclaimed_import_keeps_its_source_licence(app):
    actor = imported(name="Niemandes eG", licence="CC0-1.0", source_licence="CC0-1.0")
    with pytest.raises(DomainError) as refused:
        licensing.relicence(actor, "CC-BY-4.0")
    assert "nobody maintains it" in refused.value.message
    assert licensing.allowed(actor) == {"CC0-1.0"}


def test_a_claimed_import_without_share_alike_may_be_relicensed(app):
    actor = imported(owner=make_user(), licence="CC-BY-4.0", source_licence="CC-BY-4.0")
    licensing.relicence(actor, "CC0-1.0")
    assert actor.licence == "CC0-1.0" and actor.source_licence == "CC-BY-4.0"  # the source's stays on record


def test_an_import_under_an_unknown_licence_cannot_be_relicensed(app):
    actor = make_actor(
        owner=make_user(),
        source="https://example.org",
        source_id="1",
        licence="Eigene",
        source_licence="Eigene",
    )
    with pytest.raises(DomainError) as refused:
        licensing.relicence(actor, "CC0-1.0")
    assert "no licence innovex knows" in refused.value.message


# Routes --------------------------------------------------------------------------------------------------


@pytest.fixture
def own(app):
    owner, editor = make_user(), make_user()
    return make_actor("Eigen eG", owner=owner, editors=[editor], licence="CC-BY-4.0"), owner, editor


def test_the_owner_relicenses_and_the_history_records_it(client, own):
    actor, owner, _editor = own
    login_as(client, owner)
    before = len(revisions(actor))
    page = client.get(f"/organisations/{actor.slug}/licence")
    assert page.status_code == 200 and 'value="CC0-1.0"' in page.get_data(as_text=True)
    response = client.post(f"/organisations/{actor.slug}/licence", data={"licence": "CC0-1.0"})
    assert response.status_code == 302
    _db.session.refresh(actor)
    assert actor.licence == "CC0-1.0"
    (revision,) = revisions(actor)[before:]
    assert revision.author_id == owner.id and revision.source == "form"
    assert revision.changes["licence"] == ["CC-BY-4.0", "CC0-1.0"]


def test_a_share_alike_refusal_is_shown_next_to_the_field(client, app):
    owner = make_user()
    actor = imported(owner=owner)
    before = revisions(actor)
    login_as(client, owner)
    response = client.post(f"/organisations/{actor.slug}/licence", data={"licence": "CC0-1.0"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'class="field-error" id="licence-error"' in html and "share-alike" in html
    _db.session.refresh(actor)
    assert actor.licence == "ODbL-1.0" and revisions(actor) == before


@pytest.mark.parametrize("value", ["MIT", "", "x" * 500, "CC0-1.0\x00"])
def test_bad_values_get_a_field_error_and_change_nothing(client, own, value):
    actor, owner, _editor = own
    login_as(client, owner)
    before = len(revisions(actor))
    response = client.post(f"/organisations/{actor.slug}/licence", data={"licence": value})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'class="field-error" id="licence-error"' in html
    assert "Please choose a licence from the list." in html and "Not a valid choice" not in html
    _db.session.refresh(actor)
    assert actor.licence == "CC-BY-4.0" and len(revisions(actor)) == before


def test_an_unknown_licence_is_refused_in_german_next_to_the_field(client, own):
    actor, owner, _editor = own
    owner.locale = "de"
    _db.session.commit()
    login_as(client, owner)
    response = client.post(f"/organisations/{actor.slug}/licence", data={"licence": "MIT"})
    assert response.status_code == 422
    assert "Bitte wählen Sie eine Lizenz aus der Liste." in response.get_data(as_text=True)


def test_only_owners_and_admins_may_relicence(client, own):
    actor, _owner, editor = own
    other_owner = make_user()
    make_actor("Andere eG", owner=other_owner)
    for user, status in ((editor, 403), (other_owner, 403), (make_user(role="moderator"), 403)):
        login_as(client, user)
        assert client.get(f"/organisations/{actor.slug}/licence").status_code == status
        assert (
            client.post(f"/organisations/{actor.slug}/licence", data={"licence": "CC0-1.0"}).status_code
            == 403
        )
    login_as(client, None)
    response = client.post(f"/organisations/{actor.slug}/licence", data={"licence": "CC0-1.0"})
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    _db.session.refresh(actor)
    assert actor.licence == "CC-BY-4.0"
    login_as(client, make_user(role="admin"))
    assert client.post(f"/organisations/{actor.slug}/licence", data={"licence": "CC0-1.0"}).status_code == 302
    _db.session.refresh(actor)
    assert actor.licence == "CC0-1.0"


def test_an_unconfirmed_owner_reads_but_cannot_relicence(client, app):
    owner = make_user(email_verified_at=None)
    actor = make_actor("Unbestätigt eG", owner=owner, licence="CC-BY-4.0")
    login_as(client, owner)
    assert client.get(f"/organisations/{actor.slug}/licence").status_code == 200
    assert client.post(f"/organisations/{actor.slug}/licence", data={"licence": "CC0-1.0"}).status_code == 403
    _db.session.refresh(actor)
    assert actor.licence == "CC-BY-4.0"


def test_csrf_is_required(csrf_app, client, own):
    actor, owner, _editor = own
    login_as(client, owner)
    response = client.post(f"/organisations/{actor.slug}/licence", data={"licence": "CC0-1.0"})
    assert response.status_code == 400
    _db.session.refresh(actor)
    assert actor.licence == "CC-BY-4.0"


# The share-alike exception: every field taken from the source rewritten -------------------------------------


def imported_with_history(owner):
    """An ODbL record imported (its import revision says which fields came from the source), with an offering,
    then claimed by `owner`."""
    with revision_context("import"):
        actor = imported(description="Regionale Wertschöpfung", city="Leipzig")
        make_offering(actor, title="Beratung", description="Für Höfe", tags=["Regionalwert"])
    _db.session.add(Membership(user=owner, actor=actor, role="owner"))
    _db.session.commit()
    return actor


def rewrite(actor, owner, *, offering=True, **fields):
    with revision_context("form", owner):
        for name, value in fields.items():
            setattr(actor, name, value)
        if offering:
            item = actor.offerings[0]
            item.title, item.description = "Hofberatung", "Wir beraten Höfe in Sachsen."
            item.tags = get_or_create_tags(["Landwirtschaft"])
    _db.session.commit()


REWRITTEN = {"name": "Regionalwert Sachsen", "description": "Wir vernetzen Höfe.", "city": "Dresden"}


def test_a_claimed_odbl_import_whose_every_source_field_was_rewritten_may_take_any_licence(app):
    owner = make_user()
    actor = imported_with_history(owner)
    assert licensing.allowed(actor) == {"ODbL-1.0"}
    rewrite(actor, owner, **REWRITTEN)
    assert licensing.allowed(actor) is None and licensing.freed_from_share_alike(actor)
    licensing.relicence(actor, "CC0-1.0")
    assert actor.licence == "CC0-1.0" and actor.source_licence == "ODbL-1.0"


@pytest.mark.parametrize(
    "fields, offering",
    [
        ({**REWRITTEN, "city": "Leipzig"}, True),  # one field still holds the source's value
        ({"name": "Regionalwert Sachsen", "description": "Wir vernetzen Höfe."}, True),  # city never changed
        (REWRITTEN, False),  # the imported offering still reads as the source wrote it
    ],
)
def test_a_source_field_left_as_imported_keeps_the_share_alike_licence(app, fields, offering):
    owner = make_user()
    actor = imported_with_history(owner)
    rewrite(actor, owner, offering=offering, **fields)
    with pytest.raises(DomainError) as refused:
        licensing.relicence(actor, "CC0-1.0")
    assert "until every field taken from the source has been rewritten" in refused.value.message


def test_deleting_the_imported_offering_counts_as_rewriting_it(app):
    owner = make_user()
    actor = imported_with_history(owner)
    rewrite(actor, owner, offering=False, **REWRITTEN)
    _db.session.delete(actor.offerings[0])
    _db.session.commit()
    assert licensing.allowed(actor) is None


def test_an_unclaimed_rewritten_import_still_keeps_its_source_licence(app):
    owner = make_user()
    actor = imported_with_history(owner)
    rewrite(actor, owner, **REWRITTEN)
    _db.session.execute(sa.delete(Membership).where(Membership.actor_id == actor.id))
    _db.session.commit()
    _db.session.expire_all()
    assert licensing.allowed(actor) == {"ODbL-1.0"}


def test_the_licence_page_says_the_source_fields_were_rewritten_and_accepts_cc0(client, app):
    owner = make_user()
    actor = imported_with_history(owner)
    login_as(client, owner)
    page = client.get(f"/organisations/{actor.slug}/licence").get_data(as_text=True)
    assert 'id="rewritten"' not in page
    rewrite(actor, owner, **REWRITTEN)
    page = client.get(f"/organisations/{actor.slug}/licence").get_data(as_text=True)
    assert 'id="rewritten"' in page
    response = client.post(f"/organisations/{actor.slug}/licence", data={"licence": "CC0-1.0"})
    assert response.status_code == 302
    _db.session.expire_all()
    assert _db.session.get(type(actor), actor.id).licence == "CC0-1.0"
