"""Issue 17 (interest subscriptions) in a real browser, in German, on a phone and on a desktop: a member
finds the subscriptions from the notification settings, gets an error next to a half-filled circle, saves a
subscription, and sees it listed; no page is wider than the screen."""

import pytest
from playwright.sync_api import expect

from tests.browser.steps import nav, register, unique
from tests.browser.test_first_hour import WIDTHS, assert_fits

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", sorted(WIDTHS))
def test_a_member_subscribes_to_mobility_around_leipzig_in_german(new_page, size):
    width, height = WIDTHS[size]
    page = new_page()
    page.set_viewport_size({"width": width, "height": height})
    register(page, unique("Mara Mobilitätsgenossenschaft"))
    nav(page).get_by_role("button", name="Deutsch").click()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    page.get_by_role("link", name="Benachrichtigungseinstellungen").click()
    page.get_by_role("link", name="Abonnements:").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Abonnements")
    assert_fits(page, width)
    page.get_by_role("link", name="Neues Abonnement").click()
    page.get_by_label("Name", exact=True).fill("Mobilität rund um Leipzig")
    page.get_by_label("Projekte", exact=True).check()
    page.get_by_label("Aufrufe zur Zusammenarbeit").check()
    page.get_by_label("Schlagwörter").fill("Lastenrad, Carsharing")
    page.get_by_label("Um den Ort").fill("Leipzig")
    page.get_by_label("Wöchentlich").check()
    assert_fits(page, width)
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#radius_km-error")).to_contain_text("Umkreis um Leipzig")
    assert_fits(page, width)
    page.get_by_label("Umkreis in km").fill("80")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status")).to_contain_text("Ihr Abonnement wurde gespeichert.")
    item = page.locator("li.subscription").filter(has_text="Mobilität rund um Leipzig")
    expect(item).to_contain_text("Projekte, Aufrufe zur Zusammenarbeit · Wöchentlich")
    expect(item).to_contain_text("Im Umkreis von 80 km um Leipzig")
    assert_fits(page, width)


def test_a_member_subscribes_to_energy_in_a_state_and_edits_it(new_page):
    """The state field suggests the Länder (a datalist), saves what was typed and shows it in the list."""
    page = new_page()
    register(page, unique("Sina Sonnenstrom"))
    nav(page).get_by_role("button", name="Deutsch").click()
    page.goto("/notifications/subscriptions/new")
    state = page.get_by_label("Bundesland / Region")
    expect(state).to_have_attribute("list", "known-states")
    expect(page.locator('#known-states option[value="Sachsen"]')).to_have_count(1)
    page.get_by_label("Name", exact=True).fill("Energie in Sachsen")
    page.get_by_label("Projekte", exact=True).check()
    state.fill("Sach\u0001sen")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#state-error")).to_contain_text("Steuerzeichen")
    page.get_by_label("Bundesland / Region").fill("Sachsen")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status")).to_contain_text("Ihr Abonnement wurde gespeichert.")
    item = page.locator("li.subscription").filter(has_text="Energie in Sachsen")
    expect(item).to_contain_text("Bundesland: Sachsen")
    item.get_by_role("link", name="Bearbeiten").click()
    expect(page.get_by_label("Bundesland / Region")).to_have_value("Sachsen")
