"""The map's viewport: the public points inside a box at a zoom level. Where the box holds few enough points
they come one by one; otherwise SQL counts them in a grid of cells about CELL_PIXELS wide on screen, so that a
browser never loads a million organisations and the database never sends them."""

import math
from dataclasses import astuple, dataclass

import sqlalchemy as sa
from flask import current_app

from innovex.actors.services import DirectoryFilters
from innovex.api.geojson import PRECISION, cached_body, collection_text, dumps, point_features, point_query
from innovex.extensions import db
from innovex.models import Actor

CELL_PIXELS = 80  # a cluster stands for the points of a square about this wide on screen
TILE_PIXELS = 256  # the width of the world at zoom 0 (Web Mercator tiles)
MAX_ZOOM = 18  # as the map's tiles go
# At the deepest zoom a cluster could not be split by zooming in: points come one by one up to this many, and
# the browser fans out those at one place.
DEEPEST_POINTS = 5000


@dataclass(frozen=True)
class Viewport:
    """A box in degrees (west, south, east, north) at a zoom level, snapped outwards to whole cells, so that
    the maps of visitors who look at nearly the same area get the same answer (and the same cached body)."""

    west: float
    south: float
    east: float
    north: float
    zoom: int

    @property
    def cell(self) -> float:
        """A cell's side in degrees at this zoom."""
        return 360 * CELL_PIXELS / (TILE_PIXELS * 2**self.zoom)

    @classmethod
    def snapped(cls, west: float, south: float, east: float, north: float, zoom: int) -> "Viewport":
        cell = 360 * CELL_PIXELS / (TILE_PIXELS * 2**zoom)

        def down(value, low):
            return max(low, math.floor(value / cell) * cell)

        def up(value, high):
            return min(high, math.ceil(value / cell) * cell)

        return cls(down(west, -180), down(south, -90), up(east, 180), up(north, 90), zoom)


def parse_viewport(bbox: str, zoom: int) -> Viewport:
    """`west,south,east,north` in degrees as Leaflet's `toBBoxString` writes it, already checked against
    BBOX_PATTERN (VIEWPORT_PARAMS). A map panned over the date line or the poles sends degrees beyond them:
    they are cut; corners in the other order still name the same box."""
    west, south, east, north = (float(part) for part in bbox.split(","))
    west, east = sorted((max(-180.0, min(180.0, west)), max(-180.0, min(180.0, east))))
    south, north = sorted((max(-90.0, min(90.0, south)), max(-90.0, min(90.0, north))))
    return Viewport.snapped(west, south, east, north, zoom)


def viewport_collection(filters: DirectoryFilters, viewport: Viewport) -> str:
    """The box's points one by one when there are at most MAP_VIEWPORT_POINTS, otherwise clusters (with the
    single points among them as points): `clustered` and `total` (all points in the box) say which it is."""
    limit = int(current_app.config["MAP_VIEWPORT_POINTS"])
    if viewport.zoom >= MAX_ZOOM:
        limit = max(limit, DEEPEST_POINTS)
    inside = point_query(filters).where(
        Actor.lat.between(viewport.south, viewport.north), Actor.lon.between(viewport.west, viewport.east)
    )
    connection = db.session.connection()
    # How many, up to one more than the limit, from the index alone: the rows are read only when few.
    probe = inside.with_only_columns(Actor.id).limit(limit + 1).subquery()
    if connection.scalar(sa.select(sa.func.count()).select_from(probe)) <= limit:
        rows = connection.execute(inside.order_by(Actor.id)).all()
        return collection_text(point_features(rows), total=len(rows), clustered=False)
    cells = connection.execute(_cells(inside, viewport.cell)).all()
    single_ids = [first_id for count, *_rest, first_id in cells if count == 1]
    singles = connection.execute(inside.where(Actor.id.in_(single_ids)).order_by(Actor.id)).all()
    features = [_cluster_feature(*cell[:7]) for cell in cells if cell[0] > 1] + point_features(singles)
    return collection_text(features, total=sum(cell[0] for cell in cells), clustered=True)


def _cells(inside: sa.Select, cell: float) -> sa.Select:
    """One row per grid cell with points: how many, their mean point, their bounds, and the first id."""
    points = inside.with_only_columns(Actor.id, Actor.lat, Actor.lon).subquery()
    column_x = sa.func.floor((points.c.lon + 180) / cell)
    row_y = sa.func.floor((points.c.lat + 90) / cell)
    return sa.select(
        sa.func.count(),
        sa.func.avg(points.c.lat),
        sa.func.avg(points.c.lon),
        sa.func.min(points.c.lon),
        sa.func.min(points.c.lat),
        sa.func.max(points.c.lon),
        sa.func.max(points.c.lat),
        sa.func.min(points.c.id),
    ).group_by(column_x, row_y)


def _cluster_feature(count, lat, lon, west, south, east, north) -> str:
    def r(value):
        return round(float(value), PRECISION)

    return dumps(
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [r(lon), r(lat)]},
            "properties": {"cluster": True, "count": count, "bbox": [r(west), r(south), r(east), r(north)]},
        }
    )


def cached_viewport_body(filters: DirectoryFilters, viewport: Viewport):
    """viewport_collection, per process while the directory's data version stays (as the whole map's body)."""
    return cached_body(
        ("viewport", astuple(filters), astuple(viewport)), lambda: viewport_collection(filters, viewport)
    )


def extent(filters: DirectoryFilters) -> tuple[float, float, float, float] | None:
    """The bounds (west, south, east, north) of all public points matching the filters, for the map's first
    view; None when there is none."""
    points = point_query(filters).with_only_columns(Actor.lat, Actor.lon).subquery()
    row = db.session.execute(
        sa.select(
            sa.func.min(points.c.lon),
            sa.func.min(points.c.lat),
            sa.func.max(points.c.lon),
            sa.func.max(points.c.lat),
        )
    ).one()
    return None if row[0] is None else tuple(round(float(value), PRECISION) for value in row)


def point(slug: str) -> tuple[float, float] | None:
    """The public point (lat, lon) of one organisation, for a map centred on it; None when it has none."""
    query = point_query(DirectoryFilters()).where(Actor.slug == slug).with_only_columns(Actor.lat, Actor.lon)
    row = db.session.execute(query).first()
    return None if row is None else (float(row[0]), float(row[1]))
