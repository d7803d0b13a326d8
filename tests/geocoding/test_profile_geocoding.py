"""Profiles are placed by their address when saved without a point; picked points stay; the map, the API
and the owners' pages say how good the point is; `flask actors geocode` places the rest."""

import json

import pytest

from innovex.extensions import db
from innovex.models import Actor
from tests.factories import login, make_actor, make_offering, make_user
from tests.project_factories import make_project
from tests.search.search_helpers import drain

PROFILE = {"name": "Stadtwerk eG", "kind": "cooperative", "country": "DE", "city": "München"}


@pytest.fixture
def owner(client):
    user = make_user()
    login(client, user)
    return user


def created(client, **fields) -> Actor:
    response = client.post("/organisations/new", data={**PROFILE, **fields})
    assert response.status_code == 302, response.get_data(as_text=True)
    return db.session.get(Actor, int(db.session.query(Actor.id).order_by(Actor.id.desc()).limit(1).scalar()))


def map_feature(client, slug) -> dict:
    collection = json.loads(client.get("/api/v1/actors.geojson").get_data(as_text=True))
    return next(f for f in collection["features"] if f["id"] == slug)


def test_a_new_profile_with_an_address_is_placed_at_its_city_centre(client, owner):
    actor = created(client, address="Marienplatz 1", postcode="80331")
    assert actor.location_precision == "city" and actor.approximate
    assert (round(actor.lat, 2), round(actor.lon, 2)) == (48.14, 11.58)
    feature = map_feature(client, actor.slug)
    assert feature["properties"]["approximate"] is True
    assert feature["geometry"]["coordinates"] == [round(actor.lon, 6), round(actor.lat, 6)]
    data = client.get(f"/api/v1/organisations/{actor.slug}").get_json()
    assert (data["location_precision"], data["approximate"]) == ("city", True)
    page = client.get(f"/organisations/{actor.slug}").get_data(as_text=True)
    assert "Approximate location (city centre)" in page
    assert "The map shows this profile at the centre of its city" in page


def test_with_a_geocoder_the_street_address_gives_the_point(client, owner, fake_geocoder):
    actor = created(client, address="Marienplatz 1", postcode="80331")
    assert (actor.lat, actor.lon, actor.location_precision) == (48.1371079, 11.5753822, "address")
    assert fake_geocoder.requests[0]["query"]["street"] == "Marienplatz 1"
    assert map_feature(client, actor.slug)["properties"]["approximate"] is False


def test_a_picked_point_is_exact_and_kept_when_the_address_changes(client, owner, fake_geocoder):
    actor = created(client, lat="48.2", lon="11.6")
    assert (actor.lat, actor.lon, actor.location_precision) == (48.2, 11.6, "exact")
    response = client.post(
        f"/organisations/{actor.slug}/edit", data={**PROFILE, "city": "Köln", "lat": "48.2", "lon": "11.6"}
    )
    assert response.status_code == 302
    assert (actor.lat, actor.lon, actor.location_precision) == (48.2, 11.6, "exact")
    assert fake_geocoder.requests == []  # an exact point is never geocoded


def test_a_found_point_follows_the_address_and_stays_when_it_does_not_change(client, owner):
    actor = created(client)
    munich = (actor.lat, actor.lon)
    # The edit form sends the found point back as it showed it: kept, still approximate.
    form = client.get(f"/organisations/{actor.slug}/edit").get_data(as_text=True)
    assert f'value="{actor.lat}"' in form
    sent_back = {**PROFILE, "lat": str(actor.lat), "lon": str(actor.lon), "description": "Neu"}
    assert client.post(f"/organisations/{actor.slug}/edit", data=sent_back).status_code == 302
    assert ((actor.lat, actor.lon), actor.location_precision) == (munich, "city")
    # A new address with the old point sent back: placed again, at the new city.
    moved = {**sent_back, "city": "Koeln"}
    assert client.post(f"/organisations/{actor.slug}/edit", data=moved).status_code == 302
    assert (round(actor.lat, 2), round(actor.lon, 2), actor.location_precision) == (50.93, 6.95, "city")
    # The owner moves the marker: now it is exact.
    picked = {**moved, "lat": "50.94", "lon": "6.96"}
    assert client.post(f"/organisations/{actor.slug}/edit", data=picked).status_code == 302
    assert (actor.lat, actor.lon, actor.location_precision) == (50.94, 6.96, "exact")


def test_the_owner_is_told_when_nothing_was_found(client, owner):
    actor = created(client, city="Nirgendwo an der Nichts")
    assert (actor.lat, actor.lon, actor.location_precision) == (None, None, None)
    notice = "This profile is not on the map: no point was found for its address."
    link = f'href="/organisations/{actor.slug}/edit#lat"'
    for url in (f"/organisations/{actor.slug}", f"/organisations/{actor.slug}/edit"):
        page = client.get(url).get_data(as_text=True)
        assert notice in page and link in page
    assert actor.slug not in client.get("/api/v1/actors.geojson").get_data(as_text=True)
    client.post("/auth/logout")
    other = make_user()
    login(client, other)
    assert notice not in client.get(f"/organisations/{actor.slug}").get_data(as_text=True)


def test_the_notice_names_a_missing_address(client, owner):
    actor = created(client, city="")
    page = client.get(f"/organisations/{actor.slug}").get_data(as_text=True)
    assert "This profile is not on the map: it has no address and no point." in page


def test_the_notice_is_in_german(client, owner):
    actor = created(client, city="Nirgendwo")
    page = client.get(f"/organisations/{actor.slug}", headers={"Accept-Language": "de"})
    assert "nicht auf der Karte" in page.get_data(as_text=True)


# Partner suggestions with a distance filter ----------------------------------------------------------


def matching_world():
    owner = make_user()
    home = make_actor("Kiezlieferung eG", owner=owner, city=None)  # no point: nothing to measure from
    bikes = make_actor("Lastenrad Kollektiv eG", lat=52.45, lon=13.30)
    make_offering(bikes, title="Lastenrad-Logistik", description="Wir liefern per Lastenrad.")
    project = make_project(home, title="Zustellung im Kiez", needs=["Lastenrad"], tags=["lastenrad"])
    drain()
    return owner, home, project


def test_advice_when_the_own_organisation_has_no_point(client):
    owner, home, project = matching_world()
    login(client, owner)
    page = client.get(f"/matching/projects/{project.slug}?max_distance=50").get_data(as_text=True)
    assert "No distance can be measured: Kiezlieferung eG has no location on the map." in page
    assert f'href="/organisations/{home.slug}/edit#lat"' in page
    assert "Adding needed competencies" not in page
    # Without the distance filter the partner is found.
    assert "Lastenrad Kollektiv eG" in client.get(f"/matching/projects/{project.slug}").get_data(as_text=True)


def test_advice_when_partners_are_only_farther_away(client):
    owner, home, project = matching_world()
    home.lat, home.lon = 48.14, 11.58
    db.session.commit()
    login(client, owner)
    page = client.get(f"/matching/projects/{project.slug}?max_distance=50").get_data(as_text=True)
    assert "No suggested partner within 50 km. Try a larger distance." in page


def test_advice_when_a_filter_leaves_none(client):
    owner, _home, project = matching_world()
    login(client, owner)
    page = client.get(f"/matching/projects/{project.slug}?kind=research").get_data(as_text=True)
    assert "No suggestions match these filters. Remove a filter to see more." in page


def test_advice_when_nothing_fits(client):
    owner = make_user()
    home = make_actor("Einsam eG", owner=owner)
    project = make_project(home, title="Etwas ganz Eigenes", needs=["Quantenbäckerei"])
    drain()
    login(client, owner)
    page = client.get(f"/matching/projects/{project.slug}").get_data(as_text=True)
    assert "No suggestions yet. Adding needed competencies and tags to the project helps." in page


# flask actors geocode ---------------------------------------------------------------------------------


def test_the_command_places_profiles_without_a_point(app, runner):
    picked = make_actor("Gewählt eG", city="Köln", lat=50.0, lon=7.0)
    first = make_actor("Erste eG", city="Köln")
    second = make_actor("Zweite eG", city="München")
    lost = make_actor("Verloren eG", city="Nirgendwo")
    no_address = make_actor("Ohne eG", city=None)

    result = runner.invoke(args=["actors", "geocode", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert (
        "Would place 2 of 3 organisations without a point: 0 by their address, 2 at their city"
        in result.output
    )
    db.session.expire_all()
    assert first.lat is None

    result = runner.invoke(args=["actors", "geocode", "--limit", "1"])
    assert "Placed 1 of 1 organisations" in result.output
    assert f"1: {first.slug} (Köln): city 50.93333, 6.95000" in result.output
    db.session.expire_all()
    assert first.location_precision == "city" and second.lat is None

    result = runner.invoke(args=["actors", "geocode"])
    assert "Placed 1 of 2 organisations" in result.output and "1 not found" in result.output
    db.session.expire_all()
    assert second.location_precision == "city"
    assert (lost.lat, no_address.lat) == (None, None)
    assert (picked.lat, picked.lon, picked.location_precision) == (50.0, 7.0, "exact")


def test_the_command_respects_the_pace(app, runner, fake_geocoder, monkeypatch):
    from innovex.geocoding import nominatim

    monkeypatch.setattr(nominatim, "pace", nominatim.Pace())
    for city in ("Köln", "Bonn"):
        make_actor(f"Verein {city}", city=city)
    result = runner.invoke(args=["actors", "geocode"])
    assert "Placed 2 of 2 organisations without a point: 0 by their address, 2 at their city" in result.output
    times = [request["time"] for request in fake_geocoder.requests]
    assert len(times) == 2 and times[1] - times[0] >= 0.95
