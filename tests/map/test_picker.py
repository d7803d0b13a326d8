"""The point picker in the organisation form: a Leaflet map on top of the latitude and longitude fields, which
keep working without JavaScript and are checked on the server (range, both or neither)."""

import re

import pytest

from innovex.extensions import db
from tests.conftest import build_app
from tests.factories import login, make_actor, make_user

EN = {"Accept-Language": "en"}
PROFILE = {"name": "Karten eG", "kind": "cooperative", "country": "DE", "city": "Kassel"}


@pytest.fixture
def owner_and_actor(client):
    owner = make_user()
    actor = make_actor("Karten eG", owner=owner, city="Kassel")
    login(client, owner)
    return owner, actor


def field_error(page: str, field: str) -> str:
    match = re.search(rf'<p class="field-error" id="{field}-error">([^<]*)</p>', page)
    return match.group(1) if match else ""


def test_edit_form_carries_the_picker_without_inline_script(client, owner_and_actor):
    _owner, actor = owner_and_actor
    page = client.get(f"/organisations/{actor.slug}/edit", headers=EN).get_data(as_text=True)
    assert 'id="point-picker" hidden' in page  # shown by the script; without it only the two fields
    assert 'data-lat="lat" data-lon="lon"' in page
    assert 'data-tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in page
    assert "/static/vendor/leaflet/leaflet.js" in page and "/static/js/picker.js" in page
    assert "Remove point" in page
    assert "<script>" not in page and "style=" not in page
    assert client.get("/static/js/picker.js").status_code == 200
    assert client.get("/organisations/new", headers=EN).get_data(as_text=True).count('id="point-picker"') == 1


def test_picker_tiles_come_from_the_map_settings(tmp_path):
    (tmp_path / "own").mkdir()  # apart from the `app` fixture's database
    app = build_app(
        tmp_path / "own",
        MAP_TILE_URL="https://tiles.example.org/{z}/{x}/{y}.png",
        MAP_TILE_ATTRIBUTION="Tiles & co",
        WTF_CSRF_ENABLED=False,
    )
    with app.app_context():
        db.create_all()
        owner = make_user()
        actor = make_actor("Eigene Kacheln", owner=owner)
        client = app.test_client()
        login(client, owner)
        page = client.get(f"/organisations/{actor.slug}/edit").get_data(as_text=True)
        db.session.remove()
        db.drop_all()
    assert 'data-tiles="https://tiles.example.org/{z}/{x}/{y}.png"' in page
    assert 'data-attribution="Tiles &amp; co"' in page


def test_a_point_is_saved_and_removed_with_the_plain_fields(client, owner_and_actor):
    _owner, actor = owner_and_actor
    response = client.post(
        f"/organisations/{actor.slug}/edit", data={**PROFILE, "lat": "51.31234", "lon": "9.47987"}
    )
    assert response.status_code == 302
    assert (actor.lat, actor.lon) == (51.31234, 9.47987)
    detail = client.get(f"/organisations/{actor.slug}", headers=EN).get_data(as_text=True)
    assert f"focus={actor.slug}" in detail and "51.3123, 9.4799" not in detail  # the place, not raw numbers
    response = client.post(f"/organisations/{actor.slug}/edit", data={**PROFILE, "lat": "", "lon": ""})
    assert response.status_code == 302
    # Without a picked point the profile is placed by its address again: here at its city's centre.
    assert actor.location_precision == "city"
    assert (round(actor.lat, 1), round(actor.lon, 1)) == (51.3, 9.5)


@pytest.mark.parametrize(
    ("lat", "lon", "field", "message"),
    [
        ("52.5", "", "lon", "Enter both latitude and longitude, or neither."),
        ("", "13.4", "lat", "Enter both latitude and longitude, or neither."),
        ("90.5", "13.4", "lat", "Number must be between -90 and 90."),
        ("-90.5", "13.4", "lat", "Number must be between -90 and 90."),
        ("52.5", "180.01", "lon", "Number must be between -180 and 180."),
        ("52.5", "-181", "lon", "Number must be between -180 and 180."),
        ("52,5", "13.4", "lat", "Not a valid float value."),
    ],
)
def test_bad_points_get_an_error_next_to_the_field(client, owner_and_actor, lat, lon, field, message):
    _owner, actor = owner_and_actor
    actor.lat, actor.lon = 50.0, 8.0
    db.session.commit()
    response = client.post(
        f"/organisations/{actor.slug}/edit", data={**PROFILE, "lat": lat, "lon": lon}, headers=EN
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in field_error(page, field)
    other = "lon" if field == "lat" else "lat"
    assert field_error(page, other) == ""
    db.session.refresh(actor)
    assert (actor.lat, actor.lon) == (50.0, 8.0)


def test_edge_values_are_accepted(client, owner_and_actor):
    _owner, actor = owner_and_actor
    response = client.post(f"/organisations/{actor.slug}/edit", data={**PROFILE, "lat": "-90", "lon": "180"})
    assert response.status_code == 302
    assert (actor.lat, actor.lon) == (-90.0, 180.0)
