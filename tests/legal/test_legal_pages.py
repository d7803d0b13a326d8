"""Impressum and privacy notice: built from the OPERATOR_* settings, a plain notice while they are unset."""

import logging
from datetime import timedelta

import pytest

from innovex.main.legal import looks_like_production, missing_settings, read_operator
from tests.conftest import build_app

OPERATOR = {
    "OPERATOR_NAME": "Netzwerk Genossenschaftswirtschaft eG",
    "OPERATOR_ADDRESS": "Karl-Liebknecht-Straße 1\n04107 Leipzig",
    "OPERATOR_EMAIL": "kontakt@netzwerk.example",
    "OPERATOR_PHONE": "+49 341 000000",
    "OPERATOR_REPRESENTATIVE": "Der Vorstand: Ada Beispiel, Bert Muster",
    "OPERATOR_REGISTER": "Genossenschaftsregister Amtsgericht Leipzig, GnR 123",
    "OPERATOR_VAT_ID": "DE123456789",
    "PRIVACY_CONTACT": "datenschutz@netzwerk.example",
}


def page(client, url: str, lang: str = "en") -> str:
    response = client.get(url, headers={"Accept-Language": lang})
    assert response.status_code == 200
    return " ".join(response.get_data(as_text=True).split())


def test_the_impressum_shows_every_operator_setting(app, client):
    app.config.update(OPERATOR)
    text = page(client, "/impressum")
    for value in (
        "Netzwerk Genossenschaftswirtschaft eG",
        "Karl-Liebknecht-Straße 1<br>04107 Leipzig",
        "mailto:kontakt@netzwerk.example",
        "+49 341 000000",
        "Der Vorstand: Ada Beispiel",
        "GnR 123",
        "DE123456789",
    ):
        assert value in text
    assert "has not been given its operator" not in text
    assert 'href="/datenschutz"' in text


def test_the_address_may_come_from_the_environment_with_written_out_newlines(monkeypatch, tmp_path):
    monkeypatch.setenv("INNOVEX_OPERATOR_ADDRESS", r"Hauptstraße 5\n10115 Berlin")
    monkeypatch.setenv("INNOVEX_OPERATOR_NAME", "Beispiel eG")
    app = build_app(tmp_path)
    assert read_operator(app.config).address_lines == ("Hauptstraße 5", "10115 Berlin")
    assert read_operator(app.config).name == "Beispiel eG"


@pytest.mark.parametrize("url", ["/impressum", "/datenschutz"])
def test_unset_operator_gives_a_plain_placeholder_notice(client, url):
    text = page(client, url)
    assert "has not been given its operator" in text
    assert "INNOVEX_OPERATOR_NAME" in text
    assert "not given yet" in text


@pytest.mark.parametrize(
    ("url", "heading"), [("/impressum", "Impressum"), ("/datenschutz", "Datenschutzerklärung")]
)
def test_the_pages_are_german_by_default(client, url, heading):
    text = page(client, url, lang="de")
    assert f"<h1>{heading}</h1>" in text
    assert "Datenschutz" in text


def test_the_privacy_notice_describes_what_is_stored(app, client):
    app.config.update(OPERATOR)
    app.config["REMEMBER_COOKIE_DURATION"] = timedelta(days=9)
    text = page(client, "/datenschutz")
    assert "mailto:datenschutz@netzwerk.example" in text
    assert "Netzwerk Genossenschaftswirtschaft eG, Karl-Liebknecht-Straße 1, 04107 Leipzig" in text
    for fact in (
        "salted hash",  # accounts
        "field group by field group",  # profiles with their visibility
        "feedback",
        "IP address",  # the access log of docs/gunicorn.conf.py
        "User-Agent",
        "request id",
        "“session”",
        "“remember_token”",
        "for 9 days",  # the remember-me lifetime from the settings
        "search index",
        "password resets",  # email
        "tile.openstreetmap.org",  # the map's tiles come from another server
        "Art. 15",
        "Art. 17",
        "Art. 77",
        app.config["DATA_LICENSE"],
    ):
        assert fact in text, fact
    assert 'href="/account/data"' in text and 'href="/account/delete"' in text


def test_the_privacy_contact_falls_back_to_the_operator_email(app, client):
    app.config.update({**OPERATOR, "PRIVACY_CONTACT": ""})
    assert "mailto:kontakt@netzwerk.example" in page(client, "/datenschutz")


def test_the_gunicorn_access_log_logs_what_the_privacy_notice_says():
    """The notice names the access log's fields; a change to the format must change the notice too."""
    from pathlib import Path

    conf = (Path(__file__).resolve().parents[2] / "docs" / "gunicorn.conf.py").read_text()
    line = next(row for row in conf.splitlines() if row.startswith("access_log_format"))
    assert line == (
        'access_log_format = \'%(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s" '
        "request_id=%({x-request-id}o)s'"
    )


def test_missing_settings_and_what_counts_as_production():
    assert missing_settings({}) == [
        "INNOVEX_OPERATOR_NAME",
        "INNOVEX_OPERATOR_ADDRESS",
        "INNOVEX_OPERATOR_EMAIL",
    ]
    assert missing_settings(OPERATOR) == []
    assert not looks_like_production({"PREFERRED_URL_SCHEME": "http"})
    assert looks_like_production({"PRODUCTION": True})
    assert looks_like_production({"SESSION_COOKIE_SECURE": True})
    assert looks_like_production({"PREFERRED_URL_SCHEME": "https"})


def test_production_without_operator_warns_at_start_up(monkeypatch, tmp_path, caplog):
    monkeypatch.setenv("INNOVEX_PRODUCTION", "1")
    with caplog.at_level(logging.WARNING, logger="innovex"):
        build_app(tmp_path)
    [warning] = [r for r in caplog.records if r.name == "innovex.main.legal"]
    assert warning.levelno == logging.WARNING
    assert "INNOVEX_OPERATOR_NAME" in warning.getMessage()


def test_no_warning_in_development_or_with_the_operator_set(monkeypatch, tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="innovex"):
        (tmp_path / "dev").mkdir()
        (tmp_path / "prod").mkdir()
        build_app(tmp_path / "dev")
        monkeypatch.setenv("INNOVEX_PRODUCTION", "1")
        build_app(tmp_path / "prod", **OPERATOR)
    assert [r for r in caplog.records if r.name == "innovex.main.legal"] == []
