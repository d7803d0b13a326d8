"""Which search engine this app uses (`SEARCH_ENGINE`, resolved in innovex.config.search_engine)."""

from flask import current_app, has_app_context


def on_postgres() -> bool:
    """True when search runs on PostgreSQL full-text search; outside an app context, Whoosh is assumed."""
    return has_app_context() and current_app.config.get("SEARCH_ENGINE") == "postgres"
