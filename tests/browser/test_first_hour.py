"""Issue 18's first hour, at phone and desktop width: register, create an organisation, post a project, give
feedback, express interest, and the owner accepts; no page on the way is wider than the window."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.steps import confirm_email, create_organisation, register, unique
from tests.browser.test_feedback_flow import feedback_item, post_project

pytestmark = pytest.mark.browser

WIDTHS = {"phone": (390, 844), "desktop": (1366, 900)}
# Long German compounds, and names unlike each other's (the duplicate check would stop a second similar one).
NAMES = {
    "phone": ("Energiegenossenschaftsverband Mitteldeutschland", "Solarhandwerkskooperative Erzgebirge"),
    "desktop": ("Wohnungsbaugenossenschaftsring Niederlausitz", "Dachdeckerkollektiv Uckermark"),
}


def _luminance(rgb: str) -> float:
    channels = [int(value) / 255 for value in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(page: Page, selector: str) -> float:
    """The WCAG contrast ratio of an element's text colour on its own background colour."""
    colours = page.locator(selector).first.evaluate(
        "e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]"
    )
    light, dark = sorted((_luminance(c) for c in colours), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def assert_fits(page: Page, width: int) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll} px wide at {width} px"
    # A long compound inside a card sticks out of the card without widening the page (issue 18 on desktop).
    wide = page.evaluate(
        "[...document.querySelectorAll('.card')].filter(c => c.scrollWidth > c.clientWidth + 1)"
        ".map(c => c.textContent.trim().slice(0, 60))"
    )
    assert wide == [], f"cards wider than themselves on {page.url}: {wide}"


@pytest.mark.parametrize("size", sorted(WIDTHS))
def test_the_first_hour_fits_the_screen(new_page, size):
    width, height = WIDTHS[size]
    owner, partner = new_page(), new_page()
    for page in (owner, partner):
        page.set_viewport_size({"width": width, "height": height})

    email = register(owner, unique("Olga Genossenschaftswirtschaft"), confirm=False)
    expect(owner.locator(".verify-notice")).to_contain_text(email)  # a long address, and it must wrap
    assert_fits(owner, width)
    confirm_email(owner, email)
    assert_fits(owner, width)
    owner_org, partner_org = (unique(name) for name in NAMES[size])
    profile = create_organisation(owner, owner_org)
    assert_fits(owner, width)
    project_url = post_project(owner, unique("Genossenschaftswohnungen mit Solardächern"))
    assert_fits(owner, width)

    register(partner, unique("Paul Partner"))
    create_organisation(partner, partner_org)
    partner.goto(project_url)
    idea = unique("Idea: begin with the school roof")
    partner.get_by_label("Type").select_option(label="Idea")
    partner.get_by_label("Your feedback").fill(idea)
    partner.get_by_role("button", name="Post feedback").click()
    partner.goto(project_url)
    expect(feedback_item(partner, idea)).to_be_visible()
    assert_fits(partner, width)

    interest = partner.locator("form").filter(has=partner.get_by_role("button", name="Express interest"))
    interest.get_by_label("Message").fill("We install solar roofs and would like to join.")
    interest.get_by_role("button", name="Express interest").click()
    partner.goto(project_url)
    expect(partner.locator(".own-interests")).to_contain_text("open, waiting for the project's owners")
    assert_fits(partner, width)

    owner.goto(project_url)
    assert contrast(owner, "header .badge") >= 4.5  # the unread count (axe: 4.35 was serious)
    owner.locator(".interest-list").get_by_role("button", name="Accept").click()
    owner.goto(project_url)
    expect(owner.locator(".partner-list")).to_contain_text(partner_org)
    assert_fits(owner, width)
    for path in ("/", profile, "/organisations/", "/projects/", "/map/", "/statistics/", "/account/"):
        owner.goto(path)
        assert_fits(owner, width)
    owner.goto("/search/?q=Solar")
    assert_fits(owner, width)
    field = owner.locator("#search-q").bounding_box()
    button = owner.locator(".search-form button").bounding_box()
    assert abs(field["height"] - button["height"]) <= 2  # styled like the form fields, not a thin default
    assert owner.locator("#search-q").evaluate("e => getComputedStyle(e).fontSize") == owner.locator(
        "body"
    ).evaluate("e => getComputedStyle(e).fontSize")
    assert re.search(r"/projects/", project_url)
