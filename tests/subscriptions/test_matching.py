"""Which new items fit a subscription: by kind, sector, tag, country and circle, only in the window, and only
what the subscriber may see."""

from datetime import timedelta

import pytest

from innovex.models import Sector
from innovex.models.base import utcnow
from innovex.subscriptions.matching import matches
from tests.calls.call_factories import make_call
from tests.factories import make_actor, make_offering, make_user
from tests.project_factories import make_project
from tests.solutions.solution_factories import make_solution
from tests.subscriptions.helpers import make_subscription


@pytest.fixture
def people(db):
    reader = make_user(display_name="Lea Leserin")
    author = make_user()
    leipzig = make_actor("Rad eG", owner=author, city="Leipzig", lat=51.34, lon=12.37)
    paris = make_actor("Vélo SCOP", owner=author, city="Paris", country="FR", lat=48.86, lon=2.35)
    return {"reader": reader, "author": author, "leipzig": leipzig, "paris": paris}


def found(subscription):
    return [(m.kind, m.item.id) for m in matches(subscription, subscription.created_at, utcnow())]


def test_a_new_public_project_fits_a_project_subscription(people):
    subscription = make_subscription(people["reader"])
    project = make_project(people["leipzig"], people["author"])
    assert found(subscription) == [("project", project.id)]


def test_only_items_of_the_window(db, people):
    subscription = make_subscription(people["reader"])
    old = make_project(people["leipzig"], people["author"])
    old.published_at = utcnow() - timedelta(hours=2)
    db.session.commit()
    assert found(subscription) == []


def test_a_draft_published_later_is_new_when_it_is_published(db, people):
    project = make_project(people["leipzig"], people["author"], visibility="draft")
    project.created_at = utcnow() - timedelta(days=3)
    db.session.commit()
    subscription = make_subscription(people["reader"])
    assert found(subscription) == []
    project.visibility = "public"
    db.session.commit()
    assert found(subscription) == [("project", project.id)]


def test_sector_filter(db, people):
    energy, housing = db.session.query(Sector).order_by(Sector.slug).limit(2).all()
    subscription = make_subscription(people["reader"], sectors=[energy.slug])
    fits = make_project(people["leipzig"], people["author"])
    fits.sectors = [energy]
    other = make_project(people["leipzig"], people["author"])
    other.sectors = [housing]
    make_project(people["leipzig"], people["author"])  # no sector: does not fit a sector filter
    db.session.commit()
    assert found(subscription) == [("project", fits.id)]


def test_tag_filter_in_any_capitalisation(people):
    subscription = make_subscription(people["reader"], tags=["lastenrad"], kinds=["project", "offer"])
    project = make_project(people["leipzig"], people["author"], tags=["Lastenrad"])
    make_project(people["leipzig"], people["author"], tags=["Energie"])
    offer = make_offering(people["leipzig"], tags=["LASTENRAD"])
    make_offering(people["leipzig"], tags=["Wohnen"])
    assert sorted(found(subscription)) == [("offer", offer.id), ("project", project.id)]


def test_country_filter(people):
    subscription = make_subscription(people["reader"], country="FR")
    make_project(people["leipzig"], people["author"])
    french = make_project(people["paris"], people["author"])
    assert found(subscription) == [("project", french.id)]


def test_circle_filter(people):
    # 50 km around Halle: Leipzig (about 32 km) is inside, Paris is not.
    subscription = make_subscription(people["reader"], lat=51.48, lon=11.97, radius_km=50)
    near = make_project(people["leipzig"], people["author"])
    make_project(people["paris"], people["author"])
    assert found(subscription) == [("project", near.id)]
    subscription.radius_km = 20
    assert found(subscription) == []


def test_a_circle_ignores_organisations_whose_location_is_hidden(db, people):
    people["leipzig"].visibility = {"location": "private"}
    db.session.commit()
    subscription = make_subscription(people["reader"], lat=51.34, lon=12.37, radius_km=10)
    make_project(people["leipzig"], people["author"])
    assert found(subscription) == []


def test_kinds(db, people):
    moderator = make_user(role="moderator")
    subscription = make_subscription(people["reader"], kinds=["call", "need", "solution"])
    project = make_project(people["leipzig"], people["author"], stage="completed")
    call = make_call(moderator)
    make_offering(people["leipzig"], kind="offer")
    need = make_offering(people["leipzig"], kind="need")
    solution = make_solution(project, people["author"])
    assert found(subscription) == [("call", call.id), ("need", need.id), ("solution", solution.id)]


def test_visibility_drafts_network_items_and_hidden_ones(db, people):
    subscription = make_subscription(people["reader"])
    make_project(people["leipzig"], people["author"], visibility="draft")
    network = make_project(people["leipzig"], people["author"], visibility="network")
    hidden = make_project(people["leipzig"], people["author"])
    hidden.hidden_at = utcnow()
    db.session.commit()
    assert found(subscription) == [("project", network.id)]
    # A suspended member is no member for now: network items are not theirs to see.
    people["reader"].suspended_until = utcnow() + timedelta(days=1)
    db.session.commit()
    assert found(subscription) == []


def test_not_even_the_authors_hear_of_their_own_draft(people):
    subscription = make_subscription(people["author"])
    make_project(people["leipzig"], people["author"], visibility="draft")
    assert found(subscription) == []


def test_hidden_offerings_and_calls_awaiting_approval_are_not_reported(db, people):
    people["paris"].visibility = {"offerings": "private"}
    db.session.commit()
    subscription = make_subscription(people["reader"], kinds=["offer", "call"])
    make_offering(people["paris"])
    make_call(people["author"], actor=people["leipzig"])  # proposed by an owner: awaits approval
    assert found(subscription) == []
