"""The directory on indexes: sorted by the stored sort name, filtered by the search engine's ids for the
public, and for visitors its total counted once per change of the directory."""

import sqlalchemy as sa

from innovex.extensions import db
from innovex.models import Actor
from tests.factories import counted_statements, login_as, make_actor, make_offering, make_user
from tests.search.search_helpers import drain


def test_the_directory_sorts_as_readers_do_on_the_stored_sort_name(app, client):
    for name in ("Zukunft eG", "Ökodorf eG", "Pilz eG", "Nordlicht eG"):
        make_actor(name)
    db.session.commit()
    names = db.session.scalars(sa.select(Actor.name).order_by(Actor.sort_name, Actor.id)).all()
    assert names == ["Nordlicht eG", "Ökodorf eG", "Pilz eG", "Zukunft eG"]  # Ö among the O, not after Z
    page = client.get("/organisations/").get_data(as_text=True)
    positions = [page.index(name) for name in names]
    assert positions == sorted(positions)

    renamed = db.session.scalar(sa.select(Actor).where(Actor.name == "Zukunft eG"))
    renamed.name = "Oase eG"  # the sort name follows the name, however it is set
    db.session.commit()
    assert renamed.sort_name == "oase eg"


def test_the_sort_is_served_by_an_index(app):
    query = "SELECT id FROM actors ORDER BY sort_name, id LIMIT 20"
    if db.engine.dialect.name == "sqlite":
        plan = " ".join(str(row[-1]) for row in db.session.execute(sa.text(f"EXPLAIN QUERY PLAN {query}")))
        assert "ix_actors_sort_name" in plan and "TEMP B-TREE" not in plan
    else:  # an empty table: tell the planner that scanning is not the cheap way, then read its plan
        db.session.execute(sa.text("SET LOCAL enable_seqscan = off"))
        plan = " ".join(row[0] for row in db.session.execute(sa.text(f"EXPLAIN {query}")))
        assert "ix_actors_sort_name" in plan and " Sort " not in f" {plan} "


def test_an_anonymous_text_filter_is_the_engines_answer_without_a_table_scan(app, client):
    actor = make_actor("Rad und Tat eG", owner=make_user())
    make_offering(actor, title="Lastenradverleih für Quartiere")
    make_actor("Bäckerei Kollektiv eG")
    db.session.commit()
    drain()
    client.get("/organisations/?q=Lastenrad")  # warm-up
    with counted_statements() as seen:
        page = client.get("/organisations/?q=Lastenrad").get_data(as_text=True)
    assert "Rad und Tat eG" in page and "Bäckerei Kollektiv eG" not in page
    on_actors = [s for s in seen if "FROM actors" in s]
    assert on_actors and not any("LIKE" in s.upper() for s in on_actors)
    assert len([s for s in on_actors if "LIMIT" in s]) == 1


def test_members_still_find_what_only_they_may_see(app, client):
    owner, member = make_user(), make_user()
    unlisted = make_actor("Verborgene Werkstatt eG", owner=owner, status="hidden")
    kept = make_actor("Stille Werkstatt eG", owner=make_user())
    make_offering(kept, title="Werkzeugverleih im Quartier")
    kept.visibility = {"offerings": "network"}
    db.session.commit()
    drain()

    assert "Stille Werkstatt eG" not in client.get("/organisations/?q=Werkzeugverleih").get_data(as_text=True)
    login_as(client, member)
    assert "Stille Werkstatt eG" in client.get("/organisations/?q=Werkzeugverleih").get_data(as_text=True)
    assert "Verborgene Werkstatt eG" not in client.get("/organisations/?q=Verborgene").get_data(as_text=True)
    login_as(client, owner)
    assert unlisted.name in client.get("/organisations/?q=Verborgene").get_data(as_text=True)


def test_visitors_share_the_directory_total_until_the_directory_changes(app, client):
    for n in range(3):
        make_actor(f"Zähler {n} eG")
    db.session.commit()
    client.get("/organisations/?kind=cooperative")
    with counted_statements() as seen:
        page = client.get("/organisations/?kind=cooperative").get_data(as_text=True)
    assert "3 organisations found" in page
    assert not [s for s in seen if "count(" in s.lower()]  # the total came from the cache

    make_actor("Zähler 3 eG")
    db.session.commit()
    changed = client.get("/organisations/?kind=cooperative").get_data(as_text=True)
    assert "4 organisations found" in changed
    other_list = client.get("/organisations/?kind=association").get_data(as_text=True)
    assert "0 organisations found" in other_list  # the filters tell the lists apart


def test_members_count_their_own_list(app, client):
    owner = make_user()
    make_actor("Sichtbar eG")
    make_actor("Verborgen eG", owner=owner, status="hidden")
    db.session.commit()
    assert "1 organisation found" in client.get("/organisations/").get_data(as_text=True)
    login_as(client, owner)
    assert "2 organisations found" in client.get("/organisations/").get_data(as_text=True)
