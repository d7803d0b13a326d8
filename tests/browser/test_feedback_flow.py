"""Issue 3 in a real browser: a project, a feedback conversation between two people, helpful, addressed."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.steps import create_organisation, nav, register, unique

pytestmark = pytest.mark.browser


def post_project(page: Page, title: str) -> str:
    """Post a public project seeking partners; returns its path."""
    page.goto("/projects/new")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Summary").fill("Shared solar roofs for housing cooperatives in Leipzig.")
    page.get_by_label("Description").fill("We want to pilot **shared** solar roofs and need partners.")
    page.get_by_label("Implementation partners").check()
    page.get_by_label("Public", exact=True).check()
    page.get_by_role("button", name="Create project").click()
    page.wait_for_url(re.compile(r"/projects/(?!new)[^/]+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    return page.url


def feedback_item(page: Page, text: str):
    return page.get_by_role("article").filter(has_text=text)


def reply_to(page: Page, project_url: str, text: str, answer: str) -> None:
    page.goto(project_url)
    feedback_item(page, text).get_by_role("link", name="Reply").click()
    # The reply form opens under the item (JavaScript) or on its own page; either way it is the one form
    # with a "Post reply" button, and it may take a moment to arrive.
    form = page.locator("form").filter(has=page.get_by_role("button", name="Post reply"))
    expect(form).to_be_visible()
    form.get_by_label("Your feedback").fill(answer)
    form.get_by_role("button", name="Post reply").click()
    page.goto(project_url)
    expect(feedback_item(page, answer)).to_be_visible()


def test_feedback_conversation_helpful_and_addressed(new_page):
    anna, bruno = new_page(locale="en-GB"), new_page(locale="en-GB")
    register(anna, unique("Anna Author"))
    create_organisation(anna, unique("Dachgenossenschaft"))
    title = unique("Solar roofs pilot")
    project_url = post_project(anna, title)

    register(bruno, unique("Bruno Reviewer"))
    bruno.goto(project_url)
    idea = unique("Idea: start with one roof")
    bruno.get_by_label("Type").select_option(label="Idea")
    bruno.get_by_label("Your feedback").fill(idea)
    bruno.get_by_role("button", name="Post feedback").click()
    bruno.goto(project_url)
    expect(feedback_item(bruno, idea)).to_contain_text("Idea")

    answer = unique("Good point, which roof")
    reply_to(anna, project_url, idea, answer)
    counter = unique("The school roof")
    reply_to(bruno, project_url, answer, counter)

    anna.goto(project_url)
    feedback_item(anna, idea).get_by_role("button", name="Helpful").click()
    anna.goto(project_url)
    expect(feedback_item(anna, idea).get_by_role("button", name="Marked helpful (undo)")).to_be_visible()

    anna.get_by_role("link", name="Post an update").click()
    anna.get_by_label("Title").fill("Pilot on the school roof")
    anna.get_by_label("What changed").fill("We start with one roof, as suggested.")
    anna.get_by_label(re.compile(re.escape(idea[:40]))).check()
    anna.get_by_role("button", name="Post update").click()
    anna.wait_for_url(re.compile(re.escape(project_url)))

    bruno.goto("/")
    badge = nav(bruno).get_by_label(re.compile(r"^\d+ unread$"))
    expect(badge).to_be_visible()
    assert int(badge.inner_text()) >= 2
    nav(bruno).get_by_role("link", name=re.compile("Notifications")).click()
    notices = bruno.get_by_role("main")
    expect(notices).to_contain_text(f"replied to your feedback on “{title}”")
    expect(notices).to_contain_text(f"Your feedback on “{title}” was addressed in Update 1.")

    bruno.goto(project_url)
    expect(feedback_item(bruno, idea).get_by_role("link", name="addressed in Update 1")).to_be_visible()
    expect(feedback_item(bruno, idea)).to_contain_text("found this helpful")
