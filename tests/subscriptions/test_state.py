"""Subscribing to a state (Bundesland, Land, Kanton): it fits the organisations whose profile names that
state in any spelling, combines with the other criteria like the country, and never shows what the
subscriber may not see; the form saves it and refuses bad input next to the field."""

import pytest
import sqlalchemy as sa

from innovex.models import Sector, Subscription
from innovex.models.base import utcnow
from innovex.normalise import region_key
from innovex.subscriptions.matching import matches
from innovex.subscriptions.services import known_states
from tests.calls.call_factories import make_call
from tests.factories import login_as, make_actor, make_offering, make_user
from tests.project_factories import make_project
from tests.solutions.solution_factories import make_solution
from tests.subscriptions.helpers import make_subscription


@pytest.fixture
def people(db):
    reader = make_user(display_name="Sara Sachsen")
    author = make_user()
    leipzig = make_actor("Sonnenstrom eG", owner=author, city="Leipzig", region="Sachsen")
    munich = make_actor("Isarstrom eG", owner=author, city="München", region="Bayern")
    innsbruck = make_actor("Bergstrom eG", owner=author, city="Innsbruck", country="AT", region="Tirol")
    nowhere = make_actor("Ohne Land eG", owner=author, city="Leipzig")
    return {
        "reader": reader, "author": author, "leipzig": leipzig, "munich": munich, "innsbruck": innsbruck,
        "nowhere": nowhere,
    }  # fmt: skip


def found(subscription):
    return [(m.kind, m.item.id) for m in matches(subscription, subscription.created_at, utcnow())]


@pytest.mark.parametrize(
    "spelling, key",
    [
        ("Sachsen", "sachsen"),
        ("  SACHSEN ", "sachsen"),
        ("Freistaat Sachsen", "sachsen"),
        ("DE-SN", "sachsen"),
        ("Thüringen", "thuringen"),
        ("Thueringen", "thuringen"),
        ("Kanton Zürich", "zurich"),
        ("Baden-Württemberg", "baden wurttemberg"),
        ("", None),
        ("!!", None),
    ],
)
def test_region_key(spelling, key):
    assert region_key(spelling) == key


def test_the_key_fits_its_column_even_when_letters_grow():
    assert len(region_key("ß" * 120)) == 120


def test_the_model_keeps_the_key_in_step(db, people):
    actor = people["leipzig"]
    assert actor.region_key == "sachsen"
    actor.region = "  Freistaat   Thüringen "
    assert actor.region == "Freistaat Thüringen" and actor.region_key == "thuringen"
    actor.region = ""
    assert actor.region is None and actor.region_key is None


def test_a_state_fits_only_its_organisations_in_any_case(db, people):
    subscription = make_subscription(people["reader"], state="sachsen", kinds=["project", "offer"])
    assert subscription.state == "sachsen" and subscription.state_key == "sachsen"
    saxon = make_project(people["leipzig"], people["author"])
    make_project(people["munich"], people["author"])
    make_project(people["innsbruck"], people["author"])
    make_project(people["nowhere"], people["author"])  # no state: does not fit a state filter
    offer = make_offering(people["leipzig"])
    make_offering(people["munich"])
    assert sorted(found(subscription)) == [("offer", offer.id), ("project", saxon.id)]


def test_every_kind_follows_the_state(db, people):
    subscription = make_subscription(people["reader"], state="TIROL", kinds=["call", "need", "solution"])
    tyrol = make_project(people["innsbruck"], people["author"], stage="completed")
    bavaria = make_project(people["munich"], people["author"], stage="completed")
    calls = [make_call(people["author"], actor=people[where], question=f"Wer in {where}?") for where in
             ("innsbruck", "munich")]  # fmt: skip
    for call in calls:  # approved by the moderators
        call.state, call.opened_at = "open", utcnow()
    db.session.commit()
    network_call = make_call(make_user(role="moderator"))  # the whole network's: fits every region
    need = make_offering(people["innsbruck"], kind="need")
    make_offering(people["munich"], kind="need")
    solution = make_solution(tyrol, people["author"])
    make_solution(bavaria, people["author"])
    assert sorted(found(subscription)) == sorted(
        [("call", calls[0].id), ("call", network_call.id), ("need", need.id), ("solution", solution.id)]
    )


def test_a_state_combines_with_sector_and_country(db, people):
    energy, housing = db.session.scalars(sa.select(Sector).order_by(Sector.slug).limit(2)).all()
    subscription = make_subscription(people["reader"], state="Sachsen", sectors=[energy.slug])
    fits = make_project(people["leipzig"], people["author"])
    fits.sectors = [energy]
    other_sector = make_project(people["leipzig"], people["author"])
    other_sector.sectors = [housing]
    other_state = make_project(people["munich"], people["author"])
    other_state.sectors = [energy]
    db.session.commit()
    assert found(subscription) == [("project", fits.id)]
    subscription.country = "AT"  # Sachsen is not in Austria: both must fit
    assert found(subscription) == []


def test_a_state_respects_visibility(db, people):
    subscription = make_subscription(people["reader"], state="Sachsen", kinds=["project", "offer"])
    make_project(people["leipzig"], people["author"], visibility="draft")
    network = make_project(people["leipzig"], people["author"], visibility="network")
    people["leipzig"].visibility = {"offerings": "private"}
    db.session.commit()
    make_offering(people["leipzig"])
    hidden = make_actor("Versteckt eG", owner=people["author"], region="Sachsen", status="hidden")
    make_project(hidden, people["author"])
    assert found(subscription) == [("project", network.id)]
    people["reader"].suspended_until = utcnow().replace(year=utcnow().year + 1)
    db.session.commit()
    assert found(subscription) == []


def test_the_form_suggests_the_directorys_states_and_the_laender(db, people):
    make_actor("Noch eine eG", region="sachsen")
    states = known_states()
    assert "Sachsen" in states and "sachsen" not in states  # one spelling per state, the most used
    assert {"Bayern", "Tirol", "Zürich", "Thüringen"} <= set(states)


@pytest.fixture
def member(client, db):
    user = make_user(locale="de")
    login_as(client, user)
    return user


def test_the_form_saves_shows_and_edits_the_state(client, db, member, people):
    page = client.get("/notifications/subscriptions/new").get_data(as_text=True)
    assert 'list="known-states"' in page and '<option value="Tirol">' in page
    response = client.post(
        "/notifications/subscriptions/new",
        data={"name": "Energie in Sachsen", "kinds": "project", "state": " Sachsen ", "frequency": "weekly"},
    )
    assert response.status_code == 302
    (subscription,) = db.session.scalars(sa.select(Subscription))
    assert subscription.state == "Sachsen" and subscription.state_key == "sachsen"
    listing = client.get("/notifications/subscriptions/").get_data(as_text=True)
    assert "Bundesland: Sachsen" in listing
    edit = client.get(f"/notifications/subscriptions/{subscription.id}/edit").get_data(as_text=True)
    assert 'value="Sachsen"' in edit
    response = client.post(
        f"/notifications/subscriptions/{subscription.id}/edit",
        data={"kinds": "project", "state": "", "frequency": "weekly"},
    )
    assert response.status_code == 302
    db.session.refresh(subscription)
    assert subscription.state is None and subscription.state_key is None


@pytest.mark.parametrize(
    "state, message",
    [("Sach\x01sen", "Steuerzeichen"), ("S" * 121, "120"), ("!?", "Bundesland")],
)
def test_a_bad_state_is_a_422_next_to_the_field(client, db, member, state, message):
    response = client.post(
        "/notifications/subscriptions/new", data={"kinds": "project", "state": state, "frequency": "daily"}
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="state-error"' in page and message in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Subscription)) == 0
