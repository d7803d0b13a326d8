"""The OpenAPI 3.1 description of the read API. The parameters come from innovex.api.params, which the views
check requests with, so the bounds and choices written here are the ones the code applies; a test keeps the
paths and the routes in step, and the property-based test (schemathesis) holds the answers to the schemas."""

from flask import current_app, url_for

from innovex import licences, pickers
from innovex.api.params import (
    BOM,
    ID_MAX,
    LICENCE,
    OFFERING_PARAMS,
    PAGING,
    PROJECT_PARAMS,
    SLUG_MAX,
    SUGGEST_PARAMS,
    VIEWPORT_PARAMS,
    directory_params,
)
from innovex.vocab import (
    ACTOR_KINDS,
    LEGAL_FORMS,
    LOCATION_PRECISIONS,
    OFFERING_KINDS,
    OFFERING_SCOPES,
    PROJECT_STAGES,
)

TAGS = [
    {"name": "organisations", "description": "Organisations of the directory, as each caller may see them."},
    {"name": "offerings", "description": "Current offers and needs."},
    {"name": "projects", "description": "Public innovation projects."},
    {"name": "maps", "description": "GeoJSON for maps."},
    {"name": "open data", "description": "Downloads of everything public, with license and attribution."},
    {"name": "federation", "description": "Murmurations profiles for the federated index."},
    {"name": "pickers", "description": "Suggestions while typing a name into a form field."},
    {"name": "meta", "description": "This description and the entry point."},
]


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(type_: str, **extra) -> dict:
    return {"type": [type_, "null"], **extra}


def _content(description: str, schema: dict | None = None, media: str = "application/json") -> dict:
    return {"description": description, "content": {media: {"schema": schema or {}}}}


def _path(name: str, description: str, schema: dict) -> dict:
    return {"name": name, "in": "path", "required": True, "description": description, "schema": schema}


SLUG_PATH = _path("slug", "The slug in the item's address.", {"type": "string", "maxLength": SLUG_MAX})


def _get(
    operation_id: str,
    tag: str,
    summary: str,
    ok: dict,
    parameters: list | None = None,
    *,
    description: str | None = None,
    not_found: bool = False,
) -> dict:
    responses = {"200": ok}
    if parameters and any(p["in"] == "query" for p in parameters):
        message = "A parameter with a value outside its schema; the message names it."
        responses["400"] = _content(message, _ref("Error"))
    if not_found:
        responses["404"] = _content("No such public item.", _ref("Error"))
    operation = {
        "operationId": operation_id,
        "tags": [tag],
        "summary": summary,
        "description": description or summary,
        "parameters": parameters or [],
        "responses": responses,
    }
    return {"get": operation}


def _page(item: str) -> dict:
    return {
        "allOf": [
            _ref("PageInfo"),
            {"type": "object", "properties": {"items": {"type": "array", "items": _ref(item)}}},
        ]
    }


def paths() -> dict:
    filters = [p.openapi() for p in directory_params()]
    paging = [p.openapi() for p in PAGING]
    return {
        "/": _get(
            "index",
            "meta",
            "Links to the collections and the data license.",
            _content("Links.", _ref("Index")),
        ),
        "/openapi.json": _get(
            "openapi", "meta", "This description.", _content("OpenAPI 3.1 document.", {"type": "object"})
        ),
        "/open-data": _get(
            "openData",
            "open data",
            "The open-data page (HTML).",
            _content("A web page.", {"type": "string"}, "text/html"),
        ),
        "/actors.geojson": _get(
            "mapGeojson",
            "maps",
            "Public organisations with a public location, compact, for maps.",
            _content(
                "A FeatureCollection with license and attribution members.",
                _ref("MapCollection"),
                "application/geo+json",
            ),
            filters,
            description="The same answer for everyone (shared caches may keep it for a minute), gzipped on "
            "request, with an ETag. Filters as on the map page.",
        ),
        "/actors/viewport.geojson": _get(
            "mapViewport",
            "maps",
            "Public points inside a box at a zoom level: one by one, or as clusters where there are many.",
            _content(
                "A FeatureCollection of points and clusters, with the number of points in the box.",
                _ref("ViewportCollection"),
                "application/geo+json",
            ),
            [p.openapi() for p in VIEWPORT_PARAMS] + filters,
            description="What the map loads as it moves. Up to 500 points in the box come one by one (as "
            "in mapGeojson); more come as clusters of the points in a grid cell about 80 pixels wide at the "
            "zoom level (count, mean point and bounds), with the single points among them. The box is "
            "widened to whole cells. Cached and gzipped like mapGeojson.",
        ),
        "/organisations": _get(
            "listOrganisations",
            "organisations",
            "Organisations, with the fields each one shows to the caller.",
            _content("A page of organisations.", _page("Organisation")),
            filters + paging,
        ),
        "/organisations/{slug}": _get(
            "getOrganisation",
            "organisations",
            "One organisation.",
            _content("An organisation.", _ref("Organisation")),
            [SLUG_PATH],
            not_found=True,
        ),
        "/offerings": _get(
            "listOfferings",
            "offerings",
            "Current offers and needs of organisations that show them.",
            _content("A page of offerings.", _page("Offering")),
            [p.openapi() for p in OFFERING_PARAMS] + paging,
        ),
        "/projects": _get(
            "listProjects",
            "projects",
            "Public innovation projects, newest first.",
            _content("A page of projects.", _page("Project")),
            [p.openapi() for p in PROJECT_PARAMS] + paging,
        ),
        "/projects/{slug}": _get(
            "getProject",
            "projects",
            "One public project.",
            _content("A project.", _ref("Project")),
            [SLUG_PATH],
            not_found=True,
        ),
        "/murmurations/{slug}.json": _get(
            "murmurationsOrganisation",
            "federation",
            "Murmurations profile (organizations_schema-v1.0.0) of a public organisation.",
            _content("A Murmurations profile.", _ref("MurmurationsProfile")),
            [SLUG_PATH],
            not_found=True,
        ),
        "/murmurations/offerings/{offering_id}.json": _get(
            "murmurationsOffering",
            "federation",
            "Murmurations profile (offers_wants_schema-v0.1.0) of a public offer or need.",
            _content("A Murmurations offer or want.", _ref("MurmurationsProfile")),
            [
                _path(
                    "offering_id",
                    "The offer's or need's id.",
                    {"type": "integer", "minimum": 0, "maximum": ID_MAX},
                )
            ],
            not_found=True,
        ),
        "/suggest": _get(
            "suggest",
            "pickers",
            "Up to ten organisations, projects, calls, tags, sectors or forms of collaboration the caller "
            "may see whose name (or one of its words, or the address name) starts with what was typed.",
            _content("Suggestions, names that start with the text first.", _ref("Suggestions")),
            [p.openapi() for p in SUGGEST_PARAMS],
        ),
        "/export/actors.csv": _get(
            "exportCsv",
            "open data",
            "All public organisations as CSV; license in the Link header and the CSVW metadata.",
            _content("CSV (UTF-8) with a header row.", {"type": "string"}, "text/csv"),
            [BOM.openapi(), LICENCE.openapi()],
        ),
        "/export/actors.csv-metadata.json": _get(
            "exportCsvMetadata",
            "open data",
            "CSV on the Web metadata of the CSV export (license, attribution, columns and their datatypes).",
            _content("CSVW metadata.", {"type": "object"}, "application/csvm+json"),
            [LICENCE.openapi()],
        ),
        "/export/actors.geojson": _get(
            "exportGeojson",
            "open data",
            "All public organisations as GeoJSON (no geometry where the location is not public).",
            _content(
                "A FeatureCollection with license and attribution.",
                _ref("ExportCollection"),
                "application/geo+json",
            ),
            [LICENCE.openapi()],
        ),
        "/export/actors.jsonl": _get(
            "exportJsonl",
            "open data",
            "All public organisations in the innovex import format (JSON Lines); license in the Link header.",
            _content("One JSON object per line.", {"type": "string"}, "application/jsonl"),
            [LICENCE.openapi()],
        ),
        "/export/actors.kvm.json": _get(
            "exportKvm",
            "open data",
            "Public organisations as Karte von morgen entries (OpenFairDB NewEntryWithLicense), only those "
            "under CC0 or ODbL with a description and an exact public point; X-Records-Left-Out counts "
            "the rest.",
            _content(
                "A list of entries.", {"type": "array", "items": {"type": "object"}}, "application/json"
            ),
            [LICENCE.openapi()],
        ),
    }


def _enum(values, *, nullable: bool = False, **extra) -> dict:
    schema: dict = {"type": ["string", "null"] if nullable else "string", "enum": sorted(values), **extra}
    if nullable:
        schema["enum"].append(None)
    return schema


LINKS = ("organisations", "offerings", "projects", "geojson", "openapi", "open_data")
STRINGS = {"type": "array", "items": {"type": "string"}}
URI = {"type": "string", "format": "uri"}
LICENSE = {
    "license": {"type": "string", "description": "Name of the data license."},
    "license_url": URI,
    "attribution": {"type": "string", "description": "The attribution the license asks for."},
}
RECORD_LICENSE = {
    "license": _nullable("string", description="The record's licence, an SPDX id; null: not stated."),
    "license_url": _nullable("string", description="The licence's address, where it is known."),
}
PROVENANCE = {
    "type": ["object", "null"],
    "description": "Where an imported record comes from; null for a profile made on innovex.",
    "properties": {
        "source": _nullable("string", description="The directory's name, e.g. Karte von morgen."),
        "url": _nullable("string", description="The record's page there (or the directory's address)."),
        "license": _nullable("string", description="The licence the source published it under (SPDX id)."),
        "license_url": _nullable("string"),
        "imported_at": _nullable("string", format="date-time"),
    },
}
FILE_LICENSES = {
    "licenses": {
        "type": "array",
        "description": "The licences of the records in the file.",
        "items": {
            "type": "object",
            "required": ["id", "name", "url"],
            "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "url": _nullable("string")},
        },
    },
    "share_alike": {
        "type": "boolean",
        "description": "Some records are share-alike: so is the file as a whole.",
    },
    "unknown_license": {"type": "boolean", "description": "Some records' sources state no licence."},
}
OFFERING_DATA = {
    "id": {"type": "integer"},
    "kind": _enum(OFFERING_KINDS),
    "title": {"type": "string"},
    "description": {"type": "string", "description": "Markdown."},
    "scope": _enum(OFFERING_SCOPES),
    "tags": STRINGS,
    "expires_at": _nullable("string", format="date"),
}
ORGANISATION_LINK = {
    "type": "object",
    "required": ["slug", "name"],
    "properties": {"slug": {"type": "string"}, "name": {"type": "string"}, "url": URI},
}
APPROXIMATE = {
    "type": "boolean",
    "description": "The point is only the centre of the organisation's city (its address was not found).",
}
FEATURE_ID = {"type": "string", "description": "The organisation's slug."}
POINT = {
    "type": "object",
    "required": ["type", "coordinates"],
    "properties": {
        "type": {"const": "Point"},
        "coordinates": {
            "type": "array",
            "minItems": 2,
            "maxItems": 2,
            "items": {"type": "number"},
            "description": "Longitude, latitude (WGS 84), rounded to 6 decimals.",
        },
    },
}


def _collection(feature: dict, extra: dict | None = None) -> dict:
    return {
        "type": "object",
        "required": ["type", "features", "license", "license_url", "attribution", *(extra or {})],
        "properties": {
            "type": {"const": "FeatureCollection"},
            **LICENSE,
            **(extra or {}),
            "features": {"type": "array", "items": feature},
        },
    }


SCHEMAS = {
    "Suggestions": {
        "type": "array",
        "maxItems": pickers.LIMIT,
        "items": {
            "type": "object",
            "required": ["slug", "label", "detail"],
            "properties": {
                "slug": {"type": "string", "description": "The address name (a tag: its name)."},
                "label": {"type": "string"},
                "detail": _nullable(
                    "string",
                    description="The city, the organisation behind it, or a sector's short name.",
                ),
            },
        },
    },
    "Error": {
        "type": "object",
        "required": ["error", "message"],
        "properties": {"error": {"type": "string"}, "message": {"type": "string"}},
    },
    "Index": {
        "type": "object",
        "required": [*LINKS, "license"],
        "properties": {
            **dict.fromkeys(LINKS, URI),
            **LICENSE,
        },
    },
    "PageInfo": {
        "type": "object",
        "required": ["items", "page", "per_page", "total", "pages", "links", "license", "license_url"],
        "properties": {
            "items": {"type": "array"},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1},
            "total": {"type": "integer", "minimum": 0, "maximum": ID_MAX},
            "pages": {"type": "integer", "minimum": 0, "maximum": ID_MAX},
            "links": {
                "type": "object",
                "description": "self, first, last, and prev and next where they exist.",
                "required": ["self", "first", "last"],
                "additionalProperties": URI,
            },
            **LICENSE,
        },
    },
    "Organisation": {
        "type": "object",
        "description": "Fields of a group the organisation does not show to the caller are absent, not "
        "empty: location (address, postcode, lat, lon, location_precision, approximate), contact "
        "(email), figures (founded, members), "
        "website, offerings.",
        "required": ["slug", "name", "kind", "description", "sectors", "collaboration", "stale", "url"],
        "properties": {
            "slug": {"type": "string"},
            "name": {"type": "string"},
            "kind": _enum(ACTOR_KINDS),
            "legal_form": _enum(LEGAL_FORMS, nullable=True),
            "description": {"type": "string", "description": "Markdown."},
            "city": _nullable("string"),
            "region": _nullable("string", description="The state (Bundesland, Land, Kanton), as written."),
            "country": _nullable("string", description="ISO 3166-1 alpha-2."),
            "sectors": STRINGS,
            "collaboration": STRINGS,
            "confirmed_at": _nullable(
                "string", format="date-time", description="When the organisation last confirmed its data."
            ),
            "address": _nullable("string"),
            "postcode": _nullable("string"),
            "lat": _nullable("number", minimum=-90, maximum=90),
            "lon": _nullable("number", minimum=-180, maximum=180),
            "location_precision": _enum(
                LOCATION_PRECISIONS,
                nullable=True,
                description="How the point was found: exact (picked by the organisation or imported), "
                "address (geocoded from the street address), city (the centre of its city); null without "
                "a point.",
            ),
            "approximate": APPROXIMATE,
            "email": _nullable("string"),
            "founded": _nullable("integer"),
            "members": _nullable("integer", minimum=0),
            "website": _nullable("string"),
            "offerings": {"type": "array", "items": {"type": "object", "properties": OFFERING_DATA}},
            **RECORD_LICENSE,
            "provenance": PROVENANCE,
            "stale": {"type": "boolean", "description": "Not confirmed for a long time: possibly outdated."},
            "url": URI,
            "murmurations_url": URI,
        },
    },
    "Offering": {
        "type": "object",
        "required": ["id", "kind", "title", "description", "scope", "tags", "organisation"],
        "properties": {**OFFERING_DATA, "organisation": ORGANISATION_LINK},
    },
    "Project": {
        "type": "object",
        "required": ["slug", "title", "summary", "stage", "tags", "sectors", "organisation", "url"],
        "properties": {
            "slug": {"type": "string"},
            "title": {"type": "string"},
            "summary": {"type": "string"},
            "body": {"type": "string", "description": "Markdown."},
            "stage": _enum(PROJECT_STAGES),
            "status": {"type": "string"},
            "seeking": STRINGS,
            "tags": STRINGS,
            "sectors": STRINGS,
            "organisation": ORGANISATION_LINK,
            "created_at": {"type": "string", "format": "date-time"},
            "url": URI,
        },
    },
    "MapCollection": _collection(
        {
            "type": "object",
            "required": ["type", "id", "geometry", "properties"],
            "properties": {
                "type": {"const": "Feature"},
                "id": FEATURE_ID,
                "geometry": POINT,
                "properties": {
                    "type": "object",
                    "required": ["slug", "name", "kind", "city", "stale", "approximate", "url"],
                    "properties": {
                        "slug": {"type": "string"},
                        "name": {"type": "string"},
                        "kind": _enum(ACTOR_KINDS),
                        "city": _nullable("string"),
                        "stale": {"type": "boolean"},
                        "approximate": APPROXIMATE,
                        "url": URI,
                    },
                },
            },
        }
    ),
    "ViewportCollection": _collection(
        {
            "oneOf": [
                {"$ref": "#/components/schemas/MapCollection/properties/features/items"},
                {
                    "type": "object",
                    "required": ["type", "geometry", "properties"],
                    "properties": {
                        "type": {"const": "Feature"},
                        "geometry": POINT,
                        "properties": {
                            "type": "object",
                            "required": ["cluster", "count", "bbox"],
                            "properties": {
                                "cluster": {"const": True},
                                "count": {"type": "integer", "minimum": 2},
                                "bbox": {
                                    "type": "array",
                                    "items": {"type": "number"},
                                    "minItems": 4,
                                    "maxItems": 4,
                                },
                            },
                        },
                    },
                },
            ]
        },
        {"total": {"type": "integer", "minimum": 0}, "clustered": {"type": "boolean"}},
    ),
    "ExportCollection": _collection(
        {
            "type": "object",
            "required": ["type", "id", "geometry", "properties"],
            "properties": {
                "type": {"const": "Feature"},
                "id": FEATURE_ID,
                "geometry": {"oneOf": [POINT, {"type": "null"}]},
                "properties": {
                    "type": "object",
                    "required": ["slug", "name", "license", "url"],
                    "properties": {"url": URI, **RECORD_LICENSE},
                    "description": "The fields of Organisation the public sees, without lat and lon.",
                },
            },
        },
        FILE_LICENSES,
    ),
    "MurmurationsProfile": {
        "type": "object",
        "required": ["linked_schemas"],
        "properties": {"linked_schemas": STRINGS},
        "description": "Valid against the linked schema of the Murmurations library.",
    },
}


def openapi_document() -> dict:
    config = current_app.config
    licence = {"name": licences.name_of(licences.default_licence()), "url": licences.network_url()}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "innovex open data API",
            "version": "1",
            "description": f"Read-only; CORS open for GET. Data license: {licence['name']} "
            f"({licence['url']}), attribution: {config['DATA_ATTRIBUTION']}. "
            "A query parameter outside its schema (unknown value, empty, too long, out of range) is a 400 "
            "with a JSON message naming it.",
            "license": licence,
        },
        "servers": [{"url": url_for("api.index").rstrip("/")}],
        "tags": TAGS,
        "paths": paths(),
        "components": {"schemas": SCHEMAS},
    }
