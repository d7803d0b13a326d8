"""The same suites against PostgreSQL, and the migrations there; skipped without INNOVEX_TEST_DATABASE_URL."""

import os
import subprocess
import sys

import pytest
import sqlalchemy as sa

from tests import pg_rerun
from tests.conftest import fresh_schema

URL = os.environ.get("INNOVEX_TEST_DATABASE_URL")

pytestmark = pytest.mark.skipif(not URL, reason="INNOVEX_TEST_DATABASE_URL is not set")


def test_suites_pass_on_postgresql():
    """The data-layer suites again on PostgreSQL; the run started when the suite was collected (pg_rerun)."""
    code, output = pg_rerun.result()
    assert code == 0, output


def test_migrations_apply_on_postgresql_without_drift(tmp_path):
    schema = "innovex_migrations"
    engine = sa.create_engine(URL)
    with engine.begin() as connection:
        fresh_schema(connection, schema)
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
