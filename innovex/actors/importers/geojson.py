"""GeoJSON FeatureCollections with OpenStreetMap-style properties (TransforMap, uMap, Overpass exports)."""

import re
from collections.abc import Iterator
from typing import Any

from innovex.actors.importers.common import (
    DEFAULT_KIND,
    RecordBuilder,
    first_email,
    first_phone,
    first_website,
    source_host,
    text_value,
)
from innovex.actors.importers.errors import ImportFileError
from innovex.actors.importexport import SourceRecord

NAME_KEYS = ("name", "official_name", "name:en", "name:de")
WEBSITE_KEYS = ("website", "contact:website", "url", "contact:url")
EMAIL_KEYS = ("email", "contact:email")
PHONE_KEYS = ("phone", "contact:phone", "contact:mobile", "mobile")
ID_KEYS = ("_id", "@id", "id")  # TransforMap's _id, Overpass's @id; the feature's own id before them
URL_KEYS = ("_uri", "@uri", "uri")
LICENCE_KEYS = ("license", "licence")
DESCRIPTION_KEYS = ("description", "description:en", "description:de")
KEYWORD_KEYS = ("free_keywords", "type_of_initiative", "sector")
KIND_HINT_KEYS = ("type_of_initiative", "office", "amenity", "organisation", "operator:type")


def records(document: Any, fallback_kind: str = DEFAULT_KIND) -> Iterator[SourceRecord]:
    """One record per feature of a FeatureCollection, a single Feature, or a list of Features; the
    collection's "source" and "license" (TransforMap writes them) apply to every feature."""
    collection = document if isinstance(document, dict) else {}
    if isinstance(document, dict) and document.get("type") == "FeatureCollection":
        features = document.get("features")
        if not isinstance(features, list):
            raise ImportFileError("the FeatureCollection has no list of features")
    elif isinstance(document, dict) and document.get("type") == "Feature":
        features = [document]
    elif isinstance(document, list):
        features = document
    else:
        raise ImportFileError("not a GeoJSON FeatureCollection")
    for number, feature in enumerate(features, start=1):
        yield feature_record(feature, f"feature {number}", fallback_kind, collection)


def feature_record(
    feature: Any, where: str, fallback_kind: str = DEFAULT_KIND, collection: dict | None = None
) -> SourceRecord:
    build = RecordBuilder(where)
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return build.unreadable("", "not a GeoJSON Feature")
    properties = feature.get("properties") or {}
    if not isinstance(properties, dict):
        return build.unreadable("properties", "must be an object")
    key = _first_key(properties, NAME_KEYS) or "name"
    build.set("name", properties.get(key), key)
    if key := _first_key(properties, WEBSITE_KEYS):
        build.set("website", first_website(properties[key]), key)
    if key := _first_key(properties, EMAIL_KEYS):
        build.set("email", first_email(properties[key]), key)
    if key := _first_key(properties, PHONE_KEYS):
        build.set("phone", first_phone(properties[key]), key)
    _source(build, feature, properties, collection or {})
    _address(build, properties)
    if key := _first_key(properties, DESCRIPTION_KEYS) or _first_key(
        properties, sorted(k for k in properties if k.startswith("description:"))
    ):
        build.set("description", properties[key], key)
    if isinstance(start := properties.get("start_date"), str) and (year := re.match(r"\d{4}", start)):
        build.set("founded", int(year.group()), "start_date")
    _geometry(build, feature.get("geometry"))
    keywords = [
        word for key in KEYWORD_KEYS if isinstance(properties.get(key), str)
        for word in re.split(r"[;,]", properties[key].replace("_", " "))
    ]  # fmt: skip
    build.sectors(keywords, "free_keywords")
    hints = [properties[k] for k in KIND_HINT_KEYS if isinstance(properties.get(k), str)]
    build.kind([hint.replace(";", " ").replace("_", " ") for hint in hints], fallback_kind)
    return build.done()


def _source(build: RecordBuilder, feature: dict, properties: dict, collection: dict) -> None:
    """The feature's id and page in its source, the source and the licence, for re-imports and credits."""
    if key := _first_key(properties, ID_KEYS):
        build.set("source_id", text_value(properties[key]), key)
    elif feature.get("id") is not None:
        build.set("source_id", text_value(feature["id"]), "id")
    if key := _first_key(properties, URL_KEYS):
        build.set("source_url", properties[key], key)
    if key := _first_key(properties, LICENCE_KEYS):
        build.set("licence", properties[key], key)
    elif isinstance(collection.get("license"), str):
        build.set("licence", collection["license"], "license")
    source = collection.get("source") if isinstance(collection.get("source"), str) else None
    build.source(source or source_host(build.record.data.get("source_url")), "source")


def _first_key(properties: dict, keys) -> str | None:
    """The first of `keys` with a value (not null, not blank)."""
    for key in keys:
        value = properties.get(key)
        if value is not None and not (isinstance(value, str) and not value.strip()):
            return key
    return None


def _address(build: RecordBuilder, properties: dict) -> None:
    street, number = text_value(properties.get("addr:street")), text_value(properties.get("addr:housenumber"))
    if isinstance(street, str) and street.strip():
        address = (
            f"{street.strip()} {number.strip()}" if isinstance(number, str) and number.strip() else street
        )
        build.set("address", address, "addr:street")
    elif properties.get("addr:full") is not None:
        build.set("address", text_value(properties["addr:full"]), "addr:full")
    build.set("postcode", text_value(properties.get("addr:postcode")), "addr:postcode")
    build.set("city", text_value(properties.get("addr:city")), "addr:city")
    build.set("region", text_value(properties.get("addr:state")), "addr:state")
    build.country(properties.get("addr:country"), "addr:country")


def _geometry(build: RecordBuilder, geometry: Any) -> None:
    """A point's position; the middle of the bounding box of a line or area; nothing without geometry."""
    if geometry is None:
        return
    if not isinstance(geometry, dict):
        build.fail("geometry", "must be an object or null")
        return
    positions = list(_positions(geometry.get("coordinates")))
    if not positions:
        build.fail("geometry", f"{geometry.get('type')!s} without valid coordinates")
        return
    if geometry.get("type") == "Point":
        lon, lat = positions[0]
    else:
        lons, lats = [p[0] for p in positions], [p[1] for p in positions]
        lon, lat = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    build.position(lat, lon, "geometry")


def _positions(coordinates: Any) -> Iterator[tuple]:
    """Every [lon, lat] pair in nested coordinate lists; anything that is not a number stops the walk."""
    if (
        isinstance(coordinates, list)
        and len(coordinates) >= 2
        and all(isinstance(c, int | float) and not isinstance(c, bool) for c in coordinates[:2])
    ):
        yield coordinates[0], coordinates[1]
    elif isinstance(coordinates, list):
        for item in coordinates:
            yield from _positions(item)
