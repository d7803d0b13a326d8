"""Fixtures: an app per test with its own database, instance folder and index; clients; a login helper."""

import os
from pathlib import Path

import pytest

from innovex import create_app
from innovex.extensions import db as _db
from innovex.taxonomy import sync_taxonomies

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def shared_data(*parts: str) -> Path:
    """A path below ../shared/data; skips the test when that folder is absent (a user's clone)."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture
def app(tmp_path):
    database_url = (
        os.environ.get("INNOVEX_TEST_DATABASE_URL") if os.environ.get("INNOVEX_TEST_ON_PG") else None
    )
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": database_url or f"sqlite:///{tmp_path / 'test.sqlite'}",
            "INDEX_DIR": str(tmp_path / "index"),
            "RATELIMIT_ENABLED": False,
            "SERVER_NAME": None,
        }
    )
    app.instance_path = str(tmp_path / "instance")
    Path(app.instance_path).mkdir()
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
def _no_csrf_by_default(request, app):
    if "csrf_app" not in request.fixturenames:
        app.config["WTF_CSRF_ENABLED"] = False
