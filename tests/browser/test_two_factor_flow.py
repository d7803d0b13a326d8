"""Issue 14 in a real browser: a member switches on two-factor login with a real TOTP generator, logs in with
password and code, and uses a recovery code once."""

import pytest
from playwright.sync_api import expect

from tests.browser.steps import (
    log_in_with_code,
    nav,
    register,
    set_up_two_factor,
    totp_code,
    unique,
)

pytestmark = pytest.mark.browser


def log_out(page) -> None:
    nav(page).get_by_role("button", name="Log out").click()
    expect(nav(page).get_by_role("link", name="Log in")).to_be_visible()


def test_two_factor_login_from_setup_to_recovery_code(page):
    email = register(page, unique("Tilda Twofactor"))
    secret, codes = set_up_two_factor(page)
    page.get_by_role("link", name="I have saved the codes, continue").click()
    expect(page.get_by_text("Two-factor login is on.")).to_be_visible()
    log_out(page)

    log_in_with_code(page, email, "abcdef")
    expect(page.locator("#code-error")).to_contain_text("This code is not right")
    expect(nav(page).get_by_role("button", name="Log out")).to_have_count(0)
    page.get_by_label("Code", exact=True).fill(totp_code(secret, steps_ahead=1))
    page.get_by_role("main").get_by_role("button", name="Log in").click()
    expect(nav(page).get_by_role("button", name="Log out")).to_be_visible()
    log_out(page)

    log_in_with_code(page, email, codes[0])
    expect(page.get_by_role("status")).to_contain_text("You used a recovery code; 9 are left.")
    expect(nav(page).get_by_role("button", name="Log out")).to_be_visible()
    log_out(page)

    log_in_with_code(page, email, codes[0])
    expect(page.locator("#code-error")).to_contain_text("This code is not right")
    expect(nav(page).get_by_role("button", name="Log out")).to_have_count(0)
