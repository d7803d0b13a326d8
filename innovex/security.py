"""Security headers on every response, the address where browsers report what the policy blocked, and the
refusal of addresses with a NUL character."""

import json
import logging

from flask import Blueprint, Flask, Response, current_app, request

from innovex import abuse
from innovex.extensions import csrf

log = logging.getLogger("innovex.csp")
bp = Blueprint("security", __name__)
REPORT_MAX_BYTES = 8 * 1024  # a report is a few hundred bytes; anything larger is not one
REPORT_FIELDS = ("document-uri", "violated-directive", "effective-directive", "blocked-uri", "source-file")
FIELD_MAX = 300


def init_app(app: Flask) -> None:
    app.before_request(refuse_nul_characters)
    app.after_request(add_security_headers)
    app.register_blueprint(bp)


def refuse_nul_characters():
    """No address innovex serves holds U+0000, and PostgreSQL refuses it in a lookup (a 500 in the middle of a
    view): a path with one is a 404 before any view reads it. Forms refuse NUL next to the field
    (no_control_characters) and list filters drop such a value."""
    if "\x00" in request.path:
        from innovex.error_pages import render_error

        return render_error(404)
    return None


@bp.post("/csp-report")
@csrf.exempt  # browsers send reports without our token; the view changes nothing but the log
@abuse.limited("csp_report")
def csp_report():
    """Log a violation report (report-uri's application/csp-report or report-to's application/reports+json),
    one line per violation, its fields cut short; answer 204 whatever arrives, 413 when it is too large."""
    if (request.content_length or 0) > REPORT_MAX_BYTES:
        return Response(status=413)
    data = request.stream.read(REPORT_MAX_BYTES + 1)
    if len(data) > REPORT_MAX_BYTES:
        return Response(status=413)
    try:
        payload = json.loads(data)
    except ValueError:
        return Response(status=400)
    for report in _reports(payload):
        fields = {key: _clean(report.get(key) or report.get(_camel(key))) for key in REPORT_FIELDS}
        log.warning("CSP violation: %s", " ".join(f"{k}={v}" for k, v in fields.items() if v))
    return Response(status=204)


def _reports(payload) -> list[dict]:
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        return [payload["csp-report"]]
    if isinstance(payload, list):  # the Reporting API: a list of {"type": ..., "body": {...}}
        return [r["body"] for r in payload[:20] if isinstance(r, dict) and isinstance(r.get("body"), dict)]
    return []


def _camel(key: str) -> str:
    head, *rest = key.split("-")
    return head + "".join(word.capitalize() for word in rest).replace("Uri", "URL")


def _clean(value) -> str:
    """A field as one short line of printable text (a report is written by whoever sends it)."""
    if not isinstance(value, str):
        return ""
    return "".join(c if c.isprintable() and not c.isspace() else "_" for c in value[:FIELD_MAX])


def content_security_policy() -> str:
    tiles = current_app.config.get("MAP_TILE_HOSTS", "")
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src 'self' data: {tiles}".strip(),
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "report-uri /csp-report",
            "report-to csp",
        ]
    )


def add_security_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", content_security_policy())
    headers.setdefault("Reporting-Endpoints", 'csp="/csp-report"')
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
    if current_app.config["HSTS"]:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response
