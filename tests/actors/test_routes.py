"""Organisation pages through the test client: directory, create and duplicates, edit, members, claims."""

import sqlalchemy as sa

from innovex.extensions import db
from innovex.mail import outbox_messages
from innovex.models import Actor, Invitation, Membership, MembershipRequest, Sector
from tests.actors.conftest import snapshot
from tests.factories import login_as, make_actor, make_offering, make_user

EN = {"Accept-Language": "en"}


def profile(**changes):
    data = {"name": "Solarkollektiv Nord eG", "kind": "cooperative", "country": "DE"}
    return {**data, **changes}


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_create_makes_an_owned_profile(client):
    user = make_user()
    login_as(client, user)
    energy = db.session.scalar(sa.select(Sector).where(Sector.slug == "energy"))
    data = profile(website="https://solar-nord.de", sector_ids=[str(energy.id)], lat="53.5", lon="10.0",
                   founded="2012", members="40", description="Wir *bauen* Solaranlagen.")  # fmt: skip
    response = client.post("/organisations/new", data=data)
    assert response.status_code == 302
    actor = db.session.scalar(sa.select(Actor))
    assert response.headers["Location"].endswith(f"/organisations/{actor.slug}")
    assert (actor.website_domain, actor.lat, actor.founded, actor.sectors) == (
        "solar-nord.de",
        53.5,
        2012,
        [energy],
    )
    assert actor.role_of(user) == "owner"
    page = client.get(f"/organisations/{actor.slug}").get_data(as_text=True)
    assert "<em>bauen</em>" in page and "Solarkollektiv Nord eG" in page


def test_create_shows_possible_duplicates_instead_of_creating(client):
    owned = make_actor("Solarkollektiv Nord", owner=make_user(), website_domain="solar-nord.de")
    ownerless = make_actor("Solar Kollektiv-Nord GmbH")
    make_actor("Versteckt Solarkollektiv Nord", status="hidden", website_domain="solar-nord.de")
    login_as(client, make_user())
    response = client.post("/organisations/new", data=profile(website="http://www.solar-nord.de"), headers=EN)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert count(Actor) == 3
    assert f"/organisations/{owned.slug}/join" in page and f"/organisations/{ownerless.slug}/claim" in page
    assert "Versteckt" not in page
    response = client.post("/organisations/new", data=profile(different_organisation="y"))
    assert response.status_code == 302 and count(Actor) == 4


def test_editor_edits_and_owner_deletes(client):
    owner, editor = make_user(), make_user()
    actor = make_actor("Alt", owner=owner, editors=[editor], slug="alt")
    login_as(client, editor)
    assert client.get(f"/organisations/{actor.slug}/edit").status_code == 200
    response = client.post(f"/organisations/{actor.slug}/edit", data=profile(name="Neu", legal_form="ev"))
    assert response.status_code == 302
    assert (actor.name, actor.legal_form, actor.slug) == ("Neu", "ev", "alt")
    assert client.post(f"/organisations/{actor.slug}/delete", data={"confirm": "y"}).status_code == 403
    login_as(client, owner)
    response = client.post(f"/organisations/{actor.slug}/delete", data={}, headers=EN)
    assert response.status_code == 422 and "tick the box" in response.get_data(as_text=True)
    assert client.post(f"/organisations/{actor.slug}/delete", data={"confirm": "y"}).status_code == 302
    assert count(Actor) == 0


def test_hidden_profiles_are_404_for_outsiders(client):
    owner = make_user()
    actor = make_actor(owner=owner, status="hidden")
    offering = make_offering(actor)
    for url in (
        f"/organisations/{actor.slug}",
        f"/organisations/{actor.slug}/join",
        f"/offerings/{offering.id}",
    ):
        assert client.get(url).status_code in (404, 302)
    login_as(client, make_user())
    for url in (
        f"/organisations/{actor.slug}",
        f"/organisations/{actor.slug}/edit",
        f"/offerings/{offering.id}",
    ):
        assert client.get(url).status_code == 404
    assert actor.name not in client.get("/organisations/").get_data(as_text=True)
    login_as(client, owner)
    assert client.get(f"/organisations/{actor.slug}").status_code == 200


def test_detail_shows_members_only_to_logged_in_users_and_marks_expired(client):
    from datetime import date

    owner = make_user(display_name="Olga Owner")
    actor = make_actor(owner=owner)
    make_offering(actor, title="Alte Hilfe", expires_at=date(2000, 1, 1))
    make_offering(actor, kind="need", title="Brauchen Räume")
    page = client.get(f"/organisations/{actor.slug}", headers=EN).get_data(as_text=True)
    assert "Olga Owner" not in page
    assert "Expired on" in page and "Brauchen Räume" in page
    assert f"/organisations/{actor.slug}/join" not in page  # anonymous: no button
    login_as(client, make_user())
    page = client.get(f"/organisations/{actor.slug}", headers=EN).get_data(as_text=True)
    assert "Olga Owner" in page and f"/organisations/{actor.slug}/join" in page


def test_directory_filters_count_and_pagination(client, app):
    app.config["PAGE_SIZE"] = 2
    for n in range(5):
        make_actor(f"Koop {n}", city="Leipzig")
    make_actor("Anders", city="Köln", kind="association")
    response = client.get("/organisations/?city=leipzig&kind=cooperative", headers=EN)
    page = response.get_data(as_text=True)
    assert "5 organisations found" in page
    assert "city=leipzig" in page and "page=2" in page  # filters kept in the pagination links
    page = client.get("/organisations/?city=leipzig&page=3", headers=EN).get_data(as_text=True)
    assert "Koop 4" in page and "Koop 0" not in page


def test_directory_ignores_invalid_filters_with_a_notice(client):
    make_actor("Eins")
    response = client.get(
        "/organisations/?kind=nonsense&sector=%00&country=XX&q="
        + "x" * 500
        + "&page=99999999999999999999999",
        headers=EN,
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "have been ignored" in page and "Kind" in page and "Country" in page


def test_members_page_invite_accept_roles_and_leave(client, app):
    owner, member = make_user(), make_user()
    actor = make_actor(owner=owner, members=[member])
    login_as(client, owner)
    invite = f"/organisations/{actor.slug}/members/invite"
    response = client.post(invite, data={"email": member.email, "role": "editor"}, headers=EN)
    assert response.status_code == 400 and "already a member" in response.get_data(as_text=True)
    assert count(Invitation) == 0
    invitee = make_user("neu@example.org")
    response = client.post(
        f"/organisations/{actor.slug}/members/invite", data={"email": "Neu@Example.org", "role": "editor"}
    )
    assert response.status_code == 302
    invitation = db.session.scalar(sa.select(Invitation))
    (mail,) = outbox_messages()
    assert f"/organisations/invitations/{invitation.token}" in mail.get_content()
    login_as(client, member)
    assert client.post(f"/organisations/invitations/{invitation.token}/accept").status_code == 403
    login_as(client, invitee)
    assert "Accept" in client.get(f"/organisations/invitations/{invitation.token}", headers=EN).get_data(
        as_text=True
    )
    assert client.post(f"/organisations/invitations/{invitation.token}/accept").status_code == 302
    assert actor.role_of(invitee) == "editor" and count(Invitation) == 0
    login_as(client, owner)
    response = client.post(
        f"/organisations/{actor.slug}/members/{owner.id}/role", data={"role": "member"}, headers=EN
    )
    assert response.status_code == 400 and "last owner" in response.get_data(as_text=True)
    response = client.post(f"/organisations/{actor.slug}/members/{owner.id}/remove", headers=EN)
    assert response.status_code == 400 and actor.role_of(owner) == "owner"
    response = client.post(f"/organisations/{actor.slug}/members/{member.id}/role", data={"role": "king"})
    assert response.status_code == 400 and actor.role_of(member) == "member"
    assert (
        client.post(
            f"/organisations/{actor.slug}/members/{member.id}/role", data={"role": "owner"}
        ).status_code
        == 302
    )
    assert client.post(f"/organisations/{actor.slug}/leave").status_code == 302
    assert actor.role_of(owner) is None and actor.owners == [member]
    assert client.post(f"/organisations/{actor.slug}/members/{member.id}/remove").status_code in (302, 403)


def test_members_of_another_actor_cannot_be_managed_through_mine(client):
    owner, stranger = make_user(), make_user()
    mine = make_actor(owner=owner)
    make_actor(owner=stranger)
    login_as(client, owner)
    before = snapshot()
    assert client.post(f"/organisations/{mine.slug}/members/{stranger.id}/remove").status_code == 404
    assert (
        client.post(
            f"/organisations/{mine.slug}/members/{stranger.id}/role", data={"role": "member"}
        ).status_code
        == 404
    )
    assert snapshot() == before


def test_join_request_decided_on_the_members_page(client):
    owner, user = make_user(), make_user()
    actor = make_actor(owner=owner)
    login_as(client, user)
    assert client.post(f"/organisations/{actor.slug}/join", data={"message": "Hallo!"}).status_code == 302
    response = client.post(f"/organisations/{actor.slug}/join", data={"message": "nochmal"}, headers=EN)
    assert response.status_code == 422 and "already asked" in response.get_data(as_text=True)
    request = db.session.scalar(sa.select(MembershipRequest))
    login_as(client, owner)
    assert "Hallo!" in client.get(f"/organisations/{actor.slug}/members").get_data(as_text=True)
    assert (
        client.post(
            f"/organisations/{actor.slug}/requests/{request.id}", data={"decision": "maybe"}
        ).status_code
        == 400
    )
    assert request.state == "open"
    assert (
        client.post(
            f"/organisations/{actor.slug}/requests/{request.id}", data={"decision": "accept"}
        ).status_code
        == 302
    )
    assert actor.role_of(user) == "member"


def test_a_request_of_another_actor_cannot_be_decided_through_mine(client):
    owner = make_user()
    mine, other = make_actor(owner=owner), make_actor(owner=make_user())
    request = MembershipRequest(actor=other, user=make_user(), kind="join")
    db.session.add(request)
    db.session.commit()
    login_as(client, owner)
    assert (
        client.post(
            f"/organisations/{mine.slug}/requests/{request.id}", data={"decision": "accept"}
        ).status_code
        == 404
    )
    assert request.state == "open"


def test_claims_are_decided_by_moderators(client):
    actor, user, moderator = make_actor("Importiert"), make_user(), make_user(role="moderator")
    login_as(client, user)
    assert (
        client.post(f"/organisations/{actor.slug}/claim", data={"message": "Das sind wir"}).status_code == 302
    )
    claim = db.session.scalar(sa.select(MembershipRequest))
    login_as(client, moderator)
    assert "Das sind wir" in client.get("/organisations/claims").get_data(as_text=True)
    assert client.post(f"/organisations/claims/{claim.id}", data={"decision": "accept"}).status_code == 302
    assert actor.owners == [user]
    assert client.post(f"/organisations/claims/{claim.id}", data={"decision": "accept"}).status_code == 400
    assert count(Membership) == 1


def test_posts_without_csrf_token_change_nothing(csrf_app, client):
    owner = make_user()
    actor = make_actor(owner=owner)
    login_as(client, owner)
    before = snapshot()
    for url in (
        f"/organisations/{actor.slug}/delete",
        "/organisations/new",
        f"/organisations/{actor.slug}/leave",
    ):
        assert (
            client.post(url, data={"confirm": "y", **profile(different_organisation="y")}).status_code == 400
        )
    assert snapshot() == before


def test_detail_and_lists_respect_the_field_group_levels(client):
    member = make_user()
    actor = make_actor("Diskret", members=[member], email="info@diskret.de", founded=1990,
                       visibility={"offerings": "private", "figures": "network"})  # fmt: skip
    offering = make_offering(actor, title="Geheimes Angebot", tags=["geheim"])
    page = client.get(f"/organisations/{actor.slug}").get_data(as_text=True)
    assert "Geheimes Angebot" not in page and "info@diskret.de" not in page and "1990" not in page
    assert client.get(f"/offerings/{offering.id}").status_code == 404
    assert "Geheimes Angebot" not in client.get("/offerings/").get_data(as_text=True)
    assert "Diskret" not in client.get("/organisations/?tag=geheim").get_data(as_text=True)
    assert "Diskret" not in client.get("/organisations/?q=Geheimes").get_data(as_text=True)
    login_as(client, member)
    page = client.get(f"/organisations/{actor.slug}").get_data(as_text=True)
    assert "Geheimes Angebot" in page and "info@diskret.de" in page and "1990" in page
    assert "Diskret" in client.get("/organisations/?q=Geheimes").get_data(as_text=True)
