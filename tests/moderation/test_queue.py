"""The review queue: open reports grouped by target, with context and history; each decision resolves all."""

import pytest

from innovex.extensions import db
from innovex.models import Feedback, Report, User
from innovex.moderation import actions, reports
from innovex.notifications.render import describe
from tests.factories import login_as
from tests.moderation.queue_cast import count, logged, notices, open_reports, post, report

pytest_plugins = ["tests.moderation.queue_fixtures"]  # the `world` fixture


def decide(client, target_type, target_id, action, **fields):
    key = f"{target_type}-{target_id}"
    data = {f"{key}-action": action, **{f"{key}-{name}": value for name, value in fields.items()}}
    return client.post(f"/moderation/queue/{target_type}/{target_id}", data=data)


def test_the_queue_shows_one_row_per_target_with_context_reasons_and_history(client, world):
    reply = post(
        world.project,
        world.author,
        "A reply full of spam",
        parent=post(world.project, world.owner, "Parent question here"),
    )
    actions.warn_user(world.author, world.moderator, "Earlier warning for spam")
    db.session.commit()
    report(world.reporters[0], "feedback", reply.id, "spam", "Third time today")
    report(world.reporters[1], "feedback", reply.id, "offensive")
    report(world.reporters[0], "user", world.author.id, "other", "Look at their history")
    login_as(client, world.moderator)
    page = client.get("/moderation/queue").get_data(as_text=True)
    assert "2 reported items wait for review." in page
    assert page.count('class="queue-entry"') == 2
    assert page.index(f"report-feedback-{reply.id}") < page.index(
        f"report-user-{world.author.id}"
    )  # most reported first
    for text in (
        "A reply full of spam",
        "Parent question here",
        "Solardach Ost",
        "Third time today",
        "Offensive",
        "Spam",
    ):
        assert text in page, text
    assert "Reporter 1" in page and "Reporter 2" in page
    assert "Author: Arno Author" in page and "Member since" in page
    assert "Earlier warning for spam" in page
    assert "1 earlier report" in page  # for the feedback row: the report on the user counts as earlier


def test_dismiss_resolves_every_report_restores_auto_hidden_content_and_tells_everyone(client, world):
    for reporter in world.reporters:
        report(reporter, "feedback", world.item.id, "spam")
    assert db.session.get(Feedback, world.item.id).hidden_at is not None
    login_as(client, world.moderator)
    response = decide(client, "feedback", world.item.id, "dismiss", reason="Not spam, a real offer")
    assert response.status_code == 303
    db.session.expire_all()
    rows = db.session.scalars(db.select(Report)).all()
    assert {(r.resolution, r.resolved_by_id) for r in rows} == {("dismissed", world.moderator.id)}
    assert all(r.resolved_at is not None for r in rows)
    assert db.session.get(Feedback, world.item.id).hidden_at is None
    assert len(logged("dismiss")) == 1 and len(logged("unhide")) == 1
    assert {e.project_id for e in logged("dismiss") + logged("unhide")} == {world.project.id}
    for reporter in world.reporters:
        [notice] = notices(reporter, "report_resolved")
        assert (
            describe(notice, reporter).text
            == "Your report was reviewed by the moderators: Reports dismissed."
        )
    texts = [describe(n, world.author).text for n in notices(world.author, "moderation")]
    assert any("Restored" in text for text in texts)
    assert "No open reports." in client.get("/moderation/queue").get_data(as_text=True)


@pytest.mark.parametrize("action,resolution", [("hide", "hidden"), ("delete", "deleted"), ("warn", "warned")])
def test_decisions_on_feedback(client, world, action, resolution):
    report(world.reporters[0], "feedback", world.item.id, "spam")
    report(world.reporters[1], "feedback", world.item.id, "offensive")
    login_as(client, world.moderator)
    assert decide(client, "feedback", world.item.id, action, reason="Advertising").status_code == 303
    db.session.expire_all()
    item = db.session.get(Feedback, world.item.id)
    assert {r.resolution for r in db.session.scalars(db.select(Report))} == {resolution}
    assert (item.hidden_at is not None) == (action == "hide")
    assert (item.deleted_at is not None and item.body == "") == (action == "delete")
    assert len(logged(action)) == 1
    [author_notice] = notices(world.author, "moderation")
    assert "Advertising" in describe(author_notice, world.author).text
    assert len(notices(world.reporters[0], "report_resolved")) == 1


def test_suspend_from_the_queue_needs_a_justification_and_a_period(client, world):
    report(world.reporters[0], "feedback", world.item.id, "spam")
    login_as(client, world.moderator)
    response = decide(client, "feedback", world.item.id, "suspend", reason="Spam", days="3")
    assert response.status_code == 400 and "at least 15 characters" in response.get_data(as_text=True)
    assert (
        open_reports("feedback", world.item.id)
        and db.session.get(User, world.author.id).suspended_until is None
    )
    response = decide(
        client, "feedback", world.item.id, "suspend", reason="Spam in every thread this week", days="3"
    )
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(User, world.author.id).is_suspended
    assert open_reports("feedback", world.item.id) == []


def test_a_deleted_target_shows_as_deleted_and_can_only_be_dismissed(client, world):
    report(world.reporters[0], "feedback", world.item.id, "spam")
    world.item.deleted_at = world.item.created_at
    db.session.commit()
    login_as(client, world.moderator)
    page = client.get("/moderation/queue").get_data(as_text=True)
    assert "This no longer exists (deleted)." in page
    assert decide(client, "feedback", world.item.id, "hide", reason="x").status_code == 400
    assert open_reports("feedback", world.item.id)
    assert decide(client, "feedback", world.item.id, "dismiss").status_code == 303
    assert open_reports("feedback", world.item.id) == []


def test_reports_on_a_vanished_row_can_be_dismissed(client, world):
    report(world.reporters[0], "user", world.author.id, "spam")
    db.session.delete(db.session.get(User, world.author.id))
    db.session.commit()
    login_as(client, world.moderator)
    assert "This no longer exists (deleted)." in client.get("/moderation/queue").get_data(as_text=True)
    assert decide(client, "user", world.author.id, "dismiss").status_code == 303
    assert count(Report, Report.resolved_at.is_(None)) == 0


def test_resolving_twice_says_it_was_resolved_already(client, world):
    report(world.reporters[0], "project", world.project.id, "off_topic")
    login_as(client, world.moderator)
    assert decide(client, "project", world.project.id, "dismiss").status_code == 303
    again = decide(client, "project", world.project.id, "dismiss")
    assert again.status_code == 400
    assert "These reports have been resolved already." in again.get_data(as_text=True)
    assert len(logged("dismiss")) == 1


def test_projects_are_hidden_not_deleted_from_the_queue(client, world):
    report(world.reporters[0], "project", world.project.id, "illegal")
    login_as(client, world.moderator)
    assert decide(client, "project", world.project.id, "delete", reason="x").status_code == 400
    assert decide(client, "project", world.project.id, "hide", reason="Copyright claim").status_code == 303
    db.session.refresh(world.project)
    assert world.project.hidden_at is not None and world.project.hidden_by_id == world.moderator.id


def test_the_service_refuses_an_action_that_does_not_fit_the_target(world):
    report(world.reporters[0], "user", world.author.id, "spam")
    target = reports.load_target("user", world.author.id)
    with pytest.raises(Exception, match="does not apply"):
        reports.resolve(target, "hide", world.moderator, reason="x")


def test_the_nav_links_the_queue_for_moderators_only(client, world):
    login_as(client, world.moderator)
    assert 'href="/moderation/queue"' in client.get("/").get_data(as_text=True)
    login_as(client, world.reporters[0])
    assert 'href="/moderation/queue"' not in client.get("/").get_data(as_text=True)


def test_a_suspension_of_a_400_digit_number_of_days_is_refused_next_to_the_field(client, world):
    report(world.reporters[0], "feedback", world.item.id, "spam")
    login_as(client, world.moderator)
    response = decide(
        client, "feedback", world.item.id, "suspend", reason="Spam in every thread this week", days="9" * 400
    )
    assert response.status_code == 400 and "at most 9 digits" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, world.author.id).suspended_until is None
    assert open_reports("feedback", world.item.id)


def test_each_entry_is_compact_buttons_for_the_decisions_and_the_rest_on_demand(client, world):
    """Issue 18: five radio options and every field for each item made three items 4,000 px tall."""
    report(world.reporters[0], "feedback", world.item.id, "spam")
    login_as(client, world.moderator)
    key = f"feedback-{world.item.id}"
    page = client.get("/moderation/queue").get_data(as_text=True)
    assert 'type="radio"' not in page
    for action in ("dismiss", "hide", "delete", "warn", "suspend"):
        assert f'name="{key}-action" value="{action}"' in page
    assert '<details class="queue-more">' in page  # closed: private note and days wait there
    response = decide(client, "feedback", world.item.id, "suspend", reason="Spam in every thread this week")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert '<details class="queue-more" open>' in page and f'id="{key}-days-error"' in page
