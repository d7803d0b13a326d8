"""Calls: opening and proposing, approval, phases, visibility (predicate and SQL twin), closing."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from innovex.calls import access, services
from innovex.calls.services import CallInput, Phase
from innovex.domain import DomainError
from innovex.models import Call, CallPhase, Notification, Sector
from innovex.notifications.render import describe
from tests.calls.call_factories import make_call, today
from tests.factories import make_user


def test_a_moderator_opens_a_call_at_once(db, people):
    sector = db.session.scalar(sa.select(Sector).order_by(Sector.slug))
    call = make_call(
        people["moderator"],
        context="We need **vans**. <script>alert(1)</script>",
        offers="Pilot users",
        region="Leipzig",
        sectors=[sector.slug],
    )
    assert call.state == "open" and call.opened_at is not None and call.approved_by == people["moderator"]
    assert call.actor is None and call.slug == "how-do-we-share-delivery-vans"
    assert [p.name for p in call.phases] == ["Ideas", "Selection"] and call.sectors == [sector]
    assert access.is_steward(people["moderator"], call) and not access.is_steward(people["owner"], call)


def test_an_owner_proposes_and_only_proposers_and_moderators_see_it_until_approved(db, people):
    call = make_call(people["owner"], actor=people["home"])
    assert call.state == "draft"
    for who in ("owner", "moderator"):
        assert access.can_view_call(people[who], call)
    for who in ("member", "other_owner", "bystander"):  # a plain member of the proposing org is no steward
        assert not access.can_view_call(people[who], call)
    assert not access.can_view_call(None, call)
    assert access.is_steward(people["owner"], call) and not access.is_steward(people["member"], call)
    with pytest.raises(DomainError):
        services.approve_call(call, people["owner"])
    services.approve_call(call, people["moderator"])
    db.session.commit()
    assert call.state == "open" and access.can_view_call(None, call)
    assert access.is_steward(people["owner"], call)  # the opening organisation's owners steward it


def test_proposing_needs_an_organisation_one_owns(db, people):
    with pytest.raises(DomainError) as error:
        services.create_call(people["bystander"], CallInput(question="Q?"))
    assert error.value.field == "actor"
    with pytest.raises(DomainError) as error:
        services.create_call(people["member"], CallInput(question="Q?"), actor=people["home"])
    assert error.value.field == "actor"


def test_visible_calls_filter_agrees_with_can_view_call(db, people):
    make_call(people["moderator"], question="Open one")
    make_call(people["owner"], actor=people["home"], question="Proposed one")
    closed = make_call(people["moderator"], question="Closed one")
    services.close_call(closed)
    db.session.commit()
    calls = db.session.scalars(sa.select(Call)).all()
    for viewer in (None, *people.values()):
        if not hasattr(viewer, "is_authenticated") and viewer is not None:
            continue
        listed = set(db.session.scalars(sa.select(Call.id).where(access.visible_calls_filter(viewer))))
        assert listed == {c.id for c in calls if access.can_view_call(viewer, c)}, viewer


def test_list_puts_open_calls_before_closed_ones(db, people):
    first_closed = make_call(people["moderator"], question="Closed early")
    services.close_call(first_closed)
    make_call(people["moderator"], question="Open later", deadline=today() + timedelta(days=50))
    make_call(people["moderator"], question="Open sooner", deadline=today() + timedelta(days=5))
    db.session.commit()
    questions = [c.question for c in db.session.scalars(services.listed_calls(None))]
    assert questions == ["Open sooner", "Open later", "Closed early"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Ideas 2027-01-01", "start date"),
        ("2027-02-30 Ideas", "does not exist"),
        ("2027-03-01 – 2027-02-01 Ideas", "ends before it starts"),
        ("2027-03-01 Ideas\n2027-02-01 Feedback", "in order"),
    ],
)
def test_bad_phases_are_refused_next_to_the_field(db, people, text, message):
    with pytest.raises(DomainError) as error:
        phases = services.parse_phases(text)
        services.create_call(people["moderator"], CallInput(question="Q?", phases=phases))
    assert error.value.field == "phases" and message in error.value.message
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CallPhase)) == 0


def test_phases_parse_and_format_round_trip():
    text = "2027-01-10 – 2027-02-28 Ideas\n\n2027-03-01 Selection"
    phases = services.parse_phases(text)
    assert phases == [
        Phase("Ideas", date(2027, 1, 10), date(2027, 2, 28)),
        Phase("Selection", date(2027, 3, 1)),
    ]
    assert services.parse_phases(services.format_phases(phases)) == phases


def test_current_phase(db, people):
    call = make_call(people["moderator"])
    assert services.current_phase(call).name == "Ideas"
    assert services.current_phase(call, today() + timedelta(days=20)).name == "Selection"
    assert services.current_phase(call, today() - timedelta(days=30)) is None


def test_editing_replaces_phases_and_a_closed_call_cannot_change(db, people):
    call = make_call(people["moderator"])
    services.edit_call(
        call, CallInput(question="New question", phases=[Phase("Only", today())]), people["moderator"]
    )
    db.session.commit()
    assert call.question == "New question" and [p.name for p in call.phases] == ["Only"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CallPhase)) == 1
    services.close_call(call)
    with pytest.raises(DomainError):
        services.edit_call(call, CallInput(question="Again"), people["moderator"])
    with pytest.raises(DomainError):
        services.close_call(call)


def test_deadline_in_the_past_is_refused(db, people):
    with pytest.raises(DomainError) as error:
        make_call(people["moderator"], deadline=today() - timedelta(days=1))
    assert error.value.field == "deadline"


def test_a_suspended_moderator_is_no_steward(db, people):
    call = make_call(people["owner"], actor=people["home"])
    suspended = make_user(role="moderator", suspended_until=services.utcnow() + timedelta(days=1))
    assert not access.can_view_call(suspended, call)


def test_approval_tells_the_proposers(app, db, people):
    call = make_call(people["owner"], actor=people["home"])
    services.approve_call(call, people["moderator"])
    db.session.commit()
    notices = db.session.scalars(sa.select(Notification).where(Notification.kind == "call_approved")).all()
    assert [n.user_id for n in notices] == [people["owner"].id]
    with app.test_request_context():
        notice = describe(notices[0], people["owner"])
    assert notice.text == f"Mona Moderator approved your call “{call.question}”; it is open now."
    assert notice.url == f"/calls/{call.slug}"
