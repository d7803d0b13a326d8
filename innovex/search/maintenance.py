"""Keeping the index whole: rebuild beside the live index and swap, check against the database, self-heal
a missing or corrupt index, and drain leftovers when a process starts serving."""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import Flask
from sqlalchemy.orm import Session

from innovex.extensions import db
from innovex.models import Actor, Offering, Project, SearchOutbox
from innovex.models.base import utcnow
from innovex.search import holder
from innovex.search.documents import BUILDERS, iter_all_documents
from innovex.search.drainer import drainer
from innovex.search.engine import on_postgres
from innovex.search.outbox import drain_all, index_root, release_caller_session
from innovex.search.postgres import index as pg_index
from innovex.search.whoosh import store

log = logging.getLogger(__name__)
Progress = Callable[[str, int], None]


def rebuild(progress: Progress | None = None, wait: bool = True) -> int | None:
    """Build a fresh index from the database beside the live one and swap it in atomically; the number of
    documents, or None when another process is already rebuilding. Searches keep using the old index, and
    changes made meanwhile stay in the outbox and are drained into the new one after the swap. On
    PostgreSQL: rewrite every row of `search_documents` in one transaction."""
    release_caller_session()
    if on_postgres():
        return pg_index.rebuild(progress)
    root = index_root()
    with store.rebuild_lock(root, wait) as acquired:
        if not acquired:
            return None
        store.set_rebuilding(root, True)
        try:
            name, ix = store.create_fresh(root)
            writer = ix.writer(limitmb=128)
            count = 0
            with Session(db.engine) as session:
                for doc_type in BUILDERS:
                    for document in iter_all_documents(session, doc_type):
                        writer.add_document(**document)
                        count += 1
                        if progress and count % 1000 == 0:
                            progress(doc_type, count)
            writer.commit(optimize=True)
            with store.live_index_locked(root):
                store.make_live(root, name)
        finally:
            store.set_rebuilding(root, False)
    drain_all()
    log.info("search index rebuilt: %s documents in %s", count, name)
    return count


def take_over_index() -> None:
    """Make this host's index the one that consumes the outbox (Whoosh; nothing on PostgreSQL), whichever
    index the database names: for a restore, which brings the old installation's registration with it.
    The caller rebuilds the index."""
    if not on_postgres():
        holder.take_over(index_root())


def index_health() -> dict:
    """For the health check: whether the live index opens and reads, and whether a rebuild is under way."""
    if on_postgres():
        return {"ok": pg_index.healthy(), "rebuilding": False}
    root = index_root()
    return {"ok": store.is_healthy(root, attempts=2), "rebuilding": store.rebuilding(root)}


def searchable_row_count() -> int:
    release_caller_session()
    with Session(db.engine) as session:
        return sum(
            session.scalar(sa.select(sa.func.count()).select_from(m)) or 0 for m in (Actor, Offering, Project)
        )


def ensure_index(app: Flask, background: bool | None = None) -> threading.Thread | None:
    """Rebuild a missing or corrupt index (called in an app context): inside the call for a small database,
    else in a thread (searches meanwhile use the database fallback); returns the thread, if one started.
    On PostgreSQL: fill an empty `search_documents` table when there are rows (after an upgrade)."""
    if on_postgres():
        release_caller_session()
        with Session(db.engine) as session:
            empty = pg_index.empty_but_rows_exist(session)
        if not empty:
            return None
        log.warning("search_documents is empty; writing it from the database")
        background = background if background is not None else _large(app)
        if not background:
            pg_index.rebuild()
            return None
        return _start_rebuild(app)
    root = index_root()
    if store.is_healthy(root):
        return None
    if store.never_built(root):
        log.info("building the search index in %s for the first time (a fresh installation)", root)
    else:
        log.error("search index in %s is missing or unreadable; rebuilding it", root)
    return rebuild_soon(app, background)


def rebuild_soon(app: Flask, background: bool | None = None) -> threading.Thread | None:
    """Rebuild the index inside the call for a small database, else in a thread (returned)."""
    if not (background if background is not None else _large(app)):
        rebuild(wait=False)
        return None
    return _start_rebuild(app)


def _large(app: Flask) -> bool:
    """Too many rows to index inside the request that found the index missing."""
    return searchable_row_count() > app.config["SEARCH_SYNC_REBUILD_LIMIT"]


def _start_rebuild(app: Flask) -> threading.Thread:
    thread = threading.Thread(target=_rebuild_quietly, args=(app,), name="search-rebuild", daemon=True)
    thread.start()
    return thread


def _rebuild_quietly(app: Flask) -> None:
    with app.app_context():
        try:
            rebuild(wait=False)
        except Exception:
            log.exception("search index rebuild failed")


@dataclass
class CheckReport:
    missing: list[str] = field(default_factory=list)  # in the database, not in the index
    extra: list[str] = field(default_factory=list)  # in the index, not (or no longer) findable
    stale: list[str] = field(default_factory=list)  # in both, but the index has an older version

    @property
    def drift(self) -> int:
        return len(self.missing) + len(self.extra) + len(self.stale)


def check(repair: bool = True) -> CheckReport:
    """Compare the index with the database and, if asked, queue the differences through the outbox."""
    from innovex.search.documents import expected_versions

    release_caller_session()
    with Session(db.engine) as session:
        expected = expected_versions(session)
        indexed = pg_index.indexed_versions(session) if on_postgres() else None
    if indexed is None:
        with store.searcher(index_root()) as searcher:
            indexed = {fields["key"]: fields.get("updated", 0) for fields in searcher.all_stored_fields()}
    report = CheckReport(
        missing=sorted(set(expected) - set(indexed)),
        extra=sorted(set(indexed) - set(expected)),
        stale=sorted(k for k in set(expected) & set(indexed) if indexed[k] < expected[k]),
    )
    if repair and report.drift and on_postgres():
        pg_index.repair(report.missing + report.stale, report.extra)
    elif repair and report.drift:
        _queue(report.missing + report.stale, "upsert")
        _queue(report.extra, "delete")
        drain_all()
    return report


def _queue(keys: list[str], op: str) -> None:
    now = utcnow()
    rows = [
        {"doc_type": k.split(":")[0], "doc_id": int(k.split(":")[1]), "op": op, "created_at": now}
        for k in keys
    ]
    if rows:
        with Session(db.engine) as session:
            session.execute(sa.insert(SearchOutbox), rows)
            session.commit()


def start_serving(app: Flask) -> None:
    """Run once per process at its first request: heal the index, then drain what earlier processes left."""
    state = app.extensions.setdefault("innovex_search", {"started": False, "lock": threading.Lock()})
    if state["started"]:
        return
    with state["lock"]:
        if state["started"]:
            return
        state["started"] = True
        try:
            ensure_index(app)
            drain_all()
            if app.config["SEARCH_DRAIN"] == "background":  # its idle passes renew the holder's heartbeat
                drainer(app).wake()
        except Exception:
            log.exception("search start-up failed; searches fall back to the database")
