"""Moderators' actions on content and people, through the routes and the services."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from innovex.extensions import db
from innovex.models import INDEFINITELY, Feedback, Project, User
from innovex.models.base import utcnow
from innovex.moderation import actions
from innovex.notifications.render import describe
from tests.factories import login, login_as, make_user
from tests.moderation.queue_cast import count, logged, notices, post
from tests.project_factories import make_project
from tests.search.search_helpers import drain

pytest_plugins = ["tests.moderation.queue_fixtures"]  # the `world` fixture

REASON = "Advertising unrelated to the project"


def act(client, path, **data):
    return client.post(f"/moderation/{path}", data=data)


def test_hide_keeps_a_placeholder_and_the_replies_and_unhide_restores(client, world):
    reply = post(world.project, world.owner, "A reply that stays", parent=world.item)
    login_as(client, world.moderator)
    response = act(
        client, f"feedback/{world.item.id}/hide", **{"hide-reason": REASON, "hide-private_note": "seen twice"}
    )
    assert response.status_code == 303
    item = db.session.get(Feedback, world.item.id)
    assert (
        item.hidden_at is not None
        and item.hidden_by_id == world.moderator.id
        and item.hidden_reason == REASON
    )
    [entry] = logged("hide")
    assert (entry.project_id, entry.target_user_id, entry.private_note) == (
        world.project.id,
        world.author.id,
        "seen twice",
    )
    [notice] = notices(world.author, "moderation")
    assert REASON in describe(notice, world.author).text

    login_as(client, world.reporters[0])
    page = client.get(f"/projects/{world.project.slug}").get_data(as_text=True)
    assert (
        "Buy cheap pills" not in page and "Hidden by moderation on" in page and "A reply that stays" in page
    )
    assert "seen twice" not in page
    assert f"Reason: {REASON}" in page  # the public reason the form promised, beside the placeholder
    assert f'id="feedback-{reply.id}"' in page
    login_as(client, world.author)
    page = client.get(f"/projects/{world.project.slug}").get_data(as_text=True)
    assert "Buy cheap pills" in page and "only you and the moderators can read it" in page
    assert f"Reason: {REASON}" in page

    login_as(client, world.moderator)
    assert (
        act(client, f"feedback/{world.item.id}/unhide", **{"unhide-reason": "Fine after all"}).status_code
        == 303
    )
    db.session.expire_all()
    assert db.session.get(Feedback, world.item.id).hidden_at is None
    assert [describe(n, world.author).text for n in notices(world.author, "moderation")][-1].startswith(
        "Moderation on “Solardach Ost”: Restored. Reason: Fine after all"
    )


def test_editing_a_hidden_item_does_not_unhide_it(client, world):
    actions.hide(world.item, "feedback", world.moderator, REASON)
    db.session.commit()
    login_as(client, world.author)
    response = client.post(f"/feedback/{world.item.id}/edit", data={"body": "Now about solar roofs"})
    assert response.status_code == 303
    item = db.session.get(Feedback, world.item.id)
    assert item.body == "Now about solar roofs" and item.hidden_at is not None


def test_actions_need_a_reason_and_change_nothing_without_one(client, world):
    login_as(client, world.moderator)
    response = act(client, f"feedback/{world.item.id}/hide", **{"hide-reason": "  "})
    assert response.status_code == 400
    assert "Please give a reason." in response.get_data(as_text=True)
    assert db.session.get(Feedback, world.item.id).hidden_at is None
    assert logged("hide") == []


def test_lock_leaves_a_notice_keeps_the_feedback_and_refuses_new_feedback(client, world):
    login_as(client, world.moderator)
    data = {"lock-reason": "Heated, cooling off", "lock-private_note": "secret note"}
    assert act(client, f"projects/{world.project.slug}/lock", **data).status_code == 303
    assert db.session.get(Project, world.project.id).status == "locked"
    login_as(client, world.reporters[0])
    page = client.get(f"/projects/{world.project.slug}").get_data(as_text=True)
    assert "Locked by moderation on" in page and "Heated, cooling off" in page and "secret note" not in page
    assert "Buy cheap pills" in page
    response = client.post(f"/feedback/projects/{world.project.slug}", data={"kind": "idea", "body": "more"})
    assert response.status_code == 400
    # The owners cannot lift a moderator's lock; a moderator can.
    login_as(client, world.owner)
    client.post(f"/projects/{world.project.slug}/status", data={"status": "open"})
    assert db.session.get(Project, world.project.id).status == "locked"
    login_as(client, world.moderator)
    assert (
        act(client, f"projects/{world.project.slug}/unlock", **{"unlock-reason": "Calm again"}).status_code
        == 303
    )
    db.session.expire_all()
    assert db.session.get(Project, world.project.id).status == "open"
    page = client.get(f"/projects/{world.project.slug}").get_data(as_text=True)
    assert "Unlocked by moderation on" in page and "Calm again" in page


def test_pinned_items_lead_the_thread_and_only_top_level_items_pin(client, world):
    later = post(world.project, world.reporters[0], "A later, useful idea")
    reply = post(world.project, world.owner, "A reply", parent=world.item)
    login_as(client, world.moderator)
    assert act(client, f"feedback/{later.id}/pin", **{"pin-reason": "The best summary"}).status_code == 303
    page = client.get(f"/projects/{world.project.slug}").get_data(as_text=True)
    assert page.index("A later, useful idea") < page.index("Buy cheap pills")
    assert 'class="tag pinned"' in page and "A contribution was pinned by moderation on" in page
    response = act(client, f"feedback/{reply.id}/pin", **{"pin-reason": "nope"})
    assert response.status_code == 303 and db.session.get(Feedback, reply.id).pinned_at is None
    assert act(client, f"feedback/{later.id}/unpin", **{"unpin-reason": "Outdated"}).status_code == 303
    page = client.get(f"/projects/{world.project.slug}").get_data(as_text=True)
    assert page.index("Buy cheap pills") < page.index("A later, useful idea")


def test_feature_and_unfeature(client, world):
    login_as(client, world.moderator)
    assert (
        act(client, f"projects/{world.project.slug}/feature", **{"feature-reason": "Great pilot"}).status_code
        == 303
    )
    assert db.session.get(Project, world.project.id).featured is True
    assert (
        act(client, f"projects/{world.project.slug}/unfeature", **{"unfeature-reason": "Done"}).status_code
        == 303
    )
    db.session.expire_all()
    assert db.session.get(Project, world.project.id).featured is False
    assert [e.action for e in logged("feature") + logged("unfeature")] == ["feature", "unfeature"]


def test_moving_a_sub_thread_recomputes_depths_and_leaves_notices_in_both_threads(client, world):
    other = make_project(world.coop, world.owner, title="Wärmepumpen")
    top = post(world.project, world.reporters[0], "About heat pumps, really")
    middle = post(world.project, world.owner, "Heat pump answer", parent=top)
    deep = post(world.project, world.reporters[1], "Deeper heat pump note", parent=middle)
    deeper = post(world.project, world.reporters[2], "Deepest", parent=deep)
    login_as(client, world.moderator)
    data = {"move-destination": other.slug, "move-reason": "Belongs to the heat pump project"}
    assert act(client, f"feedback/{middle.id}/move", **data).status_code == 303
    db.session.expire_all()
    moved = [db.session.get(Feedback, i) for i in (middle.id, deep.id, deeper.id)]
    assert [(f.project_id, f.depth) for f in moved] == [(other.id, 0), (other.id, 1), (other.id, 2)]
    assert moved[0].parent_id is None and moved[1].parent_id == middle.id
    assert db.session.get(Feedback, top.id).project_id == world.project.id
    source = client.get(f"/projects/{world.project.slug}").get_data(as_text=True)
    target = client.get(f"/projects/{other.slug}").get_data(as_text=True)
    assert "moved to another project by moderation" in source and "Heat pump answer" not in source
    assert "moved here from another project by moderation" in target and "Deepest" in target
    assert "Belongs to the heat pump project" in source and "Belongs to the heat pump project" in target


def test_a_move_to_an_unknown_project_is_a_field_error(client, world):
    login_as(client, world.moderator)
    response = act(
        client, f"feedback/{world.item.id}/move", **{"move-destination": "nope", "move-reason": "x"}
    )
    assert response.status_code == 400
    assert "No project you can see is called" in response.get_data(as_text=True)
    assert db.session.get(Feedback, world.item.id).project_id == world.project.id


def test_moderators_edit_tags_and_sectors_but_not_the_text(client, world):
    login_as(client, world.moderator)
    sector_slugs = db.session.scalars(sa.text("select slug from sectors order by slug")).all()
    data = {
        "retag-tags": "solar, energie",
        "retag-sectors": [sector_slugs[0]],
        "retag-reason": "Better findable",
    }
    assert act(client, f"projects/{world.project.slug}/retag", **data).status_code == 303
    project = db.session.get(Project, world.project.id)
    assert sorted(t.name for t in project.tags) == ["energie", "solar"]
    assert [s.slug for s in project.sectors] == [sector_slugs[0]]
    assert project.title == "Solardach Ost"
    assert client.get(f"/projects/{world.project.slug}/edit").status_code == 403  # text stays the owners'
    login_as(client, world.owner)
    assert act(client, f"projects/{world.project.slug}/retag", **data).status_code == 403


def test_hidden_project_page_list_search_and_api_agree(client, world, app):
    link = f'href="/projects/{world.project.slug}"'
    drain()
    assert link in client.get("/search/?q=Solardach").get_data(as_text=True)  # findable before
    login_as(client, world.moderator)
    assert act(client, f"projects/{world.project.slug}/hide", **{"hide-reason": REASON}).status_code == 303
    drain()
    cast = [(None, False), (make_user(), False), (world.author, False)]
    cast += [(world.owner, True), (world.insider, True), (world.moderator, True)]
    for viewer, sees in cast:
        login_as(client, viewer)
        page = client.get(f"/projects/{world.project.slug}").status_code
        listed = link in client.get("/projects/").get_data(as_text=True)
        in_feed = world.project.slug in client.get("/projects/feed.xml").get_data(as_text=True)
        assert (page == 200, listed, in_feed) == (sees, sees, sees), viewer
        # Out of the index altogether (even moderators do not find it), as drafts are.
        assert link not in client.get("/search/?q=Solardach").get_data(as_text=True), viewer
    assert client.get(f"/api/v1/projects/{world.project.slug}").status_code == 404
    assert world.project.slug not in client.get("/api/v1/projects").get_data(as_text=True)
    login_as(client, world.owner)
    assert "Hidden by moderation on" in client.get(f"/projects/{world.project.slug}").get_data(as_text=True)

    login_as(client, world.moderator)
    assert (
        act(client, f"projects/{world.project.slug}/unhide", **{"unhide-reason": "Cleared"}).status_code
        == 303
    )
    drain()
    login_as(client, None)
    assert client.get(f"/projects/{world.project.slug}").status_code == 200
    assert link in client.get("/search/?q=Solardach").get_data(as_text=True)
    assert client.get(f"/api/v1/projects/{world.project.slug}").status_code == 200


# Suspension ------------------------------------------------------------------------------------------------


def test_a_short_justification_is_a_form_error_and_nothing_changes(client, world):
    login_as(client, world.moderator)
    response = act(
        client, f"users/{world.author.id}/suspend", **{"suspend-reason": "too short", "suspend-days": "7"}
    )
    assert response.status_code == 400
    assert "at least 15 characters" in response.get_data(as_text=True)
    assert db.session.get(User, world.author.id).suspended_until is None
    assert logged("suspend") == []


def test_suspension_ends_existing_sessions_and_login_says_until_when_and_why(client, app, world):
    member = app.test_client()
    assert login(member, world.author).status_code == 302
    assert member.get("/account/").status_code == 200
    login_as(client, world.moderator)
    reason = "Repeated advertising after a warning"
    response = act(
        client, f"users/{world.author.id}/suspend", **{"suspend-reason": reason, "suspend-days": "7"}
    )
    assert response.status_code == 303
    user = db.session.get(User, world.author.id)
    assert user.suspended_until > utcnow() + timedelta(days=6) and user.suspension_reason == reason
    [entry] = logged("suspend")
    assert entry.until == user.suspended_until
    response = member.get("/account/")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    page = login(member, world.author)
    text = page.get_data(as_text=True)
    assert page.status_code != 302 and "suspended until" in text and reason in text


def test_indefinite_suspension_and_unsuspend(client, app, world):
    login_as(client, world.moderator)
    reason = "Threats against other members"
    data = {"suspend-reason": reason, "suspend-indefinitely": "y"}
    assert act(client, f"users/{world.author.id}/suspend", **data).status_code == 303
    assert db.session.get(User, world.author.id).suspended_until == INDEFINITELY
    text = login(app.test_client(), world.author).get_data(as_text=True)
    assert "suspended indefinitely" in text and reason in text
    login_as(client, world.moderator)
    assert (
        act(
            client, f"users/{world.author.id}/unsuspend", **{"unsuspend-reason": "Appeal accepted"}
        ).status_code
        == 303
    )
    db.session.expire_all()
    assert db.session.get(User, world.author.id).suspended_until is None
    assert login(app.test_client(), world.author).status_code == 302


def test_suspension_needs_a_period(client, world):
    login_as(client, world.moderator)
    response = act(
        client, f"users/{world.author.id}/suspend", **{"suspend-reason": "A long enough reason here"}
    )
    assert response.status_code == 400
    assert db.session.get(User, world.author.id).suspended_until is None


@pytest.mark.parametrize("victim", ["admin", "moderator"])
def test_moderators_cannot_suspend_admins_or_themselves(client, world, victim):
    target = getattr(world, victim)
    login_as(client, world.moderator)
    data = {"suspend-reason": "A long enough reason here", "suspend-days": "3"}
    response = act(client, f"users/{target.id}/suspend", **data)
    assert response.status_code == 303  # the action is not offered: flashed, nothing changes
    assert db.session.get(User, target.id).suspended_until is None
    with pytest.raises(Exception, match="cannot suspend"):
        actions.suspend_user(target, world.moderator, "A long enough reason here", 3)


def test_an_admin_may_suspend_a_moderator(client, world):
    login_as(client, world.admin)
    data = {"suspend-reason": "Abused the moderator role", "suspend-days": "30"}
    assert act(client, f"users/{world.moderator.id}/suspend", **data).status_code == 303
    assert db.session.get(User, world.moderator.id).is_suspended


def test_warn_tells_the_member_why(client, world):
    login_as(client, world.moderator)
    assert (
        act(client, f"users/{world.author.id}/warn", **{"warn-reason": "Please stop advertising"}).status_code
        == 303
    )
    [notice] = notices(world.author, "moderation")
    assert describe(notice, world.author).text == "Moderation: Warned. Reason: Please stop advertising"
    assert count(User, User.suspended_until.is_not(None)) == 1  # only the cast's suspended member


def test_organisation_hide_and_unhide(client, world):
    login_as(client, world.moderator)
    assert (
        act(client, f"organisations/{world.coop.slug}/hide", **{"hide-reason": "Fake profile"}).status_code
        == 303
    )
    db.session.refresh(world.coop)
    assert world.coop.status == "hidden"
    login_as(client, world.reporters[0])
    assert client.get(f"/organisations/{world.coop.slug}").status_code == 404
    login_as(client, world.moderator)
    assert (
        act(client, f"organisations/{world.coop.slug}/unhide", **{"unhide-reason": "Verified"}).status_code
        == 303
    )
    db.session.refresh(world.coop)
    assert world.coop.status == "active"
    assert [n.actor_id for n in notices(world.owner, "moderation")] == [world.coop.id, world.coop.id]


def test_a_thread_is_moved_to_a_project_named_by_its_title(client, world):
    other = make_project(world.coop, world.owner, title="Wärmepumpen im Quartier")
    make_project(world.coop, world.owner, title="Doppelt")
    make_project(world.coop, world.owner, title="Doppelt")
    login_as(client, world.moderator)
    ambiguous = act(
        client, f"feedback/{world.item.id}/move", **{"move-destination": "doppelt", "move-reason": "x"}
    )
    assert ambiguous.status_code == 400
    assert 'id="move-destination-error"' in ambiguous.get_data(as_text=True)
    moved = act(
        client,
        f"feedback/{world.item.id}/move",
        **{"move-destination": "wärmepumpen im quartier", "move-reason": "Passt dort besser"},
    )
    assert moved.status_code == 303
    db.session.expire_all()
    assert db.session.get(Feedback, world.item.id).project_id == other.id


def test_a_lock_has_one_name_in_button_flash_page_and_notice(client, world):
    """Issue 18: "Diskussion sperren", "Diskussion geschlossen", "hat dieses Projekt gesperrt": one act."""
    german = {"Accept-Language": "de"}
    login_as(client, world.moderator)
    tools = client.get(f"/moderation/projects/{world.project.slug}", headers=german).get_data(as_text=True)
    assert "Diskussion sperren" in tools
    response = client.post(
        f"/moderation/projects/{world.project.slug}/lock",
        data={"lock-reason": "Zu hitzig"},
        headers=german,
        follow_redirects=True,
    )
    seen = response.get_data(as_text=True)
    login_as(client, world.owner)
    seen += client.get(f"/projects/{world.project.slug}", headers=german).get_data(as_text=True)
    seen += client.get("/notifications/", headers=german).get_data(as_text=True)
    assert "Diskussion gesperrt" in seen and "Diskussion dieses Projekts gesperrt" in seen
    assert "Diskussion geschlossen" not in seen and "dieses Projekt gesperrt" not in seen
