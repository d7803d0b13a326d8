"""Issue 16 in a real browser: an owner joins the data cooperative and files a tag proposal, a second member
organisation votes, the vote closes, and the applied result shows."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from innovex.extensions import db
from innovex.governance import proposals
from innovex.models import Proposal, Tag
from innovex.models.base import utcnow
from tests.browser.steps import create_organisation, register, unique

pytestmark = pytest.mark.browser


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
