"""Placeholder command group; replaced by the capability's real commands."""

from flask.cli import AppGroup

search_cli = AppGroup("search", help="Look after the search index.")
