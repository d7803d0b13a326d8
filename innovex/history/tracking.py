"""The one place revisions are recorded: a session hook that diffs the tracked attributes of every Actor and
Offering a flush writes, so that forms, imports, moderators, restores and commands nobody remembered are all
covered. Who made the change and through what comes from `revision_context`, or from the request.

The changes of one transaction are merged per organisation (a service may flush several times) and written
just before it commits, so a revision shows a save as one step.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask import has_request_context
from flask_login import current_user
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import event
from sqlalchemy.orm import Session

from innovex.extensions import db
from innovex.models import Actor, Offering, ProfileRevision, User
from innovex.models.base import utcnow
from innovex.vocab import REVISION_SOURCES

ACTOR_FIELDS = (
    "name", "kind", "legal_form", "description", "website", "email", "phone", "address", "postcode", "city",
    "region", "country", "lat", "lon", "founded", "members", "source", "source_id", "source_url", "licence",
    "status", "visibility",
)  # fmt: skip
ACTOR_LISTS = {"sectors": "slug", "collaboration": "slug"}
OFFERING_FIELDS = ("kind", "title", "description", "scope", "expires_at")
OFFERING_PREFIX = "offering:"
PENDING = "profile_revisions_pending"


@dataclass(frozen=True)
class Context:
    source: str
    author_id: int | None = None
    note: str = ""


_context: ContextVar[Context | None] = ContextVar("revision_context", default=None)


@contextmanager
def revision_context(source: str, author: User | None = None, note: str = "") -> Iterator[None]:
    """Credit the changes flushed inside the block to `author` through `source`; flushes on the way out so
    that nothing written inside is credited to whoever flushes next."""
    if source not in REVISION_SOURCES:
        raise ValueError(f"unknown revision source {source!r}")
    token = _context.set(Context(source, author.id if author is not None else None, note))
    try:
        yield
        db.session.flush()
    finally:
        _context.reset(token)


def _current_context(actor: Actor) -> Context:
    explicit = _context.get()
    if explicit is not None:
        return explicit
    if has_request_context() and getattr(current_user, "is_authenticated", False):
        moderating = current_user.is_moderator and actor.role_of(current_user) is None
        return Context("moderator" if moderating else "form", current_user.id)
    return Context("cli")


# Values ----------------------------------------------------------------------------------------------


def plain(value):
    """A value as the revision stores it (JSON)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return dict(sorted(value.items()))
    return value


def _scalar_change(obj, name: str) -> tuple[bool, object, object]:
    history = sa.inspect(obj).attrs[name].history
    if not history.added and not history.deleted:
        return False, None, None
    old = history.deleted[0] if history.deleted else None
    new = history.added[0] if history.added else None
    return True, plain(old), plain(new)


def _list_change(obj, name: str, key: str) -> tuple[bool, list, list]:
    history = sa.inspect(obj).attrs[name].load_history()
    if not history.added and not history.deleted:
        return False, [], []
    old = sorted(getattr(row, key) for row in (*history.unchanged, *history.deleted))
    new = sorted(getattr(row, key) for row in (*history.unchanged, *history.added))
    return True, old, new


def offering_state(offering: Offering, old: bool = False) -> dict:
    """An offering's fields as stored in a revision; `old`: as they were before this flush."""
    state = {}
    for name in OFFERING_FIELDS:
        changed, before, now = _scalar_change(offering, name)
        state[name] = before if old and changed else plain(getattr(offering, name))
    changed, before, now = _list_change(offering, "tags", "name")
    state["tags"] = before if old and changed else sorted(t.name for t in offering.tags)
    return state


def actor_changes(actor: Actor, new: bool) -> dict:
    changes = {}
    for name in ACTOR_FIELDS:
        if new:
            value = plain(getattr(actor, name))
            if value not in (None, "", {}):
                changes[name] = [None, value]
            continue
        changed, old, value = _scalar_change(actor, name)
        if changed:
            changes[name] = [old, value]
    for name, key in ACTOR_LISTS.items():
        changed, old, value = _list_change(actor, name, key)
        if changed or (new and value):
            changes[name] = [None if new else old, value]
    return changes


# The hook --------------------------------------------------------------------------------------------


def _note(session: Session, actor: Actor, key, old, new) -> None:
    """Merge one change into the transaction's pending revision of this organisation and context."""
    pending = session.info.setdefault(PENDING, {})
    context = _current_context(actor)
    entry = pending.setdefault((id(actor), context), (actor, context, {}))
    changes = entry[2]
    if key in changes:
        changes[key][1] = new
    else:
        changes[key] = [old, new]


@event.listens_for(FlaskSession, "before_flush")
def _collect(session: Session, _flush_context, _instances) -> None:
    deleted_actors = {id(obj) for obj in session.deleted if isinstance(obj, Actor)}
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Actor) and (obj in session.new or session.is_modified(obj)):
            for name, (old, new) in actor_changes(obj, obj in session.new).items():
                _note(session, obj, name, old, new)
    for obj in list(session.new) + list(session.dirty) + list(session.deleted):
        if not isinstance(obj, Offering) or obj.actor is None or id(obj.actor) in deleted_actors:
            continue
        if obj in session.deleted:
            _note(session, obj.actor, obj, offering_state(obj), None)
        elif obj in session.new:
            _note(session, obj.actor, obj, None, offering_state(obj))
        elif session.is_modified(obj):
            old, new = offering_state(obj, old=True), offering_state(obj)
            if old != new:
                _note(session, obj.actor, obj, old, new)


@event.listens_for(FlaskSession, "before_commit")
def _write(session: Session) -> None:
    session.flush()
    pending = session.info.pop(PENDING, None)
    if not pending:
        return
    now, rows = utcnow(), []
    for actor, context, changes in pending.values():
        if sa.inspect(actor).deleted or sa.inspect(actor).was_deleted or actor.id is None:
            continue
        stored = {}
        for key, (old, new) in changes.items():
            name = f"{OFFERING_PREFIX}{key.id}" if isinstance(key, Offering) else key
            if old != new and name != f"{OFFERING_PREFIX}None":
                stored[name] = [old, new]
        if stored:
            rows.append(
                {
                    "actor_id": actor.id,
                    "author_id": context.author_id,
                    "source": context.source,
                    "note": context.note,
                    "changes": stored,
                    "created_at": now,
                }
            )
    if rows:
        session.connection().execute(sa.insert(ProfileRevision), rows)


@event.listens_for(FlaskSession, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(PENDING, None)


def _track_old_values() -> None:
    # Load the old value when a tracked attribute is set on an expired object (after a commit), so that the
    # revision knows what it replaced.
    for model, names in ((Actor, ACTOR_FIELDS), (Offering, OFFERING_FIELDS)):
        for name in names:
            event.listen(getattr(model, name), "set", lambda *args: None, active_history=True)


_track_old_values()
