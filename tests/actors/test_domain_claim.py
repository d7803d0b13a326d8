"""Claiming an ownerless profile by confirming an email address at its website's domain."""

import re

import pytest
import sqlalchemy as sa
from itsdangerous import TimestampSigner

from innovex.actors import domain_claim
from innovex.actors.email_domains import email_matches_site, is_free_mail, registrable_domain
from innovex.extensions import db
from innovex.extensions import db as _db
from innovex.mail import outbox_messages
from innovex.models import Membership, MembershipRequest
from tests.actors.conftest import snapshot
from tests.conftest import build_app
from tests.factories import login_as, make_actor, make_user


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("www.kollektiv.example", "kollektiv.example"),
        ("kollektiv.de", "kollektiv.de"),
        ("a.b.kollektiv.de", "kollektiv.de"),
        ("shop.kollektiv.co.uk", "kollektiv.co.uk"),
        ("co.uk", None),
        ("de", None),
        ("192.168.1.10", None),
        ("", None),
        (None, None),
        ("müller-eg.de", "xn--mller-eg-65a.de"),
    ],
)
def test_registrable_domain(host, expected):
    assert registrable_domain(host) == expected


@pytest.mark.parametrize(
    ("email_domain", "site", "ok"),
    [
        ("kollektiv.example", "www.kollektiv.example", True),
        ("mail.kollektiv.example", "www.kollektiv.example", True),
        ("kollektiv.example", "shop.kollektiv.example", True),
        ("KOLLEKTIV.EXAMPLE", "kollektiv.example", True),
        ("evilkollektiv.example", "kollektiv.example", False),
        ("kollektiv.example.evil.org", "kollektiv.example", False),
        ("example", "kollektiv.example", False),
        ("other.co.uk", "kollektiv.co.uk", False),
    ],
)
def test_email_matches_site(email_domain, site, ok):
    assert email_matches_site(email_domain, site) is ok


@pytest.mark.parametrize("domain", ["gmail.com", "GMX.de", "web.de", "posteo.de", "mail.yahoo.com"])
def test_free_mail_providers_are_recognised(domain):
    assert is_free_mail(domain)
    assert not is_free_mail("kollektiv.example")


@pytest.fixture
def kollektiv(app):
    return make_actor(
        "Kollektiv eG", website="https://www.kollektiv.example/ueber-uns", website_domain="kollektiv.example"
    )


@pytest.fixture
def anna(client):
    user = make_user("anna@example.org", display_name="Anna", locale="en")
    login_as(client, user)
    return user


def claim_link(actor) -> str:
    [message] = [m for m in outbox_messages() if actor.name in m["Subject"]]
    return re.search(r"https?://\S+", message.get_content()).group(0).replace("http://localhost", "")


def owners(actor) -> list[int]:
    db.session.expire_all()
    return sorted(
        db.session.scalars(
            sa.select(Membership.user_id).where(Membership.actor_id == actor.id, Membership.role == "owner")
        )
    )


def test_claim_by_email_makes_the_claimant_owner(client, kollektiv, anna):
    page = client.get(f"/organisations/{kollektiv.slug}/claim/email").get_data(as_text=True)
    assert "kollektiv.example" in page
    response = client.post(
        f"/organisations/{kollektiv.slug}/claim/email", data={"email": " Info@Kollektiv.example "}
    )
    assert response.status_code == 302
    [mail] = outbox_messages()
    assert mail["To"] == "info@kollektiv.example"
    assert "Anna" in mail.get_content()
    link = claim_link(kollektiv)
    assert link.startswith(f"/organisations/{kollektiv.slug}/claim/email/")

    page = client.get(link)  # opening shows a button and changes nothing (mail scanners open links too)
    assert page.status_code == 200
    assert "Become the owner" in page.get_data(as_text=True)
    assert owners(kollektiv) == []

    response = client.post(link)
    assert response.status_code == 302
    assert owners(kollektiv) == [anna.id]
    record = db.session.scalar(sa.select(MembershipRequest).where(MembershipRequest.actor_id == kollektiv.id))
    assert (record.kind, record.state, record.decided_by_id) == ("claim", "accepted", anna.id)
    assert "info@kollektiv.example" in record.message

    again = client.post(link)  # single use: the profile has an owner now
    assert again.status_code == 400
    assert "owner by now" in again.get_data(as_text=True)


def test_an_open_moderator_claim_of_the_claimant_is_settled(client, kollektiv, anna):
    db.session.add(MembershipRequest(actor=kollektiv, user=anna, kind="claim", message="Wir sind das"))
    db.session.commit()
    client.post(
        f"/organisations/{kollektiv.slug}/claim/email", data={"email": "vorstand@mail.kollektiv.example"}
    )
    assert client.post(claim_link(kollektiv)).status_code == 302
    [record] = db.session.scalars(
        sa.select(MembershipRequest).where(MembershipRequest.actor_id == kollektiv.id)
    )
    assert record.state == "accepted"
    assert record.message.startswith("Wir sind das")


def test_a_site_on_a_subdomain_accepts_the_registrable_domain(client, anna):
    actor = make_actor("Laden", website="https://shop.laden.example", website_domain="shop.laden.example")
    response = client.post(f"/organisations/{actor.slug}/claim/email", data={"email": "info@laden.example"})
    assert response.status_code == 302
    assert client.post(claim_link(actor)).status_code == 302
    assert owners(actor) == [anna.id]


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("someone@gmail.com", "can be had by anyone"),
        ("info@other.example", "must be at kollektiv.example"),
        ("info@evilkollektiv.example", "must be at kollektiv.example"),
        ("info@kollektiv.example.evil.org", "must be at kollektiv.example"),
        ("not an address", "valid email"),
        ("", "This field is required"),
    ],
)
def test_refused_addresses_send_nothing_and_change_nothing(client, kollektiv, anna, email, message):
    before = snapshot()
    response = client.post(f"/organisations/{kollektiv.slug}/claim/email", data={"email": email})
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert message in body
    assert "field-error" in body
    assert outbox_messages() == []
    assert snapshot() == before


def test_a_profile_without_its_own_website_cannot_be_claimed_by_email(client, anna):
    actor = make_actor("Ohne Website", website="https://www.facebook.com/ohnewebsite")
    page = client.get(f"/organisations/{actor.slug}/claim/email").get_data(as_text=True)
    assert "cannot be claimed by email" in page
    response = client.post(f"/organisations/{actor.slug}/claim/email", data={"email": "info@facebook.com"})
    assert response.status_code == 422
    assert "ask the moderators" in response.get_data(as_text=True)
    assert outbox_messages() == []


def test_owned_profiles_and_anonymous_visitors_are_refused(client, kollektiv):
    owned = make_actor(
        "Owned", owner=make_user(), website="https://owned.example", website_domain="owned.example"
    )
    assert client.get(f"/organisations/{kollektiv.slug}/claim/email").status_code == 302  # to the login
    login_as(client, make_user())
    assert (
        client.post(f"/organisations/{owned.slug}/claim/email", data={"email": "a@owned.example"}).status_code
        == 403
    )
    assert outbox_messages() == []


def test_another_account_cannot_use_the_link(app, client, kollektiv, anna):
    client.post(f"/organisations/{kollektiv.slug}/claim/email", data={"email": "info@kollektiv.example"})
    link = claim_link(kollektiv)
    other = app.test_client()
    login_as(other, make_user())
    before = snapshot()
    for method in (other.get, other.post):
        response = method(link)
        assert response.status_code == 400
        assert "sent for another account" in response.get_data(as_text=True)
    assert snapshot() == before


def test_tampered_and_foreign_links_are_refused(client, kollektiv, anna):
    other = make_actor("Anderes", website="https://anderes.example", website_domain="anderes.example")
    client.post(f"/organisations/{kollektiv.slug}/claim/email", data={"email": "info@kollektiv.example"})
    link = claim_link(kollektiv)
    before = snapshot()
    tampered = link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB")
    assert "not valid" in client.post(tampered).get_data(as_text=True)
    foreign = link.replace(f"/organisations/{kollektiv.slug}/", f"/organisations/{other.slug}/")
    response = client.post(foreign)
    assert response.status_code == 400
    assert "not valid" in response.get_data(as_text=True)
    assert snapshot() == before


def test_expired_links_are_refused(client, kollektiv, anna, monkeypatch):
    real = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: real(self) - 3 * 24 * 3600)
    token = domain_claim.claim_token(kollektiv, anna, "info@kollektiv.example")  # signed three days ago
    monkeypatch.setattr(TimestampSigner, "get_timestamp", real)
    before = snapshot()
    response = client.post(f"/organisations/{kollektiv.slug}/claim/email/{token}")
    assert response.status_code == 400
    assert "expired" in response.get_data(as_text=True)
    assert snapshot() == before


def test_a_link_dies_when_someone_else_becomes_owner_first(client, kollektiv, anna):
    client.post(f"/organisations/{kollektiv.slug}/claim/email", data={"email": "info@kollektiv.example"})
    link = claim_link(kollektiv)
    db.session.add(Membership(user=make_user(), actor=kollektiv, role="owner"))  # e.g. a moderator's decision
    db.session.commit()
    response = client.post(link)
    assert response.status_code == 400
    assert "owner by now" in response.get_data(as_text=True)
    assert anna.id not in owners(kollektiv)


def test_a_changed_website_retires_the_link(client, kollektiv, anna):
    client.post(f"/organisations/{kollektiv.slug}/claim/email", data={"email": "info@kollektiv.example"})
    kollektiv.website = "https://www.neu.example"
    db.session.commit()
    response = client.post(claim_link(kollektiv))
    assert response.status_code == 400
    assert owners(kollektiv) == []


def test_confirming_needs_the_csrf_token(csrf_app, client, kollektiv, anna):
    client.post(
        f"/organisations/{kollektiv.slug}/claim/email",
        data={"email": "info@kollektiv.example", "csrf_token": _csrf(client, kollektiv)},
    )
    link = claim_link(kollektiv)
    assert client.post(link).status_code == 400
    assert owners(kollektiv) == []


def _csrf(client, actor) -> str:
    page = client.get(f"/organisations/{actor.slug}/claim/email").get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


@pytest.fixture
def limited(tmp_path):
    app = build_app(
        tmp_path, WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=True, RATELIMIT_CLAIM_MAIL="2 per minute"
    )
    with app.app_context():
        _db.create_all()
        yield app
        _db.session.remove()
        _db.drop_all()


def test_sending_is_rate_limited_per_account(limited):
    from flask import g

    limited.before_request(lambda: g.pop("_login_user", None))
    actor = make_actor("Kollektiv", website="https://kollektiv.example", website_domain="kollektiv.example")
    client = limited.test_client()
    login_as(client, make_user())
    url = f"/organisations/{actor.slug}/claim/email"
    codes = [client.post(url, data={"email": "info@kollektiv.example"}).status_code for _ in range(3)]
    assert codes == [302, 302, 429]
    assert len(outbox_messages()) == 2
    assert client.get(url).status_code == 200  # reading the form is not limited


def test_the_moderator_claim_page_offers_the_email_way_when_there_is_a_website(client, kollektiv, anna):
    page = client.get(f"/organisations/{kollektiv.slug}/claim").get_data(as_text=True)
    assert f"/organisations/{kollektiv.slug}/claim/email" in page
    bare = make_actor("Ohne Website")
    assert "/claim/email" not in client.get(f"/organisations/{bare.slug}/claim").get_data(as_text=True)


def test_moderators_see_the_website_domain_of_claimed_profiles(client, kollektiv, anna):
    db.session.add(MembershipRequest(actor=kollektiv, user=anna, kind="claim", message="Wir"))
    db.session.commit()
    login_as(client, make_user(role="moderator"))
    page = client.get("/organisations/claims").get_data(as_text=True)
    assert "kollektiv.example" in page and "anna@example.org" in page
