"""Cached matches: kept while nothing relevant changes, recomputed when the project, a found organisation, or
something newly fitting changes."""

import pytest

from innovex.matching import engine, reverse
from innovex.matching.engine import suggestions_for
from innovex.matching.reverse import projects_for_actor
from tests.factories import make_actor, make_offering, make_user
from tests.project_factories import make_project
from tests.search.search_helpers import drain

pytestmark = pytest.mark.whoosh  # Whoosh's own machinery (see tests/conftest.py)


def setup_world():
    owner = make_user()
    home = make_actor("Kiezlieferung eG", owner=owner)
    bikes = make_actor("Kurierkollektiv eG")
    offer = make_offering(bikes, title="Lastenrad-Logistik", description="Lieferungen per Lastenrad")
    make_actor("Bäckerei eG")
    project = make_project(home, title="Zustellung im Kiez", needs=["Lastenrad"], tags=["logistik"])
    drain()
    engine._matcher.cache.clear()
    reverse._matcher.cache.clear()
    return owner, project, bikes, offer


def names(project, owner):
    return [s.actor.name for s in suggestions_for(project, owner)]


def test_suggestions_are_served_from_the_cache_until_something_unrelated_changes(app, db):
    owner, project, _bikes, _offer = setup_world()
    assert names(project, owner) == ["Kurierkollektiv eG"]
    key = next(iter(engine._matcher.cache._entries))
    cached = engine._matcher.cache._entries[key].value
    bakery = make_actor("Konditorei eG")  # fits nothing in the project
    make_offering(bakery, title="Torten")
    drain()
    assert names(project, owner) == ["Kurierkollektiv eG"]
    assert engine._matcher.cache._entries[key].value is cached  # not recomputed


def test_a_newly_fitting_organisation_invalidates_the_cache(app, db):
    owner, project, _bikes, _offer = setup_world()
    assert names(project, owner) == ["Kurierkollektiv eG"]
    newcomer = make_actor("Radlogistik Nord eG")
    make_offering(newcomer, title="Lastenrad-Kurierdienst", description="Lastenrad und Logistik")
    drain()
    assert "Radlogistik Nord eG" in names(project, owner)


def test_a_change_to_a_found_organisation_invalidates_the_cache(app, db):
    owner, project, _bikes, offer = setup_world()
    assert names(project, owner) == ["Kurierkollektiv eG"]
    offer.title, offer.description = "Brot", "Brötchen vom Bäcker"
    db.session.commit()
    drain()
    assert names(project, owner) == []


def test_a_change_to_the_project_invalidates_the_cache(app, db):
    owner, project, _bikes, _offer = setup_world()
    assert names(project, owner) == ["Kurierkollektiv eG"]
    other = make_actor("Backstube eG")
    make_offering(other, title="Sauerteigbrot")
    drain()
    from innovex.taxonomy import get_or_create_tags

    project.competencies = get_or_create_tags(["Sauerteigbrot"])
    project.tags = []
    db.session.commit()
    drain()
    assert names(project, owner)[0] == "Backstube eG"


def test_projects_for_an_organisation_see_new_projects(app, db):
    _owner, project, bikes, _offer = setup_world()
    assert [f.project.id for f in projects_for_actor(bikes, None)] == [project.id]
    second = make_project(make_actor("Quartier eG"), title="Lastenrad-Verleih", needs=["Lastenrad"])
    drain()
    assert {f.project.id for f in projects_for_actor(bikes, None)} == {project.id, second.id}
