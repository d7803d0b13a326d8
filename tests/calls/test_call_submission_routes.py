"""Submitting, withdrawing, supporting and deciding through the client, with every role refused where due."""

import pytest
import sqlalchemy as sa

from innovex.calls import services
from innovex.models import CallSubmission, CallSupport, Notification
from tests.calls.call_factories import make_call, submitted
from tests.factories import login_as
from tests.project_factories import make_project


@pytest.fixture
def call(db, people):
    return make_call(people["moderator"])


def _count(db, model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_an_owner_submits_through_the_form_and_both_pages_show_it(client, db, people, call):
    login_as(client, people["owner"])
    form = client.get(f"/calls/{call.slug}/submit").get_data(as_text=True)
    assert "Shared cargo bikes" in form
    response = client.post(
        f"/calls/{call.slug}/submit", data={"project": people["project"].slug, "note": "We are ready."}
    )
    assert response.status_code == 303
    page = client.get(f"/calls/{call.slug}").get_data(as_text=True)
    assert "Shared cargo bikes" in page and "stage: Idea" in page and "last activity" in page
    assert "Withdraw the submission" in page
    project_page = client.get(f"/projects/{people['project'].slug}").get_data(as_text=True)
    assert "Submitted to calls" in project_page and call.question in project_page


@pytest.mark.parametrize("who", ["other_owner", "other_member", "bystander"])
def test_others_cannot_submit_a_project(client, db, people, call, who):
    login_as(client, people[who])
    response = client.post(f"/calls/{call.slug}/submit", data={"project": people["project"].slug})
    assert response.status_code == 422  # the project is not among their choices
    assert _count(db, CallSubmission) == 0


def test_anonymous_visitors_are_sent_to_log_in(client, db, people, call):
    entry = submitted(call, people)
    for url in (
        f"/calls/{call.slug}/submit",
        f"/calls/{call.slug}/submissions/{entry.id}/withdraw",
        f"/calls/{call.slug}/submissions/{entry.id}/support",
        f"/calls/{call.slug}/submissions/{entry.id}/decide",
    ):
        assert client.post(url, data={"actor": people["other"].id}).status_code == 302, url
    assert entry.state == "submitted" and _count(db, CallSupport) == 0


def test_after_the_deadline_the_form_says_so(client, db, people, call):
    services.close_call(call)
    db.session.commit()
    login_as(client, people["owner"])
    page = client.get(f"/calls/{call.slug}/submit").get_data(as_text=True)
    assert "This call takes no more submissions." in page
    response = client.post(f"/calls/{call.slug}/submit", data={"project": people["project"].slug})
    assert response.status_code == 422 and "This call takes no more submissions." in response.get_data(
        as_text=True
    )
    assert _count(db, CallSubmission) == 0


def test_withdraw_is_for_the_owners(client, db, people, call):
    entry = submitted(call, people)
    login_as(client, people["other_owner"])
    assert client.post(f"/calls/{call.slug}/submissions/{entry.id}/withdraw").status_code == 403
    login_as(client, people["moderator"])
    assert client.post(f"/calls/{call.slug}/submissions/{entry.id}/withdraw").status_code == 403
    login_as(client, people["member"])
    assert client.post(f"/calls/{call.slug}/submissions/{entry.id}/withdraw").status_code == 303
    db.session.refresh(entry)
    assert entry.state == "withdrawn"
    assert "Shared cargo bikes" not in client.get(f"/calls/{call.slug}").get_data(as_text=True)


def test_another_organisation_supports_and_withdraws_its_support(client, db, people, call):
    entry = submitted(call, people)
    login_as(client, people["other_member"])
    page = client.get(f"/calls/{call.slug}").get_data(as_text=True)
    assert "Support on behalf of" in page and "up to 3 submissions" in page
    url = f"/calls/{call.slug}/submissions/{entry.id}/support"
    assert client.post(url, data={"actor": people["other"].id}).status_code == 303
    page = client.get(f"/calls/{call.slug}").get_data(as_text=True)
    assert "Supported by" in page and "Kiezladen eG" in page and "1 support" in page
    assert "Withdraw the support of Kiezladen eG" in page
    client.post(url, data={"actor": people["other"].id})  # twice: a message, not a second row
    assert _count(db, CallSupport) == 1
    assert "already supports" in client.get(f"/calls/{call.slug}").get_data(as_text=True)
    unsupport = f"/calls/{call.slug}/submissions/{entry.id}/unsupport"
    assert client.post(unsupport, data={"actor": people["other"].id}).status_code == 303
    assert _count(db, CallSupport) == 0


@pytest.mark.parametrize("actor", ["home", "not-a-number", "99999999999999999999999", ""])
def test_support_with_a_foreign_or_bad_organisation_changes_nothing(client, db, people, call, actor):
    entry = submitted(call, people)
    login_as(client, people["other_owner"])
    value = str(people["home"].id) if actor == "home" else actor
    response = client.post(f"/calls/{call.slug}/submissions/{entry.id}/support", data={"actor": value})
    assert response.status_code == 303 and _count(db, CallSupport) == 0


def test_the_project_owner_cannot_support_their_own_submission(client, db, people, call):
    entry = submitted(call, people)
    login_as(client, people["owner"])
    assert "Support on behalf of" not in client.get(f"/calls/{call.slug}").get_data(as_text=True)
    client.post(f"/calls/{call.slug}/submissions/{entry.id}/support", data={"actor": people["home"].id})
    assert _count(db, CallSupport) == 0


def test_the_support_limit_is_shown_as_a_message(app, client, db, people, call):
    app.config["CALL_SUPPORTS_PER_ORG"] = 1
    first = submitted(call, people)
    second = CallSubmission(call=call, project=make_project(people["home"], people["owner"]))
    db.session.add(second)
    db.session.commit()
    login_as(client, people["other_owner"])
    client.post(f"/calls/{call.slug}/submissions/{first.id}/support", data={"actor": people["other"].id})
    response = client.post(
        f"/calls/{call.slug}/submissions/{second.id}/support", data={"actor": people["other"].id}
    )
    assert response.status_code == 303 and _count(db, CallSupport) == 1
    assert "has used its only support" in client.get(f"/calls/{call.slug}").get_data(as_text=True)


@pytest.mark.parametrize("who", ["owner", "other_owner", "member", "bystander"])
def test_only_stewards_decide(client, db, people, call, who):
    entry = submitted(call, people)
    login_as(client, people[who])
    url = f"/calls/{call.slug}/submissions/{entry.id}/decide"
    assert client.get(url).status_code == 403
    assert client.post(url, data={"state": "selected", "reason": "I select myself."}).status_code == 403
    db.session.refresh(entry)
    assert entry.state == "submitted"


def test_a_steward_shortlists_with_a_public_reason(client, db, people, call):
    entry = submitted(call, people)
    login_as(client, people["moderator"])
    url = f"/calls/{call.slug}/submissions/{entry.id}/decide"
    assert client.get(url).status_code == 200
    bad = client.post(url, data={"state": "shortlisted", "reason": "ok"})
    assert bad.status_code == 422 and "at least 10 characters" in bad.get_data(as_text=True)
    assert client.post(url, data={"state": "nonsense", "reason": "A good reason."}).status_code == 422
    assert (
        client.post(url, data={"state": "shortlisted", "reason": "Strong local partners."}).status_code == 303
    )
    page = client.get(f"/calls/{call.slug}").get_data(as_text=True)
    assert "Shortlisted" in page and "Strong local partners." in page
    notice = db.session.scalar(sa.select(Notification).where(Notification.user_id == people["owner"].id))
    assert notice.kind == "call_shortlisted" and notice.call_id == call.id
    login_as(client, people["owner"])
    assert call.question in client.get("/notifications/").get_data(as_text=True)


def test_a_submission_of_another_call_is_404(client, db, people, call):
    entry = submitted(call, people)
    other = make_call(people["moderator"], question="Other question?")
    login_as(client, people["moderator"])
    assert client.get(f"/calls/{other.slug}/submissions/{entry.id}/decide").status_code == 404
    login_as(client, people["owner"])
    assert client.post(f"/calls/{other.slug}/submissions/{entry.id}/withdraw").status_code == 404


def test_submissions_of_projects_the_viewer_cannot_see_are_left_out(client, db, people, call):
    entry = submitted(call, people)
    people["project"].visibility = "network"
    db.session.commit()
    assert "Shared cargo bikes" not in client.get(f"/calls/{call.slug}").get_data(as_text=True)
    assert client.post(f"/calls/{call.slug}/submissions/{entry.id}/support").status_code in (302, 404)
    login_as(client, people["bystander"])
    assert "Shared cargo bikes" in client.get(f"/calls/{call.slug}").get_data(as_text=True)
