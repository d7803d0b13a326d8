"""Feedback services: posting, nesting, limits, editing, deleting, helpful marks, notifications, the tree."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from innovex.domain import DomainError
from innovex.feedback import services
from innovex.feedback.queries import load_items
from innovex.feedback.thread import build_tree
from innovex.models import Feedback, FeedbackRevision, HelpfulMark, Notification
from innovex.models.base import utcnow
from tests.factories import make_actor, make_offering, make_user
from tests.feedback.conftest import post
from tests.project_factories import make_project

pytestmark = pytest.mark.usefixtures("request_ctx")


def count(db, model=Feedback) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def notices(db, user, kind=None) -> list[Notification]:
    query = sa.select(Notification).where(Notification.user_id == user.id)
    if kind:
        query = query.where(Notification.kind == kind)
    return list(db.session.scalars(query))


def refused(db, call, field=None):
    """Run a service call that must fail: returns the error after checking nothing was written."""
    before = count(db), count(db, FeedbackRevision), count(db, HelpfulMark), count(db, Notification)
    with pytest.raises(DomainError) as info:
        call()
    db.session.rollback()
    after = count(db), count(db, FeedbackRevision), count(db, HelpfulMark), count(db, Notification)
    assert after == before
    assert info.value.field == field
    return info.value


def test_top_level_item_is_stored_sanitised_and_bumps_activity(db, project, member):
    project.last_activity_at = utcnow() - timedelta(days=3)
    db.session.commit()
    item = post(project, member, "Use **cargo bikes** <script>alert(1)</script>", kind="idea")
    assert (item.depth, item.kind, item.parent_id) == (0, "idea", None)
    assert item.body.startswith("Use **cargo bikes**")
    assert "<strong>cargo bikes</strong>" in item.body_html and "<script" not in item.body_html
    assert project.last_activity_at > utcnow() - timedelta(minutes=1)


def test_replies_nest_without_a_kind(db, project, member, owner):
    top = post(project, member)
    reply = post(project, owner, "Thanks!", parent=top)
    deeper = post(project, member, "More.", parent=reply)
    assert (reply.depth, reply.parent_id, reply.kind) == (1, top.id, None)
    assert deeper.depth == 2


def test_replies_stop_at_the_configured_depth(app, db, project, member):
    item = post(project, member)
    for _ in range(app.config["FEEDBACK_MAX_DEPTH"] - 1):
        item = post(project, member, parent=item)
    assert item.depth == 3
    refused(db, lambda: services.create_feedback(project, member, "too deep", parent_id=item.id))
    app.config["FEEDBACK_MAX_DEPTH"] = 2
    top = post(project, member)
    reply = post(project, member, parent=top)
    refused(db, lambda: services.create_feedback(project, member, "too deep", parent_id=reply.id))


def test_reply_to_an_item_of_another_project_is_refused(db, project, member, coop, owner):
    elsewhere = post(make_project(coop, owner), member)
    error = refused(db, lambda: services.create_feedback(project, member, "hi", parent_id=elsewhere.id))
    assert "not part of this project" in error.message
    refused(db, lambda: services.create_feedback(project, member, "hi", parent_id=999_999))


@pytest.mark.parametrize("removed", ["deleted_at", "hidden_at"])
def test_replies_to_removed_items_are_refused(db, project, member, removed):
    top = post(project, member)
    setattr(top, removed, utcnow())
    db.session.commit()
    refused(db, lambda: services.create_feedback(project, member, "hi", parent_id=top.id))


@pytest.mark.parametrize("status", ["locked", "closed"])
def test_projects_that_are_not_open_take_no_feedback(db, project, member, status):
    top = post(project, member)
    project.status = status
    db.session.commit()
    refused(db, lambda: services.create_feedback(project, member, "hi", kind="idea"))
    refused(db, lambda: services.create_feedback(project, member, "hi", parent_id=top.id))
    refused(db, lambda: services.toggle_helpful(top, make_user()))
    refused(db, lambda: services.edit_feedback(top, member, "changed"))


def test_draft_projects_take_no_feedback_from_outsiders(db, coop, owner, member):
    draft = make_project(coop, owner, visibility="draft")
    refused(db, lambda: services.create_feedback(draft, member, "hi", kind="idea"))
    assert post(draft, owner).id


@pytest.mark.parametrize("body", ["", "   \n  ", "x" * 20_001])
def test_empty_and_overlong_bodies_are_refused(db, project, member, body):
    refused(db, lambda: services.create_feedback(project, member, body, kind="idea"), field="body")


def test_kind_is_required_at_top_level_and_refused_on_replies(db, project, member):
    refused(db, lambda: services.create_feedback(project, member, "hi"), field="kind")
    refused(db, lambda: services.create_feedback(project, member, "hi", kind="rant"), field="kind")
    top = post(project, member)
    call = lambda: services.create_feedback(project, member, "hi", kind="idea", parent_id=top.id)  # noqa: E731
    refused(db, call, field="kind")


def test_posting_on_behalf_needs_membership(db, project, member):
    own = make_actor(members=[member])
    other = make_actor(owner=make_user())
    call = lambda: services.create_feedback(project, member, "hi", kind="idea", actor_id=other.id)  # noqa: E731
    refused(db, call, field="actor_id")
    item = services.create_feedback(project, member, "hi", kind="idea", actor_id=own.id)
    assert item.actor_id == own.id


def test_an_offer_links_only_an_offering_of_the_authors_organisation(db, project, member):
    own = make_offering(make_actor(members=[member]))
    foreign = make_offering(make_actor(owner=make_user()))

    def offer(offering, kind="offer"):
        return lambda: services.create_feedback(
            project, member, "I can help", kind=kind, offering_id=offering.id
        )

    refused(db, offer(foreign), field="offering_id")
    refused(db, offer(own, kind="idea"), field="offering_id")
    refused(db, offer(make_offering(own.actor, kind="need")), field="offering_id")
    item = offer(own)()
    assert item.offering_id == own.id and item.kind == "offer"


def test_editing_keeps_the_previous_text_and_a_hidden_item_stays_hidden(db, project, member):
    item = post(project, member, "First version")
    item.hidden_at = utcnow()
    db.session.commit()
    services.edit_feedback(item, member, "Second **version**")
    db.session.commit()
    assert [r.body for r in item.revisions] == ["First version"]
    assert item.edited_at is not None and item.hidden_at is not None
    assert "<strong>version</strong>" in item.body_html


def test_only_the_author_edits_and_deletes_not_even_moderators(db, project, member):
    item = post(project, member, "Mine")
    moderator = make_user(role="moderator")
    refused(db, lambda: services.edit_feedback(item, moderator, "Rewritten"))
    refused(db, lambda: services.delete_feedback(item, moderator))
    assert item.body == "Mine" and item.deleted_at is None


def test_deleting_leaves_a_placeholder_and_keeps_replies(db, project, member, owner):
    top = post(project, member, "Soon gone")
    services.edit_feedback(top, member, "Edited before deleting")
    reply = post(project, owner, "Answer", parent=top)
    services.delete_feedback(top, member)
    db.session.commit()
    assert top.deleted_at is not None and top.body == "" and top.body_html == ""
    assert count(db, FeedbackRevision) == 0
    assert db.session.get(Feedback, reply.id).parent_id == top.id
    refused(db, lambda: services.edit_feedback(top, member, "back"))


def test_a_concurrent_second_helpful_mark_is_absorbed(db, project, member, owner, monkeypatch):
    """Two clicks of the same member at once both find no mark; the second meets the primary key."""
    item = post(project, member)
    assert services.toggle_helpful(item, owner) is True
    db.session.commit()
    item_id, owner_id = item.id, owner.id
    db.session.expunge_all()  # the other request's mark is not in this session
    item, owner = db.session.get(Feedback, item_id), db.session.get(type(owner), owner_id)
    real_get = db.session.get
    monkeypatch.setattr(
        db.session, "get", lambda model, key: None if model is HelpfulMark else real_get(model, key)
    )
    assert services.toggle_helpful(item, owner) is True
    db.session.commit()
    db.session.refresh(item)
    assert (count(db, HelpfulMark), item.helpful_count) == (1, 1)


def test_helpful_marks_toggle_once_per_member_and_never_on_ones_own(db, project, member, owner):
    item = post(project, member)
    assert services.toggle_helpful(item, owner) is True
    db.session.commit()
    assert item.helpful_count == 1 and count(db, HelpfulMark) == 1
    assert services.toggle_helpful(item, owner) is False
    db.session.commit()
    assert item.helpful_count == 0 and count(db, HelpfulMark) == 0
    refused(db, lambda: services.toggle_helpful(item, member))
    item.deleted_at = utcnow()
    db.session.commit()
    refused(db, lambda: services.toggle_helpful(item, owner))


def test_new_items_notify_followers_replies_the_parent_author(db, project, member, owner):
    top = post(project, member)
    assert [n.feedback_id for n in notices(db, owner, "feedback")] == [top.id]  # the author follows
    assert notices(db, member) == []  # never about one's own post
    reply = post(project, owner, "Answer", parent=top)
    assert [n.feedback_id for n in notices(db, member, "reply")] == [reply.id]
    assert len(notices(db, owner)) == 1


def test_mentions_notify_people_and_organisation_owners_once(db, project, member, owner):
    other = make_user(handle="Bert")
    item = post(project, member, "Ask @bert and @koop-ost, not @nobody; `@bert` in code")
    assert [n.feedback_id for n in notices(db, other, "mention")] == [item.id]
    assert notices(db, owner, "mention") == []  # owner already got the follower notice
    assert len(notices(db, owner)) == 1
    services.edit_feedback(item, member, "Ask @bert and @koop-ost again")
    db.session.commit()
    assert len(notices(db, other, "mention")) == 1  # no second notice for an old mention


def test_mentions_skip_people_who_cannot_see_the_project(db, coop, owner):
    draft = make_project(coop, owner, visibility="draft")
    outsider = make_user(handle="outsider")
    post(draft, owner, "Hello @outsider")
    assert notices(db, outsider) == []


def test_mentions_become_links_only_in_text(db, project, member, owner):
    html, found = services.render_body(
        "Hi @olga, see [@koop-ost](https://example.org) and @koop-ost.\n\n    @olga in code\n\nmail@olga.de"
    )
    assert '<span class="mention">@olga</span>' in html
    assert html.count('class="mention"') == 2
    assert '<a class="mention" data-actor="koop-ost">@koop-ost</a>' in html  # the service builds no URL
    assert '<a href="https://example.org" rel="nofollow noopener ugc">@koop-ost</a>' in html
    assert "<pre><code>@olga in code" in html
    assert set(found.users) == {"olga"} and set(found.actors) == {"koop-ost"}


def test_a_mentioned_organisation_is_linked_where_the_text_is_shown(client, db, project, member, owner):
    item = post(project, member, "Danke an @koop-ost!")
    assert "href" not in item.body_html
    page = client.get(f"/projects/{project.slug}").get_data(as_text=True)
    assert '<a class="mention" href="/organisations/koop-ost">@koop-ost</a>' in page


def test_the_tree_counts_replies_and_sorts_only_the_top_level(db, project, member, owner):
    first = post(project, member, "first")
    second = post(project, member, "second")
    reply = post(project, owner, "reply", parent=first)
    post(project, member, "reply 2", parent=reply)
    late_reply = post(project, owner, "late", parent=first)
    services.toggle_helpful(second, owner)
    db.session.commit()
    items = load_items(project)
    oldest = build_tree(items)[0].children
    assert [n.item.id for n in oldest] == [first.id, second.id]
    assert oldest[0].replies == 3 and [n.item.id for n in oldest[0].children] == [reply.id, late_reply.id]
    assert [n.item.id for n in build_tree(items, "newest")[0].children] == [second.id, first.id]
    assert [n.item.id for n in build_tree(items, "helpful")[0].children] == [second.id, first.id]
