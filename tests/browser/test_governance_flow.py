"""Issue 16 in a real browser: an owner joins the data cooperative and files a tag proposal, a second member
organisation votes, the vote closes, and the applied result shows; an election among two candidates in German
on a phone; a reported contribution to a proposal's discussion in the moderators' queue."""

import re
import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from innovex.extensions import db
from innovex.governance import proposals
from innovex.models import Proposal, Tag, User
from innovex.models.base import utcnow
from tests.browser.steps import create_organisation, register, unique
from tests.browser.test_first_hour import assert_fits
from tests.browser.test_moderation_flow import open_queue_as_new_moderator, send_report
from tests.factories import make_user

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def join_cooperative(page: Page, organisation: str) -> None:
    page.goto("/")
    page.locator("footer").get_by_role("link", name="Data cooperative").click()
    page.get_by_role("listitem").filter(has_text=organisation).get_by_role(
        "link", name="Join the data cooperative"
    ).click()
    expect(page.get_by_role("main")).to_contain_text("Data charter of the innovex data cooperative")
    page.get_by_label("I accept the data charter on behalf of the organisation").check()
    page.get_by_role("button", name="Join the data cooperative").click()
    expect(page.get_by_role("status")).to_contain_text(f"{organisation} is now a member")


def vote(page: Page, choice: str) -> None:
    page.get_by_label(choice, exact=True).check()
    page.get_by_role("button", name="Cast the vote").click()
    expect(page.get_by_role("status")).to_contain_text("has been saved")


def test_a_tag_proposal_from_filing_to_applied_result(new_page, live_server):
    anna = new_page()
    register(anna, unique("Anna Owner"))
    first = unique("Solardach eG")
    create_organisation(anna, first)
    join_cooperative(anna, first)

    tag = unique("Gemeinwohl")
    anna.get_by_role("link", name="Taxonomy").click()
    anna.get_by_label("Title").fill(f"Add the tag {tag}")
    anna.get_by_label("What").select_option(label="Tag")
    anna.get_by_label("Change").select_option(label="Add")
    anna.get_by_label("Name", exact=True).fill(tag)
    anna.get_by_role("button", name="File the proposal").click()
    expect(anna.get_by_role("status")).to_contain_text("Your proposal is open for votes.")
    expect(anna.get_by_role("heading", level=1)).to_have_text(f"Add the tag {tag}")
    expect(anna.get_by_role("main")).to_contain_text("Quorum")
    proposal_url = anna.url
    vote(anna, "Yes")

    ben = new_page()
    register(ben, unique("Ben Owner"))
    second = unique("Wohnprojekt eG")
    create_organisation(ben, second)
    join_cooperative(ben, second)
    ben.goto(proposal_url)
    vote(ben, "Yes")
    expect(ben.locator("#voters")).to_contain_text(f"{first}: Yes")

    proposal_id = int(re.search(r"/proposals/(\d+)", proposal_url).group(1))
    with live_server.app.app_context():
        proposal = db.session.get(Proposal, proposal_id)
        proposal.closes_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
        assert proposals.close(proposal)
        db.session.commit()
        assert db.session.scalar(sa.select(Tag).where(Tag.name == tag)) is not None

    anna.reload()
    expect(anna.locator("#proposal-state")).to_contain_text("Passed")
    expect(anna.locator("#result")).to_contain_text("2 yes, 0 no")
    anna.goto("/moderation/public-log")
    expect(anna.get_by_role("main")).to_contain_text(f"Add the tag {tag}")


def test_an_election_among_candidates_in_german_on_a_phone(new_page, live_server):
    """Owners elect one of two candidates in a secret ballot: German pages at 390 px, who took part is shown
    but not how, the result per candidate is public when it closes, and the winner becomes a moderator."""
    names = [unique("Clara Kandidatin"), unique("David Kandidat")]
    with live_server.app.app_context():
        candidates = [
            make_user(
                f"{name.replace(' ', '.').lower()}@example.org",
                display_name=name,
                handle=f"k{uuid.uuid4().hex[:12]}",
            )
            for name in names
        ]
        emails = [c.email for c in candidates]
        clara_id = candidates[0].id

    anna = new_page()
    anna_email = register(anna, unique("Anna Owner"))
    first = unique("Solardach eG")
    create_organisation(anna, first)
    join_cooperative(anna, first)
    anna.get_by_role("link", name="Moderator election among candidates").click()
    anna.get_by_label("Title").fill("Moderation 2027")
    anna.get_by_label("Candidates").fill("\n".join(emails))
    anna.get_by_role("button", name="File the proposal").click()
    expect(anna.get_by_role("status")).to_contain_text("Your proposal is open for votes.")
    proposal_url = anna.url

    ben = new_page()
    ben_email = register(ben, unique("Ben Owner"))
    second = unique("Wohnprojekt eG")
    create_organisation(ben, second)
    join_cooperative(ben, second)

    with live_server.app.app_context():  # both owners read the site in German from now on
        for email in (anna_email, ben_email):
            db.session.scalar(sa.select(User).where(User.email == email)).locale = "de"
        db.session.commit()
    for page in (anna, ben):
        page.set_viewport_size(PHONE)
        page.goto(proposal_url)
        expect(page.locator("#candidates")).to_contain_text(names[1])
        page.get_by_label(names[0], exact=True).check()
        page.get_by_role("button", name="Stimme abgeben").click()
        expect(page.get_by_role("status")).to_contain_text("wurde gespeichert")
        assert_fits(page, PHONE["width"])
    anna.reload()
    expect(anna.locator("#participants")).to_contain_text(second)
    expect(anna.locator("#participants")).not_to_contain_text(names[0])  # a secret ballot
    expect(anna.get_by_role("main")).to_contain_text(f"Aktuelle Stimme von {first}: {names[0]}")

    proposal_id = int(re.search(r"/proposals/(\d+)", proposal_url).group(1))
    with live_server.app.app_context():
        proposal = db.session.get(Proposal, proposal_id)
        proposal.closes_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
        assert proposals.close(proposal)
        db.session.commit()
        assert db.session.get(User, clara_id).is_moderator

    anna.reload()
    expect(anna.locator("#proposal-state")).to_contain_text("Angenommen")
    expect(anna.locator("#candidate-results")).to_contain_text(f"{names[0]}: 2 Stimmen · gewählt")
    expect(anna.locator("#candidate-results")).to_contain_text(f"{names[1]}: 0 Stimmen")
    assert_fits(anna, PHONE["width"])


def test_a_sector_merge_is_filed_by_picking_both_entries(new_page, live_server):
    """Issue 18: the taxonomy proposal took a sector's key typed by hand; now its name and "merge into" are
    pickers among the vocabulary chosen in "What" (suggest.js's kind-from)."""
    from tests.browser.test_pickers_flow import pick

    anna = new_page()
    register(anna, unique("Anna Owner"))
    first = unique("Sektorpflege eG")
    create_organisation(anna, first)
    join_cooperative(anna, first)
    anna.get_by_role("link", name="Taxonomy").click()
    anna.get_by_label("Title").fill("Mobility belongs to energy")
    anna.get_by_label("What").select_option(label="Sector")
    anna.get_by_label("Change").select_option(label="Merge into another")
    pick(anna, anna.get_by_label("Name", exact=True), "Mobil", "Mobility and logistics")
    expect(anna.get_by_label("Name", exact=True)).to_have_value("mobility")
    pick(anna, anna.get_by_label("Merge into"), "Ener", "Energy")
    anna.get_by_role("button", name="File the proposal").click()
    expect(anna.get_by_role("status")).to_contain_text("Your proposal is open for votes.")
    expect(anna.get_by_role("main")).to_contain_text("“mobility” → “energy”")


def test_a_reported_contribution_to_a_proposal_reaches_the_review_queue(new_page, live_server):
    """Issue 16: reports apply to the cooperative's discussion as to posts. A member of another member
    organisation reports a contribution through its Report link; a moderator finds it in the review queue with
    the reason and the note, and hides it from the discussion."""
    anna = new_page()
    register(anna, unique("Anna Owner"))
    first = unique("Solardach eG")
    create_organisation(anna, first)
    join_cooperative(anna, first)
    anna.get_by_role("link", name="Taxonomy").click()
    title = unique("Add the tag Bürgerenergie")
    anna.get_by_label("Title").fill(title)
    anna.get_by_label("Name", exact=True).fill(unique("Bürgerenergie"))
    anna.get_by_role("button", name="File the proposal").click()
    expect(anna.get_by_role("status")).to_contain_text("Your proposal is open for votes.")
    proposal_url = anna.url
    text = unique("Buy cheap solar panels at our shop")
    anna.get_by_label("Your contribution").fill(text)
    anna.get_by_role("button", name="Post the contribution").click()
    expect(anna.locator("ol.comments")).to_contain_text(text)

    ben = new_page()
    register(ben, unique("Ben Owner"))
    second = unique("Wohnprojekt eG")
    create_organisation(ben, second)
    join_cooperative(ben, second)
    ben.goto(proposal_url)
    contribution = ben.locator("ol.comments > li").filter(has_text=text)
    send_report(ben, contribution, "An advert in the discussion.")

    mona = open_queue_as_new_moderator(new_page, live_server.app)
    entry = mona.locator("section.queue-entry").filter(has_text=text)
    expect(entry).to_contain_text(f"On the proposal “{title}”")
    expect(entry).to_contain_text("An advert in the discussion.")
    expect(entry.get_by_text("Spam", exact=True)).to_have_count(1)
    entry.get_by_label("Reason", exact=True).fill("Advertising is not part of the discussion.")
    entry.get_by_role("button", name="Hide it").click()
    expect(mona.get_by_role("status")).to_contain_text("Done.")

    ben.goto(proposal_url)
    expect(ben.get_by_text(text)).to_have_count(0)
    expect(ben.locator("ol.comments")).to_contain_text("This contribution was hidden by the moderators.")
