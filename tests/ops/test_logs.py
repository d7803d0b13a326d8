"""Logging: level and format from the settings, a request id per request in records and responses."""

import json
import logging

import pytest
from flask import current_app

from innovex.config import ConfigError
from tests.conftest import build_app


def _with_probe(app):
    @app.get("/_log")
    def probe():
        current_app.logger.info("probe info")
        logging.getLogger("innovex.search.outbox").warning("probe warning")
        return "ok"

    return app


def _lines(text, needle="probe"):
    return [line for line in text.splitlines() if needle in line]


def test_info_logs_are_written_by_default(tmp_path, capsys):
    app = _with_probe(build_app(tmp_path))
    response = app.test_client().get("/_log")
    lines = _lines(capsys.readouterr().err)
    request_id = response.headers["X-Request-ID"]
    assert len(lines) == 2
    assert "INFO innovex [" + request_id + "] probe info" in lines[0]
    assert "WARNING innovex.search.outbox [" + request_id + "] probe warning" in lines[1]


@pytest.mark.parametrize("level", ["warning", "WARNING", "30"])
def test_level_from_the_environment(monkeypatch, tmp_path, capsys, level):
    monkeypatch.setenv("INNOVEX_LOG_LEVEL", level)
    app = _with_probe(build_app(tmp_path))
    app.test_client().get("/_log")
    lines = _lines(capsys.readouterr().err)
    assert len(lines) == 1 and "probe warning" in lines[0]


def test_json_format_one_object_per_line(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("INNOVEX_LOG_FORMAT", "json")
    app = _with_probe(build_app(tmp_path))
    response = app.test_client().get("/_log")
    entries = [json.loads(line) for line in _lines(capsys.readouterr().err)]
    assert [(e["level"], e["logger"], e["message"]) for e in entries] == [
        ("INFO", "innovex", "probe info"),
        ("WARNING", "innovex.search.outbox", "probe warning"),
    ]
    assert {e["request_id"] for e in entries} == {response.headers["X-Request-ID"]}
    assert entries[0]["time"].endswith("+00:00") and "T" in entries[0]["time"]


def test_json_format_carries_exceptions(tmp_path, capsys):
    app = build_app(tmp_path, LOG_FORMAT="json")

    @app.get("/_boom")
    def boom():
        try:
            raise RuntimeError("kaputt")
        except RuntimeError:
            current_app.logger.exception("probe failed")
        return "ok"

    app.test_client().get("/_boom")
    (entry,) = [json.loads(line) for line in _lines(capsys.readouterr().err)]
    assert entry["level"] == "ERROR" and "RuntimeError: kaputt" in entry["exception"]


def test_incoming_request_id_is_kept_when_sane(tmp_path, caplog):
    app = _with_probe(build_app(tmp_path))
    client = app.test_client()
    with caplog.at_level(logging.INFO, logger="innovex"):
        response = client.get("/_log", headers={"X-Request-ID": "lb-4f2a.91:7"})
    assert response.headers["X-Request-ID"] == "lb-4f2a.91:7"
    probes = [r for r in caplog.records if r.getMessage().startswith("probe")]
    assert [r.request_id for r in probes] == ["lb-4f2a.91:7", "lb-4f2a.91:7"]


@pytest.mark.parametrize("incoming", ["", "two words", "x" * 200, "a\u00e4b", "<script>", "-leading-dash"])
def test_insane_request_ids_are_replaced(tmp_path, incoming):
    app = build_app(tmp_path)
    client = app.test_client()
    response = client.get("/healthz", headers={"X-Request-ID": incoming} if incoming else {})
    generated = response.headers["X-Request-ID"]
    assert generated != incoming and len(generated) == 32 and generated.isalnum()
    assert client.get("/healthz").headers["X-Request-ID"] != generated  # one per request


def test_request_id_on_error_pages(tmp_path):
    app = build_app(tmp_path)
    response = app.test_client().get("/no/such/page", headers={"X-Request-ID": "abc123"})
    assert response.status_code == 404 and response.headers["X-Request-ID"] == "abc123"


def test_records_outside_a_request(tmp_path, capsys):
    app = build_app(tmp_path)
    with app.app_context():
        current_app.logger.info("probe from a command")
    (line,) = _lines(capsys.readouterr().err)
    assert "INFO innovex [-] probe from a command" in line


def test_one_handler_however_many_apps(tmp_path, capsys):
    for name in ("a", "b", "c"):
        (tmp_path / name).mkdir()
        app = build_app(tmp_path / name)
    with app.app_context():
        current_app.logger.info("probe once")
    assert len(_lines(capsys.readouterr().err)) == 1


@pytest.mark.parametrize(("name", "raw"), [("LOG_LEVEL", "chatty"), ("LOG_FORMAT", "xml")])
def test_bad_values_stop_start_up(monkeypatch, tmp_path, name, raw):
    monkeypatch.setenv(f"INNOVEX_{name}", raw)
    with pytest.raises(ConfigError, match=f"INNOVEX_{name}"):
        build_app(tmp_path)
