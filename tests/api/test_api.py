"""The read API: pagination, filters, JSON errors, CORS for GET, visibility, the OpenAPI description."""

import re
from datetime import date

import pytest

from innovex.models import Membership, Sector
from tests.factories import login, make_actor, make_offering, make_user
from tests.project_factories import make_project


def test_organisations_are_paginated_with_links(client, db):
    for n in range(5):
        make_actor(f"Coop {n}")
    data = client.get("/api/v1/organisations?per_page=2&page=2").get_json()
    assert [item["name"] for item in data["items"]] == ["Coop 2", "Coop 3"]
    assert (data["total"], data["pages"], data["page"]) == (5, 3, 2)
    assert data["links"]["next"].endswith("page=3&per_page=2") and "prev" in data["links"]
    assert data["license"] == "CC BY 4.0"


@pytest.mark.parametrize(
    "query",
    ["page=0", "page=x", "per_page=1000", "per_page=0", "kind=spaceship", "sector=nope", "country=Germany"],
)
def test_bad_arguments_are_json_400_with_a_message(client, query):
    response = client.get(f"/api/v1/organisations?{query}")
    assert response.status_code == 400
    assert response.is_json and response.get_json()["message"]


def test_filters_like_the_directory(client, db):
    it = db.session.query(Sector).filter_by(slug="it").one()
    wanted = make_actor("Code eG", kind="platform_coop")
    wanted.sectors = [it]
    db.session.commit()
    make_offering(wanted, tags=["hosting"])
    make_actor("Bakery eG", kind="cooperative")
    for query in ("kind=platform_coop", "sector=it", "tag=Hosting"):
        names = [i["name"] for i in client.get(f"/api/v1/organisations?{query}").get_json()["items"]]
        assert names == ["Code eG"], query


def test_tag_filter_respects_hidden_offerings(client, db):
    actor = make_actor("Quiet eG", visibility={"offerings": "private"})
    make_offering(actor, tags=["secret"])
    assert client.get("/api/v1/organisations?tag=secret").get_json()["items"] == []
    assert client.get("/api/v1/offerings?tag=secret").get_json()["items"] == []
    assert "offerings" not in client.get(f"/api/v1/organisations/{actor.slug}").get_json()
    member = make_user()
    db.session.add(Membership(user=member, actor=actor, role="member"))
    db.session.commit()
    login(client, member)
    assert [o["title"] for o in client.get("/api/v1/offerings?tag=secret").get_json()["items"]]


def test_hidden_and_unknown_organisations_are_404_json(client, db):
    hidden = make_actor(status="hidden")
    for path in (f"/api/v1/organisations/{hidden.slug}", "/api/v1/organisations/nope"):
        response = client.get(path)
        assert response.status_code == 404 and response.is_json


def test_offerings_exclude_expired(client, db):
    actor = make_actor()
    make_offering(actor, title="Old", expires_at=date(2000, 1, 1))
    make_offering(actor, title="Current", kind="need")
    items = client.get("/api/v1/offerings").get_json()["items"]
    assert [i["title"] for i in items] == ["Current"]
    assert client.get("/api/v1/offerings?kind=need").get_json()["total"] == 1
    assert client.get("/api/v1/offerings?kind=gift").status_code == 400


def test_only_public_projects(client, db):
    author = make_user()
    actor = make_actor(owner=author)
    public = make_project(actor, author, title="Open idea", stage="pilot")
    make_project(actor, author, title="Members only", visibility="network")
    make_project(actor, author, title="Draft", visibility="draft")
    data = client.get("/api/v1/projects").get_json()
    assert [p["title"] for p in data["items"]] == ["Open idea"]
    assert client.get("/api/v1/projects?stage=idea").get_json()["items"] == []
    assert client.get(f"/api/v1/projects/{public.slug}").get_json()["stage"] == "pilot"
    login(client, author)
    assert client.get("/api/v1/projects").get_json()["total"] == 1


def test_cors_for_reads_only(client, db):
    response = client.get("/api/v1/organisations")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    response = client.post("/api/v1/organisations")
    assert response.status_code == 405 and "Access-Control-Allow-Origin" not in response.headers


def _openapi_to_flask(path: str) -> str:
    return "/api/v1" + re.sub(r"\{(\w+)\}", r"<\1>", path)


def test_openapi_documents_exactly_the_api_routes(app, client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.1")
    documented = {_openapi_to_flask(path) for path in document["paths"]}
    rules = {
        re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("api.")
    }
    assert documented == rules
    adapter = app.url_map.bind("localhost")
    for path in document["paths"]:
        concrete = "/api/v1" + re.sub(r"\{(\w+)\}", "1", path)
        endpoint, _args = adapter.match(concrete, method="GET")
        assert endpoint.startswith("api."), path
