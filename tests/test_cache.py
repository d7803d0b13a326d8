"""Shared aggregates: data versions bumped in the changing transaction, values computed once per change,
kept per process or in Redis, and the pages that use them (home, statistics, map) current after any commit."""

import os
import re

import pytest
import sqlalchemy as sa

from innovex import cache
from innovex.extensions import db
from innovex.models import Actor
from tests.conftest import build_app, two_hosts
from tests.factories import counted_statements, login_as, make_actor, make_user
from tests.project_factories import make_project

REDIS_URL = os.environ.get("INNOVEX_TEST_REDIS_URL")


def test_a_commit_bumps_the_topics_it_changed_and_a_rollback_nothing(app):
    directory, projects = cache.versions("directory", "projects")
    actor = make_actor("Kooperative Nord")
    assert cache.versions("directory", "projects") == (directory + 1, projects)

    actor.description = "Neu"
    db.session.flush()
    actor.city = "Kiel"
    db.session.flush()  # two flushes, one transaction: one bump
    db.session.commit()
    assert cache.versions("directory") == (directory + 2,)

    actor.city = "Lübeck"
    db.session.flush()
    db.session.rollback()
    assert cache.versions("directory") == (directory + 2,)

    make_project(actor, make_user())
    assert cache.versions("directory", "projects")[1] == projects + 1


def test_a_value_is_computed_once_per_change(app):
    calls = []

    def compute():
        calls.append(1)
        return db.session.query(Actor).count()

    with app.test_request_context("/"):
        assert cache.cached("count", ("directory",), compute) == 0
        assert cache.cached("count", ("directory",), compute) == 0
        assert len(calls) == 1
        make_actor("Kooperative Süd")
        assert cache.cached("count", ("directory",), compute) == 1
        assert cache.cached("count", ("projects",), compute) == 1  # another topic: its own key
        assert len(calls) == 3


def test_values_expire_for_what_changes_with_the_clock(app, monkeypatch):
    calls = []
    with app.test_request_context("/"):
        cache.cached("clock", ("directory",), lambda: calls.append(1) or "v")
        now = cache.time.monotonic()
        monkeypatch.setattr(cache.time, "monotonic", lambda: now + app.config["CACHE_SECONDS"] + 1)
        cache.cached("clock", ("directory",), lambda: calls.append(1) or "v")
    assert len(calls) == 2


def test_a_change_made_by_another_process_shows_at_once(app, tmp_path):
    """Two app instances (two worker processes) on one database, each with its own memory cache."""
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("the second instance shares the SQLite file; PostgreSQL is the same statement")
    make_actor("Kooperative Eins")
    other = build_app(
        _folder(tmp_path / "other"), SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"]
    )
    client = app.test_client()
    assert _home_count(client) == 1
    assert "1 organisations are mapped" in client.get("/statistics/").get_data(as_text=True)
    db.session.remove()  # as at the end of a request (the fixture keeps one app context for the whole test)
    with other.app_context():
        make_actor("Kooperative Zwei")
        db.session.remove()
    assert _home_count(client) == 2
    assert "2 organisations are mapped" in client.get("/statistics/").get_data(as_text=True)


def _home_count(client) -> int:
    """The number of organisations the start page shows (its counts come from the cache for visitors)."""
    page = client.get("/").get_data(as_text=True)
    match = re.search(r"<dt>Organisations</dt><dd>(\d+)</dd>", page)
    assert match, "the start page shows no organisation count"
    return int(match.group(1))


def test_the_start_page_counts_from_the_cache_for_visitors(app, client):
    make_actor("Kooperative Drei")
    client.get("/")
    with counted_statements() as anonymous:
        client.get("/")
    with app.test_client() as member:
        login_as(member, make_user())
        member.get("/")
        with counted_statements() as logged_in:
            member.get("/")
    # Visitors: the counts are one primary-key read of the versions; members count live.
    assert len(anonymous) < len(logged_in)


def test_the_map_sees_another_processs_edit_at_once(app, tmp_path):
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("the second instance shares the SQLite file")
    make_actor("Kooperative Karte", lat=51.3, lon=12.4)
    client = app.test_client()
    assert "Kooperative Karte" in client.get("/api/v1/actors.geojson").get_data(as_text=True)
    db.session.remove()
    other = build_app(
        _folder(tmp_path / "other"), SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"]
    )
    with other.app_context():
        actor = db.session.query(Actor).filter_by(name="Kooperative Karte").one()
        actor.name = "Kooperative Landkarte"
        db.session.commit()
        db.session.remove()
    assert "Kooperative Landkarte" in client.get("/api/v1/actors.geojson").get_data(as_text=True)


@pytest.mark.skipif(not REDIS_URL, reason="INNOVEX_TEST_REDIS_URL is not set")
def test_two_hosts_share_values_through_redis(tmp_path):
    first, second = two_hosts(tmp_path, REDIS_URL, CACHE_URL=REDIS_URL)  # one database and one Redis
    calls = []
    for host in (first, second):
        with host.test_request_context("/"):
            assert cache.cached("shared", ("directory",), lambda: calls.append(1) or [1, 2]) == [1, 2]
            db.session.remove()
    assert len(calls) == 1


def test_a_cache_that_is_down_only_costs_time(app):
    app.config["CACHE_URL"] = "redis://127.0.0.1:9/0"  # nothing listens on the discard port
    app.extensions.pop("innovex.cache", None)
    with app.test_request_context("/"):
        assert cache.cached("down", ("directory",), lambda: "computed") == "computed"
    app.extensions.pop("innovex.cache", None)


def _folder(path):
    path.mkdir()
    return path


def test_every_write_a_page_shows_bumps_pages_first_and_sessions_do_not(app):
    from innovex.models import LoginSession

    user = make_user()
    db.session.commit()
    (pages,) = cache.versions(cache.PAGES_TOPIC)
    with counted_statements(only="INSERT") as seen:
        make_actor("Kooperative Süd")  # directory and pages, in one statement
        db.session.commit()
    assert cache.versions(cache.PAGES_TOPIC) == (pages + 1,)
    bumps = [s for s in seen if "data_versions" in s]
    assert len(bumps) == 1

    db.session.add(LoginSession(user_id=user.id, token_hash="f" * 64))
    db.session.commit()
    assert cache.versions(cache.PAGES_TOPIC) == (pages + 1,)  # a login is on no visitor's page


def test_the_pages_row_is_locked_before_any_other(app):
    captured = []

    def listener(_connection, _cursor, statement, parameters, *_args):
        if "data_versions" in statement and statement.lstrip().upper().startswith("INSERT"):
            captured.append(parameters)

    sa.event.listen(db.engine, "before_cursor_execute", listener)
    try:
        make_project(make_actor("Kooperative West"), make_user())
        db.session.commit()
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", listener)
    flat = [
        str(value)
        for parameters in captured
        for value in (parameters.values() if isinstance(parameters, dict) else parameters)
    ]
    topics = [value for value in flat if value in ("directory", "pages", "projects")]
    assert topics and topics[0] == "pages"
