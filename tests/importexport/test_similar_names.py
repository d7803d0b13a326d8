"""The name rule of duplicate detection: close as strings, and no word of the shorter name missing."""

import pytest

from innovex.normalise import name_key, similar_names, similar_spelling


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Reparaturcafé Plagwitz", "Reparaturcafe Plagwitz"),
        ("Stadtteilladen Lindenau", "Stadtteilladen Lindenow"),  # a typo in one word
        ("Kulturzentrum Centre", "Kulturzentrum Center"),
        ("ADMR - Aide à domicile en milieu rural", "Aide à Domicile en Milieu Rural"),  # abbreviation added
        ("Lastenrad Kollektiv Süd", "Lastenradkollektiv Süd"),  # a compound written apart
    ],
)
def test_one_organisation_spelt_two_ways_has_similar_names(one, other):
    assert similar_names(name_key(one), name_key(other))
    assert similar_names(name_key(other), name_key(one))


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Better Health Bikes", "Better Health Bakery"),
        ("Sustainable Food Cities", "Sustainable Fish Cities"),
        ("Foodsharing Leipzig Nord", "Foodsharing Leipzig Ost"),  # two local groups
    ],
)
def test_names_differing_in_a_whole_word_are_not_similar(one, other):
    assert similar_spelling(name_key(one), name_key(other))  # close as strings ...
    assert not similar_names(name_key(one), name_key(other))  # ... but another organisation
    assert not similar_names(name_key(other), name_key(one))
