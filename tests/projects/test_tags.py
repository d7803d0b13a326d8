"""Tags keep how people wrote them ("Energiegenossenschaft") and are one tag in any capitalisation: compared,
deduplicated, filtered, counted and searched case-insensitively."""

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from innovex.extensions import db
from innovex.models import Project, Tag
from innovex.stats.queries import offerings_by_tag
from innovex.taxonomy import get_or_create_tags, parse_tags
from tests.factories import login_as, make_actor, make_offering, make_user
from tests.project_factories import make_project
from tests.search.search_helpers import drain

FORM = {"title": "Bürgerstrom", "summary": "Strom vom Dach.", "stage": "idea", "visibility": "public"}


def tag_rows() -> list[tuple[str, str]]:
    return list(db.session.execute(sa.select(Tag.name, Tag.key).order_by(Tag.key)).tuples())


def test_parse_tags_keeps_the_first_spelling_of_each_tag():
    text = "Energiegenossenschaft,  energiegenossenschaft , Open  Source, KI, ki"
    assert parse_tags(text) == ["Energiegenossenschaft", "Open Source", "KI"]


def test_a_project_keeps_its_capitals_and_shares_one_row_per_tag(client):
    owner = make_user()
    actor = make_actor(owner=owner)
    login_as(client, owner)
    form = {**FORM, "actor": actor.id, "tags": "Energiegenossenschaft, energiegenossenschaft, Open Source"}
    assert client.post("/projects/new", data=form).status_code == 302
    project = db.session.scalars(sa.select(Project)).one()
    assert [t.name for t in project.tags] == ["Energiegenossenschaft", "Open Source"]
    form = {**FORM, "title": "Zweites", "actor": actor.id, "tags": "ENERGIEGENOSSENSCHAFT"}
    assert client.post("/projects/new", data=form).status_code == 302
    assert tag_rows() == [("Energiegenossenschaft", "energiegenossenschaft"), ("Open Source", "open source")]
    page = client.get(f"/projects/{project.slug}").get_data(as_text=True)
    assert ">Energiegenossenschaft</a>" in page


def test_a_tag_stored_in_lower_case_takes_the_capitals_of_a_new_spelling(app):
    db.session.add(Tag(name="energiegenossenschaft", key="energiegenossenschaft"))  # as stored before
    db.session.commit()
    (tag,) = get_or_create_tags(["Energiegenossenschaft"])
    assert (tag.name, tag.key) == ("Energiegenossenschaft", "energiegenossenschaft")
    (again,) = get_or_create_tags(["energiegenossenschaft"])
    assert again is tag and tag.name == "Energiegenossenschaft"  # a lower-case spelling keeps the capitals
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Tag)) == 1


def test_the_database_refuses_a_second_row_for_the_same_tag(app):
    db.session.add(Tag(name="Energie", key="energie"))
    db.session.commit()
    db.session.add(Tag(name="ENERGIE", key="energie"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


@pytest.mark.parametrize("typed", ["energiegenossenschaft", "ENERGIEGENOSSENSCHAFT", "Energiegenossenschaft"])
def test_filters_find_a_tag_in_any_capitalisation(client, typed):
    owner = make_user()
    actor = make_actor("Solar eG", owner=owner)
    make_offering(actor, title="Solarberatung", tags=["Energiegenossenschaft"])
    make_project(actor, owner, title="Bürgerstrom", tags=["Energiegenossenschaft"])
    make_project(actor, owner, title="Anderes", tags=["Wohnen"])
    page = client.get(f"/projects/?tag={typed}").get_data(as_text=True)
    assert "Bürgerstrom" in page and "Anderes" not in page
    assert "Solarberatung" in client.get(f"/offerings/?tag={typed}").get_data(as_text=True)
    assert "Solar eG" in client.get(f"/organisations/?tag={typed}").get_data(as_text=True)
    api = client.get(f"/api/v1/projects?tag={typed}").get_json()
    assert [p["title"] for p in api["items"]] == ["Bürgerstrom"]
    assert [p["title"] for p in client.get(f"/api/v1/offerings?tag={typed}").get_json()["items"]] == [
        "Solarberatung"
    ]


def test_top_tags_count_each_tag_once_under_its_spelling(app):
    make_offering(make_actor(), title="A", tags=["Energiegenossenschaft"])
    make_offering(make_actor(), title="B", tags=["energiegenossenschaft"])
    assert offerings_by_tag(None)[0] == ("Energiegenossenschaft", 2, 0)


def test_search_finds_a_tag_regardless_of_case(client):
    owner = make_user()
    make_project(
        make_actor(owner=owner),
        owner,
        title="Bürgerstrom",
        summary="Vom Dach.",
        tags=["Energiegenossenschaft"],
    )
    drain()
    for query in ("energiegenossenschaft", "ENERGIEGENOSSENSCHAFT"):
        assert "Bürgerstrom" in client.get(f"/search/?q={query}").get_data(as_text=True)
