"""Project services: create, edit, status, co-owners, following, updates."""

import pytest
import sqlalchemy as sa

from innovex.domain import DomainError
from innovex.models import Feedback, Follow, Notification, Project, ProjectUpdate
from innovex.projects import services
from innovex.projects.services import ProjectInput
from tests.factories import make_actor, make_user
from tests.project_factories import make_project

pytestmark = pytest.mark.usefixtures("in_request")


def project_input(**changes) -> ProjectInput:
    values = {
        "title": "Solidarische Lieferkette",
        "summary": "Wir bauen eine gemeinsame Logistik.",
        "body": "Mit **Markdown**.",
        "stage": "concept",
        "visibility": "public",
        "seeking": ["partners", "feedback"],
        "tags": ["logistik", "open source"],
        "sectors": [],
        "competencies": ["python"],
        "region": "Berlin",
    }
    values.update(changes)
    return ProjectInput(**values)


def count(db, model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def add_feedback(db, project, author, *, parent=None, deleted=False) -> Feedback:
    item = Feedback(
        project=project,
        author=author,
        parent_id=parent.id if parent else None,
        depth=1 if parent else 0,
        kind=None if parent else "idea",
        body="Idee",
        body_html="<p>Idee</p>",
    )
    if deleted:
        from innovex.models.base import utcnow

        item.deleted_at = utcnow()
    db.session.add(item)
    db.session.commit()
    return item


def test_create_project_sets_fields_slug_and_follow(db):
    author = make_user()
    actor = make_actor(owner=author)
    project = services.create_project(author, actor, project_input(sectors=["agriculture"]))
    db.session.commit()
    assert project.slug == "solidarische-lieferkette"
    assert project.seeking == ["feedback", "partners"]
    assert [t.name for t in project.tags] == ["logistik", "open source"]
    assert [t.name for t in project.competencies] == ["python"]
    assert db.session.get(Follow, (author.id, project.id)) is not None


def test_slugs_are_unique_and_survive_title_changes(db):
    author = make_user()
    actor = make_actor(owner=author)
    first = services.create_project(author, actor, project_input())
    second = services.create_project(author, actor, project_input())
    reserved = services.create_project(author, actor, project_input(title="New"))
    assert first.slug != second.slug and second.slug == "solidarische-lieferkette-2"
    assert reserved.slug != "new"
    services.edit_project(first, project_input(title="Ganz anders", seeking=["knowledge"]))
    db.session.commit()
    assert first.slug == "solidarische-lieferkette"
    assert first.title == "Ganz anders" and first.seeking == ["knowledge"]


def test_create_refuses_an_organisation_the_user_does_not_belong_to(db):
    author = make_user()
    other = make_actor(owner=make_user())
    with pytest.raises(DomainError) as error:
        services.create_project(author, other, project_input())
    assert error.value.field == "actor"


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"summary": ""}, "summary"),
        ({"summary": "x" * 501}, "summary"),
        ({"body": "x" * 50_001}, "body"),
        ({"stage": "dream"}, "stage"),
        ({"visibility": "secret"}, "visibility"),
        ({"seeking": ["money"]}, "seeking"),
        ({"sectors": ["no-such-sector"]}, "sectors"),
        ({"tags": [f"t{i}" for i in range(21)]}, "tags"),
    ],
)
def test_bad_input_is_refused_with_a_field(db, changes, field):
    author = make_user()
    actor = make_actor(owner=author)
    with pytest.raises(DomainError) as error:
        services.create_project(author, actor, project_input(**changes))
    assert error.value.field == field
    db.session.rollback()
    assert count(db, Project) == 0


def test_status_close_reopen_and_lock(db):
    project = make_project(make_actor(), make_user())
    services.set_status(project, "closed")
    assert project.status == "closed"
    services.set_status(project, "open")
    assert project.status == "open"
    with pytest.raises(DomainError):
        services.set_status(project, "locked")
    project.status = "locked"
    with pytest.raises(DomainError):
        services.set_status(project, "open")


def test_coowner_invitation_accept_and_notification(db):
    owner_a, owner_b = make_user(), make_user()
    actor_a, actor_b = make_actor(owner=owner_a), make_actor(owner=owner_b)
    project = make_project(actor_a, owner_a, visibility="draft")
    services.invite_coowner(project, actor_b.slug, owner_a)
    db.session.commit()
    notice = db.session.scalar(sa.select(Notification).where(Notification.user_id == owner_b.id))
    assert notice.kind == "invitation" and notice.project_id == project.id
    from innovex import permissions

    assert permissions.can_view_project(owner_b, project)  # to answer the invitation
    assert not permissions.can_edit_project(owner_b, project)
    with pytest.raises(DomainError):
        services.invite_coowner(project, actor_b.slug, owner_a)
    with pytest.raises(DomainError):
        services.invite_coowner(project, "no-such-organisation", owner_a)
    services.accept_coownership(project, actor_b, owner_b)
    db.session.commit()
    assert permissions.can_edit_project(owner_b, project)
    assert services.is_following(owner_b, project)


def test_decline_removes_the_invitation(db):
    owner_a, owner_b = make_user(), make_user()
    actor_a, actor_b = make_actor(owner=owner_a), make_actor(owner=owner_b)
    project = make_project(actor_a, owner_a, visibility="draft")
    services.invite_coowner(project, actor_b.slug, owner_a)
    services.decline_coownership(project, actor_b)
    db.session.commit()
    db.session.expire_all()
    assert project.coowners == []
    with pytest.raises(DomainError):
        services.decline_coownership(project, actor_b)


def test_follow_and_unfollow(db):
    user = make_user()
    project = make_project(make_actor(), make_user())
    services.follow(user, project)
    services.follow(user, project)
    assert services.is_following(user, project)
    services.unfollow(user, project)
    services.unfollow(user, project)
    assert not services.is_following(user, project)


def test_a_concurrent_second_follow_is_absorbed(db, monkeypatch):
    """Two requests of the same member both see no follow; the second insert meets the primary key."""
    user = make_user()
    project = make_project(make_actor(), make_user())
    services.follow(user, project)
    db.session.commit()
    user_id, project_id = user.id, project.id
    db.session.expunge_all()  # the other request's follow is not in this session
    user, project = db.session.get(type(user), user_id), db.session.get(type(project), project_id)
    monkeypatch.setattr(services, "is_following", lambda user, project: False)
    services.follow(user, project)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).where(Follow.user_id == user_id)) == 1


def test_post_update_versions_addresses_and_notifies(db):
    owner, follower, critic = make_user(), make_user(), make_user()
    project = make_project(make_actor(owner=owner), owner)
    services.follow(follower, project)
    services.follow(critic, project)
    item = add_feedback(db, project, critic)
    first = services.post_update(project, owner, title="v1", changes="a", body="", addressed_ids=[item.id])
    second = services.post_update(project, owner, title="v2", changes="b", body="", addressed_ids=[])
    db.session.commit()
    assert (first.version, second.version) == (1, 2)
    assert db.session.get(Feedback, item.id).addressed_in_id == first.id
    kinds = {(n.user_id, n.kind, n.update_id) for n in db.session.scalars(sa.select(Notification))}
    assert (follower.id, "update", first.id) in kinds
    assert (critic.id, "addressed", first.id) in kinds
    assert (critic.id, "update", first.id) not in kinds  # the addressed notice says it already
    assert not any(user_id == owner.id for user_id, _, _ in kinds)


def test_a_member_gets_one_notice_per_update_however_many_of_their_items_it_addresses(db):
    owner, critic = make_user(), make_user()
    project = make_project(make_actor(owner=owner), owner)
    services.follow(critic, project)
    items = [add_feedback(db, project, critic), add_feedback(db, project, critic)]
    update = services.post_update(
        project, owner, title="v1", changes="a", body="", addressed_ids=[item.id for item in items]
    )
    db.session.commit()
    notices = db.session.scalars(sa.select(Notification).where(Notification.user_id == critic.id)).all()
    assert [(n.kind, n.update_id) for n in notices] == [("addressed", update.id)]


def test_the_same_notice_twice_in_one_transaction_is_recorded_once(db):
    from innovex.notifications.services import notify

    owner, reader = make_user(), make_user()
    project = make_project(make_actor(owner=owner), owner)
    first = notify(reader, "feedback", by_user=owner, project=project)
    assert notify(reader, "feedback", by_user=owner, project=project) is first
    db.session.commit()
    assert count(db, Notification) == 1
    notify(reader, "feedback", by_user=owner, project=project)  # a later event is a new notice
    db.session.commit()
    assert count(db, Notification) == 2


@pytest.mark.parametrize("which", ["other_project", "reply", "deleted", "missing"])
def test_post_update_refuses_feedback_that_is_not_addressable(db, which):
    owner = make_user()
    actor = make_actor(owner=owner)
    project, other = make_project(actor, owner), make_project(actor, owner)
    top = add_feedback(db, project, make_user())
    target = {
        "other_project": lambda: add_feedback(db, other, make_user()).id,
        "reply": lambda: add_feedback(db, project, make_user(), parent=top).id,
        "deleted": lambda: add_feedback(db, project, make_user(), deleted=True).id,
        "missing": lambda: 999_999,
    }[which]()
    with pytest.raises(DomainError) as error:
        services.post_update(project, owner, title="t", changes="c", body="", addressed_ids=[top.id, target])
    assert error.value.field == "addressed"
    db.session.rollback()
    assert count(db, ProjectUpdate) == 0
    assert db.session.get(Feedback, top.id).addressed_in_id is None
