"""Backups that restore: `flask backup FILE` and `flask restore FILE`.

A backup is one .tar.gz with `manifest.json` (format, database kind, migration revision, rows per table), the
database and, when the key was generated into the instance folder, `secret_key` (sessions and signed links
stay valid after a restore; a key set through INNOVEX_SECRET_KEY is the operator's to keep).

- SQLite: Python's online backup API, a consistent copy while the app keeps running.
- PostgreSQL: `pg_dump --format=custom`, restored with `pg_restore`; both must be on PATH (the PostgreSQL
  client package). Without them the commands say so and write nothing.

The search index is not in the backup: restore rebuilds it from the database (and the PostgreSQL engine's
search documents are rows like any other). Restore refuses a database that already holds data unless --force.
"""

import io
import json
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from innovex.extensions import db

FORMAT = 1
DATA_TABLES = ("users", "actors")  # a database with rows here holds someone's data


class BackupError(Exception):
    """A backup or restore that cannot be done; nothing was written."""


def row_counts() -> dict[str, int]:
    tables = db.metadata.sorted_tables
    return {t.name: db.session.scalar(sa.select(sa.func.count()).select_from(t)) for t in tables}


def _revision() -> str | None:
    try:
        return db.session.scalar(sa.text("SELECT version_num FROM alembic_version"))
    except sa.exc.DatabaseError:
        db.session.rollback()
        return None


def _secret_file() -> Path:
    return Path(current_app.instance_path) / "secret_key"


def backup(target: Path, echo: Callable[[str], None]) -> str:
    """Write a backup of the current database to `target`; returns the one-line summary."""
    engine = db.engine
    counts = row_counts()
    manifest = {
        "format": FORMAT,
        "dialect": engine.dialect.name,
        "revision": _revision(),
        "rows": counts,
        "secret_key": _secret_file().is_file(),
    }
    db.session.rollback()
    with tempfile.TemporaryDirectory() as folder:
        dump = Path(folder) / "database"
        echo(f"copying the {engine.dialect.name} database…")
        if engine.dialect.name == "sqlite":
            _sqlite_copy(Path(engine.url.database), dump)
        elif engine.dialect.name == "postgresql":
            _run(["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", _libpq_url()])
        else:
            raise BackupError(f"no backup for {engine.dialect.name} databases")
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
            archive.add(dump, "database")
            if manifest["secret_key"]:
                archive.add(_secret_file(), "secret_key")
        partial.replace(target)  # a backup is either complete or not there
    size = target.stat().st_size / 1e6
    return f"Backed up {sum(counts.values())} rows in {len(counts)} tables to {target} ({size:.1f} MB)"


def restore(source: Path, echo: Callable[[str], None], force: bool = False) -> str:
    """Replace the current database with the backup in `source`; returns the one-line summary."""
    engine = db.engine
    with tarfile.open(source, "r:gz") as archive, tempfile.TemporaryDirectory() as folder:
        manifest = _manifest(archive)
        if manifest["dialect"] != engine.dialect.name:
            raise BackupError(
                f"the backup is of a {manifest['dialect']} database; this one is {engine.dialect.name}"
            )
        if not force and _holds_data():
            raise BackupError("this database already holds data; restore into an empty one or use --force")
        archive.extract("database", folder, filter="data")
        dump = Path(folder) / "database"
        db.session.remove()
        engine.dispose()
        echo(f"restoring the {engine.dialect.name} database…")
        if engine.dialect.name == "sqlite":
            _sqlite_copy(dump, Path(engine.url.database))
        else:
            _run(
                ["pg_restore", "--clean", "--if-exists", "--no-owner", f"--dbname={_libpq_url()}", str(dump)]
            )
        engine.dispose()
        if manifest.get("secret_key") and (force or not _secret_file().exists()):
            secret = archive.extractfile("secret_key").read()
            _secret_file().parent.mkdir(parents=True, exist_ok=True)
            _secret_file().write_bytes(secret)
            _secret_file().chmod(0o600)
    counts = row_counts()
    missing = {t: n for t, n in manifest["rows"].items() if counts.get(t) != n}
    if missing:
        raise BackupError(f"restored, but these tables differ from the backup: {missing}")
    echo("rebuilding the search index…")
    from innovex import search

    search.take_over_index()  # the restored registration names the old installation's index
    search.rebuild()
    return f"Restored {sum(counts.values())} rows in {len(counts)} tables from {source}; search index rebuilt"


def _manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile("manifest.json"))
    except (KeyError, ValueError, AttributeError) as error:
        raise BackupError("not an innovex backup (no readable manifest.json)") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    return manifest


def _holds_data() -> bool:
    inspector = sa.inspect(db.engine)
    present = [t for t in DATA_TABLES if inspector.has_table(t)]
    held = any(db.session.scalar(sa.select(sa.func.count()).select_from(sa.table(t))) for t in present)
    db.session.rollback()
    return held


def _sqlite_copy(source: Path, target: Path) -> None:
    """Page by page through SQLite's backup API: consistent even while other connections write."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)
    origin.close()
    copy.close()


def _libpq_url() -> str:
    """The database URL as pg_dump and pg_restore take it (no SQLAlchemy driver name)."""
    url = db.engine.url.set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: apt install postgresql-client)")
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-500:]}")


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))
