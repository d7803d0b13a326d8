"""Which Whoosh index consumes the outbox. The outbox is one queue, read once: a drain deletes the rows its
index applied. A second host with an index folder of its own would take the first host's changes (and the
first would never see them), so the Whoosh engine serves one index, and this module makes every other
refuse to consume.

The index is named by a random id in its folder (`HOLDER_FILE`): every process using that folder shares it,
so the processes of one host (or hosts sharing the folder on NFS) are one holder. The holder's row in
`search_index_holders` carries that id, host and folder (for messages) and a heartbeat renewed while it
drains or idles. A drain of another index does not consume while the heartbeat is fresher than
`SEARCH_HOLDER_STALE` seconds; after that it takes over and rebuilds its index, which missed the rows the
old holder consumed. `flask search takeover` moves the index at once (the old host is gone).
"""

import logging
import os
import secrets
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from innovex.extensions import db
from innovex.models import SearchIndexHolder
from innovex.models.base import utcnow

log = logging.getLogger(__name__)
ENGINE = "whoosh"
HOLDER_FILE = "holder-id"
_warned: set[str] = set()  # holders this process has logged a refusal for (once each)


@dataclass(frozen=True)
class Holder:
    holder_id: str
    place: str
    heartbeat_at: datetime

    def age(self) -> float:
        return (utcnow() - self.heartbeat_at).total_seconds()


class NotHolder(Exception):
    """Another index consumes the outbox and is alive: this one must not drain."""

    def __init__(self, holder: Holder, place: str):
        self.holder = holder
        super().__init__(
            f"the search outbox is consumed by the Whoosh index at {holder.place}, which was last active "
            f"{holder.age():.0f}s ago; this index ({place}) does not consume it, or each would take the "
            "other's changes. The Whoosh engine serves one host: serve this one only from there, or share "
            "that index folder, or set INNOVEX_SEARCH_ENGINE=postgres (PostgreSQL, every host finds every "
            "edit). If that host is gone for good, run `flask --app innovex search takeover` here "
            "(it rebuilds this host's index)."
        )


def identity(root: Path) -> str:
    """The id of the index folder, made on first use. Written to a file of its own and linked into place,
    so that racing processes agree on one id and never read a half-written file."""
    path = root / HOLDER_FILE
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    root.mkdir(parents=True, exist_ok=True)
    temporary = root / f"{HOLDER_FILE}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    temporary.write_text(secrets.token_hex(16))
    try:
        os.link(temporary, path)
    except FileExistsError:
        pass
    finally:
        temporary.unlink()
    return path.read_text().strip()


def place(root: Path) -> str:
    return f"{socket.gethostname()}:{root.resolve()}"


def stale_after() -> float:
    return float(current_app.config["SEARCH_HOLDER_STALE"])


def heartbeat_every(config) -> float:
    """How often a holder renews its heartbeat: a tenth of the stale time, at most a minute."""
    return min(60.0, float(config["SEARCH_HOLDER_STALE"]) / 10)


def current() -> Holder | None:
    from innovex.search.outbox import release_caller_session  # the outbox module imports this one

    release_caller_session()  # SQLite: the caller's read must not hold the lock this connection waits for
    with Session(db.engine) as session:
        row = session.get(SearchIndexHolder, ENGINE)
        return None if row is None else Holder(row.holder_id, row.place, row.heartbeat_at)


def claim(root: Path) -> bool:
    """Make sure this index may consume: True when it became the holder just now, taking over from a
    stale one (its index then needs a rebuild), False when it already was or is the first; NotHolder when
    another index holds a fresh heartbeat. Renews this holder's heartbeat when it is due."""
    mine, here = identity(root), place(root)
    held = current()
    if held is None and _insert(mine, here):
        log.info("search index %s now consumes the search outbox", here)
        return False
    held = held or current()
    if held is None:  # rows are never deleted: only a database emptied in between gets here
        raise NotHolder(Holder("", "(unknown)", utcnow()), here)
    if held.holder_id == mine:
        if held.age() >= heartbeat_every(current_app.config):
            _update(mine, here, only_from=mine)
        return False
    if held.place == here:  # this folder was made anew (its id went with it): it is rebuilt as new anyway
        if not _update(mine, here, only_from=held.holder_id):
            raise NotHolder(current() or held, here)
        log.info("search index %s was made anew; it still consumes the search outbox", here)
        return False
    if held.age() < stale_after():
        raise NotHolder(held, here)
    if not _update(mine, here, only_from=held.holder_id, older_than=held.heartbeat_at):
        raise NotHolder(current() or held, here)  # another index took it first
    log.warning("search index %s took over the outbox from %s (%.0fs silent)", here, held.place, held.age())
    return True


def warn_once(error: NotHolder) -> None:
    if error.holder.holder_id not in _warned:
        _warned.add(error.holder.holder_id)
        log.warning("search outbox not drained here: %s", error)


def take_over(root: Path) -> Holder | None:
    """Make this index the holder whatever the row says (the operator moves the index here); the
    previous holder, if any. The caller rebuilds this index."""
    mine, here = identity(root), place(root)
    previous = current()
    if previous is None and _insert(mine, here):
        return None
    previous = current()
    _update(mine, here)
    log.warning("search index %s took over the outbox from %s", here, previous.place if previous else "-")
    return previous


def still_holding(connection: sa.Connection, root: Path) -> bool:
    """Renew the heartbeat inside the caller's transaction; False when another index took over (the
    caller then keeps the outbox rows it applied: they are the new holder's, and its rebuild needs them)."""
    statement = (
        sa.update(SearchIndexHolder)
        .where(SearchIndexHolder.engine == ENGINE, SearchIndexHolder.holder_id == identity(root))
        .values(heartbeat_at=utcnow())
    )
    return connection.execute(statement).rowcount == 1


def _insert(mine: str, here: str) -> bool:
    now = utcnow()
    row = {"engine": ENGINE, "holder_id": mine, "place": here, "claimed_at": now, "heartbeat_at": now}
    try:
        with db.engine.begin() as connection:
            connection.execute(sa.insert(SearchIndexHolder), [row])
    except IntegrityError:  # another index registered first
        return False
    return True


def _update(mine: str, here: str, only_from: str | None = None, older_than: datetime | None = None) -> bool:
    """A conditional UPDATE: of the racing indexes, the one whose condition still holds wins."""
    now = utcnow()
    values = {"holder_id": mine, "place": here, "heartbeat_at": now}
    if only_from != mine:
        values["claimed_at"] = now
    statement = sa.update(SearchIndexHolder).where(SearchIndexHolder.engine == ENGINE).values(**values)
    if only_from is not None:
        statement = statement.where(SearchIndexHolder.holder_id == only_from)
    if older_than is not None:
        statement = statement.where(SearchIndexHolder.heartbeat_at <= older_than)
    with db.engine.begin() as connection:
        return connection.execute(statement).rowcount == 1
