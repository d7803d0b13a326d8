"""Open data: everything public as CSV (with CSVW metadata), GeoJSON and JSON Lines, and the page about it."""

import csv
import io
import json

from flask import Response, current_app, render_template, url_for

from innovex import visibility
from innovex.actors.importexport import actor_record
from innovex.api.blueprint import bp
from innovex.api.geojson import export_collection, public_actors
from innovex.api.serializers import license_info
from innovex.extensions import db
from innovex.models.base import utcnow

CSV_COLUMNS = (
    "slug", "name", "kind", "legal_form", "description", "city", "country", "sectors", "collaboration",
    "address", "postcode", "lat", "lon", "email", "founded", "members", "website", "offers", "needs",
    "confirmed_at", "url",
)  # fmt: skip
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@bp.get("/open-data")
def open_data():
    return render_template("api/open_data.html", license=license_info(), columns=CSV_COLUMNS)


def _license_links(response: Response, describedby: str | None = None) -> Response:
    """The license as an HTTP Link (RFC 8288), for formats that have no place for it inside the file."""
    links = [f'<{current_app.config["DATA_LICENSE_URL"]}>; rel="license"']
    if describedby:
        links.append(f'<{describedby}>; rel="describedby"; type="application/csvm+json"')
    response.headers["Link"] = ", ".join(links)
    response.headers["X-Data-Attribution"] = current_app.config["DATA_ATTRIBUTION"]
    return response


def _download(body: str, mimetype: str, filename: str, describedby: str | None = None) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _license_links(response, describedby)


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
        "url": url_for("actors.detail", slug=actor.slug, _external=True),
    }
    return [safe_cell(row.get(column)) for column in CSV_COLUMNS]


@bp.get("/export/actors.csv")
def export_csv():
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(actor) for actor in db.session.scalars(public_actors()))
    metadata = url_for("api.export_csv_metadata", _external=True)
    return _download(buffer.getvalue(), "text/csv", "innovex-actors.csv", describedby=metadata)


@bp.get("/export/actors.csv-metadata.json")
def export_csv_metadata():
    """W3C CSV on the Web metadata: the standard place for a CSV file's license and attribution."""
    info = license_info()
    document = {
        "@context": "http://www.w3.org/ns/csvw",
        "url": url_for("api.export_csv", _external=True),
        "dc:title": "innovex organisations",
        "dc:license": {"@id": info["license_url"]},
        "dc:rights": f"{info['license']}; {info['attribution']}",
        "dc:publisher": info["attribution"],
        "tableSchema": {"columns": [{"name": name, "titles": name} for name in CSV_COLUMNS]},
    }
    return Response(json.dumps(document, indent=2), mimetype="application/csvm+json")


@bp.get("/export/actors.geojson")
def export_geojson():
    return _download(export_collection(), "application/geo+json", "innovex-actors.geojson")


def public_record(actor) -> dict:
    """One organisation in the import format (docs/import-format.md), without the fields it keeps private."""
    record = actor_record(actor)
    hidden = {field for group, names in visibility.GROUP_FIELDS.items() for field in names} - set(
        visibility.visible_profile(actor, None)
    )
    record = {key: value for key, value in record.items() if key not in hidden}
    if "offerings" in record:
        today = utcnow().date().isoformat()
        record["offerings"] = [o for o in record["offerings"] if not o["expires"] or o["expires"] >= today]
    return record


@bp.get("/export/actors.jsonl")
def export_jsonl():
    lines = (
        json.dumps(public_record(actor), ensure_ascii=False) + "\n"
        for actor in db.session.scalars(public_actors())
    )
    return _download("".join(lines), "application/jsonl", "innovex-actors.jsonl")
