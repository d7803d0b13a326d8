"""Choices are sorted by the reader's language: sectors by their translated label, countries by their name,
with "Ä" sorting as "A" (German dictionaries, DIN 5007-1) and accents and case only breaking ties."""

import re

import pytest
from flask_babel import force_locale

from innovex.formfields import country_choices
from innovex.i18n import sort_key
from innovex.taxonomy import SECTORS
from tests.factories import login_as, make_actor, make_user

LABELS = {"de": {slug: de for slug, de, _en in SECTORS}, "en": {slug: en for slug, _de, en in SECTORS}}


def test_sort_key_puts_umlauts_and_accents_with_their_letter():
    names = ["Zypern", "Albanien", "Österreich", "Ägypten", "Oman", "afghanistan", "Äthiopien", "Élysée"]
    assert sorted(names, key=sort_key) == [
        "afghanistan", "Ägypten", "Albanien", "Äthiopien", "Élysée", "Oman", "Österreich", "Zypern",
    ]  # fmt: skip
    assert sorted(["Straße", "Strasse", "strasse"], key=sort_key) == ["Strasse", "Straße", "strasse"]


@pytest.mark.parametrize(
    ("language", "before", "country", "after"),
    [("de", "Afghanistan", "Ägypten", "Albanien"), ("en", "Ecuador", "Egypt", "El Salvador")],
)
def test_country_list_sorts_by_the_readers_language(app, language, before, country, after):
    with app.test_request_context(), force_locale(language):
        names = [name for _code, name in country_choices()]
    assert names.index(before) < names.index(country) < names.index(after)
    assert names == sorted(names, key=sort_key)


def sector_labels(page: str, field_id: str) -> list[str]:
    """The labels of a checkbox list in the order the page shows them."""
    return re.findall(rf'<label for="{field_id}-\d+">([^<]+)</label>', page)


@pytest.fixture
def moderator_with_organisation(app):
    moderator = make_user(role="moderator")
    make_actor("Kooperative Sortierung", owner=moderator)
    return moderator


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize(
    ("url", "field_id"),
    [
        ("/projects/new", "sectors"),
        ("/organisations/new", "sector_ids"),
        ("/calls/new", "sectors"),
        ("/moderation/impulses/new", "sectors"),
    ],
)
def test_sector_checkboxes_sort_by_translated_label(
    client, moderator_with_organisation, language, url, field_id
):
    login_as(client, moderator_with_organisation)
    response = client.get(url, headers={"Accept-Language": language})
    assert response.status_code == 200
    shown = sector_labels(response.get_data(as_text=True), field_id)
    labels = LABELS[language]
    assert sorted(shown) == sorted(labels.values())
    assert shown == sorted(labels.values(), key=sort_key)
    assert shown != [labels[slug] for slug in sorted(labels)]  # not by the English key


def test_project_filter_lists_sectors_by_translated_label(client):
    page = client.get("/projects/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    listing = re.search(r'<select[^>]*name="sector"[^>]*>(.*?)</select>', page, re.S).group(1)
    shown = [
        label
        for label in re.findall(r"<option[^>]*>([^<]+)</option>", listing)
        if label in LABELS["de"].values()
    ]
    assert shown == sorted(LABELS["de"].values(), key=sort_key)
