"""The search page: results, facets, highlighting that escapes, friendly handling of odd input, visibility."""

import json

import pytest
import sqlalchemy as sa

from innovex import create_app, permissions
from innovex.models import Project
from innovex.search import actor_ids as search_actor_ids
from tests.conftest import shared_data
from tests.factories import login, make_actor, make_offering, make_user
from tests.project_factories import make_project
from tests.search.search_helpers import drain


@pytest.fixture
def corpus(app, db):
    bike = make_actor("Lastenradverleih Kreuzberg eG", description="Wir verleihen Lastenräder in Berlin.")
    make_offering(bike, title="Lastenrad-Logistik", description="Lieferungen per Rad", tags=["logistik"])
    make_actor("Bürgerenergie <b>Dach</b> eG", kind="association", country="AT")
    hidden = make_actor("Versteckte Lastenrad eG", status="hidden")
    make_project(bike, title="Lastenrad-Sharing im Kiez", summary="Teilen statt besitzen")
    make_project(bike, title="Geheimes Lastenrad-Netz", visibility="draft")
    make_project(bike, title="Lastenrad für Mitglieder", visibility="network")
    drain()
    return {"bike": bike, "hidden": hidden}


def test_search_finds_all_types_with_facets(client, corpus):
    page = client.get("/search/?q=Lastenrad").get_data(as_text=True)
    assert "<mark>Lastenradverleih</mark> Kreuzberg eG" in page and "<mark>Lastenrad</mark>-Logistik" in page
    assert "-Sharing im Kiez" in page
    assert "Geheimes" not in page and "Mitglieder" not in page and "Versteckte" not in page
    assert "Organisations (1)" in page or "Organisationen (1)" in page


def test_facet_filter_narrows_results(client, corpus):
    page = client.get("/search/?q=Lastenrad&type=project").get_data(as_text=True)
    assert "-Sharing im Kiez" in page and "-Logistik" not in page


def test_compound_part_finds_the_compound(client, corpus):
    page = client.get("/search/?q=Lastenrad").get_data(as_text=True)
    assert "<mark>Lastenradverleih</mark>" in page


def test_user_text_is_escaped_before_highlighting(client, corpus):
    page = client.get("/search/?q=B%C3%BCrgerenergie").get_data(as_text=True)
    assert "<mark>Bürgerenergie</mark> &lt;b&gt;Dach&lt;/b&gt; eG" in page and "<b>Dach" not in page


def test_network_projects_only_for_members(client, corpus):
    user = make_user()
    login(client, user)
    assert "</mark> für Mitglieder" in client.get("/search/?q=Lastenrad").get_data(as_text=True)


def test_did_you_mean(client, corpus):
    page = client.get("/search/?q=Lastenrd").get_data(as_text=True)
    assert "Did you mean" in page or "Meinten Sie" in page
    assert "q=lastenrad" in page


@pytest.mark.parametrize(
    "text", ['"unbalanced', "(((", "AND", "OR NOT", "a:b:c", "*", "x" * 10_000, "\x00\u202e", "title:^2~~"]
)
def test_malformed_queries_are_friendly(client, corpus, text):
    response = client.get("/search/", query_string={"q": text})
    assert response.status_code == 200


def test_every_naughty_string_is_searched_without_error(client, corpus):
    strings = json.loads(shared_data("bad-input", "blns", "blns.json").read_text())
    for text in strings:
        response = client.get("/search/", query_string={"q": text})
        assert response.status_code == 200, text


@pytest.mark.whoosh
def test_search_agrees_with_list_and_detail_permission(app, db, corpus):
    member = make_user()
    for viewer in (None, member):
        from innovex.search.visible import filter_visible
        from innovex.search.whoosh.query import parse, run

        hits = filter_visible(run(parse("Lastenrad").query, 100, ("project",)), viewer)
        found = {h.pk for h in hits}
        listed = set(
            db.session.scalars(sa.select(Project.id).where(permissions.visible_projects_filter(viewer)))
        )
        assert found <= listed
        for project in db.session.scalars(sa.select(Project)):
            if project.id in found:
                assert permissions.can_view_project(viewer, project)
            elif project.visibility != "draft":
                assert not permissions.can_view_project(viewer, project)  # indexed, filtered for this viewer


def test_search_actor_ids_ranks_visible_organisations(app, corpus):
    ids = search_actor_ids("Lastenrad", None)
    assert ids == [corpus["bike"].id]


def test_search_is_rate_limited(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "t",
            "RATELIMIT_SEARCH": "2 per minute",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'r.sqlite'}",
            "INDEX_DIR": str(tmp_path / "index"),
        }
    )
    from innovex.extensions import db

    with app.app_context():
        db.create_all()
        client = app.test_client()
        codes = [client.get("/search/?q=x").status_code for _ in range(3)]
        db.drop_all()
    assert codes == [200, 200, 429]


def test_did_you_mean_never_offers_words_of_projects_one_may_not_see(client, app, db):
    owner_actor = make_actor("Kryptokollektiv eG")
    make_project(owner_actor, title="Quantenkryptografie Netzwerk", visibility="network")
    drain()
    page = client.get("/search/?q=Quantenkryptogrofie").get_data(as_text=True)
    assert "quantenkryptografie" not in page.lower().replace("quantenkryptogrofie", "")
