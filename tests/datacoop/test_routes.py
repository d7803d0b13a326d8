"""Visibility settings, "still correct" confirmation, relations: who may do it; refusals change nothing."""

from datetime import timedelta

import pytest

from innovex.extensions import db
from innovex.models import Notification, Relation
from innovex.models.base import utcnow
from tests.factories import login, make_actor, make_user

LEVELS = {
    "location": "private",
    "contact": "public",
    "figures": "network",
    "website": "public",
    "offerings": "network",
}


@pytest.fixture
def org(app):
    owner, editor, member = make_user(), make_user(), make_user()
    actor = make_actor(owner=owner, editors=[editor], members=[member])
    return {"actor": actor, "owner": owner, "editor": editor, "member": member, "stranger": make_user()}


def test_editor_saves_visibility(client, org):
    login(client, org["editor"])
    response = client.post(f"/organisations/{org['actor'].slug}/visibility", data=LEVELS)
    assert response.status_code == 302
    db.session.refresh(org["actor"])
    assert org["actor"].visibility == LEVELS


@pytest.mark.parametrize("who, status", [("member", 403), ("stranger", 403)])
def test_others_may_not_change_visibility(client, org, who, status):
    login(client, org[who])
    assert client.get(f"/organisations/{org['actor'].slug}/visibility").status_code == status
    assert client.post(f"/organisations/{org['actor'].slug}/visibility", data=LEVELS).status_code == status
    db.session.refresh(org["actor"])
    assert org["actor"].visibility == {}


def test_anonymous_is_sent_to_login_and_hidden_profiles_are_404(client, org):
    response = client.post(f"/organisations/{org['actor'].slug}/visibility", data=LEVELS)
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    org["actor"].status = "hidden"
    db.session.commit()
    login(client, org["stranger"])
    assert client.post(f"/organisations/{org['actor'].slug}/visibility", data=LEVELS).status_code == 404
    db.session.refresh(org["actor"])
    assert org["actor"].visibility == {}


def test_unknown_level_is_refused_with_422(client, org):
    login(client, org["owner"])
    response = client.post(
        f"/organisations/{org['actor'].slug}/visibility", data={**LEVELS, "contact": "all"}
    )
    assert response.status_code == 422
    db.session.refresh(org["actor"])
    assert org["actor"].visibility == {}


def test_visibility_post_needs_csrf(csrf_app, org):
    client = csrf_app.test_client()
    login_page = client.get("/auth/login").get_data(as_text=True)
    token = login_page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    client.post(
        "/auth/login",
        data={"email": org["owner"].email, "password": "correct horse battery staple", "csrf_token": token},
    )
    response = client.post(f"/organisations/{org['actor'].slug}/visibility", data=LEVELS)
    assert response.status_code == 400
    db.session.refresh(org["actor"])
    assert org["actor"].visibility == {}


def test_editor_confirms_profile_and_stranger_cannot(client, org):
    slug = org["actor"].slug
    login(client, org["stranger"])
    assert client.post(f"/organisations/{slug}/confirm").status_code == 403
    db.session.refresh(org["actor"])
    assert org["actor"].confirmed_at is None
    client.post("/auth/logout")
    login(client, org["editor"])
    assert client.post(f"/organisations/{slug}/confirm").status_code == 302
    db.session.refresh(org["actor"])
    assert org["actor"].confirmed_at is not None


def _propose(client, org, target, kind="member_of"):
    login(client, org["owner"])
    return client.post(f"/organisations/{org['actor'].slug}/relations", data={"kind": kind, "target": target})


def test_owner_proposes_other_owner_confirms(client, org):
    other_owner = make_user()
    federation = make_actor("Dachverband", owner=other_owner)
    response = _propose(client, org, f"http://localhost/organisations/{federation.slug}")
    assert response.status_code == 302
    relation = db.session.query(Relation).one()
    assert (relation.subject_id, relation.object_id, relation.state) == (
        org["actor"].id,
        federation.id,
        "proposed",
    )
    notice = db.session.query(Notification).filter_by(user_id=other_owner.id).one()
    assert notice.kind == "relation" and notice.actor_id == org["actor"].id
    assert "Waiting for the other side" in client.get(
        f"/organisations/{org['actor'].slug}/relations"
    ).get_data(as_text=True)
    # the proposing side cannot confirm its own proposal
    assert client.post(f"/organisations/relations/{relation.id}/confirm").status_code == 403
    db.session.refresh(relation)
    assert relation.state == "proposed"
    client.post("/auth/logout")
    login(client, other_owner)
    assert client.post(f"/organisations/relations/{relation.id}/confirm").status_code == 302
    db.session.refresh(relation)
    assert relation.state == "confirmed"
    assert db.session.query(Notification).filter_by(user_id=org["owner"].id, kind="relation").count() == 1


@pytest.mark.parametrize("target, message", [("nobody-here", "no organisation"), ("SELF", "itself")])
def test_bad_proposals_are_refused(client, org, target, message):
    target = org["actor"].slug if target == "SELF" else target
    response = _propose(client, org, target)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.session.query(Relation).count() == 0


def test_duplicate_proposal_and_non_owner_proposal_are_refused(client, org):
    target = make_actor(owner=make_user())
    assert _propose(client, org, target.slug).status_code == 302
    assert _propose(client, org, target.slug).status_code == 422
    client.post("/auth/logout")
    login(client, org["editor"])
    data = {"kind": "partner_of", "target": target.slug}
    assert client.post(f"/organisations/{org['actor'].slug}/relations", data=data).status_code == 403
    assert db.session.query(Relation).count() == 1


def test_strangers_cannot_confirm_or_remove(client, org):
    target = make_actor(owner=make_user())
    _propose(client, org, target.slug)
    relation = db.session.query(Relation).one()
    client.post("/auth/logout")
    login(client, org["stranger"])
    assert client.post(f"/organisations/relations/{relation.id}/confirm").status_code == 403
    assert client.post(f"/organisations/relations/{relation.id}/remove").status_code == 403
    assert client.post("/organisations/relations/999/remove").status_code == 404
    db.session.refresh(relation)
    assert relation.state == "proposed"


def test_confirmed_relation_shows_on_both_profiles_and_either_side_removes(app, client, org):
    other_owner = make_user()
    target = make_actor("Partnerin eG", owner=other_owner)
    relation = Relation(
        subject=org["actor"], object=target, kind="supplier_of", state="confirmed", confirmed_at=utcnow()
    )
    db.session.add(relation)
    db.session.commit()
    from flask import render_template_string

    with app.test_request_context("/"):
        mine = render_template_string('{% include "datacoop/_relations.html" %}', actor=org["actor"])
        theirs = render_template_string('{% include "datacoop/_relations.html" %}', actor=target)
    assert "Supplier of" in mine and "Partnerin eG" in mine
    assert "Customer of" in theirs and org["actor"].name in theirs
    login(client, other_owner)
    assert client.post(f"/organisations/relations/{relation.id}/remove").status_code == 302
    assert db.session.query(Relation).count() == 0


def test_relations_page_is_for_owners(client, org):
    login(client, org["member"])
    assert client.get(f"/organisations/{org['actor'].slug}/relations").status_code == 403
    client.post("/auth/logout")
    login(client, org["owner"])
    assert client.get(f"/organisations/{org['actor'].slug}/relations").status_code == 200


def test_old_profiles_are_stale(app, org):
    import sqlalchemy as sa

    from innovex.datacoop.freshness import is_stale, stale_clause
    from innovex.models import Actor

    actor = org["actor"]
    actor.created_at = utcnow() - timedelta(days=500)
    db.session.commit()
    stale_ids = set(db.session.scalars(sa.select(Actor.id).where(stale_clause())))
    assert is_stale(actor) and actor.id in stale_ids
    actor.confirmed_at = utcnow() - timedelta(days=400)
    db.session.commit()
    stale_ids = set(db.session.scalars(sa.select(Actor.id).where(stale_clause())))
    assert not is_stale(actor) and actor.id not in stale_ids
