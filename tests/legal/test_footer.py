"""The footer reaches every public area and the legal pages, and each of its links answers."""

import re

import pytest

PUBLIC_AREAS = {
    "/organisations/",
    "/map/",
    "/projects/",
    "/offerings/",
    "/calls/",
    "/solutions/",
    "/events/",
    "/statistics/",
    "/api/v1/open-data",
    "/search/",
    "/impressum",
    "/datenschutz",
}


def footer_links(html: str) -> list[str]:
    footer = html[html.index('<footer class="site-footer">') : html.index("</footer>")]
    return re.findall(r'href="([^"]+)"', footer)


def test_the_footer_links_every_public_area(client):
    links = footer_links(client.get("/").get_data(as_text=True))
    assert set(links) >= PUBLIC_AREAS


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_footer_link_answers_200(client, lang):
    links = footer_links(client.get("/", headers={"Accept-Language": lang}).get_data(as_text=True))
    assert links
    for url in links:
        assert client.get(url, headers={"Accept-Language": lang}).status_code == 200, url
