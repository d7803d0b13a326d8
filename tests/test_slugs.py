"""innovex.slugs.unique_slug: the one way every capability names new rows."""

from innovex.models import Actor, Project
from innovex.slugs import unique_slug
from tests.factories import make_actor, make_user
from tests.project_factories import make_project


def test_a_free_name_is_its_own_slug_and_a_taken_one_is_numbered(app):
    assert unique_slug(Actor.slug, "Gemüse Kooperative eG") == "gemuese-kooperative-eg"
    make_actor("Gemüse Kooperative eG", slug="gemuese-kooperative-eg")
    make_actor("Gemüse Kooperative eG", slug="gemuese-kooperative-eg-2")
    assert unique_slug(Actor.slug, "Gemüse Kooperative eG") == "gemuese-kooperative-eg-3"


def test_reserved_route_words_are_never_handed_out(app):
    assert unique_slug(Project.slug, "New", reserved={"new", "feed"}) == "new-2"


def test_an_alternative_is_tried_before_a_number(app):
    make_actor("Solawi", slug="solawi")
    assert unique_slug(Actor.slug, "Solawi", alternatives=["Solawi Leipzig"]) == "solawi-leipzig"
    make_actor("Solawi", slug="solawi-leipzig")
    assert unique_slug(Actor.slug, "Solawi", alternatives=["Solawi Leipzig"]) == "solawi-leipzig-2"


def test_a_batch_set_gets_each_slug_once_without_asking_the_database(app):
    taken = {"werkstatt"}
    first = unique_slug(Actor.slug, "Werkstatt", taken=taken)
    second = unique_slug(Actor.slug, "Werkstatt", taken=taken)
    assert (first, second) == ("werkstatt-2", "werkstatt-3")
    assert {"werkstatt-2", "werkstatt-3"} <= taken


def test_a_long_title_still_fits_the_column_with_its_number(app):
    owner = make_user()
    actor = make_actor(owner=owner)
    title = ("Sehr " * 40).strip()  # longer than the slug column, within the title column
    base = unique_slug(Project.slug, title, max_length=500)
    make_project(actor, owner, title=title, slug=base)
    numbered = unique_slug(Project.slug, title, max_length=500)
    assert numbered == f"{base}-2"
    assert len(numbered) <= Project.__table__.c.slug.type.length
