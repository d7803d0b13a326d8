"""Issue 14 in a real browser: two devices, the device list, ending the other one, and a copied cookie that
opens nothing after logging out."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.steps import log_in, nav, register, unique

pytestmark = pytest.mark.browser


def test_signed_in_devices_and_logout_ends_the_session(new_page):
    laptop, phone = new_page(locale="en-GB"), new_page(locale="en-GB")
    email = register(laptop, unique("Grace Hopper"))
    log_in(phone, email)

    laptop.goto("/account/settings")
    devices = laptop.get_by_role("region", name="Signed-in devices")
    rows = devices.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="this device")).to_have_count(1)
    expect(rows.first).to_contain_text("Chrome on Linux")
    expect(rows.first).to_contain_text("127.0.0.0/24")
    rows.filter(has_not_text="this device").get_by_role("button", name="End session").click()
    expect(laptop.get_by_text("that device is logged out")).to_be_visible()
    expect(rows).to_have_count(1)

    phone.goto("/account/settings")
    phone.wait_for_url(re.compile(r"/auth/login"))

    cookies = laptop.context.cookies()
    nav(laptop).get_by_role("button", name="Log out").click()
    expect(nav(laptop).get_by_role("link", name="Log in")).to_be_visible()
    thief = new_page(locale="en-GB")
    thief.context.add_cookies(cookies)
    thief.goto("/account/settings")
    thief.wait_for_url(re.compile(r"/auth/login"))
