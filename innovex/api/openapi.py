"""The OpenAPI 3.1 description of the read API, written by hand; a test keeps it and the routes in step."""

from flask import current_app, url_for

from innovex.taxonomy_data import COLLABORATION_FORMS, SECTORS
from innovex.visibility import BASIC_FIELDS, GROUP_FIELDS
from innovex.vocab import (
    ACTOR_KINDS,
    LEGAL_FORMS,
    OFFERING_KINDS,
    OFFERING_SCOPES,
    PROJECT_SEEKING,
    PROJECT_STAGES,
)

# Everything a profile can carry: the visibility groups' fields plus what the API adds.
PROFILE_FIELDS = (
    *BASIC_FIELDS,
    *(name for fields in GROUP_FIELDS.values() for name in fields),
    "confirmed_at",
    "stale",
    "url",
    "murmurations_url",
)


def _query(name: str, description: str, values=None, type_: str = "string") -> dict:
    schema: dict = {"type": type_}
    if values is not None:
        schema["enum"] = sorted(values)
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def _path(name: str, type_: str = "string") -> dict:
    return {"name": name, "in": "path", "required": True, "schema": {"type": type_}}


PAGING = [
    _query("page", "Page number, from 1.", type_="integer"),
    _query("per_page", "Items per page, 1 to API_MAX_PER_PAGE (100).", type_="integer"),
]
ACTOR_FILTERS = [
    _query("kind", "Kind of organisation.", ACTOR_KINDS),
    _query("legal_form", "Legal form.", LEGAL_FORMS),
    _query("sector", "Sector slug.", [slug for slug, _de, _en in SECTORS]),
    _query("collaboration", "Form of collaboration slug.", [slug for slug, _de, _en in COLLABORATION_FORMS]),
    _query("country", "ISO 3166-1 alpha-2 country code."),
    _query("city", "City, case-insensitive exact match."),
    _query("tag", "Organisations with a current, visible offer in this tag."),
]


def _json(description: str, schema_ref: str | None = None, media: str = "application/json") -> dict:
    schema = {"$ref": f"#/components/schemas/{schema_ref}"} if schema_ref else {}
    return {"description": description, "content": {media: {"schema": schema}}}


def _get(summary: str, parameters: list, ok: dict, *, not_found: bool = False) -> dict:
    responses = {"200": ok, "400": _json("Bad page number or unknown filter value.", "Error")}
    if not_found:
        responses["404"] = _json("No such public item.", "Error")
    return {"get": {"summary": summary, "parameters": parameters, "responses": responses}}


PATHS = {
    "/": _get("Links to the collections and the data license.", [], _json("Links.")),
    "/openapi.json": _get("This description.", [], _json("OpenAPI 3.1 document.")),
    "/open-data": _get("The open-data page (HTML).", [], _json("A web page.", media="text/html")),
    "/actors.geojson": _get(
        "Public organisations with a public location, compact, for maps.",
        ACTOR_FILTERS,
        _json("A FeatureCollection with license and attribution members.", media="application/geo+json"),
    ),
    "/organisations": _get(
        "Organisations, with the fields each one shows to the caller.",
        ACTOR_FILTERS + PAGING,
        _json("A page of organisations.", "Page"),
    ),
    "/organisations/{slug}": _get(
        "One organisation.", [_path("slug")], _json("An organisation.", "Organisation"), not_found=True
    ),
    "/offerings": _get(
        "Current offers and needs of organisations that show them.",
        [
            _query("kind", "offer or need.", OFFERING_KINDS),
            _query("scope", "Geographic scope.", OFFERING_SCOPES),
            _query("tag", "Tag."),
            _query("organisation", "Slug of the organisation."),
            *PAGING,
        ],
        _json("A page of offerings.", "Page"),
    ),
    "/projects": _get(
        "Public innovation projects.",
        [
            _query("stage", "Stage.", PROJECT_STAGES),
            _query("seeking", "What the project seeks.", PROJECT_SEEKING),
            _query("sector", "Sector slug.", [slug for slug, _de, _en in SECTORS]),
            _query("tag", "Tag."),
            *PAGING,
        ],
        _json("A page of projects.", "Page"),
    ),
    "/projects/{slug}": _get("One public project.", [_path("slug")], _json("A project."), not_found=True),
    "/murmurations/{slug}.json": _get(
        "Murmurations profile (organizations_schema-v1.0.0) of a public organisation.",
        [_path("slug")],
        _json("A Murmurations profile."),
        not_found=True,
    ),
    "/murmurations/offerings/{offering_id}.json": _get(
        "Murmurations profile (offers_wants_schema-v0.1.0) of a public offer or need.",
        [_path("offering_id", "integer")],
        _json("A Murmurations offer or want."),
        not_found=True,
    ),
    "/export/actors.csv": _get(
        "All public organisations as CSV; license in the Link header and the CSVW metadata.",
        [],
        _json("CSV with a header row.", media="text/csv"),
    ),
    "/export/actors.csv-metadata.json": _get(
        "CSV on the Web metadata of the CSV export (license, attribution, columns).",
        [],
        _json("CSVW metadata.", media="application/csvm+json"),
    ),
    "/export/actors.geojson": _get(
        "All public organisations as GeoJSON (no geometry where the location is not public).",
        [],
        _json("A FeatureCollection with license and attribution.", media="application/geo+json"),
    ),
    "/export/actors.jsonl": _get(
        "All public organisations in the innovex import format (JSON Lines); license in the Link header.",
        [],
        _json("One JSON object per line.", media="application/jsonl"),
    ),
}

SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["error", "message"],
        "properties": {"error": {"type": "string"}, "message": {"type": "string"}},
    },
    "Page": {
        "type": "object",
        "required": ["items", "page", "per_page", "total", "pages", "links"],
        "properties": {
            "items": {"type": "array", "items": {"type": "object"}},
            "page": {"type": "integer"},
            "per_page": {"type": "integer"},
            "total": {"type": "integer"},
            "pages": {"type": "integer"},
            "links": {"type": "object", "additionalProperties": {"type": "string", "format": "uri"}},
            "license": {"type": "string"},
            "license_url": {"type": "string"},
            "attribution": {"type": "string"},
        },
    },
    "Organisation": {
        "type": "object",
        "description": "Fields of a group the organisation does not show to the caller are absent.",
        "required": ["slug", "name", "kind", "url"],
        "properties": {
            name: {"type": ["string", "number", "integer", "array", "boolean", "null"]}
            for name in PROFILE_FIELDS
        },
    },
}


def openapi_document() -> dict:
    config = current_app.config
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "innovex open data API",
            "version": "1",
            "description": f"Read-only; CORS open for GET. Data license: {config['DATA_LICENSE']} "
            f"({config['DATA_LICENSE_URL']}), attribution: {config['DATA_ATTRIBUTION']}.",
            "license": {"name": config["DATA_LICENSE"], "url": config["DATA_LICENSE_URL"]},
        },
        "servers": [{"url": url_for("api.index").rstrip("/")}],
        "paths": PATHS,
        "components": {"schemas": SCHEMAS},
    }
