"""Profiles show where they come from and their licence; a new profile takes the network's licence."""

import re
from datetime import datetime

import sqlalchemy as sa

from innovex.models import Actor
from tests.factories import login_as, make_actor, make_user

KVM = "https://kartevonmorgen.org"


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def imported(name="Regionalwert Leipzig", **fields):
    values = {
        "source": KVM,
        "source_id": "abc123",
        "source_url": "https://kartevonmorgen.org/#/?entry=abc123",
        "source_format": "kvm",
        "licence": "ODbL-1.0",
        "source_licence": "ODbL-1.0",
        "imported_at": datetime(2026, 11, 3, 10, 0),
    }
    return make_actor(name, **{**values, **fields})


def test_an_imported_profile_names_its_source_licence_and_date(client, db):
    actor = imported()
    html = client.get(f"/organisations/{actor.slug}").get_data(as_text=True)
    assert "Source: Karte von morgen (ODbL 1.0), imported on Nov 3, 2026." in text_of(html)
    assert (
        '<a href="https://kartevonmorgen.org/#/?entry=abc123" rel="nofollow noopener">Karte von morgen'
        in html
    )
    assert 'href="https://opendatacommons.org/licenses/odbl/1-0/" rel="license"' in html


def test_the_german_line_reads_quelle(client, db):
    actor = imported()
    html = client.get(f"/organisations/{actor.slug}", headers={"Accept-Language": "de"}).get_data(
        as_text=True
    )
    assert "Quelle: Karte von morgen (ODbL 1.0)" in text_of(html)


def test_a_source_without_page_or_licence(client, db):
    actor = make_actor("Ohne Lizenz eG", source="https://data.example.org/dir", source_id="7")
    page = text_of(client.get(f"/organisations/{actor.slug}").get_data(as_text=True))
    assert "Source: data.example.org (licence not stated)" in page


def test_own_profiles_show_their_licence(client, db):
    owner = make_user()
    login_as(client, owner)
    response = client.post(
        "/organisations/new", data={"name": "Neu eG", "kind": "cooperative", "country": "DE"}
    )
    assert response.status_code == 302
    actor = db.session.scalar(sa.select(Actor).where(Actor.name == "Neu eG"))
    assert actor.licence == "CC-BY-4.0"  # the network's DATA_LICENSE, normalised, kept with the profile
    page = client.get(f"/organisations/{actor.slug}").get_data(as_text=True)
    assert "Licence: CC BY 4.0" in text_of(page)
    assert f"/organisations/{actor.slug}/licence" in page  # the owner may change it


def test_a_relicensed_import_says_so(client, db):
    actor = imported(licence="CC0-1.0", source_licence="CC-BY-4.0", source_url=None)
    page = text_of(client.get(f"/organisations/{actor.slug}").get_data(as_text=True))
    assert "Source: Karte von morgen (CC BY 4.0)" in page
    assert "Licence chosen by its owners: CC0 1.0." in page
