"""Logging: the level and format from the settings, and a request id in every record and response.

The app's logger ("innovex", parent of every `logging.getLogger(__name__)` in the package) gets the level
LOG_LEVEL and one handler on standard error, as text or as one JSON object per line (LOG_FORMAT). Each
request carries an id: the incoming X-Request-ID when it is a sane token (so a proxy's id follows the request
through), otherwise a new one; it is sent back in X-Request-ID and added to every record logged meanwhile.
"""

import json
import logging
import re
import sys
import uuid
from datetime import UTC, datetime

from flask import Flask, Response, g, has_request_context, request
from flask.logging import default_handler

from innovex.config import ConfigError

HEADER = "X-Request-ID"
SANE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:+=/-]{0,127}")
FORMATS = ("text", "json")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


def request_id() -> str | None:
    """This request's id (made on first use); None outside a request."""
    if not has_request_context():
        return None
    current = g.get("request_id")
    if current is None:
        incoming = request.headers.get(HEADER, "").strip()
        current = incoming if SANE_ID.fullmatch(incoming) else uuid.uuid4().hex
        g.request_id = current
    return current


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record ("-" outside a request), for both formats."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id() or "-"
        return True


def _install_record_factory() -> None:
    """Every record made during a request carries its id, whichever logger and handler it goes to."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "innovex", False):
        return

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            record.request_id = request_id() or "-"
        except Exception:  # no app context yet, or one being torn down
            record.request_id = "-"
        return record

    factory.innovex = True
    logging.setLogRecordFactory(factory)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, request_id[, exception]."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the time (a server's redirection, pytest's capture)."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:  # StreamHandler.__init__ assigns it
        pass


def configure(app: Flask) -> None:
    """Set the app logger's level and its one handler (replacing Flask's default and any earlier app's)."""
    level_name = str(app.config["LOG_LEVEL"]).strip().upper()
    level = int(level_name) if level_name.isdigit() else logging.getLevelName(level_name)
    if not isinstance(level, int):
        raise ConfigError(f"INNOVEX_LOG_LEVEL={app.config['LOG_LEVEL']!r} is not a logging level")
    style = str(app.config["LOG_FORMAT"]).strip().lower()
    if style not in FORMATS:
        choices = ", ".join(FORMATS)
        raise ConfigError(f"INNOVEX_LOG_FORMAT={app.config['LOG_FORMAT']!r} is not one of {choices}")
    logger = app.logger
    for handler in list(logger.handlers):
        if getattr(handler, "innovex", False) or handler is default_handler:
            logger.removeHandler(handler)  # ours from an earlier app, or Flask's default
    handler = StderrHandler()
    handler.innovex = True
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter() if style == "json" else logging.Formatter(TEXT_FORMAT))
    logger.addHandler(handler)
    logger.setLevel(level)
    _install_record_factory()


def init_app(app: Flask) -> None:
    configure(app)
    app.after_request(add_request_id_header)


def add_request_id_header(response: Response) -> Response:
    response.headers[HEADER] = request_id()
    return response
