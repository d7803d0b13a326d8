"""Error pages: the right status, in the site layout for pages, JSON under /api/, never a traceback."""

import pytest
import sqlalchemy as sa
from flask import abort

from innovex.extensions import db as _db
from innovex.extensions import limiter
from innovex.models import User
from tests.conftest import build_app

SECRET = "internal detail 7f3a"


def assert_site_layout(response, code: int):
    assert response.status_code == code
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert 'class="site-nav"' in page, "the base template's navigation is missing"
    assert 'class="site-footer"' in page
    assert 'class="error-page"' in page
    assert f'<p class="error-code">{code}</p>' in page
    assert "Traceback" not in page


@pytest.fixture
def error_app(app):
    """The test app with routes that fail in each way; exceptions become pages, as in production."""
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/_test/abort/<int:code>")
    def abort_with(code):
        abort(code)

    @app.get("/_test/boom")
    def boom():
        _db.session.add(User(email="ghost@example.org", display_name="Ghost", handle="ghost"))
        _db.session.flush()
        raise RuntimeError(SECRET)

    @app.get("/api/_test/boom")
    def api_boom():
        raise RuntimeError(SECRET)

    return app


@pytest.mark.parametrize("code", [400, 403, 404, 405, 413, 429, 500])
def test_error_pages_render_in_the_site_layout(error_app, code):
    assert_site_layout(error_app.test_client().get(f"/_test/abort/{code}"), code)


def test_unknown_address_is_a_404_page(client):
    assert_site_layout(client.get("/no/such/page"), 404)


def test_wrong_method_is_a_405_page(client):
    assert_site_layout(client.delete("/"), 405)


def test_oversized_body_is_a_413_page(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = client.post("/language", data={"lang": "en", "next": "/", "filler": "x" * 5000})
    assert_site_layout(response, 413)


def test_missing_csrf_token_is_a_400_page(csrf_app):
    response = csrf_app.test_client().post("/language", data={"lang": "en"})
    assert_site_layout(response, 400)


def test_raising_view_gives_a_500_page_and_writes_nothing(error_app):
    response = error_app.test_client().get("/_test/boom")
    assert_site_layout(response, 500)
    page = response.get_data(as_text=True)
    assert SECRET not in page and "RuntimeError" not in page
    assert _db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_raising_api_view_gives_json_without_detail(error_app):
    response = error_app.test_client().get("/api/_test/boom")
    assert response.status_code == 500
    assert response.is_json
    assert set(response.get_json()) >= {"error", "message"}
    assert SECRET not in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/api/no-such-thing", "/api/v1/no-such-thing"])
def test_api_errors_are_json(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.is_json
    body = response.get_json()
    assert body["error"] and body["message"]


def test_clients_asking_for_json_get_json_errors(client):
    response = client.get("/no/such/page", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.is_json


@pytest.fixture
def limited_app(tmp_path):
    app = build_app(tmp_path, RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://")

    @app.get("/_test/limited")
    @limiter.limit("1 per hour")
    def limited():
        return "ok"

    with app.app_context():
        _db.create_all()
        yield app
        _db.session.remove()
        _db.drop_all()


def test_rate_limit_gives_a_429_page(limited_app):
    client = limited_app.test_client()
    assert client.get("/_test/limited").status_code == 200
    assert_site_layout(client.get("/_test/limited"), 429)


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [("put", "/", {"GET", "HEAD", "OPTIONS"}), ("trace", "/api/v1/projects/0", {"GET", "HEAD", "OPTIONS"})],
)
def test_a_405_says_which_methods_are_allowed(client, method, path, allowed):
    response = client.open(path, method=method.upper())
    assert response.status_code == 405
    assert set(response.headers["Allow"].replace(" ", "").split(",")) == allowed
    if path.startswith("/api/"):
        assert response.is_json and response.get_json()["error"]


def test_a_nul_character_is_never_a_database_error(client, db):
    """PostgreSQL refuses U+0000 in text: /projects/?sector=%00 and a NUL in a project title were 500s there.
    A list filter drops such a value, an address with one is not found, a form says so next to the field."""
    from innovex.models import Project
    from tests.factories import login_as, make_actor, make_user

    assert client.get("/projects/?sector=%00&tag=a%00&organisation=%00").status_code == 200
    assert client.get("/organisations/%00").status_code == 404
    assert client.get("/projects/a%00b").status_code == 404
    owner = make_user()
    actor = make_actor("Nullstelle eG", owner=owner)
    login_as(client, owner)
    response = client.post(
        "/projects/new",
        data={
            "actor": actor.id,
            "title": "Titel\x00",
            "summary": "Kurz",
            "visibility": "public",
            "stage": "idea",
        },
    )
    assert response.status_code == 422
    assert "Please remove invisible control characters." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Project)) == 0
