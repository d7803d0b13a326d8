"""Impulses: publishing with validation, who is notified, the pages, edit and withdraw, the home page."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from innovex.domain import DomainError
from innovex.models import Follow, Impulse, Notification, Sector
from innovex.models.base import utcnow
from innovex.moderation import impulses
from innovex.moderation.impulses import ImpulseInput
from innovex.notifications.render import describe
from tests.factories import counted_statements, login, make_actor, make_user
from tests.project_factories import make_project


def _sector(db, slug=None) -> Sector:
    query = sa.select(Sector).order_by(Sector.slug)
    return db.session.scalar(query.where(Sector.slug == slug) if slug else query)


def _notified(db) -> set[int]:
    rows = db.session.scalars(sa.select(Notification.user_id).where(Notification.kind == "impulse")).all()
    assert len(rows) == len(set(rows)), "someone was notified twice"
    return set(rows)


@pytest.fixture
def network(db):
    moderator = make_user(role="moderator")
    owner = make_user()
    project = make_project(make_actor(owner=owner), owner, title="Solar Co-op")
    follower, sector_member, both, outsider, suspended = (make_user() for _ in range(5))
    for user in (follower, both, suspended, moderator):
        db.session.add(Follow(user_id=user.id, project_id=project.id))
    sector, other_sector = db.session.scalars(sa.select(Sector).order_by(Sector.slug).limit(2)).all()
    in_sector = make_actor(owner=sector_member, members=[both])
    in_sector.sectors = [sector]
    hidden_org = make_actor(owner=make_user(), status="hidden")  # its members are not told
    hidden_org.sectors = [sector]
    elsewhere = make_actor(owner=outsider)
    elsewhere.sectors = [other_sector]
    suspended.suspended_until = utcnow() + timedelta(days=3)
    db.session.commit()
    return {
        "moderator": moderator,
        "owner": owner,
        "project": project,
        "sector": sector,
        "follower": follower,
        "sector_member": sector_member,
        "both": both,
        "outsider": outsider,
    }


def test_publishing_notifies_followers_and_sector_members_once_each(app, db, network):
    data = ImpulseInput(
        title="Call: solar partners",
        body="We look for **partners**. <script>alert(1)</script>",
        kind="call",
        deadline=utcnow().date() + timedelta(days=10),
        projects=[network["project"].slug],
        sectors=[network["sector"].slug],
    )
    impulse, count = impulses.publish_impulse(network["moderator"], data)
    db.session.commit()
    expected = {
        network[name].id for name in ("owner", "follower", "sector_member", "both")
    }  # the owner follows their own project; the author, the suspended member and outsiders are left out
    assert _notified(db) == expected and count == len(expected)
    assert "<script>" not in impulse.body_html and "<strong>partners</strong>" in impulse.body_html
    with app.test_request_context():
        notice = describe(db.session.scalar(sa.select(Notification)), network["follower"])
    assert "Call: solar partners" in notice.text and notice.url == f"/moderation/impulses/{impulse.id}"


def test_an_impulse_without_links_notifies_nobody(db, network):
    _impulse, count = impulses.publish_impulse(network["moderator"], ImpulseInput(title="Hello network"))
    assert count == 0 and _notified(db) == set()


def test_notifying_takes_the_same_number_of_queries_for_many_recipients(app, db, network):
    sector = network["sector"]

    def statements_for(data) -> int:
        with counted_statements() as seen:
            impulses.publish_impulse(network["moderator"], data)
        return len(seen)

    few = statements_for(ImpulseInput(title="Few", sectors=[sector.slug]))
    for _ in range(3):
        actor = make_actor(owner=make_user(), members=[make_user(), make_user()])
        actor.sectors = [sector]
    db.session.commit()
    many = statements_for(ImpulseInput(title="Many", sectors=[sector.slug]))
    assert many == few


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"deadline": utcnow().date() - timedelta(days=1)}, "deadline"),
        ({"projects": ["no-such-project"]}, "projects"),
        ({"sectors": ["no-such-sector"]}, "sectors"),
        ({"kind": "party"}, "kind"),
    ],
)
def test_bad_input_is_refused_and_saves_nothing(db, network, changes, field):
    data = ImpulseInput(**{"title": "Ok", **changes})
    with pytest.raises(DomainError) as error:
        impulses.publish_impulse(network["moderator"], data)
    assert error.value.field == field
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Impulse)) == 0


def test_moderators_publish_through_the_form(client, db, network):
    login(client, network["moderator"])
    form = {
        "kind": "call",
        "title": "Werkstatt gesucht",
        "body": "Text",
        "deadline": (utcnow().date() + timedelta(days=3)).isoformat(),
        "projects": network["project"].slug,
        "sectors": [network["sector"].slug],
    }
    response = client.post("/moderation/impulses/new", data=form)
    assert response.status_code == 303
    impulse = db.session.scalar(sa.select(Impulse))
    assert impulse.projects == [network["project"]] and impulse.sectors == [network["sector"]]
    page = client.get(response.location).get_data(as_text=True)
    assert "Werkstatt gesucht" in page and "Solar Co-op" in page
    bad = client.post("/moderation/impulses/new", data={**form, "deadline": "2020-01-01"})
    assert bad.status_code == 422 and "cannot be in the past" in bad.get_data(as_text=True)
    bad = client.post("/moderation/impulses/new", data={**form, "deadline": "soon"})
    assert bad.status_code == 422 and "Not a valid date value" in bad.get_data(as_text=True)
    bad = client.post("/moderation/impulses/new", data={**form, "projects": "nope"})
    assert bad.status_code == 422 and "No project you can see is called “nope”" in bad.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Impulse)) == 1
    by_title = client.post("/moderation/impulses/new", data={**form, "projects": network["project"].title})
    assert by_title.status_code == 303
    assert db.session.scalars(sa.select(Impulse).order_by(Impulse.id)).all()[-1].projects == [
        network["project"]
    ]


def test_linked_projects_are_shown_only_to_who_may_see_them(client, db, network):
    owner = network["owner"]
    draft = make_project(make_actor(owner=owner), owner, title="Draft Idea", visibility="draft")
    impulse, _count = impulses.publish_impulse(
        network["moderator"], ImpulseInput(title="Mixed", projects=[network["project"].slug, draft.slug])
    )
    db.session.commit()
    url = f"/moderation/impulses/{impulse.id}"
    page = client.get(url).get_data(as_text=True)
    assert "Solar Co-op" in page and "Draft Idea" not in page
    login(client, owner)
    assert "Draft Idea" in client.get(url).get_data(as_text=True)


def test_edit_and_withdraw(app, client, db, network):
    impulse, _count = impulses.publish_impulse(network["moderator"], ImpulseInput(title="Before"))
    impulse.deadline = utcnow().date() - timedelta(days=2)  # passed since publishing
    db.session.commit()
    url = f"/moderation/impulses/{impulse.id}"
    login(client, network["follower"])
    assert client.get(f"{url}/edit").status_code == 403
    assert client.post(f"{url}/withdraw").status_code == 403
    client = app.test_client()
    login(client, network["moderator"])
    form = {"kind": "announcement", "title": "After", "deadline": impulse.deadline.isoformat()}
    assert client.post(f"{url}/edit", data=form).status_code == 303  # a passed deadline may stay
    assert impulse.title == "After"
    assert client.post(f"{url}/withdraw").status_code == 303
    assert impulse.withdrawn_at is not None
    assert "Withdrawn on" in client.get(url).get_data(as_text=True)
    assert app.test_client().get(url).status_code == 404
    assert "After" not in app.test_client().get("/moderation/impulses").get_data(as_text=True)
    assert "After" in client.get("/moderation/impulses").get_data(as_text=True)  # moderators still see it


def test_the_home_page_shows_current_impulses_and_visible_featured_projects(client, db, network):
    owner = network["owner"]
    actor = network["project"].actor
    make_project(actor, owner, title="Featured Public", featured=True)
    make_project(actor, owner, title="Featured Draft", featured=True, visibility="draft")
    make_project(actor, owner, title="Featured Members", featured=True, visibility="network")
    moderator = network["moderator"]
    for title, deadline in (("Current call", 5), ("Open-ended news", None), ("Expired call", -1)):
        impulse, _ = impulses.publish_impulse(moderator, ImpulseInput(title=title))
        impulse.deadline = utcnow().date() + timedelta(days=deadline) if deadline is not None else None
    withdrawn, _ = impulses.publish_impulse(moderator, ImpulseInput(title="Withdrawn news"))
    impulses.withdraw_impulse(withdrawn)
    db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert "Current call" in page and "Open-ended news" in page
    assert "Expired call" not in page and "Withdrawn news" not in page
    assert "Featured Public" in page
    assert "Featured Draft" not in page and "Featured Members" not in page
    login(client, network["follower"])
    assert "Featured Members" in client.get("/").get_data(as_text=True)
