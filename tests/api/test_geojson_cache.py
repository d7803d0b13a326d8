"""The map's GeoJSON: cached per filter, rebuilt as soon as an organisation or offering changes, and always
the same organisations as the directory with the same filters (minus those without a public point)."""

import gzip

import sqlalchemy as sa

from innovex.actors.services import DirectoryFilters
from innovex.api.filters import actor_query
from innovex.models import Actor, CollaborationForm, Sector
from tests.factories import make_actor, make_offering, make_user


def names(client, query: str = "") -> set[str]:
    response = client.get(f"/api/v1/actors.geojson{query}")
    assert response.status_code == 200
    return {feature["properties"]["name"] for feature in response.get_json()["features"]}


def test_a_sector_change_shows_at_once(client, db):
    """Adding a sector changes no actor row (only the link table), so only the data generation notices."""
    sector = db.session.scalars(sa.select(Sector)).first()
    actor = make_actor("Neu im Sektor", lat=52.5, lon=13.4)
    assert names(client, f"?sector={sector.slug}") == set()
    actor.sectors.append(sector)
    db.session.commit()
    assert names(client, f"?sector={sector.slug}") == {"Neu im Sektor"}
    actor.sectors.remove(sector)
    db.session.commit()
    assert names(client, f"?sector={sector.slug}") == set()


def test_a_new_offer_tag_shows_at_once(client, db):
    actor = make_actor("Anbieterin", lat=52.5, lon=13.4)
    assert names(client, "?tag=lastenrad") == set()
    make_offering(actor, tags=["lastenrad"])
    assert names(client, "?tag=lastenrad") == {"Anbieterin"}


def test_unchanged_data_is_served_from_the_cache(client, db):
    make_actor("Vorher", lat=52.5, lon=13.4)
    assert names(client) == {"Vorher"}
    # Behind the ORM's back (no event, same row count and change time): the cached text is still served ...
    db.session.execute(sa.text("UPDATE actors SET name = 'Nachher'"))
    db.session.commit()
    assert names(client) == {"Vorher"}
    # ... until an organisation changes through the ORM.
    make_actor("Dazu", lat=50.0, lon=8.0)
    assert names(client) == {"Nachher", "Dazu"}


def test_a_rolled_back_change_keeps_the_cache(client, db, app):
    make_actor("Bleibt", lat=52.5, lon=13.4)
    names(client)
    entries = dict(app.extensions["innovex.map_cache"])
    db.session.add(Actor(name="Verworfen", name_key="verworfen", slug="verworfen", kind="cooperative"))
    db.session.flush()
    db.session.rollback()
    make_user()  # a later commit that touches no organisation
    names(client)
    assert app.extensions["innovex.map_cache"] == entries


def test_map_and_directory_agree_on_every_filter(client, db):
    """The GeoJSON has the directory's organisations for each filter, minus those without a public point."""
    sectors = db.session.scalars(sa.select(Sector).limit(2)).all()
    collaboration = db.session.scalars(sa.select(CollaborationForm)).first()
    owner = make_user()
    a = make_actor("A", kind="research", legal_form="eg", lat=1.0, lon=1.0, city="Kassel", owner=owner)
    a.sectors = [sectors[0]]
    a.collaboration = [collaboration]
    b = make_actor("B", kind="cooperative", lat=2.0, lon=2.0, country="AT", city="Wien")
    b.sectors = [sectors[1]]
    c = make_actor("C", kind="research", lat=3.0, lon=3.0, visibility={"location": "network"})
    c.sectors = [sectors[0]]
    d = make_actor("D", kind="research", visibility={"offerings": "network"}, lat=4.0, lon=4.0)
    make_actor("E", kind="research")  # no point
    make_actor("F", kind="research", lat=5.0, lon=5.0, status="hidden")
    db.session.commit()
    make_offering(a, tags=["holz"])
    make_offering(d, tags=["holz"])
    make_offering(b, kind="need", tags=["holz"])
    on_map = {"A", "B", "D"}
    cases = {
        "": DirectoryFilters(),
        "?kind=research": DirectoryFilters(kind="research"),
        "?legal_form=eg": DirectoryFilters(legal_form="eg"),
        f"?sector={sectors[0].slug}": DirectoryFilters(sector=sectors[0].slug),
        f"?collaboration={collaboration.slug}": DirectoryFilters(collaboration=collaboration.slug),
        "?country=AT": DirectoryFilters(country="AT"),
        "?city=kassel": DirectoryFilters(city="kassel"),
        "?tag=Holz": DirectoryFilters(tag="Holz"),
        f"?kind=research&sector={sectors[0].slug}": DirectoryFilters(kind="research", sector=sectors[0].slug),
    }
    for query, filters in cases.items():
        listed = {actor.name for actor in db.session.scalars(actor_query(filters, None))}
        assert names(client, query) == listed & on_map, query
    assert names(client, "?tag=holz") == {"A"}  # D hides its offers, B only needs wood


def test_clients_that_accept_gzip_get_it_compressed(client, db):
    make_actor("Komprimiert", lat=52.5, lon=13.4)
    plain = client.get("/api/v1/actors.geojson")
    packed = client.get("/api/v1/actors.geojson", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert plain.headers.get("Content-Encoding") is None
    assert packed.headers["Content-Encoding"] == "gzip" and packed.mimetype == "application/geo+json"
    assert gzip.decompress(packed.data) == plain.data
    assert "Accept-Encoding" in plain.headers["Vary"] and "Accept-Encoding" in packed.headers["Vary"]
    assert packed.headers["ETag"] != plain.headers["ETag"]
    again = client.get(
        "/api/v1/actors.geojson", headers={"Accept-Encoding": "gzip", "If-None-Match": packed.headers["ETag"]}
    )
    assert again.status_code == 304
    refused = client.get("/api/v1/actors.geojson", headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert refused.headers.get("Content-Encoding") is None and refused.data == plain.data
