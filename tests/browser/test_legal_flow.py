"""Issue 18 in a real browser: the main pages fit a 390 px phone in German however long the compounds, the
legal pages are reached from the footer, and registration insists on the privacy notice."""

import re

import pytest
from playwright.sync_api import Page, expect

from innovex.extensions import db
from tests.browser.live import PASSWORD
from tests.browser.steps import nav, unique
from tests.factories import make_actor, make_offering, make_user
from tests.project_factories import make_project

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
COMPOUND = "Genossenschaftswirtschaftsverbandsgemeinschaft"


@pytest.fixture
def long_words(live_server):
    """An organisation, its offer and a project whose names are one long German compound each."""
    with live_server.app.app_context():
        owner = make_user()
        actor = make_actor(
            unique(COMPOUND),
            owner=owner,
            city="Genossenschaftswohnungsbaustadt",
            lat=51.34,
            lon=12.37,
            description=f"Die {COMPOUND} fördert Energiegenossenschaftsgründungsberatung.",
        )
        make_offering(actor, title="Lastenradverleihgenossenschaftsberatungsangebot")
        make_project(actor, owner, title="Genossenschaftswohnungsbauförderungsprogramm", featured=True)
        slug = actor.slug
        db.session.remove()  # end the read transaction, whose lock would block the server's writes
    return slug


def scroll_width(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_main_and_legal_pages_fit_a_phone_in_german(new_page, long_words):
    page = new_page(locale="de-DE")
    page.set_viewport_size(PHONE)
    for path in (
        "/",
        "/organisations/",
        "/map/",
        "/statistics/",
        f"/organisations/{long_words}",
        "/impressum",
        "/datenschutz",
    ):
        page.goto(path)
        expect(page.locator("html")).to_have_attribute("lang", "de")
        assert scroll_width(page) <= PHONE["width"], f"{path} is {scroll_width(page)} px wide"


def test_the_footer_leads_to_impressum_and_privacy_notice(new_page):
    page = new_page(locale="de-DE")
    page.goto("/")
    footer = page.get_by_role("contentinfo")
    footer.get_by_role("link", name="Impressum").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Impressum")
    footer.get_by_role("link", name="Datenschutzerklärung").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Datenschutzerklärung")
    expect(page.get_by_role("heading", name="Cookies")).to_be_visible()


def test_registration_needs_the_privacy_consent(new_page):
    page = new_page(locale="de-DE")
    page.set_viewport_size(PHONE)
    page.goto("/auth/register")
    email = f"{unique('consent').replace(' ', '.')}@example.org"
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Anzeigename").fill(unique("Clara Zustimmung"))
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_label("Passwort wiederholen").fill(PASSWORD)
    consent = page.get_by_label("Ich habe die Datenschutzerklärung gelesen")
    expect(page.get_by_role("link", name="Datenschutzerklärung lesen")).to_have_attribute(
        "href", "/datenschutz"
    )
    expect(page.get_by_role("main").get_by_role("link", name="Impressum")).to_have_attribute(
        "href", "/impressum"
    )

    page.get_by_role("button", name="Konto anlegen").click()
    expect(page.locator("#consent-error")).to_have_text(
        "Bitte bestätigen Sie, dass Sie die Datenschutzerklärung gelesen haben."
    )
    expect(consent).to_have_attribute("aria-invalid", "true")
    assert re.search(r"/auth/register$", page.url)
    assert scroll_width(page) <= PHONE["width"]

    page.get_by_label("Passwort", exact=True).fill(PASSWORD)  # password fields come back empty
    page.get_by_label("Passwort wiederholen").fill(PASSWORD)
    consent.check()
    page.get_by_role("button", name="Konto anlegen").click()
    page.wait_for_url(re.compile(r"/account/"))
    expect(nav(page).get_by_role("button", name="Abmelden", exact=True)).to_be_visible()
