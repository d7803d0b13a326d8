"""Publishing, editing and cancelling events: times in their zone, validation, who may, the lists."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from babel.dates import format_time

from innovex import permissions
from innovex.actors.services import delete_actor
from innovex.domain import DomainError
from innovex.events import services
from innovex.events.times import format_in_zone
from innovex.extensions import db
from innovex.models import Event
from innovex.models.base import utcnow
from tests.events.event_factories import event_input, make_event, soon


def test_an_owner_publishes_an_event_stored_in_utc(people):
    starts, ends = datetime(2027, 3, 10, 10), datetime(2027, 3, 10, 12)
    event = make_event(people["owner"], actor=people["home"], starts=starts, ends=ends)
    assert (event.starts_at, event.ends_at) == (datetime(2027, 3, 10, 9), datetime(2027, 3, 10, 11))
    assert event.timezone == "Europe/Berlin"
    assert event.starts_local.strftime("%H:%M %Z") == "10:00 CET"
    assert event.created_by == people["owner"] and event.actor == people["home"]


def test_summer_time_is_taken_from_the_zone(people):
    event = make_event(
        people["editor"], actor=people["home"], starts=datetime(2027, 7, 1, 10), timezone="Europe/Berlin"
    )
    assert event.starts_at == datetime(2027, 7, 1, 8)
    assert event.starts_local.strftime("%H:%M %Z") == "10:00 CEST"
    lisbon = make_event(people["moderator"], starts=datetime(2027, 7, 1, 10), timezone="Europe/Lisbon")
    assert lisbon.starts_at == datetime(2027, 7, 1, 9)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"ends": datetime(2027, 3, 10, 9)}, "ends"),
        ({"ends": datetime(2027, 3, 10, 10)}, "ends"),
        ({"ends": datetime(2027, 5, 10, 10)}, "ends"),
        ({"timezone": "Mars/Olympus_Mons"}, "timezone"),
        ({"timezone": "../../etc/passwd"}, "timezone"),
        ({"timezone": ""}, "timezone"),
        ({"starts": datetime(1, 1, 1), "ends": datetime(1, 1, 2)}, "starts"),
        ({"ends": datetime(9999, 12, 31, 23)}, "ends"),
        ({"city": "", "address": "", "online_url": ""}, "city"),
        ({"sectors": ["no-such-sector"]}, "sectors"),
        ({"online_url": "javascript:alert(1)"}, "online_url"),
        ({"online_url": "https://"}, "online_url"),
        ({"online_url": "https://meet.example.org/a b"}, "online_url"),
    ],
)
def test_bad_input_is_refused_next_to_its_field_and_writes_nothing(people, changes, field):
    fields = {"starts": datetime(2027, 3, 10, 10), **changes}
    with pytest.raises(DomainError) as error:
        services.create_event(people["owner"], event_input(**fields), actor=people["home"])
    assert error.value.field == field
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(Event.id))) == 0


def test_only_owners_and_editors_publish_for_an_organisation(people):
    for user in (people["member"], people["other_owner"], people["bystander"]):
        with pytest.raises(DomainError) as error:
            services.create_event(user, event_input(), actor=people["home"])
        assert error.value.field == "actor"
    assert permissions.can_create_event(people["editor"])
    assert not permissions.can_create_event(people["member"])


def test_only_moderators_publish_without_an_organisation(people):
    with pytest.raises(DomainError):
        services.create_event(people["owner"], event_input(), actor=None)
    event = make_event(people["moderator"])
    assert event.actor is None


def test_who_may_edit(people):
    event = make_event(people["owner"], actor=people["home"])
    assert permissions.can_edit_event(people["owner"], event)
    assert permissions.can_edit_event(people["editor"], event)
    assert permissions.can_edit_event(people["moderator"], event)
    for user in (people["member"], people["other_owner"], people["bystander"], None):
        assert not permissions.can_edit_event(user, event)


def test_edit_keeps_the_uid_and_a_cancelled_event_is_final(people):
    event = make_event(people["owner"], actor=people["home"])
    uid = event.uid
    services.edit_event(event, event_input("Neuer Titel", timezone="Europe/Vienna"), people["editor"])
    assert (event.title, event.timezone, event.uid) == ("Neuer Titel", "Europe/Vienna", uid)
    services.cancel_event(event)
    assert event.cancelled and not permissions.can_edit_event(people["moderator"], event)
    with pytest.raises(DomainError):
        services.cancel_event(event)
    with pytest.raises(DomainError):
        services.edit_event(event, event_input("Again"), people["owner"])


def test_upcoming_soonest_first_and_past_newest_first(people):
    later = make_event(people["owner"], actor=people["home"], title="Later", starts=soon(20))
    sooner = make_event(people["owner"], actor=people["home"], title="Sooner", starts=soon(2))
    started = utcnow() - timedelta(hours=1)
    running = make_event(people["moderator"], title="Running", starts=started, ends=soon(1), timezone="UTC")
    old = make_event(people["moderator"], title="Old", starts=soon(-40))
    recent = make_event(people["moderator"], title="Recent", starts=soon(-3))
    upcoming = db.session.scalars(services.upcoming_events(None)).all()
    assert upcoming == [running, sooner, later]
    assert db.session.scalars(services.past_events(None)).all() == [recent, old]
    assert db.session.scalars(services.feed_events(None)).all() == [recent, running, sooner, later]


def test_a_hidden_organisation_hides_its_events_in_lists_and_pages_alike(people):
    shown = make_event(people["owner"], actor=people["home"])
    hidden_actor = people["other"]
    hidden = make_event(people["other_owner"], actor=hidden_actor)
    network = make_event(people["moderator"])
    hidden_actor.status = "hidden"
    db.session.commit()
    for user in (None, people["bystander"], people["other_owner"], people["moderator"]):
        listed = set(db.session.scalars(services.upcoming_events(user)))
        for event in (shown, hidden, network):
            assert (event in listed) == permissions.can_view_event(user, event), (user, event)
    assert hidden not in set(db.session.scalars(services.upcoming_events(people["bystander"])))
    assert hidden in set(db.session.scalars(services.upcoming_events(people["moderator"])))


@pytest.mark.parametrize(
    ("zone", "month", "language", "expected"),
    [
        ("Europe/Berlin", 1, "de", "10.01.2027, 10:00 MEZ"),
        ("Europe/Berlin", 7, "de", "10.07.2027, 10:00 MESZ"),
        ("Europe/Berlin", 1, "en", "Jan 10, 2027, 10:00\u202fAM CET"),
        ("Europe/Berlin", 7, "en", "Jul 10, 2027, 10:00\u202fAM CEST"),
        ("America/New_York", 7, "de", "10.07.2027, 10:00 EDT"),
    ],
)
def test_times_are_shown_in_the_events_zone_with_its_abbreviation(app, zone, month, language, expected):
    local = datetime(2027, month, 10, 10, tzinfo=ZoneInfo(zone))
    with app.test_request_context(headers={"Accept-Language": language}):
        shown = format_in_zone(local)
    # Babel's spacing before AM varies by CLDR version; compare with the one this Babel writes.
    assert shown == expected.replace("10:00\u202fAM", format_time(local, "short", locale="en"))


def test_deleting_an_organisation_deletes_its_events_and_leaves_the_networks(people):
    own = make_event(people["owner"], actor=people["home"], sectors=["mobility"])
    network = make_event(people["moderator"])
    own_id = own.id
    delete_actor(people["home"])
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Event, own_id) is None and db.session.get(Event, network.id) is not None
