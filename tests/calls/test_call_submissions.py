"""Submissions to calls: submitting and withdrawing, supports within the budget, the stewards' decisions."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from innovex.calls import services, submissions
from innovex.domain import DomainError
from innovex.models import CallSubmission, CallSupport, Notification, ProjectCoOwner
from innovex.notifications.render import describe
from tests.calls.call_factories import make_call, submitted, today
from tests.factories import make_actor, make_user
from tests.project_factories import make_project


@pytest.fixture
def call(db, people):
    return make_call(people["moderator"])


def test_owners_submit_and_withdraw_and_submit_again(db, people, call):
    entry = submitted(call, people)
    assert entry.state == "submitted" and entry.submitted_by == people["owner"]
    with pytest.raises(DomainError):
        submissions.submit(call, people["project"], people["owner"])  # twice
    submissions.withdraw(entry, people["owner"])
    db.session.commit()
    assert entry.state == "withdrawn" and submissions.submissions_of(people["project"], None) == []
    again = submissions.submit(call, people["project"], people["member"])  # any member of the owning org
    db.session.commit()
    assert again.id == entry.id and again.state == "submitted" and again.withdrawn_at is None


@pytest.mark.parametrize("who", ["other_owner", "other_member", "bystander", "moderator"])
def test_only_the_projects_owners_submit(db, people, call, who):
    with pytest.raises(DomainError):
        submissions.submit(call, people["project"], people[who])


def test_no_submission_after_the_deadline_or_to_a_closed_or_proposed_call(db, people, call):
    call.deadline = today() - timedelta(days=1)
    with pytest.raises(DomainError):
        submissions.submit(call, people["project"], people["owner"])
    call.deadline = today()  # the deadline day itself still counts
    submissions.submit(call, people["project"], people["owner"])
    services.close_call(call)
    second = make_project(people["home"], people["owner"])
    with pytest.raises(DomainError):
        submissions.submit(call, second, people["owner"])
    proposal = make_call(people["owner"], actor=people["home"], question="Proposed?")
    with pytest.raises(DomainError):
        submissions.submit(proposal, second, people["owner"])


def test_draft_projects_cannot_be_submitted(db, people, call):
    draft = make_project(people["home"], people["owner"], visibility="draft")
    with pytest.raises(DomainError) as error:
        submissions.submit(call, draft, people["owner"])
    assert error.value.field == "project"


@pytest.mark.parametrize("who", ["other_owner", "bystander", "moderator"])
def test_only_owners_withdraw(db, people, call, who):
    entry = submitted(call, people)
    with pytest.raises(DomainError):
        submissions.withdraw(entry, people[who])


def test_a_closed_call_keeps_its_submissions(db, people, call):
    entry = submitted(call, people)
    services.close_call(call)
    with pytest.raises(DomainError):
        submissions.withdraw(entry, people["owner"])


def test_supports_are_limited_per_organisation_and_call(app, db, people, call):
    app.config["CALL_SUPPORTS_PER_ORG"] = 2
    entries = [submitted(call, people)]
    for _ in range(2):
        project = make_project(people["home"], people["owner"])
        entries.append(submissions.submit(call, project, people["owner"]))
    db.session.commit()
    submissions.support(entries[0], people["other"], people["other_member"])  # members act for their org
    submissions.support(entries[1], people["other"], people["other_owner"])
    with pytest.raises(DomainError) as error:
        submissions.support(entries[2], people["other"], people["other_owner"])
    assert "all its 2 supports" in error.value.message
    with pytest.raises(DomainError):
        submissions.support(entries[0], people["other"], people["other_owner"])  # twice
    # Withdrawing a support, or a submission, gives the place back.
    assert submissions.withdraw_support(entries[1], people["other"], people["other_owner"])
    submissions.support(entries[2], people["other"], people["other_owner"])
    submissions.withdraw(entries[2], people["owner"])
    submissions.support(entries[1], people["other"], people["other_owner"])
    db.session.commit()
    assert submissions.supports_used(call, people["other"]) == 2
    # Another call has its own budget.
    second_call = make_call(people["moderator"], question="Second call?")
    entry = submissions.submit(second_call, entries[0].project, people["owner"])
    submissions.support(entry, people["other"], people["other_owner"])


def test_who_may_support(db, people, call):
    entry = submitted(call, people)
    with pytest.raises(DomainError) as error:
        submissions.support(entry, people["home"], people["owner"])
    assert "own project" in error.value.message
    with pytest.raises(DomainError):
        submissions.support(entry, people["other"], people["bystander"])  # not a member of it
    with pytest.raises(DomainError):
        submissions.withdraw_support(entry, people["other"], people["bystander"])
    services.close_call(call)
    with pytest.raises(DomainError):
        submissions.support(entry, people["other"], people["other_owner"])
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CallSupport)) == 0


def test_stewards_shortlist_and_select_with_a_public_reason_and_owners_are_told(app, db, people, call):
    coowner_org_owner = make_user()
    co = make_actor(owner=coowner_org_owner)
    db.session.add(ProjectCoOwner(project=people["project"], actor=co, state="accepted"))
    db.session.commit()
    entry = submitted(call, people)
    with pytest.raises(DomainError) as error:
        submissions.decide(entry, "shortlisted", "short", people["moderator"])
    assert error.value.field == "reason"
    with pytest.raises(DomainError):
        submissions.decide(entry, "withdrawn", "A good reason here.", people["moderator"])
    for who in ("owner", "other_owner", "bystander"):
        with pytest.raises(DomainError):
            submissions.decide(entry, "selected", "A good reason here.", people[who])
    count = submissions.decide(entry, "shortlisted", "Fits the question well.", people["moderator"])
    db.session.commit()
    assert count == 2 and entry.state == "shortlisted" and entry.reason == "Fits the question well."
    notified = db.session.scalars(
        sa.select(Notification).where(Notification.kind == "call_shortlisted")
    ).all()
    assert {n.user_id for n in notified} == {people["owner"].id, coowner_org_owner.id}  # owners, not members
    with app.test_request_context():
        notice = describe(notified[0], people["owner"])
    assert notice.text == f"“Shared cargo bikes” was shortlisted in the call “{call.question}”."
    assert notice.url == f"/calls/{call.slug}"
    # Saying the same again notifies nobody; selecting does.
    assert submissions.decide(entry, "shortlisted", "Still fits the question.", people["moderator"]) == 0
    assert submissions.decide(entry, "selected", "Selected for the pilot.", people["moderator"]) == 2


def test_the_opening_organisations_owner_stewards_its_call(db, people):
    call = make_call(people["other_owner"], actor=people["other"], question="Kiez question?")
    services.approve_call(call, people["moderator"])
    entry = submitted(call, people)
    assert submissions.decide(entry, "selected", "Exactly what we asked for.", people["other_owner"]) == 1
    with pytest.raises(DomainError):
        submissions.decide(entry, "selected", "Exactly what we asked for.", people["other_member"])


def test_submittable_projects_leave_out_drafts_others_and_submitted_ones(db, people, call):
    draft = make_project(people["home"], people["owner"], visibility="draft")
    mine = make_project(people["home"], people["owner"], title="Another one")
    make_project(people["other"], people["other_owner"])
    submitted(call, people)
    titles = [p.title for p in submissions.submittable_projects(call, people["member"])]
    assert titles == [mine.title] and draft.title not in titles


def test_deleting_a_project_removes_its_submissions(db, people, call):
    submitted(call, people)
    db.session.delete(people["project"])
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CallSubmission)) == 0


def test_the_projects_owners_hear_of_a_support(app, db, people, call):
    entry = submitted(call, people)
    submissions.support(entry, people["other"], people["other_member"])
    db.session.commit()
    notices = db.session.scalars(sa.select(Notification).where(Notification.kind == "call_supported")).all()
    assert [n.user_id for n in notices] == [people["owner"].id]
    with app.test_request_context():
        text = describe(notices[0], people["owner"]).text
    assert text == f"Kiezladen eG supports “Shared cargo bikes” in the call “{call.question}”."
