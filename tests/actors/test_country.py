"""A country is typed or picked by its name in German or English or by its ISO code, wherever one is
entered; an unknown one is a translated error next to the field, never WTForms' English length message."""

import re

import pytest

from innovex.extensions import db
from innovex.models import Actor
from tests.actors.conftest import snapshot
from tests.factories import login_as, make_actor, make_user
from tests.matching.test_matching import world

DE = {"Accept-Language": "de"}
EN = {"Accept-Language": "en"}
PROFILE = {"kind": "cooperative", "different_organisation": "y"}


@pytest.mark.parametrize(
    ("typed", "code"),
    [("Deutschland", "DE"), ("germany", "DE"), ("AT", "AT"), ("at", "AT"), ("Österreich", "AT"),
     ("oesterreich", "AT"), (" Schweiz ", "CH"), ("Switzerland", "CH")],
)  # fmt: skip
def test_organisation_form_takes_a_name_or_a_code(client, typed, code):
    login_as(client, make_user())
    name = f"Land {typed.strip()}"
    response = client.post("/organisations/new", data={**PROFILE, "name": name, "country": typed})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    assert db.session.scalar(db.select(Actor.country).where(Actor.name == name)) == code


@pytest.mark.parametrize(
    ("headers", "message"),
    [(DE, "Unbekanntes Land „Atlantis“"), (EN, "Unknown country “Atlantis”")],
)
def test_an_unknown_country_is_a_translated_error_next_to_the_field(client, headers, message):
    login_as(client, make_user())
    before = snapshot()
    response = client.post(
        "/organisations/new", data={**PROFILE, "name": "Nirgendwo eG", "country": "Atlantis"}, headers=headers
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert re.search(rf'<p class="field-error" id="country-error">{message}', page)
    assert "Field must be" not in page and "characters long" not in page
    assert snapshot() == before


def test_wtforms_own_messages_are_german(client):
    login_as(client, make_user())
    response = client.post("/organisations/new", data={**PROFILE, "name": "", "country": ""}, headers=DE)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "This field is required" not in page and page.count("Dieses Feld wird benötigt") == 2


def test_the_form_offers_the_countries_by_name_and_shows_the_stored_one_by_name(client):
    owner = make_user()
    actor = make_actor("Wiener Kooperative", owner=owner, country="AT")
    login_as(client, owner)
    page = client.get(f"/organisations/{actor.slug}/edit", headers=DE).get_data(as_text=True)
    field = re.search(r'<input[^>]*name="country"[^>]*>', page).group(0)
    assert 'value="Österreich"' in field and 'list="country-countries"' in field and "required" in field
    options = re.search(r'<datalist id="country-countries">(.*?)</datalist>', page).group(1)
    assert '<option value="Deutschland">' in options and '<option value="Ägypten">' in options
    page = client.get(f"/organisations/{actor.slug}/edit", headers=EN).get_data(as_text=True)
    assert 'value="Austria"' in re.search(r'<input[^>]*name="country"[^>]*>', page).group(0)


def test_directory_filters_by_country_name(client):
    make_actor("Wiener Kooperative", country="AT")
    make_actor("Berliner Kooperative", country="DE")
    page = client.get("/organisations/?country=%C3%96sterreich", headers=DE).get_data(as_text=True)
    assert "Wiener Kooperative" in page and "Berliner Kooperative" not in page
    page = client.get("/organisations/?country=Atlantis", headers=DE).get_data(as_text=True)
    assert "Berliner Kooperative" in page and "Land" in page  # dropped with a notice, the list unfiltered


def test_matching_filter_takes_a_country_name(app, client):
    w = world(db)
    login_as(client, w["owner"])
    url = f"/matching/projects/{w['project'].slug}"
    assert "Lastenrad Kollektiv eG" in client.get(f"{url}?country=Deutschland", headers=DE).get_data(
        as_text=True
    )
    page = client.get(f"{url}?country=%C3%96sterreich", headers=DE).get_data(as_text=True)
    assert "Lastenrad Kollektiv eG" not in page
    page = client.get(f"{url}?country=Atlantis", headers=DE).get_data(as_text=True)
    assert "Unbekanntes Land „Atlantis“" in page and "Field must be" not in page
