"""Country names and codes in any form to ISO 3166-1 alpha-2; names in other scripts in keys and slugs."""

import pytest

from innovex.actors.importers.validation import COUNTRIES
from innovex.normalise import ascii_fold, country_code, name_key, slugify


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("DE", "DE"), ("de", "DE"), (" de ", "DE"), ("DEU", "DE"), ("deu", "DE"), ("276", "DE"),
        ("Germany", "DE"), ("Deutschland", "DE"), ("DEUTSCHLAND", "DE"), ("Allemagne", "DE"),
        ("Niemcy", "DE"), ("Österreich", "AT"), ("ÖSterreich", "AT"), ("Oesterreich", "AT"),
        ("Osterreich", "AT"),
        ("Austria", "AT"), ("AUT", "AT"), ("Schweiz", "CH"), ("Suisse", "CH"), ("Svizzera", "CH"),
        ("Switzerland", "CH"), ("UK", "GB"), ("uk", "GB"), ("England", "GB"), ("SCOTLAND", "GB"),
        ("United Kingdom", "GB"), ("Großbritannien", "GB"), ("Ελλάδα", "GR"), ("EL", "GR"), ("Greece", "GR"),
        ("Belgique", "BE"), ("België", "BE"), ("Portogallo", "PT"), ("România", "RO"), ("Latvija", "LV"),
        ("Slovenija", "SI"), ("Czech Republic", "CZ"), ("Tschechien", "CZ"), ("The Netherlands", "NL"),
        ("Holland", "NL"), ("Россия", "RU"), ("Türkei", "TR"), ("Turkey", "TR"), ("Kosovo", "XK"),
        ("Isle of Man", "IM"), ("Deutschland.", "DE"),
    ],
)  # fmt: skip
def test_country_names_and_codes_become_iso_codes(value, code):
    assert country_code(value) == code


@pytest.mark.parametrize("value", [None, "", "  ", "Frace", "ABERDEEN", "Atlantis", "XX", "EU", "ZZZ", "999"])
def test_unknown_countries_give_none(value):
    assert country_code(value) is None


def test_every_code_is_one_the_import_format_accepts():
    from innovex.normalise import _country_index

    codes, other_codes, names = _country_index()
    assert codes <= COUNTRIES
    assert set(other_codes.values()) <= codes and set(names.values()) <= codes


@pytest.mark.parametrize(
    ("name", "folded", "key", "slug"),
    [
        ("Българска хранителна банка", "Balgarska hranitelna banka", "balgarska hranitelna banka",
         "balgarska-hranitelna-banka"),
        ("Ελληνική Εταιρεία", "Elliniki Etaireia", "elliniki etaireia", "elliniki-etaireia"),
        ("Gemüse eG", "Gemuese eG", "gemuese", "gemuese-eg"),
        ("Łódź Ærø Đakovo", "Lodz Aero Dakovo", "lodz aero dakovo", "lodz-aero-dakovo"),
    ],
)  # fmt: skip
def test_names_in_other_scripts_get_readable_slugs_and_name_keys(name, folded, key, slug):
    assert ascii_fold(name) == folded
    assert name_key(name) == key
    assert slugify(name) == slug


def test_names_in_scripts_without_transliteration_keep_their_letters():
    assert name_key("東京協同組合") == "東京協同組合"
