"""The API's contract: the OpenAPI description is valid, its bounds and choices are the ones the code applies,
and a property-based run (schemathesis) over every operation finds no answer that breaks it."""

import pytest
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate

from innovex.api.params import MAP_FILTERS
from innovex.extensions import db as _db
from innovex.taxonomy import sync_taxonomies
from tests.conftest import build_app
from tests.factories import make_actor, make_offering, make_user
from tests.project_factories import make_project


def _parameters(document, path):
    return {p["name"]: p["schema"] for p in document["paths"][path]["get"]["parameters"]}


def test_the_description_is_valid_openapi_with_ids_tags_and_types(client):
    document = client.get("/api/v1/openapi.json").get_json()
    validate(document)
    operations = [item["get"] for item in document["paths"].values()]
    ids = [op["operationId"] for op in operations]
    assert len(set(ids)) == len(ids) == len(document["paths"])
    declared = {tag["name"] for tag in document["tags"]}
    assert all(op["tags"] and set(op["tags"]) <= declared and op["description"] for op in operations)
    organisation = document["components"]["schemas"]["Organisation"]["properties"]
    assert organisation["lat"]["type"] == ["number", "null"] and organisation["stale"]["type"] == "boolean"
    assert organisation["founded"]["type"] == ["integer", "null"]


def test_bounds_in_the_description_are_the_ones_applied(app, client):
    app.config["API_MAX_PER_PAGE"] = 7
    document = client.get("/api/v1/openapi.json").get_json()
    params = _parameters(document, "/organisations")
    assert params["page"]["minimum"] == 1 and params["per_page"] == {
        "type": "integer", "minimum": 1, "maximum": 7, "default": 7,
    }  # fmt: skip
    assert client.get("/api/v1/organisations?per_page=7").status_code == 200
    assert client.get("/api/v1/organisations?per_page=8").status_code == 400
    page_max = params["page"]["maximum"]
    assert client.get(f"/api/v1/organisations?page={page_max}").status_code == 200
    assert client.get(f"/api/v1/organisations?page={page_max + 1}").status_code == 400
    for name in ("city", "tag"):
        schema = params[name]
        assert schema["pattern"] and schema["minLength"] == 1
        longest = "x" * schema["maxLength"]
        assert client.get(f"/api/v1/organisations?{name}={longest}").status_code == 200
        assert client.get(f"/api/v1/organisations?{name}={longest}x").status_code == 400
    assert set(params) == {*MAP_FILTERS, "page", "per_page"}
    assert "DE" in params["country"]["enum"] and "it" in params["sector"]["enum"]
    assert set(_parameters(document, "/offerings")["kind"]["enum"]) == {"offer", "need"}


def test_every_declared_choice_is_accepted(client, db):
    document = client.get("/api/v1/openapi.json").get_json()
    # /actors.geojson checks its filters with the same code as /organisations (strict_actor_filters).
    for path in ("/organisations", "/offerings", "/projects"):
        for name, schema in _parameters(document, path).items():
            for value in schema.get("enum", []):
                response = client.get(f"/api/v1{path}", query_string={name: value})
                assert response.status_code == 200, (path, name, value)


@pytest.mark.parametrize(
    "path", ["/organisations", "/actors.geojson", "/offerings", "/projects"]
)  # fmt: skip
def test_empty_values_are_a_400_naming_the_parameter(client, db, path):
    document = client.get("/api/v1/openapi.json").get_json()
    for name in _parameters(document, path):
        response = client.get(f"/api/v1{path}?{name}=")
        assert response.status_code == 400 and response.is_json, (path, name)
        assert name in response.get_json()["message"], (path, name)


def test_odd_but_allowed_characters_are_accepted_and_control_characters_refused(client, db):
    make_actor("Padaria", city='São Paulo / Zona Sul & "Co"\'s')
    odd = {"city": 'São Paulo / Zona Sul & "Co"\'s'}
    items = client.get("/api/v1/organisations", query_string=odd).get_json()["items"]
    assert [i["name"] for i in items] == ["Padaria"]
    for query in ({"tag": "café, bio & fair 100%"}, {"city": "Köln\tNord"}):
        assert client.get("/api/v1/organisations", query_string=query).status_code == 200
    for path in ("/organisations", "/offerings", "/projects", "/actors.geojson"):
        response = client.get(f"/api/v1{path}", query_string={"tag": "a\x00b"})
        assert response.status_code == 400 and "tag" in response.get_json()["message"]
    assert client.get("/api/v1/organisations/a%00b").status_code == 404
    assert client.get("/api/v1/murmurations/offerings/2147483648.json").status_code == 404  # no 500 on PG


@pytest.fixture
def live_app(tmp_path):
    """An app served as in production: each request gets its own app context (no test fixture's context)."""
    (tmp_path / "live").mkdir()
    app = build_app(tmp_path / "live")
    with app.app_context():
        _db.create_all()
        sync_taxonomies()
        owner = make_user()
        actor = make_actor("Daten eG", owner=owner, lat=52.5, lon=13.4, city="Berlin", founded=1999)
        make_actor("Ohne Ort eG", visibility={"location": "private"})
        make_offering(actor, title="Hosting", tags=["hosting"])
        make_offering(actor, title="Räume", kind="need", tags=["raum"])
        make_project(actor, owner, title="Offene Daten", stage="pilot")
        _db.session.commit()
        _db.session.remove()
    yield app
    with app.app_context():
        _db.drop_all()


EXAMPLES = 25  # per operation and mode: about 15 operations, some 15 s in all on an idle machine


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_property_based_run_finds_no_failure(live_app, mode):
    import schemathesis
    from schemathesis import GenerationMode

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", live_app)
    generation_mode = GenerationMode(mode)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == len(schema.raw_schema["paths"]) - 1  # all but the description itself
    for operation in operations:
        if generation_mode is GenerationMode.NEGATIVE and not operation.query:
            continue  # nothing to get wrong: no query parameters, and path parameters only name things

        @given(case=operation.as_strategy(generation_mode=generation_mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            # The WSGI transport does not unpack gzip (the map's GeoJSON on request; tested elsewhere).
            case.call_and_validate(headers={"Accept-Encoding": "identity"})

        run()
