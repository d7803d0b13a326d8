"""How committed changes reach the index (SEARCH_DRAIN): off the request path by default, so no request
waits for the index's write lock; in the request when asked; or only by the worker."""

import threading
import time

import pytest
from flask import Response

from innovex.config import ConfigError
from innovex.search import drainer, outbox
from innovex.search.whoosh.query import parse, run
from tests.conftest import build_app
from tests.factories import make_actor
from tests.search.search_helpers import drain

pytestmark = pytest.mark.whoosh  # Whoosh's own machinery (see tests/conftest.py)


def found(text):
    return {(h.type, h.pk) for h in run(parse(text).query, 100)}


def wait_until(condition, seconds=5.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


@pytest.fixture
def background_app(app):
    app.config.update(SEARCH_DRAIN="background", SEARCH_DRAIN_RETRY=0.05)
    yield app
    drainer.drainer(app).stop()


def commit_in_a_request(app, name):
    """A request that commits a searchable change and answers, running the app's after-request hooks."""
    with app.test_request_context("/"):
        actor = make_actor(name)
        app.process_response(Response("ok"))
        return actor.id


def test_background_mode_answers_before_the_index_is_written_then_applies_the_change(background_app, db):
    drain()  # the index exists
    threads = []
    real = outbox.drain_all

    def recording(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    outbox.drain_all = recording
    try:
        actor_id = commit_in_a_request(background_app, "Lastenradkollektiv Nord eG")
        assert wait_until(lambda: ("actor", actor_id) in found("Lastenradkollektiv"))
    finally:
        outbox.drain_all = real
    assert threads and set(threads) == {"innovex-search-drain"}  # never on the request's thread
    assert wait_until(lambda: outbox.pending_count() == 0)  # its rows go once the index has committed


def test_background_mode_retries_rows_a_failed_drain_left(background_app, db, monkeypatch):
    drain()
    real = outbox.drain_all
    calls = []

    def failing_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("index trouble")
        return real(*args, **kwargs)

    monkeypatch.setattr(outbox, "drain_all", failing_once)
    actor_id = commit_in_a_request(background_app, "Solarkollektiv Süd eG")
    assert wait_until(lambda: ("actor", actor_id) in found("Solarkollektiv"))  # no second request needed
    assert len(calls) >= 2


def test_request_mode_drains_before_answering(app, db):
    drain()
    actor_id = commit_in_a_request(app, "Kiezwerkstatt eG")  # the tests' app drains in the request
    assert ("actor", actor_id) in found("Kiezwerkstatt")
    assert drainer.EXTENSION not in app.extensions  # no thread was started


def test_worker_mode_leaves_the_outbox_to_the_worker(app, db):
    app.config["SEARCH_DRAIN"] = "worker"
    drain()
    actor_id = commit_in_a_request(app, "Gemeinschaftsgarten eG")
    assert outbox.pending_count() > 0 and ("actor", actor_id) not in found("Gemeinschaftsgarten")
    drain()
    assert ("actor", actor_id) in found("Gemeinschaftsgarten")


def test_an_unknown_drain_mode_stops_start_up_naming_the_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("INNOVEX_SEARCH_DRAIN", "sometimes")
    with pytest.raises(ConfigError, match="INNOVEX_SEARCH_DRAIN"):
        build_app(tmp_path)
