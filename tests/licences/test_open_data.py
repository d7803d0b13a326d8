"""The open-data page explains the licences per record and file and links the partners' downloads; the Karte
von morgen entries are offered over HTTP too."""

import re

from tests.factories import make_actor
from tests.licences.test_kvm_export import placed
from tests.licences.test_profiles import KVM


def test_the_page_lists_the_licences_and_the_partner_downloads(client, db):
    placed("Offen eG", "CC0-1.0")
    placed("Teilen eG", "ODbL-1.0")
    make_actor("Eigen eG")  # the network's licence
    make_actor("Ohne eG", source="https://example.org", source_id="1")  # the source states none
    html = client.get("/api/v1/open-data").get_data(as_text=True)
    rows = re.findall(r"<tr><td>(.*?)</td><td[^>]*>(\d+)</td><td>(.*?)</td></tr>", html)
    cells = {re.sub(r"<[^>]+>", "", name): (int(n), share) for name, n, share in rows}
    assert cells == {
        "CC0 1.0": (1, "no"),
        "CC BY 4.0": (1, "no"),
        "ODbL 1.0": (1, "yes"),
        "not stated by the source": (1, "–"),
    }
    assert "share-alike licence (ODbL, CC BY-SA)" in html
    assert "published under CC BY 4.0, the network's licence" in html.replace("&#39;", "'")
    for query in ("licence=cc0", "licence=odbl"):
        for path in ("actors.csv", "actors.geojson", "actors.jsonl"):
            assert f"/api/v1/export/{path}?{query}" in html
    assert 'href="/api/v1/export/actors.kvm.json"' in html


def test_the_footer_link_leads_to_the_page(client, db):
    home = client.get("/").get_data(as_text=True)
    assert 'href="/api/v1/open-data"' in home


def test_the_page_in_german(client, db):
    html = client.get("/api/v1/open-data", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert "Lizenzen je Eintrag und je Datei" in html and "Downloads für Partner" in html


def test_kvm_entries_over_http(client, db):
    placed("Offen eG", "CC0-1.0")
    placed("Teilen eG", "ODbL-1.0", source=KVM, source_id="0a1b2c3d4e5f40718293a4b5c6d7e8f9")
    placed("Namensnennung eG", "CC-BY-4.0")
    response = client.get("/api/v1/export/actors.kvm.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    entries = response.get_json()
    assert [(e["title"], e["license"], e.get("id")) for e in entries] == [
        ("Offen eG", "CC0-1.0", None),
        ("Teilen eG", "ODbL-1.0", "0a1b2c3d4e5f40718293a4b5c6d7e8f9"),
    ]
    assert response.headers["X-Records-Left-Out"] == "1"
    assert "creativecommons.org/publicdomain/zero" in response.headers["Link"]
    assert "creativecommons.org/licenses/by/" not in response.headers["Link"]  # not in the file
    only_cc0 = client.get("/api/v1/export/actors.kvm.json?licence=cc0").get_json()
    assert [e["title"] for e in only_cc0] == ["Offen eG"]


def test_a_bad_licence_parameter_is_a_400_in_json(client, db):
    response = client.get("/api/v1/export/actors.kvm.json?licence=gpl")
    assert response.status_code == 400 and response.is_json
    assert "licence" in response.get_json()["message"]


def test_the_kvm_link_header_names_only_the_licences_in_the_file(client, db):
    placed("Offen eG", "CC0-1.0")
    placed("Teilen ohne Text eG", "ODbL-1.0", description="")  # left out: no description
    response = client.get("/api/v1/export/actors.kvm.json")
    assert "publicdomain/zero" in response.headers["Link"] and "odbl" not in response.headers["Link"]
