"""Forms that create something count once: the same submission sent again (a retry after a dropped connection,
a double click) leads to what the first one created, and creates nothing more."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from innovex.extensions import db
from innovex.models import Actor, Feedback, FormSubmission, Offering, Project
from innovex.models.base import utcnow
from tests.factories import login_as, make_actor, make_user
from tests.project_factories import make_project


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def token_of(client, url: str) -> str:
    """The one-time token of the form on a page, as a browser would send it back."""
    page = client.get(url).get_data(as_text=True)
    found = re.search(r'name="submission" type="hidden" value="([^"]+)"', page) or re.search(
        r'type="hidden" name="submission" value="([^"]+)"', page
    )
    assert found, "the form carries no one-time token"
    return found.group(1)


@pytest.fixture
def member(app):
    user = make_user()
    actor = make_actor("Kooperative Ost", owner=user)
    db.session.commit()
    return user, actor


CASES = {
    "feedback": (
        Feedback,
        lambda actor, user: f"/projects/{make_project(actor, user).slug}",
        lambda page: page.replace("/projects/", "/feedback/projects/"),
        {"kind": "idea", "body": "Ein Gedanke"},
    ),
    "project": (
        Project,
        lambda actor, user: "/projects/new",
        lambda page: page,
        {"title": "Gemeinsame Kasse", "summary": "Eine Kasse.", "stage": "idea", "visibility": "network"},
    ),
    "offering": (
        Offering,
        lambda actor, user: f"/organisations/{actor.slug}/offerings/new",
        lambda page: page,
        {"kind": "offer", "title": "Lohnbuchhaltung", "scope": "local"},
    ),
    "organisation": (
        Actor,
        lambda actor, user: "/organisations/new",
        lambda page: page,
        {"name": "Neue Kooperative", "kind": "cooperative", "country": "DE", "different_organisation": "y"},
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_repeated_submission_creates_once_and_leads_to_the_first(client, member, case):
    model, page_of, action_of, data = CASES[case]
    user, actor = member
    page = page_of(actor, user)
    db.session.commit()
    login_as(client, user)
    if case == "project":
        data = {**data, "actor": actor.id}
    before = count(model)
    token = token_of(client, page)
    first = client.post(action_of(page), data={**data, "submission": token})
    assert first.status_code in (302, 303), first.get_data(as_text=True)[:500]
    again = client.post(action_of(page), data={**data, "submission": token})
    assert again.status_code == 303
    assert again.location == first.location
    assert count(model) == before + 1

    other = client.post(action_of(page), data={**data, "submission": token_of(client, page)})
    assert other.status_code in (302, 303)  # a new form, a new token: a second item on purpose
    assert count(model) == before + 2


def test_tokens_are_per_user_and_a_failed_submission_claims_nothing(client, member):
    user, actor = member
    project = make_project(actor, user)
    db.session.commit()
    login_as(client, user)
    token = token_of(client, f"/projects/{project.slug}")
    url = f"/feedback/projects/{project.slug}"
    refused = client.post(url, data={"kind": "", "body": "Ohne Typ", "submission": token})
    assert refused.status_code == 400 and count(FormSubmission) == 0
    assert client.post(url, data={"kind": "idea", "body": "Mit Typ", "submission": token}).status_code == 303

    login_as(client, make_user())  # someone else's form with the same token is their own submission
    assert client.post(url, data={"kind": "idea", "body": "Auch", "submission": token}).status_code == 303
    assert count(Feedback) == 2


def test_old_claims_are_dropped_and_forms_without_a_token_still_work(client, member):
    user, actor = member
    project = make_project(actor, user)
    db.session.add(FormSubmission(user_id=user.id, token="x" * 32, created_at=utcnow() - timedelta(days=2)))
    db.session.commit()
    login_as(client, user)
    url = f"/feedback/projects/{project.slug}"
    for _ in range(2):  # a client that sends no token: served (each post gets a fresh one)
        assert client.post(url, data={"kind": "idea", "body": "Ohne Marke"}).status_code == 303
    assert client.post(url, data={"kind": "idea", "body": "Neu", "submission": "y" * 32}).status_code == 303
    tokens = db.session.scalars(sa.select(FormSubmission.token)).all()
    assert "y" * 32 in tokens and "x" * 32 not in tokens  # the claim older than a day is gone
    assert count(Feedback) == 3
