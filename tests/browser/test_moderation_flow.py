"""Issue 5 in a real browser: three members report an item, it disappears, a moderator restores it from the
review queue, and the author finds the notice among their notifications."""

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from innovex.extensions import db
from innovex.models import User
from tests.browser.steps import create_organisation, nav, register, set_up_two_factor, unique
from tests.browser.test_feedback_flow import feedback_item, post_project

pytestmark = pytest.mark.browser


def make_moderator(app, email: str) -> None:
    """Site roles are granted by admins elsewhere; here the test grants it in the database directly."""
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == email))
        user.role = "moderator"
        db.session.commit()


def send_report(page: Page, item, note: str) -> None:
    """Report `item` (a locator around a Report link) as spam with a note, as a member does."""
    item.get_by_role("link", name="Report", exact=True).click()
    page.get_by_label("Spam", exact=True).check()
    page.get_by_label("Note for the moderators (optional)").fill(note)
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you. The moderators will review your report.")


def report_item(page: Page, project_url: str, text: str) -> None:
    page.goto(project_url)
    send_report(page, feedback_item(page, text), "Looks like an advert.")


def open_queue_as_new_moderator(new_page, app) -> Page:
    """A new moderator opens the review queue: two-factor login is set up on the way, as the queue asks."""
    mona = new_page()
    make_moderator(app, register(mona, unique("Mona Moderator")))
    mona.goto("/")
    nav(mona).get_by_role("link", name="Moderation").click()
    set_up_two_factor(mona, open_settings=False)
    mona.get_by_role("link", name="I have saved the codes, continue").click()
    expect(mona.get_by_role("heading", level=1)).to_have_text("Review queue")
    return mona


def test_reported_item_disappears_and_a_moderator_restores_it(new_page, live_server):
    anna, bruno = new_page(), new_page()
    register(anna, unique("Anna Owner"))
    create_organisation(anna, unique("Windgenossenschaft"))
    title = unique("Community wind park")
    project_url = post_project(anna, title)

    register(bruno, unique("Bruno Author"))
    bruno.goto(project_url)
    text = unique("Try our turbines, best prices")
    bruno.get_by_label("Type").select_option(label="Offer to help")
    bruno.get_by_label("Your feedback").fill(text)
    bruno.get_by_role("button", name="Post feedback").click()
    bruno.goto(project_url)
    expect(feedback_item(bruno, text)).to_be_visible()

    reporters = [new_page() for _ in range(3)]
    for n, reporter in enumerate(reporters, 1):
        register(reporter, unique(f"Reporter {n}"))
        report_item(reporter, project_url, text)

    reporters[0].goto(project_url)
    expect(reporters[0].get_by_text(text)).to_have_count(0)
    expect(reporters[0].get_by_text(re.compile(r"Hidden by moderation on"))).to_be_visible()
    anna.goto(project_url)
    expect(anna.get_by_text(text)).to_have_count(0)

    mona = new_page()
    make_moderator(live_server.app, register(mona, unique("Mona Moderator")))
    mona.goto("/")
    nav(mona).get_by_role("link", name="Moderation").click()
    # Moderators need two-factor login first: the queue sends her to set it up, and back afterwards.
    expect(mona.get_by_text("Moderators and administrators must use two-factor login")).to_be_visible()
    set_up_two_factor(mona, open_settings=False)
    mona.get_by_role("link", name="I have saved the codes, continue").click()
    expect(mona.get_by_role("heading", level=1)).to_have_text("Review queue")
    entry = mona.locator("section.queue-entry").filter(has_text=text)
    expect(entry).to_contain_text("Looks like an advert.")
    expect(entry.get_by_text("Spam", exact=True)).to_have_count(3)
    # Compact: the reason, a disclosure for the rest, one button per decision (three made 4,000 px before).
    box = entry.bounding_box()
    assert box["height"] < 900, f"a queue entry is {box['height']} px tall"
    expect(entry.locator("details.queue-more")).not_to_have_attribute("open", "")
    entry.get_by_label("Reason", exact=True).fill("An offer to help is on topic here.")
    entry.get_by_role("button", name="Dismiss the reports").click()
    expect(mona.get_by_role("status")).to_contain_text("Done.")
    expect(mona.locator("section.queue-entry").filter(has_text=text)).to_have_count(0)

    reporters[1].goto(project_url)
    expect(feedback_item(reporters[1], text)).to_be_visible()

    bruno.goto("/")
    nav(bruno).get_by_role("link", name=re.compile("Notifications")).click()
    notices = bruno.get_by_role("main")
    expect(notices).to_contain_text(f"Moderation on “{title}”: Hidden automatically after reports.")
    expect(notices).to_contain_text(
        f"Moderation on “{title}”: Restored. Reason: An offer to help is on topic here."
    )
    reporters[2].goto("/notifications/")
    expect(reporters[2].get_by_role("main")).to_contain_text(
        "Your report was reviewed by the moderators: Reports dismissed."
    )
