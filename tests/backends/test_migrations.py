"""Migrations build the schema the models describe, on a fresh SQLite database, and can be rolled back."""

import os
import re
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


def assert_vocabularies_match(engine) -> None:
    """`db check` does not compare CHECK constraints: every value of every vocabulary column (choice() in
    innovex/models/base.py) must be allowed by the migrated table, and nothing else. Two branches that each
    rewrote one constraint by hand lost each other's values before this check."""
    import innovex.models  # noqa: F401  (every table in the metadata)
    from innovex.extensions import db

    with engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all()
    schema = dict(rows)
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, sa.Enum) and column.type.create_constraint:
                check = re.search(rf"{column.name} IN \(([^)]*)\)", schema[table.name])
                assert check, f"{table.name}.{column.name} has no CHECK constraint"
                allowed = set(re.findall(r"'([^']*)'", check.group(1)))
                assert allowed == set(column.type.enums), (
                    f"{table.name}.{column.name}: {allowed ^ set(column.type.enums)}"
                )


def test_upgrade_check_and_downgrade(tmp_path):
    upgrade = run_flask(tmp_path, "db", "upgrade")
    assert upgrade.returncode == 0, upgrade.stderr
    check = run_flask(tmp_path, "db", "check")
    assert check.returncode == 0, check.stdout + check.stderr
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'm.sqlite'}")
    assert_vocabularies_match(engine)
    with engine.connect() as connection:
        sectors = connection.exec_driver_sql("SELECT count(*) FROM sectors").scalar()
        forms = connection.exec_driver_sql("SELECT count(*) FROM collaboration_forms").scalar()
    assert sectors > 10 and forms > 5  # the taxonomies are seeded by the first migration
    downgrade = run_flask(tmp_path, "db", "downgrade", "base")
    assert downgrade.returncode == 0, downgrade.stderr
    with engine.connect() as connection:
        tables = sa.inspect(connection).get_table_names()
    assert tables == ["alembic_version"]
