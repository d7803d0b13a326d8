"""Error pages in the site layout, and JSON errors for the API."""

from flask import Flask, current_app, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from innovex.extensions import db

MESSAGES = {
    400: (
        _l("Bad request"),
        _l("The request could not be understood. Please check your input and try again."),
    ),
    403: (_l("Not allowed"), _l("You do not have permission to do this.")),
    404: (_l("Not found"), _l("There is nothing at this address.")),
    405: (_l("Method not allowed"), _l("This address does not accept this kind of request.")),
    413: (_l("Too large"), _l("What you sent is larger than we accept.")),
    429: (_l("Too many requests"), _l("You are going a little fast. Please wait a moment and try again.")),
    500: (_l("Server error"), _l("Something went wrong on our side. It has been logged; please try again.")),
}


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(500, handle_server_error)


def render_error(code: int, detail: str | None = None):
    title, message = MESSAGES.get(code, MESSAGES[400] if code < 500 else MESSAGES[500])
    if request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json":
        return jsonify(error=str(title), message=str(detail or message)), code
    return render_template("errors/error.html", code=code, title=title, message=detail or message), code


def handle_http_error(error: HTTPException):
    if error.code is None or error.code < 400:
        return error
    body, code = render_error(error.code)
    response = current_app.make_response((body, code))
    for name, value in error.get_headers():  # e.g. Allow on a 405, Retry-After on a 429
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def handle_csrf_error(error: CSRFError):
    db.session.rollback()
    return render_error(
        400, str(_l("Your form expired or was sent from elsewhere. Please reload and try again."))
    )


def handle_server_error(_error):
    db.session.rollback()
    return render_error(500)
