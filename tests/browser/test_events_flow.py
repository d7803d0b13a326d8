"""Issue 17 (events) in a real browser, in German: an owner publishes an event from the organisation's
profile, it is listed on /events/ in its own zone, and a visitor can take it into a calendar."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from innovex.models.base import utcnow
from tests.browser.steps import create_organisation, nav, register, unique

pytestmark = pytest.mark.browser


def test_an_owner_publishes_an_event_that_appears_on_the_list_in_german(new_page):
    day = (utcnow() + timedelta(days=10)).date()
    anna = new_page()
    register(anna, unique("Anna Owner"))
    profile = create_organisation(anna, unique("Lastenrad eG"))
    nav(anna).get_by_role("button", name="Deutsch").click()
    expect(anna.locator("html")).to_have_attribute("lang", "de")
    anna.goto(profile)
    anna.get_by_role("link", name="Veranstaltung anlegen").click()
    title = unique("Werkstatt Lastenräder teilen")
    anna.get_by_label("Titel").fill(title)
    anna.get_by_label("Beschreibung").fill("Wir zeigen **Buchung und Wartung**.")
    anna.get_by_label("Beginn").fill(f"{day.isoformat()}T10:00")
    anna.get_by_label("Ende").fill(f"{day.isoformat()}T08:00")
    anna.get_by_label("Ort", exact=True).fill("Leipzig")
    anna.get_by_role("button", name="Veranstaltung veröffentlichen").click()
    expect(anna.locator(".field-error")).to_have_text("Die Veranstaltung muss nach ihrem Beginn enden.")
    anna.get_by_label("Ende").fill(f"{day.isoformat()}T12:00")
    anna.get_by_role("button", name="Veranstaltung veröffentlichen").click()
    expect(anna.get_by_role("status")).to_contain_text("Die Veranstaltung ist veröffentlicht.")
    expect(anna.get_by_role("heading", level=1)).to_have_text(title)

    nav(anna).get_by_role("link", name="Veranstaltungen").click()
    expect(anna.get_by_role("heading", level=1)).to_have_text("Veranstaltungen")
    card = anna.locator("li.event-card").filter(has_text=title)
    expect(card).to_contain_text(re.compile(r"10:00 MES?Z"))
    expect(card).to_contain_text("Leipzig")

    visitor = new_page(locale="de-DE")
    visitor.goto("/events/")
    visitor.get_by_role("link", name=title).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(title)
    expect(visitor.get_by_role("link", name="Zum Kalender hinzufügen (iCal)")).to_have_attribute(
        "href", re.compile(r"^/events/\d+\.ics$")
    )
    expect(visitor.get_by_role("link", name="Bearbeiten")).to_have_count(0)
