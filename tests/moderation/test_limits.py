"""Abuse resistance: per-user rate limits (lower for new accounts) and the link cap for new accounts."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import g, request_started

from innovex import abuse
from innovex.domain import DomainError
from innovex.extensions import db as _db
from innovex.matching import services as matching
from innovex.models import Actor, Feedback, Interest, Invitation, Offering, Project, ProjectUpdate, Report
from innovex.models.base import utcnow
from innovex.projects import services as projects
from innovex.projects.services import ProjectInput
from innovex.taxonomy import sync_taxonomies
from tests.conftest import build_app
from tests.factories import login_as, make_actor, make_user
from tests.project_factories import make_project

OLD = {"created_at": utcnow() - timedelta(days=30)}
THREE_LINKS = "See https://a.example, [this](https://b.example) and <https://c.example>."
TWO_LINKS = "See https://a.example and www.b.example."


@pytest.fixture
def limited(tmp_path):
    """An app of its own with the limiter on (it reads the switch when the app is made) and tiny limits."""
    app = build_app(
        tmp_path,
        RATELIMIT_ENABLED=True,
        WTF_CSRF_ENABLED=False,
        NEW_ACCOUNT_DAYS=7,
        RATELIMIT_POST="4 per minute",
        RATELIMIT_NEW_ACCOUNT_POST="2 per minute",
        RATELIMIT_MESSAGE="2 per minute",
        RATELIMIT_NEW_ACCOUNT_MESSAGE="1 per minute",
        RATELIMIT_REPORT="3 per minute",
        RATELIMIT_NEW_ACCOUNT_REPORT="1 per minute",
    )
    request_started.connect(lambda sender, **extra: vars(g).clear(), app, weak=False)
    with app.app_context():
        _db.create_all()
        sync_taxonomies()
        _db.session.commit()
        yield app
        _db.session.remove()
        _db.drop_all()


def count(model) -> int:
    return _db.session.scalar(sa.select(sa.func.count()).select_from(model))


def _post_feedback(app, user, project, times: int) -> list[int]:
    client = app.test_client()
    login_as(client, user)
    url = f"/feedback/projects/{project.slug}"
    return [client.post(url, data={"kind": "idea", "body": "Hi"}).status_code for _ in range(times)]


def test_a_new_account_is_limited_sooner_than_an_old_one(limited):
    owner = make_user(**OLD)
    project = make_project(make_actor(owner=owner), owner)
    assert _post_feedback(limited, make_user(), project, 3) == [303, 303, 429]
    assert _post_feedback(limited, make_user(**OLD), project, 5) == [303, 303, 303, 303, 429]
    assert count(Feedback) == 6


def test_the_limit_is_per_account_not_per_address(limited):
    owner = make_user(**OLD)
    project = make_project(make_actor(owner=owner), owner)
    user = make_user()
    url = f"/feedback/projects/{project.slug}"
    codes = []
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        client = limited.test_client()
        login_as(client, user)
        response = client.post(
            url, data={"kind": "idea", "body": "Hi"}, environ_base={"REMOTE_ADDR": address}
        )
        codes.append(response.status_code)
    assert codes == [303, 303, 429]


def test_posting_shares_one_budget_across_feedback_projects_and_updates(limited):
    user = make_user()
    actor = make_actor(owner=user)
    project = make_project(actor, user)
    assert _post_feedback(limited, user, project, 2) == [303, 303]
    client = limited.test_client()
    login_as(client, user)
    response = client.post("/projects/new", data={"actor": actor.id, "title": "T", "summary": "S"})
    assert response.status_code == 429
    response = client.post(f"/projects/{project.slug}/updates/new", data={"title": "V2", "changes": "C"})
    assert response.status_code == 429
    assert count(Project) == 1 and count(ProjectUpdate) == 0
    assert client.get("/projects/new").status_code == 200  # reading the form is not limited


def test_the_429_page_is_readable_and_json_clients_get_json(limited):
    owner = make_user(**OLD)
    project = make_project(make_actor(owner=owner), owner)
    user = make_user()
    _post_feedback(limited, user, project, 2)
    client = limited.test_client()
    login_as(client, user)
    url = f"/feedback/projects/{project.slug}"
    page = client.post(url, data={"kind": "idea", "body": "Hi"})
    assert page.status_code == 429 and "text/html" in page.content_type
    assert "Too many requests" in page.get_data(as_text=True)
    assert "Please wait a moment" in page.get_data(as_text=True)
    answer = client.post(url, data={"kind": "idea", "body": "Hi"}, headers={"Accept": "application/json"})
    assert answer.status_code == 429
    assert answer.get_json()["error"] == "Too many requests" and answer.get_json()["message"]


def test_expressions_of_interest_are_messages(limited):
    owner = make_user(**OLD)
    project = make_project(make_actor(owner=owner), owner)
    old, new = make_user(**OLD), make_user()
    first, second = make_actor(owner=old), make_actor(owner=old)
    third, fourth = make_actor(owner=new), make_actor(owner=new)
    url = f"/matching/projects/{project.slug}/interest"

    def send(user, actors):
        client = limited.test_client()
        login_as(client, user)
        return [client.post(url, data={"actor": a.id, "message": "Hallo"}).status_code for a in actors]

    assert send(new, [third, fourth]) == [302, 429]
    assert send(old, [first, second, fourth]) == [302, 302, 429]
    assert count(Interest) == 3


def test_invitations_are_messages(limited):
    owner = make_user()
    actor = make_actor(owner=owner)
    client = limited.test_client()
    login_as(client, owner)
    url = f"/organisations/{actor.slug}/members/invite"
    codes = [
        client.post(url, data={"email": f"n{i}@example.org", "role": "member"}).status_code for i in (1, 2)
    ]
    assert codes == [302, 429]
    assert count(Invitation) == 1


def test_reports_share_one_budget_and_new_accounts_get_less(limited):
    owner = make_user(**OLD)
    project = make_project(make_actor(owner=owner), owner)
    items = [
        Feedback(project=project, author=owner, kind="idea", body=f"b{i}", body_html="b") for i in range(4)
    ]
    _db.session.add_all(items)
    _db.session.commit()
    new, old = make_user(), make_user(**OLD)

    def report_all(user) -> list[int]:
        client = limited.test_client()
        login_as(client, user)
        return [
            client.post(f"/moderation/report/feedback/{item.id}", data={"reason": "spam"}).status_code
            for item in items
        ]

    assert report_all(new) == [303, 429, 429, 429]
    assert report_all(old) == [303, 303, 303, 429]
    assert _db.session.scalar(sa.select(sa.func.count()).select_from(Report)) == 4


# Links ---------------------------------------------------------------------------------------------------


def test_links_are_counted_as_shown():
    assert abuse.count_links(THREE_LINKS) == 3
    assert abuse.count_links(TWO_LINKS) == 2
    assert abuse.count_links("`https://in.code.example`", "mail me: a@b.example", None) == 1
    assert abuse.count_links("no links here", "") == 0


def test_a_third_link_is_refused_for_a_new_account_and_allowed_for_an_old_one(limited):
    owner = make_user(**OLD)
    project = make_project(make_actor(owner=owner), owner)
    new, old = make_user(), make_user(**OLD)
    client = limited.test_client()
    login_as(client, new)
    url = f"/feedback/projects/{project.slug}"
    refused = client.post(url, data={"kind": "idea", "body": THREE_LINKS})
    assert refused.status_code == 400
    assert "at most 2 links" in refused.get_data(as_text=True)
    assert 'class="field-error" id="body-error"' in refused.get_data(as_text=True)
    assert count(Feedback) == 0
    assert client.post(url, data={"kind": "idea", "body": TWO_LINKS}).status_code == 303
    login_as(client, old)
    assert client.post(url, data={"kind": "idea", "body": THREE_LINKS}).status_code == 303
    assert count(Feedback) == 2


def _input(**changes) -> ProjectInput:
    values = {
        "title": "Neues Projekt",
        "summary": "Kurz",
        "body": "",
        "stage": "idea",
        "seeking": [],
        "tags": [],
        "sectors": [],
        "competencies": [],
        "region": None,
        "visibility": "public",
    }
    return ProjectInput(**{**values, **changes})


def test_projects_updates_and_interest_messages_count_links_too(limited):
    new, old = make_user(), make_user(**OLD)
    mine = make_actor(owner=new)
    # Summary and body together make one post.
    with pytest.raises(DomainError) as refused:
        projects.create_project(new, mine, _input(summary="https://a.example", body=TWO_LINKS))
    assert refused.value.field == "body"
    project = projects.create_project(new, mine, _input(body=TWO_LINKS))
    with pytest.raises(DomainError):
        projects.edit_project(project, _input(body=THREE_LINKS), editor=new)
    with pytest.raises(DomainError):
        projects.post_update(project, new, title="V1", changes="C", body=THREE_LINKS, addressed_ids=[])
    with pytest.raises(DomainError) as refused:
        matching.express_interest(project, make_actor(owner=new), new, THREE_LINKS)
    assert refused.value.field == "message"
    _db.session.rollback()

    theirs = make_actor(owner=old)
    project = projects.create_project(old, theirs, _input(body=THREE_LINKS))
    projects.edit_project(project, _input(body=THREE_LINKS + " https://d.example"), editor=old)
    projects.post_update(project, old, title="V1", changes="C", body=THREE_LINKS, addressed_ids=[])
    assert matching.express_interest(project, make_actor(owner=old), old, THREE_LINKS).message


def test_an_account_stops_being_new_after_the_configured_days(limited):
    assert abuse.is_new_account(make_user())
    assert abuse.is_new_account(make_user(created_at=utcnow() - timedelta(days=6, hours=23)))
    assert not abuse.is_new_account(make_user(created_at=utcnow() - timedelta(days=7, minutes=1)))
    assert abuse.is_new_account(None)


def test_the_interest_form_shows_the_link_error_next_to_the_message(limited):
    owner = make_user(**OLD)
    project = make_project(make_actor(owner=owner), owner)
    new = make_user()
    client = limited.test_client()
    login_as(client, new)
    url = f"/matching/projects/{project.slug}/interest"
    response = client.post(url, data={"actor": make_actor(owner=new).id, "message": THREE_LINKS})
    assert response.status_code == 422
    assert 'id="message-error"' in response.get_data(as_text=True)
    assert "at most 2 links" in response.get_data(as_text=True)
    assert count(Interest) == 0


STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


def test_every_state_changing_route_draws_on_an_abuse_budget(app):
    """A new POST route without @abuse.<budget> (innovex/abuse.py) fails here, naming the endpoint."""
    missing = [
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.methods & STATE_CHANGING
        and getattr(app.view_functions[rule.endpoint], "abuse_budget", None) not in abuse.BUDGETS
    ]
    assert not missing, f"routes without an abuse budget: {sorted(missing)}"


def test_an_unknown_budget_is_refused_when_the_module_loads():
    with pytest.raises(ValueError, match="unknown abuse budget"):
        abuse.limited("posts")


def test_creating_organisations_and_offers_shares_the_posting_budget(limited):
    """Organisations and offers used to be limited per address only: now per account, with posting."""
    user = make_user()  # new account: 2 posts per minute
    actor = make_actor(owner=user)
    client = limited.test_client()
    login_as(client, user)
    offer = {"kind": "offer", "title": "Lastenräder leihen", "scope": "regional"}
    codes = [client.post(f"/organisations/{actor.slug}/offerings/new", data=offer).status_code]
    data = {"name": "Zweite eG", "kind": "cooperative", "country": "DE", "different_organisation": "y"}
    codes.append(client.post("/organisations/new", data=data).status_code)
    codes.append(client.post("/organisations/new", data={**data, "name": "Dritte eG"}).status_code)
    assert codes == [302, 302, 429] or codes == [303, 303, 429], codes
    assert count(Actor) == 2 and count(Offering) == 1


def test_invitations_are_messages_per_account(limited):
    owner = make_user(**OLD)
    actor = make_actor(owner=owner)
    client = limited.test_client()
    login_as(client, owner)
    url = f"/organisations/{actor.slug}/members/invite"
    codes = [
        client.post(url, data={"email": f"neu{n}@example.org", "role": "member"}).status_code
        for n in range(3)
    ]
    assert codes[-1] == 429 and 429 not in codes[:2], codes
    assert count(Invitation) == 2


def test_toggles_draw_on_the_action_budget(tmp_path):
    app = build_app(tmp_path, RATELIMIT_ENABLED=True, WTF_CSRF_ENABLED=False, RATELIMIT_ACTION="2 per minute")
    with app.app_context():
        _db.create_all()
        sync_taxonomies()
        owner = make_user(**OLD)
        project = make_project(make_actor(owner=owner), owner)
        client = app.test_client()
        login_as(client, make_user(**OLD))
        codes = [
            client.post(f"/projects/{project.slug}/{verb}").status_code
            for verb in ("follow", "unfollow", "follow")
        ]
        assert codes[2] == 429 and 429 not in codes[:2], codes
        _db.session.remove()
        _db.drop_all()
