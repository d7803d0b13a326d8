"""iCal output parsed back with icalendar, as a calendar client would: times across DST, UID, status, text."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

from innovex.events import services
from innovex.extensions import db
from tests.events.event_factories import event_input, make_event, soon
from tests.factories import login_as

BERLIN = ZoneInfo("Europe/Berlin")


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    return icalendar.Calendar.from_ical(response.get_data())


def only_event(client, event):
    calendar = parse(client.get(f"/events/{event.id}.ics"))
    (item,) = calendar.walk("VEVENT")
    return calendar, item


def test_ten_oclock_in_berlin_before_and_after_the_clocks_change(client, people):
    march = make_event(people["owner"], actor=people["home"], starts=datetime(2027, 3, 10, 10))  # CET
    april = make_event(people["owner"], actor=people["home"], starts=datetime(2027, 4, 7, 10))  # CEST
    november = make_event(people["owner"], actor=people["home"], starts=datetime(2027, 11, 10, 10))  # CET
    for event, utc_hour in ((march, 9), (april, 8), (november, 9)):
        calendar, item = only_event(client, event)
        start, end = item.decoded("dtstart"), item.decoded("dtend")
        assert item["dtstart"].params["TZID"] == "Europe/Berlin"
        assert (start.hour, start.tzinfo.key) == (10, "Europe/Berlin")
        assert start.astimezone(UTC).hour == utc_hour
        assert end - start == timedelta(hours=2)
        assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    raw = client.get(f"/events/{april.id}.ics").get_data(as_text=True)
    assert "DTSTART;TZID=Europe/Berlin:20270407T100000" in raw


def test_a_utc_event_is_written_in_utc(client, people):
    event = make_event(people["moderator"], starts=datetime(2027, 11, 10, 10), timezone="UTC")
    raw = client.get(f"/events/{event.id}.ics").get_data(as_text=True)
    assert "DTSTART:20271110T100000Z" in raw
    _calendar, item = only_event(client, event)
    assert item.decoded("dtstart") == datetime(2027, 11, 10, 10, tzinfo=UTC)


def test_uid_url_location_and_escaped_text(client, people):
    event = make_event(
        people["owner"],
        actor=people["home"],
        title="Treffen; Lastenrad, Werkstatt\\Hof",
        description="Erste Zeile\n\nZweite, mit *Markdown*; und mehr",
        address="Hofweg 3",
        city="Leipzig",
    )
    _calendar, item = only_event(client, event)
    assert str(item["summary"]) == "Treffen; Lastenrad, Werkstatt\\Hof"
    assert str(item["location"]) == "Hofweg 3, Leipzig"
    assert "Zweite, mit Markdown; und mehr" in str(item["description"])
    assert str(item["url"]) == f"http://localhost/events/{event.id}"
    assert str(item["status"]) == "CONFIRMED"
    uid = str(item["uid"])
    raw = client.get(f"/events/{event.id}.ics").get_data(as_text=True)
    assert "SUMMARY:Treffen\\; Lastenrad\\, Werkstatt\\\\Hof" in raw
    services.edit_event(event, event_input("Umbenannt", starts=soon(9)), people["owner"])
    db.session.commit()
    _calendar, item = only_event(client, event)
    assert str(item["uid"]) == uid and str(item["summary"]) == "Umbenannt"


def test_an_online_event_gives_its_link(client, people):
    event = make_event(people["moderator"], city="", online_url="https://meet.example.org/innovex")
    _calendar, item = only_event(client, event)
    assert str(item["location"]) == "https://meet.example.org/innovex"
    assert "https://meet.example.org/innovex" in str(item["description"])


def test_the_feed_has_upcoming_and_recent_events_and_marks_cancelled_ones(client, people):
    upcoming = make_event(people["owner"], actor=people["home"], title="Demnächst", starts=soon(3))
    recent = make_event(people["moderator"], title="Letzte Woche", starts=soon(-7))
    make_event(people["moderator"], title="Lange her", starts=soon(-45))
    cancelled = make_event(people["moderator"], title="Abgesagt", starts=soon(5))
    services.cancel_event(cancelled)
    db.session.commit()
    calendar = parse(client.get("/events/feed.ics"))
    items = {str(item["summary"]): item for item in calendar.walk("VEVENT")}
    assert list(items) == ["Letzte Woche", "Demnächst", "Abgesagt"]
    assert str(items["Abgesagt"]["status"]) == "CANCELLED"
    assert str(items["Demnächst"]["status"]) == "CONFIRMED"
    assert len({str(item["uid"]) for item in items.values()}) == 3
    assert items["Demnächst"].decoded("dtstart") == upcoming.starts_local
    assert items["Letzte Woche"].decoded("dtstart").astimezone(BERLIN) == recent.starts_local
    assert str(calendar["version"]) == "2.0" and calendar["prodid"]


def test_the_feed_leaves_out_hidden_organisations(client, people):
    make_event(people["owner"], actor=people["home"], title="Versteckt")
    people["home"].status = "hidden"
    db.session.commit()
    assert not parse(client.get("/events/feed.ics")).walk("VEVENT")
    login_as(client, people["moderator"])
    assert parse(client.get("/events/feed.ics")).walk("VEVENT")


def test_the_time_zone_definition_covers_events_after_2038(client, people):
    event = make_event(people["owner"], actor=people["home"], starts=datetime(2045, 7, 1, 10))
    calendar, item = only_event(client, event)
    (zone,) = calendar.walk("VTIMEZONE")
    offsets = {str(part["TZNAME"]): part["TZOFFSETTO"].td for part in zone.walk() if "TZNAME" in part}
    assert offsets == {"CET": timedelta(hours=1), "CEST": timedelta(hours=2)}
    assert "2045" in zone.to_ical().decode()  # the transitions of the event's year are written out
    assert item.decoded("dtstart").astimezone(UTC).hour == 8
