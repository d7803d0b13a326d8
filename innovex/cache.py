"""Aggregates computed once per change of their data, not on every view, and shared by the app's processes.

Each cached value depends on topics of data (`TOPICS`). A flush that writes a row of a topic's models bumps
that topic's version in the `data_versions` table, in the same transaction, so every process and host sees
the new version at its next read and nobody is served a value computed before the change once it is committed.
Values are kept under a key holding the versions they were computed from (and the language), in Redis when
`INNOVEX_CACHE_URL` names one, otherwise in this process's memory (each process then computes a value once
per change). A value also expires after `CACHE_SECONDS`, for what changes with the clock alone (offers that
expire, "this month").

    counts = cache.cached("home-counts", ("directory", "projects"), compute_counts)

Writes through Core statements that bypass the ORM (bulk imports in benchmarks) call `bump(...)` themselves.
"""

import logging
import pickle
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import sqlalchemy as sa
from flask import current_app, has_request_context
from flask_babel import get_locale
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from innovex.extensions import db
from innovex.models import (
    Actor,
    DataVersion,
    FormSubmission,
    LoginSession,
    Notification,
    Offering,
    Project,
    SearchOutbox,
    Sector,
    Tag,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

# Which models make up each topic; a change to a row of one bumps the topic.
TOPICS: dict[str, tuple[type, ...]] = {
    "directory": (Actor, Offering, Sector, Tag),  # organisations, their offers and needs, the taxonomy
    "projects": (Project,),
}
MEMORY_ENTRIES = 256
_BUMPED = "innovex.cache.bumped"


# "pages": every row a public page may show, for the page cache (innovex.page_cache); rows no visitor's page
# shows (sessions, one-time form tokens, notifications, the search outbox) do not count.
PAGES_TOPIC = "pages"
_NOT_ON_PAGES = (LoginSession, FormSubmission, Notification, SearchOutbox, DataVersion)


def _shown_on_pages(obj: object) -> bool:
    return isinstance(obj, db.Model) and not isinstance(obj, _NOT_ON_PAGES)


def topics_of(objects: Iterable[object]) -> set[str]:
    objects = list(objects)
    topics = {topic for obj in objects for topic, models in TOPICS.items() if isinstance(obj, models)}
    if any(_shown_on_pages(obj) for obj in objects):
        topics.add(PAGES_TOPIC)
    return topics


@sa.event.listens_for(Session, "after_flush")
def _bump_changed_topics(session: Session, _flush_context) -> None:
    changed = topics_of([*session.new, *session.dirty, *session.deleted])
    bumped = session.info.setdefault(_BUMPED, set())
    if changed - bumped:
        _bump(session.connection(), changed - bumped)
        bumped |= changed


@sa.event.listens_for(Session, "after_commit")
@sa.event.listens_for(Session, "after_soft_rollback")
def _transaction_over(session: Session, *_args) -> None:
    session.info.pop(_BUMPED, None)


def _bump(connection: sa.Connection, topics: set[str]) -> None:
    """One statement for all topics, in a fixed order with `pages` first. Every flush that bumps a topic also
    bumps `pages` (whatever a topic holds, a page shows), so a transaction takes that row's lock before any
    other and holds it to its commit: two transactions that bump in several flushes can never hold one row
    each and wait for the other's (no deadlock on PostgreSQL); writers queue on that row instead."""
    table = DataVersion.__table__
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    ordered = sorted(topics, key=lambda topic: (topic != PAGES_TOPIC, topic))
    statement = insert(table).values([{"topic": topic, "version": 1} for topic in ordered])
    connection.execute(
        statement.on_conflict_do_update(index_elements=["topic"], set_={"version": table.c.version + 1})
    )


def bump(*topics: str) -> None:
    """Mark topics changed in the current transaction, for writes that do not go through the ORM."""
    _bump(db.session.connection(), set(topics))


def versions(*topics: str) -> tuple[int, ...]:
    """The topics' current versions, as committed (0 for a topic never changed)."""
    statement = sa.select(DataVersion.topic, DataVersion.version).where(DataVersion.topic.in_(topics))
    found = dict(db.session.execute(statement).all())
    return tuple(found.get(topic, 0) for topic in topics)


def cached(name: str, topics: tuple[str, ...], compute: Callable[[], T], *parts: Any) -> T:
    """`compute()`'s value for the current versions of `topics`, computed at most once per change."""
    key = key_for(name, topics, *parts)
    value = lookup(key)
    if value is None:
        value = compute()
        keep(key, value)
    return value


def key_for(name: str, topics: tuple[str, ...], *parts: Any) -> str:
    """The key of a value computed from the current versions of `topics` (and the reader's language)."""
    locale = str(get_locale()) if has_request_context() else "-"
    current = ",".join(f"{t}{v}" for t, v in zip(topics, versions(*topics), strict=True))
    return "|".join(["innovex", name, *map(str, parts), locale, current])


def lookup(key: str) -> Any:
    return _store().get(key)


def keep(key: str, value: Any, seconds: int | None = None) -> None:
    _store().set(key, value, seconds or current_app.config["CACHE_SECONDS"])


def _store():
    app = current_app._get_current_object()
    store = app.extensions.get("innovex.cache")
    if store is None:
        url = app.config.get("CACHE_URL")
        store = app.extensions["innovex.cache"] = RedisStore(url) if url else MemoryStore()
    return store


class MemoryStore:
    """This process's memory: the newest MEMORY_ENTRIES values, each until it expires."""

    def __init__(self):
        self._values: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Any:
        with self._lock:
            entry = self._values.get(key)
            if entry is None or entry[0] < time.monotonic():
                return None
            self._values.move_to_end(key)
            return entry[1]

    def set(self, key: str, value: Any, seconds: int) -> None:
        with self._lock:
            self._values[key] = (time.monotonic() + seconds, value)
            self._values.move_to_end(key)
            while len(self._values) > MEMORY_ENTRIES:
                self._values.popitem(last=False)


class RedisStore:
    """A Redis shared by every process and host; when it cannot be reached, values are computed each time."""

    def __init__(self, url: str):
        import redis

        self._client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)

    def get(self, key: str) -> Any:
        try:
            data = self._client.get(key)
        except Exception as error:  # a cache that is down must not take the pages with it
            log.warning("cache unavailable: %s", error)
            return None
        return None if data is None else pickle.loads(data)  # noqa: S301 (our own values, in our own Redis)

    def set(self, key: str, value: Any, seconds: int) -> None:
        try:
            self._client.set(key, pickle.dumps(value), ex=seconds)
        except Exception as error:
            log.warning("cache unavailable: %s", error)
