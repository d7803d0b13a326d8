"""The index serves every visitor: offerings an organisation keeps to the network never become searchable."""

from innovex.extensions import db
from innovex.search import actor_ids as search_actor_ids
from tests.factories import make_actor, make_offering, make_user
from tests.search.search_helpers import drain


def test_offerings_kept_to_the_network_are_not_indexed(app):
    open_actor = make_actor("Offene Werkstatt eG", owner=make_user())
    make_offering(open_actor, title="Lastenradreparatur")
    closed_actor = make_actor("Verschwiegene Werkstatt eG", owner=make_user())
    make_offering(closed_actor, title="Lastenradreparatur")
    closed_actor.visibility = {"offerings": "network"}
    db.session.commit()
    drain()

    found = search_actor_ids("Lastenradreparatur", None)
    assert open_actor.id in found
    assert closed_actor.id not in found

    closed_actor.visibility = {"offerings": "public"}  # made public later: indexed on the next drain
    db.session.commit()
    drain()
    assert closed_actor.id in search_actor_ids("Lastenradreparatur", None)


def test_directory_text_filter_uses_the_index(app, client):
    actor = make_actor("Rad und Tat eG", owner=make_user())
    make_offering(actor, title="Lastenradverleih für Quartiere")
    make_actor("Bäckerei Kollektiv eG", owner=make_user())
    drain()
    page = client.get("/organisations/?q=Lastenrad").get_data(as_text=True)
    assert "Rad und Tat eG" in page  # a compound found by its first part: the LIKE filter could not stem
    assert "Bäckerei Kollektiv eG" not in page
    assert "Rad und Tat eG" in client.get("/organisations/?q=lastenräder").get_data(as_text=True)
