"""The map page works without JavaScript, its data is public-only GeoJSON, Leaflet comes from a package."""

from datetime import timedelta

from innovex.models.base import utcnow
from tests.factories import make_actor


def test_map_page_lists_filtered_organisations_without_javascript(client, db):
    make_actor("Karten eG", kind="platform_coop", lat=52.5, lon=13.4)
    make_actor("Ohne Punkt eG", kind="platform_coop")
    make_actor("Bäckerei", kind="association", lat=48.1, lon=11.6)
    response = client.get("/map/?kind=platform_coop")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Karten eG" in page and "Ohne Punkt eG" in page and "Bäckerei" not in page
    assert 'data-viewport="/api/v1/actors/viewport.geojson?kind=platform_coop"' in page
    assert 'data-bounds="13.4,52.5,13.4,52.5"' in page  # the first view: the filtered points' extent
    assert "<script>" not in page and "style=" not in page
    assert "/static/vendor/leaflet/leaflet.js" in page and "/static/js/map.js" in page
    assert "tile.openstreetmap.org" in page


def test_unknown_filter_values_are_dropped_with_a_notice(client, db):
    response = client.get("/map/?kind=spaceship")
    assert response.status_code == 200 and "ignored" in response.get_data(as_text=True)


def test_geojson_has_only_public_points_and_marks_stale(client, db):
    fresh = make_actor("Frisch", lat=52.5, lon=13.4)
    old = make_actor("Alt", lat=50.1, lon=8.7)
    old.created_at = utcnow() - timedelta(days=500)
    make_actor("Privat", lat=51.0, lon=7.0, visibility={"location": "network"})
    make_actor("Versteckt", lat=51.0, lon=7.0, status="hidden")
    make_actor("Ohne Punkt")
    db.session.commit()
    response = client.get("/api/v1/actors.geojson")
    assert response.mimetype == "application/geo+json"
    features = {f["properties"]["name"]: f for f in response.get_json()["features"]}
    assert set(features) == {"Frisch", "Alt"}
    assert features["Alt"]["properties"]["stale"] and not features["Frisch"]["properties"]["stale"]
    assert features["Frisch"]["geometry"]["coordinates"] == [13.4, 52.5]
    assert features["Frisch"]["properties"]["slug"] == fresh.slug


def test_geojson_filters_and_conditional_requests(client, db):
    make_actor("A", kind="research", lat=1.0, lon=1.0)
    make_actor("B", kind="cooperative", lat=2.0, lon=2.0)
    data = client.get("/api/v1/actors.geojson?kind=research").get_json()
    assert [f["properties"]["name"] for f in data["features"]] == ["A"]
    assert client.get("/api/v1/actors.geojson?kind=nonsense").status_code == 400
    first = client.get("/api/v1/actors.geojson")
    again = client.get("/api/v1/actors.geojson", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_vendor_assets_come_from_python_packages(client):
    response = client.get("/static/vendor/leaflet-markercluster/leaflet.markercluster.js")
    assert response.status_code == 200 and b"MarkerCluster" in response.data
    assert client.get("/static/vendor/leaflet/images/marker-icon.png").status_code == 200
    assert client.get("/static/vendor/jquery/jquery.js").status_code == 404
    assert client.get("/static/vendor/leaflet/../../../../etc/passwd").status_code == 404


def test_csp_allows_the_tile_host(client):
    policy = client.get("/map/").headers["Content-Security-Policy"]
    assert "img-src 'self' data: https://tile.openstreetmap.org" in policy
    assert "script-src 'self'" in policy


def test_leaflet_controls_get_the_page_language(client, app):
    """Leaflet's zoom buttons and attribution prefix are English; map.js takes their words from the page."""
    page = client.get("/map/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert 'data-zoom-in-label="Vergrößern"' in page and 'data-zoom-out-label="Verkleinern"' in page
    assert 'data-leaflet-title="Eine JavaScript-Bibliothek für interaktive Karten"' in page
    script = client.get("/static/js/map.js").get_data(as_text=True)
    assert "zoomControl: false" in script and "attributionControl: false" in script
    for name in ("zoomInLabel", "zoomOutLabel", "leafletTitle"):
        assert f"data.{name}" in script


def test_a_profile_names_its_place_and_links_the_map_centred_on_it_not_raw_coordinates(client, db):
    """Issue 18: "Auf der Karte 51.3398, 12.3741" told a reader nothing."""
    actor = make_actor("Kollektiv Plagwitz", city="Leipzig", lat=51.3398, lon=12.3741)
    page = client.get(f"/organisations/{actor.slug}").get_data(as_text=True).split("<body", 1)[1]
    assert "51.3398" not in page and "12.3741" not in page  # the JSON-LD in the head keeps them
    assert "Show Leipzig on the map" in page
    assert f"/map/?city=Leipzig&amp;focus={actor.slug}" in page
    map_page = client.get(f"/map/?focus={actor.slug}").get_data(as_text=True)
    assert f'data-focus="{actor.slug}"' in map_page
    assert "data-focus" not in client.get("/map/?focus=%00").get_data(as_text=True)
