"""Settings from the environment: parsed by the type of the default, a bad value names its variable."""

from datetime import timedelta

import pytest

from innovex.config import ConfigError, instance_defaults, load_environment, search_engine
from tests.conftest import build_app


def test_time_spans_numbers_and_booleans_are_parsed(monkeypatch):
    config = {"REMEMBER_COOKIE_DURATION": timedelta(days=30), "PAGE_SIZE": 20, "TIMEOUT": 2.0, "HSTS": False}
    monkeypatch.setenv("INNOVEX_REMEMBER_COOKIE_DURATION", "86400")
    monkeypatch.setenv("INNOVEX_PAGE_SIZE", " 50 ")
    monkeypatch.setenv("INNOVEX_TIMEOUT", "0.5")
    monkeypatch.setenv("INNOVEX_HSTS", "yes")
    monkeypatch.setenv("INNOVEX_MAIL_SERVER", "smtp.example.org")
    load_environment(config)
    assert config["REMEMBER_COOKIE_DURATION"] == timedelta(days=1)
    assert config["PAGE_SIZE"] == 50
    assert config["TIMEOUT"] == 0.5
    assert config["HSTS"] is True
    assert config["MAIL_SERVER"] == "smtp.example.org"


@pytest.mark.parametrize(
    ("name", "raw"),
    [("PAGE_SIZE", "twenty"), ("HSTS", "maybe"), ("REMEMBER_COOKIE_DURATION", "30d"), ("TIMEOUT", "x")],
)
def test_bad_value_stops_with_the_variable_name(monkeypatch, name, raw):
    config = {"REMEMBER_COOKIE_DURATION": timedelta(days=30), "PAGE_SIZE": 20, "TIMEOUT": 2.0, "HSTS": False}
    monkeypatch.setenv(f"INNOVEX_{name}", raw)
    with pytest.raises(ConfigError, match=f"INNOVEX_{name}"):
        load_environment(config)


def test_app_with_remember_duration_from_environment(monkeypatch, tmp_path):
    from tests.conftest import build_app

    monkeypatch.setenv("INNOVEX_REMEMBER_COOKIE_DURATION", "86400")
    app = build_app(tmp_path)
    assert app.config["REMEMBER_COOKIE_DURATION"] == timedelta(seconds=86400)


def test_instance_folder_exists_even_with_a_secret_key(tmp_path):
    instance = tmp_path / "fresh" / "instance"
    config = {"SECRET_KEY": "set-from-environment"}
    instance_defaults(config, str(instance))
    assert instance.is_dir()
    assert config["SQLALCHEMY_DATABASE_URI"].endswith("innovex.sqlite")
    assert not (instance / "secret_key").exists()


def test_the_search_engine_follows_the_database_and_postgres_search_needs_postgresql(tmp_path, monkeypatch):
    assert search_engine({"SQLALCHEMY_DATABASE_URI": "sqlite:///x"}) == "whoosh"
    assert search_engine({"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://h/db"}) == "postgres"
    assert (
        search_engine({"SQLALCHEMY_DATABASE_URI": "postgresql://h/db", "SEARCH_ENGINE": "whoosh"}) == "whoosh"
    )
    sqlite = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'c.sqlite'}"}
    assert build_app(tmp_path, **sqlite).config["SEARCH_ENGINE"] == "whoosh"
    monkeypatch.setenv("INNOVEX_SEARCH_ENGINE", "postgres")
    with pytest.raises(ConfigError, match="INNOVEX_SEARCH_ENGINE=postgres needs a PostgreSQL database"):
        build_app(tmp_path, **sqlite)
    monkeypatch.setenv("INNOVEX_SEARCH_ENGINE", "elastic")
    with pytest.raises(ConfigError, match="INNOVEX_SEARCH_ENGINE"):
        build_app(tmp_path, **sqlite)
