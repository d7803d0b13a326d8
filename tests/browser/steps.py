"""Steps a person takes on the site, shared by the browser flows; pages are in English unless switched."""

import re
import uuid
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from tests.browser.live import PASSWORD


def unique(prefix: str) -> str:
    """A name no other test of this session uses (the live database is shared by the whole session)."""
    return f"{prefix} {uuid.uuid4().hex[:6]}"


def nav(page: Page):
    return page.locator("nav.site-nav")  # named "Main navigation" or "Hauptnavigation"


def register(page: Page, display_name: str) -> str:
    """Register a new account through the form; returns its email address. Ends on the account page."""
    email = f"{re.sub(r'[^a-z0-9]+', '.', display_name.lower()).strip('.')}@example.org"
    page.goto("/")
    nav(page).get_by_role("link", name="Register").click()
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Display name").fill(display_name)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD)
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(re.compile(r"/account/"))
    expect(nav(page).get_by_role("button", name="Log out")).to_be_visible()
    return email


def log_in(page: Page, email: str) -> None:
    page.goto("/auth/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log in").click()
    expect(nav(page).get_by_role("button", name="Log out")).to_be_visible()


def create_organisation(page: Page, name: str, city: str = "Leipzig") -> str:
    """Create an organisation from the account page's call to action; returns the profile's path."""
    page.goto("/account/")
    page.get_by_role("link", name=re.compile(r"^(Create an organisation|Add another organisation)$")).click()
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Kind of organisation").select_option(label="Cooperative")
    page.get_by_label("Description").fill(f"{name} runs **shared** solar roofs in {city}.")
    page.get_by_label("City").fill(city)
    page.get_by_role("button", name="Create organisation").click()
    page.wait_for_url(re.compile(r"/organisations/(?!new)[^/]+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    return urlsplit(page.url).path
