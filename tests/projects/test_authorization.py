"""Who may do what: every role x every project route x every visibility, and list/detail/feed agreement."""

import pytest
import sqlalchemy as sa

from innovex.models import Follow, Notification, Project, ProjectCoOwner, ProjectUpdate
from tests.factories import login_as, make_user
from tests.project_factories import make_project
from tests.projects.conftest import ROLES

VISIBILITIES = ("public", "network", "draft")
LOGGED_IN = {"member_a", "owner_a", "owner_b", "moderator", "admin"}  # suspended users count as logged out
OWNERS = {"member_a", "owner_a"}  # members of the owning organisation own the project


def sees(role: str, visibility: str) -> bool:
    if visibility == "public":
        return True
    if visibility == "network":
        return role in LOGGED_IN
    return role in OWNERS | {"moderator", "admin"}


def expected(role: str, visibility: str, need: str, ok: int) -> int:
    """The status a role should get: login redirect, 404 for what it cannot see, 403 for what it may not."""
    if need == "anyone":
        return ok
    if need != "view" and role not in LOGGED_IN:
        return 302
    if need == "login":
        return ok
    if not sees(role, visibility):
        return 404
    if need == "owner" and role not in OWNERS:
        return 403
    return ok


UPDATE = {"title": "Neu", "changes": "Alles", "body": ""}
EDIT = {"title": "Gekapert", "summary": "s", "stage": "idea", "visibility": "public"}

# (method, url pattern, form data, what the role needs, status on success)
ROUTES = [
    ("get", "/projects/", None, "anyone", 200),
    ("get", "/projects/feed.xml", None, "anyone", 200),
    ("get", "/projects/new", None, "login", 200),
    ("get", "/projects/{slug}", None, "view", 200),
    ("get", "/projects/{slug}/edit", None, "owner", 200),
    ("post", "/projects/{slug}/edit", EDIT, "owner", 302),
    ("post", "/projects/{slug}/status", {"status": "closed"}, "owner", 302),
    ("get", "/projects/{slug}/updates/new", None, "owner", 200),
    ("post", "/projects/{slug}/updates/new", UPDATE, "owner", 302),
    ("post", "/projects/{slug}/coowners", {"organisation": "{b_slug}"}, "owner", 302),
    ("post", "/projects/{slug}/follow", {}, "follow", 302),
    ("post", "/projects/{slug}/unfollow", {}, "follow", 302),
]


def snapshot(db, project_id: int) -> tuple:
    db.session.expire_all()
    project = db.session.get(Project, project_id)
    count = lambda model: db.session.scalar(sa.select(sa.func.count()).select_from(model))  # noqa: E731
    return (
        project.title,
        project.status,
        project.visibility,
        count(ProjectUpdate),
        count(ProjectCoOwner),
        count(Follow),
        count(Notification),
    )


@pytest.mark.parametrize("visibility", VISIBILITIES)
@pytest.mark.parametrize("role", ROLES)
def test_every_route_for_every_role(client, db, cast, role, visibility):
    owner_a = cast.users["owner_a"]
    project = make_project(cast.actor_a, owner_a, visibility=visibility)
    user = cast.users[role]
    for method, pattern, data, need, ok in ROUTES:
        login_as(client, user)
        url = pattern.format(slug=project.slug)
        form = {k: v.format(b_slug=cast.actor_b.slug) for k, v in (data or {}).items()}
        before = snapshot(db, project.id)
        response = client.get(url) if method == "get" else client.post(url, data=form)
        want = expected(role, visibility, need, ok)
        assert response.status_code == want, (role, visibility, method, url)
        if method == "post" and want != ok:
            assert snapshot(db, project.id) == before, (role, visibility, url)
        if want == 302 and need != "anyone" and role not in LOGGED_IN:
            assert "/auth/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_coownership_answers_only_by_the_invited_owners(client, db, cast, role):
    project = make_project(cast.actor_a, cast.users["owner_a"], visibility="draft")
    db.session.add(ProjectCoOwner(project=project, actor=cast.actor_b, state="invited"))
    db.session.commit()
    user = cast.users[role]
    for action in ("decline", "accept"):
        login_as(client, user)
        response = client.post(f"/projects/{project.slug}/coowners/{cast.actor_b.slug}/{action}")
        if role not in LOGGED_IN:
            assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
        elif role == "owner_b":
            assert response.status_code == 302
            return
        else:
            assert response.status_code == (403 if sees(role, "draft") else 404), (role, action)
        db.session.expire_all()
        assert db.session.get(ProjectCoOwner, (project.id, cast.actor_b.id)).state == "invited"


@pytest.mark.parametrize("role", ROLES)
def test_notification_routes(client, db, cast, role):
    stranger = make_user()
    foreign = Notification(user=stranger, kind="membership", actor=cast.actor_a)
    db.session.add(foreign)
    db.session.commit()
    login_as(client, cast.users[role])
    logged_in = role in LOGGED_IN
    assert client.get("/notifications/").status_code == (200 if logged_in else 302)
    assert client.get("/notifications/settings").status_code == (200 if logged_in else 302)
    assert client.post(f"/notifications/{foreign.id}/read").status_code == (404 if logged_in else 302)
    assert client.post("/notifications/read").status_code == 302
    db.session.expire_all()
    assert db.session.get(Notification, foreign.id).read_at is None


@pytest.mark.parametrize("role", ROLES)
def test_list_detail_and_feed_never_disagree(client, db, cast, role):
    """The list, the project page and the feed show exactly the same projects to every role."""
    projects = {
        visibility: make_project(
            cast.actor_a, cast.users["owner_a"], visibility=visibility, title=f"P-{visibility}"
        )
        for visibility in VISIBILITIES
    }
    coowned = make_project(cast.actor_b, cast.users["owner_b"], visibility="draft", title="P-coowned")
    db.session.add(ProjectCoOwner(project=coowned, actor=cast.actor_a, state="accepted"))
    db.session.commit()
    login_as(client, cast.users[role])
    listing = client.get("/projects/").get_data(as_text=True)
    feed = client.get("/projects/feed.xml").get_data(as_text=True)
    for visibility, project in [*projects.items(), ("coowned", coowned)]:
        in_list = f">{project.title}</a>" in listing
        in_feed = f'<title type="text">{project.title}</title>' in feed
        detail = client.get(f"/projects/{project.slug}").status_code
        assert detail in (200, 404)
        assert in_list == in_feed == (detail == 200), (role, visibility)
        if visibility in VISIBILITIES:
            assert in_list == sees(role, visibility), (role, visibility)
    assert (f">{coowned.title}</a>" in listing) == (role in OWNERS | {"owner_b", "moderator", "admin"})
