"""Browsers report what the Content-Security-Policy blocked: the policy names the address, the view logs one
clean line per violation, refuses what is too large or not JSON, and draws on a budget per address."""

import json
import logging

import pytest

from tests.conftest import build_app

LEGACY = {
    "csp-report": {
        "document-uri": "https://innovex.example/projects/",
        "violated-directive": "script-src 'self'",
        "blocked-uri": "https://evil.example/x.js",
    }
}
REPORTING_API = [
    {
        "type": "csp-violation",
        "body": {
            "documentURL": "https://innovex.example/",
            "effectiveDirective": "img-src",
            "blockedURL": "data",
        },
    }
]


def test_the_policy_names_the_report_address(client):
    response = client.get("/")
    assert "report-uri /csp-report" in response.headers["Content-Security-Policy"]
    assert "report-to csp" in response.headers["Content-Security-Policy"]
    assert response.headers["Reporting-Endpoints"] == 'csp="/csp-report"'


@pytest.mark.parametrize(
    "body, content_type, expected",
    [
        (LEGACY, "application/csp-report", "violated-directive=script-src_'self' blocked-uri=https://evil"),
        (REPORTING_API, "application/reports+json", "effective-directive=img-src blocked-uri=data"),
    ],
)
def test_a_report_is_logged_on_one_line(csrf_app, caplog, body, content_type, expected):
    client = csrf_app.test_client()  # with CSRF on, as browsers send reports without a token
    with caplog.at_level(logging.WARNING, logger="innovex.csp"):
        response = client.post("/csp-report", data=json.dumps(body), content_type=content_type)
    assert response.status_code == 204
    assert any(expected in record.getMessage() for record in caplog.records), caplog.text


def test_a_report_cannot_write_lines_into_the_log(client, caplog):
    forged = {"csp-report": {"blocked-uri": "x\nERROR innovex forged line\r\x1b[31m" + "y" * 1000}}
    with caplog.at_level(logging.WARNING, logger="innovex.csp"):
        client.post("/csp-report", data=json.dumps(forged), content_type="application/csp-report")
    (message,) = [r.getMessage() for r in caplog.records if r.name == "innovex.csp"]
    assert "\n" not in message and "\r" not in message and "\x1b" not in message
    assert len(message) < 400


@pytest.mark.parametrize("data, status", [("{" * 10, 400), ("x" * 20_000, 413), ("[]", 204)])
def test_what_is_not_a_report_is_refused_or_ignored(client, caplog, data, status):
    with caplog.at_level(logging.WARNING, logger="innovex.csp"):
        response = client.post("/csp-report", data=data, content_type="application/csp-report")
    assert response.status_code == status
    assert not [r for r in caplog.records if r.name == "innovex.csp"]


def test_reports_draw_on_a_budget_per_address(tmp_path):
    app = build_app(tmp_path, RATELIMIT_ENABLED=True, RATELIMIT_CSP_REPORT="2 per minute")
    client = app.test_client()
    statuses = [
        client.post("/csp-report", data=json.dumps(LEGACY), content_type="application/csp-report").status_code
        for _ in range(3)
    ]
    assert statuses == [204, 204, 429]
