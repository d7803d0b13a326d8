"""`/healthz` for load balancers and monitoring: database, search index and search outbox lag, as JSON.

200 while the process can serve ("ok", or "degraded" when the search index is unusable: searches then fall
back to the database, and a process rebuilds a broken index when it starts); 503 ("failing") when the database
does not answer, or the oldest pending search change is older than HEALTH_OUTBOX_MAX_AGE seconds outside a
rebuild (neither the processes' drain threads nor the search worker apply the outbox). Never cached, never
rate limited, and no error texts (they can name hosts and users): those go to the log.
"""

import logging

import sqlalchemy as sa
from flask import Blueprint, current_app, jsonify

from innovex.extensions import db, limiter
from innovex.models import SearchOutbox
from innovex.models.base import utcnow
from innovex.search import index_health

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)


def check_database() -> tuple[dict, dict | None]:
    """The database check, and the outbox figures read on the same connection (None when it failed)."""
    try:
        with db.engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
            pending, oldest = connection.execute(
                sa.select(sa.func.count(), sa.func.min(SearchOutbox.created_at)).select_from(SearchOutbox)
            ).one()
    except Exception as error:
        log.warning("health check: database unreachable: %r", error)
        return {"ok": False, "error": type(error).__name__}, None
    return {"ok": True}, {"pending": int(pending or 0), "oldest": oldest}


def check_search() -> dict:
    try:
        return index_health()
    except Exception as error:
        log.warning("health check: search index check failed: %r", error)
        return {"ok": False, "rebuilding": False}


def check_outbox(figures: dict | None, rebuilding: bool) -> dict:
    max_age = float(current_app.config["HEALTH_OUTBOX_MAX_AGE"])
    if figures is None:
        return {"ok": False, "pending": None, "oldest_age_seconds": None, "max_age_seconds": max_age}
    oldest = figures["oldest"]
    age = max(0.0, (utcnow() - oldest).total_seconds()) if oldest is not None else 0.0
    # A rebuild keeps the outbox rows for the new index until it is swapped in: not a stuck drain.
    ok = age <= max_age or rebuilding
    return {
        "ok": ok,
        "pending": figures["pending"],
        "oldest_age_seconds": round(age, 1),
        "max_age_seconds": max_age,
    }


def report() -> tuple[dict, int]:
    database, figures = check_database()
    search = check_search()
    outbox = check_outbox(figures, search["rebuilding"])
    if not database["ok"] or not outbox["ok"]:
        status, code = "failing", 503
    elif not search["ok"]:
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return {"status": status, "checks": {"database": database, "search": search, "outbox": outbox}}, code


@bp.get("/healthz")
@limiter.exempt
def healthz():
    body, code = report()
    response = jsonify(body)
    response.status_code = code
    response.headers["Cache-Control"] = "no-store"
    return response
