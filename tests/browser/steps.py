"""Steps a person takes on the site, shared by the browser flows; pages are in English unless switched."""

import re
import time
import uuid
from email import message_from_bytes, policy
from pathlib import Path
from urllib.parse import urlsplit

import pyotp
from playwright.sync_api import Page, expect

from tests.browser.live import PASSWORD

OUTBOX: Path | None = None  # the live server's outbox; set by the browser conftest


def unique(prefix: str) -> str:
    """A name no other test of this session uses (the live database is shared by the whole session)."""
    return f"{prefix} {uuid.uuid4().hex[:6]}"


def nav(page: Page):
    return page.locator("nav.site-nav")  # named "Main navigation" or "Hauptnavigation"


def mail_link(email: str, path: str) -> str:
    """The link to `path` in the newest mail the live server sent to `email`."""
    assert OUTBOX is not None, "the browser conftest sets the outbox"
    for file in sorted(OUTBOX.glob("*.eml"), reverse=True):
        message = message_from_bytes(file.read_bytes(), policy=policy.default)
        if message["To"] == email:
            match = re.search(rf"https?://\S+{re.escape(path)}\S*", message.get_body().get_content())
            assert match, f"the newest mail to {email} has no link to {path}"
            return match.group(0)
    raise AssertionError(f"no mail to {email} in {OUTBOX}")


def confirm_email(page: Page, email: str) -> None:
    """Open the confirmation link from the registration mail and press its button, as a new member does."""
    page.goto(mail_link(email, "/auth/verify/"))
    page.get_by_role("button", name="Confirm address").click()
    expect(page.locator(".verify-notice")).to_have_count(0)


def register(page: Page, display_name: str, confirm: bool = True) -> str:
    """Register a new account through the form and, unless told not to, confirm its address from the mail;
    returns the email address. Ends on the account page."""
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
    if confirm:
        confirm_email(page, email)
        page.goto("/account/")
    return email


def log_in(page: Page, email: str) -> None:
    page.goto("/auth/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log in").click()
    expect(nav(page).get_by_role("button", name="Log out")).to_be_visible()


def totp_code(secret: str, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows for the secret (`steps_ahead` 30-second steps later: one step is
    accepted early, so a second login within the same step does not reuse the code)."""
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


def set_up_two_factor(page: Page, open_settings: bool = True) -> tuple[str, list[str]]:
    """Switch on two-factor login as a member does: read the key the page shows into "the app" (pyotp), type
    its code; returns the secret and the recovery codes. Ends on the page with the codes."""
    if open_settings:
        page.goto("/account/settings")
        page.get_by_role("link", name="Set up two-factor login").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor login")
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    secret = page.locator("code.totp-secret").inner_text().replace(" ", "")
    page.get_by_label("Code", exact=True).fill(totp_code(secret))
    page.get_by_role("button", name="Switch on two-factor login").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    codes = page.locator("ul.recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    return secret, codes


def log_in_with_code(page: Page, email: str, code: str) -> None:
    """Log in with the password, then the code from the app (or a recovery code) on the second step."""
    page.goto("/auth/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor login")
    page.get_by_label("Code", exact=True).fill(code)
    page.get_by_role("main").get_by_role("button", name="Log in").click()


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
