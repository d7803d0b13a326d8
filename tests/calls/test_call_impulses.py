"""Call impulses become calls: text, deadline, sectors, author and dates carried over; idempotent."""

from datetime import timedelta

import sqlalchemy as sa

from innovex.calls.impulses import convert_impulses
from innovex.models import Call, Impulse, Sector
from innovex.models.base import utcnow
from innovex.moderation import impulses
from innovex.moderation.impulses import ImpulseInput
from tests.factories import login_as


def _publish(db, people, **fields):
    impulse, _ = impulses.publish_impulse(people["moderator"], ImpulseInput(**fields))
    db.session.commit()
    return impulse


def test_call_impulses_become_calls_and_announcements_stay(db, people):
    sector = db.session.scalar(sa.select(Sector).order_by(Sector.slug))
    open_one = _publish(
        db,
        people,
        title="Partners for solar roofs",
        body="We look for **installers**.",
        kind="call",
        deadline=utcnow().date() + timedelta(days=9),
        projects=[people["project"].slug],
        sectors=[sector.slug],
    )
    past = _publish(db, people, title="An old call", kind="call")
    past.deadline = utcnow().date() - timedelta(days=3)
    withdrawn = _publish(db, people, title="A withdrawn call", kind="call")
    impulses.withdraw_impulse(withdrawn)
    _publish(db, people, title="Just news", kind="announcement")
    db.session.commit()

    converted = convert_impulses()
    db.session.commit()
    by_impulse = {item.impulse.id: item.call for item in converted}
    assert set(by_impulse) == {open_one.id, past.id, withdrawn.id}
    call = by_impulse[open_one.id]
    assert call.question == "Partners for solar roofs" and call.context == "We look for **installers**."
    assert call.deadline == open_one.deadline and call.sectors == [sector] and call.state == "open"
    assert call.created_by == people["moderator"] and call.created_at == open_one.created_at
    assert call.impulse == open_one and call.actor is None
    assert by_impulse[past.id].state == "closed"
    assert by_impulse[withdrawn.id].state == "draft"  # only moderators see it, as they saw the impulse
    # The impulses stay as they were, links to projects included.
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Impulse)) == 4
    assert open_one.projects == [people["project"]] and open_one.kind == "call"
    assert convert_impulses() == []  # a second run finds nothing to do


def test_the_call_page_links_the_impulse(client, db, people):
    impulse = _publish(db, people, title="Partners wanted", kind="call")
    convert_impulses()
    db.session.commit()
    call = db.session.scalar(sa.select(Call))
    page = client.get(f"/calls/{call.slug}").get_data(as_text=True)
    assert f'href="/moderation/impulses/{impulse.id}"' in page
    impulses.withdraw_impulse(impulse)
    call.state = "open"
    db.session.commit()
    link = f"/moderation/impulses/{impulse.id}"
    assert link not in client.get(f"/calls/{call.slug}").get_data(as_text=True)
    login_as(client, people["moderator"])
    assert link in client.get(f"/calls/{call.slug}").get_data(as_text=True)


def test_the_cli_converts_and_a_dry_run_changes_nothing(app, db, people, runner):
    _publish(db, people, title="Partners wanted", kind="call")
    result = runner.invoke(args=["calls", "import-impulses", "--dry-run"])
    assert result.exit_code == 0 and "1 impulses would be converted" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Call)) == 0
    result = runner.invoke(args=["calls", "import-impulses"])
    assert result.exit_code == 0 and "-> call partners-wanted (open)" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Call)) == 1
    result = runner.invoke(args=["calls", "import-impulses"])
    assert "0 impulses converted" in result.output
