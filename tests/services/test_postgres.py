"""The same suites against PostgreSQL, and the migrations there; skipped without INNOVEX_TEST_DATABASE_URL."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]
URL = os.environ.get("INNOVEX_TEST_DATABASE_URL")
# The suites that exercise the data layer; browser and benchmark-like suites stay on SQLite.
SUITES = [
    "tests/auth",
    "tests/account",
    "tests/actors",
    "tests/offerings",
    "tests/importexport",
    "tests/projects",
    "tests/feedback",
    "tests/notifications",
    "tests/seed",
    "tests/api",
    "tests/stats",
    "tests/datacoop",
    "tests/moderation",
    "tests/search",
    "tests/matching",
    "tests/calls",
    "tests/events",
    "tests/history",
    "tests/geocoding",
    "tests/roadmap",
    "tests/solutions",
    "tests/governance",
    "tests/licences",
    "tests/subscriptions",
]

pytestmark = pytest.mark.skipif(not URL, reason="INNOVEX_TEST_DATABASE_URL is not set")


def test_suites_pass_on_postgresql():
    suites = [s for s in SUITES if (ROOT / s).exists()]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:randomly", *suites],
        cwd=ROOT,
        env={**os.environ, "INNOVEX_TEST_ON_PG": "1"},
        capture_output=True,
        text=True,
        timeout=3000,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_migrations_apply_on_postgresql_without_drift(tmp_path):
    schema = "innovex_migrations"
    engine = sa.create_engine(URL)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
        connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
    engine.dispose()
    env = {
        **os.environ,
        "INNOVEX_DATABASE_URL": URL,
        "PGOPTIONS": f"-csearch_path={schema},public",
        "INNOVEX_SECRET_KEY": "test",
    }
    flask = [sys.executable, "-m", "flask", "--app", "innovex"]
    for command in (["db", "upgrade"], ["db", "check"]):
        result = subprocess.run(flask + command, cwd=tmp_path, env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
