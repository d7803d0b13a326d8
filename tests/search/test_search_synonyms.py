"""Synonyms and compound parts: a German word finds an English profile and back, a compound asks for its parts
together (never its generic head alone), on the search page's ranking and the directory's."""

import pytest

from innovex import search
from innovex.matching.engine import suggestions_for
from innovex.search.synonyms import split_compound, variants
from tests.factories import make_actor, make_offering
from tests.project_factories import make_project
from tests.search.search_helpers import drain

KNOWN = {"fahrrad", "werkstatt", "werk", "statt", "energie", "genossenschaft", "wohnung", "leben", "mittel"}


def known(word: str) -> bool:
    return word in KNOWN


def test_a_compound_splits_where_both_parts_are_words():
    assert split_compound("fahrradwerkstatt", known) == ["fahrrad", "werkstatt"]  # not werk + statt
    assert split_compound("energiegenossenschaft", known) == ["energie", "genossenschaft"]
    assert split_compound("wohnungsgenossenschaft", known) == ["wohnung", "genossenschaft"]  # linking s
    assert split_compound("genossenschaft", set().__contains__) is None


def test_variants_say_a_query_in_both_languages():
    found = variants(["cargo", "bike"], known)
    assert ["lastenrad"] in found
    assert ["coffee"] in variants(["kaffee"], known)
    energy = variants(["energiegenossenschaft"], known)
    assert ["energie", "genossenschaft"] in energy and ["energy", "cooperative"] in energy
    assert ["genossenschaft"] not in energy  # the generic head never stands alone
    assert ["leben", "mittel"] not in variants(["lebensmittel"], known)  # a word of the table stays whole
    assert variants(["xyzzy"], known) == []


@pytest.fixture
def directory(app, db):
    actors = {
        "energy": make_actor("Sonnenstrom eG", description="Eine Energie-Genossenschaft für Bürgersolar."),
        "english": make_actor("Riverside Community Energy", description="An energy cooperative."),
        "generic": make_actor(
            "Genossenschaft für Buchhaltung", description="Genossenschaft, Genossenschaft."
        ),
        "bikes": make_actor("Cargo Crew", description="We rent out cargo bikes to families."),
        "coffee": make_actor("Roasters Collective", description="Fair coffee from farmers."),
    }
    make_offering(actors["generic"], title="Buchhaltung für Genossenschaften")
    drain()
    return actors


def test_a_compound_finds_its_parts_together_before_its_generic_head(app, directory):
    with app.test_request_context("/"):
        ids = search.actor_ids("Energiegenossenschaft", None)
    assert set(ids[:2]) == {directory["energy"].id, directory["english"].id}
    assert directory["generic"].id not in ids[:2]


@pytest.mark.parametrize(("text", "who"), [("Lastenrad", "bikes"), ("Kaffee", "coffee")])
def test_a_german_word_finds_an_english_profile(app, directory, text, who):
    with app.test_request_context("/"):
        assert search.actor_ids(text, None)[:1] == [directory[who].id]


def test_the_directory_falls_back_to_any_word(app, directory):
    with app.test_request_context("/"):
        assert search.actor_ids("Kaffee Teleportation", None) == [directory["coffee"].id]


def test_a_need_finds_a_partner_that_says_it_in_english(app, db, directory):
    home = make_actor("Kiezverein")
    project = make_project(
        home, title="Verleih im Kiez", summary="Räder für alle", needs=["Lastenrad"], seeking=["partners"]
    )
    drain()
    with app.test_request_context("/"):
        names = [s.actor.name for s in suggestions_for(project, None)]
    assert names[:1] == ["Cargo Crew"]


def test_few_full_matches_are_followed_by_partial_ones(client, directory):
    """One profile has both words: it comes first, and those with one of them follow, with a notice."""
    make_actor("Coffee Bikes", description="Coffee for families, from cargo bikes.")
    drain()
    with client.application.test_request_context("/"):
        ids = search.actor_ids("coffee families", None)
    assert len(ids) >= 2 and ids[0] not in (directory["coffee"].id, directory["bikes"].id)
    assert {directory["coffee"].id, directory["bikes"].id} <= set(ids)
    response = client.get(
        "/search/", query_string={"q": "coffee families"}, headers={"Accept-Language": "en"}
    )
    page = response.get_data(as_text=True)
    assert page.index("Bikes<") < page.index("Roasters ")  # names are highlighted
    assert "Few results matched all your words" in page


def test_a_query_with_an_exclusion_gets_no_broader_results():
    from innovex.search.querytext import excludes

    assert excludes("Lastenrad -Kreuzberg") and excludes("Lastenrad NOT Kreuzberg")
    assert not excludes("Spar- und Kreditgenossenschaft") and not excludes("E-Bike")
