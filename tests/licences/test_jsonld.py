"""The profile's schema.org JSON-LD and the API record name the licence (and the source page it came from)."""

import json
import re

from tests.factories import make_actor
from tests.licences.test_profiles import imported


def jsonld(client, actor) -> dict:
    html = client.get(f"/organisations/{actor.slug}").get_data(as_text=True)
    (data,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(data)


def test_an_imported_profile_states_its_licence_and_source_page(client, db):
    data = jsonld(client, imported())
    assert data["license"] == "https://opendatacommons.org/licenses/odbl/1-0/"
    page = data["mainEntityOfPage"]
    assert page["@type"] == "WebPage" and page["license"] == data["license"]
    assert page["isBasedOn"] == "https://kartevonmorgen.org/#/?entry=abc123"


def test_an_own_profile_states_the_network_licence(client, db):
    data = jsonld(client, make_actor("Eigen eG"))
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "isBasedOn" not in data["mainEntityOfPage"]


def test_a_licence_innovex_does_not_know_is_given_as_written(client, db):
    actor = make_actor("Sonder eG", source="https://example.org", source_id="1", licence="Eigene Lizenz")
    assert jsonld(client, actor)["license"] == "Eigene Lizenz"


def test_the_api_record_names_the_licence(client, db):
    actor = imported()
    data = client.get(f"/api/v1/organisations/{actor.slug}").get_json()
    assert (data["license"], data["license_url"]) == (
        "ODbL-1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
    )


def test_the_api_record_names_its_provenance(client, db):
    data = client.get(f"/api/v1/organisations/{imported().slug}").get_json()
    assert data["provenance"] == {
        "source": "Karte von morgen",
        "url": "https://kartevonmorgen.org/#/?entry=abc123",
        "license": "ODbL-1.0",
        "license_url": "https://opendatacommons.org/licenses/odbl/1-0/",
        "imported_at": "2026-11-03T10:00:00+00:00",
    }
    own = client.get(f"/api/v1/organisations/{make_actor('Eigen eG').slug}").get_json()
    assert own["provenance"] is None
