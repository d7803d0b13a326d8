"""The pickers' suggestions (/api/v1/suggest) and the reading of typed names (innovex.pickers): only what the
viewer may see, at most ten, prefix and word matching with LIKE wildcards taken literally, 400 JSON for bad
parameters, and a budget of its own."""

import pytest

from innovex import pickers
from innovex.domain import DomainError
from tests.calls.call_factories import make_call
from tests.conftest import build_app
from tests.factories import login_as, make_actor, make_user
from tests.project_factories import make_project


def suggested(client, kind, q):
    response = client.get("/api/v1/suggest", query_string={"kind": kind, "q": q})
    assert response.status_code == 200 and response.is_json
    return response.get_json()


def test_organisations_are_suggested_by_the_start_of_a_word_of_their_name(client, db):
    make_actor("Leipziger Lastenrad eG", city="Leipzig", slug="leipziger-lastenrad")
    make_actor("Lastenrad-Kollektiv Dresden", city="Dresden")
    make_actor("Solar-Werk", city="Halle")
    answer = suggested(client, "actor", "lastenr")
    assert [s["label"] for s in answer] == ["Lastenrad-Kollektiv Dresden", "Leipziger Lastenrad eG"]
    assert answer[1] == {
        "slug": "leipziger-lastenrad",
        "label": "Leipziger Lastenrad eG",
        "detail": "Leipzig",
    }
    assert [s["label"] for s in suggested(client, "actor", "werk")] == ["Solar-Werk"]  # after a hyphen
    assert suggested(client, "actor", "astenrad") == []  # inside a word is not a start
    assert [s["slug"] for s in suggested(client, "actor", "leipziger-l")] == ["leipziger-lastenrad"]


def test_hidden_organisations_are_suggested_only_to_their_people_and_moderators(client, db):
    owner = make_user()
    make_actor("Verborgene Genossenschaft", owner=owner, status="hidden")
    assert suggested(client, "actor", "verborgen") == []
    login_as(client, make_user())
    assert suggested(client, "actor", "verborgen") == []
    login_as(client, owner)
    assert len(suggested(client, "actor", "verborgen")) == 1
    login_as(client, make_user(role="moderator"))
    assert len(suggested(client, "actor", "verborgen")) == 1


@pytest.mark.parametrize(
    ("fields", "member_sees"),
    [({"visibility": "draft"}, False), ({"visibility": "network"}, True), ({"visibility": "public"}, True)],
)
def test_projects_are_suggested_as_the_project_list_shows_them(client, db, fields, member_sees):
    owner = make_user()
    project = make_project(make_actor(owner=owner), owner, title="Geheimes Solardach", **fields)
    public = project.visibility == "public"
    assert bool(suggested(client, "project", "solard")) == public
    login_as(client, make_user())
    assert bool(suggested(client, "project", "solard")) == member_sees
    login_as(client, owner)
    assert [s["slug"] for s in suggested(client, "project", "solard")] == [project.slug]


def test_a_project_hidden_by_moderation_or_of_a_hidden_organisation_is_not_suggested(client, db):
    from innovex.models.base import utcnow

    owner = make_user()
    make_project(make_actor(owner=owner), owner, title="Ausgeblendetes Projekt", hidden_at=utcnow())
    make_project(make_actor(status="hidden"), owner, title="Ausgeblendete Organisation")
    login_as(client, make_user())
    assert suggested(client, "project", "ausgeblendet") == []


def test_calls_awaiting_approval_are_not_suggested_to_others(client, db):
    proposer = make_user()
    make_call(proposer, actor=make_actor(owner=proposer), question="Wie teilen wir Lieferwagen?")
    make_call(make_user(role="moderator"), question="Wie teilen wir Werkstätten?")
    assert [s["label"] for s in suggested(client, "call", "wie teilen")] == ["Wie teilen wir Werkstätten?"]
    login_as(client, proposer)
    assert len(suggested(client, "call", "wie teilen")) == 2


def test_at_most_ten_names_that_start_with_the_text_first(client, db):
    for n in range(12):
        make_actor(f"Genossenschaft Nord {n:02}")
    make_actor("Nordlicht eG")
    answer = suggested(client, "actor", "nord")
    assert len(answer) == pickers.LIMIT == 10
    assert answer[0]["label"] == "Nordlicht eG"


def test_like_wildcards_are_taken_literally(client, db):
    make_actor("100% Ökostrom eG")
    make_actor("Kein Prozent eG")
    make_actor("a_b Kollektiv")
    make_actor("axb Kollektiv")
    assert [s["label"] for s in suggested(client, "actor", "100%")] == ["100% Ökostrom eG"]
    assert suggested(client, "actor", "%") == []
    assert [s["label"] for s in suggested(client, "actor", "a_b")] == ["a_b Kollektiv"]
    assert suggested(client, "actor", "\\") == []


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ({"q": "x"}, "kind"),
        ({"kind": "actor"}, "q"),
        ({"kind": "user", "q": "x"}, "kind"),
        ({"kind": "actor", "q": ""}, "q"),
        ({"kind": "actor", "q": "x" * 101}, "q"),
        ({"kind": "actor", "q": "a\x00b"}, "q"),
    ],
)
def test_bad_parameters_are_a_400_in_json_naming_them(client, db, query, named):
    response = client.get("/api/v1/suggest", query_string=query)
    assert response.status_code == 400 and response.is_json
    assert named in response.get_json()["message"]


def test_suggestions_have_a_budget_of_their_own(tmp_path):
    from innovex.extensions import db

    app = build_app(tmp_path, RATELIMIT_ENABLED=True, RATELIMIT_PICKER="2 per minute")
    with app.app_context():
        db.create_all()
        client = app.test_client()
        codes = [client.get("/api/v1/suggest?kind=actor&q=ab").status_code for _ in range(3)]
        db.session.remove()
        db.drop_all()
    assert codes == [200, 200, 429]


def test_a_name_is_read_when_one_visible_row_carries_it(app, db):
    one = make_actor("Einzige eG", slug="einzige")
    make_actor("Doppelt eG")
    make_actor("doppelt EG")
    owner = make_user()
    make_actor("Versteckt eG", owner=owner, status="hidden")
    assert pickers.resolve("actor", "  einzige   EG ", None) == "einzige"
    assert pickers.resolve("actor", "https://innovex.example/organisations/einzige/", None) == one.slug
    assert pickers.resolve("actor", "EINZIGE", None) == "einzige"
    with pytest.raises(DomainError, match="More than one organisation is called .Doppelt eG.") as error:
        pickers.resolve("actor", "Doppelt eG", None, field="organisation")
    assert error.value.field == "organisation"
    with pytest.raises(DomainError, match="No organisation you can see"):
        pickers.resolve("actor", "Versteckt eG", None)
    assert pickers.resolve("actor", "Versteckt eG", owner).startswith("versteckt")


def test_several_entries_are_read_in_order_each_once(app, db):
    owner = make_user()
    actor = make_actor(owner=owner)
    first = make_project(actor, owner, title="Erstes Projekt")
    second = make_project(actor, owner, title="Zweites Projekt")
    text = f"zweites projekt, /projects/{first.slug}\n{second.slug},,"
    assert pickers.resolve_many("project", text, None) == [second.slug, first.slug]
    with pytest.raises(DomainError):
        pickers.resolve_many("project", "Erstes Projekt, Drittes Projekt", None)


def test_umlauts_match_in_any_case_on_every_engine(client, db):
    actor = make_actor("Ökostrom Süd eG")
    make_actor("Akostrom eG")  # a wildcard in place of the Ö must not let it through
    assert [s["label"] for s in suggested(client, "actor", "öKO")] == ["Ökostrom Süd eG"]
    assert [s["label"] for s in suggested(client, "actor", "SÜD")] == ["Ökostrom Süd eG"]
    assert pickers.resolve("actor", "ökostrom SÜD eg", None) == actor.slug


def test_a_call_does_not_name_an_organisation_the_viewer_may_not_see(client, db):
    owner = make_user()
    actor = make_actor("Bald verborgen eG", owner=owner)
    call = make_call(make_user(role="moderator"), question="Wer repariert Lastenräder?")
    call.actor, actor.status = actor, "hidden"
    db.session.commit()
    expected = {"slug": call.slug, "label": "Wer repariert Lastenräder?", "detail": None}
    assert suggested(client, "call", "wer repariert") == [expected]
    login_as(client, owner)
    assert suggested(client, "call", "wer repariert") == [{**expected, "detail": "Bald verborgen eG"}]


def test_taxonomy_entries_are_suggested_to_everyone_in_the_readers_language(client, db):
    from innovex.taxonomy import get_or_create_tags

    get_or_create_tags(["Energiegenossenschaft"])
    db.session.commit()
    assert suggested(client, "tag", "energieg") == [
        {"slug": "Energiegenossenschaft", "label": "Energiegenossenschaft", "detail": None}
    ]  # a pick keeps the tag's capitals
    german = client.get("/api/v1/suggest?kind=sector&q=energ", headers={"Accept-Language": "de"})
    assert {"slug": "energy", "label": "Energie", "detail": "energy"} in german.get_json()
    english = client.get("/api/v1/suggest?kind=sector&q=mobil", headers={"Accept-Language": "en"})
    assert [s["label"] for s in english.get_json()] == ["Mobility and logistics"]
    assert [s["slug"] for s in suggested(client, "collaboration_form", "peer")] == ["peer_feedback"]


def test_taxonomy_entries_are_read_by_name_label_or_short_name(app, db):
    from innovex.taxonomy import get_or_create_tags

    get_or_create_tags(["Energiegenossenschaft"])
    db.session.commit()
    with app.test_request_context(headers={"Accept-Language": "de"}):
        assert pickers.resolve("tag", "energiegenossenschaft", None) == "Energiegenossenschaft"
        assert pickers.resolve("sector", "Mobilität und Logistik", None) == "mobility"
        assert pickers.resolve("sector", "ENERGY", None) == "energy"
        assert pickers.resolve("collaboration_form", "Wissensaustausch", None) == "knowledge"
        with pytest.raises(DomainError, match="Raumfahrt"):
            pickers.resolve("sector", "Raumfahrt", None)
