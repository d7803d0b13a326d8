"""Organisation services, called directly: profiles, slugs, duplicates, memberships, requests and claims."""

import pytest
import sqlalchemy as sa

from innovex.actors import membership, services
from innovex.actors.services import ActorProfile, DirectoryFilters, directory_query, find_possible_duplicates
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.mail import outbox_messages
from innovex.models import Actor, Invitation, Membership, MembershipRequest, Notification, Sector
from tests.factories import make_actor, make_offering, make_user


@pytest.fixture(autouse=True)
def _request(app):
    """Translated messages need a request (the language comes from it)."""
    with app.test_request_context():
        yield


def create(name="Gemüse eG", owner=None, **fields) -> Actor:
    actor = services.create_actor(owner or make_user(), ActorProfile(name=name, kind="cooperative", **fields))
    db.session.commit()
    return actor


def test_create_makes_the_creator_owner_and_normalises(app):
    user = make_user()
    sector = db.session.scalars(sa.select(Sector)).first()
    actor = create("  Gemüse   Kollektiv eG ", owner=user, website="https://www.Gemuese.de/about",
                   sector_ids=[sector.id], city=" Leipzig ")  # fmt: skip
    assert actor.name == "Gemüse Kollektiv eG"
    assert actor.name_key == "gemuese kollektiv"
    assert actor.website_domain == "gemuese.de"
    assert actor.slug == "gemuese-kollektiv-eg"
    assert actor.city == "Leipzig"
    assert actor.sectors == [sector]
    assert actor.role_of(user) == "owner"


def test_slugs_are_unique_and_avoid_route_names(app):
    assert create("Kiez").slug == "kiez"
    assert create("Kiez!").slug == "kiez-2"
    assert create("KIEZ").slug == "kiez-3"
    assert create("New").slug == "new-2"
    assert create("Claims").slug == "claims-2"


def test_update_keeps_the_slug(app):
    actor = create("Alt")
    services.update_actor(actor, ActorProfile(name="Ganz Neu", kind="association", website="http://neu.org"))
    db.session.commit()
    assert (actor.slug, actor.name, actor.name_key, actor.website_domain) == (
        "alt",
        "Ganz Neu",
        "ganz neu",
        "neu.org",
    )


def test_profile_rules_raise_domain_errors(app):
    actor = create("Regel")
    for profile, field in [
        (ActorProfile(name="   ", kind="cooperative"), "name"),
        (ActorProfile(name="X", kind="nonsense"), "kind"),
        (ActorProfile(name="X", kind="cooperative", legal_form="plc"), "legal_form"),
        (ActorProfile(name="X", kind="cooperative", lat=52.5), "lat"),
    ]:
        with pytest.raises(DomainError) as error:
            services.update_actor(actor, profile)
        assert error.value.field == field
        db.session.rollback()
    with pytest.raises(DomainError):
        services.update_actor(actor, ActorProfile(name="X", kind="cooperative", sector_ids=[99999]))


def test_delete_is_refused_while_the_actor_owns_projects(app):
    from innovex.models import Project

    actor = create("Projekthalter")
    db.session.add(Project(slug="p", actor=actor, title="P", summary="S"))
    db.session.commit()
    with pytest.raises(DomainError):
        services.delete_actor(actor)


def test_delete_removes_memberships_and_offerings(app):
    owner = make_user()
    actor = make_actor("Weg", owner=owner)
    make_offering(actor)
    services.delete_actor(actor)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Membership)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Actor)) == 0


# Duplicates -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "website"),
    [
        ("Etwas ganz anderes", "https://www.solarkollektiv.de/kontakt"),  # same domain despite www. and path
        ("Etwas ganz anderes", "HTTP://SOLARKOLLEKTIV.DE"),  # case
        ("solarkollektiv", None),  # same name key (legal form and case dropped)
        ("Solar-Kollektiv e.G.", None),
        ("Solarkolektiv eG", None),  # a typo: very similar name
    ],
)
def test_duplicates_are_found(app, name, website):
    existing = make_actor(
        "Solarkollektiv eG", website="https://solarkollektiv.de", website_domain="solarkollektiv.de"
    )
    assert find_possible_duplicates(name, website) == [existing]


def test_shared_hosts_and_different_names_are_not_duplicates(app):
    make_actor("Solarkollektiv eG", website="https://facebook.com/solar", website_domain=None)
    assert find_possible_duplicates("Bäckerei Morgenrot", "https://www.facebook.com/morgenrot") == []
    assert find_possible_duplicates("Windkraft Nord", None) == []
    assert find_possible_duplicates("!!!", None) == []


def test_duplicates_in_the_same_city_come_first(app):
    far = make_actor("Kollektiv Mitte", city="Hamburg")
    near = make_actor("Kollektiv Mitte eG", city="Leipzig")
    assert find_possible_duplicates("Kollektiv Mitte", None, city="leipzig") == [near, far]


# Directory --------------------------------------------------------------------------------------------


def names(filters, viewer=None):
    return [a.name for a in db.session.scalars(directory_query(filters, viewer))]


def test_directory_filters_combine(app):
    energy = db.session.scalar(sa.select(Sector).where(Sector.slug == "energy"))
    a = make_actor("Alpha", kind="cooperative", city="Leipzig", legal_form="eg")
    a.sectors = [energy]
    make_actor("Beta", kind="association", city="Leipzig", description="100% Ökostrom_fair")
    make_actor("Gamma", kind="cooperative", city="Berlin", country="AT")
    make_offering(a, title="Solarberatung", tags=["Energie Beratung"])
    make_offering(make_actor("Delta"), kind="need", tags=["energie beratung"])
    hidden = make_actor("Hidden", status="hidden")
    db.session.commit()
    assert names(DirectoryFilters()) == ["Alpha", "Beta", "Delta", "Gamma"]
    assert names(DirectoryFilters(kind="cooperative", city="leipzig")) == ["Alpha"]
    assert names(DirectoryFilters(sector="energy")) == ["Alpha"]
    assert names(DirectoryFilters(legal_form="eg")) == ["Alpha"]
    assert names(DirectoryFilters(country="AT")) == ["Gamma"]
    assert names(DirectoryFilters(tag=" ENERGIE  beratung")) == ["Alpha"]  # offers only, normalised
    assert names(DirectoryFilters(q="solarBER")) == ["Alpha"]  # offering titles are searched
    assert names(DirectoryFilters(q="100%")) == ["Beta"]
    assert names(DirectoryFilters(q="%")) == ["Beta"]  # % is literal, not a wildcard
    assert names(DirectoryFilters(q="m_fair")) == ["Beta"]
    assert names(DirectoryFilters(q="o_")) == []
    owner = make_user()
    db.session.add(Membership(user=owner, actor=hidden, role="owner"))
    db.session.commit()
    assert "Hidden" in names(DirectoryFilters(), owner)
    assert "Hidden" in names(DirectoryFilters(), make_user(role="moderator"))


# Memberships ------------------------------------------------------------------------------------------


def test_last_owner_cannot_leave_be_removed_or_demoted(app):
    owner, editor = make_user(), make_user()
    actor = make_actor(owner=owner, editors=[editor])
    own = membership.membership_of(actor, owner.id)
    for attempt in (lambda: membership.leave(own), lambda: membership.remove_member(own),
                    lambda: membership.set_role(own, "editor")):  # fmt: skip
        with pytest.raises(DomainError):
            attempt()
    assert own.role == "owner"
    membership.set_role(membership.membership_of(actor, editor.id), "owner")
    membership.set_role(own, "member")  # another owner exists now
    membership.leave(own)
    db.session.commit()
    assert actor.owners == [editor]


def test_invitation_flow(app):
    owner, invitee = make_user(), make_user("Invitee@Example.org")
    actor = make_actor(owner=owner)
    invitation = membership.invite(actor, " INVITEE@example.org ", "editor", owner)
    db.session.commit()
    membership.send_invitation_mail(invitation)
    (mail,) = outbox_messages()
    assert mail["To"] == "invitee@example.org"
    assert f"/organisations/invitations/{invitation.token}" in mail.get_content()
    assert (
        db.session.scalar(sa.select(Notification.kind).where(Notification.user_id == invitee.id))
        == "invitation"
    )
    with pytest.raises(DomainError):
        membership.accept_invitation(invitation, make_user())  # another address
    membership.accept_invitation(invitation, invitee)
    db.session.commit()
    assert actor.role_of(invitee) == "editor"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Invitation)) == 0


def test_inviting_a_member_is_refused_and_reinviting_renews(app):
    owner, member = make_user(), make_user()
    actor = make_actor(owner=owner, members=[member])
    with pytest.raises(DomainError) as error:
        membership.invite(actor, member.email.upper(), "member", owner)
    assert error.value.field == "email"
    first = membership.invite(actor, "x@example.org", "member", owner)
    token = first.token
    again = membership.invite(actor, "x@example.org", "owner", owner)
    assert again.id == first.id and again.role == "owner" and again.token != token
    with pytest.raises(DomainError):
        membership.invite(actor, "y@example.org", "king", owner)


def test_join_request_is_decided_by_owners(app):
    owner, user = make_user(), make_user()
    actor = make_actor(owner=owner)
    request = membership.request_membership(actor, user, "join", " Hallo ")
    assert request.message == "Hallo"
    assert (
        db.session.scalar(sa.select(Notification.user_id).where(Notification.kind == "membership"))
        == owner.id
    )
    with pytest.raises(DomainError):
        membership.request_membership(actor, user, "join", "again")
    with pytest.raises(DomainError):
        membership.request_membership(actor, user, "claim", "has owners")
    membership.decide_request(request, True, owner)
    db.session.commit()
    assert actor.role_of(user) == "member" and request.state == "accepted"
    with pytest.raises(DomainError):
        membership.decide_request(request, False, owner)
    with pytest.raises(DomainError):
        membership.request_membership(actor, user, "join", "already in")


def test_claim_accepted_makes_the_requester_owner(app):
    actor, user, moderator = make_actor(), make_user(), make_user(role="moderator")
    with pytest.raises(DomainError):
        membership.request_membership(actor, user, "join", "no owners to decide")
    claim = membership.request_membership(actor, user, "claim", "Wir sind das")
    membership.decide_request(claim, True, moderator)
    db.session.commit()
    assert actor.owners == [user]
    assert (
        db.session.scalar(sa.select(Notification.user_id).where(Notification.kind == "membership")) == user.id
    )


def test_a_second_claim_cannot_be_accepted_once_the_first_was(app):
    actor, moderator = make_actor(), make_user(role="moderator")
    first, second = make_user(), make_user()
    claims = [membership.request_membership(actor, user, "claim", "Wir sind das") for user in (first, second)]
    membership.decide_request(claims[0], True, moderator)
    db.session.commit()
    with pytest.raises(DomainError):
        membership.decide_request(claims[1], True, moderator)
    db.session.rollback()
    assert actor.owners == [first] and claims[1].state == "open"


def test_declined_request_changes_no_membership(app):
    owner, user = make_user(), make_user()
    actor = make_actor(owner=owner)
    request = membership.request_membership(actor, user, "join", "")
    membership.decide_request(request, False, owner)
    db.session.commit()
    assert actor.role_of(user) is None and request.state == "declined"
    assert db.session.get(MembershipRequest, request.id).decided_by_id == owner.id
