"""The outbox: every flush that touches a searchable row adds (type, id, op) rows in the same transaction;
a drain applies them to the index with one writer and deletes them only after the index has committed.
With the PostgreSQL engine the same hook collects the changes instead, and their `search_documents` rows are
written just before the transaction commits (`_write_documents`): no outbox rows, nothing to drain."""

import logging
import threading
from collections.abc import Iterable
from pathlib import Path

import sqlalchemy as sa
from flask import current_app, g, has_app_context
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import event
from sqlalchemy.orm import Session

from innovex.extensions import db
from innovex.models import (
    Actor,
    Offering,
    Project,
    ProjectCoOwner,
    ProjectSeeking,
    SearchOutbox,
    Solution,
    SolutionBlock,
)
from innovex.models.base import utcnow
from innovex.search import holder
from innovex.search.documents import BUILDERS, doc_key, load_documents
from innovex.search.engine import on_postgres
from innovex.search.postgres import index as pg_index
from innovex.search.whoosh import store

log = logging.getLogger(__name__)
PENDING = "search_outbox_pending"
WRITES = "search_transaction_has_writes"
DOCUMENTS = "search_documents_changed"  # PostgreSQL engine: changes whose rows the commit writes
_drain_lock = threading.Lock()  # one drain per process at a time; the index lock orders processes


def index_root() -> Path:
    return Path(current_app.config["INDEX_DIR"])


# Recording --------------------------------------------------------------------------------------------


def _changes(session: Session) -> set[tuple[str, int, str]]:
    changes: set[tuple[str, int, str]] = set()
    touched = [(obj, "upsert") for obj in session.new]
    touched += [(obj, "upsert") for obj in session.dirty if session.is_modified(obj)]
    touched += [(obj, "delete") for obj in session.deleted]
    for obj, op in touched:
        _add_object(changes, obj, op)
    _add_project_solutions(session, changes)
    # A row deleted in this flush must not be re-added by a dependent's upsert.
    deleted = {(t, i) for t, i, op in changes if op == "delete"}
    return {c for c in changes if c[2] == "delete" or (c[0], c[1]) not in deleted}


def _add_object(changes: set[tuple[str, int, str]], obj, op: str) -> None:
    """The documents a written row shows in (none for rows search does not hold)."""
    if isinstance(obj, Actor):
        changes.add(("actor", obj.id, op))
    elif isinstance(obj, Offering):
        changes.add(("offering", obj.id, op))
        if obj.actor_id is not None:  # the owner's profile lists its offerings
            changes.add(("actor", obj.actor_id, "upsert"))
    elif isinstance(obj, Project):
        changes.add(("project", obj.id, op))
    elif isinstance(obj, ProjectSeeking | ProjectCoOwner) and obj.project_id is not None:
        changes.add(("project", obj.project_id, "upsert"))
    elif isinstance(obj, Solution):
        changes.add(("solution", obj.id, op))
    elif isinstance(obj, SolutionBlock) and obj.solution_id is not None:
        changes.add(("solution", obj.solution_id, "upsert"))


def reindex(objects: Iterable) -> None:
    """Queue the documents of rows whose own columns did not change but whose indexed text did (a renamed
    tag or sector shows in the documents of the rows carrying it), in the caller's transaction."""
    changes: set[tuple[str, int, str]] = set()
    for obj in objects:
        _add_object(changes, obj, "upsert")
    session = db.session()
    _add_project_solutions(session, changes)
    _record(session, changes)


def _add_project_solutions(session: Session, changes: set[tuple[str, int, str]]) -> None:
    """A project's visibility and tags show in its solutions' documents: re-index them with it."""
    project_ids = sorted({i for t, i, op in changes if t == "project" and op == "upsert"})
    if not project_ids:
        return
    found = session.connection().execute(sa.select(Solution.id).where(Solution.project_id.in_(project_ids)))
    changes.update(("solution", solution_id, "upsert") for (solution_id,) in found)


@event.listens_for(FlaskSession, "after_flush")
def _record_changes(session: Session, _flush_context) -> None:
    # after_flush rather than before_flush: new rows have their ids here, while new/dirty/deleted still
    # describe this flush; the insert runs on the flush's own connection, so it commits or rolls back with it.
    _record(session, _changes(session))


def _record(session: Session, changes: set[tuple[str, int, str]]) -> None:
    if not changes:
        return
    if on_postgres():  # no outbox: the rows are written just before this transaction commits
        session.info.setdefault(DOCUMENTS, set()).update(changes)
        return
    now = utcnow()
    rows = [{"doc_type": t, "doc_id": i, "op": op, "created_at": now} for t, i, op in sorted(changes)]
    session.connection().execute(sa.insert(SearchOutbox), rows)
    session.info[PENDING] = True


@event.listens_for(FlaskSession, "before_commit")
def _write_documents(session: Session) -> None:
    # PostgreSQL engine: write the search rows of this transaction's changes inside it, so every host finds
    # them the moment it commits (and they roll back with it). Flushing first records the last changes.
    if not on_postgres():
        return
    session.flush()
    changes = session.info.pop(DOCUMENTS, None)
    if changes:
        pg_index.write(session, changes)


@event.listens_for(FlaskSession, "after_flush")
def _note_writes(session: Session, _flush_context) -> None:
    session.info[WRITES] = True


@event.listens_for(FlaskSession, "after_commit")
def _mark_request(session: Session) -> None:
    session.info.pop(WRITES, None)
    if session.info.pop(PENDING, False) and has_app_context():
        g.search_outbox_pending = True


@event.listens_for(FlaskSession, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(PENDING, None)
    session.info.pop(DOCUMENTS, None)
    session.info.pop(WRITES, None)


def release_caller_session() -> bool:
    """End the caller's (request's or command's) transaction when it holds no writes, so that the drain's
    own connection can take SQLite's write lock; False when it holds writes (then the drain waits)."""
    session = db.session()
    if session.new or session.dirty or session.deleted or session.info.get(WRITES):
        return False
    if session.in_transaction():
        session.commit()  # nothing was written in it: this only ends the read and releases its lock
    return True


# Draining ---------------------------------------------------------------------------------------------


def _read_batch(
    limit: int,
) -> tuple[list[int], dict[tuple[str, int], str], dict[str, dict[int, dict | None]]]:
    """Outbox rows (oldest first), the net op per document, and the documents to write."""
    with Session(db.engine) as session:
        rows = session.execute(
            sa.select(SearchOutbox.id, SearchOutbox.doc_type, SearchOutbox.doc_id, SearchOutbox.op)
            .order_by(SearchOutbox.id)
            .limit(limit)
        ).all()
        ops: dict[tuple[str, int], str] = {}
        for _id, doc_type, doc_id, op in rows:
            ops[(doc_type, doc_id)] = op  # the latest change of a document wins
        actor_ids = [i for (t, i), op in ops.items() if t == "actor" and op == "upsert"]
        if actor_ids:  # an organisation's status and sectors show in its offerings' documents too
            owned = session.scalars(sa.select(Offering.id).where(Offering.actor_id.in_(actor_ids)))
            for offering_id in owned:
                ops.setdefault(("offering", offering_id), "upsert")
        documents = {
            doc_type: load_documents(
                session, doc_type, [i for (t, i), op in ops.items() if t == doc_type and op == "upsert"]
            )
            for doc_type in BUILDERS
        }
    return [row[0] for row in rows], ops, documents


def apply_changes(
    writer, ops: dict[tuple[str, int], str], documents: dict[str, dict[int, dict | None]]
) -> None:
    """Write the net changes idempotently: update_document on the unique key, delete_by_term otherwise."""
    for (doc_type, doc_id), op in ops.items():
        document = documents[doc_type].get(doc_id) if op == "upsert" else None
        if document is not None:
            writer.update_document(**document)
            continue
        writer.delete_by_term("key", doc_key(doc_type, doc_id))
        if doc_type == "actor":
            writer.delete_by_query(_owned_offerings(doc_id))


def _owned_offerings(actor_id: int):
    from whoosh.query import And, Term

    return And([Term("type", "offering"), Term("owner", str(actor_id))])


def _delete_rows(ids: list[int], root: Path) -> None:
    """Delete applied rows, in one transaction with the holder's heartbeat: when another index took over
    meanwhile, the rows stay for it (its rebuild may have read the database before these changes)."""
    with Session(db.engine) as session:
        if not holder.still_holding(session.connection(), root):
            session.rollback()
            log.warning("search outbox: another index took over; %s applied rows left for it", len(ids))
            return
        for start in range(0, len(ids), 500):
            session.execute(sa.delete(SearchOutbox).where(SearchOutbox.id.in_(ids[start : start + 500])))
        session.commit()


def drain(limit: int = 1000, timeout: float | None = None, strict: bool = False) -> int | None:
    """Apply up to `limit` outbox rows to the index; the number applied, or None when the index was busy
    (another writer held it longer than the timeout) or unavailable, or when another host's index consumes
    the outbox (logged once; `strict` raises holder.NotHolder instead). Never raises for index trouble."""
    if on_postgres():
        return 0  # nothing is queued: the PostgreSQL engine writes its rows in the committing transaction
    config = current_app.config
    timeout = float(config["SEARCH_WRITER_TIMEOUT"] if timeout is None else timeout)
    root = index_root()
    if not release_caller_session() or not _may_consume(root, strict):
        return None
    if not _drain_lock.acquire(timeout=timeout):
        return None
    try:
        with store.writer(root, timeout) as (ix, writer):
            ids, ops, documents = _read_batch(limit)
            if not ids:
                writer.cancel()
                return 0
            apply_changes(writer, ops, documents)
            store.commit(ix, writer, int(config["SEARCH_MAX_SEGMENTS"]))
        if not store.rebuilding(root):  # during a rebuild the rows stay, for the new index
            _delete_rows(ids, root)
        return len(ids)
    except store.LockError:
        return None
    except store.IndexUnavailable as error:
        log.warning("search index unavailable, outbox kept: %s", error)
        return None
    finally:
        _drain_lock.release()


def _may_consume(root: Path, strict: bool) -> bool:
    """Whether this index consumes the outbox (see holder.py); after taking over from a silent holder its
    index is rebuilt first, as maintenance.ensure_index would (inline when small, else in a thread)."""
    try:
        taken = holder.claim(root)
    except holder.NotHolder as error:
        if strict:
            raise
        holder.warn_once(error)
        return False
    if taken:
        from innovex.search.maintenance import rebuild_soon  # maintenance imports this module

        rebuild_soon(current_app._get_current_object())
    return True


def drain_all(timeout: float | None = None, batch: int = 1000, strict: bool = False) -> int:
    """Drain until the outbox is empty or the index is busy; the number of rows applied."""
    total = 0
    while True:
        done = drain(batch, timeout, strict)
        if not done:
            return total
        total += done
        if done < batch or store.rebuilding(index_root()):  # rows stay during a rebuild: one pass only
            return total


def pending_count() -> int:
    release_caller_session()
    with Session(db.engine) as session:
        return session.scalar(sa.select(sa.func.count()).select_from(SearchOutbox)) or 0
