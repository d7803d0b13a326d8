"""The event pages through the test client: who sees, who publishes, who edits, and bad input."""

import re
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from innovex.extensions import db
from innovex.models import Event
from tests.calls.call_factories import make_call
from tests.events.event_factories import make_event, soon
from tests.factories import login_as, make_actor


def form_data(**changes) -> dict:
    data = {
        "title": "Netzwerktreffen Leipzig",
        "description": "Wir treffen uns **im Hof**.",
        "starts": "2027-03-10T10:00",
        "ends": "2027-03-10T12:30",
        "timezone": "Europe/Berlin",
        "city": "Leipzig",
        "address": "Karl-Liebknecht-Str. 1",
        "online_url": "",
        "call": "",
    }
    return {**data, **changes}


def count() -> int:
    return db.session.scalar(sa.select(sa.func.count(Event.id)))


def test_anonymous_visitors_see_the_list_the_page_and_the_calendars(client, people):
    event = make_event(people["owner"], actor=people["home"], title="Werkstatt Lastenrad", starts=soon(3))
    old = make_event(people["moderator"], title="Rückblick 2026", starts=soon(-10))
    page = client.get("/events/").get_data(as_text=True)
    assert "Werkstatt Lastenrad" in page and "Rückblick 2026" not in page
    assert 'href="/events/past"' in page
    archive = client.get("/events/past").get_data(as_text=True)
    assert "Rückblick 2026" in archive and "Werkstatt Lastenrad" not in archive
    detail = client.get(f"/events/{event.id}")
    assert detail.status_code == 200 and "Lastenrad eG" in detail.get_data(as_text=True)
    assert "Edit" not in detail.get_data(as_text=True)
    assert client.get(f"/events/{old.id}").status_code == 200
    ics = client.get(f"/events/{event.id}.ics")
    assert ics.status_code == 200 and ics.mimetype == "text/calendar"
    assert client.get("/events/feed.ics").mimetype == "text/calendar"
    assert client.get("/events/99999").status_code == 404
    assert client.get("/events/99999.ics").status_code == 404


def test_the_times_show_in_the_events_zone_with_its_abbreviation(client, people):
    winter = make_event(people["owner"], actor=people["home"], starts=datetime(2027, 11, 10, 10))
    summer = make_event(people["owner"], actor=people["home"], starts=datetime(2027, 7, 1, 10))
    winter_page = client.get(f"/events/{winter.id}").get_data(as_text=True)
    assert re.search(r"Nov 10, 2027, 10:00\WAM CET", winter_page)
    summer_page = client.get(f"/events/{summer.id}").get_data(as_text=True)
    assert re.search(r"Jul 1, 2027, 10:00\WAM CEST", summer_page)


def test_the_list_is_paginated(app, client, people):
    app.config["PAGE_SIZE"] = 2
    for n in range(3):
        make_event(people["moderator"], title=f"Treffen {n}", starts=soon(n + 1))
    first = client.get("/events/").get_data(as_text=True)
    assert "Treffen 0" in first and "Treffen 2" not in first and "Page 1 of 2" in first
    assert "Treffen 2" in client.get("/events/?page=2").get_data(as_text=True)


def test_an_owner_publishes_an_event(client, people):
    login_as(client, people["owner"])
    assert client.get("/events/new").status_code == 200
    response = client.post("/events/new", data=form_data(actor=str(people["home"].id)))
    assert response.status_code == 303
    event = db.session.scalar(sa.select(Event))
    assert response.headers["Location"].endswith(f"/events/{event.id}")
    assert event.actor == people["home"] and event.starts_at == datetime(2027, 3, 10, 9)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends": "2027-03-10T09:00"}, "The event must end after it starts."),
        (
            {"online_url": "javascript:alert(1)"},
            "Please enter a web address starting with http:// or https://.",
        ),
        (
            {"online_url": "ftp://example.org/x"},
            "Please enter a web address starting with http:// or https://.",
        ),
        ({"timezone": "Europe/Atlantis"}, "Please enter a time zone such as Europe/Berlin"),
        ({"starts": "9" * 400}, "Not a valid datetime value."),
        ({"starts": "99999-01-01T10:00"}, "Not a valid datetime value."),
        ({"starts": "0001-01-01T00:00", "ends": "0001-01-01T02:00"}, "Please enter a date between 2000 and"),
        ({"city": "", "address": ""}, "Please enter a place or an online link."),
        ({"title": ""}, "This field is required."),
        ({"actor": "99999"}, "Not a valid choice."),
        ({"call": "no-such-call"}, "Not a valid choice."),
    ],
)
def test_bad_input_shows_an_error_next_to_the_field_and_writes_nothing(client, people, changes, message):
    login_as(client, people["owner"])
    response = client.post("/events/new", data=form_data(**{"actor": str(people["home"].id), **changes}))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'class="field-error"' in page and message.split("“")[0] in page.replace("&#34;", '"')
    assert count() == 0


def test_members_without_an_editing_role_cannot_publish(client, people):
    for user in (people["member"], people["bystander"]):
        login_as(client, user)
        assert client.get("/events/new").status_code == 403
        assert client.post("/events/new", data=form_data()).status_code == 403
    login_as(client, people["owner"])
    response = client.post("/events/new", data=form_data(actor=""))
    assert response.status_code == 422 and count() == 0  # only moderators publish for the network
    assert client.get("/events/new").status_code == 200
    login_as(client, None)
    assert client.get("/events/new").status_code in (302, 401)


def test_another_organisation_cannot_edit_or_cancel(client, people):
    event = make_event(people["owner"], actor=people["home"], title="Original")
    for user in (people["other_owner"], people["member"], people["bystander"]):
        login_as(client, user)
        assert client.get(f"/events/{event.id}/edit").status_code == 403
        assert client.post(f"/events/{event.id}/edit", data=form_data(title="Taken")).status_code == 403
        assert client.post(f"/events/{event.id}/cancel").status_code == 403
    db.session.refresh(event)
    assert event.title == "Original" and not event.cancelled


def test_editors_and_moderators_edit_and_cancel(client, people):
    event = make_event(people["owner"], actor=people["home"], title="Original")
    login_as(client, people["editor"])
    page = client.get(f"/events/{event.id}/edit").get_data(as_text=True)
    assert 'value="Original"' in page and 'name="actor"' not in page
    assert client.post(f"/events/{event.id}/edit", data=form_data(title="Neu")).status_code == 303
    login_as(client, people["moderator"])
    assert client.post(f"/events/{event.id}/edit", data=form_data(ends="2027-03-09T10:00")).status_code == 422
    db.session.refresh(event)
    assert event.title == "Neu" and event.ends_at == datetime(2027, 3, 10, 11, 30)
    assert client.post(f"/events/{event.id}/cancel").status_code == 303
    db.session.refresh(event)
    assert event.cancelled
    assert "This event has been cancelled." in client.get(f"/events/{event.id}").get_data(as_text=True)
    assert client.post(f"/events/{event.id}/edit", data=form_data()).status_code == 403


def test_a_moderator_publishes_for_the_network_linked_to_a_call(client, people):
    call = make_call(people["moderator"])
    login_as(client, people["moderator"])
    page = client.get(f"/events/new?call={call.slug}").get_data(as_text=True)
    assert f'<option selected value="{call.slug}">' in page
    response = client.post("/events/new", data=form_data(actor="", call=call.slug, title="Pitch-Tag"))
    assert response.status_code == 303
    event = db.session.scalar(sa.select(Event))
    assert event.actor is None and event.call == call
    assert call.question in client.get(f"/events/{event.id}").get_data(as_text=True)


def test_a_hidden_organisations_event_is_not_found(client, people):
    event = make_event(people["owner"], actor=people["home"])
    people["home"].status = "hidden"
    db.session.commit()
    assert client.get(f"/events/{event.id}").status_code == 404
    assert client.get(f"/events/{event.id}.ics").status_code == 404
    login_as(client, people["member"])
    assert client.get(f"/events/{event.id}").status_code == 200


def test_create_links_on_the_profile_the_call_page_and_in_the_navigation(client, people):
    call = make_call(people["moderator"])
    profile = f"/organisations/{people['home'].slug}"
    assert "/events/" in client.get("/").get_data(as_text=True)
    assert f"/events/new?actor={people['home'].slug}" not in client.get(profile).get_data(as_text=True)
    login_as(client, people["editor"])
    assert f"/events/new?actor={people['home'].slug}" in client.get(profile).get_data(as_text=True)
    assert f"/events/new?call={call.slug}" not in client.get(f"/calls/{call.slug}").get_data(as_text=True)
    login_as(client, people["member"])
    assert f"/events/new?actor={people['home'].slug}" not in client.get(profile).get_data(as_text=True)
    login_as(client, people["moderator"])
    assert f"/events/new?call={call.slug}" in client.get(f"/calls/{call.slug}").get_data(as_text=True)


def test_the_list_is_german_by_default(app, client, people):
    app.config["BABEL_DEFAULT_LOCALE"] = "de"
    make_event(people["owner"], actor=people["home"], starts=soon(5) + timedelta(hours=1))
    page = client.get("/events/").get_data(as_text=True)
    assert "Veranstaltungen" in page and "Archiv vergangener Veranstaltungen" in page


def test_the_profile_and_the_call_page_list_their_upcoming_events(client, people):
    call = make_call(people["moderator"])
    own = make_event(people["owner"], actor=people["home"], title="Hoffest")
    make_event(people["owner"], actor=people["home"], title="Vorbei", starts=soon(-5))
    make_event(people["other_owner"], actor=people["other"], title="Anderswo")
    pitch = make_event(people["moderator"], title="Pitch-Tag", call=call)
    profile = client.get(f"/organisations/{people['home'].slug}").get_data(as_text=True)
    assert f"/events/{own.id}" in profile and "Vorbei" not in profile and "Anderswo" not in profile
    call_page = client.get(f"/calls/{call.slug}").get_data(as_text=True)
    assert f"/events/{pitch.id}" in call_page and "Hoffest" not in call_page
    bystanders = make_actor("Ohne Termine eG")
    assert "Upcoming events" not in client.get(f"/organisations/{bystanders.slug}").get_data(as_text=True)


def test_huge_numbers_in_the_address_give_404_and_pages_stay_in_bounds(client, people):
    make_event(people["moderator"])
    assert client.get("/events/" + "9" * 40).status_code == 404
    assert client.get("/events/" + "9" * 40 + ".ics").status_code == 404
    assert client.get("/events/?page=" + "9" * 40).status_code == 200
    assert client.get("/events/past?page=-3").status_code == 200
