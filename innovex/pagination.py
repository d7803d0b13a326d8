"""The page number a list was asked for, kept within bounds so that no offset can overflow the database, and
pages of result rows (not only of one entity) or with a shared total, with the Pagination interface the
templates' macro reads."""

from typing import Any

from flask import request
from flask_sqlalchemy.pagination import SelectPagination

from innovex import cache
from innovex.extensions import db

MAX_PAGE = 10_000


def requested_page() -> int:
    """The `page` query argument as 1..MAX_PAGE; anything else (missing, not a number) is page 1."""
    return min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)


class _RowPagination(SelectPagination):
    def _query_items(self) -> list[Any]:
        select = self._query_args["select"].limit(self.per_page).offset(self._query_offset)
        return list(self._query_args["session"].execute(select).all())


def paginate_rows(select, *, page: int, per_page: int) -> SelectPagination:
    """`db.paginate` for a select of several columns (a GROUP BY, say): the items are its rows."""
    return _RowPagination(
        select=select, session=db.session, page=page, per_page=per_page, max_per_page=None, error_out=False
    )


class _SharedCountPagination(SelectPagination):
    def _query_count(self) -> int:
        count = super()._query_count
        name, topics, parts = self._query_args["shared_count"]
        return cache.cached(name, topics, count, *parts)


def paginate_shared_count(select, *, page: int, per_page: int, name: str, topics: tuple[str, ...], parts=()):
    """`db.paginate` for a list that is the same for everyone who sees it (anonymous visitors' lists): its
    total is counted once per change of the data `topics` and shared by the processes (`innovex.cache`);
    `name` and `parts` (the filters) tell the lists apart. The page's own rows are always read live."""
    return _SharedCountPagination(
        select=select,
        session=db.session,
        page=page,
        per_page=per_page,
        max_per_page=None,
        error_out=False,
        shared_count=(name, topics, tuple(parts)),
    )
