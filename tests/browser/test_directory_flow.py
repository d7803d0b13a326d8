"""Issue 2 in a real browser: register, present an organisation with an offer, find it, switch language."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.steps import create_organisation, nav, register, unique

pytestmark = pytest.mark.browser


def test_register_create_organisation_offer_and_find_it(new_page):
    page = new_page(locale="en-GB")
    register(page, unique("Ada Lovelace"))
    name = unique("Solarkooperative")
    create_organisation(page, name)

    page.get_by_role("link", name="Add offer or need").click()
    page.get_by_label("Offer", exact=True).check()
    page.get_by_label("Title").fill("Solar roofs for cooperatives")
    tag = unique("solar").replace(" ", "-")
    page.get_by_label("Tags").fill(f"{tag}, accounting")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="Solar roofs for cooperatives")).to_be_visible()
    expect(page.get_by_role("link", name=tag, exact=True).first).to_be_visible()

    nav(page).get_by_role("link", name="Directory").click()
    page.wait_for_url(re.compile(r"/organisations/$"))
    filters = page.get_by_role("search", name="Filter the directory")
    filters.get_by_label("Text").fill(name)
    filters.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("link", name=name)).to_be_visible()

    page.goto("/organisations/")
    filters.get_by_label("Offers in tag").fill(tag)
    filters.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("link", name=name)).to_be_visible()
    expect(page.locator(".results-count")).to_contain_text("1 organisation found")

    filters.get_by_label("Offers in tag").fill(unique("nothing"))
    filters.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("link", name=name)).to_have_count(0)


def test_language_switch_changes_the_page_and_persists(new_page):
    page = new_page(locale="en-GB")
    page.goto("/organisations/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    nav(page).get_by_role("button", name="Deutsch").click()
    page.wait_for_url(re.compile(r"/organisations/$"))  # stays on the same page
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(nav(page).get_by_role("button", name="English")).to_be_visible()

    page.goto("/")  # the choice persists on other pages, although the browser asks for English
    expect(page.locator("html")).to_have_attribute("lang", "de")
    page.get_by_role("navigation").first.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto("/organisations/")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_navigation_text_is_translated(new_page):
    """Fails until the German catalog is filled: the nav reads "Anmelden" in German, "Log in" in English."""
    page = new_page(locale="en-GB")
    page.goto("/")
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    page.get_by_role("button", name="Deutsch").click()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("link", name="Anmelden")).to_be_visible()
    expect(page.get_by_role("link", name="Log in")).to_have_count(0)


def test_country_by_name_and_a_capitalised_tag(new_page):
    """Issue 18: a country typed by its name is accepted, a wrong one is an error beside the field; tags keep
    their capitals."""
    page = new_page(locale="en-GB")
    register(page, unique("Grace Hopper"))
    page.goto("/organisations/new")
    page.get_by_label("Name", exact=True).fill(unique("Wiener Kooperative"))
    country = page.get_by_label("Country")
    country.fill("Atlantis")
    page.get_by_role("button", name="Create organisation").click()
    expect(page.locator("#country-error")).to_contain_text("Unknown country “Atlantis”")
    page.get_by_label("Country").fill("Österreich")
    page.get_by_role("button", name="Create organisation").click()
    page.wait_for_url(re.compile(r"/organisations/(?!new)[^/]+$"))
    expect(page.get_by_role("main")).to_contain_text("(AT)")
    page.get_by_role("link", name="Add offer or need").click()
    page.get_by_label("Offer", exact=True).check()
    page.get_by_label("Title").fill("Beratung")
    page.get_by_label("Tags").fill("Energiegenossenschaft")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="Energiegenossenschaft", exact=True).first).to_be_visible()
