"""The PostgreSQL search engine: the search page, facets, visibility, odd input, compound parts, "did you
mean", edits searchable at commit, two app instances on one database; and the engine-neutral search page and
matching tests again on this engine. Skipped without INNOVEX_TEST_DATABASE_URL."""

import json
import os

import pytest
import sqlalchemy as sa

from innovex import search
from innovex.extensions import db as _db
from innovex.matching.engine import suggestions_for
from innovex.models import SearchDocument, SearchOutbox
from innovex.taxonomy import sync_taxonomies
from tests.conftest import build_app, fresh_schema
from tests.factories import login, make_actor, make_offering, make_user
from tests.matching.test_matching import (  # noqa: F401 - collected again here, on PostgreSQL
    test_a_compounds_head_alone_is_a_partial_match,
    test_a_need_answered_in_all_its_words_is_covered,
    test_draft_project_suggestions_are_hidden_from_strangers,
    test_filters_on_distance_kind_country,
    test_match_cli_json,
    test_reverse_direction_finds_projects_needing_an_offer,
    test_reverse_direction_keeps_offers_the_viewer_may_not_see_to_itself,
    test_suggestions_rank_and_explain,
)
from tests.project_factories import make_project
from tests.search.test_search_page import (  # noqa: F401 - collected again here, on PostgreSQL
    corpus,
    test_compound_part_finds_the_compound,
    test_did_you_mean,
    test_did_you_mean_never_offers_words_of_projects_one_may_not_see,
    test_every_naughty_string_is_searched_without_error,
    test_facet_filter_narrows_results,
    test_malformed_queries_are_friendly,
    test_network_projects_only_for_members,
    test_search_finds_all_types_with_facets,
    test_user_text_is_escaped_before_highlighting,
)
from tests.search.test_search_synonyms import (  # noqa: F401 - collected again here, on PostgreSQL
    directory,
    test_a_compound_finds_its_parts_together_before_its_generic_head,
    test_a_german_word_finds_an_english_profile,
    test_a_need_finds_a_partner_that_says_it_in_english,
    test_few_full_matches_are_followed_by_partial_ones,
    test_the_directory_falls_back_to_any_word,
)

URL = os.environ.get("INNOVEX_TEST_DATABASE_URL")
# A schema of its own in the PostgreSQL re-run, which runs beside this suite (tests/pg_rerun.py).
SCHEMA = "innovex_search_pg_rerun" if os.environ.get("INNOVEX_TEST_ON_PG") else "innovex_search_pg"
pytestmark = pytest.mark.skipif(not URL, reason="INNOVEX_TEST_DATABASE_URL is not set")


def pg_settings() -> dict:
    return {
        "SQLALCHEMY_DATABASE_URI": URL,
        "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"options": f"-csearch_path={SCHEMA},public"}},
        "SEARCH_ENGINE": "postgres",
    }


def _fresh_schema() -> None:
    engine = sa.create_engine(URL)
    with engine.begin() as connection:
        fresh_schema(connection, SCHEMA)
    engine.dispose()


@pytest.fixture
def app(tmp_path):
    """The conftest's app, on PostgreSQL with the PostgreSQL search engine (and no Whoosh index)."""
    _fresh_schema()
    app = build_app(tmp_path, **pg_settings())
    with app.app_context():
        _db.create_all()
        sync_taxonomies()
        _db.session.commit()
        yield app
        _db.session.remove()
        _db.drop_all()
        _db.engine.dispose()


def _rows(doc_type: str | None = None) -> list[SearchDocument]:
    statement = sa.select(SearchDocument)
    if doc_type:
        statement = statement.where(SearchDocument.doc_type == doc_type)
    return list(_db.session.scalars(statement))


def test_rows_are_written_in_the_transaction_and_the_outbox_stays_empty(app, db):
    actor = make_actor("Lastenradverleih Kreuzberg eG", description="Wir verleihen Lastenräder.")
    offering = make_offering(actor, title="Lastenrad-Logistik", tags=["logistik"])
    assert {(r.doc_type, r.doc_id) for r in _rows()} == {("actor", actor.id), ("offering", offering.id)}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SearchOutbox)) == 0
    actor.name = "Umbenannt eG"
    db.session.rollback()  # a change that never commits never reaches the table
    assert _rows("actor")[0].title == "Lastenradverleih Kreuzberg eG"
    actor = db.session.get(type(actor), actor.id)
    db.session.delete(actor)
    db.session.commit()
    assert _rows() == []


def test_an_edit_is_searchable_right_after_its_commit(app, db, client):
    actor = make_actor("Solarkollektiv eG")
    assert "Nord eG" not in client.get("/search/?q=Windgenossenschaft").get_data(as_text=True)
    actor.name = "Windgenossenschaft Nord eG"
    db.session.commit()
    page = client.get("/search/?q=Windgenossenschaft").get_data(as_text=True)
    assert "<mark>Windgenossenschaft</mark> Nord eG" in page
    assert search.actor_ids("Windgenossenschaft", None) == [actor.id]


def test_hidden_draft_and_network_things_are_found_only_by_who_may_see_them(app, db, client):
    bike = make_actor("Lastenrad Kollektiv eG")
    make_actor("Versteckte Lastenrad eG", status="hidden")
    make_project(bike, title="Geheimes Lastenrad-Netz", visibility="draft")
    make_project(bike, title="Lastenrad für Mitglieder", visibility="network")
    hidden = make_project(bike, title="Verborgenes Lastenrad-Projekt")
    hidden.hidden_at = hidden.created_at
    db.session.commit()
    anonymous = client.get("/search/?q=Lastenrad").get_data(as_text=True)
    assert "Kollektiv" in anonymous
    for text in ("Versteckte", "Geheimes", "Mitglieder", "Verborgenes"):
        assert text not in anonymous
    assert {r.doc_type for r in _rows()} == {"actor", "project"}  # hidden ones have no row at all
    login(client, make_user())
    member = client.get("/search/?q=Lastenrad").get_data(as_text=True)
    assert "</mark> für Mitglieder" in member and "Geheimes" not in member and "Versteckte" not in member


def test_facets_count_and_filter_on_postgres(app, db):
    bike = make_actor("Lastenrad Kollektiv eG", country="DE")
    make_actor("Lastenrad Wien", kind="association", country="AT")
    make_project(bike, title="Lastenrad-Sharing", stage="pilot")
    with app.test_request_context():
        page = search.search_page("Lastenrad", None, {})
    assert dict(page.facets["type"]) == {"actor": 2, "project": 1}
    assert dict(page.facets["country"]) == {"DE": 2, "AT": 1}
    with app.test_request_context():
        narrowed = search.search_page("Lastenrad", None, {"country": "AT"})
    assert narrowed.total == 1 and "Wien" in narrowed.items[0].title


def test_a_partial_compound_and_a_misspelling(app, db):
    make_actor("Lastenradverleih Kreuzberg eG")
    with app.test_request_context():
        page = search.search_page("Lastenrad", None, {})
        typo = search.search_page("Lastenradverleh", None, {})
    assert page.total == 1 and "<mark>Lastenradverleih</mark>" in page.items[0].title
    assert typo.total == 0 and typo.suggestion == "lastenradverleih"


@pytest.mark.parametrize(
    "text", ['"', "-", "!!! & | :*", "a:b:c", "(((", "x" * 10_000, "\x00\u202e", "or or"]
)
def test_malformed_input_never_raises(app, db, text):
    make_actor("Lastenrad Kollektiv eG")
    with app.test_request_context():
        page = search.search_page(text, None, {})
    assert page.total >= 0
    assert isinstance(search.actor_ids(text, None), list)


def test_two_app_instances_on_one_database_see_each_others_edits_at_once(tmp_path):
    _fresh_schema()
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
    one = build_app(tmp_path / "one", **pg_settings())
    two = build_app(tmp_path / "two", **pg_settings())
    assert one.instance_path != two.instance_path
    with one.app_context():
        _db.create_all()
        sync_taxonomies()
        owner = make_user()
        home = make_actor("Kiezlieferung eG", owner=owner)
        project = make_project(
            home, title="Zustellung im Kiez", needs=["Fahrradreparatur"], tags=["reparatur"]
        )
        actor = make_actor("Allerlei eG")
        actor_id, project_id, owner_id = actor.id, project.id, owner.id
    try:
        with two.app_context():
            before = two.test_client().get("/search/?q=Fahrradwerkstatt").get_data(as_text=True)
            assert "Allerlei" not in before
        with one.app_context():
            client = one.test_client()
            login(client, _db.session.get(type(owner), owner_id))
            actor = _db.session.get(type(actor), actor_id)
            actor.name = "Fahrradwerkstatt Allerlei eG"
            make_offering(actor, title="Fahrradreparatur", tags=["reparatur"])
        with two.app_context():
            page = two.test_client().get("/search/?q=Fahrradwerkstatt").get_data(as_text=True)
            assert "<mark>Fahrradwerkstatt</mark> Allerlei eG" in page
            project = _db.session.get(type(project), project_id)
            names = [s.actor.name for s in suggestions_for(project, _db.session.get(type(owner), owner_id))]
            assert names == ["Fahrradwerkstatt Allerlei eG"]
    finally:
        for app in (one, two):
            with app.app_context():
                _db.session.remove()
                _db.engine.dispose()


def test_rebuild_and_check_on_postgres(app, db, runner):
    actor = make_actor("Lastenrad Kollektiv eG")
    db.session.execute(sa.delete(SearchDocument))
    db.session.commit()
    report = search.check(repair=True)
    assert report.missing == [f"actor:{actor.id}"]
    assert search.check(repair=False).drift == 0
    assert search.rebuild() == 1
    result = runner.invoke(args=["search", "query", "Lastenrad", "--json"])
    assert result.exit_code == 0 and '"name": "Lastenrad Kollektiv eG"' in result.output
    assert search.index_health() == {"ok": True, "rebuilding": False}


def test_an_empty_table_is_filled_when_a_process_starts_serving(app, db, client):
    make_actor("Lastenrad Kollektiv eG")
    db.session.execute(sa.delete(SearchDocument))
    db.session.commit()
    app.extensions.pop("innovex_search", None)
    assert "Kollektiv" in client.get("/search/?q=Lastenrad").get_data(as_text=True)


def test_a_large_empty_table_is_filled_beside_the_requests_not_inside_one(app, db):
    """After an upgrade a big network's first request would write every document before it answers."""
    from innovex.search import maintenance

    make_actor("Lastenrad Kollektiv eG")
    make_actor("Solardach eG")
    db.session.execute(sa.delete(SearchDocument))
    db.session.commit()
    app.config["SEARCH_SYNC_REBUILD_LIMIT"] = 1
    thread = maintenance.ensure_index(app)
    assert thread is not None  # more rows than the limit: a thread of its own
    thread.join(timeout=30)
    db.session.rollback()
    assert len(_rows("actor")) == 2
    assert maintenance.ensure_index(app) is None  # filled: nothing to do


def test_worker_and_drain_have_nothing_to_do_on_postgres(app, db, runner):
    make_actor("Lastenrad Kollektiv eG")
    result = runner.invoke(args=["search", "worker"])
    assert result.exit_code == 0 and "not needed" in result.output
    assert runner.invoke(args=["search", "drain"]).output.startswith("drained: 0 changes applied, 0 pending")


def test_an_excluded_word_stays_excluded_from_compound_parts(app, db):
    make_actor("Lastenradverleih Kreuzberg eG")
    make_actor("Lastenrad Kollektiv eG")
    with app.test_request_context():
        page = search.search_page("Lastenrad -Kreuzberg", None, {})
    assert [item.title.striptags() for item in page.items] == ["Lastenrad Kollektiv eG"]


def test_imported_organisations_are_searchable_when_the_command_ends(app, db, runner, tmp_path):
    path = tmp_path / "import.jsonl"
    line = {
        "name": "Solar-Genossenschaft Nordheide",
        "kind": "cooperative",
        "city": "Buchholz",
        "country": "DE",
    }
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    result = runner.invoke(args=["actors", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "changes applied with each commit" in result.output
    found = runner.invoke(args=["search", "query", "Nordheide", "--json"])
    assert [r["name"] for r in json.loads(found.stdout)["results"]] == ["Solar-Genossenschaft Nordheide"]


def test_health_check_reads_the_search_table(app, db, client):
    body = client.get("/healthz").get_json()
    assert body["status"] == "ok" and body["checks"]["search"] == {"ok": True, "rebuilding": False}
    db.session.execute(sa.text("ALTER TABLE search_documents RENAME TO search_documents_gone"))
    db.session.commit()
    try:
        assert client.get("/healthz").get_json()["checks"]["search"]["ok"] is False
    finally:
        db.session.execute(sa.text("ALTER TABLE search_documents_gone RENAME TO search_documents"))
        db.session.commit()


def test_matching_weighs_a_word_by_how_rare_it_is(app, db):
    """ts_rank_cd knows no document frequencies: matching multiplies in BM25's idf, as on Whoosh."""
    from innovex.search.postgres.similar import _idf

    for n in range(6):
        make_actor(f"Kooperative {n}", description="cooperative" + (" roastery" if n == 0 else ""))
    common, rare = min(search.analysed_terms("cooperative")), min(search.analysed_terms("roastery"))
    idf = _idf("profiles", [common, rare])  # the plan's terms are stems, as the index holds them
    assert idf[common] < 0.2 * idf[rare]
