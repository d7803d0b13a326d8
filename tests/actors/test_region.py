"""An organisation's state (Bundesland, Land, Kanton): saved from the form with its key, public like the
city on the profile's location facts, and traced in the profile's history."""

import sqlalchemy as sa

from innovex.extensions import db
from innovex.models import Actor
from innovex.visibility import visible_profile
from tests.factories import login_as, make_actor, make_user

EN = {"Accept-Language": "en"}


def test_the_form_saves_the_state_and_the_profile_shows_it(client):
    owner = make_user()
    login_as(client, owner)
    data = {"name": "Sonnenstrom Leipzig eG", "kind": "cooperative", "postcode": "04229", "city": "Leipzig",
            "region": "  Freistaat  Sachsen ", "country": "DE"}  # fmt: skip
    assert 'name="region"' in client.get("/organisations/new", headers=EN).get_data(as_text=True)
    response = client.post("/organisations/new", data=data, headers=EN)
    assert response.status_code == 302
    actor = db.session.scalar(sa.select(Actor))
    assert (actor.region, actor.region_key) == ("Freistaat Sachsen", "sachsen")
    page = client.get(f"/organisations/{actor.slug}", headers=EN).get_data(as_text=True)
    assert '04229 Leipzig, <span class="region">Freistaat Sachsen</span> (DE)' in page
    edit = client.get(f"/organisations/{actor.slug}/edit", headers=EN).get_data(as_text=True)
    assert 'value="Freistaat Sachsen"' in edit
    response = client.post(
        f"/organisations/{actor.slug}/edit", data={**data, "region": "Thüringen"}, headers=EN
    )
    assert response.status_code == 302
    db.session.refresh(actor)
    assert actor.region_key == "thuringen"
    history = client.get(f"/organisations/{actor.slug}/history", headers=EN).get_data(as_text=True)
    assert "State / region" in history and "Thüringen" in history


def test_the_state_is_public_like_the_city_even_with_a_private_location(db):
    actor = make_actor("Stille eG", city="Graz", country="AT", region="Steiermark",
                       visibility={"location": "private"})  # fmt: skip
    profile = visible_profile(actor, None)
    assert profile["region"] == "Steiermark" and profile["city"] == "Graz"
    assert "address" not in profile
