"""Issue 18's pickers in a real browser, in German: a member adds a co-owner by typing part of its name and
picking the suggestion (at phone and desktop width, no page wider than the window), and a moderator moves a
thread to another project by picking it from the suggestions."""

import re

import pytest
from playwright.sync_api import Page, expect

from innovex.extensions import db
from innovex.models import Feedback, ProjectCoOwner
from tests.browser.live import PASSWORD
from tests.browser.steps import totp_code, unique
from tests.factories import TOTP_SECRET, make_actor, make_user
from tests.moderation.queue_cast import post
from tests.project_factories import make_project

pytestmark = pytest.mark.browser

WIDTHS = {"phone": (390, 844), "desktop": (1366, 900)}


def assert_fits(page: Page, width: int) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll} px wide at {width} px"


def log_in_german(page: Page, email: str, two_factor: bool = False) -> None:
    page.goto("/auth/login")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Anmelden").click()
    if two_factor:  # moderators log in with the code from their app
        expect(page.get_by_role("heading", level=1)).to_have_text("Zwei-Faktor-Anmeldung")
        page.get_by_label("Code", exact=True).fill(totp_code(TOTP_SECRET))
        page.get_by_role("main").get_by_role("button", name="Anmelden").click()
    expect(page.locator("nav.site-nav").get_by_role("button", name="Abmelden")).to_be_visible()


def pick(page: Page, field, typed: str, option: str) -> None:
    """Type part of a name, wait for the suggestions and pick one with the keyboard."""
    field.click()
    field.press("End")
    field.press_sequentially(typed, delay=30)
    listbox = page.get_by_role("listbox")
    expect(listbox.get_by_role("option", name=re.compile(re.escape(option)))).to_be_visible()
    expect(field).to_have_attribute("aria-expanded", "true")
    while (
        field.get_attribute("aria-activedescendant") is None
        or option not in page.locator("#" + field.get_attribute("aria-activedescendant")).inner_text()
    ):
        field.press("ArrowDown")
    field.press("Enter")
    expect(field).to_have_attribute("aria-expanded", "false")


@pytest.mark.parametrize("size", sorted(WIDTHS))
def test_a_member_adds_a_co_owner_by_picking_it_from_the_suggestions(new_page, live_server, size):
    width, height = WIDTHS[size]
    word = unique("Lastenradgenossenschaftsverbund").split()[-1]  # a token no other test's names contain
    with live_server.app.app_context():
        owner = make_user(password=PASSWORD)
        project = make_project(
            make_actor(unique("Wohnprojekt"), owner=owner), owner, title=unique("Quartier")
        )
        partner = make_actor(f"Lastenradgenossenschaftsverbund Mitteldeutschland {word}", city="Leipzig")
        make_actor(f"Hidden {word}", status="hidden")  # never suggested to her
        email, project_slug, partner_slug = owner.email, project.slug, partner.slug

    page = new_page("de-DE")
    page.set_viewport_size({"width": width, "height": height})
    log_in_german(page, email)
    page.goto(f"/projects/{project_slug}")
    field = page.get_by_role("combobox", name="Organisation", exact=True)
    field.click()
    field.press_sequentially(f"Hidden {word}", delay=30)
    expect(page.locator(".suggest-status")).to_have_text("Keine Vorschläge.")
    field.fill("")
    pick(page, field, word, "Lastenradgenossenschaftsverbund")
    expect(page.locator(".suggest-option")).to_have_count(0)
    expect(field).to_have_value(partner_slug)
    expect(page.locator(".suggest-status")).to_contain_text("Ausgewählt: Lastenradgenossenschaftsverbund")
    assert_fits(page, width)
    page.get_by_role("button", name="Als Mitträger einladen").click()
    expect(page.get_by_role("status")).to_contain_text("Lastenradgenossenschaftsverbund")
    assert_fits(page, width)
    with live_server.app.app_context():
        invited = db.session.scalars(
            db.select(ProjectCoOwner).where(ProjectCoOwner.project.has(slug=project_slug))
        )
        assert [c.actor.slug for c in invited] == [partner_slug]


def test_a_moderator_moves_a_thread_by_picking_the_project(new_page, live_server):
    word = unique("Wärmepumpe").split()[-1]
    with live_server.app.app_context():
        owner = make_user(password=PASSWORD)
        actor = make_actor(unique("Heizkollektiv"), owner=owner)
        source = make_project(actor, owner, title=unique("Solardach"))
        destination = make_project(actor, owner, title=f"Wärmepumpen im Quartier {word}")
        item = post(source, owner, "Eigentlich eine Frage zu Wärmepumpen.")
        moderator = make_user(password=PASSWORD, role="moderator")
        item_id, email, destination_slug = item.id, moderator.email, destination.slug
        source_slug, source_title = source.slug, source.title

    page = new_page("de-DE")
    page.set_viewport_size({"width": 390, "height": 844})
    log_in_german(page, email, two_factor=True)
    page.goto(f"/moderation/feedback/{item_id}")
    form = page.locator("form").filter(
        has=page.get_by_role("button", name="Diesen Diskussionszweig verschieben")
    )
    field = form.get_by_role("combobox", name="In Projekt verschieben", exact=True)
    pick(page, field, word, "Wärmepumpen im Quartier")
    expect(field).to_have_value(destination_slug)
    form.get_by_label("Begründung", exact=True).fill("Gehört zum Wärmepumpen-Projekt.")
    assert_fits(page, 390)
    form.get_by_role("button", name="Diesen Diskussionszweig verschieben").click()
    page.wait_for_url(re.compile(rf"/projects/{re.escape(destination_slug)}"))
    expect(page.get_by_text("Eigentlich eine Frage zu Wärmepumpen.")).to_be_visible()
    with live_server.app.app_context():
        assert db.session.get(Feedback, item_id).project.slug == destination_slug

    # An impulse links several projects: each pick completes the entry being typed after the last comma.
    page.goto("/moderation/impulses/new")
    field = page.get_by_role("combobox", name="Verknüpfte Projekte", exact=True)
    pick(page, field, word, "Wärmepumpen im Quartier")
    pick(page, field, source_title.split()[-1], source_title)
    expect(field).to_have_value(f"{destination_slug}, {source_slug}, ")
    assert_fits(page, 390)
