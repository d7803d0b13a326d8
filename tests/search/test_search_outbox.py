"""The outbox: written in the same transaction, drained after commit, nothing lost on a crash."""

import contextlib
import threading

import pytest
import sqlalchemy as sa

from innovex.models import Actor, SearchOutbox
from innovex.search import outbox
from innovex.search.outbox import index_root
from innovex.search.whoosh import store
from innovex.search.whoosh.query import parse, run
from tests.factories import make_actor, make_offering
from tests.project_factories import make_project
from tests.search.search_helpers import drain

pytestmark = pytest.mark.whoosh  # Whoosh's own machinery (see tests/conftest.py)


def outbox_rows(db):
    rows = db.session.execute(sa.select(SearchOutbox.doc_type, SearchOutbox.doc_id, SearchOutbox.op))
    return {tuple(row) for row in rows}


def found(text, doc_types=None):
    return {(h.type, h.pk) for h in run(parse(text).query, 100, doc_types)}


def test_changes_write_outbox_rows_in_the_same_transaction(app, db):
    actor = make_actor("Kiezbäckerei eG")
    assert ("actor", actor.id, "upsert") in outbox_rows(db)
    db.session.execute(sa.delete(SearchOutbox))
    db.session.commit()

    actor.name = "Kiezbäckerei Nord eG"
    db.session.flush()
    assert ("actor", actor.id, "upsert") in outbox_rows(db)
    db.session.rollback()  # the change and its outbox row go together
    assert outbox_rows(db) == set()


def test_offering_change_queues_its_owner_too(app, db):
    actor = make_actor()
    offering = make_offering(actor, title="Fahrradreparatur")
    assert {("offering", offering.id, "upsert"), ("actor", actor.id, "upsert")} <= outbox_rows(db)


def test_drain_indexes_and_then_empties_the_outbox(app, db):
    actor = make_actor("Lastenradverleih Kreuzberg eG")
    offering = make_offering(actor, title="Lastenrad-Logistik", tags=["logistik"])
    drain()  # the first drain builds the index from the database, later ones apply the outbox
    assert outbox.pending_count() == 0
    assert ("actor", actor.id) in found("Lastenrad")
    assert ("offering", offering.id) in found("Lastenrad")


def test_edits_and_deletes_reach_the_index(app, db):
    actor = make_actor("Solarwerk eG")
    drain()
    actor.name = "Windwerk eG"
    db.session.commit()
    drain()
    assert found("Solarwerk") == set() and ("actor", actor.id) in found("Windwerk")
    actor.status = "hidden"  # no longer visible: removed from the index
    db.session.commit()
    drain()
    assert found("Windwerk") == set()
    actor.status = "active"
    db.session.commit()
    drain()
    db.session.delete(actor)
    db.session.commit()
    drain()
    assert found("Windwerk") == set()


def test_request_drains_after_its_commit(app, db, client):
    actor = make_actor("Erste Genossenschaft")
    drain()
    actor_id = actor.id

    def rename():
        db.session.get(Actor, actor_id).description = "Wir bauen Komposttoiletten."
        db.session.commit()
        return "ok"

    app.add_url_rule("/_test/rename", "test_rename", rename, methods=["POST"])
    assert client.post("/_test/rename").status_code == 200
    # No explicit drain: the request's after-request hook indexed its own change before answering.
    assert outbox.pending_count() == 0
    assert ("actor", actor_id) in found("Komposttoilette")


def test_crash_between_database_and_index_commit_loses_nothing(app, db, monkeypatch):
    actor = make_actor("Bürgerenergie eG")
    drain()
    actor.description = "Photovoltaik auf Schuldächern"
    db.session.commit()

    def crash(*_args, **_kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(store, "commit", crash)
    with contextlib.suppress(RuntimeError):
        outbox.drain()
    assert ("actor", actor.id, "upsert") in outbox_rows(db)  # still queued
    assert found("Photovoltaik") == set()
    monkeypatch.undo()
    drain()
    assert ("actor", actor.id) in found("Photovoltaik")
    assert outbox.pending_count() == 0


def test_busy_index_keeps_the_rows(app, db):
    actor = make_actor("Wartende eG")
    drain()
    actor.description = "Warteschlange"
    db.session.commit()
    with store.writer(index_root(), 1) as (_ix, writer):
        assert outbox.drain(timeout=0.2) is None  # another writer holds the lock: bounded wait, nothing lost
        writer.cancel()
    assert outbox.pending_count() > 0
    drain()
    assert ("actor", actor.id) in found("Warteschlange")


def test_project_visibility_decides_what_is_indexed(app, db):
    actor = make_actor()
    project = make_project(actor, title="Geheimes Gemüseprojekt", visibility="draft")
    drain()
    assert found("Gemüseprojekt") == set()
    project.visibility = "network"
    db.session.commit()
    drain()
    assert ("project", project.id) in found("Gemüseprojekt")


def test_a_late_delete_never_removes_a_newer_change(app, db, monkeypatch):
    """Two drains may read the same rows (the second takes the index lock between the first one's index
    commit and its delete); the first one's delete must not hit a change recorded in between. SQLite reused
    the highest rowid once the table was empty, and the newer change was lost (the concurrency test failed
    about 1 run in 7)."""
    actor = make_actor("Überholte eG")
    drain()
    actor.description = "Photovoltaik"
    db.session.commit()
    real_delete = outbox._delete_rows
    monkeypatch.setattr(outbox, "_drain_lock", threading.RLock())  # let the second drain run inside the first

    def overtaken(ids, root):
        monkeypatch.setattr(outbox, "_delete_rows", real_delete)
        assert outbox.drain() == len(ids)  # the second drain applies the same rows and deletes them
        actor.description = "Windkraft"
        db.session.commit()  # a newer change, queued after the outbox became empty
        real_delete(ids, root)  # the first drain's late delete

    monkeypatch.setattr(outbox, "_delete_rows", overtaken)
    outbox.drain()
    assert ("actor", actor.id, "upsert") in outbox_rows(db)
    drain()
    assert ("actor", actor.id) in found("Windkraft")


def test_a_feedback_post_touches_the_projects_activity_not_its_document(app, db):
    from innovex.feedback.services import create_feedback
    from tests.factories import make_user

    project = make_project(make_actor("Kiezwerk eG"), title="Werkstatt teilen")
    member = make_user()
    drain()
    updated, active = project.updated_at, project.last_activity_at
    create_feedback(project, member, "Gute Idee, wir machen mit.", kind="idea")
    db.session.commit()
    assert ("project", project.id, "upsert") not in outbox_rows(db)  # nothing to re-index
    db.session.expire_all()
    assert project.updated_at == updated and project.last_activity_at > active
