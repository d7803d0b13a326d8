"""The PostgreSQL re-run of the data-layer suites (tests/backends/test_postgres.py), started in a process of
its own as soon as the suite is collected, so that it runs beside the SQLite suite on the second core instead
of after it; the test waits for it and reports its output. Not started without INNOVEX_TEST_DATABASE_URL."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEST = "test_suites_pass_on_postgresql"
TIMEOUT = 4500  # seconds; CI stops at 5,400

# Every suite but the browser flows (a live server on SQLite) and tests/backends (its PostgreSQL tests run
# from the SQLite side).
SUITES = [
    "tests/auth",
    "tests/account",
    "tests/actors",
    "tests/offerings",
    "tests/projects",
    "tests/feedback",
    "tests/notifications",
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
    "tests/importexport",
    "tests/seed",
    "tests/main",
    "tests/map",
    "tests/security",
    "tests/legal",
    "tests/ops",
    "tests/i18n",
    "tests/test_idempotency.py",
    "tests/test_loaders.py",
    "tests/test_slugs.py",
    "tests/test_shared_clauses.py",
]

_running: tuple[subprocess.Popen, tempfile.TemporaryFile] | None = None


def start() -> None:
    """Start the re-run once (a second call does nothing)."""
    global _running
    if _running is not None or not os.environ.get("INNOVEX_TEST_DATABASE_URL"):
        return
    _create_trigram_extension()  # once, before two processes could race to create it
    suites = [suite for suite in SUITES if (ROOT / suite).exists()]
    output = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115 - read when the run ends
    process = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:randomly", *suites],
        cwd=ROOT,
        # Redis stays with the SQLite run: its tests share one Redis database and are not in these suites.
        env={**os.environ, "INNOVEX_TEST_ON_PG": "1", "INNOVEX_TEST_REDIS_URL": ""},
        stdout=output,
        stderr=subprocess.STDOUT,
        text=True,
    )
    _running = (process, output)


def _create_trigram_extension() -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(os.environ["INNOVEX_TEST_DATABASE_URL"])
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
    engine.dispose()


def result() -> tuple[int, str]:
    """Wait for the re-run (starting it if it was not) and return its exit code and the end of its output."""
    start()
    process, output = _running
    try:
        code = process.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        code = -1
    output.seek(0)
    return code, output.read()[-6000:]


def stop() -> None:
    """End a re-run the session no longer waits for (a failure with -x, an interrupt)."""
    if _running is not None and _running[0].poll() is None:
        _running[0].kill()
        _running[0].wait()
