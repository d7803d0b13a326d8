"""INNOVEX_PROXY_FIX: X-Forwarded-* are believed only when the setting names trusted proxies."""

import pytest
from flask import request

from innovex.config import ConfigError
from tests.conftest import build_app

FORWARDED = {
    "X-Forwarded-For": "203.0.113.7",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "innovex.example",
}


def _seen(app):
    @app.get("/_probe")
    def probe():
        return {"addr": request.remote_addr, "scheme": request.scheme, "host": request.host}

    return app.test_client().get("/_probe", headers=FORWARDED, environ_base={"REMOTE_ADDR": "10.0.0.2"}).json


def test_forwarded_headers_ignored_by_default(tmp_path):
    app = build_app(tmp_path)
    assert app.config["PROXY_FIX"] == 0
    assert _seen(app) == {"addr": "10.0.0.2", "scheme": "http", "host": "localhost"}


def test_forwarded_headers_used_behind_a_trusted_proxy(monkeypatch, tmp_path):
    monkeypatch.setenv("INNOVEX_PROXY_FIX", "1")
    app = build_app(tmp_path)
    assert app.config["PROXY_FIX"] == 1
    assert _seen(app) == {"addr": "203.0.113.7", "scheme": "https", "host": "innovex.example"}


def test_only_as_many_hops_as_trusted_proxies(tmp_path):
    app = build_app(tmp_path, PROXY_FIX=1)

    @app.get("/_probe")
    def probe():
        return {"addr": request.remote_addr}

    headers = {"X-Forwarded-For": "198.51.100.1, 203.0.113.7"}  # the first one the client made up
    assert app.test_client().get("/_probe", headers=headers).json == {"addr": "203.0.113.7"}


@pytest.mark.parametrize("raw", ["-1", "two"])
def test_bad_value_stops_start_up(monkeypatch, tmp_path, raw):
    monkeypatch.setenv("INNOVEX_PROXY_FIX", raw)
    with pytest.raises(ConfigError, match="INNOVEX_PROXY_FIX"):
        build_app(tmp_path)
