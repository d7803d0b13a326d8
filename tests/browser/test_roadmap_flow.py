"""The roadmap from a moderator's first theme to what a visitor reads: a theme with a horizon, a milestone
in progress with a project attached, the timeline, and the German page at phone width."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.steps import create_organisation, register, set_up_two_factor, unique
from tests.browser.test_feedback_flow import post_project
from tests.browser.test_first_hour import assert_fits
from tests.browser.test_moderation_flow import make_moderator

pytestmark = pytest.mark.browser


def test_a_moderator_builds_a_theme_and_a_visitor_reads_it(new_page, live_server):
    owner = new_page()
    register(owner, unique("Olga Owner"))
    create_organisation(owner, unique("Lastenradgenossenschaft"))
    project_url = post_project(owner, unique("Geteilte Lastenräder"))
    project_slug = project_url.rsplit("/", 1)[1]

    mona = new_page()
    make_moderator(live_server.app, register(mona, unique("Mona Moderator")))
    set_up_two_factor(mona)  # moderators' powers need two-factor login
    theme = unique("Mobilität")
    mona.goto("/roadmap/")
    mona.get_by_role("link", name="Add a theme").click()
    mona.get_by_label("Name").fill(theme)
    mona.get_by_label("Goal").fill("Weniger Autos, **mehr** geteilte Räder.")
    mona.get_by_label("Time horizon").fill("2030-12-31")
    mona.get_by_role("button", name="Save").click()
    expect(mona.get_by_role("status")).to_contain_text("The theme is on the roadmap.")
    theme_url = mona.url

    mona.get_by_role("link", name="Add a milestone").click()
    mona.get_by_label("Title").fill("Pilot in Leipzig")
    mona.get_by_label("Planned for").fill("2027-06-01")
    mona.get_by_label("State").select_option(label="In progress")
    mona.get_by_role("button", name="Save").click()
    mona.wait_for_url(theme_url)

    milestone = mona.locator(".milestone").filter(has_text="Pilot in Leipzig")
    milestone.get_by_text("Change this milestone").click()
    milestone.get_by_label("Project or call").fill("no-such-project")
    milestone.get_by_role("button", name="Attach").click()
    error = mona.locator(".milestone").filter(has_text="Pilot in Leipzig").locator(".field-error")
    expect(error).to_contain_text("No project you can see is called")
    milestone = mona.locator(".milestone").filter(has_text="Pilot in Leipzig")
    milestone.get_by_label("Project or call").fill(project_slug)
    milestone.get_by_role("button", name="Attach").click()
    expect(mona.get_by_role("status")).to_contain_text("Attached to the milestone.")

    visitor = new_page(locale="de-DE")
    visitor.set_viewport_size({"width": 390, "height": 844})
    visitor.goto("/")
    visitor.get_by_role("contentinfo").get_by_role("link", name="Innovations-Roadmap").click()
    section = visitor.locator(".roadmap-theme").filter(has_text=theme)
    expect(section.locator("svg[role=img] title")).to_contain_text(theme)
    expect(section.locator(".tl-mark.tl-in_progress")).to_have_count(1)
    assert_fits(visitor, 390)
    section.get_by_role("link", name=theme).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(theme)
    expect(visitor.locator(".prose strong")).to_have_text("mehr")
    expect(visitor.locator(".milestone")).to_contain_text("In Arbeit")
    expect(visitor.get_by_role("link", name=re.compile("Geteilte Lastenräder")).first).to_be_visible()
    expect(visitor.locator(".roadmap-log")).to_contain_text("Meilenstein hinzugefügt: Pilot in Leipzig")
    expect(visitor.get_by_role("button", name="Lösen")).to_have_count(0)  # no tools for visitors
    assert_fits(visitor, 390)
    visitor.screenshot(path="test-results/roadmap-phone.png", full_page=True)
