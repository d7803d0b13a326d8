"""SQLite tuned for concurrent web use (WAL, a busy timeout, foreign keys, write locks taken up front), and
the escaping of LIKE patterns every engine needs."""

from flask import Flask, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from innovex.extensions import db

READ_ONLY_METHODS = {"GET", "HEAD", "OPTIONS"}


def escape_like(text: str) -> str:
    """Text for a LIKE pattern with the wildcards % and _ taken literally (use with escape="\\")."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def init_app(app: Flask) -> None:
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    with app.app_context():
        _configure_sqlite(db.engine)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the sqlite3 module, decide when a transaction begins.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        # A request that may write takes the write lock when its transaction starts, so that two writers queue
        # on busy_timeout instead of failing with "database is locked" when a reader upgrades to a writer.
        if has_request_context() and request.method in READ_ONLY_METHODS:
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


def insert_once(row) -> bool:
    """Add a row inside a savepoint; False when a unique constraint refuses it.

    Checking first and inserting after is a race on PostgreSQL (two requests both see nothing, both insert);
    the savepoint turns the loser's unique violation into False instead of a failed transaction and a 500.
    """
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:
        return False
    return True
