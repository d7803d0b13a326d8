"""`flask backup` and `flask restore`: a seeded database backed up, restored into an empty one, every row
there and search working; refusals that change nothing."""

import json
import os
import tarfile
import uuid

import pytest
import sqlalchemy as sa

from innovex import backup, create_app, search
from innovex.extensions import db
from innovex.models import Actor, SearchIndexHolder
from innovex.taxonomy import sync_taxonomies
from tests.factories import make_actor, make_offering

PG_URL = os.environ.get("INNOVEX_TEST_DATABASE_URL")


def host(folder, url=None):
    """An app of its own (a server with its own instance folder), on SQLite in `folder` unless `url`."""
    folder.mkdir(parents=True, exist_ok=True)
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": url or f"sqlite:///{folder / 'innovex.sqlite'}",
            "INDEX_DIR": str(folder / "index"),
            "SEARCH_DRAIN": "request",
            "RATELIMIT_ENABLED": False,
        }
    )
    app.instance_path = str(folder / "instance")
    return app


def data_rows(counts: dict[str, int]) -> dict[str, int]:
    """Rows of every table but the search outbox, which the index rebuild after a restore empties, and the
    registration of the index that consumes it, which the restoring host takes over."""
    return {t: n for t, n in counts.items() if t not in ("search_outbox", "search_index_holders")}


def cli(app, args):
    """Run a command as `flask` would for this app (the test's own app context stays below it)."""
    with app.app_context():
        return app.test_cli_runner().invoke(args=args)


def seeded(folder, url=None):
    app = host(folder, url)
    with app.app_context():
        db.create_all()
        sync_taxonomies()
        coop = make_actor("Lastenrad Kooperative")
        make_offering(coop, title="Lastenradverleih", tags=["mobilität"])
        db.session.commit()
        (folder / "instance").mkdir(exist_ok=True)
        (folder / "instance" / "secret_key").write_text("the-generated-key")
        counts = backup.row_counts()
        db.session.remove()
    return app, counts


def test_a_backup_restores_every_row_and_search_works(app, tmp_path):
    source, _ = seeded(tmp_path / "old")
    archive = tmp_path / "innovex-backup.tar.gz"
    result = cli(source, ["backup", str(archive)])
    assert result.exit_code == 0, result.output
    with source.app_context():
        counts = backup.row_counts()
    assert counts["actors"] == 1 and counts["offerings"] == 1
    assert result.output.strip().splitlines()[-1].startswith(f"Backed up {sum(counts.values())} rows")

    target = host(tmp_path / "new")
    result = cli(target, ["restore", str(archive)])
    assert result.exit_code == 0, result.output
    assert "search index rebuilt" in result.output
    with target.app_context():
        assert data_rows(backup.row_counts()) == data_rows(counts)
        assert search.actor_ids("Lastenradverleih", None)
    assert (tmp_path / "new" / "instance" / "secret_key").read_text() == "the-generated-key"


@pytest.mark.whoosh
def test_the_restoring_host_consumes_the_search_outbox(app, tmp_path):
    """The backup carries the old host's registration as the index that consumes the outbox (fresh, as the
    old host drained moments ago): the restoring host takes it over, or its edits would wait unapplied."""
    source, _ = seeded(tmp_path / "old")
    with source.app_context():
        search.drain()
        assert db.session.scalar(sa.select(SearchIndexHolder.place)).endswith(str(tmp_path / "old" / "index"))
    archive = tmp_path / "innovex-backup.tar.gz"
    assert cli(source, ["backup", str(archive)]).exit_code == 0
    target = host(tmp_path / "new")
    assert cli(target, ["restore", str(archive)]).exit_code == 0
    with target.app_context():
        assert db.session.scalar(sa.select(SearchIndexHolder.place)).endswith(str(tmp_path / "new" / "index"))
        actor = db.session.scalar(sa.select(Actor))
        actor.name = "Fahrradkollektiv Nord"
        db.session.commit()
        assert search.drain() == 1
        assert search.actor_ids("Fahrradkollektiv", None) == [actor.id]
        db.session.remove()


def test_restore_refuses_a_database_with_data_and_changes_nothing(app, tmp_path):
    source, _ = seeded(tmp_path / "old")
    archive = tmp_path / "b.tar.gz"
    cli(source, ["backup", str(archive)])
    other, _ = seeded(tmp_path / "other")
    with other.app_context():
        make_actor("Nur hier")
        counts = backup.row_counts()
        db.session.remove()
    result = cli(other, ["restore", str(archive)])
    assert result.exit_code == 1 and "already holds data" in result.output
    with other.app_context():
        assert data_rows(backup.row_counts()) == data_rows(counts)
    forced = cli(other, ["restore", "--force", str(archive)])
    assert forced.exit_code == 0, forced.output
    with other.app_context():
        assert db.session.scalar(sa.text("SELECT count(*) FROM actors WHERE name = 'Nur hier'")) == 0


def test_what_is_not_a_backup_is_refused(app, tmp_path):
    target = host(tmp_path / "new")
    junk = tmp_path / "junk.tar.gz"
    with tarfile.open(junk, "w:gz"):
        pass
    result = cli(target, ["restore", str(junk)])
    assert result.exit_code == 1 and "not an innovex backup" in result.output

    foreign = tmp_path / "foreign.tar.gz"
    manifest = json.dumps({"format": 1, "dialect": "mysql", "rows": {}}).encode()
    with tarfile.open(foreign, "w:gz") as archive:
        info = tarfile.TarInfo("manifest.json")
        info.size = len(manifest)
        import io

        archive.addfile(info, io.BytesIO(manifest))
    result = cli(target, ["restore", str(foreign)])
    assert result.exit_code == 1 and "mysql" in result.output


@pytest.mark.skipif(not PG_URL, reason="INNOVEX_TEST_DATABASE_URL is not set")
def test_postgresql_backup_restores_into_an_empty_database(app, tmp_path):
    """pg_dump and pg_restore, each database of its own (created and dropped here)."""
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    names = [f"innovex_backup_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    with admin.connect() as connection:
        for name in names:
            connection.exec_driver_sql(f"CREATE DATABASE {name}")
    urls = [admin.url.set(database=name).render_as_string(hide_password=False) for name in names]
    for url in urls:  # as `flask db upgrade` would (the search engine's indexes need it)
        engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        engine.dispose()
    try:
        source, _ = seeded(tmp_path / "old", urls[0])
        archive = tmp_path / "pg.tar.gz"
        result = cli(source, ["backup", str(archive)])
        assert result.exit_code == 0, result.output
        with source.app_context():
            counts = backup.row_counts()
            db.session.remove()
        target = host(tmp_path / "new", urls[1])
        result = cli(target, ["restore", str(archive)])
        assert result.exit_code == 0, result.output
        with target.app_context():
            assert data_rows(backup.row_counts()) == data_rows(counts)
            db.session.remove()
            db.engine.dispose()
        with source.app_context():
            db.engine.dispose()
    finally:
        with admin.connect() as connection:
            for name in names:
                connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()
