"""Organisations as GeoJSON: a compact collection for the map, and the full public one for the exports."""

import gzip
import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import astuple
from json.encoder import encode_basestring
from urllib.parse import quote

import sqlalchemy as sa
from flask import Response, current_app, request, url_for
from sqlalchemy.orm import selectinload

from innovex import cache, licences, visibility
from innovex.actors.services import DirectoryFilters
from innovex.api.filters import actor_query
from innovex.api.serializers import license_info, plain_dict
from innovex.datacoop.freshness import stale_clause
from innovex.extensions import db
from innovex.geo import COORDINATE_DECIMALS
from innovex.models import Actor, Offering
from innovex.models.base import utcnow
from innovex.vocab import APPROXIMATE_PRECISIONS

# Six decimals are about 0.1 m: more than any address needs, and more would only be noise.
PRECISION = COORDINATE_DECIMALS
# The slug is each feature's id: stable and public.
_FEATURE = (
    '{"type":"Feature","id":%s,"geometry":{"type":"Point","coordinates":[%r,%r]},'
    '"properties":{"slug":%s,"name":%s,"kind":%s,"city":%s,"stale":%s,"approximate":%s,"url":%s}}'
)
# A JSON string literal, without the encoder's Python-level wrapper (the C function the encoder calls).
_string = encode_basestring
# A committed change to the directory shows at once in every process (innovex.cache's data versions); this
# bounds how long a body lives for what changes with the clock alone (freshness, a new day).
CACHE_SECONDS = 60
CACHE_ENTRIES = 64
GZIP_LEVEL = 5  # of 9: ten times smaller than the text in under 10 ms for 10,000 points


def point_query(filters: DirectoryFilters) -> sa.Select:
    """The public points matching the filters, with the columns a map feature shows (`point_features`)."""
    return (
        actor_query(filters, None)
        .where(visibility.location_public_clause())
        .with_only_columns(
            Actor.slug,
            Actor.name,
            Actor.kind,
            Actor.city,
            Actor.lat,
            Actor.lon,
            stale_clause().label("stale"),
            Actor.location_precision.in_(APPROXIMATE_PRECISIONS).label("approximate"),
        )
        .order_by(None)
    )


def point_features(rows) -> list[str]:
    """point_query's rows as GeoJSON features, written as text row by row: 10,000 nested dicts would cost more
    in garbage collection than the query, and json.dumps of them twice as long as this."""
    url_start, url_end = _profile_url_parts()
    return [
        _FEATURE
        % (
            _string(slug),
            round(lon, PRECISION),
            round(lat, PRECISION),
            _string(slug),
            _string(name),
            _string(kind),
            "null" if city is None else _string(city),
            "true" if stale else "false",
            "true" if approximate else "false",
            _string(url_start + quote(slug, safe="") + url_end),
        )
        for slug, name, kind, city, lat, lon, stale, approximate in rows
    ]


def collection_text(features: list[str], **members) -> str:
    """A FeatureCollection of features already written as text, with the licence and any further members."""
    head = dumps({"type": "FeatureCollection", **license_info(), **members})
    return f'{head[:-1]},"features":[{",".join(features)}]}}'


def map_collection(filters: DirectoryFilters) -> str:
    """Public organisations with a public point, as compact GeoJSON text, from one query of core rows."""
    rows = db.session.connection().execute(point_query(filters).order_by(Actor.id)).all()
    return collection_text(point_features(rows))


def _profile_url_parts() -> tuple[str, str]:
    """The profile address around the slug, built once (url_for for each of 10,000 rows would cost more)."""
    start, end = url_for("actors.detail", slug="__slug__", _external=True).split("__slug__")
    return start, end


class MapBody:
    """One cached answer: the GeoJSON as UTF-8 with its ETag, and its gzip version, made on first demand."""

    __slots__ = ("data", "etag", "expires", "_gzipped")

    def __init__(self, text: str, expires: float):
        self.data = text.encode()
        self.etag = hashlib.sha1(self.data).hexdigest()
        self.expires = expires
        self._gzipped: bytes | None = None

    def gzipped(self) -> bytes:
        if self._gzipped is None:  # two threads may both compress once; either result is right
            self._gzipped = gzip.compress(self.data, compresslevel=GZIP_LEVEL, mtime=0)
        return self._gzipped


def cached_map_body(filters: DirectoryFilters) -> MapBody:
    """map_collection, kept per process for CACHE_SECONDS and for as long as the directory's data version
    (bumped by any process's commit, see innovex.cache) stays the same: one primary-key read per request."""
    return cached_body(("all", astuple(filters)), lambda: map_collection(filters))


def cached_body(key: tuple, build: Callable[[], str]) -> MapBody:
    """The body `build` writes for `key`, per process, while the directory's data version and the day stay."""
    bodies = current_app.extensions.setdefault("innovex.map_cache", {})
    key = (*key, cache.versions("directory"), utcnow().date(), request.host_url)
    hit = bodies.get(key)
    if hit is not None and hit.expires > time.monotonic():
        return hit
    body = MapBody(build(), time.monotonic() + CACHE_SECONDS)
    if len(bodies) >= CACHE_ENTRIES:
        bodies.clear()
    bodies[key] = body
    return body


def map_response(filters: DirectoryFilters) -> Response:
    """The map's GeoJSON for everyone alike (shared caches may keep it), gzipped for clients that accept it:
    10,000 organisations are about 2.6 MB as text and 0.27 MB compressed. Answers 304 to a matching ETag."""
    return body_response(cached_map_body(filters))


def body_response(body: MapBody) -> Response:
    """A cached body as the same public answer for everyone, gzipped on request, with its ETag."""
    if request.accept_encodings.quality("gzip") > 0:
        response = Response(body.gzipped(), mimetype="application/geo+json")
        response.headers["Content-Encoding"] = "gzip"
        response.set_etag(f"{body.etag}-gzip")
    else:
        response = Response(body.data, mimetype="application/geo+json")
        response.set_etag(body.etag)
    response.headers["Cache-Control"] = "public, max-age=60"
    response.vary.add("Accept-Encoding")
    return response.make_conditional(request)


def public_actors() -> sa.Select:
    """Every organisation the public sees, loading what its profile needs up front (no per-row queries)."""
    return (
        sa.select(Actor)
        .where(visibility.public_actor_clause())
        .order_by(Actor.slug)
        .options(
            selectinload(Actor.sectors),
            selectinload(Actor.collaboration),
            selectinload(Actor.offerings).selectinload(Offering.tags),
        )
    )


def export_feature(actor: Actor) -> dict:
    """One organisation with all its public fields and its profile address, its slug as the feature's id; no
    geometry where the point is not public."""
    properties = plain_dict(visibility.visible_profile(actor, None))
    lat, lon = properties.pop("lat", None), properties.pop("lon", None)
    properties.update(licences.record_fields(actor))
    properties["url"] = url_for("actors.detail", slug=actor.slug, _external=True)
    geometry = None
    if lat is not None and lon is not None:
        geometry = {"type": "Point", "coordinates": [round(lon, PRECISION), round(lat, PRECISION)]}
    return {"type": "Feature", "id": actor.slug, "geometry": geometry, "properties": properties}


def export_collection(actors: list[Actor]) -> str:
    """The actors as a FeatureCollection that names the licences of its records (licences.summary)."""
    features = [export_feature(actor) for actor in actors]
    summary = licences.summary(feature["properties"]["license"] for feature in features)
    return dumps({"type": "FeatureCollection", **license_info(), **summary, "features": features})


def dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
