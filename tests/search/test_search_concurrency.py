"""Four processes writing through the app at once, with one database and one index: nothing is lost."""

import multiprocessing
import time

import pytest
import sqlalchemy as sa

from innovex.models import Actor
from innovex.search import maintenance
from innovex.search.whoosh.query import parse, run
from tests.search.search_helpers import drain

pytestmark = pytest.mark.whoosh  # Whoosh's own machinery (see tests/conftest.py)

WORKERS = 4
SECONDS = 2.5
MIN_WRITES = 3


def _write_through_app(database: dict, index_dir: str, worker: int, seconds: float, results) -> None:
    from flask import request

    from innovex import create_app
    from innovex.extensions import db
    from innovex.search.whoosh import store

    store.close_thread_searchers()  # a forked child must not share the parent's open searchers
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "t",
            **database,  # the test's database (on PostgreSQL with its schema)
            "SEARCH_ENGINE": "whoosh",
            "INDEX_DIR": index_dir,
            "RATELIMIT_ENABLED": False,
            "WTF_CSRF_ENABLED": False,
        }
    )

    def create():
        n = request.form["n"]
        actor = Actor(
            slug=f"w{worker}-{n}",
            name=f"Prozess{worker} Nummer{n}",
            name_key=f"w{worker}-{n}",
            kind="cooperative",
        )
        db.session.add(actor)
        previous = db.session.scalar(sa.select(Actor).where(Actor.slug == f"w{worker}-{int(n) - 1}"))
        if previous is not None:  # edits race with inserts too
            previous.description = f"bearbeitet{worker}x{n}"
        db.session.commit()
        return "ok"

    app.add_url_rule("/_test/create", "test_create", create, methods=["POST"])
    client = app.test_client()
    # For a while, and at least a few writes each: on a loaded machine a worker's first write can take the
    # whole window (it waits for the index lock), and two writes per worker still race each other.
    deadline, count, failures = time.monotonic() + seconds, 0, 0
    while time.monotonic() < deadline or count < MIN_WRITES:
        if client.post("/_test/create", data={"n": count}).status_code != 200:
            failures += 1
        count += 1
    results.put((worker, count, failures))


def test_four_processes_lose_no_document(app, db):
    drain()  # the index exists before the writers start
    context = multiprocessing.get_context("fork")  # no re-import per child: the test stays short
    results = context.Queue()
    database = {key: app.config[key] for key in ("SQLALCHEMY_DATABASE_URI", "SQLALCHEMY_ENGINE_OPTIONS")}
    index_dir = app.config["INDEX_DIR"]
    processes = [
        context.Process(target=_write_through_app, args=(database, index_dir, w, SECONDS, results))
        for w in range(WORKERS)
    ]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(30)
    assert all(failures == 0 for _w, _count, failures in outcomes)
    written = sum(count for _w, count, _f in outcomes)
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Actor)) == written > WORKERS

    drain()  # whatever a busy index left in the outbox
    report = maintenance.check(repair=False)
    assert report.drift == 0, report
    last_edit = db.session.scalar(sa.select(Actor.description).where(Actor.description != "").limit(1))
    assert {h.type for h in run(parse(last_edit).query, 5)} == {"actor"}
