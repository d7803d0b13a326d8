"""Issue 6 in a real browser: the map filtered by sector, a cluster, a marker's popup, the profile; and the
point picker in the organisation form. Tile requests are answered locally, so no test needs the network."""

import base64
import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from innovex.extensions import db
from innovex.models import Sector
from tests.browser.steps import create_organisation, register, unique
from tests.factories import make_actor

pytestmark = pytest.mark.browser

# A transparent 1x1 PNG: every tile, whatever the configured tile server.
BLANK_TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAC0lEQVR4nGNgAAIAAAUAAXpeqz8AAAAASUVORK5CYII="
)


def offline_tiles(page: Page) -> list[str]:
    """Answer every request to another host with a blank tile; returns the list the console errors go to."""
    page.context.route(
        re.compile(r"^https?://(?!127\.0\.0\.1[:/])"),
        lambda route: route.fulfill(status=200, content_type="image/png", body=BLANK_TILE),
    )
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture
def mapped(live_server):
    """Two neighbours in one sector (close enough to cluster) and one organisation far away in another."""
    with live_server.app.app_context():
        # A sector of its own, so that the points other tests leave in the shared database stay out of it.
        label = unique("Kartensektor")
        first = Sector(slug=label.lower().replace(" ", "-"), label_de=label, label_en=label)
        second = db.session.scalars(sa.select(Sector).order_by(Sector.slug).limit(1)).one()
        names = {"near": unique("Kartenhaus"), "neighbour": unique("Nachbarhof"), "far": unique("Anderswo")}
        near = make_actor(names["near"], city="Kassel", lat=51.3127, lon=9.4797)
        neighbour = make_actor(names["neighbour"], city="Kassel", lat=51.3180, lon=9.4900)
        far = make_actor(names["far"], city="München", lat=48.137, lon=11.575)
        near.sectors, neighbour.sectors, far.sectors = [first], [first], [second]
        db.session.commit()
        data = {**names, "sector": first.slug, "slug": near.slug}
        # Reading after the commit began a transaction, whose write lock would block the server: end it.
        db.session.remove()
    return data


@pytest.fixture(params=[500, 1], ids=["points", "server-clusters"])
def viewport_points(request, live_server):
    """The map's answers as points clustered in the browser, and as clusters the server counted (issue 12)."""
    live_server.app.config["MAP_VIEWPORT_POINTS"] = request.param
    yield request.param
    live_server.app.config["MAP_VIEWPORT_POINTS"] = 500


def test_filter_the_map_by_sector_open_a_marker_and_reach_the_profile(new_page, mapped, viewport_points):
    page = new_page(locale="en-GB")
    errors = offline_tiles(page)
    page.goto("/map/")
    listing = page.locator("#map-list")
    if viewport_points > 1:  # with server clusters, the whole live network may put München in a cluster
        expect(listing.get_by_role("link", name=mapped["far"])).to_be_visible()

    filters = page.get_by_role("search", name="Filter the map")
    filters.get_by_label("Sector").select_option(value=mapped["sector"])
    filters.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(rf"/map/\?.*sector={mapped['sector']}"))

    # The list beside the map follows the filter (and, once the data is in, the visible area).
    expect(listing.get_by_role("link", name=mapped["near"])).to_be_visible()
    expect(listing.get_by_role("link", name=mapped["neighbour"])).to_be_visible()
    expect(listing.get_by_role("link", name=mapped["far"])).to_have_count(0)

    # The two neighbours share a cluster at the first zoom; a click on it zooms in until they part.
    marker = page.locator(f'.leaflet-marker-icon[title="{mapped["near"]}"]')
    cluster = page.locator(".marker-cluster").filter(has_text=re.compile(r"^\s*2\s*$"))
    expect(cluster).to_have_count(1)  # once the zoom animation has ended (it shows the old cluster too)
    expect(marker).to_have_count(0)
    cluster.click()
    expect(marker).to_be_visible()

    marker.click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Kassel")
    popup.get_by_role("link", name=mapped["near"]).click()
    page.wait_for_url(re.compile(rf"/organisations/{mapped['slug']}$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(mapped["near"])
    page.get_by_role("link", name="Show Kassel on the map").click()  # the place, not 51.31, 9.48
    expect(page.locator(".leaflet-popup-content")).to_contain_text(mapped["near"])  # centred on it, opened
    assert not [e for e in errors if "Content Security Policy" in e or "Error" in e], errors


def test_pick_a_point_in_the_edit_form_save_and_remove_it(new_page):
    page = new_page(locale="en-GB")
    errors = offline_tiles(page)
    register(page, unique("Paula Picker"))
    name = unique("Punktgenossenschaft")
    profile = create_organisation(page, name, city="Kassel")
    # Without a geocoder the offline fallback places it at Kassel's centre, and says so to its owner.
    notice = page.locator("#map-notice")
    expect(notice).to_contain_text("at the centre of its city")

    page.get_by_role("link", name="Edit profile").click()
    picker = page.locator("#point-picker")
    expect(picker).to_be_visible()
    latitude, longitude = page.get_by_label("Latitude"), page.get_by_label("Longitude")
    centre = latitude.input_value()
    assert 51.2 < float(centre) < 51.4, centre  # Kassel

    # A click on the map sets the point; a second click moves it.
    canvas = picker.locator(".point-picker-map")
    box = canvas.bounding_box()
    canvas.click(position={"x": box["width"] / 2, "y": box["height"] / 2})
    expect(latitude).not_to_have_value(centre)
    canvas.click(position={"x": box["width"] / 2 + 40, "y": box["height"] / 2 - 30})
    lat, lon = float(latitude.input_value()), float(longitude.input_value())
    assert 45 < lat < 58 and 3 < lon < 20, (lat, lon)  # near the default view over Central Europe
    expect(picker.locator(".leaflet-marker-icon")).to_have_count(1)
    page.get_by_role("button", name="Save profile").click()
    page.wait_for_url(re.compile(rf"{re.escape(profile)}$"))
    expect(page.get_by_role("link", name="Show Kassel on the map")).to_be_visible()  # the form has the point
    expect(notice).to_have_count(0)  # a picked point is exact

    # Back in the form the marker stands on the saved point; dragging it moves the point.
    page.get_by_role("link", name="Edit profile").click()
    marker = picker.locator(".leaflet-marker-icon")
    expect(marker).to_be_visible()
    expect(latitude).to_have_value(f"{lat:.5f}")
    canvas.scroll_into_view_if_needed()
    handle = marker.bounding_box()
    page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] - 4)
    page.mouse.down()
    page.mouse.move(handle["x"] + handle["width"] / 2 + 60, handle["y"] + handle["height"] + 40, steps=8)
    page.mouse.up()
    expect(latitude).not_to_have_value(f"{lat:.5f}")
    dragged = float(latitude.input_value())
    assert dragged < lat  # dragged down the screen: further south

    # "Remove point" empties both fields; saving drops the picked point, and the city's centre returns.
    picker.get_by_role("button", name="Remove point").click()
    expect(latitude).to_have_value("")
    expect(longitude).to_have_value("")
    expect(marker).to_have_count(0)
    page.get_by_role("button", name="Save profile").click()
    page.wait_for_url(re.compile(rf"{re.escape(profile)}$"))
    expect(notice).to_contain_text("at the centre of its city")
    assert not [e for e in errors if "Content Security Policy" in e or "Error" in e], errors


def test_leaflet_controls_speak_the_page_language(new_page, mapped):
    page = new_page(locale="de-DE")
    errors = offline_tiles(page)
    page.goto("/map/")
    expect(page.locator("a.leaflet-control-zoom-in")).to_have_attribute("title", "Vergrößern")
    expect(page.locator("a.leaflet-control-zoom-out")).to_have_attribute("title", "Verkleinern")
    prefix = page.locator(".leaflet-control-attribution a", has_text="Leaflet")
    expect(prefix).to_have_attribute("title", "Eine JavaScript-Bibliothek für interaktive Karten")
    assert not errors, errors
