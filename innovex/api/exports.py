"""Open data: everything public as CSV (with CSVW metadata), GeoJSON and JSON Lines, and the page about it."""

import csv
import io
import json
from collections import Counter

import sqlalchemy as sa
from flask import Response, current_app, render_template, url_for

from innovex import licences, visibility
from innovex.actors import kvm_export
from innovex.actors.importexport import actor_record
from innovex.api.blueprint import bp
from innovex.api.geojson import PRECISION, export_collection, public_actors
from innovex.api.params import BOM, LICENCE
from innovex.api.serializers import license_info
from innovex.extensions import db
from innovex.models import Actor
from innovex.models.base import utcnow

CSV_COLUMNS = (
    "slug", "name", "kind", "legal_form", "description", "city", "region", "country", "sectors",
    "collaboration", "address", "postcode", "lat", "lon", "location_precision", "email", "founded", "members",
    "website", "offers", "needs", "confirmed_at", "license", "url",
)  # fmt: skip
# CSV on the Web datatypes (https://www.w3.org/TR/tabular-metadata/#datatypes); the rest are strings. The
# postcode stays a string: "01067" is not the number 1067. Lists are joined with ";".
CSV_DATATYPES = {
    "lat": "double",
    "lon": "double",
    "founded": "integer",
    "members": "integer",
    "confirmed_at": "dateTime",
    "website": "anyURI",
    "url": "anyURI",
}
CSV_LISTS = ("sectors", "collaboration", "offers", "needs")
CSV_REQUIRED = ("slug", "name", "kind", "url")
CSV_DESCRIPTIONS = {
    "slug": "The organisation's identifier in innovex addresses.",
    "kind": "Kind of organisation (see the API's OpenAPI description for the values).",
    "region": "The state (Bundesland, Land, Kanton) as the organisation writes it.",
    "country": "ISO 3166-1 alpha-2 code.",
    "postcode": "Postcode, as text (leading zeros matter).",
    "lat": "Latitude, WGS 84.",
    "lon": "Longitude, WGS 84.",
    "location_precision": "How the point was found: exact (picked or given), address (geocoded) or city.",
    "founded": "Year founded.",
    "members": "Number of members.",
    "confirmed_at": "When the organisation last confirmed its data (UTC).",
    "license": "The record's licence as an SPDX id (empty: not stated by its source).",
    "url": "The profile page.",
}
BOM_TEXT = "\ufeff"
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@bp.get("/open-data")
def open_data():
    """The page about the open data: the licences of the records and the downloads, also for partners."""
    # Two columns per record are all a licence needs (of_actor reads .licence and .source of the rows).
    rows = db.session.execute(sa.select(Actor.licence, Actor.source).where(visibility.public_actor_clause()))
    ids = [licences.of_actor(row) for row in rows]
    summary = licences.summary(ids)
    counts = Counter(ids)
    for item in summary["licenses"]:
        item["count"] = counts[item["id"]]
        item["share_alike"] = bool(licences.known(item["id"]) and licences.known(item["id"]).share_alike)
    return render_template(
        "api/open_data.html",
        license=license_info(),
        columns=CSV_COLUMNS,
        licences=summary,
        unknown_count=counts[None],
        network_licence=licences.name_of(licences.default_licence()),
        filters=licences.FILTERS,
    )


def exported_actors() -> list:
    """The public organisations, only those under the licences of ?licence= when it is given."""
    return licences.filtered(db.session.scalars(public_actors()), licences.accepted_by(LICENCE.value()))


def licence_urls(actors: list) -> list[str]:
    """The addresses of the licences of the records, else (no record states a known one) the network's."""
    summary = licences.summary(licences.of_actor(actor) for actor in actors)
    urls = [item["url"] for item in summary["licenses"] if item["url"]]
    return urls or [licences.network_url()]


def _license_links(response: Response, urls: list[str], describedby: str | None = None) -> Response:
    """The licences as HTTP Links (RFC 8288), for formats that have no place for them inside the file."""
    links = [f'<{url}>; rel="license"' for url in urls]
    if describedby:
        links.append(f'<{describedby}>; rel="describedby"; type="application/csvm+json"')
    response.headers["Link"] = ", ".join(links)
    response.headers["X-Data-Attribution"] = current_app.config["DATA_ATTRIBUTION"]
    return response


def _download(
    body: str, mimetype: str, filename: str, actors: list, describedby: str | None = None
) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _license_links(response, licence_urls(actors), describedby)


def safe_cell(value) -> str:
    """A CSV cell that no spreadsheet will execute: text starting like a formula gets a leading quote."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_row(actor) -> list[str]:
    profile = visibility.visible_profile(actor, None)
    offerings = profile.get("offerings", [])
    row = {
        **profile,
        "sectors": ";".join(profile["sectors"]),
        "collaboration": ";".join(profile["collaboration"]),
        "offers": ";".join(o["title"] for o in offerings if o["kind"] == "offer"),
        "needs": ";".join(o["title"] for o in offerings if o["kind"] == "need"),
        "confirmed_at": profile["confirmed_at"].isoformat() if profile["confirmed_at"] else None,
        "lat": None if profile.get("lat") is None else round(profile["lat"], PRECISION),
        "lon": None if profile.get("lon") is None else round(profile["lon"], PRECISION),
        "url": url_for("actors.detail", slug=actor.slug, _external=True),
        "license": licences.of_actor(actor),
    }
    return [safe_cell(row.get(column)) for column in CSV_COLUMNS]


@bp.get("/export/actors.csv")
def export_csv():
    """The CSV; with ?bom=true it starts with a byte order mark, which spreadsheet programs need to read
    UTF-8 (else "Genossenschaft für Räume" comes out garbled)."""
    bom = BOM.value()
    actors = exported_actors()
    buffer = io.StringIO()
    if bom:
        buffer.write(BOM_TEXT)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(actor) for actor in actors)
    metadata = url_for("api.export_csv_metadata", licence=LICENCE.value(), _external=True)
    return _download(buffer.getvalue(), "text/csv", "innovex-actors.csv", actors, describedby=metadata)


def csvw_column(name: str) -> dict:
    column = {"name": name, "titles": name, "datatype": CSV_DATATYPES.get(name, "string")}
    if name in CSV_LISTS:
        column["separator"] = ";"
    if name in CSV_REQUIRED:
        column["required"] = True
    if name in CSV_DESCRIPTIONS:
        column["dc:description"] = CSV_DESCRIPTIONS[name]
    return column


@bp.get("/export/actors.csv-metadata.json")
def export_csv_metadata():
    """W3C CSV on the Web metadata: the standard place for a CSV file's licences and attribution."""
    info = license_info()
    licence = LICENCE.value()
    document = {
        "@context": "http://www.w3.org/ns/csvw",
        "url": url_for("api.export_csv", licence=licence, _external=True),
        "dc:title": "innovex organisations",
        "dc:license": [{"@id": url} for url in licence_urls(exported_actors())],
        "dc:rights": f"{info['license']}; {info['attribution']}",
        "dc:publisher": info["attribution"],
        "dialect": {"encoding": "utf-8", "header": True, "lineTerminators": ["\r\n"]},
        "tableSchema": {"columns": [csvw_column(name) for name in CSV_COLUMNS], "primaryKey": "slug"},
    }
    return Response(json.dumps(document, indent=2), mimetype="application/csvm+json")


@bp.get("/export/actors.geojson")
def export_geojson():
    actors = exported_actors()
    return _download(export_collection(actors), "application/geo+json", "innovex-actors.geojson", actors)


def public_record(actor) -> dict:
    """One organisation in the import format (docs/import-format.md), without the fields it keeps private."""
    record = actor_record(actor)
    hidden = {field for group, names in visibility.GROUP_FIELDS.items() for field in names} - set(
        visibility.visible_profile(actor, None)
    )
    record = {key: value for key, value in record.items() if key not in hidden}
    record["licence"] = licences.of_actor(actor)
    if "offerings" in record:
        today = utcnow().date().isoformat()
        record["offerings"] = [o for o in record["offerings"] if not o["expires"] or o["expires"] >= today]
    return record


@bp.get("/export/actors.jsonl")
def export_jsonl():
    actors = exported_actors()
    lines = (json.dumps(public_record(actor), ensure_ascii=False) + "\n" for actor in actors)
    return _download("".join(lines), "application/jsonl", "innovex-actors.jsonl", actors)


@bp.get("/export/actors.kvm.json")
def export_kvm():
    """Karte von morgen entries (innovex.actors.kvm_export): only records under CC0 or ODbL, with a
    description and an exact public point; ?licence=cc0 narrows to CC0."""
    buffer = io.StringIO()
    report = kvm_export.export_kvm(buffer, exported_actors())
    response = Response(buffer.getvalue(), mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="innovex-kvm-entries.json"'
    response.headers["X-Records-Left-Out"] = str(sum(report.left_out.values()))
    urls = [licences.url_of(spdx) for spdx in sorted(report.licences)]
    return _license_links(response, urls or [licences.network_url()])
