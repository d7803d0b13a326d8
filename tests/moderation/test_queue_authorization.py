"""Who reaches the report and queue routes: every route of queue_views for every role, and nothing changes
for those turned away. A check fails when a route of that module is missing from the table."""

import pytest
import sqlalchemy as sa

from innovex.extensions import db
from innovex.models import Actor, Feedback, ModerationAction, Notification, Project, Report, User
from tests.factories import login_as
from tests.moderation.queue_cast import proposal_comment, report, suggestion

pytest_plugins = ["tests.moderation.queue_fixtures"]  # the `world` fixture

ROLES = ("anonymous", "member", "author", "owner", "moderator", "admin", "suspended")
STAFF = {"moderator", "admin"}
LOGGED_OUT = {"anonymous", "suspended"}  # a suspended member's session does not load
REASON = {"reason": "A reason long enough for anything"}

# (endpoint, method, url pattern, form data, who may: "member" or "staff", status on success)
ROUTES = [
    ("moderation.report", "get", "/moderation/report/feedback/{item}", None, "member", 200),
    ("moderation.report", "post", "/moderation/report/feedback/{item}", {"reason": "spam"}, "member", 303),
    ("moderation.queue", "get", "/moderation/queue", None, "staff", 200),
    (
        "moderation.resolve",
        "post",
        "/moderation/queue/feedback/{item}",
        {"feedback-{item}-action": "dismiss"},
        "staff",
        303,
    ),
    ("moderation.feedback_tools", "get", "/moderation/feedback/{item}", None, "staff", 200),
    (
        "moderation.feedback_action",
        "post",
        "/moderation/feedback/{item}/hide",
        {"hide-reason": "Spam"},
        "staff",
        303,
    ),
    ("moderation.project_tools", "get", "/moderation/projects/{slug}", None, "staff", 200),
    (
        "moderation.project_action",
        "post",
        "/moderation/projects/{slug}/lock",
        {"lock-reason": "Heat"},
        "staff",
        303,
    ),
    ("moderation.organisation_tools", "get", "/moderation/organisations/{actor}", None, "staff", 200),
    (
        "moderation.organisation_action",
        "post",
        "/moderation/organisations/{actor}/hide",
        {"hide-reason": "Fake"},
        "staff",
        303,
    ),
    ("moderation.user_tools", "get", "/moderation/users/{author}", None, "staff", 200),
    (
        "moderation.user_action",
        "post",
        "/moderation/users/{author}/warn",
        {"warn-reason": "Stop"},
        "staff",
        303,
    ),
    (
        "moderation.proposal_comment_tools",
        "get",
        "/moderation/proposal-comments/{comment}",
        None,
        "staff",
        200,
    ),
    (
        "moderation.proposal_comment_action",
        "post",
        "/moderation/proposal-comments/{comment}/hide",
        {"hide-reason": "Werbung"},
        "staff",
        303,
    ),
    ("moderation.suggestion_tools", "get", "/moderation/suggestions/{suggestion}", None, "staff", 200),
    (
        "moderation.suggestion_action",
        "post",
        "/moderation/suggestions/{suggestion}/hide",
        {"hide-reason": "Unsinn"},
        "staff",
        303,
    ),
]


def expected(role: str, need: str, ok: int) -> int:
    if role in LOGGED_OUT:
        return 302
    if need == "staff" and role not in STAFF:
        return 403
    return ok


def snapshot(world) -> tuple:
    db.session.expire_all()
    total = lambda model: db.session.scalar(sa.select(sa.func.count()).select_from(model))  # noqa: E731
    return (
        total(Report),
        db.session.scalar(sa.select(sa.func.count()).where(Report.resolved_at.is_not(None))),
        total(ModerationAction),
        total(Notification),
        db.session.get(Feedback, world.item.id).hidden_at,
        db.session.get(Project, world.project.id).status,
        db.session.get(Actor, world.coop.id).status,
        db.session.get(User, world.author.id).suspended_until,
    )


def test_the_table_covers_every_route_of_the_queue_views(app):
    endpoints = {
        name
        for name, view in app.view_functions.items()
        if getattr(view, "__module__", "") == "innovex.moderation.queue_views"
    }
    assert endpoints, "no views found in innovex.moderation.queue_views"
    assert endpoints == {row[0] for row in ROUTES}


@pytest.mark.parametrize("route", ROUTES, ids=lambda row: f"{row[1]}-{row[0]}")
@pytest.mark.parametrize("role", ROLES)
def test_every_route_for_every_role(client, world, role, route):
    endpoint, method, pattern, data, need, ok = route
    report(world.reporters[1], "feedback", world.item.id)  # an open report for the queue to resolve
    people = {
        "anonymous": None,
        "member": world.reporters[0],
        "author": world.author,
        "owner": world.owner,
        "moderator": world.moderator,
        "admin": world.admin,
        "suspended": world.suspended,
    }
    values = {
        "item": world.item.id,
        "slug": world.project.slug,
        "actor": world.coop.slug,
        "author": world.author.id,
        "comment": proposal_comment(world).id,
        "suggestion": suggestion(world).id,
    }
    url = pattern.format(**values)
    form = {key.format(**values): value for key, value in {**REASON, **(data or {})}.items()}
    login_as(client, people[role])
    before = snapshot(world)
    response = client.get(url) if method == "get" else client.post(url, data=form)
    want = expected(role, need, ok)
    assert response.status_code == want, (role, endpoint, response.get_data(as_text=True)[:300])
    if want == 302:
        assert "/auth/login" in response.headers["Location"]
    if method == "post":
        assert (snapshot(world) != before) == (want == ok), (role, endpoint)


@pytest.mark.parametrize("role", ROLES)
def test_staff_links_in_the_thread_only_for_moderators(client, world, role):
    people = {
        "anonymous": None,
        "member": world.reporters[0],
        "author": world.author,
        "owner": world.owner,
        "moderator": world.moderator,
        "admin": world.admin,
        "suspended": world.suspended,
    }
    login_as(client, people[role])
    page = client.get(f"/projects/{world.project.slug}").get_data(as_text=True)
    assert (f"/moderation/feedback/{world.item.id}" in page) == (role in STAFF)
    assert (f"/moderation/projects/{world.project.slug}" in page) == (role in STAFF)
