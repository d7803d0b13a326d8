"""The read API blueprint: JSON under /api/v1/, open to any origin for GET, errors as JSON."""

from flask import Blueprint, Response, jsonify, request

bp = Blueprint("api", __name__, url_prefix="/api/v1")


class ApiError(Exception):
    """A client mistake (bad page number, unknown filter value), answered as JSON 400 with a message."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


@bp.errorhandler(ApiError)
def handle_api_error(error: ApiError):
    return jsonify(error="bad_request", message=error.message), error.status


@bp.after_request
def allow_reading_from_anywhere(response: Response) -> Response:
    """CORS for reads only: other sites may fetch public data, never send state-changing requests.

    A wildcard origin never carries the visitor's cookies, so answers to other sites are public answers."""
    if request.method in ("GET", "HEAD"):
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers.add("Vary", "Cookie")
    return response
