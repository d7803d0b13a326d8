"""Issue 16 in a real browser: a member suggests a correction to a profile they do not own; the owner finds
the notice, accepts it and the history credits the suggester; a declined suggestion shows its reason to the
member who made it, in German on a phone; a suggestion can be reported to the moderators like a post."""

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from innovex.extensions import db
from innovex.models import User
from tests.browser.steps import create_organisation, register, unique
from tests.browser.test_first_hour import assert_fits
from tests.browser.test_moderation_flow import open_queue_as_new_moderator, send_report

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def suggest(page: Page, profile: str, city: str, note: str) -> None:
    """Open the profile, press "Suggest a correction", first forget the note (an error next to the field),
    then send it with the note."""
    page.goto(profile)
    page.get_by_role("link", name="Suggest a correction").click()
    page.get_by_label("City").fill(city)
    page.get_by_role("button", name="Send suggestion").click()
    expect(page.locator(".field", has=page.get_by_label("Note for the owners"))).to_contain_text(
        "Please say briefly why."
    )
    page.get_by_label("Note for the owners").fill(note)
    page.get_by_role("button", name="Send suggestion").click()
    expect(page.get_by_role("status")).to_contain_text("Your suggestion has been sent")


def test_an_owner_accepts_a_suggested_correction_credited_to_the_suggester(new_page, live_server):
    anna = new_page()
    register(anna, unique("Anna Owner"))
    name = unique("Lastenrad eG")
    profile = create_organisation(anna, name, city="Leipzig")

    ben_name = unique("Ben Member")
    ben = new_page()
    register(ben, ben_name)
    suggest(ben, profile, "Halle (Saale)", "The cooperative moved to Halle in spring, see their website.")
    expect(ben.get_by_role("main")).to_contain_text("Halle (Saale)")
    ben.goto(profile)
    expect(ben.get_by_role("main")).to_contain_text("Leipzig")  # nothing changes before the owners decide

    anna.goto("/notifications/")
    notice = anna.get_by_role("main").get_by_role("link", name=f"{ben_name} suggested a correction")
    notice.click()
    anna.get_by_role("link", name="Suggested corrections").click()
    entry = anna.locator("section.suggestion").filter(has_text="Halle (Saale)")
    expect(entry).to_contain_text("The cooperative moved to Halle in spring")
    entry.get_by_role("button", name="Accept and apply").click()
    expect(anna.get_by_role("status")).to_contain_text("Your decision has been saved.")
    expect(entry).to_contain_text("Accepted")

    anna.goto(profile)
    expect(anna.get_by_role("main")).to_contain_text("Halle (Saale)")
    anna.get_by_role("link", name="History").click()
    newest = anna.locator("section.revision").first
    expect(newest).to_contain_text(f"Suggested correction · {ben_name}")
    expect(newest.locator("ins")).to_contain_text("Halle (Saale)")
    expect(newest.locator("del")).to_contain_text("Leipzig")

    ben.goto("/notifications/")
    expect(ben.get_by_role("main")).to_contain_text(f"decided on your suggested correction to {name}")


def test_a_declined_suggestion_shows_its_reason_in_german_on_a_phone(new_page, live_server):
    anna = new_page()
    anna_email = register(anna, unique("Anna Owner"))
    name = unique("Solardach eG")
    profile = create_organisation(anna, name, city="Leipzig")
    ben = new_page()
    ben_email = register(ben, unique("Ben Member"))
    suggest(ben, profile, "Lepzig", "Typo in the city.")

    with live_server.app.app_context():  # both read the site in German from now on
        for email in (anna_email, ben_email):
            db.session.scalar(sa.select(User).where(User.email == email)).locale = "de"
        db.session.commit()
    anna.set_viewport_size(PHONE)
    anna.goto(profile)
    anna.get_by_role("link", name="Korrekturvorschläge").click()
    entry = anna.locator("section.suggestion").filter(has_text="Lepzig")
    entry.get_by_role("button", name="Ablehnen").click()
    entry = anna.locator("section.suggestion").filter(has_text="Lepzig")
    expect(entry.locator(".field.has-error")).to_contain_text("Bitte geben Sie einen Grund an.")
    expect(entry).to_contain_text("Offen")  # a refused decline decides nothing
    entry.get_by_label("Begründung").fill("Leipzig ist richtig geschrieben.")
    entry.get_by_role("button", name="Ablehnen").click()
    expect(anna.get_by_role("status")).to_contain_text("Ihre Entscheidung wurde gespeichert.")
    assert_fits(anna, PHONE["width"])
    anna.goto(profile)
    expect(anna.get_by_role("main")).not_to_contain_text("Lepzig")

    ben.set_viewport_size(PHONE)
    ben.goto(profile)
    ben.get_by_role("link", name="Korrekturvorschläge").click()
    entry = ben.locator("section.suggestion").filter(has_text="Lepzig")
    expect(entry).to_contain_text("Abgelehnt")
    expect(entry).to_contain_text("Begründung: Leipzig ist richtig geschrieben.")
    assert_fits(ben, PHONE["width"])


def test_a_reported_suggestion_reaches_the_review_queue(new_page, live_server):
    anna = new_page()
    register(anna, unique("Anna Owner"))
    profile = create_organisation(anna, unique("Wohnprojekt eG"))
    ben = new_page()
    register(ben, unique("Ben Member"))
    note = unique("Visit my shop for cheap flights")
    suggest(ben, profile, "Berlin", note)

    anna.goto(profile)
    anna.get_by_role("link", name="Suggested corrections").click()
    entry = anna.locator("section.suggestion").filter(has_text=note)
    send_report(anna, entry, "An advert, not a correction.")

    mona = open_queue_as_new_moderator(new_page, live_server.app)
    queued = mona.locator("section.queue-entry").filter(has_text=note)
    expect(queued).to_contain_text("An advert, not a correction.")
    queued.get_by_label("Reason", exact=True).fill("Spam is not a correction.")
    queued.get_by_role("button", name="Hide it").click()
    expect(mona.get_by_role("status")).to_contain_text("Done.")

    anna.goto(profile)
    anna.get_by_role("link", name="Suggested corrections").click()
    expect(anna.get_by_role("main")).not_to_contain_text(note)
