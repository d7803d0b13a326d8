"""Issue 17 in a real browser: a moderator opens a call, an owner submits a project, another organisation
supports it, and the moderator selects it with a public reason the owner is notified of."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from innovex.models.base import utcnow
from tests.browser.steps import create_organisation, nav, register, set_up_two_factor, unique
from tests.browser.test_feedback_flow import post_project
from tests.browser.test_moderation_flow import make_moderator

pytestmark = pytest.mark.browser


def test_a_call_from_opening_to_selection(new_page, live_server):
    today = utcnow().date()
    mona = new_page()
    make_moderator(live_server.app, register(mona, unique("Mona Moderator")))
    set_up_two_factor(mona)  # moderators' powers need two-factor login
    question = unique("How do we share delivery vans")
    mona.goto("/")
    nav(mona).get_by_role("link", name="Calls").click()
    mona.get_by_role("link", name="Open a call").click()
    mona.get_by_label("Question").fill(question)
    mona.get_by_label("Context").fill("Many co-ops own vans that stand still **most of the day**.")
    mona.get_by_label("What the call offers").fill("Pilot users and a small budget")
    mona.get_by_label("Deadline for submissions").fill((today + timedelta(days=14)).isoformat())
    mona.get_by_label("Phases").fill(
        f"{(today - timedelta(days=1)).isoformat()} – {(today + timedelta(days=14)).isoformat()} Ideas\n"
        f"{(today + timedelta(days=15)).isoformat()} Selection"
    )
    mona.get_by_role("button", name="Open the call").click()
    expect(mona.get_by_role("status")).to_contain_text("The call is open.")
    expect(mona.get_by_role("heading", level=1)).to_have_text(question)
    expect(mona.locator('[aria-current="step"]')).to_contain_text("Ideas")
    call_url = mona.url

    anna = new_page()
    register(anna, unique("Anna Owner"))
    create_organisation(anna, unique("Lastenrad eG"))
    title = unique("Shared cargo vans")
    post_project(anna, title)
    anna.goto(call_url)
    anna.get_by_role("link", name="Submit a project").click()
    anna.get_by_label("Project").select_option(label=title)
    anna.get_by_role("button", name="Submit", exact=True).click()
    expect(anna.get_by_role("status")).to_contain_text("is submitted to the call")
    entry = anna.locator("li.submission").filter(has_text=title)
    expect(entry).to_contain_text("Submitted")
    expect(entry.get_by_role("button", name="Support")).to_have_count(0)  # not for one's own project

    bruno = new_page()
    register(bruno, unique("Bruno Other"))
    kiez = unique("Kiezladen eG")
    create_organisation(bruno, kiez)
    bruno.goto(call_url)
    entry = bruno.locator("li.submission").filter(has_text=title)
    entry.get_by_label("Support on behalf of").select_option(label=kiez)
    entry.get_by_role("button", name="Support").click()
    expect(bruno.get_by_role("status")).to_contain_text(f"{kiez} supports")
    expect(bruno.locator("li.submission").filter(has_text=title)).to_contain_text("1 support")

    mona.goto(call_url)
    entry = mona.locator("li.submission").filter(has_text=title)
    entry.get_by_role("link", name="Shortlist or select").click()
    mona.get_by_label("Decision").select_option(label="Selected")
    mona.get_by_label("Public reason").fill("Ready for a pilot with two partners.")
    mona.get_by_role("button", name="Save decision").click()
    entry = mona.locator("li.submission").filter(has_text=title)
    expect(entry).to_contain_text("Selected")
    expect(entry).to_contain_text("Ready for a pilot with two partners.")

    anna.goto("/")
    nav(anna).get_by_role("link", name=re.compile("Notifications")).click()
    anna.get_by_role("link", name=re.compile(r"was selected in the call")).first.click()
    expect(anna.get_by_role("heading", level=1)).to_have_text(question)
