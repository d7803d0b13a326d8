"""Fixtures: an app per test with its own database, instance folder and index; clients; a login helper."""

import os
from pathlib import Path

import pytest
from flask import g
from flask.testing import FlaskClient

from innovex import create_app
from innovex.extensions import db as _db
from innovex.taxonomy import sync_taxonomies
from tests import pg_rerun

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def shared_data(*parts: str) -> Path:
    """A path below ../shared/data; skips the test when that folder is absent (a user's clone)."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


PG_SCHEMA = "innovex_test"


def pytest_collection_finish(session):
    """Start the PostgreSQL re-run beside this run when its test is collected (see tests/pg_rerun.py)."""
    if not os.environ.get("INNOVEX_TEST_ON_PG") and any(item.name == pg_rerun.TEST for item in session.items):
        pg_rerun.start()


def pytest_sessionfinish(session):
    pg_rerun.stop()


def database_settings(tmp_path) -> dict:
    """SQLite in tmp_path; or, with INNOVEX_TEST_ON_PG=1, PostgreSQL in a schema of its own (with `public`
    behind it on the search path, where pg_trgm lives for the PostgreSQL search engine)."""
    url = os.environ.get("INNOVEX_TEST_DATABASE_URL")
    if not (url and os.environ.get("INNOVEX_TEST_ON_PG")):
        return {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'test.sqlite'}"}
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as connection:
        # With `public` on the search path, tables of a migrated innovex there would be used by the tests
        # instead of the test schema's, and dropped at the end: refuse such a database.
        if connection.exec_driver_sql("SELECT to_regclass('public.users')").scalar() is not None:
            pytest.fail(f"{url} holds innovex tables in its public schema: use an empty database")
        connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE")
        connection.exec_driver_sql(f"CREATE SCHEMA {PG_SCHEMA}")
        connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
    engine.dispose()
    return {
        "SQLALCHEMY_DATABASE_URI": url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"options": f"-csearch_path={PG_SCHEMA},public"}},
    }


class Client(FlaskClient):
    """A test client that gives each request a fresh `g`: the fixture keeps one app context open for the whole
    test, and without this a request would see the user and locale cached by the previous request."""

    def open(self, *args, **kwargs):
        vars(g).clear()  # Flask-Login's user, Flask-Babel's locale and the like: fresh, as on a real server
        return super().open(*args, **kwargs)


def build_app(tmp_path, **overrides):
    """An app for one test: its own database, index and instance folder under tmp_path, English, no rate
    limits, no new-account rules; `overrides` change settings (RATELIMIT_ENABLED is read by the limiter when
    the app is made)."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "INDEX_DIR": str(tmp_path / "index"),
            "RATELIMIT_ENABLED": False,
            "SEARCH_DRAIN": "request",  # a request's changes are searchable when it answers (see drainer.py)
            # Tests that write through Core or move the clock read pages right after; the page cache has its
            # own tests (tests/main/test_page_cache.py) and is on in the browser tests, as deployed.
            "PAGE_CACHE": False,
            "NEW_ACCOUNT_DAYS": 0,  # test accounts are minutes old; tests of the new-account rules set it
            "SERVER_NAME": None,
            # Tests read the English source strings; the German default is tested where it matters.
            "BABEL_DEFAULT_LOCALE": "en",
            **database_settings(tmp_path),
            **overrides,
        }
    )
    app.test_client_class = Client
    app.instance_path = str(tmp_path / "instance")
    Path(app.instance_path).mkdir(exist_ok=True)
    return app


@pytest.fixture
def app(tmp_path, request):
    # Tests of Whoosh's own machinery (outbox, drains, index files, its result cache) keep the Whoosh engine
    # when the suite runs on PostgreSQL, where the default engine is PostgreSQL full-text search.
    pinned = {"SEARCH_ENGINE": "whoosh"} if request.node.get_closest_marker("whoosh") else {}
    app = build_app(tmp_path, **pinned)
    with app.app_context():
        _db.create_all()
        sync_taxonomies()
        _db.session.commit()
        yield app
        _db.session.remove()
        _db.drop_all()


@pytest.fixture
def db(app):
    return _db


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def csrf_app(app):
    """The app with CSRF protection on, as in production (tests switch it off by default for brevity)."""
    app.config["WTF_CSRF_ENABLED"] = True
    return app


@pytest.fixture(autouse=True)
def _cheap_password_hashing(monkeypatch):
    """Real hashing costs ~0.4 s a user by design; tests create hundreds of users and test behaviour."""
    from functools import partial

    from werkzeug.security import generate_password_hash

    monkeypatch.setattr(
        "innovex.models.users.generate_password_hash",
        partial(generate_password_hash, method="pbkdf2:sha256:1000"),
    )


@pytest.fixture(autouse=True)
def _no_csrf_by_default(request, app):
    if "csrf_app" not in request.fixturenames:
        app.config["WTF_CSRF_ENABLED"] = False
