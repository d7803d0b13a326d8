"""The page number a list was asked for, kept within bounds so that no offset can overflow the database."""

from flask import request

MAX_PAGE = 10_000


def requested_page() -> int:
    """The `page` query argument as 1..MAX_PAGE; anything else (missing, not a number) is page 1."""
    return min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)
