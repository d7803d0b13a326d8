"""One Whoosh index consumes the outbox. Two app instances with their own index folders on one database
(SQLite here, PostgreSQL in the re-run): the second refuses to drain, quietly on the request path and with
exit status 1 from `search drain` / `search worker`, while the first keeps draining; processes sharing one
folder are one holder; a silent holder is taken over and `search takeover` moves the index at once, both
rebuilding the new holder's index."""

import logging
import shutil
import time
from contextlib import contextmanager
from datetime import timedelta

import pytest
import sqlalchemy as sa

from innovex.extensions import db as _db
from innovex.models import Actor, SearchIndexHolder, SearchOutbox
from innovex.models.base import utcnow
from innovex.search import drainer, holder, outbox
from innovex.search.outbox import index_root
from innovex.search.whoosh import store
from innovex.search.whoosh.query import parse, run
from innovex.taxonomy import sync_taxonomies
from tests.conftest import build_app, database_settings
from tests.factories import make_actor
from tests.search.search_helpers import drain

pytestmark = pytest.mark.whoosh  # Whoosh's own machinery (see tests/conftest.py)


def found(text) -> set[str]:
    return {h.fields["key"] for h in run(parse(text).query, 100)}


def pending() -> int:
    return _db.session.scalar(sa.select(sa.func.count()).select_from(SearchOutbox))


@pytest.fixture
def hosts(tmp_path):
    """Two app instances ("hosts") with their own instance and index folders, on one database; and a third
    process of host one ("worker": an instance folder of its own, host one's index folder)."""
    shared = {**database_settings(tmp_path, prepared=True), "SEARCH_ENGINE": "whoosh"}
    apps = {}
    for name in ("one", "two", "worker"):
        (tmp_path / name).mkdir()
        apps[name] = build_app(tmp_path / name, prepared=True, **shared)
    apps["worker"].config["INDEX_DIR"] = apps["one"].config["INDEX_DIR"]
    assert apps["one"].config["INDEX_DIR"] != apps["two"].config["INDEX_DIR"]
    with apps["one"].app_context():
        sync_taxonomies()
        _db.session.commit()
    yield apps
    for app in apps.values():
        drainer.drainer(app).stop()
        with app.app_context():
            _db.session.remove()
            _db.engine.dispose()


@contextmanager
def on(app):
    with app.app_context():
        yield
        _db.session.commit()


def rename(actor_id, name):
    actor = _db.session.get(Actor, actor_id)
    actor.name = name
    _db.session.commit()


def test_the_second_host_refuses_and_the_first_keeps_draining(hosts, caplog):
    one, two = hosts["one"], hosts["two"]
    with on(one):
        actor_id = make_actor("Lastenrad Kollektiv eG").id
        drain()
        assert f"actor:{actor_id}" in found("Lastenrad")
        assert holder.current().place == holder.place(index_root())
    with on(two), caplog.at_level(logging.WARNING, logger="innovex.search.holder"):
        rename(actor_id, "Fahrradwerkstatt Kollektiv eG")
        drain()  # builds this host's own index from the database, but consumes nothing
        rename(actor_id, "Fahrradwerkstatt Süd eG")
        assert outbox.drain_all() == 0
        assert pending() == 2  # the changes wait for the host that consumes them
        refusals = [r for r in caplog.records if "not drained here" in r.getMessage()]
        assert len(refusals) == 1  # logged once, not at every request
        assert str(one.config["INDEX_DIR"]) in refusals[0].getMessage()
    with on(one):
        assert drain() == 2
        assert pending() == 0
        assert f"actor:{actor_id}" in found("Fahrradwerkstatt Süd")
        rename(actor_id, "Solarwerk eG")
        assert drain() == 1
        assert f"actor:{actor_id}" in found("Solarwerk")


def test_processes_sharing_one_index_folder_are_one_holder(hosts):
    one, worker = hosts["one"], hosts["worker"]
    with on(one):
        actor_id = make_actor("Kiezladen eG").id
        drain()
    with on(worker):
        rename(actor_id, "Kiezkaufhaus eG")
        assert outbox.drain_all() == 1  # another process, the same folder: it consumes
        result = worker.test_cli_runner().invoke(args=["search", "drain"])
        assert result.exit_code == 0 and "drained: 0 changes applied, 0 pending" in result.output
    with on(one):
        assert f"actor:{actor_id}" in found("Kiezkaufhaus")


def test_drain_and_worker_commands_refuse_with_exit_status_1(hosts):
    one, two = hosts["one"], hosts["two"]
    with on(one):
        make_actor("Holzwerk eG")
        drain()
        held = holder.place(index_root())
    with on(two):
        for command in (["search", "drain"], ["search", "worker", "--interval", "0"]):
            result = two.test_cli_runner().invoke(args=command)
            assert result.exit_code == 1, result.output
            assert f"consumed by the Whoosh index at {held}" in result.output
            assert "INNOVEX_SEARCH_ENGINE=postgres" in result.output
            assert "flask --app innovex search takeover" in result.output
            assert "Traceback" not in result.output
        assert pending() == 0 and holder.current().place == held  # nothing taken, nothing registered
        result = two.test_cli_runner().invoke(args=["search", "query", "Holzwerk"])
        assert result.exit_code == 0 and "1 results" in result.output  # searching its own index is fine


def test_takeover_moves_the_index_and_rebuilds_what_it_missed(hosts):
    one, two = hosts["one"], hosts["two"]
    with on(one):
        actor_id = make_actor("Mühle eG").id
        drain()
        old_place = holder.place(index_root())
    with on(two):
        drain()  # its own index, built now; the next edit it misses, as host one consumes it
    with on(one):
        rename(actor_id, "Windmühle eG")
        drain()
    with on(two):
        assert found("Windmühle") == set()
        result = two.test_cli_runner().invoke(args=["search", "takeover"])
        assert result.exit_code == 0, result.output
        assert f"instead of {old_place}" in result.output
        assert "if it still serves, it stops consuming" in result.output  # it drained moments ago
        assert "search index built (rebuilt: 1 documents)" in result.output
        assert f"actor:{actor_id}" in found("Windmühle")  # the rebuild brought what host one had consumed
        rename(actor_id, "Wassermühle eG")
    with on(one):
        assert outbox.drain_all() == 0 and pending() == 1  # the old host stands back
        assert one.test_cli_runner().invoke(args=["search", "drain"]).exit_code == 1
    with on(two):
        assert drain() == 1
        assert f"actor:{actor_id}" in found("Wassermühle")


def test_a_silent_holder_is_taken_over_and_the_new_index_rebuilt(hosts):
    one, two = hosts["one"], hosts["two"]
    with on(one):
        actor_id = make_actor("Bäckerei eG").id
        drain()
    with on(two):
        drain()
    with on(one):
        rename(actor_id, "Brotbäckerei eG")
        drain()
        _db.session.execute(sa.update(SearchIndexHolder).values(heartbeat_at=utcnow() - timedelta(hours=1)))
    with on(two):
        rename(actor_id, "Brotmanufaktur eG")
        drain()  # takes over, rebuilds (what host one consumed is in it), then drains the new change
        assert pending() == 0
        assert f"actor:{actor_id}" in found("Brotmanufaktur")
        assert holder.current().place == holder.place(index_root())
    with on(one):
        assert outbox.drain_all() == 0  # host two drained a moment ago: host one may not take it back


def test_rows_a_holder_applied_after_losing_the_outbox_stay_for_the_new_holder(hosts):
    one, two = hosts["one"], hosts["two"]
    with on(one):
        actor_id = make_actor("Gärtnerei eG").id
        drain()
    with on(two):
        holder.take_over(index_root())
        rename(actor_id, "Stadtgärtnerei eG")
    with on(one):  # host one had read these rows and applied them before the takeover
        ids = list(_db.session.scalars(sa.select(SearchOutbox.id)))
        _db.session.commit()
        outbox._delete_rows(ids, index_root())
        assert pending() == 1


def test_two_indexes_registering_at_once_one_wins(hosts, monkeypatch):
    one, two = hosts["one"], hosts["two"]
    with on(one):
        assert holder.claim(index_root()) is False
        first = holder.current()
    with on(two):
        monkeypatch.setattr(holder, "current", lambda real=holder.current: None if not calls else real())
        calls = []
        monkeypatch.setattr(holder, "_insert", lambda *a, real=holder._insert: calls.append(1) or real(*a))
        with pytest.raises(holder.NotHolder):  # it saw no holder, its insert met the winner's row
            holder.claim(index_root())
        assert calls
    with on(one):
        # Two indexes taking over a silent holder: the conditional UPDATE lets only the first through.
        stale = first.heartbeat_at
        assert holder._update("a" * 32, "host-a:/index", only_from=first.holder_id, older_than=stale)
        assert not holder._update("b" * 32, "host-b:/index", only_from=first.holder_id, older_than=stale)
        assert holder.current().place == "host-a:/index"


def test_an_idle_drain_thread_renews_the_heartbeat(hosts):
    one = hosts["one"]
    one.config.update(SEARCH_DRAIN="background", SEARCH_HOLDER_STALE=0.5)  # a pass every 0.05 s when idle
    with on(one):
        drain()
        old = utcnow() - timedelta(minutes=5)
        _db.session.execute(sa.update(SearchIndexHolder).values(heartbeat_at=old))
    with on(one):
        drainer.drainer(one).wake()
        before = drainer.drainer(one).passes
        for _ in range(200):
            if drainer.drainer(one).passes > before + 2 and holder.current().heartbeat_at > old:
                break
            time.sleep(0.02)
        assert holder.current().heartbeat_at > old + timedelta(minutes=4)


def test_import_on_a_host_that_does_not_consume_says_so(hosts, tmp_path):
    one, two = hosts["one"], hosts["two"]
    with on(one):
        drain()
    path = tmp_path / "orgs.jsonl"
    path.write_text('{"name": "Imkerei Nord eG", "kind": "cooperative", "city": "Kiel", "country": "DE"}\n')
    with on(two):
        result = two.test_cli_runner().invoke(args=["actors", "import", str(path)])
        assert result.exit_code == 0, result.output
        assert "search index: not updated on this host (1 pending)" in result.output
    with on(one):
        drain()
        assert len(found("Imkerei")) == 1


def test_an_index_folder_made_anew_in_the_same_place_keeps_consuming(hosts):
    one = hosts["one"]
    with on(one):
        actor_id = make_actor("Schreinerei eG").id
        drain()
        first = holder.current().holder_id
        store.close_thread_searchers()
        shutil.rmtree(index_root())  # lost with its id file, as when a container starts without its volume
        rename(actor_id, "Tischlerei eG")
        drain()  # rebuilt from the database, and it still consumes
        assert holder.current().holder_id != first
        assert pending() == 0
        assert f"actor:{actor_id}" in found("Tischlerei")
