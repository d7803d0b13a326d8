"""Rebuild with an atomic swap, drift check and repair, self-healing of a missing or corrupt index, CLI."""

import json
import shutil
import threading

import pytest

from innovex.models import SearchOutbox
from innovex.search import maintenance, outbox
from innovex.search.outbox import index_root
from innovex.search.whoosh import store
from innovex.search.whoosh.query import parse, run
from tests.factories import make_actor, make_offering
from tests.project_factories import make_project
from tests.search.search_helpers import drain

pytestmark = pytest.mark.whoosh  # Whoosh's own machinery (see tests/conftest.py)


def keys(text):
    return {h.fields["key"] for h in run(parse(text).query, 1000)}


def test_rebuild_swaps_while_searches_keep_working(app, db):
    for n in range(60):
        actor = make_actor(f"Genossenschaft Nummer {n}", description="Gemeinwohl und Lastenräder")
        make_offering(actor, title=f"Angebot {n}")
    drain()
    before = store.current_name(index_root())
    failures, counts, stop = [], [], threading.Event()

    def search_loop():
        with app.app_context():
            while not stop.is_set():
                try:
                    counts.append(len(keys("Lastenrad")))
                except Exception as error:  # any failed search fails the test
                    failures.append(error)
        store.close_thread_searchers()

    thread = threading.Thread(target=search_loop)
    thread.start()
    try:
        assert maintenance.rebuild() == 120
        assert maintenance.rebuild() == 120
    finally:
        stop.set()
        thread.join()
    assert not failures
    assert counts and set(counts) == {60}  # every search during the swaps found every known document
    assert store.current_name(index_root()) != before


def test_changes_during_a_rebuild_reach_the_new_index(app, db):
    actor = make_actor("Altname eG")
    drain()
    store.set_rebuilding(index_root(), True)  # as if a rebuild were running in another process
    actor.name = "Neuname eG"
    db.session.commit()
    drain()
    assert outbox.pending_count() > 0  # kept for the new index
    store.set_rebuilding(index_root(), False)
    maintenance.rebuild()
    assert keys("Neuname") == {f"actor:{actor.id}"} and outbox.pending_count() == 0


def test_check_finds_and_repairs_drift(app, db):
    kept = make_actor("Bleibt eG")
    lost = make_actor("Fehlt eG")
    drain()
    with store.writer(index_root(), 1) as (ix, writer):  # drift: one document lost, one ghost added
        writer.delete_by_term("key", f"actor:{lost.id}")
        writer.add_document(key="actor:9999", type="actor", pk=9999, owner="9999", title="Gespenst eG")
        writer.commit()
    report = maintenance.check(repair=True)
    assert report.missing == [f"actor:{lost.id}"] and report.extra == ["actor:9999"]
    assert maintenance.check(repair=False).drift == 0
    assert keys("Fehlt") == {f"actor:{lost.id}"} and keys("Gespenst") == set() and keys("Bleibt")
    assert kept


def test_missing_index_is_rebuilt_and_searches_fall_back_meanwhile(app, db, client):
    make_actor("Wiederda eG")
    drain()
    shutil.rmtree(index_root())
    page = client.get("/search/?q=Wiederda")  # first request of this app: heals the index
    assert page.status_code == 200 and "Wiederda" in page.get_data(as_text=True)
    assert store.is_healthy(index_root())


def test_corrupt_index_falls_back_to_the_database(app, db, client):
    make_actor("Kaputt eG")
    drain()
    client.get("/search/?q=x")
    live = index_root() / store.current_name(index_root())
    for path in live.iterdir():
        path.write_bytes(b"garbage")
    store.close_thread_searchers()
    page = client.get("/search/?q=Kaputt").get_data(as_text=True)
    assert "Kaputt eG" in page and ("rebuilt" in page or "neu aufgebaut" in page)
    thread = maintenance.ensure_index(app, background=True)
    thread.join(30)
    assert store.is_healthy(index_root()) and keys("Kaputt")


def test_cli_rebuild_check_drain_query(app, db, runner):
    actor = make_actor("Kommandozeile eG")
    make_project(actor, title="Lastenrad-Sharing")
    assert "rebuilt: 2 documents" in runner.invoke(args=["search", "rebuild"]).output
    assert "0 missing, 0 extra, 0 stale" in runner.invoke(args=["search", "check"]).output
    assert "drained: 0" in runner.invoke(args=["search", "drain"]).output
    result = runner.invoke(args=["search", "query", "Lastenrad", "--type", "projects", "--json"])
    data = json.loads(result.output)
    assert [r["type"] for r in data["results"]] == ["project"]
    assert db.session.query(SearchOutbox).count() == 0


def test_cli_query_builds_a_missing_index_and_json_has_what_scripts_need(app, db, runner):
    actor = make_actor("Kommandozeile eG")
    make_project(actor, title="Lastenrad-Sharing")
    shutil.rmtree(index_root(), ignore_errors=True)
    store.close_thread_searchers()
    result = runner.invoke(args=["search", "query", "Lastenrad", "--json"])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    data = json.loads(result.stdout)
    assert "building it" in result.stderr and "search index built" in result.stderr
    project = next(r for r in data["results"] if r["type"] == "project")
    assert set(project) == {"type", "id", "slug", "name", "url", "score", "snippet"}
    assert project["name"] == "Lastenrad-Sharing" and project["url"] == f"/projects/{project['slug']}"
    assert "<" not in project["snippet"] and isinstance(project["score"], float)
    assert store.is_healthy(index_root())
