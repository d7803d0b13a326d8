"""The solutions library in a real browser: an owner publishes a solution from the project page, a member of
another organisation adopts it, and the solution page shows where it was adopted."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.steps import create_organisation, register, unique
from tests.browser.test_feedback_flow import post_project

pytestmark = pytest.mark.browser


def test_publish_adopt_and_see_the_adoption(new_page):
    olga, mia = new_page(locale="en-GB"), new_page(locale="en-GB")
    register(olga, unique("Olga Owner"))
    builder = unique("Lastenrad eG")
    create_organisation(olga, builder)
    project_url = post_project(olga, unique("Cargo bike sharing"))

    olga.goto(project_url)
    olga.get_by_role("link", name="Publish a solution").click()
    title = unique("Cargo bike booking")
    olga.get_by_label("Title").fill(title)
    olga.get_by_label("Summary").fill("Book shared cargo bikes by the hour.")
    olga.get_by_label("What it does and how to reuse it").fill("Runs on a **small** server.")
    olga.get_by_label("Building blocks").fill("Booking calendar: reserves bikes by the hour\nLock adapter")
    olga.get_by_label("Links to code and documents").fill("Source code | ftp://code.example.org/bikes")
    olga.get_by_label("Licence").fill("AGPL-3.0-or-later")
    olga.get_by_role("button", name="Publish").click()
    expect(olga.locator("#links-error")).to_contain_text("https://")  # a bad link: a field error
    olga.get_by_label("Links to code and documents").fill("Source code | https://code.example.org/bikes")
    olga.get_by_role("button", name="Publish").click()
    olga.wait_for_url(re.compile(r"/solutions/(?!new)[^/]+$"))
    solution_url = olga.url
    expect(olga.get_by_role("heading", level=1)).to_have_text(title)
    expect(olga.get_by_role("main")).to_contain_text("Booking calendar")
    expect(olga.get_by_role("link", name="Source code")).to_have_attribute(
        "href", "https://code.example.org/bikes"
    )

    register(mia, unique("Mia Adopter"))
    adopter = unique("Kiezladen eG")
    create_organisation(mia, adopter)
    mia.goto("/solutions/")
    mia.get_by_label("Text").fill("booking calendar")
    mia.get_by_role("button", name="Show solutions").click()
    mia.get_by_role("link", name=title).click()
    mia.get_by_role("link", name="Adopt this solution").click()
    expect(mia.get_by_label("Title")).to_have_value(f"{title} – adopted")
    adopted_title = unique("Cargo bikes for our Kiez")
    mia.get_by_label("Title").fill(adopted_title)
    mia.get_by_label("Public", exact=True).check()
    mia.get_by_role("button", name="Start the project").click()
    mia.wait_for_url(re.compile(r"/projects/(?!new)[^/]+$"))
    expect(mia.get_by_role("main")).to_contain_text("This project adopts the solution")

    olga.goto(solution_url)
    adoptions = olga.locator("#adoptions")
    expect(adoptions.get_by_role("link", name=adopted_title)).to_be_visible()
    expect(adoptions).to_contain_text(adopter)
    olga.goto("/notifications/")
    expect(olga.get_by_role("main")).to_contain_text(f"adopted your solution “{title}”")
