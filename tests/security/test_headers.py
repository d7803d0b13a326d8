"""Security headers on every kind of response: pages, static files, redirects, errors, API."""

import pytest

from innovex import create_app
from innovex.extensions import db as _db
from innovex.taxonomy import sync_taxonomies

REFERRER_POLICIES = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def assert_security_headers(response):
    csp = response.headers.get("Content-Security-Policy")
    assert csp, f"no CSP on {response.request.path}"
    directives = csp_directives(csp)
    scripts = directives.get("script-src", directives.get("default-src"))
    assert scripts is not None, "scripts are not restricted"
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts and "*" not in scripts
    assert "'unsafe-inline'" not in directives.get("default-src", [])
    assert directives.get("frame-ancestors") == ["'none'"]
    assert directives.get("object-src") == ["'none'"]
    assert "'self'" in directives.get("base-uri", []) or directives.get("base-uri") == ["'none'"]
    assert response.headers.get("X-Content-Type-Options") == "nosniff"
    assert response.headers.get("X-Frame-Options") == "DENY"
    assert response.headers.get("Referrer-Policy") in REFERRER_POLICIES


RESPONSES = {
    "html page": ("GET", "/", 200),
    "static file": ("GET", "/static/css/innovex.css", 200),
    "missing page": ("GET", "/no-such-page", 404),
    "wrong method": ("DELETE", "/", 405),
    "api error": ("GET", "/api/no-such-thing", 404),
    "redirect": ("POST", "/language", 302),
}


@pytest.mark.parametrize("name", RESPONSES)
def test_every_kind_of_response_carries_the_security_headers(client, name):
    method, path, status = RESPONSES[name]
    response = client.open(path, method=method, data={"lang": "en", "next": "/"})
    assert response.status_code == status
    assert_security_headers(response)
    assert "Strict-Transport-Security" not in response.headers


def test_csrf_error_page_carries_the_security_headers(csrf_app):
    response = csrf_app.test_client().post("/language", data={"lang": "en"})
    assert response.status_code == 400
    assert_security_headers(response)


def test_server_error_page_carries_the_security_headers(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom-for-headers")
    def boom():
        raise RuntimeError("boom")

    response = app.test_client().get("/boom-for-headers")
    assert response.status_code == 500
    assert_security_headers(response)


@pytest.fixture
def production_app(tmp_path, monkeypatch):
    monkeypatch.setenv("INNOVEX_PRODUCTION", "1")
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'prod.sqlite'}",
            "INDEX_DIR": str(tmp_path / "index"),
            "RATELIMIT_ENABLED": False,
        }
    )
    app.instance_path = str(tmp_path / "instance")
    with app.app_context():
        _db.create_all()
        sync_taxonomies()
        _db.session.commit()
        yield app
        _db.session.remove()
        _db.drop_all()


@pytest.mark.parametrize("path", ["/", "/static/css/innovex.css", "/no-such-page"])
def test_hsts_is_sent_in_production(production_app, path):
    response = production_app.test_client().get(path, base_url="https://localhost")
    hsts = response.headers.get("Strict-Transport-Security", "")
    assert "max-age=" in hsts
    assert int(hsts.split("max-age=")[1].split(";")[0]) >= 15_552_000  # at least 180 days
    assert_security_headers(response)


def test_hsts_follows_the_setting(app, client):
    app.config["HSTS"] = True
    assert "Strict-Transport-Security" in client.get("/").headers
    app.config["HSTS"] = False
    assert "Strict-Transport-Security" not in client.get("/").headers
