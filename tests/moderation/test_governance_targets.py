"""Reporting contributions to proposals and suggested corrections: who can report them, the queue hides
them, the discussion keeps a placeholder, a hidden suggestion leaves the list, the log names them."""

import sqlalchemy as sa

from innovex.extensions import db
from innovex.models import ModerationAction, Notification, Report
from innovex.moderation import reports
from innovex.notifications.render import describe
from tests.factories import login_as, make_user
from tests.moderation.queue_cast import proposal_comment, report, suggestion

pytest_plugins = ["tests.moderation.queue_fixtures"]


def hide_from_queue(world, target_type, target_id):
    target = reports.load_target(target_type, target_id)
    entry = reports.resolve(target, "hide", world.moderator, reason="Werbung für Pillen")
    db.session.commit()
    return entry


def test_a_reported_contribution_is_hidden_from_the_queue_and_the_discussion_keeps_a_placeholder(
    client, world
):
    item = proposal_comment(world)
    url = f"/cooperative/proposals/{item.proposal_id}"
    login_as(client, world.reporters[0])
    page = client.get(url).get_data(as_text=True)
    assert f"/moderation/report/proposal_comment/{item.id}" in page
    assert report(world.reporters[0], "proposal_comment", item.id)[1]
    entry = hide_from_queue(world, "proposal_comment", item.id)
    assert item.hidden_at is not None and item.hidden_by_id == world.moderator.id
    assert (entry.target_type, entry.target_user_id) == ("proposal_comment", world.author.id)
    assert db.session.scalar(sa.select(Report.resolution).where(Report.target_id == item.id)) == "hidden"
    notice = db.session.scalar(sa.select(Notification).where(Notification.user_id == world.author.id))
    assert notice.kind == "moderation" and f"#comment-{item.id}" in describe(notice, world.author).url
    page = client.get(url).get_data(as_text=True)
    assert "example.org" not in page and "hidden by the moderators" in page
    assert client.get(f"/moderation/report/proposal_comment/{item.id}").status_code == 404
    login_as(client, world.moderator)
    assert "example.org" in client.get(url).get_data(as_text=True)  # moderators still read it
    log = client.get("/moderation/public-log").get_data(as_text=True)
    assert f"contribution #{item.id} to proposal #{item.proposal_id}" in log


def test_the_author_gets_no_report_link_on_their_own_contribution(client, world):
    item = proposal_comment(world)
    login_as(client, world.author)
    page = client.get(f"/cooperative/proposals/{item.proposal_id}").get_data(as_text=True)
    assert f"/moderation/report/proposal_comment/{item.id}" not in page
    login_as(client, None)
    page = client.get(f"/cooperative/proposals/{item.proposal_id}").get_data(as_text=True)
    assert "/moderation/report/proposal_comment/" not in page


def test_the_owners_report_a_suggested_correction_and_a_hidden_one_leaves_the_list(client, world):
    item = suggestion(world)
    index = f"/organisations/{world.coop.slug}/suggestions"
    login_as(client, world.owner)
    assert f"/moderation/report/suggestion/{item.id}" in client.get(index).get_data(as_text=True)
    response = client.post(f"/moderation/report/suggestion/{item.id}", data={"reason": "spam"})
    assert response.status_code == 303 and f"#suggestion-{item.id}" in response.headers["Location"]
    hide_from_queue(world, "suggestion", item.id)
    assert item.hidden_at is not None
    assert f'id="suggestion-{item.id}"' not in client.get(index).get_data(as_text=True)
    response = client.post(f"/organisations/{world.coop.slug}/suggestions/{item.id}/accept")
    assert response.status_code == 404
    entry = db.session.scalar(sa.select(ModerationAction).where(ModerationAction.target_type == "suggestion"))
    assert entry.action == "hide" and entry.target_user_id == world.author.id
    assert "suggested correction to Kooperative Ost" in client.get("/moderation/public-log").get_data(
        as_text=True
    )


def test_who_does_not_see_a_suggestion_cannot_report_it(client, world):
    item = suggestion(world)
    login_as(client, make_user())  # neither owner nor suggester, and the profile has owners
    assert client.get(f"/moderation/report/suggestion/{item.id}").status_code == 404
    login_as(client, world.author)  # the suggester does not report their own (nothing to see for them)
    page = client.get(f"/organisations/{world.coop.slug}/suggestions").get_data(as_text=True)
    assert f"/moderation/report/suggestion/{item.id}" not in page


def test_the_queue_shows_both_kinds_with_their_content(client, world):
    item, correction = proposal_comment(world), suggestion(world)
    report(world.reporters[0], "proposal_comment", item.id)
    report(world.owner, "suggestion", correction.id)
    login_as(client, world.moderator)
    page = client.get("/moderation/queue").get_data(as_text=True)
    assert "Contribution to a proposal" in page and "Suggested correction" in page
    assert f"/moderation/queue/proposal_comment/{item.id}" in page
    tools = client.get(f"/moderation/suggestions/{correction.id}").get_data(as_text=True)
    assert "Ost eG" in tools and "Kooperative Ost" in tools
    response = client.post(
        f"/moderation/proposal-comments/{item.id}/hide", data={"hide-reason": "Werbung für Pillen"}
    )
    assert response.status_code == 303 and item.hidden_at is not None
    response = client.post(
        f"/moderation/proposal-comments/{item.id}/unhide", data={"unhide-reason": "Doch in Ordnung"}
    )
    assert response.status_code == 303 and item.hidden_at is None
