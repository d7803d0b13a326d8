"""Reports: one per member and target, only of what the member can see, and auto-hide after N members."""

import pytest

from innovex.extensions import db
from innovex.models import Feedback, Project, Report
from innovex.moderation import reports
from innovex.notifications.render import describe
from tests.factories import login_as, make_actor, make_user
from tests.moderation.queue_cast import count, logged, notices, post, report
from tests.project_factories import make_project

pytest_plugins = ["tests.moderation.queue_fixtures"]  # the `world` fixture


def test_a_member_reports_an_item_once_and_again_changes_nothing(client, world):
    reporter = world.reporters[0]
    login_as(client, reporter)
    url = f"/moderation/report/feedback/{world.item.id}"
    page = client.get(url).get_data(as_text=True)
    assert "Buy cheap pills" in page and "Off-topic" in page
    response = client.post(url, data={"reason": "spam", "note": "An advert"}, follow_redirects=True)
    assert "Thank you. The moderators will review your report." in response.get_data(as_text=True)
    again = client.post(url, data={"reason": "offensive", "note": "changed my mind"}, follow_redirects=True)
    assert "You already reported this" in again.get_data(as_text=True)
    assert "You already reported this" in client.get(url).get_data(as_text=True)
    rows = db.session.scalars(db.select(Report)).all()
    assert [(r.reason, r.note, r.target_user_id) for r in rows] == [("spam", "An advert", world.author.id)]


def test_the_unique_constraint_catches_a_concurrent_second_report(world, monkeypatch):
    """Two requests of the same member at once both pass the lookup; the second meets the constraint."""
    first, created = report(world.reporters[0], "feedback", world.item.id)
    assert created
    real, answers = reports.existing_report, [None]
    monkeypatch.setattr(
        reports,
        "existing_report",
        lambda reporter, target: answers.pop() if answers else real(reporter, target),
    )
    again, created = reports.file_report(
        world.reporters[0], reports.load_target("feedback", world.item.id), "offensive"
    )
    db.session.commit()
    assert not created and again.id == first.id
    assert count(Report) == 1


@pytest.mark.parametrize("reason,note", [("nonsense", ""), ("", ""), ("spam", "x" * 1001)])
def test_a_bad_reason_or_a_long_note_is_refused_next_to_the_field(client, world, reason, note):
    login_as(client, world.reporters[0])
    response = client.post(
        f"/moderation/report/feedback/{world.item.id}", data={"reason": reason, "note": note}
    )
    assert response.status_code == 400
    assert 'class="field-error"' in response.get_data(as_text=True)
    assert count(Report) == 0


def test_members_cannot_report_what_they_cannot_see(client, world):
    stranger_coop = make_actor("Verborgen eG", owner=make_user())
    draft = make_project(stranger_coop, stranger_coop.owners[0], visibility="draft")
    draft_item = post(draft, stranger_coop.owners[0], "in a draft")
    hidden_coop = make_actor("Versteckt eG", owner=make_user(), status="hidden")
    nobody = make_user(display_name="Never Posted")
    deleted = post(world.project, world.author, "soon gone")
    deleted.deleted_at = deleted.created_at
    db.session.commit()
    login_as(client, world.reporters[0])
    for path in (
        f"project/{draft.id}",
        f"feedback/{draft_item.id}",
        f"feedback/{deleted.id}",
        f"actor/{hidden_coop.id}",
        f"user/{nobody.id}",
        "feedback/999999",
        "project/999999",
    ):
        assert client.get(f"/moderation/report/{path}").status_code == 404, path
        assert client.post(f"/moderation/report/{path}", data={"reason": "spam"}).status_code == 404, path
    assert client.get("/moderation/report/wiki/1").status_code == 404
    # What they can see: the project, its organisation, and the author of visible feedback.
    for path in (f"project/{world.project.id}", f"actor/{world.coop.id}", f"user/{world.author.id}"):
        assert client.get(f"/moderation/report/{path}").status_code == 200, path
    assert count(Report) == 0


def test_a_member_cannot_report_themselves(client, world):
    login_as(client, world.author)
    response = client.post(f"/moderation/report/user/{world.author.id}", data={"reason": "spam"})
    assert response.status_code == 400
    assert "You cannot report yourself." in response.get_data(as_text=True)
    assert count(Report) == 0


@pytest.mark.parametrize("who", ["anonymous", "suspended"])
def test_anonymous_and_suspended_people_are_sent_to_log_in(client, world, who):
    login_as(client, world.suspended if who == "suspended" else None)
    response = client.post(f"/moderation/report/feedback/{world.item.id}", data={"reason": "spam"})
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert count(Report) == 0


def test_three_distinct_members_hide_an_item_at_once_and_its_author_learns_why(client, world, app):
    first, second, third = world.reporters
    report(first, "feedback", world.item.id, "spam")
    report(second, "feedback", world.item.id, "offensive")
    assert world.item.hidden_at is None
    report(third, "feedback", world.item.id, "spam")
    db.session.refresh(world.item)
    assert world.item.hidden_at is not None and world.item.hidden_by_id is None
    [entry] = logged("auto_hide")
    assert entry.moderator_id is None and entry.project_id == world.project.id
    assert entry.target_user_id == world.author.id
    [notice] = notices(world.author, "moderation")
    text = describe(notice, world.author).text
    assert "Hidden automatically after reports" in text and "Offensive, Spam" in text
    assert "“Solardach Ost”" in text

    login_as(client, world.reporters[0])
    page = client.get(f"/projects/{world.project.slug}").get_data(as_text=True)
    assert "Buy cheap pills" not in page and "Hidden by moderation on" in page
    login_as(client, world.author)
    assert "Buy cheap pills" in client.get(f"/projects/{world.project.slug}").get_data(as_text=True)


def test_the_threshold_is_configurable(world, app):
    app.config["REPORT_AUTO_HIDE_THRESHOLD"] = 1
    report(world.reporters[0], "feedback", world.item.id)
    db.session.refresh(world.item)
    assert world.item.hidden_at is not None


def test_the_authors_own_and_their_organisations_reports_do_not_count(world):
    colleague = make_user()
    author_coop = make_actor("Autorenkollektiv", owner=world.author, members=[colleague])
    item = post(world.project, world.author, "on behalf of our coop", actor_id=author_coop.id)
    report(world.author, "feedback", item.id)
    report(colleague, "feedback", item.id)
    report(world.reporters[0], "feedback", item.id)
    report(world.reporters[1], "feedback", item.id)
    db.session.refresh(item)
    assert item.hidden_at is None  # only two of four reports count
    assert len(reports.counting_reporters(reports.load_target("feedback", item.id))) == 2
    report(world.reporters[2], "feedback", item.id)
    db.session.refresh(item)
    assert item.hidden_at is not None


def test_a_projects_own_members_do_not_count_and_three_outsiders_hide_it(world):
    report(world.owner, "project", world.project.id)
    report(world.insider, "project", world.project.id)
    report(world.reporters[0], "project", world.project.id)
    report(world.reporters[1], "project", world.project.id)
    assert db.session.get(Project, world.project.id).hidden_at is None
    report(world.reporters[2], "project", world.project.id)
    project = db.session.get(Project, world.project.id)
    assert project.hidden_at is not None and project.hidden_by_id is None
    assert [n.project_id for n in notices(world.owner, "moderation")] == [project.id]


def test_content_by_moderators_is_never_hidden_by_members_reports(world):
    item = post(world.project, world.moderator, "Please stay on topic.")
    for reporter in world.reporters:
        report(reporter, "feedback", item.id)
    assert db.session.get(Feedback, item.id).hidden_at is None
    assert logged("auto_hide") == []


def test_organisation_profiles_are_never_hidden_automatically(world):
    for reporter in world.reporters:
        report(reporter, "actor", world.coop.id, "offensive")
    db.session.refresh(world.coop)
    assert world.coop.status == "active"
    assert logged("auto_hide") == []
    assert count(Report) == 3


def test_resolved_reports_do_not_count_again(world):
    for reporter in world.reporters[:2]:
        report(reporter, "feedback", world.item.id)
    target = reports.load_target("feedback", world.item.id)
    reports.resolve(target, "dismiss", world.moderator)
    db.session.commit()
    report(world.reporters[2], "feedback", world.item.id)
    assert db.session.get(Feedback, world.item.id).hidden_at is None


def test_report_links_appear_for_members_but_not_on_their_own_items(client, world):
    login_as(client, world.reporters[0])
    page = client.get(f"/projects/{world.project.slug}").get_data(as_text=True)
    assert f"/moderation/report/feedback/{world.item.id}" in page
    assert f"/moderation/report/user/{world.author.id}" in page
    assert f"/moderation/report/project/{world.project.id}" in page
    organisation = client.get(f"/organisations/{world.coop.slug}").get_data(as_text=True)
    assert f"/moderation/report/actor/{world.coop.id}" in organisation
    login_as(client, world.author)
    page = client.get(f"/projects/{world.project.slug}").get_data(as_text=True)
    assert f"/moderation/report/feedback/{world.item.id}" not in page
    login_as(client, None)
    assert "/moderation/report/" not in client.get(f"/projects/{world.project.slug}").get_data(as_text=True)
