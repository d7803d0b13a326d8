"""Applying the outbox off the request path.

A request that committed searchable changes must not wait for the index's write lock (held across
processes while another drain writes). How the outbox is applied is the setting `SEARCH_DRAIN`:

- "background" (the default): the request wakes this process's drain thread and answers at once; the
  thread applies the outbox within milliseconds, and retries every `SEARCH_DRAIN_RETRY` seconds while rows
  are left (the index was busy, or a drain failed).
- "request": the request drains before it answers, so its author finds the change on the very next page
  (the tests use this, for determinism).
- "worker": requests leave the outbox to `flask search worker`.

While idle, the thread drains now and then anyway: that renews the heartbeat of this index as the one that
consumes the outbox (innovex/search/holder.py).

The committed write is never undone by the index: its rows stay in the outbox until a drain applied them.
"""

import logging
import os
import threading

from flask import Flask

from innovex.extensions import db
from innovex.search import holder, outbox

log = logging.getLogger(__name__)
MODES = ("background", "request", "worker")
EXTENSION = "innovex.search_drainer"


class Drainer:
    """One daemon thread per process and app that drains whenever it is woken."""

    def __init__(self, app: Flask):
        self.app = app
        self.retry = float(app.config["SEARCH_DRAIN_RETRY"])
        # Whoosh: a pass now and then while idle renews this index's heartbeat as the outbox's holder
        # (innovex/search/holder.py), so that a quiet site is not mistaken for a gone one.
        self.idle = None if app.config["SEARCH_ENGINE"] == "postgres" else holder.heartbeat_every(app.config)
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._pid: int | None = None
        self._stopping = False
        self._left = False  # rows may be left from the last pass: retry without being woken
        self.passes = 0  # completed drain passes, for tests and the health check

    def wake(self) -> None:
        self._ensure_thread()
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping = True
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _ensure_thread(self) -> None:
        # After a fork (gunicorn's preloading) the parent's thread does not exist in the child: start anew.
        with self._lock:
            alive = self._thread is not None and self._thread.is_alive() and self._pid == os.getpid()
            if alive:
                return
            self._stopping = False
            self._pid = os.getpid()
            self._thread = threading.Thread(target=self._run, name="innovex-search-drain", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            self._wake.wait(self.retry if self._left else self.idle)
            self._wake.clear()
            if self._stopping:
                return
            self._pass()

    def _pass(self) -> None:
        with self.app.app_context():
            try:
                outbox.drain_all()
                self._left = outbox.pending_count() > 0
            except Exception:  # the rows stay in the outbox; the next pass or the worker applies them
                log.exception("search outbox drain failed")
                self._left = True
            finally:
                db.session.remove()
                self.passes += 1


def after_commit(app: Flask) -> None:
    """A request committed searchable changes: apply them as the app's `SEARCH_DRAIN` says."""
    mode = app.config["SEARCH_DRAIN"]
    if mode == "request":
        try:
            outbox.drain_all()
        except Exception:  # the rows stay in the outbox; the next drain or the worker applies them
            log.exception("search outbox drain failed")
    elif mode == "background":
        drainer(app).wake()


def drainer(app: Flask) -> Drainer:
    found = app.extensions.get(EXTENSION)
    if found is None:
        found = app.extensions.setdefault(EXTENSION, Drainer(app))
    return found
