"""Fixtures: an app per test with its own database, instance folder and index; clients; a login helper."""

import atexit
import os
import shutil
import tempfile
import threading
from pathlib import Path

import pytest
from flask import g
from flask.testing import FlaskClient

import innovex.models  # noqa: F401 - every table on the metadata, for the prepared databases
from innovex import create_app
from innovex.extensions import db as _db
from innovex.search import drainer
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


def _reuse_url_builders() -> None:
    """Every test makes an app, and Werkzeug compiles two URL-building functions per route from a syntax tree
    (0.13 s of the 0.14 s an app costs, for ~200 routes). The functions depend only on the rule and take the
    rule as their first argument, so the same rule reuses them. Tests only: a server makes its app once."""
    from werkzeug.routing.rules import Rule

    compile_builder = getattr(Rule, "_compile_builder", None)
    if compile_builder is None:  # another Werkzeug: compile as it does
        return
    builders: dict = {}

    def reused(rule, append_unknown=True):
        where = (rule.subdomain, rule.host, rule.map.host_matching, rule.merge_slashes)
        key = (rule.rule, *where, repr(rule.defaults), append_unknown)
        if key not in builders:
            builders[key] = compile_builder(rule, append_unknown)
        return builders[key]

    Rule._compile_builder = reused


_reuse_url_builders()


def pytest_collection_finish(session):
    """Start the PostgreSQL re-run beside this run when its test is collected (see tests/pg_rerun.py)."""
    if not os.environ.get("INNOVEX_TEST_ON_PG") and any(item.name == pg_rerun.TEST for item in session.items):
        pg_rerun.start()


def pytest_sessionfinish(session):
    pg_rerun.stop()


def database_settings(tmp_path, prepared: bool = False) -> dict:
    """SQLite in tmp_path; or, with INNOVEX_TEST_ON_PG=1, PostgreSQL in a schema of its own (with `public`
    behind it on the search path, where pg_trgm lives for the PostgreSQL search engine).

    `prepared`: the tables exist already, empty, as `db.create_all()` leaves them: a copy of a template file
    on SQLite; on PostgreSQL the previous test's tables emptied and their sequences reset, when they are the
    models' tables. Creating and dropping 65 tables cost more than most tests (0.25 s a test on SQLite, 0.8 s
    on PostgreSQL)."""
    url = os.environ.get("INNOVEX_TEST_DATABASE_URL")
    if not (url and os.environ.get("INNOVEX_TEST_ON_PG")):
        path = tmp_path / "test.sqlite"
        if prepared:
            shutil.copyfile(_sqlite_template(), path)
        return {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"}
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as connection:
        # With `public` on the search path, tables of a migrated innovex there would be used by the tests
        # instead of the test schema's, and dropped at the end: refuse such a database.
        if connection.exec_driver_sql("SELECT to_regclass('public.users')").scalar() is not None:
            pytest.fail(f"{url} holds innovex tables in its public schema: use an empty database")
    if not (prepared and _emptied_schema(engine)):
        with engine.begin() as connection:
            fresh_schema(connection, PG_SCHEMA)
            if prepared:
                connection.exec_driver_sql(f"SET LOCAL search_path TO {PG_SCHEMA}, public")
                _db.metadata.create_all(connection)
    engine.dispose()
    return {
        "SQLALCHEMY_DATABASE_URI": url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"options": f"-csearch_path={PG_SCHEMA},public"}},
    }


def fresh_schema(connection, schema: str) -> None:
    """Drop and create a PostgreSQL schema, with pg_trgm in `public` (behind it on the search path)."""
    connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")


def two_hosts(tmp_path, redis_url: str, **settings):
    """Two apps, as two hosts behind one load balancer, on one SQLite database (its tables made) and one
    Redis database (emptied first); `settings` say what they share through it."""
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    settings = {
        "TESTING": True,
        "SECRET_KEY": "test",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'shared.sqlite'}",
        **settings,
    }
    first, second = create_app(settings), create_app(settings)
    with first.app_context():
        _db.create_all()
    return first, second


_template: Path | None = None


def _sqlite_template() -> Path:
    """An SQLite file with every table, made once per test process."""
    global _template
    if _template is None:
        import sqlalchemy as sa

        folder = tempfile.mkdtemp(prefix="innovex-tables-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        path = Path(folder) / "tables.sqlite"
        engine = sa.create_engine(f"sqlite:///{path}")
        _db.metadata.create_all(engine)
        engine.dispose()
        _template = path
    return _template


def _emptied_schema(engine) -> bool:
    """Empty the test schema's tables and restart its sequences, when it holds exactly the models' tables
    (a test that ran migrations or dropped tables leaves others: then the schema is made anew)."""
    import sqlalchemy as sa

    tables = _db.metadata.sorted_tables
    with engine.connect() as connection:
        found = connection.exec_driver_sql(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s", (PG_SCHEMA,)
        ).scalars()
        connection.rollback()
        if set(found) != {table.name for table in tables}:
            return False
        try:
            with connection.begin():
                # DELETE, children first, is some 30 times faster than TRUNCATE on a few rows.
                connection.exec_driver_sql(
                    "; ".join(f'DELETE FROM {PG_SCHEMA}."{table.name}"' for table in reversed(tables))
                )
                connection.exec_driver_sql(
                    "SELECT setval(s.oid, 1, false) FROM pg_class s"
                    " JOIN pg_namespace n ON n.oid = s.relnamespace WHERE s.relkind = 'S' AND n.nspname = %s",
                    (PG_SCHEMA,),
                ).all()
        except sa.exc.DBAPIError:  # rows in a cycle of foreign keys: start afresh
            return False
    return True


class Client(FlaskClient):
    """A test client that gives each request a fresh `g`: the fixture keeps one app context open for the whole
    test, and without this a request would see the user and locale cached by the previous request."""

    def open(self, *args, **kwargs):
        vars(g).clear()  # Flask-Login's user, Flask-Babel's locale and the like: fresh, as on a real server
        return super().open(*args, **kwargs)


def build_app(tmp_path, prepared: bool = False, **overrides):
    """An app for one test: its own database, index and instance folder under tmp_path, English, no rate
    limits, no new-account rules; `overrides` change settings (RATELIMIT_ENABLED is read by the limiter when
    the app is made). `prepared`: the database has its tables already (see database_settings)."""
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
            **database_settings(tmp_path, prepared),
            **overrides,
        }
    )
    app.test_client_class = Client
    app.instance_path = str(tmp_path / "instance")
    Path(app.instance_path).mkdir(exist_ok=True)
    return app


@pytest.fixture(autouse=True)
def _stop_drain_threads():
    """A test's background drain thread would otherwise live on and wake (idle heartbeats every minute)
    against a database that a later test has emptied or that is gone: stop every one with its test, whichever
    app made it (a later wake of a live app starts a new one)."""
    yield
    for thread in threading.enumerate():
        owner = getattr(getattr(thread, "_target", None), "__self__", None)
        if isinstance(owner, drainer.Drainer):
            owner.stop(timeout=1)


@pytest.fixture
def app(tmp_path, request):
    # Tests of Whoosh's own machinery (outbox, drains, index files, its result cache) keep the Whoosh engine
    # when the suite runs on PostgreSQL, where the default engine is PostgreSQL full-text search.
    pinned = {"SEARCH_ENGINE": "whoosh"} if request.node.get_closest_marker("whoosh") else {}
    app = build_app(tmp_path, prepared=True, **pinned)
    with app.app_context():
        sync_taxonomies()
        _db.session.commit()
        yield app
        _db.session.remove()
        _db.engine.dispose()  # the next test empties the tables (PostgreSQL) or has a file of its own


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
