"""Migrations build the schema the models describe, on a fresh SQLite database, and can be rolled back."""

import os
import subprocess
import sys

import sqlalchemy as sa


def run_flask(tmp_path, *args):
    env = {
        **os.environ,
        "INNOVEX_DATABASE_URL": f"sqlite:///{tmp_path / 'm.sqlite'}",
        "INNOVEX_SECRET_KEY": "t",
    }
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "innovex", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )


def test_upgrade_check_and_downgrade(tmp_path):
    upgrade = run_flask(tmp_path, "db", "upgrade")
    assert upgrade.returncode == 0, upgrade.stderr
    check = run_flask(tmp_path, "db", "check")
    assert check.returncode == 0, check.stdout + check.stderr
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'm.sqlite'}")
    with engine.connect() as connection:
        sectors = connection.exec_driver_sql("SELECT count(*) FROM sectors").scalar()
        forms = connection.exec_driver_sql("SELECT count(*) FROM collaboration_forms").scalar()
    assert sectors > 10 and forms > 5  # the taxonomies are seeded by the first migration
    downgrade = run_flask(tmp_path, "db", "downgrade", "base")
    assert downgrade.returncode == 0, downgrade.stderr
    with engine.connect() as connection:
        tables = sa.inspect(connection).get_table_names()
    assert tables == ["alembic_version"]
