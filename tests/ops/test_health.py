"""/healthz: database, search index and outbox lag as JSON; 503 when the database or the drain is stuck."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from innovex.models import SearchOutbox
from innovex.models.base import utcnow
from innovex.search.outbox import index_root
from innovex.search.whoosh import store
from tests.conftest import build_app
from tests.factories import make_actor
from tests.search.search_helpers import drain


def test_healthy(app, db, client):
    make_actor("Kiezbäckerei eG")
    drain()
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"ok": True}
    assert body["checks"]["search"] == {"ok": True, "rebuilding": False}
    assert body["checks"]["outbox"]["ok"] is True
    assert body["checks"]["outbox"]["pending"] == 0
    assert body["checks"]["outbox"]["max_age_seconds"] == 300
    assert response.headers["Cache-Control"] == "no-store"


def test_database_down_is_503_without_secrets(app, db, client):
    client.get("/healthz")  # the process's first request heals the index: not part of this check
    broken = sa.create_engine(f"sqlite:///{app.instance_path}/missing/dir/db.sqlite")
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(db.engines, None, broken)
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "failing"
    assert body["checks"]["database"] == {"ok": False, "error": "OperationalError"}
    assert body["checks"]["outbox"]["ok"] is False
    assert "sqlite" not in response.get_data(as_text=True)
    assert "missing" not in response.get_data(as_text=True)


@pytest.mark.whoosh
def test_search_unusable_is_degraded_but_serving(app, db, client, monkeypatch):
    client.get("/healthz")
    store.close_thread_searchers()
    (index_root() / store.CURRENT).write_text("index-v0-gone")  # a pointer to an index that is not there
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "degraded"
    assert body["checks"]["search"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True


def _old_outbox_row(db, age_seconds):
    db.session.execute(
        sa.insert(SearchOutbox).values(
            doc_type="actor", doc_id=1, op="upsert", created_at=utcnow() - timedelta(seconds=age_seconds)
        )
    )
    db.session.commit()


def test_outbox_older_than_the_setting_is_503(app, db, client):
    client.get("/healthz")
    _old_outbox_row(db, 600)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "failing"
    assert body["checks"]["database"]["ok"] is True
    outbox = body["checks"]["outbox"]
    assert outbox["ok"] is False and outbox["pending"] == 1 and outbox["oldest_age_seconds"] >= 600

    app.config["HEALTH_OUTBOX_MAX_AGE"] = 900
    assert client.get("/healthz").status_code == 200


def test_young_outbox_rows_are_healthy(app, db, client):
    client.get("/healthz")
    _old_outbox_row(db, 10)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["checks"]["outbox"]["pending"] == 1


@pytest.mark.whoosh
def test_old_outbox_during_a_rebuild_is_not_a_failure(app, db, client):
    client.get("/healthz")
    _old_outbox_row(db, 600)
    store.set_rebuilding(index_root(), True)
    try:
        response = client.get("/healthz")
    finally:
        store.set_rebuilding(index_root(), False)
    assert response.status_code == 200
    assert response.get_json()["checks"]["search"]["rebuilding"] is True


def test_max_age_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("INNOVEX_HEALTH_OUTBOX_MAX_AGE", "60")
    assert build_app(tmp_path).config["HEALTH_OUTBOX_MAX_AGE"] == 60


def test_exempt_from_application_and_default_rate_limits(app):
    from flask_limiter import ExemptionScope

    from innovex.extensions import limiter

    scope = limiter.limit_manager.exemption_scope(app, "health.healthz", "health")
    assert scope & ExemptionScope.APPLICATION and scope & ExemptionScope.DEFAULT


def test_postgresql_url_with_several_hosts(app, db, client):
    """The URL form docs/deploy.md gives for a primary and standbys: the first host that takes writes."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only (INNOVEX_TEST_ON_PG=1)")
    from tests.conftest import PG_SCHEMA

    url = db.engine.url
    live = f"{url.host or '127.0.0.1'}:{url.port or 5432}"
    several = url.set(
        host=None,
        port=None,
        query={"host": ["127.0.0.1:1", live], "target_session_attrs": "read-write", "connect_timeout": "3"},
    )
    engine = sa.create_engine(several, connect_args={"options": f"-csearch_path={PG_SCHEMA}"})
    client.get("/healthz")
    _old_outbox_row(db, 10)
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(db.engines, None, engine)
        response = client.get("/healthz")
    engine.dispose()
    assert response.status_code == 200
    body = response.get_json()
    assert body["checks"]["database"] == {"ok": True} and body["checks"]["outbox"]["pending"] == 1
