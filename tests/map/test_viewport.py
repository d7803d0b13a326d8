"""The map's viewport answer: public points in a box, one by one where few, clusters counted in SQL
where many; bad boxes are the client's 400; the same filters as the whole map."""

import pytest
import sqlalchemy as sa

from innovex.api.viewport import Viewport, parse_viewport
from tests.factories import make_actor

URL = "/api/v1/actors/viewport.geojson"
GERMANY = "5.5,47,15.5,55.5"


def features(response) -> tuple[list[dict], list[dict]]:
    data = response.get_json()
    points = [f for f in data["features"] if not f["properties"].get("cluster")]
    clusters = [f for f in data["features"] if f["properties"].get("cluster")]
    return points, clusters


def test_few_points_come_one_by_one_and_only_public_ones_inside_the_box(client, db):
    make_actor("Leipzig eG", lat=51.34, lon=12.37)
    make_actor("Berlin eG", kind="research", lat=52.52, lon=13.40)
    make_actor("Paris SCOP", lat=48.86, lon=2.35)  # outside the box
    make_actor("Privat eG", lat=51.0, lon=10.0, visibility={"location": "network"})
    make_actor("Versteckt eG", lat=51.0, lon=10.0, status="hidden")
    response = client.get(URL, query_string={"bbox": GERMANY, "zoom": 6})
    assert response.status_code == 200 and response.mimetype == "application/geo+json"
    points, clusters = features(response)
    assert sorted(p["properties"]["name"] for p in points) == ["Berlin eG", "Leipzig eG"]
    assert clusters == [] and response.get_json()["clustered"] is False and response.get_json()["total"] == 2
    assert response.get_json()["license"]
    filtered = client.get(URL, query_string={"bbox": GERMANY, "zoom": 6, "kind": "research"})
    assert [p["properties"]["name"] for p in features(filtered)[0]] == ["Berlin eG"]


def test_many_points_come_as_clusters_that_count_them_all(app, client, db):
    app.config["MAP_VIEWPORT_POINTS"] = 3
    for i in range(5):  # five in Leipzig, within one cell at zoom 6
        make_actor(f"Leipzig {i}", lat=51.30 + i / 100, lon=12.30 + i / 100)
    make_actor("Freiburg eG", lat=47.99, lon=7.85)  # alone in its cell
    data = client.get(URL, query_string={"bbox": GERMANY, "zoom": 6}).get_json()
    assert data["clustered"] is True and data["total"] == 6
    points = [f for f in data["features"] if not f["properties"].get("cluster")]
    clusters = [f for f in data["features"] if f["properties"].get("cluster")]
    assert [p["properties"]["name"] for p in points] == ["Freiburg eG"]  # a single point stays a point
    assert [c["properties"]["count"] for c in clusters] == [5]
    west, south, east, north = clusters[0]["properties"]["bbox"]
    assert (west, south, east, north) == (12.3, 51.3, 12.34, 51.34)
    lon, lat = clusters[0]["geometry"]["coordinates"]
    assert west <= lon <= east and south <= lat <= north
    zoomed = client.get(URL, query_string={"bbox": "12.2,51.2,12.5,51.5", "zoom": 12}).get_json()
    assert zoomed["clustered"] is True  # still more than three, now in smaller cells
    assert sum(f["properties"].get("count", 1) for f in zoomed["features"]) == 5


def test_the_box_is_snapped_to_cells_so_nearby_views_share_an_answer(client, db):
    make_actor("Leipzig eG", lat=51.34, lon=12.37)
    first = client.get(URL, query_string={"bbox": "5.51,47.01,15.49,55.49", "zoom": 6})
    second = client.get(URL, query_string={"bbox": "5.52,47.02,15.48,55.48", "zoom": 6})
    assert first.headers["ETag"] == second.headers["ETag"]
    again = client.get(
        URL,
        query_string={"bbox": "5.51,47.01,15.49,55.49", "zoom": 6},
        headers={"If-None-Match": first.headers["ETag"]},
    )
    assert again.status_code == 304
    snapped = parse_viewport("5.51,47.01,15.49,55.49", 6)
    cell = Viewport.snapped(0, 0, 1, 1, 6).cell
    assert (
        snapped.west <= 5.51
        and snapped.east >= 15.49
        and round(snapped.west / cell, 9) == int(snapped.west / cell)
    )


def test_a_new_organisation_shows_in_the_next_answer(client, db):
    make_actor("Leipzig eG", lat=51.34, lon=12.37)
    query = {"bbox": GERMANY, "zoom": 6}
    assert client.get(URL, query_string=query).get_json()["total"] == 1
    make_actor("Dresden eG", lat=51.05, lon=13.74)
    assert client.get(URL, query_string=query).get_json()["total"] == 2


@pytest.mark.parametrize(
    "bbox", ["170,-30,200,0", "200,0,170,-30", "170,-95,180,0", "178.4,-18.1,178.4,-18.1"]
)
def test_the_date_line_the_poles_and_corners_in_any_order_are_taken_not_refused(client, db, bbox):
    make_actor("Fidschi Koop", lat=-18.1, lon=178.4)
    make_actor("Samoa Koop", lat=-13.8, lon=-171.8)  # over the date line: not in the box
    data = client.get(URL, query_string={"bbox": bbox, "zoom": 4}).get_json()
    assert [f["properties"]["name"] for f in data["features"]] == ["Fidschi Koop"]


@pytest.mark.parametrize(
    "query",
    [
        {"zoom": 6},
        {"bbox": GERMANY},
        {"bbox": "", "zoom": 6},
        {"bbox": "a,b,c,d", "zoom": 6},
        {"bbox": "1,2,3", "zoom": 6},
        {"bbox": "1,2,3,4,5", "zoom": 6},
        {"bbox": "1e3,2,3,4", "zoom": 6},
        {"bbox": "5,47,15,55\x00", "zoom": 6},
        {"bbox": GERMANY, "zoom": 19},
        {"bbox": GERMANY, "zoom": -1},
        {"bbox": GERMANY, "zoom": "six"},
        {"bbox": GERMANY, "zoom": 6, "kind": "spaceship"},
    ],
)
def test_a_box_that_makes_no_sense_is_a_400_with_a_message(client, db, query):
    response = client.get(URL, query_string=query)
    assert response.status_code == 400 and response.is_json and response.get_json()["message"]


def test_at_the_deepest_zoom_points_come_one_by_one_even_at_one_place(app, client, db):
    """A cluster at zoom 18 could not be split by zooming in: the browser fans out points at one place."""
    app.config["MAP_VIEWPORT_POINTS"] = 1
    for name in ("Hof A", "Hof B", "Hof C"):
        make_actor(name, lat=51.3127, lon=9.4797)
    box = {"bbox": "9.479,51.312,9.481,51.313"}
    assert client.get(URL, query_string={**box, "zoom": 17}).get_json()["clustered"] is True
    deepest = client.get(URL, query_string={**box, "zoom": 18}).get_json()
    assert deepest["clustered"] is False and len(deepest["features"]) == 3


def test_clusters_are_counted_from_the_public_points_index_not_the_table(app, db):
    """At a million organisations the table is too wide to scan for every view: the cells come from the
    partial index of the public points (on PostgreSQL from it alone, an index-only scan)."""
    from innovex.actors.services import DirectoryFilters
    from innovex.api.geojson import point_query
    from innovex.api.viewport import _cells
    from innovex.models import Actor

    viewport = Viewport.snapped(5.5, 47, 15.5, 55.5, 6)
    inside = point_query(DirectoryFilters()).where(
        Actor.lat.between(viewport.south, viewport.north), Actor.lon.between(viewport.west, viewport.east)
    )
    query = str(_cells(inside, viewport.cell).compile(db.engine, compile_kwargs={"literal_binds": True}))
    if db.engine.dialect.name == "sqlite":
        plan = " ".join(str(row[-1]) for row in db.session.execute(sa.text(f"EXPLAIN QUERY PLAN {query}")))
        assert "INDEX ix_actors_public_points" in plan, plan  # SQLite still reads the rows it found
    else:  # an empty table: tell the planner that scanning is not the cheap way, then read its plan
        db.session.execute(sa.text("SET LOCAL enable_seqscan = off"))
        plan = " ".join(row[0] for row in db.session.execute(sa.text(f"EXPLAIN {query}")))
        assert "Index Only Scan using ix_actors_public_points" in plan, plan
