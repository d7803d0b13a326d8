"""Index directories on disk: the live index named by a CURRENT pointer file, per-thread searchers,
one bounded writer at a time, and the marker that tells drains a rebuild is under way.

Layout under INDEX_DIR: `index-v<schema version>-<timestamp>-<pid>/` directories, `CURRENT` naming the live
one (replaced with os.replace, so a swap is atomic), `REBUILDING` while a rebuild runs, and `rebuild.lock`
for one rebuilder. A directory of another schema version is not opened: it needs a rebuild.
"""

import contextlib
import fcntl
import logging
import math
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.idsets import BitSet
from whoosh.index import LockError  # noqa: F401 - re-exported for the drain
from whoosh.query import Query
from whoosh.scoring import BM25F
from whoosh.searching import Searcher
from whoosh.util.filelock import try_for
from whoosh.writing import SegmentWriter

from innovex.search.whoosh.schema import SCHEMA_VERSION, build_schema

CURRENT = "CURRENT"
REBUILDING = "REBUILDING"
REBUILD_LOCK = "rebuild.lock"
REBUILD_MARKER_STALE = 3600  # seconds after which a marker left by a crashed rebuild is ignored

VERSION_PREFIX = f"index-v{SCHEMA_VERSION}-"

_local = threading.local()
log = logging.getLogger(__name__)
_schema = build_schema()


class IndexUnavailable(Exception):
    """The live index is missing or cannot be opened (it needs a rebuild)."""


def current_name(root: Path) -> str | None:
    try:
        name = (root / CURRENT).read_text().strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    return name or None


def open_current(root: Path) -> tuple[str, whoosh_index.FileIndex]:
    """The live index and its directory name; IndexUnavailable when it is missing or unreadable."""
    name = current_name(root)
    if name is None:
        raise IndexUnavailable(f"no {CURRENT} pointer in {root}")
    if not name.startswith(VERSION_PREFIX):
        # Built by an older release with another schema: its fields do not answer today's queries.
        raise IndexUnavailable(f"{root / name} has an outdated schema (this release needs {VERSION_PREFIX}*)")
    try:
        return name, whoosh_index.open_dir(str(root / name), schema=_schema)
    except Exception as error:  # any failure to open means the index has to be rebuilt
        raise IndexUnavailable(f"cannot open {root / name}: {error!r}") from error


def is_healthy(root: Path, attempts: int = 3) -> bool:
    """Whether the live index opens and its reader works. Asked again after a failure: a commit in another
    process can remove the files of merged segments between reading the table of contents and opening
    them, and a false "unhealthy" would start a needless rebuild."""
    for attempt in range(attempts):
        try:
            _name, ix = open_current(root)
            with ix.reader() as reader:
                reader.doc_count_all()
            return True
        except Exception:
            if current_name(root) is None or attempt == attempts - 1:
                return False
            time.sleep(0.1)
    return False


def never_built(root: Path) -> bool:
    """No index was ever made here (a fresh installation), as opposed to one that is lost or broken."""
    return current_name(root) is None and not any(root.glob("index-*"))


def create_fresh(root: Path) -> tuple[str, whoosh_index.FileIndex]:
    """A new empty index directory beside the live one (not yet live)."""
    root.mkdir(parents=True, exist_ok=True)
    name = f"{VERSION_PREFIX}{time.strftime('%Y%m%d%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 1_000_000}"
    (root / name).mkdir()
    return name, whoosh_index.create_in(str(root / name), _schema)


def make_live(root: Path, name: str) -> None:
    """Point CURRENT at a directory atomically, then remove directories older than the previous one."""
    previous = current_name(root)
    temporary = root / f"{CURRENT}.{os.getpid()}.tmp"
    temporary.write_text(name)
    os.replace(temporary, root / CURRENT)
    keep = {name, previous}
    for path in root.glob("index-*"):
        if path.name not in keep and path.is_dir():
            _remove_tree(path)


def _remove_tree(path: Path) -> None:
    for child in path.iterdir():
        child.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # a file still being written: the next swap removes it
        path.rmdir()


class Bm25(BM25F):
    """Whoosh's BM25F with the idf of BM25 itself, log(1 + (N - n + 0.5) / (n + 0.5)): a word in nearly
    every document ("cooperative" in a directory of co-operatives, "community", "digital") weighs next to
    nothing, where Whoosh's log(N / (n + 1)) + 1 never weighs a word below 1, a third of a rare word."""

    def idf(self, searcher, fieldname, text):
        parent = searcher.get_parent()
        n = parent.doc_frequency(fieldname, text)
        return math.log(1 + (parent.doc_count_all() - n + 0.5) / (n + 0.5))


@contextmanager
def searcher(root: Path) -> Iterator[Searcher]:
    """This thread's searcher on the live index, refreshed to the latest commit; never shared by threads."""
    cache: dict = _local.__dict__.setdefault("searchers", {})
    key = str(root)
    name = current_name(root)
    cached = cache.get(key)
    if cached is not None and (cached[0] != name or not _is_latest(cached[1])):
        # Not Searcher.refresh(): it reuses segment readers by segment id, and a commit that only deletes
        # documents keeps the id, so the refreshed searcher would still find deleted documents.
        cached[1].close()
        del cache[key]
        cached = None
    if cached is None:
        name, ix = open_current(root)
        cached = cache[key] = (name, ix.searcher(weighting=Bm25()))
    yield cached[1]


def docset(open_searcher: Searcher, query: Query) -> BitSet:
    """The documents matching a filter query, computed once per searcher (it is per thread, and replaced
    after every commit): filters such as "organisations only" cost a walk over thousands of postings."""
    cache: dict = open_searcher.__dict__.setdefault("_innovex_docsets", {})
    found = cache.get(query)
    if found is None:
        found = cache[query] = BitSet(open_searcher.docs_for_query(query), size=open_searcher.doc_count_all())
    return found


def stored_fields(open_searcher: Searcher, docnum: int) -> dict:
    """A document's stored fields, kept with the searcher (up to 50,000 documents): a search page reads
    those of its top 300 hits, and the same documents come up again and again."""
    cache: dict = open_searcher.__dict__.setdefault("_innovex_stored", {})
    fields = cache.get(docnum)
    if fields is None:
        if len(cache) >= 50_000:
            cache.clear()
        fields = cache[docnum] = open_searcher.stored_fields(docnum)
    return fields


def _is_latest(open_searcher: Searcher) -> bool:
    try:
        return open_searcher.up_to_date()
    except Exception:  # the directory went away (a rebuild cleaned it up): open the live one
        return False


@contextmanager
def writer(root: Path, timeout: float) -> Iterator[tuple[whoosh_index.FileIndex, SegmentWriter]]:
    """The one writer of the live index, waiting at most `timeout` seconds for the lock (LockError).

    After taking the lock the pointer is read again: if a rebuild swapped the index meanwhile, writing
    to the old one would be lost, so the caller gets LockError and tries again later."""
    name, ix = open_current(root)
    open_writer = ix.writer(timeout=timeout)
    if current_name(root) != name:
        open_writer.cancel()
        raise LockError("the index was swapped while waiting for its lock")
    try:
        yield ix, open_writer
    except BaseException:
        open_writer.cancel()
        raise


@contextmanager
def live_index_locked(root: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold the live index's write lock (when there is a usable live index) while it is replaced: a writer
    that took the lock before finishes first (its outbox rows stay, as a rebuild is under way), and one
    that takes it after sees the new pointer and stands back (see writer()). Without this, a drain could
    commit to the old index just after the swap, and delete outbox rows the new index never saw."""
    try:
        _name, ix = open_current(root)
    except IndexUnavailable:
        yield
        return
    lock = ix.lock("WRITELOCK")
    acquired = try_for(lock.acquire, timeout=timeout, delay=0.05)
    if not acquired:
        log.warning("swapping the search index without its write lock (held for over %ss)", timeout)
    try:
        yield
    finally:
        if acquired:
            lock.release()


def commit(ix: whoosh_index.FileIndex, open_writer: SegmentWriter, max_segments: int) -> None:
    """Commit, merging small segments; optimise when many segments have piled up anyway."""
    open_writer.commit(merge=True)
    if len(ix._segments()) > max_segments:
        with contextlib.suppress(LockError):  # another writer got in first; the next commit tries again
            ix.optimize(timeout=0.5)


def rebuilding(root: Path) -> bool:
    """Whether a rebuild is running (drains then keep their outbox rows for the new index)."""
    try:
        started = (root / REBUILDING).stat().st_mtime
    except FileNotFoundError:
        return False
    return time.time() - started < REBUILD_MARKER_STALE


@contextmanager
def rebuild_lock(root: Path, wait: bool) -> Iterator[bool]:
    """Exclusive right to rebuild (across processes); yields False when another holds it and wait is off."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / REBUILD_LOCK, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def set_rebuilding(root: Path, on: bool) -> None:
    marker = root / REBUILDING
    if on:
        marker.write_text(str(os.getpid()))
    else:
        marker.unlink(missing_ok=True)


def close_thread_searchers() -> None:
    """Close this thread's cached searchers (tests and the CLI call it before removing directories)."""
    for _name, cached in _local.__dict__.pop("searchers", {}).values():
        cached.close()
