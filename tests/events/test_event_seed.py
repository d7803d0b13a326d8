"""The demo seed has two upcoming events and one past one, shown on the pages."""

import sqlalchemy as sa

from innovex.events import services
from innovex.extensions import db
from innovex.models import User
from innovex.seed_data import EVENTS


def test_the_demo_has_two_upcoming_events_and_one_past(runner, client):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "3 events" in result.output
    upcoming = db.session.scalars(services.upcoming_events(None)).all()
    past = db.session.scalars(services.past_events(None)).all()
    assert (len(upcoming), len(past)) == (2, 1)
    member = db.session.scalar(sa.select(User).where(User.email == "mitglied@demo.innovex.coop"))
    workshop = upcoming[0]
    assert workshop.title == EVENTS[0]["title"] and workshop.actor.role_of(member) == "owner"
    assert workshop.starts_local.hour == EVENTS[0]["hour"] and workshop.sectors
    assert upcoming[1].actor is None and upcoming[1].online_url
    page = client.get("/events/").get_data(as_text=True)
    assert all(event.title in page for event in upcoming)
    assert past[0].title in client.get("/events/past").get_data(as_text=True)
