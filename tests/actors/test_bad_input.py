"""Bad input on every organisation form gives a message next to the field, never a 500, and writes nothing."""

import json

import pytest

from innovex.actors.services import find_possible_duplicates
from innovex.extensions import db
from innovex.models import Actor
from innovex.normalise import name_key, slugify, website_domain
from innovex.taxonomy import parse_tags
from tests.actors.conftest import snapshot
from tests.conftest import shared_data
from tests.factories import login_as, make_actor, make_user

EN = {"Accept-Language": "en"}
VALID = {"name": "Kooperative Test", "kind": "cooperative", "country": "DE", "different_organisation": "y"}

BAD_PROFILES = [
    ({"name": ""}, "This field is required"),
    ({"name": "   "}, "This field is required"),
    ({"name": "x" * 201}, "longer than 200"),
    ({"name": "a\x00b"}, "control characters"),
    ({"kind": "bogus"}, "Not a valid choice"),
    ({"legal_form": "plc"}, "Not a valid choice"),
    ({"description": "x" * 20_001}, "longer than 20000"),
    ({"website": "javascript:alert(1)"}, "http:// or https://"),
    ({"website": "ftp://example.org"}, "http:// or https://"),
    ({"website": "http://"}, "http:// or https://"),
    ({"website": "http://exa mple.org"}, "http:// or https://"),
    ({"website": "http://[::1"}, "http:// or https://"),
    ({"website": "https://x.org/" + "a" * 500}, "longer than 500"),
    ({"email": "not-an-email"}, "Invalid email"),
    ({"postcode": "1" * 21}, "longer than 20"),
    ({"city": "c" * 121}, "longer than 120"),
    ({"region": "r" * 121}, "longer than 120"),
    ({"region": "Sach\x01sen"}, "control characters"),
    ({"country": "XX"}, "Unknown country “XX”"),
    ({"country": "Atlantis"}, "Unknown country “Atlantis”"),
    ({"country": ""}, "This field is required"),
    ({"lat": "abc", "lon": "1"}, "Not a valid float"),
    ({"lat": "91", "lon": "1"}, "between -90 and 90"),
    ({"lat": "1", "lon": "-181"}, "between -180 and 180"),
    ({"lat": "nan", "lon": "1"}, "Please enter a number"),
    ({"lat": "1", "lon": "inf"}, "Please enter a number"),
    ({"lat": "52.5"}, "both latitude and longitude"),
    ({"founded": "abc"}, "Not a valid integer"),
    ({"founded": "1799"}, "between 1800 and"),
    ({"founded": "3000"}, "between 1800 and"),
    ({"members": "-1"}, "between 0 and"),
    ({"members": "99999999999999999999999"}, "at most 9 digits"),
    ({"members": "9" * 400}, "at most 9 digits"),
    ({"founded": "-" + "1" * 400}, "at most 9 digits"),
    ({"members": "1.5"}, "Not a valid integer"),
    ({"sector_ids": "abc"}, "Invalid choice"),
    ({"sector_ids": "99999"}, "not a valid choice"),
    ({"collaboration_ids": "-1"}, "not a valid choice"),
]


@pytest.fixture
def owner_and_actor(app):
    owner = make_user()
    return owner, make_actor("Bestand", owner=owner)


@pytest.mark.parametrize(("changes", "message"), BAD_PROFILES, ids=[str(c)[:40] for c, _ in BAD_PROFILES])
def test_bad_profile_is_refused_on_create_and_edit(client, owner_and_actor, changes, message):
    owner, actor = owner_and_actor
    login_as(client, owner)
    before = snapshot()
    for url in ("/organisations/new", f"/organisations/{actor.slug}/edit"):
        response = client.post(url, data={**VALID, **changes}, headers=EN)
        assert response.status_code == 422, url
        assert message in response.get_data(as_text=True), url
    assert snapshot() == before


def test_empty_optional_numbers_are_accepted(client, owner_and_actor):
    """A browser sends every field: empty year and member count mean "not given", not an error."""
    owner, _ = owner_and_actor
    login_as(client, owner)
    data = {**VALID, "founded": "", "members": " ", "lat": "", "lon": ""}
    response = client.post("/organisations/new", data=data, headers=EN)
    assert response.status_code in (302, 303), response.get_data(as_text=True)[:2000]
    created = db.session.scalar(db.select(Actor).where(Actor.name == VALID["name"]))
    assert created is not None and created.founded is None and created.members is None


@pytest.mark.parametrize(
    ("url", "data", "message"),
    [
        ("members/invite", {"email": "", "role": "member"}, "This field is required"),
        ("members/invite", {"email": "nobody", "role": "member"}, "Invalid email"),
        ("members/invite", {"email": "a@b.de", "role": "king"}, "Not a valid choice"),
        ("members/invite", {"email": "a" * 250 + "@b.de", "role": "member"}, "longer than 254"),
        ("delete", {"confirm": ""}, "tick the box"),
    ],
)
def test_bad_member_forms(client, owner_and_actor, url, data, message):
    owner, actor = owner_and_actor
    login_as(client, owner)
    before = snapshot()
    response = client.post(f"/organisations/{actor.slug}/{url}", data=data, headers=EN)
    assert response.status_code in (400, 422)
    assert message in response.get_data(as_text=True)
    assert snapshot() == before


@pytest.mark.parametrize("message", ["m" * 2001, "Hallo \x00", "\x1b[31m"])
def test_bad_request_messages(client, owner_and_actor, message):
    _, actor = owner_and_actor
    ownerless = make_actor("Niemandes")
    login_as(client, make_user())
    before = snapshot()
    for url in (f"/organisations/{actor.slug}/join", f"/organisations/{ownerless.slug}/claim"):
        response = client.post(url, data={"message": message})
        assert response.status_code == 422
    assert snapshot() == before


def naughty_strings() -> list[str]:
    return json.loads(shared_data("bad-input", "blns", "blns.json").read_text())


def profile_row(actor) -> tuple:
    db.session.expire_all()
    return tuple(
        getattr(actor, column.key) for column in Actor.__table__.columns if column.key != "updated_at"
    )


def test_naughty_strings_never_cause_a_server_error(client, owner_and_actor):
    """Each string goes into every typed field at once (each field validates on its own) and into the
    directory filters; a sample also names a new organisation (writes are slow: they update the index)."""
    owner, actor = owner_and_actor
    login_as(client, owner)
    for number, text in enumerate(naughty_strings()):
        if number % 20 == 0:
            response = client.post("/organisations/new", data={**VALID, "name": text, "description": text})
            assert response.status_code in (302, 422), text
        before = profile_row(actor)
        typed = dict.fromkeys(("founded", "lat", "lon", "country", "website", "email", "sector_ids"), text)
        response = client.post(f"/organisations/{actor.slug}/edit", data={**VALID, **typed}, headers=EN)
        assert response.status_code in (302, 422), text
        if response.status_code == 422:
            assert 'class="field-error"' in response.get_data(as_text=True)
            assert profile_row(actor) == before, text
        assert (
            client.get("/organisations/", query_string={"q": text, "city": text, "tag": text}).status_code
            == 200
        )


def test_normalisers_accept_naughty_strings(app):
    for text in naughty_strings():
        assert slugify(text)
        name_key(text)
        website_domain(text)
        parse_tags(text)
        find_possible_duplicates(text, text, text)
